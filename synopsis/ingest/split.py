"""Splitting a file that carries several stories, only where the page says so clearly.

Two signals count as clear: separator lines (a row of dashes, stars or equals
signs, or a form feed) between parts that each open with a headline; or a
headline followed by its own byline or dateline, repeated down the file. Each part
must also be long enough to be an article. When in doubt the file stays whole.
"""

from __future__ import annotations

import itertools
import re

from ..lang.shapes import BYLINE, is_headline_shape
from .furniture import is_prose

SEPARATOR = re.compile(r"^\s*(?:[-=_*~#]\s*){3,}$|^\f$")
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w.]+)?\s*(?:\([^)]{1,30}\))?\s*[–—-]\s+\S")


def split_stories(text: str, min_words: int) -> list[str]:
    """The stories in ``text``, in order; a one-item list when the file is one story."""
    lines = text.replace("\f", "\n\f\n").splitlines()
    parts = _by_separators(lines) or _by_headline_blocks(lines)
    if len(parts) < 2 or any(len(part.split()) < min_words for part in parts):
        return [text]
    return parts


def _by_separators(lines: list[str]) -> list[str]:
    chunks: list[list[str]] = [[]]
    for line in lines:
        if SEPARATOR.match(line):
            chunks.append([])
        else:
            chunks[-1].append(line)
    parts = ["\n".join(chunk).strip() for chunk in chunks]
    parts = [part for part in parts if part]
    if len(parts) < 2 or not all(_opens_with_headline(part) for part in parts):
        return []
    return parts


def _opens_with_headline(part: str) -> bool:
    lines = [line.strip() for line in part.splitlines() if line.strip()]
    return len(lines) >= 2 and is_headline_shape(lines[0]) and not is_prose(lines[0])


def _by_headline_blocks(lines: list[str]) -> list[str]:
    """Cut before each headline that is followed by a byline or a dateline, when there are two or more."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    starts: list[int] = []
    for position, i in enumerate(nonblank[:-1]):
        nxt = lines[nonblank[position + 1]].strip()
        if is_headline_shape(lines[i].strip()) and (BYLINE.match(nxt) or DATELINE.match(nxt)):
            starts.append(i)
    if len(starts) < 2 or not nonblank or starts[0] != nonblank[0]:
        return []
    bounds = [*starts, len(lines)]
    return ["\n".join(lines[a:b]).strip() for a, b in itertools.pairwise(bounds)]
