"""Dated events: the clause around each resolved date, and whether it is news, background or a plan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from ..lang.calendar import WEEKDAYS
from ..nlp import text_of
from ..quotes.spans import trim_space
from .extract import TemporalMention, is_dateline
from .lexicon import BASELINE_BEFORE, BASELINE_CLOSES, BASELINE_OPENS, PERIOD_NOUNS
from .normalise import Reference, Value

#: Clause-level children that start a new statement; an event's text stops before them.
_SPLIT_DEPS = {"advcl", "conj", "cc", "parataxis", "ccomp", "punct", "mark"}
_PLAN_SIGNALS = {"by", "until", "till", "ahead of", "within", "later"}
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
    #: Read by a guessed day of writing ("Saturday" in an undated article): good for a timeline, too weak to
    #: contradict another outlet's date.
    guessed: bool = False


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


def status_of(mention: TemporalMention, value: Value, ref: Reference, near: int) -> str:
    """planned (announced, future), past (background) or reported (the news of the day).

    ``near``: how many days a guessed day of writing (``ref.approximate``) may be from the true one.

    A date wholly before the day of writing happened, whatever the verb ("revive the failed 2022 talks");
    one wholly after it is still to come ("agreed to spend 5% by 2035"); only a date that holds the day of
    writing ("later today", "by Friday night") takes its reading from the tense and the signal word.
    """
    bounds = value.bounds()
    if bounds is None:
        return "reported"
    first, last = bounds
    ahead = mention.tense == "future" or (mention.signal in _PLAN_SIGNALS and mention.tense != "past")
    if ref.day is not None and ref.approximate:
        # a guessed day: a weekday read as the nearer one may fall after it, and a later date told in the past
        # tense happened; only the words, or a date well after the guess, make a plan
        if last < ref.day - _BACKGROUND:
            return "past"
        weekday = any(word in WEEKDAYS for word in mention.text.lower().split())
        later = first > ref.day + timedelta(days=near) or (first > ref.day and not weekday and mention.tense != "past")
        return "planned" if later or ahead else "reported"
    if ref.day is not None:
        if last < ref.day:
            return "past" if last < ref.day - _BACKGROUND else "reported"
        return "planned" if first > ref.day or ahead else "reported"
    if ref.year is not None:
        if last.year < ref.year:
            return "past"
        return "planned" if first.year > ref.year or ahead else "reported"
    return "planned" if ahead else "reported"


def dates_no_event(doc: Any, text: str, mention: TemporalMention) -> bool:
    """Words that date the article or a comparison, or name a period, rather than date an event of the story.

    A dateline ("MADRID, April 28 (AP) -"); the baseline of a comparison ("from an estimated 6.1% this
    year", "(2021: 25.7)"); a year naming what a budget or target covers ("the 2025 budget").
    """
    if is_dateline(text, mention.start, mention.end):
        return True
    if BASELINE_BEFORE.search(text, max(0, mention.start - 60), mention.start):
        return True
    opened = BASELINE_OPENS.search(text, max(0, mention.start - 40), mention.start)
    closed = BASELINE_CLOSES.match(text, mention.end)
    if opened and closed and (":" in closed.group(0) or "=" in closed.group(0) or opened.group(0).strip() != "("):
        return True
    if value_is_year(mention):
        if _PERIOD_FOR.search(text, max(0, mention.start - 40), mention.start):
            return True
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        token = span.root if span is not None and len(span) else None
        if token is not None:
            head = token.head.head if token.dep_ == "pobj" else token.head
            if head.lemma_.lower() in PERIOD_NOUNS and head is not token:
                return True
    return False


#: "the budget for 2025", "targets for the year 2030": the year a period noun covers, whatever the parse.
_PERIOD_FOR = re.compile(r"\b(?:" + "|".join(sorted(PERIOD_NOUNS)) + r")s?\s+(?:for|of)\s+(?:the\s+)?(?:year\s+)?$",
                         re.IGNORECASE)


def value_is_year(mention: TemporalMention) -> bool:
    return mention.value is not None and mention.value.granularity == "year" and mention.text.strip().isdigit()


def dated_events(article_id: str, doc: Any, mentions: list[TemporalMention], ref: Reference,
                 skip: tuple[int, int] | None, near: int) -> list[DatedEvent]:
    """One event per resolved calendar date in the article (``skip``: a publication cue's span; ``near``: see
    ``status_of``)."""
    full = text_of(doc)
    events: list[DatedEvent] = []
    for mention in mentions:
        value = mention.value
        if value is None or not value.is_calendar:
            continue
        if skip is not None and mention.start < skip[1] and mention.end > skip[0]:
            continue
        if dates_no_event(doc, full, mention):
            continue
        start, end = event_clause(doc, mention)
        sentence = doc.char_span(mention.start, mention.end, alignment_mode="expand").sent
        text = " ".join(full[start:end].split())
        proof = trim_space(full, min(start, sentence.start_char), max(end, sentence.end_char))
        guessed = ref.approximate and not any(c.isdigit() for c in mention.text)
        events.append(DatedEvent(article_id, mention, value, text, proof, status_of(mention, value, ref, near),
                                 guessed))
    return events

