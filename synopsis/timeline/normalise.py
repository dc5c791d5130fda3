"""Resolve one temporal expression to an ISO 8601 value against a reference date.

Deterministic and fast: a handful of regular expressions over the expression's own
text, plus calendar arithmetic. Direction (earlier or later occurrence of a weekday,
month or holiday) comes from the tense of the clause and the signal word before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..lang.calendar import DAY_OFFSETS, HOLIDAYS, MONTHS, SEASONS, WEEKDAYS
from ..lang.numbers import VAGUE_NUMBERS, parse_number
from .lexicon import UNITS

#: Granularities a timeline can place on its axis; anything else (durations, seasons...) is not a date.
CALENDAR = frozenset({"day", "month", "year", "range"})


@dataclass(frozen=True, slots=True)
class Reference:
    """What relative expressions count from: an exact day, or only the story's year."""

    day: date | None = None
    year: int | None = None
    #: ``day`` is a guess within days of the writing day (the story's day for an undated article).
    approximate: bool = False

    @property
    def year_known(self) -> int | None:
        return self.day.year if self.day else self.year


@dataclass(frozen=True, slots=True)
class Value:
    """A resolved expression: ``value`` in the dossier's form, ``timeml`` in TimeML's."""

    value: str
    granularity: str  # day | month | year | range | duration | other
    type: str  # DATE | TIME | DURATION | SET
    timeml: str
    mod: str | None = None

    @property
    def is_calendar(self) -> bool:
        return self.granularity in CALENDAR

    def bounds(self) -> tuple[date, date] | None:
        """First and last day the value covers (None when it is not a calendar value)."""
        if not self.is_calendar:
            return None
        first, _, last = self.value.partition("/")
        return _first_day(first), _last_day(last or first)


_EDGES = (("the beginning of ", "START"), ("the start of ", "START"), ("the end of ", "END"),
          ("the middle of ", "MID"), ("the first half of ", "START"), ("the second half of ", "END"),
          ("early ", "START"), ("mid-", "MID"), ("mid ", "MID"), ("late ", "END"))
_M = r"(?P<m>[a-z]+)\.?"
_D = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<y>\d{4})"
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)")
_DAY_MONTH = re.compile(rf"(?:[a-z]+,? )?{_D} (?:of )?{_M}(?:,? {_Y})?")
_MONTH_DAY = re.compile(rf"(?:[a-z]+,? )?{_M} {_D}(?:,? {_Y})?")
_RANGE_DM = re.compile(rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)? ?(?:to|-|–|and|until) ?{_D} (?:of )?{_M}(?:,? {_Y})?")
_RANGE_MD = re.compile(rf"{_M} (?P<d1>\d{{1,2}})(?:st|nd|rd|th)? ?(?:to|-|–|and|until) ?{_D}(?:,? {_Y})?")
_RANGE_DMDM = re.compile(rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)? (?P<m1>[a-z]+) ?(?:to|-|–|until) ?{_D} {_M}(?:,? {_Y})?")
_MONTH_YEAR = re.compile(rf"{_M},? (?:of )?{_Y}")
_MONTH_REL_YEAR = re.compile(rf"{_M} (?:of )?(?P<rel>last|this|next) year")
#: "last March", "next spring": which occurrence of a month or season.
_REL = r"(?:(?P<rel>last|next|this|past|coming) )?"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_MONTH = re.compile(rf"{_REL}(?P<m>[a-z]+)\.?")
_YEAR = re.compile(r"(?:the )?(?:year )?(?P<y>\d{4})(?P<s>s)?")
_SEASON = re.compile(rf"(?:the )?{_REL}(?P<s>{'|'.join(SEASONS)})(?: (?:of )?{_Y})?")
_QUARTER = re.compile(rf"(?:the )?(?P<q>first|second|third|fourth|last) quarter(?: of {_Y})?")
_WEEKDAY = re.compile(rf"(?:(?P<rel>last|next|this|coming) )?(?P<w>[a-z]+day)(?: {_PART})?")
_DEICTIC = re.compile(r"(?:the day (?P<shift>before|after) )?(?P<w>today|tonight|yesterday|tomorrow)")
_PART_OF_TODAY = re.compile(rf"this {_PART}")
_RELATIVE = re.compile(r"(?:(?P<edge>earlier|later) )?(?P<rel>this|last|next|past|previous|coming|following) "
                       r"(?:fiscal |financial |calendar )?(?P<u>week|weekend|month|year|decade|quarter)")
_AGO = re.compile(r"(?P<n>.+?) (?P<u>[a-z]+?)s? (?P<dir>ago|from now)")
_DURATION = re.compile(r"(?:(?:about|around|nearly|almost|roughly|some|more than|less than|over|under|at least|"
                       r"up to|just over|just under|barely|only|approximately) )?(?:the (?:past|last|next|previous|"
                       r"first|coming) )?(?P<n>.+?)[ -](?P<u>[a-z]+?)s?")
_PRESENT = {"now", "currently", "nowadays", "at present", "at the moment", "today's"}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def resolve(text: str, ref: Reference, tense: str | None = None, signal: str | None = None) -> Value | None:
    """The value of ``text`` as read on ``ref``; None when it is not a resolvable expression."""
    t = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .,;:")
    t = re.sub(r"'s$", "", t)
    mod = None
    for prefix, edge in _EDGES:
        if t.startswith(prefix) and len(t) > len(prefix):
            t, mod = t[len(prefix):], edge
            break
    direction = _direction(tense, signal)
    for handler in _HANDLERS:
        result = handler(t, ref, direction)
        if result is not None:
            return replace(result, mod=mod or result.mod)
    return None


def _direction(tense: str | None, signal: str | None) -> int:
    if tense == "future":
        return 1
    if tense == "past":
        return -1
    if signal in ("by", "until", "till", "ahead of", "within"):
        return 1
    if signal in ("since",):
        return -1
    return 0


def _day(d: date, kind: str = "DATE", part: str | None = None) -> Value:
    iso = d.isoformat()
    return Value(iso, "day", kind, iso + (f"T{part}" if part else ""))


def _range(first: date, last: date, timeml: str | None = None) -> Value:
    value = f"{first.isoformat()}/{last.isoformat()}"
    return Value(value, "range", "DATE", timeml or value)


def _month(year: int, month: int) -> Value:
    iso = f"{year:04d}-{month:02d}"
    return Value(iso, "month", "DATE", iso)


def _year(year: int) -> Value:
    return Value(f"{year:04d}", "year", "DATE", f"{year:04d}")


def _other(code: str) -> Value:
    """A date value with no place on a timeline's axis: a season, quarter, decade, century or "now"."""
    return Value(code, "other", "DATE", code)


def _duration_value(code: str) -> Value:
    return Value(code, "duration", "DURATION", code)


def _first_day(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(parts[0], 12, 31)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _pick_year(ref: Reference, month: int, day: int, direction: int) -> int | None:
    """The year of a day-month written without one: the reference year, moved by the direction."""
    year = ref.year_known
    if year is None:
        return None
    if ref.day is None:
        return year
    candidate = _safe_date(year, month, day)
    if candidate is None:
        return year
    if direction < 0 and candidate > ref.day + timedelta(days=1):
        return year - 1
    if direction > 0 and candidate < ref.day - timedelta(days=1):
        return year + 1
    if direction == 0:  # no tense says which: the nearer one, the past on a tie ("October 7" read in January)
        ahead = month - ref.day.month
        return year - 1 if ahead >= 6 else year + 1 if ahead < -6 else year
    return year


def _iso(t: str, ref: Reference, direction: int) -> Value | None:
    m = _ISO.fullmatch(t)
    found = m and _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(found) if found else None


def _explicit_day(t: str, ref: Reference, direction: int) -> Value | None:
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        m = pattern.fullmatch(t)
        if m and m["m"] in MONTHS:
            month, day = MONTHS[m["m"]], int(m["d"])
            year = int(m["y"]) if m["y"] else _pick_year(ref, month, day, direction)
            found = _safe_date(year, month, day) if year else None
            if found:
                return _day(found)
    return None


def _day_range(t: str, ref: Reference, direction: int) -> Value | None:
    for pattern in (_RANGE_DMDM, _RANGE_DM, _RANGE_MD):
        m = pattern.fullmatch(t)
        if not m or m["m"] not in MONTHS:
            continue
        month = MONTHS[m["m"]]
        first_month = MONTHS.get(m.groupdict().get("m1") or "", month)
        year = int(m["y"]) if m["y"] else _pick_year(ref, first_month, int(m["d1"]), direction)
        if year is None:
            return None
        first = _safe_date(year, first_month, int(m["d1"]))
        last = _safe_date(year, month, int(m["d"]))
        if first and last and first <= last:
            return _range(first, last)
    return None


def _month_year(t: str, ref: Reference, direction: int) -> Value | None:
    m = _MONTH_YEAR.fullmatch(t)
    if m and m["m"] in MONTHS:
        return _month(int(m["y"]), MONTHS[m["m"]])
    return None


def _month_of_relative_year(t: str, ref: Reference, direction: int) -> Value | None:
    m = _MONTH_REL_YEAR.fullmatch(t)
    if not m or m["m"] not in MONTHS or ref.year_known is None:
        return None
    return _month(ref.year_known + {"last": -1, "this": 0, "next": 1}[m["rel"]], MONTHS[m["m"]])


def _month_alone(t: str, ref: Reference, direction: int) -> Value | None:
    m = _MONTH.fullmatch(t)
    if not m or m["m"] not in MONTHS or ref.year_known is None:
        return None
    month, year, rel = MONTHS[m["m"]], ref.year_known, m["rel"]
    if ref.day is not None:
        if rel in ("last", "past") or (rel is None and direction < 0):
            year -= 1 if month > ref.day.month or (rel and month == ref.day.month) else 0
        elif rel in ("next", "coming") or (rel is None and direction > 0):
            year += 1 if month < ref.day.month or (rel and month == ref.day.month) else 0
        elif rel is None:  # no tense says which: the nearer one, the past on a tie ("November" read in February)
            ahead = month - ref.day.month
            year += -1 if ahead >= 6 else 1 if ahead < -6 else 0
    return _month(year, month)


def _year_alone(t: str, ref: Reference, direction: int) -> Value | None:
    m = _YEAR.fullmatch(t)
    if not m:
        return None
    if m["s"]:
        return _other(m["y"][:3])
    return _year(int(m["y"]))


def _season(t: str, ref: Reference, direction: int) -> Value | None:
    m = _SEASON.fullmatch(t)
    if not m:
        return None
    year = int(m["y"]) if m["y"] else ref.year_known
    if year is None:
        return None
    year += {"last": -1, "past": -1, "next": 1, "coming": 1}.get(m["rel"] or "", 0)
    return _other(f"{year:04d}-{SEASONS[m['s']]}")


def _quarter(t: str, ref: Reference, direction: int) -> Value | None:
    m = _QUARTER.fullmatch(t)
    year = int(m["y"]) if m and m["y"] else ref.year_known
    if not m or year is None:
        return None
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}[m["q"]]
    return _other(f"{year:04d}-Q{q}")


def _weekday(t: str, ref: Reference, direction: int) -> Value | None:
    m = _WEEKDAY.fullmatch(t)
    if not m or m["w"] not in WEEKDAYS or ref.day is None:
        return None
    target, today, rel = WEEKDAYS[m["w"]], ref.day.weekday(), m["rel"]
    back, ahead = (today - target) % 7, (target - today) % 7
    if ref.approximate:
        direction = 0
    if rel == "last":
        offset = -(back or 7)
    elif rel in ("next", "coming"):
        offset = ahead or 7
    elif rel == "this" or direction == 0:
        offset = -back if back <= ahead else ahead
    else:
        offset = -back if direction < 0 else ahead
    found = ref.day + timedelta(days=offset)
    part = _PARTS.get(m["part"] or "")
    return _day(found, "TIME" if part else "DATE", part)


def _deictic(t: str, ref: Reference, direction: int) -> Value | None:
    if ref.day is None:
        return None
    m = _DEICTIC.fullmatch(t)
    if m:
        offset = DAY_OFFSETS[m["w"]]
        offset += {"before": -1, "after": 1}.get(m["shift"] or "", 0)
        part = "NI" if m["w"] == "tonight" else None
        return _day(ref.day + timedelta(days=offset), "TIME" if part else "DATE", part)
    m = _PART_OF_TODAY.fullmatch(t)
    if m:
        return _day(ref.day, "TIME", _PARTS[m["part"]])
    return None


def _week_of(d: date) -> tuple[date, date, str]:
    monday = d - timedelta(days=d.weekday())
    iso = d.isocalendar()
    return monday, monday + timedelta(days=6), f"{iso.year:04d}-W{iso.week:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _relative(t: str, ref: Reference, direction: int) -> Value | None:
    m = _RELATIVE.fullmatch(t)
    if not m:
        return None
    step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}[m["rel"]]
    unit = m["u"]
    if unit == "year" and ref.year_known is not None:
        return _year(ref.year_known + step)
    if ref.day is None:
        return None
    if unit in ("week", "weekend"):
        first, last, code = _week_of(ref.day + timedelta(weeks=step))
        if unit == "weekend":
            return _range(first + timedelta(days=5), last, code + "-WE")
        return _range(first, last, code)
    if unit == "month":
        return _month(*_shift_month(ref.day.year, ref.day.month, step))
    if unit == "quarter":
        year, month = _shift_month(ref.day.year, ref.day.month, 3 * step)
        return _other(f"{year:04d}-Q{(month - 1) // 3 + 1}")
    if unit == "decade":
        return _other(str(ref.day.year // 10 + step))
    return None


def _number(text: str) -> float | None:
    text = text.strip()
    return None if text in VAGUE_NUMBERS else parse_number(text)


def _ago(t: str, ref: Reference, direction: int) -> Value | None:
    m = _AGO.fullmatch(t)
    if not m or ref.day is None or m["u"] not in UNITS:
        return None
    n = _number(m["n"])
    if n is None or n != int(n):
        return None
    sign = 1 if m["dir"] == "from now" else -1
    count, unit = int(n) * sign, m["u"]
    if unit == "day":
        return _day(ref.day + timedelta(days=count))
    if unit == "week":
        first, last, code = _week_of(ref.day + timedelta(weeks=count))
        return _range(first, last, code)
    if unit == "month":
        return _month(*_shift_month(ref.day.year, ref.day.month, count))
    if unit == "year":
        return _year(ref.day.year + count)
    return None


def _holiday(t: str, ref: Reference, direction: int) -> Value | None:
    rule = HOLIDAYS.get(t)
    if rule is None or ref.year_known is None:
        return None
    year = ref.year_known
    found = rule(year)
    if ref.day is not None:
        if direction > 0 and found < ref.day:
            found = rule(year + 1)
        elif direction < 0 and found > ref.day:
            found = rule(year - 1)
    return _day(found)


def _present(t: str, ref: Reference, direction: int) -> Value | None:
    if t in _PRESENT:
        return _other("PRESENT_REF")
    if t in ("recently", "the past"):
        return _other("PAST_REF")
    if t in ("in the future", "the future"):
        return _other("FUTURE_REF")
    return None


_VAGUE_SPAN = re.compile(r"(?:(?:recent|the past|the last|the next|the coming|the following|several|many|a few|"
                         r"few|some) )?(?P<u>second|minute|hour|day|week|month|year|decade)s")
_CENTURY = re.compile(r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) century")


def _vague_span(t: str, ref: Reference, direction: int) -> Value | None:
    m = _VAGUE_SPAN.fullmatch(t)
    if not m:
        return None
    code = {"decade": "DE"}.get(m["u"], UNITS[m["u"]])
    return _duration_value(f"PTX{code}" if m["u"] in ("second", "minute", "hour") else f"PX{code}")


def _century(t: str, ref: Reference, direction: int) -> Value | None:
    m = _CENTURY.fullmatch(t)
    if not m:
        return None
    return _other(f"{int(m['n']) - 1:02d}")


def _duration(t: str, ref: Reference, direction: int) -> Value | None:
    half = " and a half" in t
    m = _DURATION.fullmatch(t.replace(" and a half", ""))
    if not m:
        return None
    unit = "century" if m["u"].startswith("centur") else m["u"]
    code = UNITS.get(unit)
    if code is None:
        return None
    n = _number(m["n"])
    if n is not None and half:
        n += 0.5
    if n is None and m["n"] not in VAGUE_NUMBERS:
        return None
    timed = unit in ("second", "minute", "hour")
    if n is None:
        amount = "X"
    elif timed and n != int(n):
        whole, minutes = int(n), round((n - int(n)) * 60)
        return _duration_value(f"PT{whole}H{minutes}M")
    else:
        amount = str(int(n)) if n == int(n) else str(n)
    if code == "DE":
        amount, code = ("X", "DE") if amount == "X" else (str(int(float(amount)) * 10), "Y")
    if code == "CE":
        amount, code = ("X", "CE") if amount == "X" else (str(int(float(amount)) * 100), "Y")
    if unit == "fortnight":
        amount = "X" if amount == "X" else str(int(float(amount)) * 2)
    return _duration_value(f"PT{amount}{code}" if timed else f"P{amount}{code}")


_HANDLERS = (_present, _iso, _day_range, _explicit_day, _month_year, _month_of_relative_year, _deictic, _weekday,
             _relative, _ago, _holiday, _season, _quarter, _month_alone, _year_alone, _century, _vague_span, _duration)
