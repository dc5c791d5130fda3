"""Stances from quotes (the speaker's party) and from statements whose subject is a party."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..lang.cues import ASSERTING_VERBS
from ..models import Article, Dossier
from ..nlp import text_of
from ..quotes.spans import trim_space
from .actors import ActorMention, Parties, joint_actor, subject_records
from .cues import Cue, cue_of, has_condition, unreal

#: Verbs over a cue whose subject holds the cue's stance ("Lavrov insisted that ...").
_REPORTING = ASSERTING_VERBS
_MAX_WORDS = 28
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True, slots=True)
class RawStance:
    """A stance before issues are known: who, what kind, the words, and the proving span."""

    article_id: str
    actor: str
    actor_id: str | None
    kind: str
    modality: str
    stance: tuple[int, int]
    evidence: tuple[int, int]
    depth: int


def _depth(token: Any) -> int:
    depth = 0
    while token.head is not token and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _subject(verb: Any) -> Any | None:
    """Who holds the cue's stance: the subject of its clause (through xcomp and copulas), the agent of a
    passive cue ("is needed by ..."), or the owner of the noun a participle hangs on ("Marin's comments
    advocating ...")."""
    token = verb
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return next((c for c in verb.head.children if c.dep_ == "poss"), None)
    for _ in range(4):
        for child in token.children:
            if child.dep_ in _SUBJECTS:
                return child
        if token.dep_ in ("xcomp", "acomp", "conj", "aux", "advcl") and token.head is not token:
            token = token.head
            continue
        break
    return None


def _reporter(verb: Any) -> Any | None:
    """For a cue inside reported speech, the reporting verb's subject ("Lavrov insisted that ...")."""
    token = verb
    for _ in range(3):
        if token.head is token:
            return None
        if token.dep_ in ("ccomp", "xcomp", "advcl", "conj", "acomp", "dobj", "pobj", "prep"):
            token = token.head
            if token.pos_ == "VERB" and token.lemma_.lower() in _REPORTING:
                return next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        else:
            return None
    return None


def _clause(doc: Any, cue: Cue, with_subject: bool, within: tuple[int, int] | None = None) -> tuple[int, int]:
    """The words of the stance: the cue's clause, or for "... that X rejects" the thing rejected."""
    verb = cue.verb
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        verb, with_subject = verb.head, True
    tokens = list(verb.subtree)
    if not with_subject:
        first = min([verb, *[c for c in verb.children if c.dep_ in ("aux", "neg", "auxpass") and c.i < verb.i]],
                    key=lambda t: t.i)
        tokens = [t for t in tokens if t.i >= first.i]
    tokens = [t for t in tokens if t.sent == verb.sent]
    if within is not None:
        tokens = [t for t in tokens if within[0] <= t.idx < within[1]] or tokens
    start, end = tokens[0].i, tokens[-1].i + 1
    start = _skip_lead(doc, start, end)
    end = min(end, start + _MAX_WORDS)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


_LEADS = {"that", "to", "whether", "and", "but", ",", "\u201c", "\u201d", '"', "'", "\u2018", "\u2019"}


def _skip_lead(doc: Any, start: int, end: int) -> int:
    """Past the words that join a clause to its sentence ("that", "to", quote marks), so it reads alone."""
    while start < end - 1 and (doc[start].lower_ in _LEADS or doc[start].is_space):
        start += 1
    return start


def _sentence(doc: Any, start: int, end: int) -> tuple[int, int]:
    first = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    return trim_space(text_of(doc), first[0].sent.start_char, first[-1].sent.end_char)


def statements(article: Article, parties: Parties, quoted: Sequence[tuple[int, int]] = ()) -> list[RawStance]:
    """Drafts from every cue whose subject (or reporting subject) is a party, outside attributed quotes.

    A "must"/"should" says what its subject has to do: it is a stance only of whoever says so.
    """
    doc = article.doc
    drafts: list[RawStance] = []
    for token in doc:
        cue = cue_of(token)
        if cue is None or unreal(token):
            continue
        if any(lo <= token.idx < hi for lo, hi in quoted):
            continue  # the quote's speaker holds this stance; see from_quotes
        subject = _subject(token)
        reporter = _reporter(token)
        candidates = [(reporter, False)] if cue.deontic else [(subject, True), (reporter, False)]
        for who, is_subject in candidates:
            found = joint_actor(parties, subject_records(parties, article.id, who)) if who is not None else None
            if found is not None:
                actor, record = found
                drafts.append(_draft(article, doc, cue, record, actor, with_subject=not is_subject))
                break
    return drafts


def _draft(article: Article, doc: Any, cue: Cue, record: ActorMention, actor: str, with_subject: bool) -> RawStance:
    """The stance of one cue; ``record``'s entity (a party, or the person who said it) lets the ledger link back."""
    stance = _clause(doc, cue, with_subject)
    return RawStance(article.id, actor, record.entity_id, _kind(cue), cue.modality, stance, _sentence(doc, *stance),
                 _depth(cue.verb))


def _kind(cue: Cue) -> str:
    """The cue's kind; a demand or promise that hangs on a condition is a condition."""
    return "condition" if cue.kind in ("demand", "promise") and has_condition(cue.verb) else cue.kind


def _speaker(corpus_parties: Parties, article: Article, quote: Any) -> tuple[str, str | None] | None:
    """The party a quote's speaker speaks for; a speaker named in a list ("the UK, France and Spain")
    brings the whole list."""
    actor = corpus_parties.of_entity(quote.speaker_id)
    if actor is None:
        return None
    if quote.source_span is not None and article.doc is not None:
        span = article.doc.char_span(quote.source_span.start, quote.source_span.end, alignment_mode="expand")
        if span is not None:
            found = joint_actor(corpus_parties, subject_records(corpus_parties, article.id, span.root))
            if found is not None and found[0] != actor and actor in found[0]:
                return found[0], None
    return actor, quote.speaker_id


def from_quotes(corpus: Dossier, parties: Parties) -> list[RawStance]:
    """Drafts from attributed quotes that carry a stance cue in their content or their reporting verb.

    A cue whose own subject is another party ("Marin's comments advocating ...") is that party's
    stance, unless it says what the other party must do; hypotheticals and questions are no stance.
    """
    drafts: list[RawStance] = []
    articles = {a.id: a for a in corpus.articles}
    for quote in corpus.quotes or ():
        article = articles.get(quote.article_id)
        if article is None or article.doc is None or quote.speaker_id is None:
            continue
        speaker = _speaker(parties, article, quote)
        if speaker is None:
            continue
        doc = article.doc
        content = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if content is None or len(content) == 0:
            continue
        cues = [c for t in content if (c := cue_of(t)) is not None and not unreal(t)]
        if quote.cue is not None:
            reporting = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
            cues += [c for t in reporting or () if ((c := cue_of(t)) is not None and c.kind != "demand")
                     or (c is not None and t.lemma_.lower() in ("demand", "insist", "urge"))]
        if not cues:
            continue
        cue = min(cues, key=lambda c: _depth(c.verb))
        actor, actor_id = speaker
        inside = content.start_char <= cue.verb.idx < content.end_char
        if inside and not cue.deontic and (holder := _subject(cue.verb)) is not None:
            found = joint_actor(parties, subject_records(parties, article.id, holder))
            if found is not None and found[0] != actor and holder.lower_ not in ("we", "i", "us"):
                actor, actor_id = found[0], found[1].entity_id
        if inside:
            stance = _clause(doc, cue, True, (content.start_char, content.end_char))
        else:
            first = _skip_lead(doc, content.start, content.end)
            last = min(content.end, first + _MAX_WORDS) - 1
            stance = (doc[first].idx, doc[last].idx + len(doc[last].text))
        drafts.append(RawStance(article.id, actor, actor_id, _kind(cue), cue.modality, stance,
                            _sentence(doc, quote.start, quote.end), _depth(cue.verb)))
    return drafts
