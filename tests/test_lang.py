"""The shared language layer and union-find: what every stage relies on reading the same way."""

from __future__ import annotations

import re
from datetime import date

import pytest

from synopsis.lang.calendar import (
    CALENDAR_WORDS,
    HOLIDAYS,
    MONTH_LABELS,
    MONTH_PATTERN,
    MONTHS,
    WEEKDAY_ABBREVIATION_PATTERN,
    month_number,
)
from synopsis.lang.cues import (
    ASSERTING_VERBS,
    COGNITION_VERBS,
    DELIVERY_VERBS,
    QUESTION_VERBS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    verb_forms,
)
from synopsis.lang.function_words import FUNCTION_WORDS, MINOR_WORDS, STOP_WORDS
from synopsis.lang.names import fold, fold_spelling, initials, is_acronym, name_tokens, skeleton
from synopsis.lang.numbers import NUMBER_WORDS, number_words_pattern, parse_number
from synopsis.lang.shapes import (
    BYLINE,
    heading_lines,
    is_heading,
    is_headline,
    is_headline_shape,
    is_title_case,
    title_case_share,
)
from synopsis.timeline.lexicon import PATTERN
from synopsis.timeline.merge import _STOP as TIMELINE_STOP
from synopsis.timeline.normalise import Reference, resolve
from synopsis.util import DisjointSet


@pytest.mark.parametrize(("word", "number"), [
    ("January", 1), ("Sept.", 9), ("sep", 9), ("dec", 12), ("May", 5), ("june", 6), ("Mayday", None),
])
def test_month_words_give_their_number(word: str, number: int | None) -> None:
    assert month_number(word) == number


def test_month_pattern_reads_full_and_abbreviated_months_whole() -> None:
    month = re.compile(rf"\b{MONTH_PATTERN}(?!\w)", re.IGNORECASE)
    found = [m.group() for m in month.finditer("On Feb. 18, in September and Sept 3, not in Marchers or Decatur")]
    assert found == ["Feb.", "September", "Sept"]
    assert all(MONTHS[m.lower()] == i for i, m in enumerate(MONTH_LABELS, start=1))
    stamp = re.compile(rf"\b{WEEKDAY_ABBREVIATION_PATTERN}\s*,", re.IGNORECASE)
    assert stamp.search("Thurs, 20 Feb 2025") and stamp.search("Tue., 4 March")


def test_holidays_fall_on_their_days() -> None:
    assert HOLIDAYS["thanksgiving"](2024) == date(2024, 11, 28)
    assert HOLIDAYS["easter"](2025) == date(2025, 4, 20)
    assert HOLIDAYS["valentine's day"](2025) == date(2025, 2, 14)


@pytest.mark.parametrize(("text", "value"), [
    ("twenty-five", 25), ("two dozen", 24), ("a dozen", 12), ("four and a half", 4.5), ("1,200", 1200),
    ("3.5 million", 3_500_000), ("a couple of", 2), ("seventy", 70), ("an", 1), ("half an", 0.5),
    ("several", None), ("talks", None),
])
def test_spelled_numbers_have_values(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_number_words_pattern_takes_the_longest_phrase() -> None:
    pattern = re.compile(rf"\b{number_words_pattern()}\b", re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("seventeen, seventy, a couple of, a number of")] == [
        "seventeen", "seventy", "a couple of", "a number of"]
    assert NUMBER_WORDS["ninety"] == 90


def test_timeline_reads_every_shared_number_word() -> None:
    """The timeline takes its number words from the shared table: "seventy years ago" is a date."""
    text = "The treaty was signed seventy years ago."
    found = [m.group() for m in PATTERN.finditer(text)]
    assert "seventy years ago" in found
    day = Reference(date(2025, 2, 18))
    read = {text: getattr(resolve(text, day), "value", None)
            for text in ("seventy years ago", "twenty-five years", "half an hour", "3,000 years", "a couple of days")}
    assert read == {"seventy years ago": "1955", "twenty-five years": "P25Y", "half an hour": "PT0H30M",
                    "3,000 years": "P3000Y", "a couple of days": "P2D"}


def test_reporting_verbs_come_from_the_general_classes() -> None:
    assert REPORTING_VERBS <= SPEECH_VERBS | COGNITION_VERBS | DELIVERY_VERBS | QUESTION_VERBS
    assert ASSERTING_VERBS <= REPORTING_VERBS | DELIVERY_VERBS
    assert {"call", "rule", "order", "attack", "make"}.isdisjoint(REPORTING_VERBS)  # other senses are common
    assert {"confirm", "report", "deny", "ask"}.isdisjoint(ASSERTING_VERBS)  # their subject takes no stand


@pytest.mark.parametrize(("lemma", "form"), [
    ("say", "said"), ("tell", "told"), ("reply", "replied"), ("admit", "admitted"), ("stress", "stresses"),
    ("announce", "announced"), ("write", "wrote"), ("signal", "signalled"),
])
def test_verb_forms(lemma: str, form: str) -> None:
    assert form in verb_forms([lemma])


def test_smaller_function_word_views_are_stop_words() -> None:
    assert FUNCTION_WORDS <= STOP_WORDS
    assert MINOR_WORDS - {"vs", "via"} <= STOP_WORDS
    assert TIMELINE_STOP.issubset(STOP_WORDS | CALENDAR_WORDS | verb_forms(["say", "do"]))


def test_headings_and_sentences_are_told_apart() -> None:
    assert is_heading("Restoring Ties: Addressing Obstacles", "The talks began on Tuesday.")
    assert is_heading("What comes next", "Officials said the talks would resume.")
    assert not is_heading("The delegations met in Riyadh on Tuesday.", "")
    assert not is_heading("the talks, which began on", "continued into the night")  # a broken sentence
    text = "Talks In Riyadh\nThe delegations met on Tuesday.\nWhat Comes Next\nMore talks are due."
    assert [text[s:e] for s, e in heading_lines(text)] == ["Talks In Riyadh", "What Comes Next"]
    assert is_headline("Senate Passes Budget After Long Night.")
    assert not is_headline("The Senate passed the budget after a long night.")
    assert is_title_case("Senate Passes Budget After Long Night.")
    assert title_case_share("Talks in Riyadh: What Is at Stake for Kyiv") == 1.0
    assert is_headline_shape("Senate passes budget") and not is_headline_shape("Senate passes budget.")
    assert BYLINE.match("By Jane Doe and John Roe") and not BYLINE.match("By Tuesday the talks had ended.")


def test_names_fold_to_one_key() -> None:
    assert fold("Recep Tayyip Erdoğan") == "recep tayyip erdogan"
    assert fold("ŁUKASZ") == fold("Lukasz") == "lukasz"  # a capital letter Unicode cannot decompose
    assert fold_spelling("Erdoğan") == fold_spelling("erdogan")
    assert fold_spelling("al-Aiban") != fold_spelling("Al Aiban")  # a spelling difference worth showing
    assert fold("al-Aiban") == fold("Al Aiban")
    assert name_tokens("Mosaad bin Mohamed al-Aiban") == ("mosaad", "bin", "mohamed", "al", "aiban")
    assert name_tokens("Dr.Vance") == ("dr", "vance")
    assert skeleton("Sergei") == skeleton("Sergey") and skeleton("Zelensky") == skeleton("Zelenskyy")
    assert initials(["Russian", "Direct", "Investment", "Fund"]) == "RDIF"
    assert is_acronym("NATO") and not is_acronym("Nato")


def test_disjoint_set_groups_in_order_of_addition() -> None:
    sets = DisjointSet(range(6))
    assert sets.union(4, 1) == 4  # the first argument's root stays the root
    sets.union(1, 5)
    sets.union(2, 3)
    assert sets.connected(5, 4) and not sets.connected(0, 1)
    assert sets.find(5) == 4
    assert sets.groups() == [[0], [1, 4, 5], [2, 3]]
    assert sets.union(5, 1) == 4 and len(sets) == 6


def test_disjoint_set_adds_unknown_items_and_follows_long_chains() -> None:
    sets: DisjointSet[tuple[int, int]] = DisjointSet()
    sets.union((0, 1), (2, 0))
    assert (0, 1) in sets and (2, 0) in sets and (9, 9) not in sets
    assert sets.find((9, 9)) == (9, 9) and (9, 9) in sets
    chain = DisjointSet(range(5000))
    for i in range(4999):
        chain.union(i + 1, i)  # each union puts the old root under the new one: a chain 5000 deep
    assert {chain.find(i) for i in range(5000)} == {4999}
    assert chain.groups() == [list(range(5000))]
