"""The furniture classifier at run time: a small tree ensemble read from JSON, scored in plain Python.

Why: which mix of shape, place and repetition makes a line furniture is learnt from hand-judged pages
(``bench/train_furniture.py`` writes ``furniture_model.json``) rather than written as rule chains. Trees
can say "short AND at the top AND in other pages too", which a linear model cannot. Scoring one line walks
a few thousand nodes of shallow trees (about a millisecond): no numerical library is needed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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

    def probability(self, row: Sequence[float]) -> float:
        margin = self.base + self.rate * sum(tree.score(row) for tree in self.trees)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, margin))))


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
