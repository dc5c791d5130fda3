"""Figures of a corpus and, for each pair from two sources, the chance that they measure one thing.

The stage reads this once and uses it twice: discrepancies (two readings of one measurement whose values
cannot both be true) and claim groups (units whose figures are readings of one measurement report one fact).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..lang.quantities import comparable
from ..models import Dossier, Quote
from .mentions import FigureMention, figure_mentions, masked_text
from .pairs import PairContext, PairModel, pair_features
from .rules import fired
from .slots import Slot
from .units import ClaimUnit


@dataclass
class Figures:
    """Mentions, their candidate pairs (indices into ``mentions``) and each pair's probability (0 when vetoed)."""

    mentions: list[FigureMention]
    context: PairContext
    pairs: list[tuple[int, int]] = field(default_factory=list)
    features: list[dict[str, float]] = field(default_factory=list)
    #: the rule families that say the pair is two measurements (kept or not)
    fired: list[frozenset[str]] = field(default_factory=list)
    #: a kept rule family fired: the model is not asked
    vetoed: list[bool] = field(default_factory=list)
    probabilities: list[float] = field(default_factory=list)

    def by_unit_pair(self) -> dict[tuple[int, int], float]:
        """(unit, unit) with the lower index first -> the highest probability among their figures' pairs that no
        rule vetoed."""
        best: dict[tuple[int, int], float] = {}
        for (i, j), p, veto in zip(self.pairs, self.probabilities, self.vetoed, strict=True):
            if veto:
                continue  # a rule's veto says what the pair is not, nothing about the rest of the two clauses
            a, b = sorted((self.mentions[i].unit, self.mentions[j].unit))
            best[(a, b)] = max(p, best.get((a, b), 0.0))
        return best


def read_figures(
    corpus: Dossier,
    units: Sequence[ClaimUnit],
    slots: Sequence[Sequence[Slot]],
    quotes: dict[str, list[Quote]],
    unit_vectors: Any,
    embedder: Any,
    model: PairModel | None,
    rules: Sequence[str] = (),
    exhaustive_limit: int = 3000,
) -> Figures:
    """Every figure mention and every candidate pair, vetoed by ``rules`` or scored by ``model`` (features only
    when it is None)."""
    import numpy as np

    mentions = figure_mentions(corpus, units, slots, quotes)
    by_unit: dict[int, list[FigureMention]] = {}
    for mention in mentions:
        by_unit.setdefault(mention.unit, []).append(mention)
    masked = np.array(unit_vectors, dtype=np.float32, copy=True)
    holding = sorted(by_unit)
    pairs = candidate_pairs(mentions, exhaustive_limit)
    paired = sorted({k for pair in pairs for k in pair})  # only a paired figure's local words are compared
    # one call: the embedder batches texts of like length together (a vector does not depend on its batch)
    texts = [masked_text(units[u], by_unit[u]) for u in holding] + [mentions[k].local for k in paired]
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32) if texts else np.zeros((0, masked.shape[1]))
    if holding:
        masked[holding] = vectors[: len(holding)]
    local = vectors[len(holding) :]
    context = PairContext(units, np.asarray(unit_vectors, dtype=np.float32), masked, by_unit,
                          {(mentions[k].unit, mentions[k].index): row
                           for k, row in zip(paired, np.asarray(local, dtype=np.float32), strict=True)})
    figures = Figures(mentions, context)
    for i, j in pairs:
        features = pair_features(mentions[i], mentions[j], context)
        # the pair features read the echo test over the same units (``context.by_unit`` is ``by_unit``)
        rule_names = fired(mentions[i], mentions[j], by_unit, echo=features["echo"] > 0)
        veto = bool(rule_names & set(rules))
        figures.pairs.append((i, j))
        figures.features.append(features)
        figures.fired.append(rule_names)
        figures.vetoed.append(veto)
    if model is not None:
        figures.probabilities = model.probabilities(figures.pairs, mentions, figures.features, figures.vetoed)
    return figures


def candidate_pairs(mentions: Sequence[FigureMention], exhaustive_limit: int) -> list[tuple[int, int]]:
    """Pairs of one family from two sources: all of them for a story's worth of figures; above
    ``exhaustive_limit`` figures only those that share the noun or the verb they attach to."""
    by_family: dict[str, list[int]] = {}
    for index, mention in enumerate(mentions):
        by_family.setdefault(mention.family, []).append(index)
    out: set[tuple[int, int]] = set()
    for members in by_family.values():
        if len(mentions) <= exhaustive_limit:
            blocks = [members]
        else:
            keyed: dict[str, list[int]] = {}
            for index in members:
                for key in {f"h:{mentions[index].head}", f"v:{mentions[index].verb}"} - {"h:", "v:"}:
                    keyed.setdefault(key, []).append(index)
            blocks = [block for block in keyed.values() if len(block) <= 200]
        for block in blocks:
            for x, i in enumerate(block):
                for j in block[x + 1 :]:
                    if mentions[i].source != mentions[j].source and comparable(mentions[i].quantity,
                                                                                mentions[j].quantity):
                        out.add((i, j))
    return sorted(out)
