"""The claims stage's work: units, figures, groups, claims and every discrepancy with its confidence.

Kept apart from ``stage`` so that ``bench/train_measure.py`` reads figures exactly as a build does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..models import Dossier
from .align import Alignment, AlignSettings, align
from .build import Ordered, build_claims
from .conflicts import ConflictSettings, figure_discrepancies
from .discrepancy import (
    PendingDiscrepancy,
    calibrated,
    confidence_model,
    negation_discrepancies,
    outlet_count,
)
from .figures import Figures, read_figures
from .measure import Measure, measures_of
from .names import direction_discrepancies, name_discrepancies
from .pairs import PairModel, default_model
from .people import aligned_quote_discrepancies, quote_wording_discrepancies, title_discrepancies
from .rosters import roster_discrepancies
from .rules import RULES
from .slots import Slot, extract_slots
from .units import ClaimUnit, extract_units, quotes_by_article

#: Rule finders with a fixed confidence (their precision on the tune stories), kept where ``learned_confidence`` is
#: off or the learned model does not cover the finder.
FINDERS = ("negation", "title", "roster", "name", "direction", "quote")


@dataclasses.dataclass(frozen=True)
class ClaimSettings:
    """The ``[claims]`` section of the configuration (every number is written, with its data, in defaults.toml)."""

    min_words: int
    frame: float
    negation: float
    align: AlignSettings
    conflicts: ConflictSettings
    #: discrepancies below this confidence are left out of the dossier unless ``all_discrepancies``
    min_confidence: float
    all_discrepancies: bool
    #: above this many figures, only pairs sharing a noun or a verb are scored
    figure_pairs_limit: int
    #: finder -> the confidence its discrepancies carry
    confidence: dict[str, float]
    #: rule families kept beside the pair model (``rules.RULES``)
    rules: tuple[str, ...]
    #: rule finders' confidences from the learned model (``confidence_weights.json``) instead of the fixed ones
    learned_confidence: bool

    @classmethod
    def from_section(cls, section: dict[str, Any]) -> ClaimSettings:
        return cls(
            min_words=int(section["min_words"]),
            frame=float(section["frame"]),
            negation=float(section["negation"]),
            align=AlignSettings.from_section(section),
            conflicts=ConflictSettings(link=float(section["figure_link"]), seed_floor=float(section["seed_floor"])),
            min_confidence=float(section["min_confidence"]),
            all_discrepancies=bool(section["all_discrepancies"]),
            figure_pairs_limit=int(section["figure_pairs_limit"]),
            confidence={name: float(section[f"confidence_{name}"]) for name in FINDERS},
            rules=_rules(section["rules"]),
            learned_confidence=bool(section["learned_confidence"]),
        )


@dataclass
class UnitSet:
    """Units with their vectors, slots and measures: what figures and groups are read from."""

    units: list[ClaimUnit]
    vectors: Any
    slots: list[list[Slot]]
    measures: list[list[Measure]]


@dataclass
class Analysis:
    """Everything the stage found, before discrepancies are filtered and numbered."""

    unit_set: UnitSet
    figures: Figures
    alignment: Alignment
    ordered: Ordered
    found: list[PendingDiscrepancy]


def read_units(corpus: Dossier, embedder: Any, min_words: int) -> UnitSet:
    """Claim units of every article, embedded, with the values each gives and what each value measures."""
    import numpy as np

    units = extract_units(corpus, min_words, corpus.quotes)
    texts = [u.text for u in units]
    prefetch = getattr(embedder, "prefetch", None)
    if prefetch is not None and texts:
        prefetch(texts)  # embedded on the embedder's thread while slots and measures are read here
    slots = [extract_slots(u.text, u.start) for u in units]
    articles = {a.id: a for a in corpus.articles}
    quoted_in = quotes_by_article(corpus.quotes or ())
    measures = [measures_of(articles[u.article_id], unit_slots, quoted_in.get(u.article_id, ()))
                for u, unit_slots in zip(units, slots, strict=True)]
    vectors = embedder.embed(texts) if units else np.zeros((0, 384), dtype=np.float32)
    return UnitSet(units, np.asarray(vectors, dtype=np.float32), slots, measures)


def analyse(corpus: Dossier, embedder: Any, settings: ClaimSettings, model: PairModel | None = None) -> Analysis:
    """Units -> figures and their pairs -> aligned groups -> claims -> discrepancies of every finder."""
    read = read_units(corpus, embedder, settings.min_words)
    units = read.units
    model = model or default_model()
    figures = read_figures(corpus, units, read.slots, quotes_by_article(corpus.quotes or ()), read.vectors,
                           embedder, model, settings.rules, settings.figure_pairs_limit)
    alignment = align(units, read.vectors, settings.align, figures.by_unit_pair() if figures.probabilities else None)
    ordered = build_claims(corpus, units, read.vectors, alignment, read.slots)
    group = ordered.claim_of_unit
    pairs = [
        (int(i), int(j), float(score), group[int(i)] == group[int(j)])
        for (i, j), score in zip(alignment.pairs, alignment.scores, strict=True)
        if score >= settings.frame
    ]
    fixed = settings.confidence
    outlets = outlet_count(corpus.articles)
    judge = confidence_model() if settings.learned_confidence else None

    def confident(found: list[PendingDiscrepancy], finder: str) -> list[PendingDiscrepancy]:
        return calibrated(found, outlets, fixed.get(finder, 1.0), judge)

    found = [
        *figure_discrepancies(corpus, units, figures, group, settings.conflicts, model),
        *confident(negation_discrepancies(corpus, units, pairs, settings.negation, group), "negation"),
        *confident(title_discrepancies(corpus), "title"),
        *confident(roster_discrepancies(corpus, units, read.slots), "roster"),
        *confident(name_discrepancies(corpus), "name"),
        *confident(direction_discrepancies(corpus, units, group), "direction"),
    ]
    by_cluster = quote_wording_discrepancies(corpus, corpus.quotes or ())
    covered = {frozenset(_quote_ids(corpus, f.readings)) for f in by_cluster}
    spans = [(u.article_id, u.source, u.start, u.end, u.speaker_id) for u in units]
    quoted = [*by_cluster, *aligned_quote_discrepancies(corpus, corpus.quotes or (), spans, group, covered)]
    found += confident(quoted, "quote")
    return Analysis(read, figures, alignment, ordered, found)


def _rules(names: Sequence[str]) -> tuple[str, ...]:
    unknown = [name for name in names if name not in RULES]
    if unknown:
        raise ConfigError(f"[claims] rules: unknown rule families {unknown}; known: {', '.join(RULES)}")
    return tuple(names)


def shown(found: Sequence[PendingDiscrepancy], settings: ClaimSettings) -> list[PendingDiscrepancy]:
    """The discrepancies a report shows: those at ``min_confidence`` or above, or all of them when asked."""
    if settings.all_discrepancies:
        return list(found)
    return [f for f in found if f.confidence >= settings.min_confidence]


def _quote_ids(corpus: Dossier, readings: Any) -> list[str]:
    spans = {(r.article_id, r.start, r.end) for r in readings}
    return [q.id for q in corpus.quotes or () if (q.article_id, q.start, q.end) in spans]
