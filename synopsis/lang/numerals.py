"""Digits that date, time, name or score rather than count: dates, clock times, years, phone numbers, ids,
scores and ranks.

Why apart: a figure reader that took "1800 123 456" for the year 1800, "3-1" for a range or "May 19" for a
count of 19 would set those against real counts. ``quantities`` runs these readers first, and the spans
they take are no count's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .calendar import DAY_PATTERN, MONTH_PATTERN, WEEKDAY_PATTERN, month_number
from .measures import CLOCK_HEDGES, TIME_AFTER, UNIT_AFTER, Quantity, window
from .numbers import ORDINALS

_CLOCK_HEDGE = re.compile(r"(?<![\w-])(?P<hedge>" + "|".join(h.replace(" ", r"\s+") for h in CLOCK_HEDGES)
                          + r")\s+(?:at\s+)?$", re.IGNORECASE)
_TZ = (r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|WET|WEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|CT|IST|PKT|KST|JST|"
       r"AEST|AEDT|MSK|SGT|HKT|local\s+time)\b")
_CLOCK = re.compile(
    r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d)|\.(?P<dm>[0-5]\d)(?=\s?[ap]\.?\s?m\b))(?::[0-5]\d)?"
    rf"(?![\d%])(?:\s?(?P<ap>(?:[ap]\.\s?m\.|[ap]\s?m\b)))?(?:\s*\(?(?P<tz>{_TZ}))?"
    rf"|(?<![\d:.,$€£])(?P<h2>1[0-2]|0?[1-9])\s?(?P<ap2>(?:[ap]\.\s?m\.|[ap]\s?m\b))(?:\s*\(?(?P<tz2>{_TZ}))?"
    rf"|(?<![\d:.,])(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)\s*(?:hrs\b|(?P<tz3>{_TZ}))"
    r"|\b(?P<word>noon|midnight|midday)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"(?:\b{WEEKDAY_PATTERN},?\s+)?(?:\b(?P<d1>{DAY_PATTERN})(?:\s*(?:to|-|–|and)\s*(?P<d1b>{DAY_PATTERN}))?"
    rf"\s+(?:of\s+)?(?P<m1>{MONTH_PATTERN})(?![\w])"
    rf"|\b(?P<m2>{MONTH_PATTERN})\s+(?P<d2>{DAY_PATTERN})(?![\d:])(?:\s*(?:to|-|–|and)\s*(?P<d2b>{DAY_PATTERN}))?)"
    r"(?:,?\s+(?P<y>1[89]\d\d|20\d\d)\b)?(?![\d:])"
    r"|\b(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<iday>[0-2]\d|3[01])\b"
    r"|\b(?P<ed>[0-2]?\d|3[01])(?P<sep>[./-])(?P<em>0?[1-9]|1[0-2])(?P=sep)(?P<ey>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(r"(?<![\w.,$€£-])(?:(?P<a>1[89]\d\d|20\d\d)\s?[-–/]\s?(?P<b>\d{4}|\d\d)(?![\d%-])"
                    r"|(?:the\s+)?(?:(?:mid|early|late|pre|post)-)?(?P<decade>1[89]\d0|20\d0)['’]?s\b"
                    r"|(?:mid|pre|post|late|early)-(?P<single>1[89]\d\d|20\d\d)\b)", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w+.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{1,4}(?:[\s.-]\d{2,4}){1,4}(?![\w.,]?\d)")
_SCORE = re.compile(r"(?<![\w.,$€£/-])(?P<a>\d{1,3})\s?[-–]\s?(?P<b>\d{1,3})(?![\w.,%/-]|\s?(?:%|per\s?cent|percent))",
                    re.IGNORECASE)
_SCORE_AFTER = re.compile(r"\s+(?:win|victory|draw|defeat|loss|lead|scoreline|aggregate|on\s+aggregate|home|away|"
                          r"vote|margin|result|thrashing|triumph|in\s+favou?r)\b", re.IGNORECASE)
_SCORE_BEFORE = re.compile(r"\b(?:won|lost|beat|beating|drew|drawn|score|scored|defeated|trailing|led|leading|"
                           r"voted|vote\s+of|tally\s+of)\s+(?:\w+\s+)?$", re.IGNORECASE)
_ID = re.compile(
    r"(?:\b(?:Flight|flight|Article|Resolution|Route|Highway|Interstate|Room|Section|Chapter|Amendment|Gate|"
    r"Terminal|Platform|Bus|Ward|Block|Lot|Proposition|Episode|Game|Track|Form|Paragraph|Boeing|Airbus|S&P|"
    r"Nasdaq|FTSE|Nikkei|DAX|CAC|Stoxx|Russell|Apollo|Vision|Agenda|Windows|iPhone|Nos?\.|Number|Pier)"
    r"[\s-]+|#)(?P<id>[A-Z]{0,3}\d[\w-]*)"
    r"|(?<![$€£])\b(?P<glued>(?!(?:mid|pre|post|late|early|over|under|top|the)-)[A-Za-z]+-?\d+[A-Za-z\d]*"
    r"|\d+[A-Za-z]*[A-Z][A-Za-z\d]*)\b(?![.,]\d)"
)
_UNIT_SUFFIX = re.compile(r"\d+(?:st|nd|rd|th|s|m|k|b|bn|mn|km|kg|mw|gw|am|pm|h|pc)", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(?:(?P<word>" + "|".join([*ORDINALS, "last"]) + r")|(?P<digits>\d+)(?:st|nd|rd|th))\b",
                      re.IGNORECASE)
_MINUTE_AFTER = re.compile(r"[\s-]+minute\b(?!s)", re.IGNORECASE)
_ORDINAL_NOUN = re.compile(r"\s+([A-Za-z][a-z-]+)\b")


def dates(text: str) -> Iterator[Quantity]:
    """ "May 19", "19-20 May", "Sunday, April 28, 2025", "Dec. 4", "2025-04-28", "28.04.2025"."""
    for m in _DATE.finditer(text):
        if m.group("iy"):
            days: tuple[int, ...] = (int(m.group("iday")),)
            year, month = int(m.group("iy")), int(m.group("im"))
        elif m.group("ey"):
            year, month, days = int(m.group("ey")), int(m.group("em")), (int(m.group("ed")),)
        else:
            word = (m.group("m1") or m.group("m2")).rstrip(".")
            if word[0].islower():
                continue  # the modal "may", and "mar" or "dec" as words: month names are capitalised
            month = month_number(word) or 0
            first, second = (m.group("d1"), m.group("d1b")) if m.group("m1") else (m.group("d2"), m.group("d2b"))
            days = tuple(int(re.sub(r"\D", "", d)) for d in (first, second) if d)
            year = int(m.group("y")) if m.group("y") else 0
        if not 1 <= days[0] <= days[-1] <= 31 or not 1 <= month <= 12:
            continue
        low, high = (year * 10000 + month * 100 + day for day in (days[0], days[-1]))
        yield Quantity(m.start(), m.end(), m.group(), "date", low, high, low, high, "day" if year else "day-of-year",
                       is_range=high != low)


def clocks(text: str) -> Iterator[Quantity]:
    """ "10:35 p.m.", "9.30am", "3 pm", "0935 GMT", "13:30", "noon"; "around" widens by ten minutes."""
    for m in _CLOCK.finditer(text):
        if m.group("word"):
            seconds, zone = (0.0 if m.group("word").lower() == "midnight" else 43200.0), ""
        else:
            hour = int(m.group("h") or m.group("h2") or m.group("h3"))
            minute = int(m.group("m") or m.group("dm") or m.group("m3") or 0)
            ampm = (m.group("ap") or m.group("ap2") or "").lower()
            if ampm.startswith("p") and hour < 12:
                hour += 12
            elif ampm.startswith("a") and hour == 12:
                hour = 0
            seconds = hour * 3600.0 + minute * 60.0
            zone = " ".join((m.group("tz") or m.group("tz2") or m.group("tz3") or "").split()).upper()
        hedge = _CLOCK_HEDGE.search(window(text, m.start(), 24))
        words = " ".join(hedge.group("hedge").lower().split()) if hedge else ""
        before, after = CLOCK_HEDGES.get(words, (0.0, 0.0))
        start = m.start() - len(hedge.group()) if hedge else m.start()
        yield Quantity(start, m.end(), text[start : m.end()], "clock", seconds - before, seconds + after, seconds,
                       seconds, "" if zone == "LOCAL TIME" else zone, 60.0, approx=bool(words), hedge=words,
                       bound="lower" if words and not before else "upper" if words and not after else "")


def years(text: str) -> Iterator[Quantity]:
    """ "2024-25", "1979–1980", "the 1970s", "mid-2024"."""
    for m in _YEARS.finditer(text):
        if m.group("a"):
            first, tail = int(m.group("a")), m.group("b")
            last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
            if not first < last <= first + 20:
                continue
        elif m.group("decade"):
            first = int(m.group("decade"))
            last = first + 9
        else:
            first = last = int(m.group("single"))
        yield Quantity(m.start(), m.end(), m.group(), "year", first, last, first, last, is_range=first != last)


def phones(text: str) -> Iterator[Quantity]:
    """Telephone numbers: seven or more digits in groups, not a number grouped by thousands or a list of
    decimals."""
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        separators = re.findall(r"[\s.()-]+", m.group().strip("+() "))
        groups = re.split(r"[\s.()-]+", m.group().strip("+() "))
        thousands = len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) and "-" not in m.group()
        mixed_dots = any("." in s for s in separators) and not all(s == "." for s in separators)
        years = sum(len(g) == 4 and 1800 <= int(g) <= 2100 for g in groups)
        spaced = all(s == " " for s in separators)
        if 7 <= len(digits) <= 15 and len(groups) > 1 and not thousands and not mixed_dots and not (
                spaced and years >= 2):  # "2019 2024 365" in a results table: two years and a count
            yield Quantity(m.start(), m.end(), m.group(), "phone", 0.0, 0.0)


def ids(text: str) -> Iterator[Quantity]:
    """Numbers that name rather than measure: "Flight 2216", "Article 5", "F-16", "COVID-19", "No. 10"."""
    for m in _ID.finditer(text):
        token = m.group("glued")
        if token is not None and (_UNIT_SUFFIX.fullmatch(token) or not re.search(r"\d", token)):
            continue
        yield Quantity(m.start(), m.end(), m.group(), "id", 0.0, 0.0)


def scores(text: str) -> Iterator[Quantity]:
    """ "3-1", "a 2-1 victory", "voted 309-118": two numbers of a result, not a range."""
    for m in _SCORE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if TIME_AFTER.match(text, m.end()) or UNIT_AFTER.match(text, m.end()):
            continue
        if a >= b or _SCORE_AFTER.match(text, m.end()) or _SCORE_BEFORE.search(window(text, m.start(), 30)):
            yield Quantity(m.start(), m.end(), m.group(), "score", 0.0, 0.0, parts=(float(a), float(b)))


def ordinals(text: str) -> Iterator[Quantity]:
    """ "third", "the 17th", "last"; ``noun`` is the word after ("third referendum"). A match minute ("in the 85th
    minute") is the time played, a duration like "on 78 minutes" or "after 12 minutes", not a rank."""
    for m in _ORDINAL.finditer(text):
        word = (m.group("word") or "").lower()
        rank = float(ORDINALS.get(word, -1) if word else int(m.group("digits")))
        minute = _MINUTE_AFTER.match(text, m.end())
        if minute and rank > 0:
            yield Quantity(m.start(), minute.end(), text[m.start() : minute.end()], "duration", rank * 60, rank * 60,
                           rank, rank, "minute", 60.0, spelled=bool(word))
            continue
        after = _ORDINAL_NOUN.match(text, m.end())
        yield Quantity(m.start(), m.end(), m.group(), "ordinal", rank, rank, rank, rank, spelled=bool(word),
                       noun=after.group(1).lower() if after else "")
