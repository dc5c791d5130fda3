"""What is not a claim: questions, headings, interviewer turns, labels and the writer's own voice.

A journalist reads a corroborated claim as a fact that several outlets report.
Questions ("Are these realistic demands?"), headings and section labels
("Restoring Ties: Addressing Obstacles"), an interviewer's turns and the
outlet talking to its readers ("we", "you") report no fact, yet they share
topic words with real claims and would glue unrelated claims together. They
are found from the shape of the text and its parse, never from its words.
"""

from __future__ import annotations

import re
from typing import Any

from ..lang.cues import REPORTING_VERBS
from ..lang.shapes import is_heading, lines, title_case_share

#: Pronouns of the writer or the reader: outside quotes they mark the outlet's own voice, not a reported fact.
PERSONAL_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "ours", "you", "your", "yours"})
_DATELINE = re.compile(r"^\s*[A-Z][A-Z.' -]{2,40}(?:,\s*[A-Za-z.' -]{1,30})?\s+[–—-]{1,2}\s+(?=\S)")
_LABEL = re.compile(r"^\s*(?P<label>[^\s:][^:\n]{0,60}?):\s+(?=\S)")


def label_of(line: str) -> str | None:
    """The label before a colon that opens a line ("Question:", "Key Issue:", "Dr. Vance:"), if it is one.

    A label is short (at most five words), has no clause of its own and is written in title case
    or as a single token ("time.news").
    """
    match = _LABEL.match(line)
    if not match:
        return None
    label = match.group("label").strip()
    words = label.split()
    if not words or len(words) > 5 or any(w.lower().rstrip(",") in {"that", "is", "are", "was", "were"}
                                          for w in words):
        return None
    return label if len(words) == 1 or title_case_share(label) >= 0.75 else None


def excluded_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of headings and interviewer turns: lines that state no reported fact.

    - a heading (``synopsis.lang.shapes.is_heading``);
    - an interviewer's turn opens with a label and ends in a question.
    """
    spans = list(lines(text))
    out: list[tuple[int, int]] = []
    for number, (start, end) in enumerate(spans):
        line = text[start:end]
        following = text[slice(*spans[number + 1])] if number + 1 < len(spans) else ""
        interviewer = label_of(line) is not None and line.rstrip("\"”’' ").endswith("?")
        if is_heading(line, following) or interviewer:
            out.append((start, end))
    return out


def is_question(sent: Any, clause: Any, text: str) -> bool:
    """Whether the line of ``sent`` (a sentence of ``text``) holding ``clause`` is interrogative.

    A question the sentence only reports ("she asked, ...?") is not one. Lines count apart because
    a parser may run a heading into the sentence below it.
    """
    line_end = text.find("\n", clause.end_char)
    piece_end = sent.end_char if line_end < 0 else min(sent.end_char, line_end)
    if not text[clause.start_char : piece_end].rstrip().rstrip("\"”’'").endswith("?"):
        return False
    root = sent.root
    if root.lemma_.lower() in REPORTING_VERBS and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i < root.i for c in root.children
    ):
        mark: int = next((t.i for t in sent if t.text == "?"), sent.end)
        return bool(root.i > mark)
    return True


def in_writer_voice(tokens: Any) -> bool:
    """The outlet addressing its readers or speaking of itself ("I", "we", "you") outside quotation marks."""
    quoted = False
    for token in tokens:
        if token.text in ("\"", "\u201c", "\u201d"):
            quoted = token.text == "\u201c" or (token.text == "\"" and not quoted)
            continue
        if not quoted and token.pos_ == "PRON" and token.lower_ in PERSONAL_PRONOUNS and token.text != "US":
            return True
    return False


def label_end(text: str, start: int, end: int) -> int:
    """Where a unit's text begins once a leading label ("Security Guarantees: ...") or a dateline
    ("CITY – ...") is cut off."""
    piece = text[start:end]
    dateline = _DATELINE.match(piece)
    if dateline:
        return start + dateline.end()
    match = _LABEL.match(piece)
    if match and label_of(piece) is not None:
        return start + match.end()
    return start
