"""The furniture classifier at run time: a small tree ensemble read from JSON, scored with numpy.

Why: which mix of shape, place and repetition makes a line furniture is learnt from hand-judged pages
(``bench/train_furniture.py`` writes ``furniture_model.json``) rather than written as rule chains. Trees
can say "short AND at the top AND in other pages too", which a linear model cannot. Walking the hundreds
of trees one line at a time in Python cost about a millisecond a line, so a page's lines are scored
together: the trees are stacked into padded arrays and walked in lockstep, every row through every tree,
for the deepest tree's depth (a leaf points at itself, so rows that reach one early stay there). The
trees' scores are added in tree order (``cumsum``), as the per-line walk did, so the probabilities are
the same floats.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .lines import FEATURES

MODEL_FILE = Path(__file__).with_name("furniture_model.json")


@dataclass(frozen=True)
class Tree:
    """One regression tree in scikit-learn's array layout: a node is a leaf when ``left`` is -1."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def score(self, row: Sequence[float]) -> float:
        node = 0
        while self.left[node] >= 0:
            node = self.left[node] if row[self.feature[node]] <= self.threshold[node] else self.right[node]
        return self.value[node]


@dataclass(frozen=True)
class FurnitureModel:
    """Gradient-boosted trees: probability = sigmoid(base + rate * sum of tree scores)."""

    base: float
    rate: float
    trees: tuple[Tree, ...]
    _forest: _Forest = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_forest", _Forest(self.trees))

    def probability(self, row: Sequence[float]) -> float:
        """One line's probability (``probabilities`` is cheaper for a page's lines)."""
        return self.probabilities([row])[0]

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Every row's probability, the trees walked for all rows at once."""
        if not rows:
            return []
        margins = [self.base + self.rate * total for total in self._forest.sums(rows)]
        return [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, margin)))) for margin in margins]


class _Forest:
    """The trees as padded (tree x node) arrays, flattened: a node's children are indexes into the same
    flat arrays, and a leaf's children are the leaf itself."""

    def __init__(self, trees: Sequence[Tree]) -> None:
        import numpy as np

        width = max((len(tree.left) for tree in trees), default=1)
        self.count = len(trees)
        feature = np.zeros((self.count, width), dtype=np.intp)
        threshold = np.zeros((self.count, width), dtype=np.float64)
        value = np.zeros((self.count, width), dtype=np.float64)
        left_of = np.zeros((self.count, width), dtype=np.intp)
        right_of = np.zeros((self.count, width), dtype=np.intp)
        self.depth = 0
        for k, tree in enumerate(trees):
            size, offset = len(tree.left), k * width
            own = np.arange(size) + offset
            left, right = np.asarray(tree.left, dtype=np.intp), np.asarray(tree.right, dtype=np.intp)
            leaf = left < 0
            feature[k, :size] = np.where(leaf, 0, tree.feature)
            threshold[k, :size] = tree.threshold
            value[k, :size] = tree.value
            left_of[k, :size] = np.where(leaf, own, left + offset)
            right_of[k, :size] = np.where(leaf, own, right + offset)
            self.depth = max(self.depth, _depth(tree))
        self.roots: Any = np.arange(self.count, dtype=np.intp) * width
        self.feature: Any = feature.ravel()
        self.threshold: Any = threshold.ravel()
        self.value: Any = value.ravel()
        self.left: Any = left_of.ravel()
        self.right: Any = right_of.ravel()

    def sums(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Each row's sum of tree scores, added tree by tree in order."""
        import numpy as np

        # the trees were fitted on single-precision features (scikit-learn's trees cast them), so a ratio
        # such as 1/3 is compared as that single-precision value, as at fit time
        table = np.asarray(rows, dtype=np.float32).astype(np.float64)
        if self.count == 0:
            return [0.0] * len(table)
        nodes: Any = np.broadcast_to(self.roots, (len(table), self.count))
        for _ in range(self.depth):
            seen = np.take_along_axis(table, self.feature[nodes], axis=1)
            nodes = np.where(seen <= self.threshold[nodes], self.left[nodes], self.right[nodes])
        return [float(total) for total in np.cumsum(self.value[nodes], axis=1)[:, -1]]


def _depth(tree: Tree) -> int:
    """The most splits on any path from the root to a leaf."""
    deepest, stack = 0, [(0, 0)]
    while stack:
        node, depth = stack.pop()
        if tree.left[node] < 0:
            deepest = max(deepest, depth)
        else:
            stack += [(tree.left[node], depth + 1), (tree.right[node], depth + 1)]
    return deepest


@cache
def load_model(path: Path = MODEL_FILE) -> FurnitureModel:
    """The shipped model; refuses a file written for another feature list (retrain it then)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ConfigError(
            f"{path.name} was trained on other line features than synopsis/ingest/lines.py computes; "
            "run bench/train_furniture.py to rebuild it"
        )
    trees = tuple(
        Tree(tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]), tuple(t["right"]), tuple(t["value"]))
        for t in data["trees"]
    )
    return FurnitureModel(float(data["base"]), float(data["rate"]), trees)
