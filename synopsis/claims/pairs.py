"""Do two figures from two outlets measure the same thing? A small logistic model over general features.

Why a model: the hand-written test ("same source, same time, same subject...") grew into clauses with
exceptions and still compared a plane's 242 passengers on board with its 248 seats, while it missed turnout
given as "83 and 84 percent" against "82.5 percent" in one claim group. The model reads, for each pair,
how alike the two clauses are with their figures masked, the nouns, verbs and entities each figure attaches to,
time anchors and hedges, the kinds and how far apart the values are; its weights are fitted on the tune half
of the stories benchmark by ``bench/train_measure.py`` and ship as ``measure_weights.json`` beside this module.
Scoring a pair is a dot product over a few dozen named features.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .mentions import FigureMention
from .units import ClaimUnit
from .values import apart, compatible

WEIGHTS = Path(__file__).with_name("measure_weights.json")
#: Roles that make a figure something other than the reading of a measure (a total, a margin, a change...).
_SPECIAL_ROLES = frozenset({"total", "difference", "rate", "change", "offset", "gap"})


@dataclass
class PairContext:
    """What pair features read besides the two mentions: unit vectors and masked-clause vectors.

    Nothing here depends on claim groups, so that grouping can itself ask the model.
    """

    units: Sequence[ClaimUnit]
    unit_vectors: Any  # (U, d) unit-length vectors of the units
    masked_vectors: Any  # (U, d) unit-length vectors of the units with their figures masked
    #: per unit, the mentions it holds (to tell a lone figure from one among several of its kind)
    by_unit: dict[int, list[FigureMention]]
    #: (unit, index) of a mention -> unit-length vector of its local words, the figure masked
    local: dict[tuple[int, int], Any]

    def __post_init__(self) -> None:
        self.unit_centred = _centred(self.unit_vectors)
        self.masked_centred = _centred(self.masked_vectors)
        #: (article, family) -> how many figures of that family the article gives
        self.rivals: dict[tuple[str, str], int] = {}
        #: (unit, family) -> how many figures of that family the unit gives
        self.crowd: dict[tuple[int, str], int] = {}
        for unit, mentions in self.by_unit.items():
            for m in mentions:
                self.rivals[(m.article_id, m.family)] = self.rivals.get((m.article_id, m.family), 0) + 1
                self.crowd[(unit, m.family)] = self.crowd.get((unit, m.family), 0) + 1


def _centred(vectors: Any) -> Any:
    """Vectors minus their mean, renormalised: the story's shared topic cancels out of their cosines."""
    import numpy as np

    if len(vectors) == 0:
        return vectors
    centred = vectors - vectors.mean(axis=0, keepdims=True)
    return centred / np.clip(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9, None)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def pair_features(a: FigureMention, b: FigureMention, context: PairContext) -> dict[str, float]:
    """Named features of one pair of mentions of one family from two sources (absent names are zero)."""
    sa, sb, ma, mb = a.quantity, b.quantity, a.measure, b.measure
    ua, ub = context.units[a.unit], context.units[b.unit]
    agree = compatible(sa, sb)
    gap = 0.0 if agree else apart(sa, sb)  # ``distance``: readings that agree (or are not comparable) are 0 apart
    f: dict[str, float] = {"bias": 1.0, f"kind={sa.kind if sa.kind != 'count' else 'number'}": 1.0}
    f["compatible"] = float(agree)
    f["equal"] = float(sa.low == sb.low and sa.high == sb.high)
    f["distance"] = gap
    f["near"] = float(0.0 < gap <= 0.05)
    f["close"] = float(0.05 < gap <= 0.2)
    f["apart"] = float(0.2 < gap <= math.log(2.0))
    f["far"] = float(gap > math.log(4.0))
    f["kinds_differ"] = float(sa.kind != sb.kind)
    f["masked_cos"] = float(context.masked_vectors[a.unit] @ context.masked_vectors[b.unit])
    f["masked_centred"] = float(context.masked_centred[a.unit] @ context.masked_centred[b.unit])
    f["unit_centred"] = float(context.unit_centred[a.unit] @ context.unit_centred[b.unit])
    f["local_cos"] = float(context.local[(a.unit, a.index)] @ context.local[(b.unit, b.index)])
    for name, va, vb in (("head_cos", a.head_vector, b.head_vector), ("verb_cos", a.verb_vector, b.verb_vector),
                         ("predicate_cos", a.predicate_vector, b.predicate_vector)):
        if va is not None and vb is not None:
            f[name] = float(va @ vb)
    f["core_overlap"] = _jaccard(ua.core, ub.core)
    if a.head and b.head:
        f["head_same" if a.head == b.head else "head_differs"] = 1.0
    else:
        f["head_missing"] = 1.0
    if a.verb and b.verb:
        f["verb_same" if a.verb == b.verb else "verb_differs"] = 1.0
    f["frame_jaccard"] = _jaccard(a.frame, b.frame)
    if a.frame_vector is not None and b.frame_vector is not None:
        f["frame_cos"] = float(a.frame_vector @ b.frame_vector)
    else:
        f["frame_cos_missing"] = 1.0
    f["window_jaccard"] = _jaccard(a.window, b.window)
    f["entities_jaccard"] = _jaccard(a.entities, b.entities)
    if a.entities and b.entities and not a.entities & b.entities:
        f["entities_disjoint"] = 1.0
    if a.nearest and b.nearest:
        f["nearest_same" if a.nearest == b.nearest else "nearest_differs"] = 1.0
    if a.years and b.years:
        f["years_shared" if a.years & b.years else "years_disjoint"] = 1.0
    if ma.when and mb.when and not ma.when & mb.when:
        f["when_disjoint"] = 1.0
    f["update_either"] = float(a.update or b.update)
    f["approx_either"] = float(a.approximate or b.approximate)
    if ma.source and mb.source:
        f["source_same" if ma.source & mb.source else "source_conflict"] = 1.0
    elif ma.source or mb.source:
        f["source_one"] = 1.0
    f["hypothetical"] = float(ma.hypothetical or mb.hypothetical)
    f["frame_words_differ"] = float(ma.frame != mb.frame)
    if ma.places and mb.places and not ma.places & mb.places:
        f["places_disjoint"] = 1.0
    if ma.period and mb.period and ma.period != mb.period:
        f["period_differs"] = 1.0
    if ma.scale and mb.scale:
        f["scale_same" if ma.scale == mb.scale else "scale_differs"] = 1.0
    if ma.subject and mb.subject:
        f["subject_same" if ma.subject == mb.subject else "subject_differs"] = 1.0
    if a.role != b.role:
        f["role_differs"] = 1.0
    if {a.role, b.role} & _SPECIAL_ROLES:
        f["role_special"] = 1.0
    if sa.bound or sb.bound:
        f["bound_either"] = 1.0
    if sa.noun and sb.noun:
        f["noun_same" if sa.noun == sb.noun else "noun_differs"] = 1.0
    f["lead_both"] = float(a.lead and b.lead)
    f["survey"] = float(ma.survey or mb.survey)
    if ua.speaker_id and ub.speaker_id and ua.speaker_id != ub.speaker_id:
        f["speakers_differ"] = 1.0
    # how many figures of the family each article offers: among few, two alike are likelier one measurement
    f["rivals"] = math.log1p(context.rivals.get((a.article_id, a.family), 0)) + math.log1p(
        context.rivals.get((b.article_id, b.family), 0))
    crowd_a = context.crowd.get((a.unit, a.family), 0) - 1
    crowd_b = context.crowd.get((b.unit, b.family), 0) - 1
    f["crowded"] = math.log1p(crowd_a) + math.log1p(crowd_b)
    # the unit of one figure also gives a value that agrees with the other: that value is the reading to compare
    f["echo"] = float(_echoes(a, b, context) or _echoes(b, a, context))
    return f


def _echoes(a: FigureMention, b: FigureMention, context: PairContext) -> bool:
    return any(m.index != a.index and m.family == b.family and compatible(m.quantity, b.quantity)
               for m in context.by_unit.get(a.unit, ()))


def rivalry_features(pairs: Sequence[tuple[int, int]], mentions: Sequence[FigureMention],
                     first: Sequence[float]) -> list[dict[str, float]]:
    """Per pair, how its first-stage probability ranks among each figure's other partners in the other article.

    Why: a figure is one reading in each outlet at most, so the partner an article offers is its likeliest
    figure, and a pair that both figures prefer over their rivals ("13 people" killed at one mosque, among the
    tolls of five places) is likelier one measurement than its own words say.
    """
    ranked: dict[tuple[int, str], list[float]] = {}
    for (i, j), p in zip(pairs, first, strict=True):
        ranked.setdefault((i, mentions[j].article_id), []).append(p)
        ranked.setdefault((j, mentions[i].article_id), []).append(p)
    for values in ranked.values():
        values.sort(reverse=True)
    out: list[dict[str, float]] = []
    for (i, j), p in zip(pairs, first, strict=True):
        margins, tops = [], []
        for rivals in (ranked[(i, mentions[j].article_id)], ranked[(j, mentions[i].article_id)]):
            top = p >= rivals[0]
            runner_up = rivals[1] if top and len(rivals) > 1 else (None if top else rivals[0])
            margins.append(logit(p) - logit(runner_up) if runner_up is not None else _MARGIN_ALONE)
            tops.append(top)
        out.append({"rank_logit": logit(p), "rank_top_both": float(all(tops)),
                    "rank_top_one": float(tops[0] != tops[1]), "rank_margin_min": min(margins),
                    "rank_margin_max": max(margins)})
    return out


#: The margin of a figure's only partner in the other article (no rival to beat).
_MARGIN_ALONE = 3.0


def logit(p: float) -> float:
    """The log-odds of ``p``, kept finite."""
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


class PairModel:
    """Logistic weights over named pair features, and over named discrepancy features for the confidence.

    Two stages: ``weights`` read the pair alone; ``rank_weights`` read the pair again with how its first-stage
    probability ranks among each figure's rivals (``rivalry_features``). The calibration model then gives a
    discrepancy's confidence: the chance, on the tune stories, that a discrepancy like it matches a real
    disagreement (see ``conflicts.discrepancy_features``).
    """

    def __init__(self, weights: dict[str, float], confidence_weights: dict[str, float] | None = None,
                 rank_weights: dict[str, float] | None = None) -> None:
        self.weights = weights
        self.confidence_weights = confidence_weights or {}
        self.rank_weights = rank_weights or {}

    @property
    def calibrated(self) -> bool:
        return bool(self.confidence_weights)

    def probability(self, features: dict[str, float]) -> float:
        """The first stage: the pair read alone."""
        return _logistic(self.weights, features)

    def probabilities(self, pairs: Sequence[tuple[int, int]], mentions: Sequence[FigureMention],
                      features: Sequence[dict[str, float]], vetoed: Sequence[bool]) -> list[float]:
        """Every pair's probability of being one measurement (0 where a rule vetoes it), both stages."""
        first = [0.0 if veto else self.probability(f) for f, veto in zip(features, vetoed, strict=True)]
        if not self.rank_weights:
            return first
        rivalry = rivalry_features(pairs, mentions, first)
        return [0.0 if veto else _logistic(self.rank_weights, {**f, **r})
                for f, r, veto in zip(features, rivalry, vetoed, strict=True)]

    def confidence(self, features: dict[str, float]) -> float:
        return _logistic(self.confidence_weights, features)

    @staticmethod
    def from_file(path: Path) -> PairModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return PairModel({str(k): float(v) for k, v in data["weights"].items()},
                         {str(k): float(v) for k, v in data.get("confidence_weights", {}).items()},
                         {str(k): float(v) for k, v in data.get("rank_weights", {}).items()})


def _logistic(weights: dict[str, float], features: dict[str, float]) -> float:
    total = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


@functools.cache
def default_model() -> PairModel:
    """The committed model (``bench/train_measure.py`` writes it)."""
    return PairModel.from_file(WEIGHTS)
