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
    #: whether two plans ("takes effect on Thursday" against "on April 5") may conflict too
    conflict_planned: bool = False


@dataclass(frozen=True, slots=True)
class ConflictPair:
    """Two events told alike on dates that exclude each other, with how alike they read."""

    first: int
    second: int
    cosine: float
    overlap: float
    #: the claims stage grouped their sentences as one reported fact
    one_claim: bool


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
) -> list[ConflictPair]:
    """Pairs of events from different articles that tell of one event on dates that exclude each other.

    They tell of one event when their clauses read very alike, or when ``one_claim`` says the claims stage
    grouped their sentences as one reported fact.
    """
    words = [content_words(e.text) for e in events]
    pairs: list[ConflictPair] = []
    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            a, b = events[i], events[j]
            if a.article_id == b.article_id or a.value.granularity != b.value.granularity:
                continue
            if a.guessed or b.guessed:
                continue
            if not limits.conflict_planned and "planned" in (a.status, b.status):
                continue
            bounds_a, bounds_b = a.value.bounds(), b.value.bounds()
            if bounds_a is None or bounds_b is None:
                continue
            if bounds_a[0] <= bounds_b[1] and bounds_b[0] <= bounds_a[1]:
                continue
            cosine, overlap = float(vectors[i] @ vectors[j]), jaccard(words[i], words[j])
            claimed = one_claim is not None and one_claim(i, j)
            if (cosine >= limits.conflict_cosine and overlap >= limits.conflict_overlap) or claimed:
                pairs.append(ConflictPair(i, j, cosine, overlap, claimed))
    return pairs


_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


def named_weekday(text: str) -> int | None:
    """The weekday a date expression names (Monday is 0), None when it names none or several."""
    found = {WEEKDAYS[m.group().lower()] for m in _WEEKDAY.finditer(text)}
    return found.pop() if len(found) == 1 else None


def weekday_slips(events: Sequence[DatedEvent]) -> list[tuple[int, list[int]]]:
    """Events that name a weekday on which their written date does not fall ("Sunday, April 28" in a year when the
    28th is a Monday), each with the events of other articles that give the same day under its own weekday: one
    outlet's slip that the others' words show. One per article and day."""
    out: list[tuple[int, list[int]]] = []
    seen: set[tuple[str, str]] = set()
    for i, event in enumerate(events):
        named, bounds = named_weekday(event.mention.text), event.value.bounds()
        if named is None or bounds is None or event.value.granularity != "day":
            continue
        if not any(c.isdigit() for c in event.mention.text) or bounds[0].weekday() == named:
            continue  # a weekday alone is read as that weekday; a date on its weekday is no slip
        if (event.article_id, event.value.value) in seen:
            continue
        own = bounds[0].weekday()
        backing = [j for j, other in enumerate(events) if other.article_id != event.article_id
                   and other.value.value == event.value.value and named_weekday(other.mention.text) == own]
        if backing:
            seen.add((event.article_id, event.value.value))
            out.append((i, backing))
    return out

