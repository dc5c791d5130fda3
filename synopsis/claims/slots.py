"""Normalised values in a claim: numbers, durations, counts, percentages, money, dates, ordinals.

Every value becomes an interval, so that approximate wording compares with
tolerance: "about 5 hours" is [4.5, 5.5] and agrees with "5 hours";
"nearly five hours" is [4.6, 5] and disagrees with "four and a half hours".
Two readings conflict only when their intervals do not overlap.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12, "a": 1, "an": 1,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "last": -1,
}
#: Hours per time unit; durations compare in hours.
_TIME = {
    "second": 1 / 3600, "minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.0,
    "year": 8760.0, "decade": 87600.0,
}
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}

_TENS_WORDS = "|".join(_TENS)
_DIGIT_WORDS = "|".join(sorted((w for w in _UNITS if w not in ("a", "an")), key=len, reverse=True))
#: "twenty-five", "four", and "a"/"an" only before a unit of time, a scale or "dozen" ("an hour", "a million");
#: a tens word is the only one another joins ("a four-year term" is four, not five)
_ARTICLE = rf"an?(?=\s+(?:(?:second|minute|hour|day|week|month|year|decade)s?|{'|'.join(_SCALES)}|dozen)\b)"
_WORD_NUMBER = (rf"(?:(?:(?:{_TENS_WORDS})(?:[- ](?:{_DIGIT_WORDS}))?|(?:{_DIGIT_WORDS})|{_ARTICLE})"
                rf"(?:\s+(?:{'|'.join(_SCALES)}|dozen))?(?:\s+and\s+a\s+half)?)")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:" + "|".join(_SCALES) + r"))?"
NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER}|half\s+an?)"

#: Approximators: how each widens or bounds the stated value (low and high factors; inf = unbounded).
APPROXIMATORS: dict[str, tuple[float, float]] = {
    "nearly": (0.92, 1.0), "almost": (0.92, 1.0), "just under": (0.92, 1.0), "close to": (0.9, 1.0),
    "about": (0.9, 1.1), "around": (0.9, 1.1), "roughly": (0.9, 1.1), "approximately": (0.9, 1.1),
    "some": (0.9, 1.1), "an estimated": (0.9, 1.1), "estimated": (0.9, 1.1), "up to": (0.0, 1.0),
    "more than": (1.0, math.inf), "over": (1.0, math.inf), "at least": (1.0, math.inf),
    "just over": (1.0, 1.08), "less than": (0.0, 1.0), "under": (0.0, 1.0), "fewer than": (0.0, 1.0),
    "longer than": (1.0, math.inf), "upwards of": (1.0, math.inf), "no less than": (1.0, math.inf),
    "shorter than": (0.0, 1.0), "no more than": (0.0, 1.0), "as many as": (0.0, 1.0), "as much as": (0.0, 1.0),
    "as long as": (0.0, 1.0), "as few as": (1.0, math.inf), "as little as": (1.0, math.inf),
    "topped": (1.0, math.inf), "exceeded": (1.0, math.inf), "surpassed": (1.0, math.inf),
    "in excess of": (1.0, math.inf), "north of": (1.0, math.inf), "beyond": (1.0, math.inf),
    "below": (0.0, 1.0), "shy of": (0.0, 1.0),
}
_APPROX = "|".join(sorted(APPROXIMATORS, key=len, reverse=True))
_TIME_UNIT = r"(?:" + "|".join(_TIME) + r")s?"
_PERCENT = r"(?:per\s*cent|percent|%)"
_CURRENCY_WORD = r"(?:dollars|euros|pounds|rubles|roubles|yuan)"

_QUANTITY = re.compile(
    rf"(?<![\w$€£.,])(?:(?P<approx>{_APPROX})\s+)?(?P<cur>[$€£])?\s?(?P<num>{NUMBER})(?![\w,]*\d)\b"
    rf"(?:(?P<pct>\s?{_PERCENT})|(?:\s+|-)(?P<time>{_TIME_UNIT})\b(?P<half>\s+and\s+a\s+half\b)?"
    rf"|\s+(?P<curword>{_CURRENCY_WORD})\b"
    rf"|\s+(?P<noun>(?:[A-Za-z-]+\s+)?[A-Za-z-]+))?",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})(?:\s*(?:to|-|–)\s*(?P<d1b>\d{1,2}))?\s+(?P<m1>" + "|".join(_MONTHS) + r")"
    r"|(?P<m2>" + "|".join(_MONTHS) + r")\s+(?P<d2>\d{1,2})(?:\s*(?:to|-|–)\s*(?P<d2b>\d{1,2}))?)"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
    r"|\b(?:in|since|by|before|after|of|until|from)\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\b(?P<ord>" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)
_GAP_CUE = re.compile(r"\b(?:first|most|last|longest|biggest|largest|highest|lowest|since|ever|\w+est)\b",
                      re.IGNORECASE)
#: After a duration, words that make it a point in time, a time still to run or a difference between two
#: durations ("two years below the six sought"), not how long something lasted.
_OFFSET = re.compile(r"\s+(?:ago|earlier|later|hence|from\s+now|before\s+(?:then|that)|after\s+(?:that|which)"
                     r"|to\s+go|left|remaining|below|above|beyond|short\s+of|(?:more|less|longer|shorter)\s+than)\b",
                     re.IGNORECASE)
_DIFFERENCE = re.compile(r"\b(?:margin|majority|lead|gap|difference|shortfall)\s+of\s+(?:about\s+|some\s+)?$",
                         re.IGNORECASE)
_RATE = re.compile(r"\b(?:every|each|per)\s+$", re.IGNORECASE)
_CHANGE = re.compile(r"\bfrom\s+$|\bfrom\s+\S+\s+to\s+$", re.IGNORECASE)
_CHANGE_TO = re.compile(r"\s+to\s+(?:\d|a\b|an\b)", re.IGNORECASE)
#: After a figure, an age ("a 24-year-old", "52 years old"): no length of time.
_AGE = re.compile(r"(?:-|\s+)old\b", re.IGNORECASE)
#: Before a count, words that make it the whole a part is counted from ("seven of the twelve seats", "among the
#: 600 patients"): a total, not the figure the clause reports.
_TOTAL = re.compile(r"(?:(?:\d|\b(?:" + "|".join(_UNITS) + r"|" + "|".join(_TENS) + r"))\s+(?:out\s+)?of"
                    r"|\bamong|\bout\s+of)\s+(?:the\s+|all\s+|its\s+|their\s+)?$", re.IGNORECASE)
#: Words after an ordinal that rank nothing checkable: calendar units and function words ("first of all").
_NOT_RANKED = frozenset({"of", "and", "or", "to", "in", "on", "at", "for", "the", "a", "an", "day", "week", "month",
                         "year", "quarter", "half", "place", "hand", "lady", "gentleman", "person"})
_NOT_COUNTED = frozenset({"of", "and", "or", "to", "in", "on", "at", "for", "from", "the", "a", "an", "per",
                          "times", "percent", "cent", "years", "year-old", "old"})


@dataclass(frozen=True, slots=True)
class Slot:
    """One normalised value found in a claim, with the exact span it came from."""

    kind: str  # number | duration | count | percent | money | date | ordinal
    low: float
    high: float
    value: float
    unit: str
    text: str
    start: int
    end: int
    qualifier: str = ""
    noun: str = ""  # what a count counts ("russians"), lower-cased
    #: durations: "extent" (how long), "gap" (time since: "first talks in three years") or "offset" (a point in
    #: time counted from the writing or a time still to run: "a year ago", "six weeks from now", "two years left")
    role: str = ""

    @property
    def readable(self) -> str:
        """The value as a reader would say it: "about 5 hours (at most)", "4.5 hours", "more than 20%"."""
        number = _format(self.value)
        unit = {"%": "%", "": ""}.get(self.unit, f" {self.unit}")
        if self.kind == "money":
            number, unit = (f"{self.unit}{number}", "") if len(self.unit) == 1 else (number, f" {self.unit}")
        if self.kind == "count":
            unit = f" {self.noun}"
        elif self.kind == "duration":
            unit = f" {self.unit}" + ("" if self.value == 1 else "s")
        if self.kind in ("date", "ordinal"):
            return self.text
        approx = self.qualifier.lower()
        low, high = APPROXIMATORS.get(approx, (1.0, 1.0))
        if approx and high == 1.0 and low > 0:
            return f"just under {number}{unit}"
        if approx and low == 1.0:
            return f"more than {number}{unit}"
        if approx and low == 0.0:
            return f"at most {number}{unit}"
        if approx:
            return f"about {number}{unit}"
        return f"{number}{unit}"

    def conflicts(self, other: Slot) -> bool:
        """Readings of one kind and unit whose tolerance intervals do not overlap."""
        if (self.kind, self.noun, self.role) != (other.kind, other.noun, other.role):
            return False
        if self.kind == "duration":
            (low_a, high_a), (low_b, high_b) = hours(self), hours(other)
        elif self.unit != other.unit:
            return False
        elif self.kind in ("date", "ordinal"):
            return self.value != other.value
        else:
            (low_a, high_a), (low_b, high_b) = (self.low, self.high), (other.low, other.high)
        eps = 1e-9
        return high_a + eps < low_b or high_b + eps < low_a


def _plural(word: str) -> bool:
    return word in ("people", "men", "women", "children") or (word.endswith("s") and not word.endswith("ss"))


def _format(value: float) -> str:
    for scale, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= scale:
            return f"{value / scale:g} {name}"
    return f"{value:,g}"


def parse_number(text: str) -> float | None:
    """ "four and a half" -> 4.5, "1,200" -> 1200, "3.5 million" -> 3500000, "twenty-five" -> 25."""
    words = text.lower().replace("-", " ").replace(",", "").split()
    if len(words) > 1 and words[0] in ("a", "an"):
        words = words[1:]  # "a dozen", "a million": the article is no figure of its own
    if not words:
        return None
    half = 0.0
    if words[-3:] == ["and", "a", "half"]:
        words, half = words[:-3], 0.5
    if words[:1] == ["half"]:
        return 0.5
    total = 0.0
    for word in words:
        if word == "dozen" and total:
            total *= 12  # "two dozen"
        elif word in _SCALES:
            total = (total or 1) * _SCALES[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word in _UNITS:
            total += _UNITS[word]
        else:
            try:
                total += float(word)
            except ValueError:
                return None
    return total + half * (_SCALES[words[-1]] if words and words[-1] in _SCALES else 1)


def extract_slots(text: str, offset: int = 0) -> list[Slot]:
    """Every value in ``text`` (a claim unit); offsets are shifted by ``offset`` into the article."""
    slots: list[Slot] = []
    taken: list[tuple[int, int]] = []
    for match in _DATE.finditer(text):
        slot = _date_slot(match, offset)
        if slot:
            slots.append(slot)
            taken.append(match.span())
    for match in _QUANTITY.finditer(text):
        if any(s < match.end("num") and match.start("num") < e for s, e in taken):
            continue
        slot = _quantity_slot(match, text, offset)
        if slot:
            slots.append(slot)
    for match in _ORDINAL.finditer(text):
        word = match.group("ord").lower()
        if word == "second" and re.match(r"\s+(?:of|after)\b", text[match.end():]):
            continue
        # what is ranked: the noun right after ("third referendum"), kept in the span so the reading says it
        ranked = re.match(r"\s+([a-z]+)\b", text[match.end() :])
        noun = ranked.group(1) if ranked and word != "last" and ranked.group(1) not in _NOT_RANKED else ""
        end = match.end() + (ranked.end() if noun and ranked else 0)
        value = _ORDINALS[word]
        slots.append(Slot("ordinal", value, value, value, "", text[match.start() : end], offset + match.start(),
                          offset + end, noun=noun))
    return sorted(slots, key=lambda s: s.start)


def _quantity_slot(match: re.Match[str], text: str, offset: int) -> Slot | None:
    raw = match.group("num")
    if raw.lower() in ("a", "an") and not (match.group("time") or match.group("pct")):
        return None
    number = parse_number(raw)
    if number is None:
        return None
    approx = (match.group("approx") or "").lower()
    low_f, high_f = APPROXIMATORS.get(approx, (1.0, 1.0))
    kind, unit, noun = "number", "", ""
    if match.group("time"):
        if _AGE.match(text, match.end("time")):
            return None
        time_unit = match.group("time").lower().rstrip("s")
        if time_unit == "second" and raw.lower() in ("a", "an", "one") and match.group("time").lower() == "second":
            return None  # "a second chamber", "one second term": an ordinal, not a length of time
        kind, unit = "duration", time_unit
        if match.group("half"):
            number += 0.5  # "an hour and a half"
    elif match.group("pct"):
        kind, unit = "percent", "%"
    elif match.group("cur") or match.group("curword"):
        kind, unit = "money", (match.group("cur") or match.group("curword")).lower()
    elif match.group("noun"):
        words = [w.lower() for w in match.group("noun").split()]
        if len(words) == 2 and (words[1] in _NOT_COUNTED or not _plural(words[1])) and _plural(words[0]):
            words = words[:1]
        head = words[-1]
        if words[0] in _NOT_COUNTED or head in _NOT_COUNTED or not _plural(head):
            if re.fullmatch(r"(?:19|20)\d\d", raw):
                return None
            kind = "number"
        else:
            # "19 league goals" counts a part of "27 goals": the modifier stays part of what is counted
            kind, noun = "count", " ".join(words)
    elif re.fullmatch(r"(?:19|20)\d\d", raw):
        return None  # a bare year is a date, read by the date pattern when it has a cue
    if kind == "number" and not approx and number < 10 and not raw[0].isdigit():
        return None  # "one of the", "two sides": small word numbers alone carry no checkable fact
    end = match.end("num") if kind in ("number", "money") else match.end()
    if kind == "count":
        end = match.start("noun") + match.group("noun").lower().find(noun.split()[-1]) + len(noun.split()[-1])
    if match.group("half"):
        end = match.end("half")
    if match.group("curword"):
        end = match.end("curword")
    start = match.start("approx") if approx else match.start("cur") if match.group("cur") else match.start("num")
    role = "total" if kind == "count" and _TOTAL.search(text, 0, start) else ""
    if _DIFFERENCE.search(text, 0, start):
        role = "difference"  # "a margin of 17 votes" is the gap between two counts
    if _RATE.search(text, 0, start):
        role = "rate"  # "every 30 minutes", "two goals every three matches": how often, not how many or long
    elif _CHANGE.search(text, 0, start) or _CHANGE_TO.match(text, end):
        role = "change"  # "from 212 to 187 votes": two values of a measure that moved
    if kind == "duration":
        before = text[max(0, start - 70) : start]
        gap = re.search(r"\b(?:in|for)\s*$", before) and _GAP_CUE.search(before)
        role = "offset" if _OFFSET.match(text, end) else "gap" if gap else "extent"
    return Slot(kind, number * low_f, number * high_f, number, unit, text[start:end], offset + start,
                offset + end, approx, noun, role)


def _date_slot(match: re.Match[str], offset: int) -> Slot | None:
    if match.group("year"):
        year = int(match.group("year"))
        start = match.start("year")
        return Slot("date", year, year, year, "year", match.group("year"), offset + start, offset + match.end())
    month = _MONTHS[(match.group("m1") or match.group("m2")).lower()]
    day = int(match.group("d1") or match.group("d2"))
    if not 1 <= day <= 31:
        return None
    year = int(match.group("y")) if match.group("y") else 0
    value = year * 10000 + month * 100 + day
    unit = "day" if year else "day-of-year"
    return Slot("date", value, value, value, unit, match.group(), offset + match.start(), offset + match.end())


def hours(slot: Slot) -> tuple[float, float]:
    """A duration's interval in hours, so that "90 minutes" and "an hour and a half" compare."""
    factor = _TIME.get(slot.unit, 1.0)
    low, high = _CALENDAR.get(slot.unit, (factor, factor))
    return slot.low * low, slot.high * high


#: Calendar units are not of one length: "a month" agrees with "30 days" and "a year" with "365 days".
_CALENDAR = {"month": (24.0 * 28, 24.0 * 31), "year": (24.0 * 365, 24.0 * 366), "decade": (24.0 * 3652, 24.0 * 3653)}
