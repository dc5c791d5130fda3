"""Find temporal expressions in a parsed text and resolve each against a reference.

Candidates come from the parser's DATE/TIME entities and from calendar patterns
(the parser misses bare years after "in", holidays, "since 2017"...). Overlaps are
settled in favour of a candidate that resolves, then the longer one. Each mention
keeps its exact span, the signal word before it ("since", "by") and the tense of
the clause it sits in, which decides whether "Monday" is the last or the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .lexicon import MONTHS, PATTERN, SIGNALS, WEEKDAYS
from .normalise import Reference, Value, resolve

_CAPITALISED = set(MONTHS) | set(WEEKDAYS) | {"easter", "christmas", "thanksgiving", "halloween"}
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


def candidate_spans(doc: Any) -> list[tuple[int, int]]:
    """Character spans that may be temporal expressions: parser entities plus calendar patterns."""
    text: str = doc.text
    # a bare number the parser calls a date is nearly always an age or a count ("65", "48")
    spans = [(e.start_char, e.end_char) for e in doc.ents
             if e.label_ in ("DATE", "TIME") and not (e.text.isdigit() and len(e.text) != 4)]
    for m in PATTERN.finditer(text):
        if _case_ok(m.group(0)):
            spans.append((m.start(), m.end()))
    return spans


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
    text: str = doc.text
    scored: list[tuple[tuple[int, int], TemporalMention]] = []
    for start, end in set(candidate_spans(doc)):
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        signal = _signal(text, start)
        tense = tense_at(doc, start, end)
        probe = resolve(text[start:end], _PROBE, tense, signal)
        mention = TemporalMention(start, end, text[start:end], signal, tense, probe)
        scored.append(((0 if probe else 1, -(end - start)), mention))
    chosen: list[TemporalMention] = []
    for _, mention in sorted(scored, key=lambda item: (item[0], item[1].start)):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    ordered = sorted(chosen, key=lambda m: m.start)
    return with_reference(ordered, ref) if ref is not None else ordered


def with_reference(mentions: list[TemporalMention], ref: Reference) -> list[TemporalMention]:
    """The same mentions, their values resolved against ``ref`` (cheap: no parsing)."""
    return [replace(m, value=resolve(m.text, ref, m.tense, m.signal)) for m in mentions]


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
    if lowers & _FUTURE_AUX:
        return "future"
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
