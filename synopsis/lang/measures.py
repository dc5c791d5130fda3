"""What a quantity is (``Quantity``), and the units, currencies and hedges of English news figures with
what each is worth.

Why here: ``quantities`` and ``numerals`` read figures into this type with these tables, and anything
that weighs a figure (how wide "about" is, how long "a month" is) reads the same ones. The kinds and what
``low``/``high`` mean for each are listed in ``quantities``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

INF = math.inf

#: Hedges and bounds: (low factor, high factor, approximate). A factor of inf leaves that side open.
#: Set by hand on the tune half of the stories benchmark: "about" allows 15% either way ("about two hours"
#: covers 1 h 45, "about an hour" does not cover 45 minutes), "just over" and its kin 15% above ("just over
#: 90 minutes" agrees with "100-minute", "a little more than an hour" not with "90 minutes").
HEDGES: dict[str, tuple[float, float, bool]] = {
    **dict.fromkeys(("nearly", "almost", "just under", "close to", "nearly all of", "just shy of"), (0.92, 1.0, True)),
    **dict.fromkeys(("about", "around", "roughly", "approximately", "some", "an estimated", "estimated",
                     "or so", "circa", "approx.", "approx", "an approximate", "just about"), (0.85, 1.15, True)),
    **dict.fromkeys(("barely",), (0.92, 1.08, True)),
    **dict.fromkeys(("just over", "a little over", "a little more than", "slightly more than", "slightly over",
                     "just more than", "just above", "a bit more than"), (1.0, 1.15, True)),
    **dict.fromkeys(("more than", "over", "at least", "longer than", "upwards of", "no less than", "as few as",
                     "as little as", "topped", "exceeded", "surpassed", "in excess of", "north of", "beyond",
                     "well over", "well above", "above", "or more", "plus", "+", "no fewer than", "a minimum of"),
                    (1.0, INF, False)),
    **dict.fromkeys(("up to", "less than", "under", "fewer than", "shorter than", "no more than", "as many as",
                     "as much as", "as long as", "below", "shy of", "at most", "within", "a maximum of",
                     "not more than", "just below"), (0.0, 1.0, False)),
}
#: Time units: (seconds at the shortest, seconds at the longest); calendar units are not of one length.
DAY = 86400.0
TIME_UNITS: dict[str, tuple[float, float]] = {
    "second": (1.0, 1.0), "minute": (60.0, 60.0), "hour": (3600.0, 3600.0), "day": (DAY, DAY),
    "night": (DAY, DAY), "week": (7 * DAY, 7 * DAY), "fortnight": (14 * DAY, 14 * DAY),
    "month": (28 * DAY, 31 * DAY), "quarter": (89 * DAY, 92 * DAY), "year": (365 * DAY, 366 * DAY),
    "decade": (3652 * DAY, 3653 * DAY), "century": (36524 * DAY, 36525 * DAY),
}
TIME_SPELLINGS = {"sec": "second", "secs": "second", "min": "minute", "mins": "minute", "hr": "hour",
                   "hrs": "hour", "yr": "year", "yrs": "year", "centuries": "century"}
#: Measurement units: spelling -> (kind, canonical name, factor to the base unit).
MEASURE_UNITS: dict[str, tuple[str, str, float]] = {
    **dict.fromkeys(("mile", "miles", "mi"), ("length", "mile", 1609.344)),
    **dict.fromkeys(("kilometre", "kilometres", "kilometer", "kilometers", "km"), ("length", "kilometre", 1000.0)),
    **dict.fromkeys(("metre", "metres", "meter", "meters"), ("length", "metre", 1.0)),
    **dict.fromkeys(("foot", "feet", "ft"), ("length", "foot", 0.3048)),
    **dict.fromkeys(("inch", "inches"), ("length", "inch", 0.0254)),
    **dict.fromkeys(("yard", "yards"), ("length", "yard", 0.9144)),
    **dict.fromkeys(("square mile", "square miles", "sq mi"), ("area", "square mile", 2_589_988.0)),
    **dict.fromkeys(("square kilometre", "square kilometres", "square kilometer", "square kilometers", "sq km",
                     "km2", "km²"), ("area", "square kilometre", 1e6)),
    **dict.fromkeys(("acre", "acres"), ("area", "acre", 4046.856)),
    **dict.fromkeys(("hectare", "hectares", "ha"), ("area", "hectare", 1e4)),
    **dict.fromkeys(("tonne", "tonnes", "ton", "tons", "metric tons"), ("mass", "tonne", 1000.0)),
    **dict.fromkeys(("kilogram", "kilograms", "kg", "kilo", "kilos"), ("mass", "kilogram", 1.0)),
    **dict.fromkeys(("megawatt", "megawatts", "mw"), ("power", "megawatt", 1e6)),
    **dict.fromkeys(("gigawatt", "gigawatts", "gw"), ("power", "gigawatt", 1e9)),
}
#: Currency signs and names -> ISO code.
CURRENCIES: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "a$": "AUD", "c$": "CAD",
    "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "r$": "BRL", "€": "EUR", "eur": "EUR", "euro": "EUR",
    "euros": "EUR", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP",
    "$us": "USD", "$a": "AUD", "$c": "CAD", "¥": "JPY", "yen": "JPY", "yuan": "CNY", "cny": "CNY", "rmb": "CNY",
    "₹": "INR", "rs": "INR", "rs.": "INR",
    "inr": "INR", "rupees": "INR", "pkr": "PKR", "rubles": "RUB", "roubles": "RUB", "rub": "RUB", "won": "KRW",
    "krw": "KRW", "jpy": "JPY",
}
#: Kinds that are no measurement at all: never comparable, never in conflict.
NOT_MEASURES = frozenset({"score", "phone", "id"})
#: Hedges of a clock time, in seconds before and after it: "around 12:30" covers 12:22 and 12:33 (tune half),
#: "around 3 pm" does not cover "around 2:30 pm".
CLOCK_HEDGES: dict[str, tuple[float, float]] = {
    **dict.fromkeys(("about", "around", "approximately", "roughly", "circa", "some"), (600.0, 600.0)),
    **dict.fromkeys(("just after", "shortly after", "just past", "soon after", "a little after"), (0.0, 900.0)),
    **dict.fromkeys(("just before", "shortly before", "nearly", "almost", "a little before"), (900.0, 0.0)),
}


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure found in a text: what it says, in which unit, how precisely, and where it stands."""

    start: int
    end: int
    text: str
    kind: str
    low: float
    high: float
    #: the figure as written, in ``unit`` ("4.5" for "four and a half hours"); a range's two ends
    written_low: float = 0.0
    written_high: float = 0.0
    #: "hour", "%", "USD", "mile", "GMT", "day" ...; "" for plain counts and numbers
    unit: str = ""
    #: the precision the figure is written with, in base units (0: exact, as for dates and ranks)
    step: float = 0.0
    #: decimals written ("16.4" -> 1)
    decimals: int = 0
    #: a hedge makes it approximate ("about", "nearly", "some")
    approx: bool = False
    #: "lower" (more than, at least, topped), "upper" (up to, fewer than, nearly) or "" (none)
    bound: str = ""
    #: the hedge words as written, lower-cased ("nearly", "more than")
    hedge: str = ""
    is_range: bool = False
    #: what a count counts, read from the words after it ("russians", "league goals"); an ordinal's next word
    noun: str = ""
    #: lemma of the noun the figure quantifies, from a parse (``attach_heads``); "" without one
    head: str = ""
    #: the period of a rate ("year" in "$96,000 a year")
    per: str = ""
    #: written in words ("forty-two", "a dozen")
    spelled: bool = False
    #: the numbers of a score or tally ("3-1" -> (3.0, 1.0))
    parts: tuple[float, ...] = ()

    @property
    def point(self) -> bool:
        """One value, neither range nor bound nor hedge."""
        return not (self.is_range or self.approx or self.bound)


#: A unit of time or of measure right after a figure ("-day", " hours", " square miles", "km").
TIME_AFTER = re.compile(r"(?:\s+|-)(?P<u>" + "|".join(sorted([*TIME_UNITS, *TIME_SPELLINGS], key=len, reverse=True))
                         + r")s?\b", re.IGNORECASE)
UNIT_AFTER = re.compile(r"(?:\s*|-)(?P<u>" + "|".join(sorted((re.escape(u).replace(r"\ ", r"\s+")
                                                              for u in MEASURE_UNITS), key=len, reverse=True))
                         + r")\b(?!-)", re.IGNORECASE)


def window(text: str, end: int, width: int = 40) -> str:
    """The ``width`` characters before ``end``: where a hedge, a currency or a cue word before a figure is."""
    return text[max(0, end - width) : end]
