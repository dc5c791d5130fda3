"""Figures in text read as quantities: value or range, unit, precision, hedge, with exact character spans.

Why one parser: the claims stage compares figures across outlets, and every reader of figures must agree on
what "about 2 1/2 hours", "8.6 to 8.9 percent", "28,5%" or "1800 123 456" is. ``parse_quantities`` finds
them all; ``compatible`` says whether two readings of one measurement can both be true. What a figure
measures (its source, time, subject) is the caller's business: this module only reads the figure.

Every ``Quantity`` holds its span, its kind, and ``low``/``high`` in the kind's base unit:

=================  ===========================================================================
kind               low / high
=================  ===========================================================================
count, number      the number ("12 workers" is a count of ``noun`` "workers"; "6.8" a number)
money              the amount in ``unit`` (ISO code: USD, EUR, GBP ...), per ``per`` if a rate
percent            percent ("16.4%"); ``percentage_point``: points ("2 percentage points")
duration           seconds; calendar units spread ("a month" is 28 to 31 days)
clock              seconds after midnight; ``unit`` the time zone as written ("GMT"), or ""
length, area,      metres, square metres, kilograms, watts (``unit`` the unit as written,
mass, power        canonical: "mile", "square mile", "acre", "tonne", "megawatt")
age                years ("aged 54", "a 54-year-old", "Prask, 67,")
year               the year(s) ("in 1991", "2024-25", "the 1970s")
date               yyyymmdd with yyyy 0 when no year is written; ``unit`` "day" or "day-of-year"
ordinal            the rank ("third", "17th"); ``noun`` the word after it
score, phone, id   0; no measurement ("3-1", "+44 20 7946 0958", "Flight 2216"); ``parts`` holds a
                   score's numbers
=================  ===========================================================================

Bounds and hedges widen ``low``/``high`` (``HEDGES``): "more than 46,000" is [46000, inf), "nearly 300"
[276, 300], "around 3 pm" ten minutes either way. Ranges stay ranges ("between 265 and 270" is [265,
270]); ``written_low``/``written_high`` are the figure as written, in ``unit``. ``step`` is the precision
the figure is written with, in base units ("16.4" 0.1, "16" 1, "$20 billion" one billion), so that a
rounded figure can be told from a different one. The type and the unit tables live in ``measures``, the
readers of dates, clock times, years, phones, ids, scores and ranks in ``numerals``; this module reads
counts, amounts and durations and says which readings agree. Spelled numbers are read here rather than
with text2num (which gives no spans and reads neither "a dozen" nor "and a half"); quantulum3 misreads
"28,5%", "€2bn" and "10:35 p.m." and loads a pickled classifier, and pint converts units but finds none.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from .calendar import MONTH_PATTERN
from .function_words import STOP_WORDS
from .measures import (
    CLOCK_HEDGES,
    CURRENCIES,
    HEDGES,
    INF,
    MEASURE_UNITS,
    NOT_MEASURES,
    TIME_AFTER,
    TIME_SPELLINGS,
    TIME_UNITS,
    UNIT_AFTER,
    Quantity,
    window,
)
from .numbers import ARTICLES, CARDINALS, SCALES, TENS, spelled_number
from .numerals import clocks, dates, ids, ordinals, phones, scores, years

__all__ = ["HEDGES", "NOT_MEASURES", "Quantity", "attach_heads", "comparable", "compatible", "number_value",
           "parse_quantities"]


_ONES = "|".join(sorted((w for w in CARDINALS if 0 < CARDINALS[w] < 10), key=len, reverse=True))
_SMALL = "|".join(sorted(CARDINALS, key=len, reverse=True))
_SCALE_WORDS = "|".join([*SCALES, "dozen"])
_TIME_WORDS = "|".join(TIME_UNITS)
_W1 = rf"(?:(?:{'|'.join(TENS)})(?:-(?:{_ONES})\b|\s(?:{_ONES})\b)?|(?:{_SMALL}))"
_WORD_NUMBER = (rf"(?:{_W1}|an?(?=\s+(?:{_SCALE_WORDS})\b))(?:\s+(?:{_SCALE_WORDS})(?:\s+(?:and\s+)?{_W1}"
                rf"(?:\s+(?:{_SCALE_WORDS}))?)*)?(?:\s+and\s+a\s+half\b)?"
                rf"|half\s+an?\s+(?:dozen|million|billion)|half\s+an?(?=\s+(?:{_TIME_WORDS})\b)"
                rf"|an?(?=[\s-]+(?:{_TIME_WORDS})s?\b)")
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_DIGIT_NUMBER = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,?\d)"
                 r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d.,:/])"
                 r"|\d+,\d{1,2}(?!\d)(?=\s?(?:%|per\s?cent\b|percent\b|million\b|billion\b|bn\b|mn\b))"
                 r"|\d+(?:\s+|-)[1-7]/[2-8](?![\d/])|(?:\d+\s?)?[½¼¾⅓⅔⅛]"
                 r"|\d+(?:\.\d+)?")
#: After digits: an end of word, or a unit written on ("$4bn", "10km", "20pc").
_GLUED = r"(?=(?:bn|mn|tn|m|k|b|km|kg|mw|gw|pc)\b|[^\w/]|$)(?!\.\d)"
_NUMBER = re.compile(rf"(?:(?<![\w.,/:'’])|(?<=\$US)|(?<=\$[AC]))(?:{_DIGIT_NUMBER}){_GLUED}"
                     rf"|(?<![\w-])(?:{_WORD_NUMBER})(?![\w])", re.IGNORECASE)
_HEDGE_BEFORE = re.compile(
    r"(?<![\w-])(?P<hedge>" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(
        (h for h in HEDGES if h not in ("+", "plus", "or so", "or more")), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:(?<![A-Za-z])(?:US|A|C|HK|NZ|S|R)?\$(?:US|A|C)?|€|£|¥|₹|\b(?:Rs\.?|USD|EUR|GBP|"
                              r"INR|PKR|CNY|JPY|RUB|KRW|RMB))\s?$")
_CURRENCY_AFTER = re.compile(r"\s+(?:US\s+)?(dollars?|euros?|pounds\s+sterling|pounds?|rupees|yuan|yen|roubles|"
                             r"rubles|USD|EUR|GBP|INR|PKR|CNY|JPY)\b", re.IGNORECASE)
_SCALE_AFTER = re.compile(r"\s(million|billion|trillion|thousand|crore|lakh)\b|\s?(bn|mn|tn)\b|(m|k|b)\b",
                          re.IGNORECASE)
_SCALE_VALUES = {**SCALES, "crore": 10**7, "lakh": 10**5, "bn": 10**9, "b": 10**9, "mn": 10**6, "m": 10**6,
                 "tn": 10**12, "k": 1000}
_PERCENT = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|pc\b)(?:age)?(?:\s+points?\b)?|\s+percentage[\s-]points?\b"
                      r"|\s+(?:basis\s+points|bps)\b", re.IGNORECASE)
_AGE_AFTER = re.compile(r"(?:-|\s+)old\b", re.IGNORECASE)
_RANGE = re.compile(r"(?P<conn>\s*[-–—]\s*|\s+to\s+|\s+and\s+|\s+or\s+)", re.IGNORECASE)
_HALF_AFTER = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_PER = re.compile(r"\s+(?:a|an|per|each|every)\s+(year|month|week|day|hour|quarter)\b(?!\s+(?:ago|earlier|later|"
                  r"before|after|from))|\s+(annually|yearly|monthly)\b", re.IGNORECASE)
_SUFFIX_BOUND = re.compile(r"\s+or\s+(?:more|so)\b|\+|-plus\b", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)")
_NOT_COUNTED = frozenset({"of", "and", "or", "to", "in", "on", "at", "for", "from", "the", "a", "an", "per",
                          "times", "percent", "cent", "years", "year-old", "old", "than", "as", "by", "with"})
_PLURAL_PEOPLE = frozenset({"people", "men", "women", "children", "police", "personnel", "staff"})
_YEAR_BEFORE = re.compile(r"\b(?:in|since|of|by|until|till|from|before|after|the|during|through|between|"
                          r"early|late|mid|fiscal|summer|spring|autumn|winter|fall|"
                          + MONTH_PATTERN[3:-1] + r")\s+$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+(?:of\s+)?(?:between\s+)?$", re.IGNORECASE)
_APPOSITIVE_AGE = re.compile(r"[A-Z][\w.'’-]+(?:,\s|\s\()$")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)



def parse_quantities(text: str, offset: int = 0, doc: Any = None) -> list[Quantity]:
    """Every figure in ``text``, in order; spans are shifted by ``offset`` (where ``text`` starts in its article).

    With ``doc`` (the article's spaCy parse, whose offsets the shifted spans are), each quantity's ``head``
    is the noun it quantifies.
    """
    found = list(_parse(text))
    if offset:
        found = [replace(q, start=q.start + offset, end=q.end + offset) for q in found]
    return attach_heads(found, doc) if doc is not None else found


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[Quantity, ...]:
    """Readers run from the most to the least specific shape; a span one has taken is no other's."""
    taken: list[tuple[int, int]] = []
    found: list[Quantity] = []
    for reader in (dates, clocks, years, phones, ids, scores):
        for quantity in reader(text):
            if not _overlaps(quantity.start, quantity.end, taken):
                found.append(quantity)
                taken.append((quantity.start, quantity.end))
    found += _figures(text, taken)
    found += [q for q in ordinals(text) if not _overlaps(q.start, q.end, taken)]
    return tuple(sorted(found, key=lambda q: (q.start, q.end)))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def number_value(raw: str) -> tuple[float, float, int] | None:
    """(value, step, decimals) of one number as written: "2 1/2" -> (2.5, 0.5, 0), "28,5" -> (28.5, 0.1, 1),
    "1 234" -> (1234, 1, 0), "forty-two" -> (42, 1, 0), "two dozen" -> (24, 1, 0); None when it is none."""
    text = " ".join(raw.lower().split())
    fraction = re.fullmatch(r"(\d*)\s?([½¼¾⅓⅔⅛])|(\d+)[\s-]([1-7])/([2-8])", text)
    if fraction:
        if fraction.group(2):
            part = _FRACTIONS[fraction.group(2)]
            return float(fraction.group(1) or 0) + part, part, 0
        denominator = int(fraction.group(5))
        return int(fraction.group(3)) + int(fraction.group(4)) / denominator, 1 / denominator, 0
    if re.fullmatch(r"\d+,\d{1,2}", text):
        whole, fraction_digits = text.split(",")
        return float(f"{whole}.{fraction_digits}"), 10.0 ** -len(fraction_digits), len(fraction_digits)
    digits = re.sub(r"[,\s\u00a0\u202f\u2009]", "", text)
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        return float(digits), 10.0**-decimals, decimals
    spelled = spelled_number(text)
    return (spelled[0], spelled[1], 0) if spelled else None


def _figures(text: str, taken: list[tuple[int, int]]) -> Iterator[Quantity]:
    """Counts, plain numbers, money, percentages, durations, measurements, ages and bare years."""
    pos = 0
    while True:
        match = _NUMBER.search(text, pos)
        if match is None:
            return
        blocked = next(((s, e) for s, e in taken if s < match.end() and match.start() < e), None)
        if blocked is not None:
            pos = max(blocked[1], match.start() + 1)
            continue
        quantity = _figure(text, match)
        if quantity is None:
            pos = match.end()
            continue
        pos = max(quantity.end, match.end())
        taken.append((quantity.start, quantity.end))
        yield quantity


@dataclass
class _Reading:
    """A figure being read, left to right."""

    start: int
    end: int
    raw: str
    value: float
    step: float
    decimals: int
    spelled: bool
    value_to: float | None = None
    kind: str = "number"
    unit: str = ""
    factor: tuple[float, float] = (1.0, 1.0)
    hedge: str = ""
    noun: str = ""
    per: str = ""
    scaled: bool = False
    percent_first: bool = False


def _figure(text: str, match: re.Match[str]) -> Quantity | None:
    parsed = number_value(match.group())
    if parsed is None:
        return None
    spelled = not any(c.isdigit() or c in _FRACTIONS for c in match.group())
    r = _Reading(match.start(), match.end(), match.group(), *parsed, spelled)
    currency = None if spelled else _CURRENCY_BEFORE.search(window(text, r.start, 8))
    if currency:
        r.kind, r.unit = "money", CURRENCIES[currency.group().strip().lower()]
        r.start -= len(currency.group())
    if not spelled:
        _scale(text, r)
    between = _BETWEEN.search(window(text, r.start, 12))
    if between:
        r.start -= len(between.group())
    hedge = _HEDGE_BEFORE.search(window(text, r.start))
    if hedge:
        r.hedge = " ".join(hedge.group("hedge").lower().split())
        r.start -= len(hedge.group())
    _range(text, r, bool(between), bool(_FROM.search(window(text, match.start(), 8))))
    plus = re.compile(r"\+|-plus\b").match(text, r.end)
    if plus and not r.hedge:  # "40+ people", "a 20-plus-year career"
        r.hedge, r.end = plus.group().lstrip("-"), plus.end()
    _unit(text, r)
    if r.kind in ("money", "percent", "number") and (per := _PER.match(text, r.end)):
        unit = (per.group(1) or per.group(2)).lower()
        r.per = "year" if unit in ("annually", "yearly") else "month" if unit == "monthly" else unit
        r.end = per.end()
    suffix = _SUFFIX_BOUND.match(text, r.end)
    if suffix and not r.hedge:
        r.hedge = " ".join(suffix.group().lower().replace("-", "").split())
        r.end = suffix.end()
    if r.kind in ("number", "count"):
        _classify_bare(text, r, match)
    if r.kind in ("number", "count") and spelled and r.raw.lower() in ARTICLES:
        return None
    return _quantity(text, r)


def _scale(text: str, r: _Reading) -> None:
    """ "3.5 million", "$4bn", "£1.2m": the scale word multiplies the figure and its precision; trailing zeros
    before it ("$600 billion") say the figure is rounded to them."""
    scale = _SCALE_AFTER.match(text, r.end)
    if scale is None:
        return
    word = next(g for g in scale.groups() if g).lower()
    if word in ("m", "k", "b") and r.kind != "money" and not _counted_after(text, scale.end()):
        return  # "100m sprint" is metres; "1.5m people" is a million and a half
    written = r.raw.replace(",", "")
    zeros = len(written) - len(written.rstrip("0")) if written.isdigit() else 0
    factor = float(_SCALE_VALUES[word])
    r.value, r.step = r.value * factor, r.step * factor * (10.0**zeros if zeros >= 2 else 1.0)
    r.end, r.scaled = scale.end(), True


def _range(text: str, r: _Reading, between: bool, after_from: bool) -> None:
    """ "8.6 to 8.9", "8.6-8.9", "between 265 and 270", "two or three", "$50 million to $75 million"."""
    percent = _PERCENT.match(text, r.end)
    at = percent.end() if percent and "point" not in percent.group().lower() else r.end
    conn = _RANGE.match(text, at)
    if conn is None:
        return
    word = conn.group("conn").strip().lower()
    if (word == "and") != between or (word == "to" and after_from):
        return
    second_at = conn.end()
    currency = _CURRENCY_BEFORE.match(text[second_at : second_at + 4].rstrip("0123456789") + "") \
        if r.kind == "money" else None
    if currency:
        second_at += len(currency.group())
    second = _NUMBER.match(text, second_at)
    parsed = number_value(second.group()) if second else None
    if second is None or parsed is None or (word == "or" and not r.spelled and parsed[0] > 2 * r.value + 1):
        return
    end, factor = second.end(), 1.0
    scale = _SCALE_AFTER.match(text, end)
    scale_word = next((g for g in scale.groups() if g), "").lower() if scale else ""
    if scale and (scale_word not in ("m", "k", "b") or r.kind == "money"):
        factor, end = float(_SCALE_VALUES[scale_word]), scale.end()
        if not r.scaled and parsed[0] * factor / 10 <= r.value * factor < parsed[0] * factor:
            r.value, r.step = r.value * factor, r.step * factor  # "$1.5 to 2 billion": one scale for both
    high = parsed[0] * factor
    if not high > r.value or (high > 20 * r.value and not between):  # "04-2025" is no range
        return
    r.value_to, r.end = high, end
    r.step = min(r.step, parsed[1] * factor)
    r.percent_first = bool(percent) and at != r.end


def _unit(text: str, r: _Reading) -> None:
    """What follows the figure: percent, a unit of time or measure, a currency name, or the noun it counts."""
    percent = _PERCENT.match(text, r.end)
    if r.kind == "money":
        return
    if percent or r.percent_first:
        found = percent.group().lower() if percent else "%"
        basis = "basis" in found or "bps" in found
        r.kind = "percentage_point" if "point" in found or basis else "percent"
        r.unit = "pp" if r.kind == "percentage_point" else "%"
        r.factor = (0.01, 0.01) if basis else r.factor
        r.end = percent.end() if percent else r.end
        return
    currency = _CURRENCY_AFTER.match(text, r.end)
    if currency:
        r.kind, r.unit, r.end = "money", CURRENCIES[currency.group(1).lower()], currency.end()
        return
    time = TIME_AFTER.match(text, r.end)
    if time:
        _time(text, r, time)
        return
    measure = UNIT_AFTER.match(text, r.end)
    if measure and (not r.spelled or measure.group().startswith((" ", "-"))):
        kind, name, factor = MEASURE_UNITS[" ".join(measure.group("u").lower().split())]
        r.kind, r.unit, r.factor, r.end = kind, name, (factor, factor), measure.end()
        return
    noun = _NOUN_AFTER.match(text, r.end)
    if noun is None:
        return
    words = _counted([w.lower() for w in noun.group(1).split()])
    if not words:
        return
    head = words[-1]
    r.kind, r.noun = "count", " ".join(words)
    r.end = noun.start(1) + noun.group(1).lower().find(head) + len(head)


def _counted(words: list[str]) -> list[str]:
    """The noun a figure counts among the up to three words after it ("workers" of "workers were", "fighter jets"),
    two modifiers only before a plural and of no function word ("five Indian fighter jets", not "20 injured when
    terrorists"); empty when they count nothing."""
    two = words[:2]
    if len(two) == 2 and (two[1] in _NOT_COUNTED or not _plural(two[1])) and _plural(two[0]):
        two = two[:1]
    if two[0] not in _NOT_COUNTED and two[-1] not in _NOT_COUNTED and _plural(two[-1]):
        return two
    if len(words) == 3 and _plural(words[2]) and not (_NOT_COUNTED | STOP_WORDS) & set(words):
        return words
    return []


def _time(text: str, r: _Reading, time: re.Match[str]) -> None:
    """A unit of time after the figure: a duration ("30 seconds", "a 60-day", "an hour and a half") or an age."""
    unit = time.group("u").lower()
    unit = TIME_SPELLINGS.get(unit, unit)
    if unit == "second" and r.raw.lower() in ("a", "an", "one") and time.group().strip("- ").lower() == "second":
        return  # "a second chamber", "one second term": an ordinal, not a length of time
    age = _AGE_AFTER.match(text, time.end())
    if age and unit == "year":
        r.kind, r.unit, r.end = "age", "year", age.end()
        return
    r.kind, r.unit, r.end, r.factor = "duration", unit, time.end(), TIME_UNITS[unit]
    half = _HALF_AFTER.match(text, r.end)
    if half:  # "an hour and a half"
        r.value, r.end, r.step = r.value + 0.5, half.end(), min(r.step, 0.5)
        return
    more = re.compile(r"(?:\s+and|,)?\s+").match(text, r.end)
    second = _NUMBER.match(text, more.end()) if more else None
    parsed = number_value(second.group()) if second else None
    smaller = TIME_AFTER.match(text, second.end()) if second else None
    if parsed is None or smaller is None:
        return
    name = TIME_SPELLINGS.get(smaller.group("u").lower(), smaller.group("u").lower())
    if TIME_UNITS[name][0] < r.factor[0]:  # "one hour and 45 minutes": one duration in the larger unit
        r.value += parsed[0] * TIME_UNITS[name][0] / r.factor[0]
        r.step = min(r.step, parsed[1] * TIME_UNITS[name][0] / r.factor[0])
        r.end = smaller.end()


def _counted_after(text: str, at: int) -> bool:
    noun = _NOUN_AFTER.match(text, at)
    return noun is not None and _plural(noun.group(1).split()[0].lower())


def _plural(word: str) -> bool:
    return word in _PLURAL_PEOPLE or (word.endswith("s") and not word.endswith("ss"))


def _classify_bare(text: str, r: _Reading, match: re.Match[str]) -> None:
    """A figure with no unit: an age ("aged 54", "Prask, 67,"), a year ("in 1991", "the 2024 elections"),
    or a plain number; a counted noun after a year in year position is what the year qualifies."""
    bounded = bool(r.hedge) and not HEDGES.get(r.hedge, (1.0, 1.0, True))[2]  # "more than 1800" counts
    year_like = bool(re.fullmatch(r"\d{4}", r.raw)) and 1800 <= float(r.raw) <= 2100 and not r.scaled and not bounded
    if r.kind == "count":
        if year_like and r.value_to is None and _YEAR_BEFORE.search(window(text, r.start, 12)):
            r.kind, r.noun, r.end = "year", "", match.end()
        return
    whole = r.value_to is None and r.step == 1 and not r.spelled
    aged = _AGE_BEFORE.search(window(text, match.start(), 30)) and r.value < 130
    appositive = whole and r.value < 120 and not r.hedge and text[r.end : r.end + 1] in (",", ")") and \
        _APPOSITIVE_AGE.search(window(text, r.start, 30))
    if aged or appositive:
        r.kind, r.unit = "age", "year"
    elif year_like and (r.value_to is None or 1800 <= r.value_to <= 2100):
        r.kind = "year"


def _quantity(text: str, r: _Reading) -> Quantity:
    low_f, high_f, approx = HEDGES.get(r.hedge, (1.0, 1.0, False))
    if r.kind == "year":
        low_f, high_f = 1.0, 1.0  # "around 2030" names the year; a share of it is no tolerance
    first, last = r.value, r.value_to if r.value_to is not None else r.value
    unit_low, unit_high = r.factor
    low = first * low_f * unit_low
    high = last * high_f * unit_high
    if high_f == INF or low_f == 0.0:
        bound = "lower" if high_f == INF else "upper"
    elif approx and (high_f == 1.0 or low_f == 1.0):
        bound = "upper" if high_f == 1.0 else "lower"  # "nearly", "just over"
    else:
        bound = ""
    step = 0.0 if r.kind == "year" else r.step * (unit_low + unit_high) / 2
    return Quantity(r.start, r.end, text[r.start : r.end], r.kind, low, high, first, last, r.unit, step,
                    r.decimals, approx, bound, r.hedge, r.value_to is not None, r.noun, "", r.per, r.spelled)


#: Dependencies through which a figure quantifies the noun above it.
_QUANTIFIES = frozenset({"nummod", "quantmod", "compound", "amod", "npadvmod", "nmod", "appos"})


def attach_heads(quantities: list[Quantity], doc: Any) -> list[Quantity]:
    """Each quantity with ``head``: the lemma of the noun it quantifies in ``doc`` ("12 workers" -> "worker",
    "a 15 percent pay rise" -> "rise"); offsets are the doc's."""
    out = []
    for q in quantities:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        head = ""
        if span is not None and len(span):
            root = span.root
            outside = root.head.i < span.start or root.head.i >= span.end
            if outside and root.dep_ in _QUANTIFIES and root.head.pos_ in ("NOUN", "PROPN"):
                noun = root.head
                while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i:
                    noun = noun.head  # "a 15 percent pay rise" -> "rise", not "pay"
                head = noun.lemma_
            elif root.pos_ in ("NOUN", "PROPN") and not root.like_num and root.i > span.start:
                head = root.lemma_  # "12 workers" -> "worker"
        out.append(replace(q, head=head.lower()))
    return out


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities are on one scale: counts with plain numbers, money in one currency, clock times in
    one zone, a rate with a rate; scores, phones and ids with nothing."""
    if a.kind in NOT_MEASURES or b.kind in NOT_MEASURES or bool(a.per) != bool(b.per):
        return False
    family = {"count": "number"}
    if family.get(a.kind, a.kind) != family.get(b.kind, b.kind):
        return False
    return a.unit == b.unit if a.kind in ("money", "percent", "percentage_point", "clock") else True


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two readings of one measurement can both be true, given rounding, ranges and bounds.

    The rule: each reading allows an interval, [low, high] after its hedge ("more than 46,000" allows
    46,000 and up, "nearly 300" 276 to 300, "between 265 and 270" 265 to 270, "about 5 hours" 4.25 to
    5.75). Two estimates ("about an hour", "approximately 45 minutes") agree when the value either one
    is hedged around lies within the other's interval: both guess at one value. When the two are
    written with different precision, the coarser one, if it is a plain value (no hedge, bound or
    range), also allows every value that rounds to it: "16%" allows 15.5 to 16.5, so "16.4%" agrees
    and "16.6%" does not; "$20 billion" agrees with "$20.1 billion". Whole numbers are exact ("241"
    against "260", or against "242", disagree): trailing zeros say a figure is rounded only before a
    scale word ("$600 billion" covers $589 billion). Otherwise readings agree when their intervals
    meet. Rates compare per second ("$8,000 a month" agrees with "$96,000 a year"); a date without its
    year compares by day and month. Quantities that are not ``comparable`` measure different things
    and so never disagree.
    """
    if not comparable(a, b):
        return True
    if a.kind == "date" and "day-of-year" in (a.unit, b.unit):
        return not (a.high % 10000 < b.low % 10000 or b.high % 10000 < a.low % 10000)
    (low_a, high_a), (low_b, high_b) = _per_second(a), _per_second(b)
    if _estimate(a) and _estimate(b):  # two estimates of one value: either's value lies within the other's hedge
        return _meets(_stated(a), (low_b, high_b)) or _meets(_stated(b), (low_a, high_a))
    if a.step > b.step and a.point:
        low_a, high_a = low_a - _rate(a, a.step) / 2, high_a + _rate(a, a.step) / 2
    elif b.step > a.step and b.point:
        low_b, high_b = low_b - _rate(b, b.step) / 2, high_b + _rate(b, b.step) / 2
    return _meets((low_a, high_a), (low_b, high_b))


def _meets(a: tuple[float, float], b: tuple[float, float]) -> bool:
    eps = 1e-9 * max(1.0, abs(a[0]), abs(b[0]))
    return not (a[1] + eps < b[0] or b[1] + eps < a[0])


def _estimate(q: Quantity) -> bool:
    """An approximate value hedged on both sides ("about", "around", "some")."""
    return q.approx and not q.bound


def _stated(q: Quantity) -> tuple[float, float]:
    """The value an estimate is hedged around, per second for a rate: "about an hour" -> (3600, 3600)."""
    low, high = _per_second(q)
    if q.kind == "clock":
        before, after = CLOCK_HEDGES.get(q.hedge, (0.0, 0.0))
        return low + before, high - after
    low_f, high_f, _approx = HEDGES.get(q.hedge, (1.0, 1.0, False))
    return low / low_f, high / high_f


def _per_second(q: Quantity) -> tuple[float, float]:
    """A rate's interval per second, its period at its longest and shortest ("a month" is 28 to 31 days)."""
    if not q.per:
        return q.low, q.high
    shortest, longest = TIME_UNITS[q.per]
    return q.low / longest, q.high / shortest


def _rate(q: Quantity, value: float) -> float:
    return value / (sum(TIME_UNITS[q.per]) / 2) if q.per else value
