"""Grouping the same statement quoted by several articles into one cluster.

Two quotes join when their words match exactly, when one is a fragment of the other,
when they match closely (rapidfuzz), or when their MiniLM embeddings are very close
and the same resolved speaker says both. Fuzzy and paraphrase matches always need
speaker evidence; exact and fragment matches need it unless they are long, because
short phrases ("went well") are said by many. Within one article, only repetitions
(not nested attributions) join. Every quote gets a cluster; a quote no
other matches is a cluster of one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..util import DisjointSet

WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ClusterItem:
    """What clustering needs to know of one quote."""

    article_id: str
    start: int
    end: int
    text: str
    speaker_id: str | None
    speaker_name: str | None


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    fuzzy_threshold: float = 90.0
    embedding_threshold: float = 0.86
    min_fragment_words: int = 4
    speakerless_words: int = 8


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def _same_speaker(a: ClusterItem, b: ClusterItem) -> bool | None:
    """True/False when both speakers are known; None when either is unknown."""
    if a.speaker_id and b.speaker_id and a.speaker_id == b.speaker_id:
        return True
    if a.speaker_name and b.speaker_name:
        last_a, last_b = _words(a.speaker_name)[-1:], _words(b.speaker_name)[-1:]
        if last_a and last_a == last_b:
            return True  # one person under two entities ("Jane Doe", "Doe")
    if a.speaker_id and b.speaker_id:
        return False
    return None


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def cluster_quotes(
    items: Sequence[ClusterItem],
    settings: ClusterSettings,
    embed: Callable[[list[str]], Any] | None = None,
) -> list[int]:
    """A cluster number (0, 1, ... in order of first member) for every item."""
    from rapidfuzz import fuzz

    n = len(items)
    groups = DisjointSet(range(n))
    join = groups.union
    words = [_words(item.text) for item in items]
    joined = [" ".join(w) for w in words]
    undecided: list[tuple[int, int]] = []  # same speaker, not close in letters: left to the embeddings
    for i in range(n):
        for j in range(i + 1, n):
            a, b = items[i], items[j]
            if a.article_id == b.article_id and a.start < b.end and b.start < a.end:
                continue  # one attribution nested in another, not a repetition
            speaker = _same_speaker(a, b)
            if speaker is False:
                continue
            short, long_ = sorted((words[i], words[j]), key=len)
            if len(short) < min(settings.min_fragment_words, len(long_)) or not short:
                continue
            exactish = short == long_ or _contains(long_, short)
            repeated = exactish and (speaker or len(short) >= settings.speakerless_words)
            if repeated or (speaker and fuzz.partial_ratio(joined[i], joined[j]) >= settings.fuzzy_threshold):
                join(i, j)
            elif speaker and a.article_id != b.article_id:
                undecided.append((i, j))  # paraphrase is looked for across outlets only
    if embed is not None and undecided:
        # Only the quotes that still need a paraphrase check are embedded.
        needed = sorted({k for pair in undecided for k in pair})
        row = {k: r for r, k in enumerate(needed)}
        vectors = embed([items[k].text for k in needed])
        for i, j in undecided:
            if float(vectors[row[i]] @ vectors[row[j]]) >= settings.embedding_threshold:
                join(i, j)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(groups.find(i), len(numbers)) for i in range(n)]
