"""Quotes matched across wordings: the shipped pair model and threshold on statements written for these tests.

The benchmark figure (shared quotes clustered on the stories' check half) is gated by tests/test_stories.py;
these tests pin the behaviours that figure rests on: one statement in several wordings joins, two statements
of one speaker stay apart, repetitions within an article join and nested attributions do not.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from synopsis.config import Config
from synopsis.quotes.clusters import (
    FEATURES,
    WEIGHTS,
    ClusterItem,
    ClusterSettings,
    PairTable,
    cluster_quotes,
    default_model,
    differ_in_meaning,
)

from .conftest import shared_context

SETTINGS = ClusterSettings.from_config(Config.load())


@pytest.fixture(scope="module")
def embed() -> Callable[[list[str]], Any]:
    embedder = shared_context().embedder
    return lambda texts: embedder.embed(texts)


def item(article: str, text: str, speaker: str | None = "e1", name: str | None = "Anna Berg",
         start: int = 0, published: str | None = "2025-03-01") -> ClusterItem:
    return ClusterItem(article, start, start + len(text), text, speaker, name, published)


def test_weights_cover_the_features_the_code_computes() -> None:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert set(data["weights"]) <= {*FEATURES, "bias"} and set(data["lexical_weights"]) <= {*FEATURES, "bias"}
    assert 0.0 < SETTINGS.pair_threshold < 1.0


@pytest.mark.parametrize("embedded", [True, False])
def test_one_statement_in_three_wordings_is_one_cluster(embed: Callable[[list[str]], Any], embedded: bool) -> None:
    items = [
        item("a1", "We reached a fair agreement on the grain corridor and it will hold through the winter"),
        item("a2", "we have reached a fair agreement on the grain corridor, and it will hold throughout winter"),
        item("a3", "a fair agreement on the grain corridor", name="Berg", speaker="e7"),
    ]
    clusters = cluster_quotes(items, SETTINGS, embed if embedded else None)
    assert clusters[0] == clusters[1] == clusters[2]


def test_two_statements_of_one_speaker_stay_apart(embed: Callable[[list[str]], Any]) -> None:
    items = [
        item("a1", "13 people died in the flooding overnight"),
        item("a2", "the death toll from the flooding has climbed to 24"),
        item("a3", "We will rebuild every bridge the river took, whatever it costs"),
    ]
    assert len(set(cluster_quotes(items, SETTINGS, embed))) == 3


def test_same_words_from_two_speakers_stay_apart(embed: Callable[[list[str]], Any]) -> None:
    items = [
        item("a1", "The talks went well", speaker="e1", name="Anna Berg"),
        item("a2", "The talks went well", speaker="e2", name="Omar Haddad"),
    ]
    clusters = cluster_quotes(items, SETTINGS, embed)
    assert clusters[0] != clusters[1]


def test_repetition_within_an_article_joins_but_a_nested_attribution_does_not(
    embed: Callable[[list[str]], Any],
) -> None:
    full = "The grain corridor will stay open for as long as the ships keep sailing"
    items = [
        item("a1", "grain corridor will stay open for as long as the ships keep sailing", start=0),
        item("a1", full, start=400),
        item("a1", "the ships keep sailing", start=440),  # inside the quote above: a nested attribution
    ]
    clusters = cluster_quotes(items, SETTINGS, embed)
    assert clusters[0] == clusters[1]
    assert clusters[2] != clusters[1]


def test_pair_features_read_figures_speakers_and_dates(embed: Callable[[list[str]], Any]) -> None:
    items = [
        item("a1", "Five of the deaths were in the north and 11 in the south", published="2025-03-01"),
        item("a2", "five deaths in the north, eleven in the south", name="Berg", speaker=None,
             published="2025-03-03"),
        item("a3", "Seven deaths in the north", published=None),
    ]
    table = PairTable(items, embed)
    alike, apart = table.features(0, 1), table.features(1, 2)
    assert alike["figures_shared"] == 1.0 and alike["figures_differ"] == 0.0
    assert apart["figures_differ"] == 1.0
    assert alike["same_speaker"] == 1.0 and alike["day_gap"] == pytest.approx(2 / 7)
    assert apart["day_gap_missing"] == 1.0
    assert default_model().probability(alike) > default_model().probability(apart)


def test_wordings_differ_in_meaning_only_for_figures_and_denials() -> None:
    from synopsis.claims.discrepancy import negation_words

    def differ(a: str, b: str) -> bool:
        return differ_in_meaning(a, b, negation_words)

    assert not differ("an entire nation embraces you", "the whole nation embraces you")  # translation
    assert not differ("the toll is 16, with 5 in the north and 11 in the south", "5 in the north")  # trimming
    assert not differ("It was long. But I don't need a trophy to think of her", "It was long")  # trimmed denial
    assert differ("13 people are missing", "24 people are missing")
    assert differ("we will not sign the deal", "we will sign the deal")
