"""Group stances into issues found in the story itself, each labelled by its most telling noun phrase.

Stances are clustered on what they are about (their content noun phrases, embedded;
average linkage, cosine distance). A cluster's label is the noun phrase its stances
share most, weighted by how specific the phrase is to that cluster and how rare it is
in the story's sentences, so a strike story gets "wage offer" where a war gets
"territorial concessions", with no list of topics anywhere. Words that name no matter
("side", "issue", "talks") never make a label on their own, and evaluative adjectives
("strong", "clear") are dropped while classifying ones ("territorial", "economic") stay.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

_SKIP_POS = {"DET", "PRON", "PUNCT", "SPACE", "CCONJ", "ADP", "PART", "NUM", "SYM", "X"}
_SKIP_ENTS = {"PERSON", "GPE", "NORP", "ORG", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY"}
_MAX_LABEL_WORDS = 3
#: Head nouns that name no disputed matter: a label needs more than one of these.
_GENERIC = """
    side issue other thing way action proposition talk conflict idea point part matter statement step effort
    process situation question possibility aspect kind form level term sort number lot time year day fact case
    reason sentiment development move opportunity outcome party country nation official leader people state world
    end need importance urgency desire intention demand condition call position stance view willingness concern
    hope optimism future goal objective interest meeting discussion dialogue negotiation comment remark
    proposal plan measure steps sides parties contention dynamic dynamics figure presence absence war crisis
    dispute deal agreement solution resolution relation relationship tie regard respect light context
    past present evidence reports report term terms
"""
GENERIC_NOUNS = frozenset(_GENERIC.split())
#: Adjectives ending like these classify ("territorial", "economic", "military", "civilian"); others judge.
_CLASSIFYING_ENDINGS = ("al", "ic", "ary", "ian", "ial", "ive", "ing")
_DEMONSTRATIVES = {"this", "that", "these", "those", "such"}


@dataclass(slots=True)
class Phrases:
    """Label candidates of one stance: lemma key -> (surface form, weight), and whether it only points back.

    A phrase weighs more the closer it sits to the stance's main verb ("seeks rights over a portion of ...");
    phrases made only of words that name no matter ("permanent end") weigh little and label a cluster
    only when it has nothing better."""

    found: dict[str, tuple[str, float]] = field(default_factory=dict)
    anaphoric: bool = False


def load_clustering() -> tuple[Any, Any, Any]:
    """scipy's ``fcluster``, ``linkage`` and ``pdist``: imported on first use (about 0.3 s), so that a caller can
    import them while the vectors are being computed."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    return fcluster, linkage, pdist


def cluster(vectors: Any, distance: float) -> list[int]:
    """A cluster number per row of unit vectors (average linkage, cosine distance cut at ``distance``)."""
    import numpy as np

    n = len(vectors)
    if n == 0:
        return []
    if n == 1:
        return [0]
    fcluster, linkage, pdist = load_clustering()
    matrix = np.asarray(vectors, dtype=float)
    labels = fcluster(linkage(pdist(matrix, metric="cosine"), method="average"), t=distance, criterion="distance")
    return [int(x) - 1 for x in labels]


def _keeps(token: Any, judging: bool = False) -> bool:
    """A word a label may hold; ``judging`` lets evaluative adjectives in ("permanent end")."""
    if token.pos_ in _SKIP_POS or token.is_stop or not token.text.strip("-'’"):
        return False
    if token.ent_type_ in _SKIP_ENTS and not (token.ent_type_ == "ORG" and token.dep_ == "compound"):
        return False
    if token.pos_ == "ADJ":
        return token.dep_ == "amod" and (judging or token.lower_.endswith(_CLASSIFYING_ENDINGS))
    return token.pos_ in ("NOUN", "PROPN", "VERB") or token.dep_ == "compound"


def _distance(token: Any, root: Any) -> int:
    """Arcs from the stance's main verb down to ``token`` (far when outside its clause)."""
    steps = 0
    while token.i != root.i and token.head.i != token.i and steps < 8:
        token, steps = token.head, steps + 1
    return steps if token.i == root.i else 8


@dataclass(frozen=True)
class NounChunks:
    """A document's noun chunks in order, with their start offsets.

    Why: spaCy finds the chunks anew on every pass over ``doc.noun_chunks``, and a story asks for the
    chunks of a span once per stance; read once per article, the chunks of a span are a binary search away.
    """

    chunks: tuple[Any, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, doc: Any) -> NounChunks:
        chunks = tuple(doc.noun_chunks)
        return cls(chunks, tuple(chunk.start_char for chunk in chunks))

    def within(self, start: int, end: int) -> Iterator[Any]:
        """The chunks that lie inside the characters ``start``..``end``, in order."""
        for k in range(bisect.bisect_left(self.starts, start), len(self.chunks)):
            if self.starts[k] >= end:
                break
            if self.chunks[k].end_char <= end:
                yield self.chunks[k]


def phrases(doc: Any, start: int, end: int, chunks: NounChunks) -> Phrases:
    """Noun chunks inside a span as label candidates: content words only, parties, dates and words
    that name no matter left out; keyed by lemmas so "territory" and "territories" count as one.
    """
    out = Phrases()
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return out
    root = span.root
    for chunk in chunks.within(start, end):
        if chunk[0].lower_ in _DEMONSTRATIVES and chunk.root.lemma_.lower() in GENERIC_NOUNS:
            out.anaphoric = True
        if chunk.root.pos_ not in ("NOUN", "PROPN"):
            continue
        weight = 1.0 / (1 + 0.5 * _distance(chunk.root, root))
        for judging, factor in ((False, 1.0), (True, 0.3)):
            words = [t for t in chunk if _keeps(t, judging) and t.i <= chunk.root.i]
            if not words or words[-1].i != chunk.root.i:
                continue
            words = words[-_MAX_LABEL_WORDS:]
            generic = all(t.lemma_.lower() in GENERIC_NOUNS or t.pos_ == "ADJ" for t in words)
            if generic and (not judging or len(words) < 2):
                continue
            key = " ".join(t.lemma_.lower() for t in words)
            text = " ".join(t.text if t.pos_ == "PROPN" else t.text.lower() for t in words)
            if key not in out.found or out.found[key][1] < weight * factor:
                out.found[key] = (text, weight * factor)
            if not generic:
                break
    return out


def topic_text(found: Phrases, fallback: str) -> str:
    """What a stance is about, for clustering: its content phrases, or its own words when it has none."""
    return "; ".join(text for text, _ in found.found.values()) or fallback


def sentence_rarity(doc_sentences: Sequence[Any]) -> dict[str, float]:
    """Inverse sentence frequency of each lemma in the story: its overall topic ("war", "strike") weighs little."""
    counts: Counter[str] = Counter()
    for sent in doc_sentences:
        counts.update({t.lemma_.lower() for t in sent if t.is_alpha})
    total = max(1, len(doc_sentences))
    return {lemma: math.log((1 + total) / (1 + n)) for lemma, n in counts.items()}


def labels(groups: Sequence[int], found: Sequence[Phrases], rarity: dict[str, float],
           fallbacks: Sequence[str]) -> dict[int, str]:
    """A short label per cluster: the phrase shared by most of its stances, specific to it and rare in the story."""
    by_group: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    members: Counter[int] = Counter(groups)
    for group, stance in zip(groups, found, strict=True):
        heads: dict[str, float] = {}
        for key, (text, weight) in stance.found.items():
            by_group[group][key] += weight
            surface[key][text] += 1
            head = key.split()[-1]
            if " " in key and head not in GENERIC_NOUNS:
                heads[head] = max(heads.get(head, 0.0), weight / 2)
                surface[head][text.split()[-1]] += 1
        for head, weight in heads.items():
            if head not in stance.found:
                by_group[group][head] += weight
    spread: Counter[str] = Counter()
    for counts in by_group.values():
        spread.update(set(counts))
    total = len(members)
    out: dict[int, str] = {}
    for group in members:
        counts = by_group.get(group, {})
        if not counts:
            out[group] = _fallback(group, groups, fallbacks)
            continue

        def score(key: str, counts: dict[str, float] = counts) -> tuple[float, int, str]:
            specific = math.log(1 + total / spread[key])
            rare = sum(rarity.get(w, 1.0) for w in key.split()) / len(key.split())
            return counts[key] * specific * (0.5 + rare), len(key.split()), key

        best = max(counts, key=score)
        out[group] = surface[best].most_common(1)[0][0]
    return out


def _fallback(group: int, groups: Sequence[int], fallbacks: Sequence[str]) -> str:
    """With no noun phrase anywhere in the cluster, its stances' own main word (a verb, say)."""
    words = Counter(w for g, w in zip(groups, fallbacks, strict=True) if g == group and w)
    return words.most_common(1)[0][0] if words else "stance"
