"""Corpus stage: claims (who reports what, corroborated or not) and typed discrepancies."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..context import Context
from ..models import Dossier
from .align import AlignSettings, align
from .build import build_claims, rank
from .discrepancy import negation_discrepancies, slot_discrepancies
from .measure import measures_of
from .names import name_discrepancies
from .people import aligned_quote_discrepancies, quote_wording_discrepancies, title_discrepancies
from .rosters import roster_discrepancies
from .slots import extract_slots
from .units import extract_units, quotes_by_article


@dataclasses.dataclass(frozen=True)
class ClaimSettings:
    """The ``[claims]`` section of the configuration."""

    min_words: int = 5
    frame: float = 0.33
    negation: float = 0.5
    align: AlignSettings = dataclasses.field(default_factory=AlignSettings)

    @classmethod
    def from_section(cls, section: dict[str, Any]) -> ClaimSettings:
        names = {f.name for f in dataclasses.fields(AlignSettings)}
        return cls(
            min_words=int(section.get("min_words", cls.min_words)),
            frame=float(section.get("frame", cls.frame)),
            negation=float(section.get("negation", cls.negation)),
            align=AlignSettings(**{k: v for k, v in section.items() if k in names}),
        )


class ClaimsStage:
    """Units -> embeddings -> aligned groups -> claims, then slot, negation, title and wording conflicts.

    Values conflict only as readings of one measurement (same source, time, qualifier and subject).
    """

    def __init__(self, embedder: Any, settings: ClaimSettings) -> None:
        self.embedder = embedder
        self.settings = settings

    def __call__(self, corpus: Dossier) -> Dossier:
        import numpy as np

        units = extract_units(corpus, self.settings.min_words, corpus.quotes)
        vectors = self.embedder.embed([u.text for u in units]) if units else np.zeros((0, 384), dtype=np.float32)
        alignment = align(units, np.asarray(vectors, dtype=np.float32), self.settings.align)
        slots = [extract_slots(u.text, u.start) for u in units]
        articles = {a.id: a for a in corpus.articles}
        quoted_in = quotes_by_article(corpus.quotes or ())
        measures = [measures_of(articles[u.article_id], unit_slots, quoted_in.get(u.article_id, ()))
                    for u, unit_slots in zip(units, slots, strict=True)]
        ordered = build_claims(corpus, units, vectors, alignment, slots)
        group = ordered.claim_of_unit
        pairs = [
            (int(i), int(j), float(score), group[int(i)] == group[int(j)])
            for (i, j), score in zip(alignment.pairs, alignment.scores, strict=True)
            if score >= self.settings.frame
        ]
        found = [
            *slot_discrepancies(corpus, units, slots, pairs, group, measures),
            *negation_discrepancies(corpus, units, pairs, self.settings.negation, group),
            *title_discrepancies(corpus),
            *roster_discrepancies(corpus, units, slots),
            *name_discrepancies(corpus),
        ]
        by_cluster = quote_wording_discrepancies(corpus, corpus.quotes or ())
        covered = {frozenset(_quote_ids(corpus, f.readings)) for f in by_cluster}
        spans = [(u.article_id, u.source, u.start, u.end, u.speaker_id) for u in units]
        found += [*by_cluster, *aligned_quote_discrepancies(corpus, corpus.quotes or (), spans, group, covered)]
        existing = corpus.discrepancies or ()
        return dataclasses.replace(
            corpus, claims=ordered.claims, discrepancies=(*existing, *rank(found, ordered.claims, existing))
        )


def _quote_ids(corpus: Dossier, readings: Any) -> list[str]:
    spans = {(r.article_id, r.start, r.end) for r in readings}
    return [q.id for q in corpus.quotes or () if (q.article_id, q.start, q.end) in spans]


def make(context: Context) -> ClaimsStage:
    return ClaimsStage(context.embedder, ClaimSettings.from_section(context.config.section("claims")))
