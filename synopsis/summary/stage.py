"""Cited summary: the news first, then the story's corroborated sentences, quoted verbatim, without repetition.

Extractive on purpose: every summary sentence is an exact span of one article, so
nothing in it is invented. The first sentence is chosen as a news lead: near the top of
its article, widely reported, with an actor as subject, an action verb (not a verb of
saying), a place and a time; the second is the outcome (the best-corroborated sentence
that gives a figure). The others rank high when other outlets say the same thing
(MiniLM and tf-idf similarity across outlets), when they add corroborated claims, and
when they sit high in their article; maximal marginal relevance (MMR) keeps near-repeats
out, and rosters (who attended) stay out. A sentence cites only the outlets whose text
gives its figures and names (``support.py``), flags the reported discrepancies (at or
above the report threshold of ``[claims]``) that fall inside it or dispute a claim it
carries, and is marked ``single_source`` when it cites one outlet.
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
from ..errors import ConfigError
from ..lang.cues import COGNITION_VERBS, REPORTING_VERBS
from ..models import Article, Claim, Discrepancy, Dossier, Evidence, SummarySentence
from ..registry import stage
from .sentences import QUOTED, TERMINAL, SentenceSpan, pieces, rejection, words
from .support import Details, article_words, details, supports

NAMED = frozenset({"PERSON", "ORG", "GPE", "FAC", "EVENT"})
#: Entity labels that say where, and when, something happened.
PLACES = frozenset({"GPE", "LOC", "FAC"})
TIMES = frozenset({"DATE", "TIME"})
#: Entity labels of an actor: a person, a body, a country, a people.
ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Verbs that report speech or thought: a sentence built on one says who said what, not who did what.
NOT_ACTIONS = REPORTING_VERBS | COGNITION_VERBS | frozenset({"be", "have"})
#: Verbs of attendance: "X was accompanied by Y and Z", "the delegation comprised Y and Z" say who was there.
ATTENDANCE_VERBS = frozenset({"accompany", "attend", "comprise", "compose", "consist", "include", "join", "head"})


@dataclass(frozen=True)
class SummarySettings:
    """The ``[summary]`` section of the configuration (defaults.toml says what each was fitted on)."""

    min_words: int
    max_words: int
    same_fact: float
    repeat: float
    mmr_lambda: float
    weights: tuple[float, float, float, float]
    quote_penalty: float
    roster_people: int
    lead_weights: tuple[float, ...]
    claim_coverage: float
    #: discrepancies below this confidence are not flagged (the report threshold of ``[claims]``)
    min_confidence: float = 0.0

    @classmethod
    def from_config(cls, config: Any) -> SummarySettings:
        def get(key: str) -> Any:
            return config.get("summary", key)

        return cls(
            min_words=int(get("min_words")),
            max_words=int(get("max_words")),
            same_fact=float(get("same_fact")),
            repeat=float(get("repeat")),
            mmr_lambda=float(get("mmr_lambda")),
            weights=_four(get("weights")),
            quote_penalty=float(get("quote_penalty")),
            roster_people=int(get("roster_people")),
            lead_weights=tuple(float(w) for w in get("lead_weights")),
            claim_coverage=float(get("claim_coverage")),
            min_confidence=float(config.get("claims", "min_confidence")),
        )


def _four(values: Sequence[float]) -> tuple[float, float, float, float]:
    if len(values) != 4:
        raise ConfigError("[summary] weights: give four numbers (centrality, corroboration, position, specificity)")
    a, b, c, d = (float(v) for v in values)
    return a, b, c, d


@dataclass
class ScoredSentence:
    """A readable sentence with what supports it."""

    piece: SentenceSpan
    vector: Any
    details: Details
    centrality: float = 0.0
    support_articles: tuple[str, ...] = ()
    support_outlets: int = 1
    claims: tuple[Claim, ...] = ()
    evidence: list[Evidence] = field(default_factory=list)
    specificity: float = 0.0
    score: float = 0.0
    lead: float = 0.0
    roster: bool = False
    names: frozenset[str] = frozenset()

    @property
    def words(self) -> int:
        return len(self.piece.text.split())


class Summarise:
    """Corpus stage: picks 120–200 words (configurable) of cited, non-redundant sentences, news first."""

    def __init__(self, embedder: Any, settings: SummarySettings) -> None:
        self.embedder = embedder
        self.settings = settings

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
        candidates = [ScoredSentence(p, vectors[i], details(p), specificity=_specificity(p), names=_names(p))
                      for i, p in enumerate(readable)]
        context_vectors = vectors[len(readable) :]
        outlet_of = _outlet_keys(originals)
        vocabulary = {a.id: article_words(a) for a in originals}
        self._support_from_similarity(candidates, context, context_vectors, outlet_of, vocabulary)
        if corpus.claims is not None:
            self._support_from_claims(candidates, corpus.claims, outlet_of, vocabulary)
        outlets = len(set(outlet_of.values()))
        _score(candidates, outlets, self.settings)
        chosen = self._select(candidates, outlets)
        reported = [d for d in corpus.discrepancies or ()
                    if d.confidence is None or d.confidence >= self.settings.min_confidence]
        return [self._sentence(c, reported) for c in _news_order(chosen)]

    def _support_from_similarity(
        self, candidates: list[ScoredSentence], context: Sequence[SentenceSpan], vectors: Any,
        outlet_of: dict[str, str], vocabulary: dict[str, frozenset[str]],
    ) -> None:
        """Centrality from the best-matching sentence of every other outlet; support from the best-matching
        one that says the same thing and gives every figure and name of the candidate."""
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
                best.append(float(np.max(sims)))
                for column in np.argsort(-sims):
                    if sims[column] < self.settings.same_fact:
                        break
                    match = context[rows[outlet][int(column)]]
                    if supports(candidate.details, match.text, vocabulary[match.article.id]):
                        evidence.append(_evidence(match))
                        break
            candidate.centrality = float(np.mean(best)) if best else 0.0
            candidate.evidence = evidence
            candidate.support_articles = tuple(e.article_id for e in evidence)
            candidate.support_outlets = len({outlet_of[a] for a in candidate.support_articles})

    def _support_from_claims(
        self, candidates: list[ScoredSentence], claims: Sequence[Claim], outlet_of: dict[str, str],
        vocabulary: dict[str, frozenset[str]],
    ) -> None:
        """Corroboration from the claims the sentence carries, when the claims stage ran: each other outlet's
        evidence of the best-supported claim, when it gives the sentence's figures and names."""
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
                if (ev.article_id not in seen and ev.article_id in outlet_of
                        and supports(candidate.details, ev.text, vocabulary[ev.article_id])):
                    evidence.append(ev)
                    seen.add(ev.article_id)
            claim_outlets = len({outlet_of[e.article_id] for e in evidence})
            if claim_outlets > candidate.support_outlets:
                candidate.evidence = evidence
                candidate.support_articles = tuple(e.article_id for e in evidence)
                candidate.support_outlets = claim_outlets

    def _select(self, candidates: list[ScoredSentence], outlets: int) -> list[ScoredSentence]:
        """The lead first (who did what, where, when), then MMR over sentences other outlets support detail for
        detail, each scored up by the corroborated claims it adds; single-source ones only to reach the minimum
        length. Rosters (who attended) only when nothing else is left."""
        settings = self.settings
        candidates = [c for c in candidates if not c.roster] or candidates
        lead = max(candidates, key=lambda c: (c.lead, c.score))
        chosen: list[ScoredSentence] = [lead]
        target = (settings.min_words + settings.max_words) // 2
        for allow_single in (False, True):
            pool = [c for c in candidates if c not in chosen and (allow_single or c.support_outlets > 1)]
            if allow_single and _length(chosen) >= settings.min_words:
                break
            goal = target if not allow_single else settings.min_words
            while pool and _length(chosen) < goal:
                covered = {claim.id for c in chosen for claim in c.claims}
                best = max(pool, key=lambda c: _mmr(c, chosen, settings, _new_claims(c, covered, outlets)))
                pool.remove(best)
                if _redundancy(best, chosen) > settings.repeat or _length(chosen) + best.words > settings.max_words:
                    continue
                chosen.append(best)
        return chosen

    def _sentence(self, candidate: ScoredSentence, discrepancies: Sequence[Discrepancy]) -> SummarySentence:
        return SummarySentence(
            text=candidate.piece.text,
            article_ids=tuple(dict.fromkeys(candidate.support_articles)),
            discrepancy_ids=_touched(candidate, discrepancies),
            evidence=tuple(candidate.evidence),
            single_source=candidate.support_outlets <= 1,
        )


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


def _score(candidates: list[ScoredSentence], outlets: int, settings: SummarySettings) -> None:
    """Each candidate's summary score (centrality, corroboration, position, specificity, less quotes), whether
    it is a roster, and its lead score (who did what, where and when, near the top, widely reported)."""
    if not candidates:
        return
    low = min(c.centrality for c in candidates)
    high = max(c.centrality for c in candidates)
    spread = (high - low) or 1.0
    w = settings.weights
    for c in candidates:
        central = (c.centrality - low) / spread
        corroboration = (c.support_outlets - 1) / max(outlets - 1, 1)
        top = 1.0 - c.piece.position
        quoted = _quoted_share(c.piece.text)
        c.score = w[0] * central + w[1] * corroboration + w[2] * top + w[3] * c.specificity
        c.score -= settings.quote_penalty * quoted
        c.roster = _is_roster(c.piece, settings.roster_people)
        features = (top, corroboration, central, *_news_shape(c.piece), -quoted)
        c.lead = sum(weight * value for weight, value in zip(settings.lead_weights, features, strict=True))


def _news_shape(piece: SentenceSpan) -> tuple[float, float, float, float]:
    """Whether the sentence names an actor as its subject, rests on an action verb (not a verb of saying),
    and says where and when: the four things a news lead gives."""
    span = piece.span
    if span is None:
        return 0.0, 0.0, 0.0, 0.0
    root = span.root
    subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")]
    actor = any(t.pos_ == "PROPN" or t.ent_type_ in ACTORS for s in subjects for t in s.subtree)
    action = root.pos_ == "VERB" and root.lemma_.lower() not in NOT_ACTIONS
    where = any(t.ent_type_ in PLACES for t in span)
    when = any(t.ent_type_ in TIMES for t in span)
    return float(actor), float(action), float(where), float(when)


def _is_roster(piece: SentenceSpan, many: int) -> bool:
    """A list of who was there, not news: ``many`` people named, or two on a verb of attendance."""
    low, high = piece.start, piece.end
    people = len({m.text for m in piece.article.mentions if m.label == "PERSON" and low <= m.start and m.end <= high})
    span = piece.span
    attending = span is not None and span.root.lemma_.lower() in ATTENDANCE_VERBS
    return people >= many or (people >= 2 and attending)


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


def _mmr(candidate: ScoredSentence, chosen: Sequence[ScoredSentence], settings: SummarySettings, gain: float) -> float:
    own = candidate.score + settings.claim_coverage * gain
    return settings.mmr_lambda * own - (1 - settings.mmr_lambda) * _redundancy(candidate, chosen)


def _new_claims(candidate: ScoredSentence, covered: set[str], outlets: int) -> float:
    """The corroborated claims a sentence adds to the summary, each weighted by its share of the outlets, up to 1."""
    gain = sum((len(c.outlets) - 1) / max(outlets - 1, 1)
               for c in candidate.claims if c.corroborated and c.id not in covered)
    return min(gain, 1.0)


def _length(chosen: Sequence[ScoredSentence]) -> int:
    return sum(c.words for c in chosen)


def _news_order(chosen: list[ScoredSentence]) -> list[ScoredSentence]:
    """The lead, then the outcome (the best-corroborated sentence that gives a figure), then news order: what
    the articles lead with comes first; among sentences as high up, the better confirmed."""
    if len(chosen) < 2:
        return list(chosen)
    lead, rest = chosen[0], chosen[1:]
    rest = sorted(rest, key=lambda c: (round(c.piece.position * 4), -c.support_outlets, c.piece.position))
    with_figure = [c for c in rest if any(f.kind not in ("date", "year", "ordinal") for f in c.details.figures)]
    if with_figure:
        outcome = max(with_figure, key=lambda c: (c.support_outlets, c.score))
        rest.remove(outcome)
        rest.insert(0, outcome)
    return [lead, *rest]


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
    return Summarise(context.embedder, SummarySettings.from_config(context.config))
