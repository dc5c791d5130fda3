"""Metadata lines at the top of a text file: the page's URL and its date stamp.

Why: a text saved from a web page often opens with the address it came from and a stamp such as
"Friday, March 29, 2024" or "31 May 2025, 21:59 | Updated: 31 May 2025, 22:07 (AFP)". They are no part of
the article; they say where and when it was published. They are taken out before furniture removal and
kept as the article's ``url`` and ``published`` (with an agency named in the stamp as an outlet cue).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.outlets import agencies
from ..models import Removed
from .lines import DATE_PIECE
from .meta import parse_date

BARE_URL = re.compile(r"^<?(?:(?:https?://|www\.)[^\s<>]+)>?$", re.IGNORECASE)
BRACKETED = re.compile(r"\(([^()]{1,40})\)|/([A-Za-z-]{2,12})/")
#: How far down the head of a file a metadata line may stand (non-blank lines).
HEAD_LINES = 8


@dataclass(frozen=True)
class Leading:
    """The text without its leading metadata lines, and what those lines said."""

    text: str
    url: str | None = None
    published: str | None = None
    agency: str | None = None
    removed: tuple[Removed, ...] = ()


def read_leading(text: str) -> Leading:
    """Take a URL line and a date-stamp line from the first lines of ``text``."""
    lines = text.split("\n")
    url = published = agency = None
    taken: dict[int, str] = {}
    seen = 0
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > HEAD_LINES:
            break
        if url is None and BARE_URL.match(line):
            url = line.strip("<>")
            taken[i] = "url_line"
            continue
        stamp = date_stamp(line)
        if published is None and stamp is not None:
            published, agency = stamp
            taken[i] = "date_line"
    if not taken:
        return Leading(text)
    kept = [line for i, line in enumerate(lines) if i not in taken]
    removed = tuple(Removed(lines[i].strip(), reason) for i, reason in sorted(taken.items()))
    return Leading("\n".join(kept), url, published, agency, removed)


def date_stamp(line: str) -> tuple[str, str | None] | None:
    """(date, agency) when the line is only a date stamp: a full date, times, zones, "Updated" labels and an
    agency credit in brackets; None when it says anything else."""
    if len(line) > 120:
        return None
    published = parse_date(line)
    if published is None:
        return None
    agency = None
    for match in BRACKETED.finditer(line):
        name = (match.group(1) or match.group(2) or "").strip(" .")
        if name in agencies():
            agency = agencies()[name]
    rest = BRACKETED.sub(lambda m: " " if (m.group(1) or m.group(2) or "").strip(" .") in agencies() else m.group(0),
                         line)
    rest = DATE_PIECE.sub(" ", rest)
    return (published, agency) if not re.sub(r"[\W_]+", "", rest) else None
