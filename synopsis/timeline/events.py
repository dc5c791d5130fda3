"""Dated events: the clause around each resolved date, and whether it is news, background or a plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from ..nlp import text_of
from ..quotes.spans import trim_space
from .extract import TemporalMention
from .normalise import Reference, Value

#: Clause-level children that start a new statement; an event's text stops before them.
_SPLIT_DEPS = {"advcl", "conj", "cc", "parataxis", "ccomp", "punct", "mark"}
_PLAN_SIGNALS = {"by", "until", "till", "ahead of", "within"}
_MAX_WORDS = 30
#: An event this long before the article's day is background rather than the news of the day.
_BACKGROUND = timedelta(days=31)


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """One date in one article, with the clause it dates and the sentence that proves it."""

    article_id: str
    mention: TemporalMention
    value: Value
    text: str
    sentence: tuple[int, int]  # the sentence (widened to the clause if the parser split it) that proves it
    status: str


def event_clause(doc: Any, mention: TemporalMention) -> tuple[int, int]:
    """Character span of the clause (or noun phrase) that ``mention`` dates, never past its sentence."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    sentence = span.sent
    token = span.root
    if token.dep_ in ("poss", "compound", "nummod", "amod", "nmod", "pobj", "npadvmod") and token.head.pos_ in (
            "NOUN", "PROPN"):
        noun = token.head if token.dep_ != "pobj" else token.head.head
        if noun.pos_ in ("NOUN", "PROPN"):
            start, end = noun.left_edge.i, noun.right_edge.i + 1
            if end - start >= 5:
                return _chars(doc, start, end)
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return sentence.start_char, sentence.end_char
    while token.head is not token and (token.dep_ in ("xcomp", "aux", "auxpass", "acomp")
                                       or (token.dep_ == "conj" and token.head.pos_ == "AUX")):
        token = token.head
    if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):
        noun = token.head
        if 5 <= noun.right_edge.i + 1 - noun.left_edge.i <= _MAX_WORDS:
            return _chars(doc, noun.left_edge.i, noun.right_edge.i + 1)
    start, end = token.left_edge.i, token.right_edge.i + 1
    inside = set(range(span.start, span.end))
    for child in token.children:
        if child.dep_ not in _SPLIT_DEPS or inside & set(range(child.left_edge.i, child.right_edge.i + 1)):
            continue
        if child.i > token.i:
            end = min(end, child.left_edge.i)
        elif child.dep_ != "mark":
            start = max(start, child.right_edge.i + 1)
    if end - start < 4 or end - start > _MAX_WORDS:
        return sentence.start_char, sentence.end_char
    return _chars(doc, start, end)


def _chars(doc: Any, start: int, end: int) -> tuple[int, int]:
    while end > start + 1 and doc[end - 1].is_punct and doc[end - 1].text not in ")\u201d\"'":
        end -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def status_of(mention: TemporalMention, value: Value, ref: Reference) -> str:
    """planned (announced, future), past (background) or reported (the news of the day)."""
    bounds = value.bounds()
    if bounds is None:
        return "reported"
    first, last = bounds
    if mention.tense == "future" or (ref.day is not None and first > ref.day):
        return "planned"
    if mention.signal in _PLAN_SIGNALS and mention.tense != "past" and (ref.day is None or last >= ref.day):
        return "planned"
    if ref.day is not None:
        return "past" if last < ref.day - _BACKGROUND else "reported"
    if ref.year is not None:
        return "past" if last.year < ref.year else "reported"
    return "reported"


def dated_events(article_id: str, doc: Any, mentions: list[TemporalMention], ref: Reference,
                 skip: tuple[int, int] | None = None) -> list[DatedEvent]:
    """One event per resolved calendar date in the article (``skip``: a publication cue's span)."""
    full = text_of(doc)
    events: list[DatedEvent] = []
    for mention in mentions:
        value = mention.value
        if value is None or not value.is_calendar:
            continue
        if skip is not None and mention.start < skip[1] and mention.end > skip[0]:
            continue
        start, end = event_clause(doc, mention)
        sentence = doc.char_span(mention.start, mention.end, alignment_mode="expand").sent
        text = " ".join(full[start:end].split())
        proof = trim_space(full, min(start, sentence.start_char), max(end, sentence.end_char))
        events.append(DatedEvent(article_id, mention, value, text, proof, status_of(mention, value, ref)))
    return events

