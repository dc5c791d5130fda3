"""The calendar words of English news prose: months, weekdays, seasons, holidays, deictic days.

Every stage that reads a date (ingest's date lines, the timeline, claims' date values, the
render's axis labels) takes its names from here, so that "Sept." or "Thurs" is known everywhere
once one reader knows it. Names are lower case; callers that need case (the modal "may" is no
month) check it themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

#: Full month names, in calendar order.
MONTH_NAMES: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
)
#: Abbreviations news prose and datelines use ("Feb. 18", "Sept 3"), with their month number.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
#: Every month word, full or abbreviated, with its number (1 = January).
MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
    **MONTH_ABBREVIATIONS,
}
#: Three-letter labels for display ("Jan" ... "Dec"), index 0 = January.
MONTH_LABELS: tuple[str, ...] = tuple(name[:3].capitalize() for name in MONTH_NAMES)

#: Weekday names with Python's weekday number (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
#: Weekday abbreviations of datelines and time stamps ("Thu, 20 Feb").
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
#: Seasons with their ISO-TimeML codes ("fall" is autumn).
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
#: Words that name a day by its distance from the day of writing.
DAY_OFFSETS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
#: Units of calendar time, shortest first.
CALENDAR_UNITS: tuple[str, ...] = ("day", "week", "month", "quarter", "year", "decade", "century")
#: Words that place a period relative to now ("last week", "the coming month").
RELATIVE_WORDS: tuple[str, ...] = ("last", "next", "this", "past", "previous", "coming", "following")


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def thanksgiving(year: int) -> date:
    """United States Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


#: Holidays news prose dates events by, each with the rule that gives its day in a year.
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "easter": easter,
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "new year's eve": lambda y: date(y, 12, 31),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's": lambda y: date(y, 1, 1),
    "thanksgiving": thanksgiving,
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "fourth of july": lambda y: date(y, 7, 4),
}
#: One-word holiday names: like month names, they count as dates only when capitalised.
HOLIDAY_WORDS: frozenset[str] = frozenset(name for name in HOLIDAYS if " " not in name and "'" not in name)

#: Calendar words that say when rather than what: no content word for comparing two events' texts.
CALENDAR_WORDS: frozenset[str] = frozenset(
    [*MONTH_NAMES, *WEEKDAYS, *DAY_OFFSETS, *CALENDAR_UNITS, *RELATIVE_WORDS, "weekend", "fortnight"]
)


def _alternation(words: dict[str, int], dotted: frozenset[str] = frozenset()) -> str:
    """A regular-expression group of ``words``, longest first, with an optional full stop after ``dotted``."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(w + (r"\.?" if w in dotted else "") for w in ordered) + ")"


#: Regular-expression pieces (lower case; compile with re.IGNORECASE): a month ("Feb." included), a
#: weekday, a day of the month ("3rd"), a year between 1600 and 2099.
MONTH_PATTERN = _alternation(MONTHS, frozenset(MONTH_ABBREVIATIONS))
WEEKDAY_PATTERN = _alternation(WEEKDAYS)
WEEKDAY_ABBREVIATION_PATTERN = _alternation(WEEKDAY_ABBREVIATIONS, frozenset(WEEKDAY_ABBREVIATIONS))
DAY_PATTERN = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_PATTERN = r"(?:1[6-9]\d\d|20\d\d)"
HOLIDAY_PATTERN = _alternation(dict.fromkeys(HOLIDAYS, 0))


def month_number(word: str) -> int | None:
    """The month a word names ("Sept." -> 9, "march" -> 3), or None."""
    return MONTHS.get(word.strip().rstrip(".").casefold())
