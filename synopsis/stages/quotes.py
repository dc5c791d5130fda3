"""Who said what: every attribution of every article, its speaker, and its cluster across outlets."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from ..attribution.clusters import ClusterItem, ClusterSettings, cluster_quotes
from ..attribution.extract import Attribution, extract_attributions
from ..attribution.speakers import Speaker, SpeakerIndex
from ..context import Context
from ..models import Article, Dossier, Entity, Quote, Span


class AttributeQuotes:
    """Corpus stage: extraction per article, speakers from the entities, clusters over all quotes."""

    def __init__(self, settings: ClusterSettings, embed: Callable[[list[str]], Any] | None) -> None:
        self.settings = settings
        self.embed = embed

    def __call__(self, corpus: Dossier) -> Dossier:
        entities = corpus.entities or ()
        drafts: list[tuple[Article, Attribution, Speaker]] = []
        for article in corpus.articles:
            if article.doc is None or article.copy_of:
                continue
            drafts.extend((article, a, s) for a, s in self.attribute(article, entities))
        items = [
            ClusterItem(
                article.id, att.start, att.end, " ".join(article.text[s:e] for s, e in att.content),
                spk.entity_id, spk.name,
            )
            for article, att, spk in drafts
        ]
        clusters = cluster_quotes(items, self.settings, self.embed)
        quotes = tuple(
            Quote(
                id=f"q{n}",
                text=article.text[att.start:att.end],
                kind=att.kind,
                article_id=article.id,
                start=att.start,
                end=att.end,
                speaker_id=spk.entity_id,
                speaker_name=spk.name,
                cue=Span(*att.cue) if att.cue else None,
                source_span=Span(*att.source) if att.source else None,
                cluster_id=f"qc{cluster + 1}",
            )
            for n, ((article, att, spk), cluster) in enumerate(zip(drafts, clusters, strict=True), 1)
        )
        return dataclasses.replace(corpus, quotes=quotes)

    @staticmethod
    def attribute(article: Article, entities: tuple[Entity, ...]) -> list[tuple[Attribution, Speaker]]:
        """The article's attributions with their speakers, pronouns resolved left to right."""
        index = SpeakerIndex(article, entities)
        recent: tuple[int, Entity] | None = None
        out: list[tuple[Attribution, Speaker]] = []
        for att in sorted(extract_attributions(article.doc), key=lambda a: a.source[0] if a.source else a.start):
            if att.source is None:
                out.append((att, Speaker(None, None)))
                continue
            speaker = index.resolve(att.source[0], att.source[1], recent)
            entity = index.entities.get(speaker.entity_id or "")
            if entity is not None and entity.type == "PERSON":
                recent = (att.source[0], entity)
            out.append((att, speaker))
        out.sort(key=lambda pair: (pair[0].start, pair[0].end))
        return out


def make(context: Context) -> AttributeQuotes:
    settings = ClusterSettings(
        fuzzy_threshold=float(context.config.get("quotes", "fuzzy_threshold")),
        embedding_threshold=float(context.config.get("quotes", "embedding_threshold")),
        min_fragment_words=int(context.config.get("quotes", "min_fragment_words")),
        speakerless_words=int(context.config.get("quotes", "speakerless_words")),
    )
    use_embeddings = bool(context.config.get("quotes", "paraphrase_embeddings"))
    embed = (lambda texts: context.embedder.embed(texts)) if use_embeddings else None
    return AttributeQuotes(settings, embed)
