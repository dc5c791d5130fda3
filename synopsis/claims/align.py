"""Grouping claim units that report the same fact, without comparing all pairs.

Candidate pairs come from two blocks whose size grows linearly with the
number of units:

- an inverted index over each unit's rarest content terms and entities (a
  term shared by more than ``max_df`` units blocks nothing and is skipped);
- the ``top_k`` nearest neighbours in embedding space. Up to
  ``exact_limit`` units the search is exact (chunked matrix products); above
  it a small inverted-file index (k-means cells of about ``cell_size``
  units, each query probing its ``probes`` nearest cells) keeps the work per
  unit constant.

Only candidates are scored. Two scores are kept per pair:

- ``scores``: cosine of MiniLM vectors blended with lexical overlap, a broad
  "same frame" measure that discrepancy checks use to compare values;
- ``facts``: whether two units report the same fact. Sentences of one story
  share its topic, so plain cosine rates "Riyadh has ties with Moscow" close to
  "officials convened in Riyadh". The fact score takes the cosine of vectors
  centred on the collection's mean (the shared topic cancels out) plus an
  IDF-weighted Jaccard overlap of the units' core terms (what the clause
  asserts, each entity counted once), so terms every unit shares weigh little.

Groups grow greedily from the best fact pairs with complete linkage: a group
holds at most one unit per article, and two groups merge only when every pair
of their members from different articles still reports the same fact (fact
score at least ``keep``, same speaker when both are attributed). A chain of
pairwise links cannot glue different facts together.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..util import DisjointSet
from .tuning import tuned
from .units import ClaimUnit


@dataclass(frozen=True)
class AlignSettings:
    """Knobs of candidate search and grouping: the keys of ``[claims]`` in defaults.toml named as the fields."""

    top_k: int
    exact_limit: int
    cell_size: int
    probes: int
    rare_terms: int
    max_df: int
    lexical_weight: float
    cosine_floor: float
    link: float
    keep: float
    cosine_min: float
    #: units whose figures the pair model judges one measurement at least this surely report one fact: their
    #: fact score gains ``figure_bonus`` (and they become candidates if no block found them) ...
    figure_same: float
    figure_bonus: float
    #: ... and units with figures of one family that it judges below this are two facts, whatever their words
    figure_other: float
    #: rows per block of the exact neighbour search (memory, not quality)
    chunk: int = 1024

    @classmethod
    def from_section(cls, section: dict[str, Any]) -> AlignSettings:
        """The fields read from ``[claims]`` (``chunk`` only where the section sets it)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in section.items() if k in names})


@dataclass
class Alignment:
    """Groups of unit indices (singletons included) and every scored candidate pair."""

    groups: list[list[int]]
    pairs: Any  # int64 array (P, 2), i < j
    scores: Any  # float32 array (P,): cosine blended with lexical overlap
    facts: Any = None  # float32 array (P,): same-fact score (centred cosine + weighted core overlap)
    stats: dict[str, int] = field(default_factory=dict)


def align(units: Sequence[ClaimUnit], vectors: Any, settings: AlignSettings | None = None,
          figures: dict[tuple[int, int], float] | None = None) -> Alignment:
    """Candidate pairs, their scores, and the greedy groups they give.

    ``figures`` maps unit pairs (lower index first) whose figures the pair model compared to the probability
    that some figure of one and some figure of the other measure one thing.
    """
    import numpy as np

    settings = settings or AlignSettings.from_section(tuned())
    figures = figures or {}
    sources = _codes([u.source for u in units])
    lexical = lexical_candidates(units, sources, settings)
    neighbours = nearest_candidates(vectors, sources, settings)
    measured = np.array([pair for pair, p in figures.items() if p >= settings.figure_same],
                        dtype=np.int64).reshape(-1, 2)
    pairs = _unique_pairs(np.concatenate([lexical, neighbours, measured]), len(units))
    cosines = pair_dots(vectors, pairs)
    scores = score_pairs(units, cosines, pairs, settings)
    judge = FactJudge(units, vectors, settings, figures)
    facts = judge.scores(pairs, cosines)
    groups = greedy_groups(units, judge, pairs, facts, settings)
    stats = {"units": len(units), "lexical_pairs": len(lexical), "neighbour_pairs": len(neighbours),
             "candidate_pairs": len(pairs)}
    return Alignment(groups, pairs, scores, facts, stats)


def _codes(keys: Sequence[str]) -> Any:
    import numpy as np

    table: dict[str, int] = {}
    return np.array([table.setdefault(k, len(table)) for k in keys], dtype=np.int64)


def _unique_pairs(pairs: Any, n: int) -> Any:
    import numpy as np

    if len(pairs) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    low, high = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    keys = np.sort(low * n + high)  # sort and drop repeats: faster than np.unique's hashing at 10^6 pairs
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]
    return np.stack([keys // n, keys % n], axis=1)


def lexical_candidates(units: Sequence[ClaimUnit], sources: Any, settings: AlignSettings) -> Any:
    """Pairs sharing one of their rarest terms: at most ``rare_terms * max_df`` partners per unit."""
    import numpy as np

    postings: dict[str, list[int]] = {}
    for unit in units:
        for term in unit.terms:
            postings.setdefault(term, []).append(unit.index)
    out: list[tuple[int, int]] = []
    for unit in units:
        usable = [t for t in unit.terms if 2 <= len(postings[t]) <= settings.max_df]
        usable.sort(key=lambda t: (len(postings[t]), t))
        for term in usable[: settings.rare_terms]:
            out.extend((unit.index, other) for other in postings[term]
                       if other != unit.index and sources[other] != sources[unit.index])
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def nearest_candidates(vectors: Any, sources: Any, settings: AlignSettings) -> Any:
    """Each unit paired with its ``top_k`` most similar units from other sources."""
    import numpy as np

    n = len(vectors)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    if n <= settings.exact_limit:
        return _exact_neighbours(vectors, sources, np.arange(n), np.arange(n), settings)
    return _cell_neighbours(vectors, sources, settings)


def _exact_neighbours(vectors: Any, sources: Any, queries: Any, base: Any, settings: AlignSettings) -> Any:
    """Top-k of ``queries`` among ``base`` (index arrays), chunked so memory stays at chunk x len(base)."""
    import numpy as np

    k = min(settings.top_k, len(base))
    found: list[Any] = []
    base_vectors, base_sources = vectors[base], sources[base]
    for begin in range(0, len(queries), settings.chunk):
        rows = queries[begin : begin + settings.chunk]
        sims = vectors[rows] @ base_vectors.T
        sims[sources[rows][:, None] == base_sources[None, :]] = -2.0
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < len(base) else np.tile(np.arange(len(base)),
                                                                                           (len(rows), 1))
        keep = np.take_along_axis(sims, top, axis=1) > -2.0
        pairs = np.stack([np.repeat(rows, top.shape[1]), base[top].ravel()], axis=1)
        found.append(pairs[keep.ravel()])
    return np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)


def _cell_neighbours(vectors: Any, sources: Any, settings: AlignSettings) -> Any:
    """Approximate top-k through k-means cells: every query searches only its ``probes`` nearest cells."""
    import numpy as np

    n = len(vectors)
    cells = max(2, n // settings.cell_size)
    rng = np.random.default_rng(0)
    centroids = vectors[rng.choice(n, cells, replace=False)].copy()
    for _ in range(4):
        nearest = _nearest_cells(vectors, centroids, 1, settings.chunk)[:, 0]
        order = np.argsort(nearest, kind="stable")
        counts = np.bincount(nearest, minlength=cells)
        filled = counts > 0
        sums = np.zeros_like(centroids)
        sums[filled] = np.add.reduceat(vectors[order], np.concatenate([[0], np.cumsum(counts)[:-1]])[filled])
        centroids[filled] = sums[filled] / np.linalg.norm(sums[filled], axis=1, keepdims=True)
    probes = _nearest_cells(vectors, centroids, min(settings.probes, cells), settings.chunk)
    home = probes[:, 0]
    members = [np.flatnonzero(home == c) for c in range(cells)]
    found: list[Any] = []
    for c in range(cells):
        if len(members[c]) == 0:
            continue
        queries = np.flatnonzero((probes == c).any(axis=1))
        found.append(_exact_neighbours(vectors, sources, queries, members[c], settings))
    return np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)


def _nearest_cells(vectors: Any, centroids: Any, count: int, chunk: int) -> Any:
    import numpy as np

    out = np.zeros((len(vectors), count), dtype=np.int64)
    for begin in range(0, len(vectors), chunk * 8):
        sims = vectors[begin : begin + chunk * 8] @ centroids.T
        top = np.argpartition(-sims, count - 1, axis=1)[:, :count] if count < sims.shape[1] else np.argsort(-sims)
        order = np.argsort(-np.take_along_axis(sims, top, axis=1), axis=1)
        out[begin : begin + len(sims)] = np.take_along_axis(top, order, axis=1)[:, :count]
    return out


def pair_dots(vectors: Any, pairs: Any, block: int = 16384) -> Any:
    """Dot product of the two vectors of every pair, in blocks so that memory stays flat."""
    import numpy as np

    out = np.zeros(len(pairs), dtype=np.float32)
    for begin in range(0, len(pairs), block):
        part = pairs[begin : begin + block]
        out[begin : begin + len(part)] = np.einsum("ij,ij->i", vectors[part[:, 0]], vectors[part[:, 1]])
    return out


def score_pairs(units: Sequence[ClaimUnit], cosines: Any, pairs: Any, settings: AlignSettings) -> Any:
    """Cosine blended with Dice overlap of content terms; lexical overlap only computed above a cosine floor."""
    import numpy as np

    scores = cosines.copy()
    w = settings.lexical_weight
    for p in np.flatnonzero(scores >= settings.cosine_floor):
        a, b = units[pairs[p, 0]].terms, units[pairs[p, 1]].terms
        dice = 2 * len(a & b) / max(1, len(a) + len(b))
        scores[p] = (1 - w) * scores[p] + w * dice
    return scores


class FactJudge:
    """Whether two units report the same fact: centred cosine plus IDF-weighted overlap of core terms."""

    def __init__(self, units: Sequence[ClaimUnit], vectors: Any, settings: AlignSettings,
                 figures: dict[tuple[int, int], float] | None = None) -> None:
        import numpy as np

        self.units = units
        self.settings = settings
        self.vectors = vectors
        self.figures = figures or {}
        centred = vectors - vectors.mean(axis=0, keepdims=True) if len(vectors) else vectors
        self.centred = centred / np.clip(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9, None)
        self.core = [u.core or u.terms for u in units]
        counts: dict[str, int] = {}
        for terms in self.core:
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
        total = len(units) + 1
        self.idf = {t: math.log(total / (c + 0.5)) for t, c in counts.items()}

    def overlap(self, i: int, j: int) -> float:
        a, b = self.core[i], self.core[j]
        union = sum(self.idf[t] for t in a | b)
        return sum(self.idf[t] for t in a & b) / union if union > 0 else 0.0

    def score(self, i: int, j: int) -> float:
        return float(self.centred[i] @ self.centred[j]) + self.overlap(i, j) + self.measured(i, j)

    def measured(self, i: int, j: int) -> float:
        """What the figures add: ``figure_bonus`` when they are one measurement, nothing when not compared."""
        p = self.figures.get((min(i, j), max(i, j)))
        return self.settings.figure_bonus if p is not None and p >= self.settings.figure_same else 0.0

    def scores(self, pairs: Any, plain: Any) -> Any:
        """Fact score of every pair (-1 where the pair cannot report one fact); ``plain`` are their cosines."""
        import numpy as np

        out = np.full(len(pairs), -1.0, dtype=np.float32)
        if len(pairs) == 0:
            return out
        centred = pair_dots(self.centred, pairs)
        # only pairs close enough in plain cosine and able to reach `link` are looked at term by term, and the
        # pairs whose figures are one measurement
        measured = np.array([self.measured(int(i), int(j)) > 0 for i, j in pairs], dtype=bool) if self.figures \
            else np.zeros(len(pairs), dtype=bool)
        near = (plain >= self.settings.cosine_min) & (centred + 1.0 + self.settings.figure_bonus * measured
                                                      >= self.settings.link)
        for p in np.flatnonzero(near | measured):
            i, j = int(pairs[p, 0]), int(pairs[p, 1])
            if self.compatible(i, j):
                out[p] = float(centred[p]) + self.overlap(i, j) + self.measured(i, j)
        return out

    def compatible(self, i: int, j: int) -> bool:
        """Same speaker when both are attributed, plain cosine high enough to be about one thing, and
        a shared core: a content word besides names, or two entities (who met whom). Two units that
        share a single name ("Riyadh ...", "RIYADH - ...") do not report one fact for that."""
        a, b = self.units[i], self.units[j]
        if a.speaker_id and b.speaker_id and a.speaker_id != b.speaker_id:
            return False
        figure = self.figures.get((min(i, j), max(i, j)))
        if figure is not None and figure < self.settings.figure_other:
            return False  # their figures measure different things: "412 seats" for one party, "121" for another
        if figure is not None and figure >= self.settings.figure_same:
            return True  # one measurement, however differently worded
        shared = self.core[i] & self.core[j]
        names = sum(t.startswith("@") for t in shared)
        if names < 2 and len(shared) == names:
            return False
        return float(self.vectors[i] @ self.vectors[j]) >= self.settings.cosine_min

    def agree(self, i: int, j: int) -> bool:
        """The complete-linkage test between two members of one group."""
        return self.compatible(i, j) and self.score(i, j) >= self.settings.keep


def greedy_groups(
    units: Sequence[ClaimUnit], judge: FactJudge, pairs: Any, facts: Any, settings: AlignSettings
) -> list[list[int]]:
    """Join best fact pairs first; a group keeps one unit per article and merges only if all members agree."""
    import numpy as np

    groups = DisjointSet(range(len(units)))
    articles = [{u.article_id} for u in units]
    members = [[i] for i in range(len(units))]
    for p in np.argsort(-facts, kind="stable"):
        if facts[p] < settings.link:
            break
        a, b = groups.find(int(pairs[p, 0])), groups.find(int(pairs[p, 1]))
        if a == b or articles[a] & articles[b]:
            continue
        if len(members[a]) * len(members[b]) > 1 and not all(
            units[x].source == units[y].source or judge.agree(x, y) for x in members[a] for y in members[b]
        ):
            continue
        groups.union(a, b)
        articles[a] |= articles[b]
        members[a] += members[b]
        members[b] = []
    return groups.groups()
