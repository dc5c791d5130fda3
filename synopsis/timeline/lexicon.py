"""The timeline's date patterns, built from the calendar and number words of ``synopsis.lang``."""

from __future__ import annotations

import re

from ..lang.calendar import DAY_PATTERN, HOLIDAY_PATTERN, MONTH_PATTERN, SEASONS, WEEKDAY_PATTERN, YEAR_PATTERN
from ..lang.numbers import number_words_pattern

#: Units of time with their ISO-TimeML duration codes ("P3D", "PT2H").
UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
    "month": "M", "year": "Y", "decade": "DE", "century": "CE",
}
#: Words that, right before an expression, tell how the date relates to the event.
SIGNALS = ("since", "by", "later", "until", "till", "before", "after", "from", "on", "in", "during", "at", "for", "of",
           "ahead of", "prior to", "following", "as of", "through", "within")

_MONTH = MONTH_PATTERN
_DAY = DAY_PATTERN
_YEAR = YEAR_PATTERN
_WEEKDAY = WEEKDAY_PATTERN
_SEASON = "(?:" + "|".join(SEASONS) + ")"
_NUM = rf"(?:\d+(?:\.\d+)?|{number_words_pattern()})"
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century|centuries)"
_PART = r"(?:morning|afternoon|evening|night)"
_APPROX = r"(?:(?:about|around|nearly|almost|roughly|some|more than|less than|over|under|at least|up to|" \
          r"just over|just under|barely|only|approximately)\s+)"
_EDGE = r"(?:(?:early|mid|late|the (?:start|beginning|end|middle) of|the first half of|the second half of)[- ]?\s*)"

DATE_PATTERNS: tuple[str, ...] = (
    rf"\b{_YEAR}-\d\d-\d\d\b",
    rf"\b{_DAY}\s*(?:to|-|–|and|until)\s*{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR})?\b",
    rf"\b{_MONTH}\s+{_DAY}\s*(?:to|-|–|and|until)\s*{_DAY}(?:,?\s*{_YEAR})?\b",
    rf"\b{_DAY}\s+{_MONTH}\s*(?:to|-|–|until)\s*{_DAY}\s+{_MONTH}(?:,?\s*{_YEAR})?\b",
    rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR}\b)?",
    rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,\s*{_YEAR})?\b(?!,\d)",
    rf"\b{_EDGE}?{_MONTH}\s+(?:of\s+)?(?:last|this|next)\s+year\b",
    rf"\b{_EDGE}?(?:(?:last|next|this|past|coming)\s+)?{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR})?\b",
    rf"\b{_EDGE}?(?:the|this|last|next|past|coming|early|late)\s+{_SEASON}"
    rf"(?:\s+(?:of\s+)?{_YEAR})?\b",
    rf"\b{_SEASON}\s+(?:of\s+)?{_YEAR}\b",
    rf"\b(?:(?:last|next|this|coming)\s+)?{_WEEKDAY}(?:\s+{_PART})?\b",
    r"\b(?:the day (?:before|after) )?(?:today|tonight|yesterday|tomorrow)\b",
    rf"\bthis\s+{_PART}\b",
    r"\b(?:(?:earlier|later)\s+)?(?:this|last|next|past|previous|coming|following)\s+"
    r"(?:week(?:end)?|month|year|decade|quarter)\b",
    rf"\b{_NUM}\s+{_UNIT}s?\s+(?:ago|from now)\b",
    rf"\b{_EDGE}?(?:the\s+{_YEAR}s|{_YEAR}s?)\b(?![,.]?\d)",
    rf"\b{HOLIDAY_PATTERN}\b",
    r"\b(?:now|currently|nowadays|at present|at the moment|recently|in the future|the past)\b",
    rf"\b(?:the\s+)?(?:(?:first|second|third|fourth|last)\s+quarter)(?:\s+of\s+{_YEAR})?\b",
    rf"\b{_APPROX}?(?:the\s+(?:past|last|next|previous|first|coming)\s+)?{_NUM}[\s-]+{_UNIT}s?\b",
    rf"\b(?:{_NUM}\s+)?(?:and\s+a\s+half\s+)?{_UNIT}s?\s+and\s+a\s+half\b",
    rf"\b(?:recent|the past|the last|the coming|several|many)\s+{_UNIT}s\b",
    r"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+century\b",
    r"\b(?:this|last|next)\s+(?:fiscal|financial)\s+year\b",
)
PATTERN = re.compile("|".join(f"(?:{p})" for p in DATE_PATTERNS), re.IGNORECASE)

#: Nouns a year names the period of rather than the day of an event ("the 2025 budget", "targets for 2030").
PERIOD_NOUNS = frozenset({"budget", "forecast", "target", "outlook", "quota", "estimate", "projection"})
_FIGURE = r"[$€£]?\d[\d.,]*(?:\s*(?:%|percent|per cent|points?|[a-z]*illion|seats?|votes?))?"
#: A date that is the baseline of a comparison: "from an estimated 6.1% this year", "than 40% in 2021".
BASELINE_BEFORE = re.compile(r"\b(?:from|than|compared (?:with|to)|versus|vs\.?|against)\s+(?:(?:an?|the|some|about|"
                             r"around|nearly|estimated|just|over|under)\s+)*" + _FIGURE +
                             r"\s+(?:(?:in|on|at|during|of)\s+)?$", re.IGNORECASE)
#: A parenthesis giving a figure's earlier value: the text up to the date ("(2021" of "(2021: 25.7)", "(25.7% in"
#: of "(25.7% in 2021)") and the text after it (": 25.7)", ")").
BASELINE_OPENS = re.compile(r"\(\s*(?:(?:in|on)\s+)?$|\(\s*(?:(?:up|down)\s+)?(?:from\s+)?" + _FIGURE +
                            r"\s+(?:in|on)\s+$", re.IGNORECASE)
BASELINE_CLOSES = re.compile(r"\s*[:=]\s*[-+]?[$€£]?\d|\s*\)")
#: A dateline: a place, a comma, then the date at the head of a line, closed by an agency, a dash or a colon.
DATELINE_BEFORE = re.compile(r"(?:^|\n)\s*[A-Z][\w.'\u2019&-]*(?:\s+[A-Z][\w.'\u2019&-]*){0,4},\s*"
                             r"(?:[A-Z][a-z]+day,?\s*)?$")
DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,25}\)\s*)?(?:[.:\u2013\u2014-]|/|$)")
