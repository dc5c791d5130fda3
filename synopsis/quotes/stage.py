"""Who said what: every attribution of every article, its speaker, and its cluster across outlets.

The extractor follows PolNeAR's broad sense of attribution, where "she questioned the
plan's cost" or "he acknowledged the country's role" count. A dossier's "who said what"
lists statements only, so an indirect attribution stays when it reports one: its content
is a clause (a finite verb of its own, or a that/wh-/if clause), or an infinitive or gerund
clause under a verb of speaking or thinking ("urged them to leave", "denied meeting him"), or a figure
under a verb that reports one ("confirmed 24 deaths"). Direct, partial and transcript quotes always stay, and
so do quoted words in the headline (a statement given without a cue).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from ..context import Context
from ..lang.cues import COGNITION_VERBS, SPEECH_VERBS
from ..lang.outlets import outlet_table
from ..models import Article, Dossier, Entity, Quote, Span
from ..registry import stage
from .clusters import ClusterItem, ClusterSettings, cluster_quotes
from .extract import Attribution, extract_attributions, opens_with_that
from .lexicon import FIGURE_VERBS
from .sanity import FINITE_TAGS
from .spans import merge_pieces, subtract
from .speakers import (
    BodyTies,
    ResolvedSpeaker,
    SpeakerIndex,
    citing_phrase,
    names_someone,
    outlet_key,
    relayed_source,
)
from .transcript import headline_quotes


class AttributeQuotes:
    """Corpus stage: extraction per article, speakers from the entities, clusters over all quotes."""

    def __init__(self, settings: ClusterSettings, embed: Callable[[list[str]], Any] | None) -> None:
        self.settings = settings
        self.embed = embed

    def __call__(self, corpus: Dossier) -> Dossier:
        entities = corpus.entities or ()
        drafts: list[tuple[Article, Attribution, ResolvedSpeaker]] = []
        outlets = known_outlets(corpus.articles)
        for article in corpus.articles:
            if article.doc is None or article.copy_of:
                continue
            drafts.extend((article, a, s) for a, s in self.attribute(article, entities, outlets))
        ties = BodyTies(entities)
        items = [
            ClusterItem(
                article.id, att.start, att.end, " ".join(article.text[s:e] for s, e in att.content),
                spk.entity_id, spk.name, article.published, ties.of(spk.entity_id),
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
    def attribute(article: Article, entities: tuple[Entity, ...],
                  outlets: frozenset[str] = frozenset()) -> list[tuple[Attribution, ResolvedSpeaker]]:
        """The article's attributions with their speakers, pronouns resolved left to right; an outlet passing on
        someone's words gives way to them (``relayed_source``)."""
        index = SpeakerIndex(article, entities)
        recent: tuple[int, Entity] | None = None
        out: list[tuple[Attribution, ResolvedSpeaker]] = []
        found = kept_attributions(article.doc)
        for att in sorted(found, key=lambda a: a.source[0] if a.source else a.start):
            if att.source is None:
                out.append((att, ResolvedSpeaker(None, None)))
                continue
            relayed = relayed_source(article.doc, att.source, att.cue, outlets)
            source = relayed or att.source
            citing = citing_phrase(article.doc, att.cue) if relayed else None
            content = merge_pieces(article.text, subtract(list(att.content), citing)) or att.content
            att = dataclasses.replace(att, source=source, content=content)
            speaker = index.resolve(source[0], source[1], recent)
            if speaker.entity_id is None and not names_someone(article.doc, *source):
                speaker = ResolvedSpeaker(None, None)  # a heading, a number or a thing speaks for no one
            entity = index.entities.get(speaker.entity_id or "")
            if entity is not None and entity.type == "PERSON":
                recent = (source[0], entity)
            out.append((att, speaker))
        out.sort(key=lambda pair: (pair[0].start, pair[0].end))
        return [(att, spk) for att, spk in out if not _evidence_only(att, spk, out)]


def _evidence_only(att: Attribution, speaker: ResolvedSpeaker,
                   found: list[tuple[Attribution, ResolvedSpeaker]]) -> bool:
    """A source that names no one ('according to the constitution', 'reports suggest') whose words another
    attribution with a speaker reports too: the statement is that speaker's, and the thing only its ground."""
    if att.source is None or speaker.name is not None:
        return False
    return any(other is not att and spk.name is not None and other.start <= att.start and att.end <= other.end
               for other, spk in found)


def kept_attributions(doc: Any) -> list[Attribution]:
    """The attributions a dossier lists as quotes: those reporting a statement, and quotes in the headline."""
    attributions = extract_attributions(doc, amount_sources=False)  # '63 percent' speaks for no one
    found = [a for a in attributions if reports_statement(doc, a)]
    return found + headline_quotes(doc, [(a.start, a.end) for a in found])


def known_outlets(articles: tuple[Article, ...]) -> frozenset[str]:
    """The story's outlets and the known news outlets and agencies, as ``outlet_key`` compares them."""
    table = outlet_table()
    names = [*table["hosts"].values(), *table["agencies"], *table["agencies"].values(),
             *(a.outlet for a in articles if a.outlet)]
    return frozenset(key for key in map(outlet_key, names) if key)


#: Words that open a reported clause: "said that ...", "asked whether ...", "explained how ...".
CLAUSE_OPENERS = frozenset({"that", "whether", "if", "how", "why", "what", "when", "where", "who", "which"})


def reports_statement(doc: Any, attribution: Attribution) -> bool:
    """True unless the attribution is indirect and its content is a noun phrase or an unreported act.

    The content's own head decides, not a verb buried in a relative clause ("a move that has
    long been awaited" stays a noun phrase).
    """
    if attribution.kind != "indirect":
        return True
    tokens = [t for s, e in attribution.content for t in doc.char_span(s, e, alignment_mode="expand") or ()]
    inside = {t.i for t in tokens}
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not words:
        return False
    if words[0].lower_ in CLAUSE_OPENERS and (words[0].dep_ == "mark" or words[0].tag_.startswith("W")):
        return True
    cue = doc.char_span(*attribution.cue, alignment_mode="expand") if attribution.cue else None
    verbs = [t for t in cue or () if t.pos_ in ("VERB", "AUX")]
    speaking = bool(verbs) and verbs[-1].lemma_.lower() in SPEECH_VERBS | COGNITION_VERBS
    if verbs and verbs[-1].lemma_.lower() in FIGURE_VERBS and any(t.like_num for t in words):
        return True  # 'confirmed 24 fatalities': a figure reported
    for head in (t for t in words if t.head.i not in inside or t.head.i == t.i):
        if head.pos_ in ("VERB", "AUX"):
            if _finite(head) or (speaking and (head.left_edge.i == words[0].i or head.dep_ in ("xcomp", "ccomp"))):
                return True
        elif any(c.dep_ in ("acl", "ccomp") and opens_with_that(c) for c in head.children):
            return True  # 'expressed hope that ...'
    return False


def _finite(verb: Any) -> bool:
    """A verb heading its own clause: tensed ('was'), with a modal or tensed auxiliary, or with a subject."""
    if verb.tag_ in FINITE_TAGS:
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS)
               for c in verb.children)


@stage("quotes", scope="corpus", requires=("article.doc", "entities"), assigns=("quotes",), embeds=True)
def make(context: Context) -> AttributeQuotes:
    settings = ClusterSettings.from_config(context.config)
    use_embeddings = bool(context.config.get("quotes", "paraphrase_embeddings"))
    embed = (lambda texts: context.embedder.embed(texts)) if use_embeddings else None
    return AttributeQuotes(settings, embed)
