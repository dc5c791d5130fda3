"""Values in a claim: the quantities of ``lang.quantities`` with the role each plays in its clause.

Figures are read once, by the language layer's quantity parser (ranges, bounds, decimal commas, fractions,
spelled numbers, clock times, and the digits that are no count: years, phone numbers, scores, ids). This
module keeps what the claims stage needs on top: which quantities are values a claim states (a bare year,
an age or a small spelled number states none), the role a value plays ("every 30 minutes" is a rate, "from
212 to 187" a change, "seven of the twelve seats" a total, "a year ago" a point in time), the rank an
ordinal gives, and how a reader says each value. Two values conflict when ``lang.quantities.compatible``
says their readings cannot both be true: "nearly five hours" against "four and a half hours" does,
"about 5 hours" against "5 hours" and "16.4%" against "16%" do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..lang.measures import HEDGES, MEASURE_UNITS, TIME_UNITS
from ..lang.numbers import CARDINALS, TENS
from ..lang.quantities import Quantity, compatible, parse_quantities

#: ISO currency codes shown by their sign.
_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
#: Plural display names of measurement units, which a count of them is read with ("230 miles", "22-foot").
_PLURALS = {"foot": "feet", "inch": "inches"}
_NUMBER_WORDS = "|".join([*CARDINALS, *TENS])
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
#: Before a count or number, words that make it the whole a part is counted from ("seven of the twelve seats",
#: "among the 600 patients", "all 650 seats"): a total, not the figure the clause reports.
_TOTAL = re.compile(rf"(?:(?:(?:\d|\b(?:{_NUMBER_WORDS}))\s+(?:out\s+)?of|\bamong|\bout\s+of)\s+"
                    r"(?:the\s+|all\s+|its\s+|their\s+)?|\ball\s+(?:the\s+)?)$", re.IGNORECASE)
#: Before a year, words that make it the date of what the claim reports ("in 1991", "since 2019").
_YEAR_CUE = re.compile(r"\b(?:in|since|by|before|after|of|until|from)\s+$", re.IGNORECASE)
#: Words after an ordinal that rank nothing checkable: calendar units and function words ("first of all").
_NOT_RANKED = frozenset({"of", "and", "or", "to", "in", "on", "at", "for", "the", "a", "an", "day", "week", "month",
                         "year", "quarter", "half", "place", "hand", "lady", "gentleman", "person"})


@dataclass(frozen=True, slots=True)
class Slot:
    """One value found in a claim, with the exact span it came from.

    ``low``, ``high`` and ``value`` are in the slot's own unit (hours, days, percent, the currency), as the
    outlet wrote them; ``quantity`` is the full reading (bounds in base units, precision, range, rate).
    """

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
    #: time counted from the writing or a time still to run: "a year ago", "six weeks from now", "two years left");
    #: any kind: "total", "difference", "rate" or "change" (see ``extract_slots``)
    role: str = ""
    quantity: Quantity | None = None

    @property
    def readable(self) -> str:
        """The value as a reader would say it: "about 5 hours (at most)", "4.5 hours", "more than 20%"."""
        if self.kind in ("date", "ordinal"):
            return self.text
        number = _format(self.value)
        if self.quantity is not None and self.quantity.is_range:
            number += f" to {_format(self.quantity.written_high)}"
        measure = self.unit.split("/")[0]  # the period of a rate is said below
        unit = {"%": "%", "": ""}.get(measure, f" {measure}")
        if self.kind == "money":
            number, unit = (f"{measure}{number}", "") if len(measure) == 1 else (number, f" {measure}")
        if self.kind == "count":
            unit = f" {self.noun}"
        elif self.kind == "duration":
            unit = f" {self.unit}" + ("" if self.value == 1 and not self.is_range else "s")
        if self.quantity is not None and self.quantity.per:
            unit += f" a {self.quantity.per}"
        low, high, _approx = HEDGES.get(self.qualifier.lower(), (1.0, 1.0, False))
        if self.qualifier and high == 1.0 and low > 0:
            return f"just under {number}{unit}"
        if self.qualifier and low == 1.0:
            return f"more than {number}{unit}"
        if self.qualifier and low == 0.0:
            return f"at most {number}{unit}"
        if self.qualifier:
            return f"about {number}{unit}"
        return f"{number}{unit}"

    @property
    def is_range(self) -> bool:
        return self.quantity is not None and self.quantity.is_range

    def conflicts(self, other: Slot) -> bool:
        """Readings of one kind, unit, noun and role that cannot both be true (``lang.quantities.compatible``)."""
        if (self.kind, self.noun, self.role) != (other.kind, other.noun, other.role):
            return False
        if self.kind != "duration" and self.unit != other.unit:
            return False
        if self.kind == "ordinal":
            return self.value != other.value
        if self.quantity is not None and other.quantity is not None:
            return not compatible(self.quantity, other.quantity)
        (low_a, high_a), (low_b, high_b) = hours(self), hours(other)
        return high_a + 1e-9 < low_b or high_b + 1e-9 < low_a


def _format(value: float) -> str:
    for scale, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= scale:
            return f"{value / scale:g} {name}"
    return f"{value:,g}"


def extract_slots(text: str, offset: int = 0) -> list[Slot]:
    """Every value in ``text`` (a claim unit); offsets are shifted by ``offset`` into the article."""
    slots = []
    for quantity in parse_quantities(text):
        slot = _slot(quantity, text)
        if slot is not None:
            slots.append(slot)
    return [_shifted(s, offset) for s in slots] if offset else slots


def _shifted(slot: Slot, offset: int) -> Slot:
    quantity = slot.quantity
    moved = replace(quantity, start=quantity.start + offset, end=quantity.end + offset) if quantity else None
    return replace(slot, start=slot.start + offset, end=slot.end + offset, quantity=moved)


def _slot(q: Quantity, text: str) -> Slot | None:
    """The value a claim states with ``q``, or None: a bare year, an age, a clock time, a small spelled number
    alone ("one of the", "two sides") or a digit that names or scores states no checkable figure here."""
    if q.kind == "ordinal":
        return _ordinal(q, text)
    if q.kind == "date":
        return Slot("date", q.low, q.high, q.low, q.unit, q.text, q.start, q.end, quantity=q)
    if q.kind == "year":
        if q.is_range or not _YEAR_CUE.search(text, 0, q.start) or not q.text.isdigit():
            return None
        return Slot("date", q.low, q.high, q.low, "year", q.text, q.start, q.end, quantity=q)
    kind, unit, noun = _kind(q)
    if not kind or (kind == "number" and q.spelled and not q.hedge and q.written_low < 10):
        return None
    low_f, high_f, _approx = HEDGES.get(q.hedge, (1.0, 1.0, False))
    slot = Slot(kind, q.written_low * low_f, q.written_high * high_f, q.written_low, unit, q.text, q.start, q.end,
                q.hedge, noun, quantity=q)
    return _with_role(slot, text)


def _kind(q: Quantity) -> tuple[str, str, str]:
    """(slot kind, unit, noun) of a measured quantity; ("", "", "") for one no claim states."""
    per = f"/{q.per}" if q.per else ""  # a rate is another unit: "$240 million a year" is no total of $58 million
    if q.kind in ("count", "number"):
        return q.kind, per, q.noun
    if q.kind in ("percent", "percentage_point"):
        return "percent", ("%" if q.kind == "percent" else "percentage points") + per, ""
    if q.kind == "money":
        return "money", _SIGNS.get(q.unit, q.unit) + per, ""
    if q.kind == "duration":
        return "duration", q.unit, ""
    if any(name == q.unit for _kind, name, _factor in MEASURE_UNITS.values()):
        return "count", "", _PLURALS.get(q.unit, q.unit + "s")
    return "", "", ""


def _with_role(slot: Slot, text: str) -> Slot:
    """The role a value plays in its clause, read from the words around it."""
    start, end = slot.start, slot.end
    role = "total" if slot.kind in ("count", "number") and _TOTAL.search(text, 0, start) else ""
    if _DIFFERENCE.search(text, 0, start):
        role = "difference"  # "a margin of 17 votes" is the gap between two counts
    if _RATE.search(text, 0, start):
        role = "rate"  # "every 30 minutes", "two goals every three matches": how often, not how many or long
    elif _CHANGE.search(text, 0, start) or _CHANGE_TO.match(text, end):
        role = "change"  # "from 212 to 187 votes": two values of a measure that moved
    if slot.kind == "duration":
        before = text[max(0, start - 70) : start]
        gap = re.search(r"\b(?:in|for)\s*$", before) and _GAP_CUE.search(before)
        role = "offset" if _OFFSET.match(text, end) else "gap" if gap else "extent"
    return replace(slot, role=role)


def _ordinal(q: Quantity, text: str) -> Slot | None:
    """A rank and what it ranks ("third referendum"); "second" before "of"/"after" is no rank."""
    word = q.text.lower()
    if not q.spelled or (word == "second" and re.match(r"\s+(?:of|after)\b", text[q.end :])):
        return None
    noun = q.noun if word != "last" and q.noun not in _NOT_RANKED else ""
    end = text.lower().index(noun, q.end) + len(noun) if noun else q.end
    return Slot("ordinal", q.low, q.high, q.low, "", text[q.start : end], q.start, end, noun=noun, quantity=q)


def hours(slot: Slot) -> tuple[float, float]:
    """A duration's interval in hours, so that "90 minutes" and "an hour and a half" compare; other values'
    intervals as they are. Calendar units are not of one length: "a month" agrees with "30 days"."""
    if slot.kind != "duration":
        return slot.low, slot.high
    if slot.quantity is not None:
        return slot.quantity.low / 3600, slot.quantity.high / 3600
    shortest, longest = TIME_UNITS.get(slot.unit, (3600.0, 3600.0))
    return slot.low * shortest / 3600, slot.high * longest / 3600
