"""Outlet, date and author cues read from an article's own lines, and readable fallbacks.

A scraped text often names its outlet and date only in the furniture that ingest
removes (a print credit, a site-name line, the author's bio), so the cues are read
from the removed lines as well as from the opening lines of the body.
"""

from __future__ import annotations

import re
from datetime import date as Date
from pathlib import Path
from urllib.parse import urlparse

from ..models import Removed

MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
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
HASHY = re.compile(r"^(?:[0-9a-f]{8,}|[0-9a-f-]{32,})$", re.IGNORECASE)


def parse_date(text: str) -> str | None:
    """The first full calendar date written in ``text``, as YYYY-MM-DD; partial dates give nothing."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["num"]) if groups.get("num") else MONTHS[groups["month"].lower().rstrip(".")]
            try:
                return Date(int(groups["year"]), month, int(groups["day"])).isoformat()
            except ValueError:
                continue
    return None


def date_cue(removed: tuple[Removed, ...], text: str) -> str | None:
    """A publication date the article states about itself: a print credit, a 'Published' line, a dateline."""
    for item in removed:
        if item.reason in ("credit_line", "byline", "date_line"):
            found = parse_date(item.text)
            if found:
                return found
    for line in text.splitlines()[:6]:
        line = line.strip()
        if PUBLISHED_LINE.match(line) or DATELINE.match(line):
            found = parse_date(line[:80])
            if found:
                return found
    return None


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


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


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


def _tidy(name: str) -> str:
    name = re.sub(r"[\s.,;:]+$", "", name.strip())
    return re.sub(r"\s+(?:of|the|and|&|on)$", "", name)
