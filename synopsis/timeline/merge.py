"""Merge the events several outlets report, and flag one event given different dates.

Two events merge when they carry the same date and read alike (sentence-embedding
cosine or shared content words). Two events of different articles that read very
alike but carry dates that cannot both be true become a date discrepancy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..lang.calendar import WEEKDAYS
from ..util import DisjointSet
from .events import DatedEvent

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
#: Words that say nothing of what happened, as ``merge_word_overlap`` was tuned with them: long function words,
#: "said", and calendar words. A selection from the shared stop and calendar words (a test keeps it one): the
#: whole of them splits events that share only "since" or their month's name, which that overlap now joins.
_STOP = frozenset(
    """that this with from have been were will would could should their there they them what when which
    while about after before also than then into over under more most such only other some said says
    being does done last next week month year today tomorrow yesterday""".split()  # noqa: SIM905 - a word list
) | frozenset(WEEKDAYS)


def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words, crudely stemmed, for lexical overlap."""
    return frozenset(w.lower().rstrip("s")[:7] for w in _WORD.findall(text) if w.lower() not in _STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(frozen=True, slots=True)
class Thresholds:
    merge_cosine: float
    merge_overlap: float
    conflict_cosine: float
    conflict_overlap: float


def group_events(events: Sequence[DatedEvent], vectors: Any, sentence_vectors: Any,
                 limits: Thresholds) -> list[list[int]]:
    """Indices of events grouped into one timeline entry each (same date, alike clause or sentence)."""
    groups = DisjointSet(range(len(events)))
    words = [content_words(e.text) for e in events]
    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            a, b = events[i], events[j]
            if a.value.value != b.value.value:
                continue
            same_sentence = a.article_id == b.article_id and a.sentence == b.sentence
            cosine = max(float(vectors[i] @ vectors[j]), float(sentence_vectors[i] @ sentence_vectors[j]))
            if same_sentence or cosine >= limits.merge_cosine or jaccard(words[i], words[j]) >= limits.merge_overlap:
                groups.union(i, j)
    return groups.groups()


def conflicting_pairs(
    events: Sequence[DatedEvent], vectors: Any, limits: Thresholds, one_claim: Callable[[int, int], bool] | None = None
) -> list[tuple[int, int]]:
    """Pairs of events from different articles that tell of one event on dates that exclude each other.

    They tell of one event when their clauses read very alike, or when ``one_claim`` says the claims stage
    grouped their sentences as one reported fact.
    """
    words = [content_words(e.text) for e in events]
    pairs: list[tuple[int, int]] = []
    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            a, b = events[i], events[j]
            if a.article_id == b.article_id or a.value.granularity != b.value.granularity:
                continue
            if a.status == "planned" or b.status == "planned" or a.guessed or b.guessed:
                continue
            bounds_a, bounds_b = a.value.bounds(), b.value.bounds()
            if bounds_a is None or bounds_b is None:
                continue
            if bounds_a[0] <= bounds_b[1] and bounds_b[0] <= bounds_a[1]:
                continue
            cosine = float(vectors[i] @ vectors[j])
            if (cosine >= limits.conflict_cosine and jaccard(words[i], words[j]) >= limits.conflict_overlap) or (
                one_claim is not None and one_claim(i, j)
            ):
                pairs.append((i, j))
    return pairs
