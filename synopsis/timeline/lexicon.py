"""Calendar words and the regular expressions built from them (English news usage)."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "a couple of": 2, "a dozen": 12,
}
VAGUE_NUMBERS = ("a few", "few", "several", "some", "many", "multiple", "a number of")
UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
    "month": "M", "year": "Y", "decade": "DE", "century": "CE",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
#: Words that, right before an expression, tell how the date relates to the event.
SIGNALS = ("since", "by", "until", "till", "before", "after", "from", "on", "in", "during", "at", "for", "of",
           "ahead of", "prior to", "following", "as of", "through", "within")

_MONTH = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|" \
         r"sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = r"(?:\d+(?:\.\d+)?|a couple of|a dozen|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
       r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|hundred|" \
       r"a few|few|several|some|many)"
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
    rf"\b{_EDGE}?(?:(?:last|next|this|past|coming)\s+)?{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR})?\b",
    rf"\b{_EDGE}?(?:the|this|last|next|past|coming|early|late)\s+(?:spring|summer|autumn|fall|winter)"
    rf"(?:\s+(?:of\s+)?{_YEAR})?\b",
    rf"\b(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}\b",
    rf"\b(?:(?:last|next|this|coming)\s+)?{_WEEKDAY}(?:\s+{_PART})?\b",
    r"\b(?:the day (?:before|after) )?(?:today|tonight|yesterday|tomorrow)\b",
    rf"\bthis\s+{_PART}\b",
    r"\b(?:(?:earlier|later)\s+)?(?:this|last|next|past|previous|coming|following)\s+"
    r"(?:week(?:end)?|month|year|decade|quarter)\b",
    rf"\b{_NUM}\s+{_UNIT}s?\s+(?:ago|from now)\b",
    rf"\b{_EDGE}?(?:the\s+{_YEAR}s|{_YEAR}s?)\b(?![,.]?\d)",
    r"\b(?:easter|christmas(?: eve| day)?|new year's(?: eve| day)?|thanksgiving|halloween)\b",
    r"\b(?:now|currently|nowadays|at present|at the moment|recently|in the future|the past)\b",
    rf"\b(?:the\s+)?(?:(?:first|second|third|fourth|last)\s+quarter)(?:\s+of\s+{_YEAR})?\b",
    rf"\b{_APPROX}?(?:the\s+(?:past|last|next|previous|first|coming)\s+)?{_NUM}[\s-]+{_UNIT}s?\b",
    rf"\b(?:{_NUM}\s+)?(?:and\s+a\s+half\s+)?{_UNIT}s?\s+and\s+a\s+half\b",
    rf"\b(?:recent|the past|the last|the coming|several|many)\s+{_UNIT}s\b",
    r"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+century\b",
    r"\b(?:this|last|next)\s+(?:fiscal|financial)\s+year\b",
)
PATTERN = re.compile("|".join(f"(?:{p})" for p in DATE_PATTERNS), re.IGNORECASE)
