"""Find temporal expressions in a parsed text and resolve each against a reference.

Candidates come from the parser's DATE/TIME entities and from calendar patterns
(the parser misses bare years after "in", holidays, "since 2017"...). Overlaps are
settled in favour of a candidate that resolves, then the longer one. Each mention
keeps its exact span, the signal word before it ("since", "by") and the tense of
the clause it sits in, which decides whether "Monday" is the last or the next one.
Within one article a bare weekday names one day: mentions with weak evidence of
direction ("the impact of Monday's debate is small") follow the article's clearer
ones ("since Monday's debate").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ..lang.calendar import DAY_OFFSETS, HOLIDAY_WORDS, MONTHS, WEEKDAYS
from ..nlp import text_of
from .lexicon import DATELINE_AFTER, DATELINE_BEFORE, PATTERN, SIGNALS
from .normalise import Reference, Value, resolve

_NAME_LABELS = ("PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT")
_CAPITALISED = set(MONTHS) | set(WEEKDAYS) | HOLIDAY_WORDS
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "\u2019ll"}
#: Heads whose "to"-infinitive looks forward ("is due to visit", "plans to meet").
_FUTURE_HEADS = {"due", "set", "expect", "plan", "schedule", "go", "intend", "aim", "prepare", "poise", "about",
                 "slate", "hope", "agree", "want", "seek", "propose", "likely", "unlikely"}
_SIGNAL_RE = re.compile(r"(?:^|\W)(" + "|".join(sorted(SIGNALS, key=len, reverse=True)) + r")\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TemporalMention:
    """One temporal expression: exact span, how it reads in context, and its value (None if unresolved)."""

    start: int
    end: int
    text: str
    signal: str | None
    tense: str | None
    value: Value | None
    #: Inside a noun phrase ("Monday's debate", "the moderator of Monday night's debate"): the clause's tense
    #: then says little about which Monday is meant.
    nominal: bool = False


def candidate_spans(doc: Any) -> list[tuple[int, int]]:
    """Character spans that may be temporal expressions: parser entities plus calendar patterns."""
    text: str = text_of(doc)
    # a bare number the parser calls a date is nearly always an age or a count ("65", "48")
    spans = [(e.start_char, e.end_char) for e in doc.ents
             if e.label_ in ("DATE", "TIME") and not (e.text.isdigit() and len(e.text) != 4)]
    # a month or weekday inside a name the parser found ("Theresa May", "India Today") is no date
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NAME_LABELS]
    for m in PATTERN.finditer(text):
        if _case_ok(m.group(0)) and not any(s < m.start() and m.end() <= e for s, e in names):
            spans.append((m.start(), m.end()))
    return [(s, e) for s, e in spans if not _named_day(text, s, e)]


def _named_day(text: str, start: int, end: int) -> bool:
    """"Today" capitalised inside a sentence ends a name ("told India Today"), as a title's words do."""
    word = text[start:end]
    before = text[:start].rstrip(" \t")
    return (word.lower() in DAY_OFFSETS and word[0].isupper() and bool(before)
            and before[-1] not in ".!?:;\"'\u201c\u2018\n(-\u2013\u2014")


def is_dateline(text: str, start: int, end: int) -> bool:
    """The date of a dateline at the head of a line ("MADRID, April 28 (AP) -"): the article's day, no event."""
    return (DATELINE_BEFORE.search(text, max(0, start - 60), start) is not None
            and DATELINE_AFTER.match(text, end) is not None)


def _case_ok(found: str) -> bool:
    """Month, weekday and holiday names count only when capitalised ("may", "march" are verbs)."""
    for word in re.findall(r"[A-Za-z]+", found):
        if word.lower().rstrip(".") in _CAPITALISED and not word[0].isupper():
            return False
    return True


#: Any exact day will do to tell which candidates are well-formed expressions, whatever the article's date.
_PROBE = Reference(date(2000, 1, 5))


def find_mentions(doc: Any, ref: Reference | None = None) -> list[TemporalMention]:
    """All temporal expressions of ``doc`` in text order, without overlaps, resolved against ``ref`` if given."""
    text: str = text_of(doc)
    scored: list[tuple[tuple[int, int], TemporalMention]] = []
    for start, end in set(candidate_spans(doc)):
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        signal = _signal(text, start)
        tense = tense_at(doc, start, end)
        probe = resolve(text[start:end], _PROBE, tense, signal)
        mention = TemporalMention(start, end, text[start:end], signal, tense, probe, _nominal(doc, text, start, end))
        scored.append(((0 if probe else 1, -(end - start)), mention))
    chosen: list[TemporalMention] = []
    for _, mention in sorted(scored, key=lambda item: (item[0], item[1].start)):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    ordered = sorted(chosen, key=lambda m: m.start)
    return with_reference(ordered, ref) if ref is not None else ordered


def with_reference(mentions: list[TemporalMention], ref: Reference) -> list[TemporalMention]:
    """The same mentions, their values resolved against ``ref`` (cheap: no parsing)."""
    return _consistent_weekdays([replace(m, value=resolve(m.text, ref, m.tense, m.signal)) for m in mentions])


_BARE_WEEKDAY = re.compile(r"(?:on )?(?P<w>" + "|".join(WEEKDAYS) + r")(?: (?:morning|afternoon|evening|night))?")


def _weekday_strength(mention: TemporalMention) -> tuple[str, int] | None:
    """The weekday a bare weekday mention names and how clearly its context says which one (2 clear, 1 weak)."""
    found = _BARE_WEEKDAY.fullmatch(" ".join(mention.text.lower().split()))
    if found is None or mention.value is None or mention.value.granularity != "day":
        return None
    directed = mention.signal in ("since", "by", "until", "till", "ahead of", "within")
    clear = directed or (mention.tense in ("past", "future") and not mention.nominal)
    return found["w"], 2 if clear else 1


def _consistent_weekdays(mentions: list[TemporalMention]) -> list[TemporalMention]:
    """Weak readings of a bare weekday take the day its clearest readings in the article agree on.

    Clear readings that disagree keep their own days (two different Mondays); when every
    reading is weak, the minority follows the majority.
    """
    groups: dict[str, list[tuple[int, int, Value]]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        found = _weekday_strength(mention)
        if found is not None and mention.value is not None:
            groups[found[0]].append((index, found[1], mention.value))
    out = list(mentions)
    for members in groups.values():
        best = max(strength for _, strength, _ in members)
        leading = [value for _, strength, value in members if strength == best]
        ranked = Counter(value.value for value in leading).most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            continue
        chosen = next(value for value in leading if value.value == ranked[0][0])
        for index, strength, value in members:
            if (strength < best or best == 1) and value.value != chosen.value:
                out[index] = replace(mentions[index], value=replace(value, value=chosen.value,
                                                                    timeml=_retimed(value, chosen)))
    return out


def _retimed(value: Value, chosen: Value) -> str:
    """``chosen``'s day with ``value``'s own part of day ("2016-09-26TNI")."""
    part = value.timeml[len(value.value):]
    return chosen.value + part


def _nominal(doc: Any, text: str, start: int, end: int) -> bool:
    """A date inside a noun phrase: a possessive ("Monday's") or a modifier of a noun."""
    if text[end:end + 2] in ("'s", "\u2019s") or text[end:end + 1] in ("'", "\u2019"):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.dep_ in ("poss", "compound", "nmod")


_LEADING = re.compile(r"^(?:(?:since|by|until|till|before|after|from|on|in|during|at|for|of|ahead of|prior to|"
                      r"following|as of|through|within)\s+)+", re.IGNORECASE)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop signal words and possessive endings from an entity's edges (TimeML extents exclude them)."""
    piece = text[start:end]
    lead = _LEADING.match(piece)
    if lead:
        start += lead.end()
    piece = text[start:end]
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if piece.endswith(suffix):
            end -= len(suffix)
            break
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    return start, end


def _signal(text: str, start: int) -> str | None:
    m = _SIGNAL_RE.search(text[max(0, start - 12):start])
    return m.group(1).lower() if m else None


def tense_at(doc: Any, start: int, end: int) -> str | None:
    """past | present | future for the clause governing the span, None when no verb governs it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    return verb_tense(token)


def verb_tense(verb: Any, depth: int = 0) -> str | None:
    """Tense of one verb from its auxiliaries and morphology; a bare infinitive inherits its head's reading."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX or ("would" in lowers and verb.dep_ == "ccomp"):
        return "future"  # "said they would meet in September": the future of reported speech
    if "to" in lowers or verb.tag_ == "VB":
        head = verb.head
        if head is not verb and head.lemma_.lower() in _FUTURE_HEADS:
            return "future"
        if head is not verb and depth < 3 and head.pos_ in ("VERB", "AUX", "ADJ"):
            return verb_tense(head, depth + 1) if head.pos_ != "ADJ" else _copula_tense(head)
        return None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN":
        if lowers & {"has", "have", "had", "was", "were", "'ve"}:
            return "past"
        if lowers & {"is", "are", "am"}:
            return "present"
        return "past" if verb.dep_ in ("acl", "relcl", "amod") else None
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def _copula_tense(adjective: Any) -> str | None:
    for child in adjective.head.children if adjective.dep_ == "acomp" else ():
        if child.lower_ in _FUTURE_AUX:
            return "future"
    head = adjective.head
    if adjective.lemma_.lower() in _FUTURE_HEADS:
        return "future"
    return "past" if head.tag_ == "VBD" else "present" if head.tag_ in ("VBZ", "VBP") else None
