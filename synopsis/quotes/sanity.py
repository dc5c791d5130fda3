"""Sanity rules that every attribution must pass before anyone reads it.

Parse errors produce attributions no reader would accept: a percentage as the one who
speaks ("5 percent prefer ..."), a headline's capitalised words as a speaker and its
content, a source cut off after a conjunction ("X and has"), or a content that is only
another attribution's speaker and verb ("Smith further asserted"). The rules are about
the shape of the spans, not about any story:

- a source holds a noun, proper noun or pronoun that is not a number, percentage,
  quantity, amount, date or time, and it does not end dangling (on "and", "of", "the");
- in a title-case headline, the cue is a finite verb or a "Name:" label: a capitalised
  gerund or infinitive there is a phrase the parser misread ("Mayor Asking Judge To ...");
- a content holds at least one word that is not a function word, is not only the speaker
  and verb of an attribution that in turn reports this one, and is not a bare name left
  over before a conjunction ("the party's nominee Jane Doe and").

A source loses a dangling tail; one with no one in it is dropped (the attribution stays,
without a speaker); a misread headline attribution or an empty content is dropped whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from ..lang.shapes import is_headline
from ..nlp import text_of
from .attribution import Attribution
from .spans import CharSpan, trim

Token = Any  # spaCy Token

#: Entity labels that name an amount, never someone who speaks.
NUMERIC_LABELS = frozenset({"CARDINAL", "PERCENT", "QUANTITY", "MONEY", "DATE", "TIME", "ORDINAL"})
#: Amounts that may count people ('59 percent said'), kept as sources under the PolNeAR convention.
COUNT_LABELS = frozenset({"CARDINAL", "PERCENT"})
NOUN_LIKE = frozenset({"NOUN", "PROPN", "PRON"})
#: Words that may stand for an amount even when the tagger misses the entity ("percent", "%").
AMOUNT_WORDS = frozenset({"percent", "per", "cent", "%", "percentage", "pct"})
#: Parts of speech a complete noun phrase does not end on.
DANGLING_END = frozenset({"CCONJ", "SCONJ", "ADP", "DET", "AUX"})
#: Words that carry meaning in a content; a pronoun may stand for a statement ("he denied it").
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM", "INTJ", "PRON"})
#: "the 46-year-old": an age names a person.
AGE = re.compile(r"\byears?[- ]old\b", re.IGNORECASE)
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
#: A headline has this many words at least, and this share of its major words capitalised.
HEADLINE_MIN_WORDS = 4
HEADLINE_CAPITALISED = 0.8


def _tokens(doc: Any, piece: CharSpan) -> list[Token]:
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    return [t for t in span or () if not (t.is_punct or t.is_space)]


def _is_amount(token: Token, counts: bool = False) -> bool:
    """A number, percentage, amount, date or time; with ``counts``, only what cannot count people."""
    if counts:
        return token.ent_type_ in NUMERIC_LABELS - COUNT_LABELS
    return bool(token.like_num or token.ent_type_ in NUMERIC_LABELS or token.lower_ in AMOUNT_WORDS)


def repaired_source(doc: Any, piece: CharSpan, amounts: bool = False) -> CharSpan | None:
    """The source without a dangling tail ('Democratic leaders -- and'), or None when no one is left to speak.

    Someone is a noun, name or pronoun that is not a date, time, amount of money or quantity, and
    unless ``amounts``, not a number or percentage either ('63 percent said': PolNeAR annotates
    those as sources, a reader does not take them for a speaker). An age ('the 46-year-old') is someone.
    """
    words = _tokens(doc, piece)
    while words:
        last = words[-1]
        cut = next((k for k, w in enumerate(words) if w.pos_ == "CCONJ"
                    and not any(t.pos_ in NOUN_LIKE | {"ADJ", "NUM"} for t in words[k + 1:])), None)
        if cut is not None:
            words = words[:cut]  # 'Doe and has': the second conjunct is no noun phrase
        elif last.pos_ in DANGLING_END and last.tag_ != "POS":
            words = words[:-1]
        else:
            break
    if not words:
        return None
    start, end = trim(text_of(doc), piece[0], words[-1].idx + len(words[-1]))
    if start >= end:
        return None
    if not any(t.pos_ in NOUN_LIKE and not _is_amount(t, amounts) for t in words) \
            and not AGE.search(text_of(doc)[start:end]):
        return None
    return start, end


def headline_line(text: str, position: int) -> bool:
    """True when the line holding ``position`` is a title-case headline, not running text."""
    lo = text.rfind("\n", 0, position) + 1
    hi = text.find("\n", position)
    return is_headline(text[lo:hi if hi >= 0 else len(text)].strip(), HEADLINE_MIN_WORDS, HEADLINE_CAPITALISED)


def meaningful_content(doc: Any, content: Sequence[CharSpan], frames: Iterable[CharSpan] = ()) -> bool:
    """A content with a word of its own outside ``frames`` (another attribution's speaker and verb), not 'Name and'."""
    holes = list(frames)
    words = [t for piece in content for t in _tokens(doc, piece)
             if not any(s <= t.idx < e for s, e in holes)]
    if not words or not any(t.pos_ in CONTENT_POS for t in words):
        return False
    # 'the nominee Jane Doe and': a list cut in the middle
    return not (words[-1].pos_ == "CCONJ" and not any(t.pos_ in ("VERB", "AUX") for t in words))


def misread_headline(doc: Any, attribution: Attribution) -> bool:
    """A cue in a title-case headline that is a gerund or an infinitive ('Mayor Asking Judge To ...')."""
    if attribution.cue is None:
        return False
    text = text_of(doc)
    if not headline_line(text, attribution.cue[0]):
        return False
    cue = _tokens(doc, attribution.cue)
    if not any(t.pos_ in ("VERB", "AUX") for t in cue) or any(t.tag_ in FINITE_TAGS for t in cue):
        return False
    return any(t.tag_ == "VBG" or (t.lower_ == "to" and t.pos_ == "PART") for t in cue)


def _nested_frames(attribution: Attribution, found: list[Attribution]) -> list[CharSpan]:
    """Speakers and cues of attributions whose cue lies in this content while this cue lies in theirs.

    Two attributions cannot report each other: the one whose content is only the other's
    speaker and verb ('X tells | Smith further asserted') is a misparse.
    """
    def inside(piece: CharSpan | None, content: tuple[CharSpan, ...]) -> bool:
        return piece is not None and any(s <= piece[0] < e for s, e in content)

    frames: list[CharSpan] = []
    for other in found:
        if other is attribution or not inside(other.cue, attribution.content) \
                or not inside(attribution.cue, other.content):
            continue
        frames.extend(p for p in (other.source, other.cue) if p is not None)
    return frames


def sane(doc: Any, found: list[Attribution], amounts: bool = False) -> list[Attribution]:
    """The attributions that pass the sanity rules; sources repaired or removed in those that stay.

    ``amounts`` keeps a number or percentage as a source (the PolNeAR convention).
    """
    kept: list[Attribution] = []
    for attribution in found:
        if misread_headline(doc, attribution):
            continue
        if attribution.kind == "transcript":  # an interview label ('Q', 'A') is a speaker by its place
            kept.append(attribution)
            continue
        if not meaningful_content(doc, attribution.content, _nested_frames(attribution, found)):
            continue
        if attribution.source is not None:
            source = repaired_source(doc, attribution.source, amounts)
            if source != attribution.source:
                attribution = replace(attribution, source=source)
        kept.append(attribution)
    return kept
