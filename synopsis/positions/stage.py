"""Stance ledger: what each party demands, rejects, proposes, conditions or promises, by issue.

Stances come from attributed quotes (the speaker's party) and from statements whose
subject, or reporting subject, is a party; without quotes or entities the stage
reads statements from the parser's own entities. Issues are clusters of the
stances' content (their noun phrases; a stance that only points back, "rejected this
idea", reads the sentence before), labelled by their own noun phrases.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from ..context import Context
from ..models import Dossier, Evidence, Position
from ..registry import stage
from .actors import Parties
from .cues import PHRASAL, SAYING, VERB_KINDS
from .extract import RawStance, from_quotes, statements
from .issues import NounChunks, Phrases, cluster, labels, load_clustering, phrases, sentence_rarity, topic_text


class Positions:
    """Corpus stage: assigns ``positions``."""

    def __init__(self, embed: Callable[[list[str]], Any], issue_distance: float, own_topic_weight: float,
                 prefetch: Callable[[list[str]], None] | None = None) -> None:
        self.embed = embed
        self.prefetch = prefetch
        self.issue_distance = issue_distance
        self.own_topic_weight = own_topic_weight

    def __call__(self, corpus: Dossier) -> Dossier:
        articles = {a.id: a for a in corpus.articles if a.doc is not None and a.copy_of is None}
        parties = Parties(corpus)
        drafts = from_quotes(corpus, parties)
        for article in articles.values():
            quoted = [(q.start, q.end) for q in corpus.quotes or () if q.article_id == article.id and q.speaker_id]
            drafts += statements(article, parties, quoted)
        drafts = _one_per_sentence(d for d in drafts if d.article_id in articles and _words(articles, d) >= 3)
        if not drafts:
            return dataclasses.replace(corpus, positions=())
        texts = [articles[d.article_id].text[slice(*d.stance)] for d in drafts]
        chunks = {key: NounChunks.of(articles[key].doc) for key in {d.article_id for d in drafts}}
        found = [_about(articles[d.article_id].doc, d, chunks[d.article_id], self.own_topic_weight) for d in drafts]
        topics = [topic_text(f, t) + ". " + t for f, t in zip(found, texts, strict=True)]
        if self.prefetch is not None:
            self.prefetch(topics)  # embedded on the embedder's thread while the label work below runs here
            load_clustering()
        rarity = sentence_rarity([s for a in articles.values() for s in a.doc.sents])
        main_words = [_main_word(articles[d.article_id].doc, d) for d in drafts]
        groups = cluster(self.embed(topics), self.issue_distance)
        names = labels(groups, found, rarity, main_words)
        positions = [
            Position(
                actor=d.actor,
                issue=names[group],
                stance=" ".join(text.split()),
                evidence=(Evidence.of(articles[d.article_id], *d.evidence),),
                actor_id=d.actor_id,
                kind=d.kind,
                modality=d.modality,
            )
            for d, text, group in zip(drafts, texts, groups, strict=True)
        ]
        positions.sort(key=lambda p: (p.actor.lower(), p.issue, p.evidence[0].article_id, p.evidence[0].start))
        return dataclasses.replace(corpus, positions=tuple(positions))


def _about(doc: Any, draft: RawStance, chunks: NounChunks, own_topic_weight: float) -> Phrases:
    """A stance's label candidates; one that only points back ("rejected this idea") takes the sentence
    before's."""
    found = phrases(doc, *draft.stance, chunks)
    if any(weight >= own_topic_weight for _, weight in found.found.values()) or not found.anaphoric:
        return found
    sentence = doc.char_span(*draft.evidence, alignment_mode="expand")
    if sentence is None or sentence.sent.start == 0:
        return found
    before = doc[sentence.sent.start - 1].sent
    return phrases(doc, before.start_char, before.end_char, chunks)


#: Words that carry a stance's force rather than say what it is about.
_CUE_WORDS = frozenset(VERB_KINDS) | {head for head, _ in PHRASAL} | SAYING | {"be", "have", "do", "will", "need"}


def _main_word(doc: Any, draft: RawStance) -> str:
    """The stance's first content verb that is not its cue ("ready to listen" -> "listen"), else a noun."""
    span = doc.char_span(*draft.stance, alignment_mode="expand")
    if span is None:
        return ""
    for pos in ("VERB", "NOUN"):
        for token in span:
            if token.pos_ == pos and token.lemma_.lower() not in _CUE_WORDS and not token.is_stop:
                return str(token.lower_)
    return str(next((t.lower_ for t in span if t.is_alpha and not t.is_stop), span[0].lower_))


def _words(articles: dict[str, Any], draft: RawStance) -> int:
    return len(articles[draft.article_id].text[slice(*draft.stance)].split())


def _one_per_sentence(drafts: Iterable[RawStance]) -> list[RawStance]:
    """One stance per actor and sentence: the most embedded cue says what is wanted, not that it was said."""
    best: dict[tuple[str, tuple[int, int], str], RawStance] = {}
    for draft in drafts:
        key = (draft.article_id, draft.evidence, draft.actor)
        if key not in best or draft.depth > best[key].depth:
            best[key] = draft
    return sorted(best.values(), key=lambda d: (d.article_id, d.evidence))


@stage("positions", scope="corpus", requires=("article.doc", "article.mentions", "entities", "quotes"),
       assigns=("positions",), embeds=True)
def make(context: Context) -> Positions:
    def embed(texts: list[str]) -> Any:
        return context.embedder.embed(texts)

    section = context.config.section("positions")
    prefetch = getattr(context.embedder, "prefetch", None)
    return Positions(embed, section["issue_distance"], section["own_topic_weight"], prefetch)
