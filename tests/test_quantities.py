"""The quantity parser (``synopsis.lang.quantities``) and the claims slots built on it.

Cases are figures as news prose writes them, the ones earlier readers got wrong among them ("about 2 1/2
hours" read as 2 hours, a range cut to one end, "28,5%" ignored, a phone number read as the year 1800),
figures located in real stories of the tune half of the benchmark by file and snippet, and properties
checked on generated text.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synopsis.claims.slots import extract_slots
from synopsis.lang.quantities import Quantity, attach_heads, comparable, compatible, number_value, parse_quantities
from tests.conftest import shared_context

STORIES = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "stories"
HOUR, DAY = 3600.0, 86400.0


def one(text: str, kind: str | None = None) -> Quantity:
    """The single quantity of ``text`` (of ``kind`` when given)."""
    found = [q for q in parse_quantities(text) if kind is None or q.kind == kind]
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "kind", "low", "high", "unit"),
    [
        ("lasted about 2 1/2 hours", "about 2 1/2 hours", "duration", 2.5 * 0.85 * HOUR, 2.5 * 1.15 * HOUR, "hour"),
        ("after 2½ hours", "2½ hours", "duration", 2.5 * HOUR, 2.5 * HOUR, "hour"),
        ("it took two and a half hours", "two and a half hours", "duration", 2.5 * HOUR, 2.5 * HOUR, "hour"),
        ("an hour and a half later", "an hour and a half", "duration", 1.5 * HOUR, 1.5 * HOUR, "hour"),
        ("one hour and 45 minutes of talks", "one hour and 45 minutes", "duration", 6300, 6300, "hour"),
        ("half an hour", "half an hour", "duration", 1800, 1800, "hour"),
        ("a 60-day ceasefire", "60-day", "duration", 60 * DAY, 60 * DAY, "day"),
        ("a four-year term", "four-year", "duration", 4 * 365 * DAY, 4 * 366 * DAY, "year"),
        ("within 30 seconds", "within 30 seconds", "duration", 0, 30, "second"),
        ("for 5 minutes", "5 minutes", "duration", 300, 300, "minute"),
        ("rates of 8.6 to 8.9 percent", "8.6 to 8.9 percent", "percent", 8.6, 8.9, "%"),
        ("a band of 8.6-8.9", "8.6-8.9", "number", 8.6, 8.9, ""),
        ("from 8.6% to 8.9%", "8.6%", "percent", 8.6, 8.6, "%"),
        ("between 265 and 270 people", "between 265 and 270 people", "count", 265, 270, ""),
        ("for 12 to 18 months", "12 to 18 months", "duration", 12 * 28 * DAY, 18 * 31 * DAY, "month"),
        ("two or three days", "two or three days", "duration", 2 * DAY, 3 * DAY, "day"),
        ("inflation hit 28,5%", "28,5%", "percent", 28.5, 28.5, "%"),
        ("1,234 people", "1,234 people", "count", 1234, 1234, ""),
        ("1 234 people", "1 234 people", "count", 1234, 1234, ""),
        ("forty-two people", "forty-two people", "count", 42, 42, ""),
        ("two dozen ambulances", "two dozen ambulances", "count", 24, 24, ""),
        ("a dozen eggs", "a dozen eggs", "count", 12, 12, ""),
        ("one hundred and twenty people", "one hundred and twenty people", "count", 120, 120, ""),
        ("nearly 300 people", "nearly 300 people", "count", 276, 300, ""),
        ("more than 46,000", "more than 46,000", "number", 46_000, math.inf, ""),
        ("at least 240", "at least 240", "number", 240, math.inf, ""),
        ("fewer than 40 seats", "fewer than 40 seats", "count", 0, 40, ""),
        ("costs topped $4 million", "topped $4 million", "money", 4e6, math.inf, "USD"),
        ("stayed below 2%", "below 2%", "percent", 0, 2, "%"),
        ("up to 30 days", "up to 30 days", "duration", 0, 30 * DAY, "day"),
        ("40+ people", "40+ people", "count", 40, math.inf, ""),
        ("40 people or more", "40 people or more", "count", 40, math.inf, ""),
        ("$4.3bn deal", "$4.3bn", "money", 4.3e9, 4.3e9, "USD"),
        ("a €2 billion fund", "€2 billion", "money", 2e9, 2e9, "EUR"),
        ("£1.2m", "£1.2m", "money", 1.2e6, 1.2e6, "GBP"),
        ("$US589 billion", "$US589 billion", "money", 589e9, 589e9, "USD"),
        ("$1.5 to 2 billion", "$1.5 to 2 billion", "money", 1.5e9, 2e9, "USD"),
        ("60 billion euros", "60 billion euros", "money", 60e9, 60e9, "EUR"),
        ("Rs 50 crore", "Rs 50 crore", "money", 5e8, 5e8, "INR"),
        ("1.5m people", "1.5m people", "count", 1.5e6, 1.5e6, ""),
        ("up 2 percentage points", "2 percentage points", "percentage_point", 2, 2, "pp"),
        ("cut by 25 basis points", "25 basis points", "percentage_point", 0.25, 0.25, "pp"),
        ("230 miles away", "230 miles", "length", 230 * 1609.344, 230 * 1609.344, "mile"),
        ("a 22-foot rise", "22-foot", "length", 22 * 0.3048, 22 * 0.3048, "foot"),
        ("23,654 acres", "23,654 acres", "area", 23_654 * 4046.856, 23_654 * 4046.856, "acre"),
        ("magnitude 6.8", "6.8", "number", 6.8, 6.8, ""),
    ],
)
def test_figures_read_with_their_span_value_and_unit(text: str, span: str, kind: str, low: float, high: float,
                                                     unit: str) -> None:
    q = parse_quantities(text)[0]
    assert (q.text, q.kind, q.unit) == (span, kind, unit)
    assert text[q.start : q.end] == q.text
    assert q.low == pytest.approx(low) and (q.high == high if math.isinf(high) else q.high == pytest.approx(high))


@pytest.mark.parametrize(
    ("text", "span", "kind"),
    [
        ("call 1800 123 456 for help", "1800 123 456", "phone"),
        ("call +44 20 7946 0958", "+44 20 7946 0958", "phone"),
        ("dial (202) 555-0143", "(202) 555-0143", "phone"),
        ("on 1-833-892-0197", "1-833-892-0197", "phone"),
        ("Flight 2216 crashed", "Flight 2216", "id"),
        ("under Article 5", "Article 5", "id"),
        ("the F-16 jets", "F-16", "id"),
        ("COVID-19 cases", "COVID-19", "id"),
        ("the S&P 500 fell", "S&P 500", "id"),
        ("they won 3-1", "3-1", "score"),
        ("a 2-1 victory", "2-1", "score"),
        ("the 29-12 vote", "29-12", "score"),
        ("aged 54", "54", "age"),
        ("a 54-year-old man", "54-year-old", "age"),
        ("Ellen Prask, 67, led the city", "67", "age"),
        ("in 1991", "1991", "year"),
        ("the 2024 elections", "2024", "year"),
        ("the 2024-25 season", "2024-25", "year"),
        ("the 1970s", "the 1970s", "year"),
        ("on May 19", "May 19", "date"),
        ("Sunday, April 28, 2025", "Sunday, April 28, 2025", "date"),
        ("on 19-20 May", "19-20 May", "date"),
        ("Dec. 4", "Dec. 4", "date"),
        ("on 2025-04-28", "2025-04-28", "date"),
        ("on 28.04.2025", "28.04.2025", "date"),
        ("the third referendum", "third", "ordinal"),
        ("ranked 17th", "17th", "ordinal"),
        ("at 10:35 p.m.", "10:35 p.m.", "clock"),
        ("by 0935 GMT", "0935 GMT", "clock"),
        ("around 2.30 pm.", "around 2.30 pm", "clock"),
    ],
)
def test_digits_that_name_date_or_score_are_no_counts(text: str, span: str, kind: str) -> None:
    q = one(text)
    assert (q.text, q.kind) == (span, kind)


def test_what_non_counts_hold() -> None:
    assert one("a 2-1 victory").parts == (2.0, 1.0)
    assert (one("on May 19").low, one("on May 19").unit) == (519, "day-of-year")
    assert (one("May 19, 2025").low, one("May 19, 2025").unit) == (20250519, "day")
    assert (one("19-20 May").low, one("19-20 May").high) == (519, 520)
    assert (one("at 10:35 p.m.").low, one("0935 GMT").unit) == (22 * HOUR + 35 * 60, "GMT")
    assert one("12 a.m.").low == 0 and one("at noon").low == 12 * HOUR
    around = one("around 3 pm")
    assert (around.low, around.high, around.approx) == (15 * HOUR - 600, 15 * HOUR + 600, True)
    assert one("the third referendum").noun == "referendum"
    assert one("the 2024-25 season").high == 2025
    assert (one("by around 2030").kind, one("by around 2030").low) == ("year", 2030)
    assert one("more than 1800").kind == "number"  # a bound makes a count, not a year


def test_a_table_row_of_years_is_no_phone_number() -> None:
    kinds = [(q.text, q.kind) for q in parse_quantities("election results 2019 2024 365 seats")]
    assert kinds == [("2019", "year"), ("2024", "year"), ("365 seats", "count")]


def test_counts_name_what_they_count_and_precision_is_kept() -> None:
    counts = [q for q in parse_quantities("three Americans and two Russians") if q.kind == "count"]
    assert [(q.noun, q.low) for q in counts] == [("americans", 3), ("russians", 2)]
    assert one("19 league goals").noun == "league goals"
    assert one("five Indian fighter jets downed").noun == "indian fighter jets"
    assert (one("20 injured when gunmen fired").kind, one("12 workers were hurt").noun) == ("number", "workers")
    assert (one("16.4 percent").decimals, one("16.4 percent").step) == (1, pytest.approx(0.1))
    assert one("16%").step == 1
    assert one("$20 billion").step == 1e9 and one("$600 billion").step == 1e11
    assert one("$96,000 a year").per == "year" and one("$96,000 a year").text == "$96,000 a year"
    assert one("forty-two people").spelled and not one("42 people").spelled
    assert one("a second chamber").kind != "duration"
    assert [q.kind for q in parse_quantities("it took 30 seconds")] == ["duration"]


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ("16.4 percent", "16%", True),  # rounding
        ("16.6%", "16%", False),
        ("$20.1 billion", "$20 billion", True),
        ("$20.8 billion", "$20 billion", False),
        ("$600 billion", "$589 billion", True),  # trailing zeros before a scale word round
        ("8.7 percent", "8.6 to 8.9 percent", True),  # a value inside a range
        ("9.1 percent", "8.6 to 8.9 percent", False),
        ("more than 46,000", "more than 47,000", True),  # compatible bounds
        ("more than 47,000", "46,913", False),
        ("fewer than 40", "more than 45", False),
        ("nearly 300", "290", True),
        ("nearly 150,000", "153,000", False),
        ("241", "260", False),
        ("241", "242", False),  # whole numbers are exact
        ("at least 240", "241", True),
        ("about 5 hours", "5 hours", True),
        ("nearly five hours", "four and a half hours", False),
        ("about two hours", "one hour and 45 minutes", True),
        ("about an hour", "45 minutes", False),
        ("about an hour", "approximately 45 minutes", False),  # two estimates: neither value within the other
        ("about 23", "about 24", True),
        ("just over 90 minutes", "100-minute", True),
        ("a little more than an hour", "90 minutes", False),
        ("within 30 days", "within a month", True),
        ("a month", "30 days", True),
        ("$8,000 a month", "$96,000 a year", True),  # rates compare per second
        ("around 3 pm", "around 2:30 pm", False),
        ("around 12:30", "12:22", True),
        ("10:23 p.m.", "10:27 p.m.", False),
        ("May 19", "May 19, 2025", True),
        ("May 19", "May 20", False),
        ("12:33", "1033 GMT", True),  # other zones: not comparable, so no disagreement
        ("9 percent", "9 percentage points", True),
        ("$5 million", "5 million euros", True),
        ("3-1", "2-1", True),
    ],
)
def test_compatible_judges_rounding_ranges_and_bounds(first: str, second: str, agree: bool) -> None:
    a, b = parse_quantities(first)[0], parse_quantities(second)[0]
    assert compatible(a, b) is agree and compatible(b, a) is agree


def test_what_is_comparable() -> None:
    assert comparable(one("12 workers"), one("40"))
    assert not comparable(one("12:33"), one("1033 GMT"))
    assert not comparable(one("$5 million"), one("5 million euros"))
    assert not comparable(one("$8,000 a month"), one("$58 million"))
    assert not comparable(one("won 3-1"), one("won 3-1"))


def test_number_values() -> None:
    assert number_value("2 1/2") == (2.5, 0.5, 0)
    assert number_value("28,5") == (28.5, pytest.approx(0.1), 1)
    assert number_value("1 234") == (1234, 1, 0)
    assert number_value("forty-two") == (42, 1, 0)
    assert number_value("two dozen") == (24, 1, 0)
    assert number_value("two thousand five hundred") == (2500, 1, 0)
    assert number_value("a million") == (1e6, 1e6, 0)
    assert number_value("half a dozen") == (6, 0.5, 0)
    assert number_value("lots") is None


#: Figures of real stories (tune half), by file and snippet: (file, snippet, kind, low, high, unit).
REAL = [
    ("iberian-blackout-2025/articles/03_azaadenglish.txt", "1033 GMT", "clock", 10 * HOUR + 33 * 60 - 600,
     10 * HOUR + 33 * 60 + 600, "GMT"),
    ("iberian-blackout-2025/articles/06_kuna.txt", "12:33", "clock", 12 * HOUR + 33 * 60, 12 * HOUR + 33 * 60, ""),
    ("deepseek-nvidia-selloff-2025/articles/08_pcgamer.txt", "20,800,000,000", "money", 20.8e9, 20.8e9, "USD"),
    ("istanbul-russia-ukraine-talks-2025/articles/03_efe.txt", "one hour and 45 minutes", "duration", 6300, 6300,
     "hour"),
    ("istanbul-russia-ukraine-talks-2025/articles/06_cnewslive.txt", "100-minute", "duration", 6000, 6000,
     "minute"),
    ("texas-hill-country-floods-2025/articles/01_texastribune.txt", "between six and 10", "count", 6, 10, ""),
    ("texas-hill-country-floods-2025/articles/04_abcactionnews.txt", "two dozen", "count", 24, 24, ""),
    ("los-angeles-wildfires-2025/articles/05_akainewsindia.txt", "Nearly 150,000", "count", 138_000, 150_000, ""),
    ("gaza-ceasefire-hostage-release-2025/articles/01_dunyanews.txt", "47,000", "count", 47_000, math.inf, ""),
    ("pahalgam-attack-2025/articles/07_newindianexpress.txt", "2.30 pm", "clock", 14.5 * HOUR - 600,
     14.5 * HOUR + 600, ""),
    ("south-korea-martial-law-2024/articles/05_bbc_worldheadlines.txt", "1979", "year", 1979, 1979, ""),
    ("champions-league-final-2025/articles/01_westernpost.txt", "5-0", "score", 0, 0, ""),
    ("champions-league-final-2025/articles/04_hemeranetworks.txt", "18-year-old", "age", 18, 18, "year"),
]


@pytest.mark.skipif(not STORIES.is_dir(), reason="the stories benchmark is not in ../shared")
@pytest.mark.parametrize(("file", "snippet", "kind", "low", "high", "unit"), REAL)
def test_figures_of_real_stories(file: str, snippet: str, kind: str, low: float, high: float, unit: str) -> None:
    text = (STORIES / file).read_text(encoding="utf-8")
    at = text.find(snippet)
    assert at >= 0, f"{snippet!r} not in {file}"
    (q,) = [q for q in parse_quantities(text) if q.start <= at and at + len(snippet) <= q.end]
    assert (q.kind, q.unit) == (kind, unit) and text[q.start : q.end] == q.text
    assert q.low == pytest.approx(low) and (q.high == high if math.isinf(high) else q.high == pytest.approx(high))


@pytest.mark.skipif(not STORIES.is_dir(), reason="the stories benchmark is not in ../shared")
def test_every_story_parses_into_ordered_spans_that_give_back_their_text() -> None:
    for path in sorted(STORIES.glob("*/articles/*.txt")):
        text = path.read_text(encoding="utf-8")
        end = 0
        for q in parse_quantities(text, offset=7):
            assert text[q.start - 7 : q.end - 7] == q.text and q.start - 7 >= end and q.low <= q.high, (path, q)
            end = q.end - 7


def test_heads_come_from_the_parse() -> None:
    text = "The blaze killed 12 workers and caused a 15 percent pay rise."
    doc = shared_context().nlp(text)
    heads = {q.text: q.head for q in parse_quantities(text, doc=doc)}
    assert heads == {"12 workers": "worker", "15 percent": "rise"}
    assert attach_heads([], doc) == []


def test_slots_read_the_figures_earlier_readers_got_wrong() -> None:
    (hours,) = extract_slots("the talks lasted about 2 1/2 hours")
    assert (hours.kind, hours.value, hours.unit, hours.text) == ("duration", 2.5, "hour", "about 2 1/2 hours")
    (band,) = extract_slots("growth of 8.6 to 8.9 percent")
    assert (band.low, band.high, band.readable) == (8.6, 8.9, "8.6 to 8.9%")
    (comma,) = extract_slots("inflation reached 28,5% in May")
    assert (comma.kind, comma.value) == ("percent", 28.5)
    assert extract_slots("for help call 1800 123 456 now") == []
    (year,) = extract_slots("it was founded in 1991")
    assert (year.kind, year.unit, year.value) == ("date", "year", 1991)
    assert [s.kind for s in extract_slots("Prask, 67, led the city")] == []  # an age is no figure to oppose


def test_slot_conflicts_follow_compatible() -> None:
    rounded, precise = extract_slots("a 16% fall")[0], extract_slots("a 16.4% fall")[0]
    assert not rounded.conflicts(precise)
    assert extract_slots("241 people")[0].conflicts(extract_slots("260 people")[0])
    assert not extract_slots("$240 million a year")[0].conflicts(extract_slots("$58 million")[0])
    assert extract_slots("$240 million a year")[0].unit == "$/year"
    assert [(s.text, s.role) for s in extract_slots("a goal every 3 matches")] == [("3 matches", "rate")]


# Properties on generated text.

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-:/%$€£½abcdefghijklmnoprstuy\n")), max_size=60))
def test_any_text_parses_into_ordered_spans_that_give_back_their_text(text: str) -> None:
    found = parse_quantities(text)
    assert [q.start for q in found] == sorted(q.start for q in found)
    for q in found:
        assert text[q.start : q.end] == q.text and q.low <= q.high
    assert extract_slots(text) is not None


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.sampled_from([",", " "]))
def test_grouped_thousands_read_whole(number: int, separator: str) -> None:
    written = f"{number:,}".replace(",", separator)
    q = one(f"a total of {written} people")
    assert (q.low, q.kind, q.text) == (number, "count", f"{written} people")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9))
def test_a_rounded_percentage_agrees_only_with_what_rounds_to_it(whole: int, tenth: int) -> None:
    precise, rounded = one(f"{whole}.{tenth}%"), one(f"{whole}%")
    assert compatible(precise, rounded) is (tenth <= 5)
    assert compatible(rounded, one(f"{whole + 1}%")) is False


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=1, max_value=5000),
       st.integers(min_value=0, max_value=10000))
def test_a_range_holds_what_lies_inside_it(low: int, width: int, inside: int) -> None:
    value = low + inside % (width + 1)
    band = one(f"between {low} and {low + width} people")
    assert band.is_range and (band.low, band.high) == (low, low + width)
    assert compatible(band, one(f"{value} people"))
    assert not compatible(band, one(f"{low + width + 1} people"))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99))
def test_spelled_numbers_read_as_their_digits(number: int) -> None:
    ones = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    words = ones[number] if number < 20 else tens[number // 10] + (f"-{ones[number % 10]}" if number % 10 else "")
    q = one(f"{words} people were hurt")
    assert (q.low, q.noun, q.spelled) == (number, "people", True)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.sampled_from(["more than", "at least", "over"]))
def test_lower_bounds_agree_with_every_larger_value_and_with_each_other(bound: int, extra: int, hedge: str) -> None:
    q = one(f"{hedge} {bound}")
    assert q.bound == "lower"
    assert compatible(q, one(f"{bound + extra}")) and compatible(q, one(f"more than {bound + extra}"))
    assert not compatible(q, one(f"fewer than {max(1, bound - 1)}")) or bound == 1


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-%$ahmpuorest")), max_size=40),
       st.integers(min_value=0, max_value=10**6))
def test_an_offset_only_shifts_spans(text: str, offset: int) -> None:
    plain, shifted = parse_quantities(text), parse_quantities(text, offset=offset)
    assert [(q.start + offset, q.end + offset, q.text, q.low) for q in plain] == \
        [(q.start, q.end, q.text, q.low) for q in shifted]
