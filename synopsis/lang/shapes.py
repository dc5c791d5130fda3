"""How a line looks: a sentence, a heading, a headline, a byline.

Why one module: ingest strips page furniture by its shape, entities distrust names found in
headings, quotes reject attributions inside headlines and claims leave headings out, and each
needs the same idea of what a heading looks like. The tests read the text only (no parse),
in English conventions: a sentence closes with a stop, a heading capitalises its major words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .function_words import MINOR_WORDS, STOP_WORDS, word_set

#: Finite auxiliaries and copulas: a line holding one has a verb that makes it a clause, as body sentences do.
FINITE_AUXILIARIES = word_set("""
    is are was were am has have had will would can could may might shall should must did does do isn't aren't
    wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't didn't doesn't don't
""")
#: Common irregular past-tense forms: news prose reports in the past, captions and labels rarely do.
IRREGULAR_PAST = word_set("""
    said was were had did told took made came went gave saw met held left led won lost began spoke wrote got
    became found put set kept brought thought felt ran hit cut
""")
#: A word of a line, lower-cased by the callers: letters, with one inner apostrophe at most.
LINE_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)?")
#: A label a line opens with, before a colon or a bar: "Read also:", "Source |", "Photo:".
LABEL_LEAD = re.compile(r"^\W*([A-Za-z'’ ]{2,25}?)\s*[:|]")

#: A word of a heading: a letter first, then letters, digits, apostrophes or hyphens.
HEADING_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: Marks a finished line ends with: sentence punctuation and the quotes or brackets closing over it.
CLOSING_MARKS: tuple[str, ...] = tuple(".!?…\"”’')]")
#: A sentence's end: a stop, then any closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
#: A by-line on a line of its own: "By Jane Doe", "By Jane Doe and John Roe", "By A. Name, B. Name".
BYLINE = re.compile(r"^By\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+"
                    r"(?:\s+[A-Z][\w.'’-]+){0,3})*)\s*$")
#: The opening of a credit line: "By ...", "Reporting by ...", "Photo: ...", "Follow ...".
CREDIT_OPENING = re.compile(r"^\s*(?:by|reporting by|written by|edited by|photo:|image:|source:|follow)\b",
                            re.IGNORECASE)


def lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line, end exclusive and without surrounding space."""
    at = 0
    for raw in text.split("\n"):
        stripped = raw.rstrip()
        begin = len(raw) - len(raw.lstrip())
        if stripped.strip():
            yield at + begin, at + len(stripped)
        at += len(raw) + 1


def ends_sentence(line: str) -> bool:
    """The line ends as a sentence does: a stop, then any closing quotes or brackets."""
    return bool(SENTENCE_END.search(line.rstrip()))


def past_verbs(line: str) -> int:
    """Words in the past tense, by a cheap proxy (an "-ed" ending or a common irregular form): how news prose
    reports, where captions and labels use the present or no verb at all."""
    found = [w.lower() for w in LINE_WORD.findall(line)]
    return sum((len(w) > 4 and w.endswith("ed")) or w in IRREGULAR_PAST for w in found)


def has_finite_verb(line: str) -> bool:
    """The line holds a finite verb by a cheap proxy (an auxiliary, a copula or an "-ed" form): it can read as
    a clause, not a label or a name; no parse exists where ingest asks."""
    found = [w.lower().replace("’", "'") for w in LINE_WORD.findall(line)]
    return any(w in FINITE_AUXILIARIES or (len(w) > 4 and w.endswith("ed")) for w in found)


def label_lead(line: str) -> list[str]:
    """The lower-cased words of the label a line opens with ("Read also: ..." gives ["read", "also"])."""
    match = LABEL_LEAD.match(line)
    return [w.lower() for w in LINE_WORD.findall(match.group(1))] if match else []


def is_closed(line: str) -> bool:
    """The line ends in a mark that finishes text (a stop, a closing quote or bracket)."""
    return line.rstrip().endswith(CLOSING_MARKS)


def major_words(text: str, minor: frozenset[str] = MINOR_WORDS) -> list[str]:
    """The words of ``text`` that title case would capitalise: all but the ``minor`` ones."""
    return [w for w in HEADING_WORD.findall(text) if w.lower() not in minor]


def title_case_share(text: str, minor: frozenset[str] = MINOR_WORDS) -> float:
    """Share of the major words that start with a capital letter (0 when there is none)."""
    found = major_words(text, minor)
    return sum(w[0].isupper() for w in found) / len(found) if found else 0.0


def is_title_case(line: str) -> bool:
    """At least three content words, most of them capitalised, in at most twenty words: "Senate Passes
    Budget After Long Night." reads as a headline even with its stop, where a sentence would not."""
    found = major_words(line, STOP_WORDS)
    return len(found) >= 3 and len(line.split()) <= 20 and sum(w[0].isupper() for w in found) >= 0.8 * len(found)


def is_headline_shape(line: str) -> bool:
    """Short, no closing full stop, content-heavy: how headlines and list entries look."""
    n = len(line.split())
    stripped = line.rstrip()
    closed = stripped.endswith(".") and not stripped.endswith("...")
    return 2 <= n <= 25 and len(stripped) <= 200 and not closed and not stripped.endswith(":")


def is_headline(line: str, min_words: int = 4, capitalised: float = 0.8) -> bool:
    """A title-case headline, not running text: at least ``min_words`` words and that share of the major
    ones capitalised; a line that does not close like a sentence needs a little less."""
    if len(HEADING_WORD.findall(line)) < min_words or not major_words(line):
        return False
    share = title_case_share(line)
    return share >= capitalised if is_closed(line) else share >= capitalised - 0.1


def is_heading(line: str, next_line: str = "") -> bool:
    """A heading inside an article: no closing punctuation (nor a colon that opens a list), and either
    in title case or short and followed by a line that starts a new sentence (a line broken inside a
    sentence continues in lower case)."""
    if is_closed(line) or line.rstrip().endswith(":"):
        return False
    return title_case_share(line) >= 0.7 or (len(line.split()) <= 20 and not next_line[:1].islower())


def heading_lines(text: str) -> list[tuple[int, int]]:
    """Offsets of the lines of ``text`` that read as headings (see ``is_heading``)."""
    spans = list(lines(text))
    out: list[tuple[int, int]] = []
    for number, (start, end) in enumerate(spans):
        following = text[spans[number + 1][0] : spans[number + 1][1]] if number + 1 < len(spans) else ""
        if is_heading(text[start:end], following):
            out.append((start, end))
    return out
