"""Numbers written in words: cardinals, tens, scales, ordinals, "a dozen", and vague amounts.

Why here: the timeline reads "three days ago" and the claims stage reads "twenty-five people";
both must agree on what "a dozen" or "seventy" is worth. Quantities (a figure with its unit,
its approximator and what it counts) are built on these tables elsewhere.
"""

from __future__ import annotations

#: Cardinals below twenty.
CARDINALS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
#: Tens, which may take a unit after a hyphen ("twenty-five").
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
#: Scale words, which multiply what stands before them ("three million", "a thousand").
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12,
}
#: "A dozen", "two dozen": counted like a scale word of twelve.
DOZEN = 12
#: Articles that count one before a unit ("an hour", "a million"); alone they are no figure.
ARTICLES: tuple[str, ...] = ("a", "an")
#: Ordinal words with the rank they give.
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}
#: Amounts that say "more than one" without a figure.
VAGUE_NUMBERS: tuple[str, ...] = ("a few", "few", "several", "some", "many", "multiple", "a number of")

#: Every one-word or fixed-phrase number with its value: what a simple reader looks up.
NUMBER_WORDS: dict[str, int] = {
    **dict.fromkeys(ARTICLES, 1),
    **CARDINALS,
    **TENS,
    **SCALES,
    "dozen": DOZEN,
    "a dozen": DOZEN,
    "a couple of": 2,
}


def number_words_pattern() -> str:
    """A regular-expression group matching one entry of ``NUMBER_WORDS`` or ``VAGUE_NUMBERS``, longest first."""
    words = sorted({*NUMBER_WORDS, *VAGUE_NUMBERS}, key=len, reverse=True)
    return "(?:" + "|".join(w.replace(" ", r"\s+") for w in words) + ")"


def spelled_number(text: str) -> tuple[float, float] | None:
    """(value, step) of a number in words: "one hundred and twenty" -> (120, 1), "two dozen" -> (24, 1),
    "half an" -> (0.5, 0.5), "two and a half" -> (2.5, 0.5), "three million" -> (3e6, 1e6); None if it is none.

    The step is the precision the words give: "three million" is a round figure, exact to a million.
    """
    words = text.lower().replace("-", " ").replace(",", " ").split()
    if not words:
        return None
    if words[0] == "half":
        return 0.5 * (DOZEN if words[-1] == "dozen" else SCALES.get(words[-1], 1)), 0.5
    half = words[-3:] == ["and", "a", "half"]
    words = words[:-3] if half else words
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]  # "a dozen", "a million": the article is no figure of its own
    if not words:
        return None
    total, current = 0.0, 0.0
    for word in words:
        if word in ARTICLES:
            current += 1
        elif word in CARDINALS:
            current += CARDINALS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * DOZEN
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
        elif word != "and":
            return None
    step = 0.5 if half else float(SCALES[words[-1]]) if words[-1] in SCALES and words[-1] != "hundred" else 1.0
    return total + current + (0.5 if half else 0.0), step


def parse_number(text: str) -> float | None:
    """The value of a number in digits or words: "four and a half" -> 4.5, "1,200" -> 1200,
    "3.5 million" -> 3500000, "twenty-five" -> 25, "two dozen" -> 24; None when it is no number."""
    key = " ".join(text.lower().split())
    if key in NUMBER_WORDS:
        return float(NUMBER_WORDS[key])
    first, _, rest = key.replace(",", "").partition(" ")
    try:
        value = float(first)
    except ValueError:
        spelled = spelled_number(key)
        return spelled[0] if spelled else None
    for word in rest.split():  # "3.5 million", "5 hundred thousand"
        if word not in SCALES:
            return None
        value *= SCALES[word]
    return value
