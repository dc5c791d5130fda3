"""Two readings of one measurement side by side: can both be true, how far apart, and how a reader says each.

Bounds, ranges and rounding are the quantity reader's (``lang.quantities.compatible``): "at least 240"
agrees with "241", "16%" with "16.4%", "between 265 and 270" with "268". Three more ways outlets write one
value differently are allowed here: a round figure ending in two zeros or more stands for the values that
round to it ("2,000 flats" for 1,984; a count of 250 or 251 seats stays exact), a figure cut by two decimals
or more ("$102 million" for $102.63 million; "3%" against "3.6%" still clashes), and one converted from another
unit ("180 miles" for 288 km, within 1%).
This module also gives a distance between clashing readings (a feature of the pair model) and the value a
discrepancy shows for each reading.
"""

from __future__ import annotations

import functools
import math

from ..lang.quantities import Quantity, comparable
from ..lang.quantities import compatible as _compatible
from .tuning import tuned

_BOUND_WORDS = {"lower": "more than", "upper": "at most"}


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether both readings can be true of one measurement (quantities on other scales always can)."""
    if not comparable(a, b):
        return True
    settings = tuned()
    return _agree(a, b, float(settings["estimate_rounding"]), float(settings["conversion_tolerance"]))


@functools.lru_cache(maxsize=1 << 14)  # a story asks a few thousand pairs; bounded for a long-lived process
def _agree(a: Quantity, b: Quantity, share: float, tolerance: float) -> bool:
    """``compatible`` once per pair of readings and settings: pair features and rules ask it of one pair again
    and again (a figure against every other figure of its unit)."""
    if share > 0 and (beyond_estimate(a, b, share) or beyond_estimate(b, a, share)):
        return False
    return _compatible(a, b) or _written_apart(a, b, tolerance) or _written_apart(b, a, tolerance)


def clash(a: Quantity, b: Quantity) -> bool:
    """Two readings on one scale that cannot both be true."""
    return comparable(a, b) and not compatible(a, b)


def beyond_estimate(estimate: Quantity, exact: Quantity, share: float) -> bool:
    """An exact value outside what an estimate rounds: "about 40 minutes" stands for 35 to 45 minutes, so "45
    minutes" is another reading, while "about two hours" allows "one hour and 45 minutes". The quantity reader
    allows a share of any estimate (15% for "about"); an outlet hedging a round figure means that figure rounded.
    ``share`` is the part of the rounding unit allowed either side (``[claims] estimate_rounding``).
    """
    if (estimate.kind in ("clock", "date", "year", "ordinal") or not estimate.approx or estimate.bound
            or estimate.is_range or estimate.per or not estimate.written_low or not exact.point):
        return False
    stated = (estimate.low + estimate.high) / 2  # "about" widens both sides alike
    scale = stated / estimate.written_low  # base units per written unit ("hour": 3600)
    written = estimate.written_low
    if written == int(written):
        digits = f"{written:.0f}"
        rounding = 10.0 ** (len(digits) - len(digits.rstrip("0"))) if digits.strip("0") else 1.0
    else:
        rounding = 10.0 ** -estimate.decimals
    value = (exact.low + exact.high) / 2
    return abs(value - stated) >= share * rounding * scale


def _written_apart(coarse: Quantity, fine: Quantity, tolerance: float) -> bool:
    """``coarse`` is ``fine`` written with less precision: rounded to a round figure, cut to fewer decimals, or
    converted to another unit (within ``tolerance``, ``[claims] conversion_tolerance``)."""
    if coarse.kind in ("date", "ordinal", "year", "clock") or not coarse.point:
        return False
    value, other = coarse.low, (fine.low + fine.high) / 2 if math.isfinite(fine.high) else fine.low
    if coarse.unit != fine.unit and coarse.kind in ("length", "area", "mass", "power", "duration") and value:
        return abs(other - value) <= tolerance * abs(value)
    if fine.decimals >= coarse.decimals + 2 and coarse.step:
        return value <= other < value + coarse.step  # "$102 million" for $102.63 million, not 3% for 3.6%
    written = f"{coarse.written_low:.0f}" if coarse.written_low == int(coarse.written_low) else ""
    zeros = len(written) - len(written.rstrip("0")) if written.strip("0") else 0
    if zeros >= 2 and coarse.written_low == coarse.low and coarse.step <= 1:  # a scaled figure has its own step
        half = 10.0**zeros / 2
        return value - half <= other < value + half  # "2,000 flats" for 1,984
    return False


def distance(a: Quantity, b: Quantity) -> float:
    """How far apart two readings are: the log ratio of their nearest finite bounds, 0 when they agree, at most 3."""
    return apart(a, b) if clash(a, b) else 0.0


def apart(a: Quantity, b: Quantity) -> float:
    """``distance`` of two readings known to clash (a caller that has judged them saves judging them again)."""
    small, large = (a.high, b.low) if a.high < b.low else (b.high, a.low)
    if small <= 0 or not math.isfinite(large) or not math.isfinite(small):
        return 3.0
    return min(3.0, math.log(large / small))


def readable(q: Quantity) -> str:
    """The value as a reader would say it: "more than 47,000 palestinians", "12:22 GMT", "2025-05-16"."""
    if q.kind == "date":
        value = int(q.low)
        year, month, day = value // 10000, value // 100 % 100, value % 100
        return f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
    if q.kind == "clock":  # the time as written: a hedge widens ``low``/``high``, not the reading
        minutes = int(q.written_low // 60)
        hedge = f"{q.hedge} " if q.hedge else ""
        return f"{hedge}{minutes // 60:02d}:{minutes % 60:02d}" + (f" {q.unit}" if q.unit else "")
    if q.kind in ("year", "ordinal"):
        return q.text
    number = _number(q.written_low) + (f" to {_number(q.written_high)}" if q.is_range else "")
    unit = {"count": f" {q.noun}", "percent": "%", "percentage_point": " points", "age": " years old"}.get(
        q.kind, f" {q.unit}" if q.unit else "")
    if q.kind == "duration":
        unit += "" if q.written_low == 1 and not q.is_range else "s"
    if q.kind == "money":
        number, unit = f"{q.unit} {number}", ""
    if q.per:
        unit += f" a {q.per}"
    hedge = _BOUND_WORDS.get(q.bound, "") if not q.approx else "about"
    return f"{hedge} {number}{unit}".strip()


def _number(value: float) -> str:
    for scale, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:g} {name}"
    return f"{value:,g}"
