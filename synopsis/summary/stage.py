"""Cited summary: the story's central, corroborated sentences, quoted verbatim, without repetition.

Extractive on purpose: every summary sentence is an exact span of one article, so
nothing in it is invented. A sentence ranks high when other outlets say the same
thing (MiniLM similarity across outlets) and when the claim it carries is
corroborated; maximal marginal relevance (MMR) then keeps near-repeats out. Each
sentence cites every article that supports it, flags the discrepancies it touches,
and is marked ``single_source`` when only one outlet stands behind it.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..claims.units import CONTENT_POS
from ..context import Context
from ..models import Article, Claim, Discrepancy, Dossier, Evidence, SummarySentence
from ..registry import stage
from .sentences import QUOTED, TERMINAL, SentenceSpan, pieces, rejection, words

NAMED = frozenset({"PERSON", "ORG", "GPE", "FAC", "EVENT"})
#: Discrepancy kinds whose readings all describe one event (unlike titles, which recur across facts).
EVENT_DETAILS = frozenset({"number", "duration", "date", "count"})

#: Fact similarity (half MiniLM cosine, half tf-idf cosine of content words) above which a sentence
#: of another outlet is taken to report the same thing. Embeddings alone rate every sentence of
#: one story alike; the shared names, numbers and content words tell facts apart.
SAME_FACT = 0.5
#: Cosine similarity above which two summary candidates repeat each other.
REPEAT = 0.65
#: MMR trade-off between a sentence's own score and its novelty.
MMR_LAMBDA = 0.7
#: Weights of the score: cross-outlet centrality, corroboration, position in the article, specificity.
WEIGHTS = (0.25, 0.15, 0.45, 0.15)
#: Quoted text is evidence, not narration: a sentence that is mostly quote scores a little lower.
QUOTE_PENALTY = 0.08


@dataclass
class ScoredSentence:
    """A readable sentence with what supports it."""

    piece: SentenceSpan
    vector: Any
    centrality: float = 0.0
    support_articles: tuple[str, ...] = ()
    support_outlets: int = 1
    claims: tuple[Claim, ...] = ()
    evidence: list[Evidence] = field(default_factory=list)
    specificity: float = 0.0
    score: float = 0.0
    names: frozenset[str] = frozenset()

    @property
    def words(self) -> int:
        return len(self.piece.text.split())


class Summarise:
    """Corpus stage: picks 120–200 words (configurable) of cited, non-redundant sentences."""

    def __init__(self, embedder: Any, min_words: int, max_words: int) -> None:
        self.embedder = embedder
        self.min_words = min_words
        self.max_words = max_words

    def __call__(self, corpus: Dossier) -> Dossier:
        return dataclasses.replace(corpus, summary=tuple(self.summarise(corpus)))

    def summarise(self, corpus: Dossier) -> list[SummarySentence]:
        originals = [a for a in corpus.articles if a.copy_of is None] or list(corpus.articles)
        all_pieces = {a.id: pieces(a) for a in originals}
        readable = [p for a in originals for p in _readable(all_pieces[a.id])]
        if not readable:
            return []
        context = [p for a in originals for p in all_pieces[a.id] if _statement(p)]
        vectors = self.embedder.embed([p.text for p in readable] + [p.text for p in context])
        candidates = [ScoredSentence(p, vectors[i], specificity=_specificity(p), names=_names(p))
                      for i, p in enumerate(readable)]
        context_vectors = vectors[len(readable) :]
        outlet_of = _outlet_keys(originals)
        self._support_from_similarity(candidates, context, context_vectors, outlet_of)
        if corpus.claims is not None:
            self._support_from_claims(candidates, corpus.claims, outlet_of)
        _support_from_readings(candidates, corpus.discrepancies or (), outlet_of)
        _score(candidates, len(set(outlet_of.values())))
        chosen = self._select(candidates)
        return [self._sentence(c, corpus.discrepancies) for c in _reading_order(chosen)]

    def _support_from_similarity(
        self, candidates: list[ScoredSentence], context: Sequence[SentenceSpan], vectors: Any, outlet_of: dict[str, str]
    ) -> None:
        """Centrality and support from the best-matching sentence of every other outlet."""
        import numpy as np

        lexical = _tfidf([c.piece for c in candidates], context)
        similarity = 0.5 * (np.stack([c.vector for c in candidates]) @ vectors.T) + 0.5 * lexical
        outlets = sorted(set(outlet_of.values()))
        rows = {o: [i for i, p in enumerate(context) if outlet_of.get(p.article.id) == o] for o in outlets}
        for row, candidate in enumerate(candidates):
            own = outlet_of[candidate.piece.article.id]
            best: list[float] = []
            evidence = [_evidence(candidate.piece)]
            for outlet in outlets:
                if outlet == own or not rows[outlet]:
                    continue
                sims = similarity[row, rows[outlet]]
                top = int(np.argmax(sims))
                best.append(float(sims[top]))
                if sims[top] >= SAME_FACT:
                    evidence.append(_evidence(context[rows[outlet][top]]))
            candidate.centrality = float(np.mean(best)) if best else 0.0
            candidate.evidence = evidence
            candidate.support_articles = tuple(e.article_id for e in evidence)
            candidate.support_outlets = len({outlet_of[a] for a in candidate.support_articles})

    def _support_from_claims(
        self, candidates: list[ScoredSentence], claims: Sequence[Claim], outlet_of: dict[str, str]
    ) -> None:
        """Corroboration from the claims the sentence carries, when the claims stage ran."""
        by_article: dict[str, list[tuple[Evidence, Claim]]] = {}
        for claim in claims:
            for ev in claim.evidence:
                by_article.setdefault(ev.article_id, []).append((ev, claim))
        for candidate in candidates:
            piece = candidate.piece
            carried = [
                claim for ev, claim in by_article.get(piece.article.id, ())
                if _overlap(ev.start, ev.end, piece.start, piece.end) >= 0.5 * max(ev.end - ev.start, 1)
            ]
            if not carried:
                continue
            candidate.claims = tuple({c.id: c for c in carried}.values())
            best = max(carried, key=lambda c: (c.support, len(c.outlets)))
            evidence = [candidate.evidence[0]]
            seen = {piece.article.id}
            for ev in best.evidence:
                if ev.article_id not in seen and ev.article_id in outlet_of:
                    evidence.append(ev)
                    seen.add(ev.article_id)
            claim_outlets = len({outlet_of[e.article_id] for e in evidence})
            if claim_outlets >= candidate.support_outlets or best.support >= candidate.support_outlets:
                candidate.evidence = evidence
                candidate.support_articles = tuple(e.article_id for e in evidence)
                candidate.support_outlets = max(claim_outlets, 1)

    def _select(self, candidates: list[ScoredSentence]) -> list[ScoredSentence]:
        """MMR over corroborated sentences first; single-source ones only to reach the minimum length."""
        chosen: list[ScoredSentence] = []
        target = (self.min_words + self.max_words) // 2
        for allow_single in (False, True):
            pool = [c for c in candidates if c not in chosen and (allow_single or c.support_outlets > 1)]
            if allow_single and _length(chosen) >= self.min_words:
                break
            goal = target if not allow_single else self.min_words
            while pool and _length(chosen) < goal:
                best = max(pool, key=lambda c: _mmr(c, chosen))
                pool.remove(best)
                if _redundancy(best, chosen) > REPEAT or _length(chosen) + best.words > self.max_words:
                    continue
                chosen.append(best)
        return chosen

    def _sentence(self, candidate: ScoredSentence, discrepancies: Sequence[Discrepancy] | None) -> SummarySentence:
        return SummarySentence(
            text=candidate.piece.text,
            article_ids=tuple(dict.fromkeys(candidate.support_articles)),
            discrepancy_ids=_touched(candidate, discrepancies or ()),
            evidence=tuple(candidate.evidence),
            single_source=candidate.support_outlets <= 1,
        )


def _support_from_readings(
    candidates: list[ScoredSentence], discrepancies: Sequence[Discrepancy], outlet_of: dict[str, str]
) -> None:
    """A sentence holding one outlet's reading of a disputed detail is backed, on the fact itself, by the
    outlets that give another reading: they report the same event, only differently (flagged later)."""
    about_events = [d for d in discrepancies if d.kind in EVENT_DETAILS]
    for candidate in candidates:
        own = candidate.evidence[0]
        for disc in about_events:
            if not any(r.article_id == own.article_id and _overlap(r.start, r.end, own.start, own.end) > 0
                       for r in disc.readings):
                continue
            cited = {e.article_id for e in candidate.evidence}
            for r in disc.readings:
                if r.article_id not in cited and r.article_id in outlet_of:
                    candidate.evidence.append(Evidence(r.article_id, r.start, r.end, r.text))
                    cited.add(r.article_id)
        candidate.support_articles = tuple(e.article_id for e in candidate.evidence)
        candidate.support_outlets = max(candidate.support_outlets,
                                        len({outlet_of[a] for a in candidate.support_articles}))


def _readable(article_pieces: list[SentenceSpan]) -> list[SentenceSpan]:
    return [
        p for i, p in enumerate(article_pieces)
        if rejection(p, article_pieces[i - 1] if i else None) is None
    ]


def _statement(piece: SentenceSpan) -> bool:
    """Sentences other outlets may be matched against: not headings, not questions."""
    return len(piece.text.split()) >= 6 and TERMINAL.search(piece.text) is not None


def _content_words(piece: SentenceSpan) -> list[str]:
    """Lemmas of names, numbers, nouns, verbs and adjectives: what a fact is made of."""
    span = piece.span
    if span is None:
        return [w.lower() for w in words(piece.text) if len(w) > 3]
    return [
        t.lemma_.lower() for t in span
        if t.like_num or (t.pos_ in CONTENT_POS and t.is_alpha and not t.is_stop)
    ]


def _tfidf(rows: Sequence[SentenceSpan], columns: Sequence[SentenceSpan]) -> Any:
    """Cosine of tf-idf vectors over content words, idf taken from the story's own sentences."""
    import numpy as np

    known: dict[tuple[str, int], list[str]] = {}  # most rows are columns too: read each piece once

    def content(piece: SentenceSpan) -> list[str]:
        key = (piece.article.id, piece.start)
        if key not in known:
            known[key] = _content_words(piece)
        return known[key]

    row_words = [content(p) for p in rows]
    column_words = [content(p) for p in columns]
    frequency = Counter(w for ws in column_words for w in set(ws))
    vocabulary = {w: i for i, w in enumerate(frequency)}
    total = len(columns)

    def matrix(all_words: list[list[str]]) -> Any:
        out = np.zeros((len(all_words), len(vocabulary)), dtype=np.float32)
        for i, ws in enumerate(all_words):
            for word, count in Counter(ws).items():
                if word in vocabulary:
                    out[i, vocabulary[word]] = (1 + math.log(count)) * math.log(total / frequency[word] + 1)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.clip(norms, 1e-9, None)

    return matrix(row_words) @ matrix(column_words).T


def _specificity(piece: SentenceSpan) -> float:
    """Share of names and numbers: 'Rubio met Lavrov in Riyadh' says more than 'the talks matter'."""
    span = piece.span
    if span is None:
        plain = words(piece.text)
        total = len(plain)
        named = sum(1 for i, w in enumerate(plain) if i and (w[:1].isupper() or w[:1].isdigit()))
    else:
        parsed = [t for t in span if t.is_alpha or t.like_num]
        total = len(parsed)
        named = sum(1 for t in parsed if t.pos_ in {"PROPN", "NUM"})
    return min(1.0, named / max(0.3 * total, 1.0))


def _outlet_keys(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> a key for its outlet; two articles of one outlet count as one voice."""
    return {a.id: a.outlet_name.casefold().strip() for a in articles}


def _evidence(piece: SentenceSpan) -> Evidence:
    return Evidence.of(piece.article, piece.start, piece.end)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _score(candidates: list[ScoredSentence], outlets: int) -> None:
    if not candidates:
        return
    low = min(c.centrality for c in candidates)
    high = max(c.centrality for c in candidates)
    spread = (high - low) or 1.0
    for c in candidates:
        central = (c.centrality - low) / spread
        corroboration = (c.support_outlets - 1) / max(outlets - 1, 1)
        lead = 1.0 - c.piece.position
        c.score = (
            WEIGHTS[0] * central + WEIGHTS[1] * corroboration + WEIGHTS[2] * lead + WEIGHTS[3] * c.specificity
        )
        c.score -= QUOTE_PENALTY * _quoted_share(c.piece.text)


def _quoted_share(text: str) -> float:
    quoted = sum(len(m.group()) for m in QUOTED.finditer(text))
    return quoted / max(len(text), 1)


def _redundancy(candidate: ScoredSentence, chosen: Sequence[ScoredSentence]) -> float:
    """How much ``candidate`` repeats a chosen sentence: in meaning, or in the names it is about."""
    return max((max(float(candidate.vector @ c.vector), _shared(candidate.names, c.names)) for c in chosen),
               default=0.0)


def _shared(a: frozenset[str], b: frozenset[str]) -> float:
    """1.0 when two sentences share at least two names and half of the smaller set: the same who, again."""
    common = len(a & b)
    return 1.0 if common >= 2 and common >= 0.5 * min(len(a), len(b)) else 0.0


def _names(piece: SentenceSpan) -> frozenset[str]:
    """The people, places and bodies a sentence names, by their last word ('Sergei Lavrov' -> 'lavrov').

    Read from the article's mentions (its parse's entities as offsets): ``span.ents`` rebuilds every
    entity of the document on each call.
    """
    span = piece.span
    if span is None:
        return frozenset()
    doc, low, high = span.doc, span.start_char, span.end_char
    named = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in piece.article.mentions
             if m.label in NAMED and low <= m.start and m.end <= high]
    return frozenset(e[-1].lemma_.lower() for e in named if e is not None and len(e))


def _mmr(candidate: ScoredSentence, chosen: Sequence[ScoredSentence]) -> float:
    return MMR_LAMBDA * candidate.score - (1 - MMR_LAMBDA) * _redundancy(candidate, chosen)


def _length(chosen: Sequence[ScoredSentence]) -> int:
    return sum(c.words for c in chosen)


def _reading_order(chosen: list[ScoredSentence]) -> list[ScoredSentence]:
    """News order: what the articles lead with comes first; among sentences as high up, the better confirmed."""
    return sorted(chosen, key=lambda c: (round(c.piece.position * 4), -c.support_outlets, c.piece.position))


def _touched(candidate: ScoredSentence, discrepancies: Sequence[Discrepancy]) -> tuple[str, ...]:
    """Discrepancies with a reading inside the sentence itself, or that dispute a claim the sentence carries."""
    own = candidate.evidence[0]
    claim_ids = {c.id for c in candidate.claims}
    touched = []
    for disc in discrepancies:
        hit = disc.claim_id is not None and disc.claim_id in claim_ids
        hit = hit or any(
            r.article_id == own.article_id and _overlap(r.start, r.end, own.start, own.end) > 0 for r in disc.readings
        )
        if hit:
            touched.append(disc.id)
    return tuple(touched)


@stage("summary", scope="corpus",
       requires=("article.doc", "article.sentences", "article.mentions", "claims", "discrepancies"),
       assigns=("summary",), embeds=True)
def make(context: Context) -> Summarise:
    return Summarise(
        context.embedder,
        int(context.config.get("summary", "min_words")),
        int(context.config.get("summary", "max_words")),
    )
