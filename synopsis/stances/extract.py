"""Stances from quotes (the speaker's party) and from statements whose subject is a party."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Article, Dossier
from .actors import Parties, Record, subject_record
from .cues import DEONTIC, Cue, cue_of, has_condition

_REPORTING = {"say", "tell", "state", "add", "note", "announce", "declare", "claim", "stress", "emphasize",
              "emphasise", "insist", "warn", "make", "reiterate", "indicate", "argue", "assert", "write",
              "acknowledge", "explain", "suggest", "express", "voice", "signal", "outline", "issue"}
_MAX_WORDS = 28
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True, slots=True)
class Draft:
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
    """The grammatical subject of the clause the cue sits in (through xcomp and copulas)."""
    token = verb
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
            if token.pos_ == "VERB" and token.lemma_.lower() in _REPORTING | {"make"}:
                return next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        else:
            return None
    return None


def _clause(doc: Any, cue: Cue, with_subject: bool, within: tuple[int, int] | None = None) -> tuple[int, int]:
    """The words of the stance: the cue's clause, or for "... that X rejects" the thing rejected."""
    verb = cue.verb
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        verb, with_subject = verb.head, True
    tokens = [t for t in verb.subtree]
    if not with_subject:
        first = min([verb, *[c for c in verb.children if c.dep_ in ("aux", "neg", "auxpass") and c.i < verb.i]],
                    key=lambda t: t.i)
        tokens = [t for t in tokens if t.i >= first.i]
    tokens = [t for t in tokens if t.sent == verb.sent]
    if within is not None:
        tokens = [t for t in tokens if within[0] <= t.idx < within[1]] or tokens
    start, end = tokens[0].i, tokens[-1].i + 1
    end = min(end, start + _MAX_WORDS)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _sentence(doc: Any, start: int, end: int) -> tuple[int, int]:
    first = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    lo, hi = first[0].sent.start_char, first[-1].sent.end_char
    text = doc.text
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def statements(article: Article, parties: Parties, quoted: Sequence[tuple[int, int]] = ()) -> list[Draft]:
    """Drafts from every cue whose subject (or reporting subject) is a party, outside attributed quotes."""
    doc = article.doc
    drafts: list[Draft] = []
    for token in doc:
        cue = cue_of(token)
        if cue is None:
            continue
        if any(lo <= token.idx < hi for lo, hi in quoted):
            continue  # the quote's speaker holds this stance; see from_quotes
        subject = _subject(token)
        reporter = _reporter(token)
        candidates = [(reporter, False), (subject, True)] if cue.modality in DEONTIC else [
            (subject, True), (reporter, False)]
        record, actor, own = None, None, True
        for who, is_subject in candidates:
            found = subject_record(parties, article.id, who) if who is not None else None
            if found is not None and (party := parties.party(found)) is not None:
                record, actor, own = found, party, is_subject
                break
        if actor is None or record is None:
            continue
        drafts.append(_draft(article, doc, cue, record, actor, parties, with_subject=not own))
    return drafts


def _draft(article: Article, doc: Any, cue: Cue, record: Record, actor: str, parties: Parties,
           with_subject: bool) -> Draft:
    kind = cue.kind
    if kind in ("demand", "promise") and has_condition(cue.verb):
        kind = "condition"
    stance = _clause(doc, cue, with_subject)
    actor_id = record.entity_id if record.type != "PERSON" else _party_entity(parties, actor, record)
    return Draft(article.id, actor, actor_id, kind, cue.modality, stance, _sentence(doc, *stance), _depth(cue.verb))


def _party_entity(parties: Parties, actor: str, record: Record) -> str | None:
    """The speaker's own entity id (the person), so the ledger can link back to who said it."""
    return record.entity_id


def from_quotes(corpus: Dossier, parties: Parties) -> list[Draft]:
    """Drafts from attributed quotes that carry a stance cue in their content or their reporting verb."""
    drafts: list[Draft] = []
    articles = {a.id: a for a in corpus.articles}
    for quote in corpus.quotes or ():
        article = articles.get(quote.article_id)
        if article is None or article.doc is None or quote.speaker_id is None:
            continue
        actor = parties.of_entity(quote.speaker_id)
        if actor is None:
            continue
        doc = article.doc
        content = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if content is None or len(content) == 0:
            continue
        cues = [c for t in content if (c := cue_of(t)) is not None]
        if quote.cue is not None:
            reporting = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
            cues += [c for t in reporting or () if ((c := cue_of(t)) is not None and c.kind != "demand")
                     or (c is not None and t.lemma_.lower() in ("demand", "insist", "urge"))]
        if not cues:
            continue
        cue = min(cues, key=lambda c: _depth(c.verb))
        kind = "condition" if cue.kind in ("demand", "promise") and has_condition(cue.verb) else cue.kind
        inside = content.start_char <= cue.verb.idx < content.end_char
        stance = _clause(doc, cue, True, (content.start_char, content.end_char)) if inside else (
            content[0].idx, content[min(len(content), _MAX_WORDS) - 1].idx
            + len(content[min(len(content), _MAX_WORDS) - 1].text))
        drafts.append(Draft(article.id, actor, quote.speaker_id, kind, cue.modality, stance,
                            _sentence(doc, quote.start, quote.end), _depth(cue.verb)))
    return drafts
