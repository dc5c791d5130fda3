"""Character-span helpers shared by the attribution rules: quote marks, trimming, pieces.

Spans are ``(start, end)`` character offsets, end exclusive. A piece list is sorted
and non-overlapping; a discontinuous content (a quote split by its cue) has several.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

CharSpan = tuple[int, int]

OPENING = "\u201c\u201e\u00ab"
CLOSING = "\u201d\u00bb"
STRAIGHT = '"'
DOUBLED = "''"
#: Characters that may close a quote, stripped before looking at the quote's last word or comma.
CLOSERS = "\u201d\u00bb\"'"


def is_trim(char: str) -> bool:
    """Whitespace or punctuation: what may be peeled off a span's edges."""
    return char.isspace() or unicodedata.category(char).startswith("P")


def trim(text: str, start: int, end: int) -> CharSpan:
    """The span without whitespace and punctuation at its edges (may become empty)."""
    while start < end and is_trim(text[start]):
        start += 1
    while end > start and is_trim(text[end - 1]):
        end -= 1
    return start, end


def trim_space(text: str, start: int, end: int) -> CharSpan:
    """The span without whitespace at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def merge_pieces(text: str, pieces: Iterable[CharSpan]) -> tuple[CharSpan, ...]:
    """Trim every piece, drop empty ones, and join pieces separated only by punctuation or space."""
    trimmed = sorted(p for p in (trim(text, s, e) for s, e in pieces) if p[0] < p[1])
    merged: list[list[int]] = []
    for start, end in trimmed:
        if merged:
            last = merged[-1]
            if start <= last[1] or all(is_trim(c) for c in text[last[1]:start]):
                last[1] = max(last[1], end)
                continue
        merged.append([start, end])
    return tuple((s, e) for s, e in merged)


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """A quoted stretch; ``start``/``end`` include the marks (trim it to get the words)."""

    start: int
    end: int


def quote_marks(text: str) -> list[QuoteMark]:
    """Every quoted stretch, curly or straight, including quotes running over several paragraphs.

    A paragraph that ends inside a quote continues it when the next paragraph opens with a
    quote mark (the newspaper convention); otherwise the quote is closed at the paragraph end.
    """
    found: list[QuoteMark] = []
    open_at = -1
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\n":
            if open_at >= 0:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and (text[j] in OPENING or text[j] == STRAIGHT or text.startswith(DOUBLED, j)):
                    i = j + 1  # the quote goes on in the next paragraph
                    continue
                end = i
                while end > open_at + 1 and text[end - 1].isspace():
                    end -= 1
                found.append(QuoteMark(open_at, end))
                open_at = -1
        elif char in OPENING:
            open_at = i
        elif char in CLOSING:
            if open_at >= 0:
                found.append(QuoteMark(open_at, i + 1))
                open_at = -1
        elif char == STRAIGHT:
            if open_at >= 0:
                found.append(QuoteMark(open_at, i + 1))
                open_at = -1
            elif not (i > 0 and text[i - 1].isdigit()):
                open_at = i
        elif text.startswith(DOUBLED, i):  # two apostrophes typed for a double quote (''...'')
            width = 3 if text.startswith(DOUBLED + "'", i) else 2
            if open_at >= 0:
                found.append(QuoteMark(open_at, i + width))
                open_at = -1
            else:
                open_at = i
            i += width
            continue
        i += 1
    return [q for q in found if q.end - q.start > 2]


def content_kind(content: tuple[CharSpan, ...], text: str, quotes: list[QuoteMark], starts: list[int]) -> str:
    """'direct' when every piece lies inside a quote, 'partial' when a quote is involved, else 'indirect'."""
    inside = 0
    touches = False
    for start, end in content:
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and quotes[k].start <= start and end <= quotes[k].end:
            inside += 1
            continue
        j = bisect.bisect_left(starts, start)
        if j < len(quotes) and quotes[j].start < end:
            touches = True
    if inside == len(content):
        return "direct"
    return "partial" if touches or inside else "indirect"


def subtract(pieces: list[CharSpan], hole: CharSpan | None) -> list[CharSpan]:
    """The pieces with ``hole`` cut out ('which | was not ...' around 'he said')."""
    if hole is None:
        return pieces
    out: list[CharSpan] = []
    for start, end in pieces:
        if not overlaps((start, end), hole):
            out.append((start, end))
            continue
        if start < hole[0]:
            out.append((start, hole[0]))
        if hole[1] < end:
            out.append((hole[1], end))
    return out


def overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def subtree_piece(token: Any) -> CharSpan:
    doc = token.doc
    lo, hi = token.left_edge.i, token.right_edge.i
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def quote_covering(pieces: list[CharSpan], quotes: list[QuoteMark], starts: list[int]) -> list[CharSpan]:
    """Pieces stretched to whole quotes where they start or end inside one (multi-sentence quotes)."""
    out: list[CharSpan] = []
    for start, end in pieces:
        k = bisect.bisect_right(starts, end) - 1
        while k >= 0 and quotes[k].end > start:
            q = quotes[k]
            if q.start < end and (q.start < start < q.end or q.start < end < q.end):
                start, end = min(start, q.start), max(end, q.end)
            k -= 1
        out.append((start, end))
    return out


# ---------------------------------------------------------------- quotes next to a cue


def colon_quote(token: Any, text: str, quotes: list[QuoteMark], starts: list[int]) -> QuoteMark | None:
    """The quote right after 'he said:' or after the cue's clause end."""
    doc = token.doc
    end_i = token.i
    for j in range(token.i + 1, min(token.i + 6, len(doc))):
        if doc[j].text == ":":
            end_i = j
            break
    else:
        return None
    after = doc[end_i].idx + 1
    k = bisect.bisect_left(starts, after)
    if k < len(quotes) and not text[after:quotes[k].start].strip():
        return quotes[k]
    return None


def split_quote(
    token: Any, source: CharSpan | None, text: str, quotes: list[QuoteMark], starts: list[int]
) -> list[CharSpan] | None:
    """'"A," he said, "B."': the two quotes around a short cue clause."""
    cue_start = token.idx
    k = bisect.bisect_right(starts, cue_start) - 1
    if k < 0 or k + 1 >= len(quotes):
        return None
    before, after = quotes[k], quotes[k + 1]
    if before.end > cue_start or after.start < token.idx:
        return None
    gap = text[before.end:after.start]
    if "\n" in gap or len(gap) > 90 or (not gap.rstrip().endswith((",", ":", ";")) and gap.strip() != ""):
        return None
    inner_before = text[before.start:before.end].rstrip(CLOSERS).rstrip()
    if not inner_before.endswith((",", "\u2014", "-", "\u2013")):
        return None
    if source is not None and not before.end <= source[0] < after.start and not source[1] <= before.start:
        return None
    return [(before.start, before.end), (after.start, after.end)]


def continuation(token: Any, text: str, quotes: list[QuoteMark], starts: list[int]) -> list[CharSpan]:
    """'"A," she said. "B."': the quote that opens the next sentence goes on with the same words."""
    after = token.idx + len(token)
    k = bisect.bisect_left(starts, after)
    while k < len(quotes):
        q = quotes[k]
        gap = text[after:q.start]
        if "\n" in gap or len(gap) > 250:
            return []
        if gap.rstrip().endswith((".", ":")):
            return [(q.start, q.end)]
        k += 1
    return []


ADJACENT_ENDS: tuple[str, ...] = (",", "?", "!", "\u2014")


def adjacent_quote(token: Any, text: str, quotes: list[QuoteMark], starts: list[int]) -> QuoteMark | None:
    """A quote that ends just before the cue's clause ('"...," he said.')."""
    k = bisect.bisect_right(starts, token.idx) - 1
    if k < 0:
        return None
    q = quotes[k]
    if q.end > token.idx:
        return None
    gap = text[q.end:token.idx]
    if "\n" in gap or len(gap) > 60 or q.end < token.sent.start_char - 2:
        return None
    inner = text[q.start:q.end].rstrip(CLOSERS).rstrip()
    return q if inner.endswith(ADJACENT_ENDS) or gap.lstrip().startswith(",") else None


def clip_to_paragraph(token: Any, text: str, pieces: list[CharSpan]) -> list[CharSpan]:
    """A reported clause stays in the cue's paragraph (the parser may run sentences across lines)."""
    lo = text.rfind("\n", 0, token.idx) + 1
    hi = text.find("\n", token.idx)
    hi = len(text) if hi < 0 else hi
    return [(max(s, lo), min(e, hi)) for s, e in pieces if s < hi and e > lo]


def clip_source(text: str, source: CharSpan, cue: CharSpan) -> CharSpan | None:
    """A source never crosses a line break (a headline glued to the next line by the parser)."""
    start, end = source
    if "\n" in text[start:end]:
        if start < cue[0]:
            start = text.rfind("\n", start, end) + 1
        else:
            end = text.find("\n", start, end)
    start, end = trim(text, start, end)
    return (start, end) if start < end else None
