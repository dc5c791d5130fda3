"""Outlet, date and author cues read from an article's own lines, and readable fallbacks.

A scraped text often names its outlet and date only in the furniture that ingest
removes (a print credit, a site-name line, the author's bio), so the cues are read
from the removed lines as well as from the body. This is the one place that finds
an article's statement of its own date: ingest dates the article by it, and the
timeline asks it only what kind of statement that was (a print edition's date bounds
the writing day from above) and where it stands (it is no event).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from urllib.parse import urlparse

from ..lang.calendar import MONTHS
from ..models import Removed

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<num>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
)
#: An outlet name: capitalised words, possibly joined by "of", "the", "and", "&" (e.g. "The Times of India").
OUTLET_NAME = r"((?:The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of|the|and|&|on|[A-Z][\w'’&.-]*))*)"
CREDIT_OUTLET = re.compile(
    rf"\b(?:edition|issue) of {OUTLET_NAME}|\b(?:first |originally )?(?:appeared|published|ran) (?:in|on|by) "
    rf"{OUTLET_NAME}"
)
BIO_OUTLET = re.compile(rf"\b(?:editor|reporter|writer|journalist|correspondent|columnist|contributor|author|"
                        rf"producer)\s+(?:at|for|with)\s+{OUTLET_NAME}", re.IGNORECASE)
PROMO_OUTLET = re.compile(rf"^{OUTLET_NAME}\s+is (?:your|the|a)\b")
PUBLISHED_LINE = re.compile(r"^(?:Published|Posted|Updated|Last updated|First published|Date)\b[^\n]{0,60}$",
                            re.IGNORECASE)
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w.]+)?\s*[,(–—-]")
FILE_DATE = re.compile(r"(?:19|20)\d\d-?[01]\d-?[0-3]\d")
#: A date in a URL path: year, month and day, each two-digit part set off by "/", "-", "_" or ".", or run together.
URL_DATE = re.compile(r"(?<![0-9A-Za-z])(?P<year>(?:19|20)\d\d)([/_.-]?)(?P<month>[01]\d)\2(?P<day>[0-3]\d)(?!\d)")
HASHY = re.compile(r"^(?:[0-9a-f]{8,}|[0-9a-f-]{32,})$", re.IGNORECASE)


#: What stands right before a date that says which publication date it is (within 80 characters).
_KIND_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("print", re.compile(r"\bin print\b[^\n]{0,40}$", re.IGNORECASE)),
    ("published", re.compile(r"\b(?:published|posted|first published)(?:\s+on)?:?\s+(?:\w+day,?\s+)?$",
                             re.IGNORECASE)),
    ("updated", re.compile(r"\b(?:updated|last updated)(?:\s+on)?:?\s+(?:\w+day,?\s+)?$", re.IGNORECASE)),
)
#: A wire dateline around a date: "RIYADH, Feb 18, 2025 (Reuters) -".
_DATELINE_BEFORE = re.compile(r"[A-Z][A-Z .'-]{2,40},\s+")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,30}\))?\s*[-–—]")
#: Where a dateline ends and the first sentence begins: a dash that is no hyphen inside a date.
_DATELINE_END = re.compile(r"\s[-–—](?:\s|$)|[–—]")
#: A line that is itself a statement of the article's date, its label first ("Updated: Feb. 18, 2025",
#: "A version of this article appears in print on ..."), as opposed to a body sentence that names a date
#: ("The plan was first published on 3 March 2024").
_STATEMENT_LINE = {
    "published": re.compile(r"\W*(?:published|posted|first published)\b", re.IGNORECASE),
    "updated": re.compile(r"\W*(?:updated|last updated)\b", re.IGNORECASE),
    "print": re.compile(r"\W*(?:[\w'’]+\s+){0,6}(?:appears|appeared|ran|published)\s+in print\b", re.IGNORECASE),
}
#: Which statement to date an article by when it makes several: a by-line first, a print edition last.
_TRUST = {"published": 0, "dateline": 1, "updated": 2, "print": 3}
#: Removed furniture whose date is the article's own.
_DATED_FURNITURE = ("credit_line", "byline", "date_line")


@dataclass(frozen=True, slots=True)
class DateCue:
    """A publication date an article states about itself."""

    date: str  # YYYY-MM-DD
    kind: str  # print | published | updated | dateline | line (a dated line of no recognised kind)
    span: tuple[int, int] | None = None  # the date's offsets in the text; None on a removed line


def _dates(text: str) -> Iterator[tuple[int, int, str]]:
    """Every full calendar date written in ``text`` as (start, end, YYYY-MM-DD): by pattern, then by place."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["num"]) if groups.get("num") else MONTHS[groups["month"].lower().rstrip(".")]
            try:
                yield match.start(), match.end(), Date(int(groups["year"]), month, int(groups["day"])).isoformat()
            except ValueError:
                continue


def parse_date(text: str) -> str | None:
    """The first full calendar date written in ``text``, as YYYY-MM-DD; partial dates give nothing."""
    return next((found for _, _, found in _dates(text)), None)


def _kind(text: str, start: int, end: int) -> str | None:
    """Which publication date the date at ``start:end`` is, from the words around it; None when it is no cue."""
    before = text[max(0, start - 80) : start]
    for kind, pattern in _KIND_BEFORE:
        if pattern.search(before):
            return kind
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if _DATELINE_BEFORE.fullmatch(line) and _DATELINE_AFTER.match(text, end):
        return "dateline"
    return None


def publication_cues(removed: tuple[Removed, ...], text: str) -> list[DateCue]:
    """Every statement an article makes of its own date, the one to date it by first.

    In order: a dated furniture line ingest removed (a print credit, a by-line, a date line),
    a 'Published' line or dateline among the body's opening lines (a dateline's date stands before
    its dash), then a line anywhere in the body that is such a statement, label first ("A version of
    this article appears in print in the 20 February, 2025 edition", "Updated: Feb. 18, 2025").
    A date inside a body sentence, or a bare year ("since 2004"), is never one.
    """
    cues: list[DateCue] = []
    for item in removed:
        if item.reason in _DATED_FURNITURE:
            first = next(_dates(item.text), None)
            if first is not None:
                cues.append(DateCue(first[2], _kind(item.text, first[0], first[1]) or "line"))
    offset = 0
    for line in text.splitlines(keepends=True)[:6]:
        stripped = line.strip()
        published_line = PUBLISHED_LINE.match(stripped) is not None
        if published_line or DATELINE.match(stripped):
            head = stripped[:80] if published_line else _DATELINE_END.split(stripped[:80], maxsplit=1)[0]
            first = next(_dates(head), None)
            if first is not None:
                at = offset + len(line) - len(line.lstrip())
                span = (at + first[0], at + first[1])
                cues.append(DateCue(first[2], _kind(text, *span) or "line", span))
        offset += len(line)
    anywhere = [(kind, start, end, found) for start, end, found in _dates(text)
                if (kind := _kind(text, start, end)) in _STATEMENT_LINE
                and _STATEMENT_LINE[kind].match(text, text.rfind("\n", 0, start) + 1)]
    anywhere.sort(key=lambda cue: (_TRUST[cue[0]], cue[1]))
    cues += [DateCue(found, kind, (start, end)) for kind, start, end, found in anywhere]
    return cues


def date_cue(removed: tuple[Removed, ...], text: str) -> str | None:
    """The publication date the article states about itself, if it states one (see ``publication_cues``)."""
    cues = publication_cues(removed, text)
    return cues[0].date if cues else None


def outlet_cue(removed: tuple[Removed, ...]) -> str | None:
    """An outlet the page names in its own furniture: print credit, site-name line, promo or bio."""
    by_rule: dict[str, list[str]] = {}
    for item in removed:
        by_rule.setdefault(item.reason, []).append(item.text)
    for line in by_rule.get("credit_line", []):
        match = CREDIT_OUTLET.search(line)
        if match:
            return _tidy(match.group(1) or match.group(2))
    for line in by_rule.get("site_name", []):
        name = line.strip(" |•·–—-")
        if name:
            return name
    for line in by_rule.get("outlet_promo", []):
        match = PROMO_OUTLET.search(line)
        if match:
            return _tidy(match.group(1))
    for line in by_rule.get("author_bio", []):
        match = BIO_OUTLET.search(line)
        if match:
            return _tidy(match.group(1))
    return None


def author_cue(removed: tuple[Removed, ...]) -> str | None:
    for item in removed:
        if item.reason == "byline":
            return re.sub(r"^By\s+", "", item.text).strip()
    return None


def outlet_from_file(path: Path) -> str:
    """A readable name from a file name; in "<outlet>_<date>_<slug>" names, the part before the date."""
    # a date such as "20130322" also looks like hex digits: test for dates before hashes
    parts = [p for p in re.split(r"[_\s]+", path.stem) if p and (FILE_DATE.fullmatch(p) or not HASHY.match(p))]
    dated = next((n for n, p in enumerate(parts) if FILE_DATE.fullmatch(p)), None)
    if dated:
        parts = parts[:dated]
    readable = " ".join(parts).replace("-", " ").replace(".", " ").strip()
    if not re.search(r"[A-Za-z]", readable):
        return f"source {readable or path.stem}"
    return readable


def date_from_file(path: Path) -> str | None:
    """The calendar date a file name carries as one of its parts ("cnn_20130321_821", "outlet_2016-09-26_slug")."""
    for match in re.finditer(rf"(?<![0-9A-Za-z])(?:{FILE_DATE.pattern})(?![0-9A-Za-z])", path.stem):
        digits = match.group(0).replace("-", "")
        try:
            found = Date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            continue
        if found <= Date.today():
            return found.isoformat()
    return None


def date_from_url(url: str | None) -> str | None:
    """The calendar date a page's address carries in its path ("/2025/03/01/", "/2025-05-16/", "/20250721-"),
    the way a site files its articles by publication day; a year or month alone gives nothing."""
    if not url:
        return None
    for match in URL_DATE.finditer(urlparse(url).path):
        try:
            found = Date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
        if found <= Date.today():
            return found.isoformat()
    return None


def _tidy(name: str) -> str:
    name = re.sub(r"[\s.,;:]+$", "", name.strip())
    return re.sub(r"\s+(?:of|the|and|&|on)$", "", name)
