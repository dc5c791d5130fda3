"""Group stances into issues found in the story itself, each labelled by its most telling noun phrase.

Stances are clustered on their sentence embeddings (average linkage, cosine
distance); a cluster's label is the noun chunk its stances share most and the other
clusters use least, so a strike story gets "wage offer" where a war gets
"territorial concessions", with no list of topics anywhere.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

_SKIP_POS = {"DET", "PRON", "PUNCT", "SPACE", "CCONJ", "ADP", "PART", "NUM"}
_SKIP_ENTS = {"PERSON", "GPE", "NORP", "ORG", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL"}
_MAX_LABEL_WORDS = 4


def cluster(vectors: Any, distance: float) -> list[int]:
    """A cluster number per row of unit vectors (average linkage, cosine distance cut at ``distance``)."""
    import numpy as np

    n = len(vectors)
    if n == 0:
        return []
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    matrix = np.asarray(vectors, dtype=float)
    labels = fcluster(linkage(pdist(matrix, metric="cosine"), method="average"), t=distance, criterion="distance")
    return [int(x) - 1 for x in labels]


def phrases(doc: Any, start: int, end: int) -> list[str]:
    """Noun chunks inside a span as label candidates: content words only, parties and dates left out."""
    out: list[str] = []
    for chunk in doc.noun_chunks:
        if chunk.start_char < start or chunk.end_char > end:
            continue
        words = [t for t in chunk if t.pos_ not in _SKIP_POS and t.ent_type_ not in _SKIP_ENTS and not t.is_stop]
        if not words or all(t.pos_ == "ADJ" for t in words):
            continue
        words = words[-_MAX_LABEL_WORDS:]
        out.append(" ".join(t.text if t.pos_ == "PROPN" else t.text.lower() for t in words))
    return out


def labels(groups: Sequence[int], chunk_lists: Sequence[list[str]]) -> dict[int, str]:
    """A short label per cluster: the phrase most frequent inside it and rarest across clusters."""
    by_group: dict[int, Counter[str]] = {}
    for group, chunks in zip(groups, chunk_lists, strict=True):
        by_group.setdefault(group, Counter()).update(set(chunks))
    spread: Counter[str] = Counter()
    for counts in by_group.values():
        spread.update(set(counts))
    total = len(by_group)
    out: dict[int, str] = {}
    for group, counts in by_group.items():
        if not counts:
            out[group] = "other"
            continue
        best = max(counts, key=lambda p: (counts[p] * math.log(1 + total / spread[p]), len(p.split()), p))
        out[group] = best
    return out
