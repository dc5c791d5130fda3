"""Quotes matched across wordings: the shipped pair model and threshold on statements written for these tests.

The benchmark figure (shared quotes clustered on the stories' check half) is gated by tests/test_stories.py;
these tests pin the behaviours that figure rests on: one statement in several wordings joins, two statements
of one speaker stay apart, repetitions within an article join and nested attributions do not.
"""

from __future__ import annotations

import json
import re
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


def test_letters_overlap_reads_spelling_variants_as_one_wording() -> None:
    items = [item("a1", "We will be equalised shortly"), item("a2", "we will be equalized shortly"),
             item("a3", "we will be paid shortly")]
    table = PairTable(items)
    assert table.features(0, 1)["letters_overlap"] > table.features(0, 2)["letters_overlap"]


def _speakers(text: str, names: dict[str, str]) -> Callable[..., str | None]:
    """A resolver over ``text`` (parsed) whose entities are ``names`` (name -> type), each at its first place."""
    from synopsis.models import Article, Entity, Evidence
    from synopsis.quotes.speakers import SpeakerIndex

    doc = shared_context().nlp(text)
    article = Article(id="a1", text=text, source="a1.txt", doc=doc)
    entities = tuple(Entity(id=f"e{k}", name=name, type=kind, article_ids=("a1",),
                            mentions=(Evidence.of(article, text.index(name), text.index(name) + len(name)),))
                     for k, (name, kind) in enumerate(names.items()))
    index = SpeakerIndex(article, entities)

    def speaker(source: str) -> str | None:
        found = re.search(rf"\b{re.escape(source)}\b", text)
        assert found is not None
        return index.resolve(found.start(), found.end()).name

    return speaker


def test_it_and_they_stand_for_the_body_or_group_named_as_the_subject_before() -> None:
    speaker = _speakers("The Admiralty would not discuss the offer. Even so, it signalled that talks could "
                        "resume. When police arrived at the scene, they asked the crowd to leave.",
                        {"Admiralty": "ORG"})
    assert speaker("it") == "Admiralty"
    assert speaker("they") == "police"


def test_a_description_refers_back_to_the_person_and_a_relative_clause_is_no_part_of_a_name() -> None:
    speaker = _speakers("Harbour board spokesman Pavel Ostrov said that the meeting had ended. At the same time, "
                        "the official noted that the delegation did well. \"It is over,\" said a source on the "
                        "talks, which lasted an hour.", {"Pavel Ostrov": "PERSON"})
    assert speaker("the official") == "Pavel Ostrov"
    introduced = _speakers("Pavel Ostrov spoke first. Later a White House official said the talks were over, and "
                           "the official added that no deal was signed.", {"Pavel Ostrov": "PERSON"})
    assert introduced("the official") == "the official"  # it refers back to 'a White House official'
    assert speaker("a source on the talks, which lasted an hour") == "a source on the talks"


def test_the_judged_tune_speakers_point_into_the_tune_stories() -> None:
    """The tune sample of hand-judged speakers (the one speakers are studied on) is data about ../shared."""
    from bench.speakers_judged import TUNE_GOLD, fold
    from bench.story_split import STORIES, half

    items = json.loads(TUNE_GOLD.read_text(encoding="utf-8"))["items"]
    assert len(items) == 60
    for judged in items:
        assert half(judged["story"]) == "tune", judged
        text = (STORIES / judged["story"] / judged["file"]).read_text(encoding="utf-8")
        assert fold(text[judged["start"]:judged["end"]]).startswith(fold(judged["check"])), judged
        assert isinstance(judged["speakers"], list)


def test_a_body_and_the_person_its_title_names_are_compatible_speakers() -> None:
    from synopsis.models import Entity, Evidence, Role
    from synopsis.quotes.clusters import compatible_speakers
    from synopsis.quotes.speakers import BodyTies

    text = "Harbour Lines spokesperson Mia Lund said the ferries would run. Omar Haddad disagreed."
    body = Entity(id="e1", name="Harbour Lines", type="ORG", mentions=(Evidence("a1", 0, 13, "Harbour Lines"),))
    role = Role("spokesperson", ("a1",), (Evidence("a1", 0, 35, text[:35]),))
    person = Entity(id="e2", name="Mia Lund", type="PERSON", roles=(role,), mentions=(Evidence("a1", 27, 35),))
    other = Entity(id="e3", name="Omar Haddad", type="PERSON", mentions=(Evidence("a1", 64, 75),))
    ties = BodyTies((body, person, other))
    assert ties.of("e2") == {"e1"} and ties.of("e3") == frozenset() and ties.of("e1") == frozenset()
    quote = "The ferries will run on Monday as planned"
    by_body = ClusterItem("a1", 0, 10, quote, "e1", "Harbour Lines")
    by_person = ClusterItem("a2", 0, 10, quote, "e2", "Mia Lund", speaker_ties=ties.of("e2"))
    by_other = ClusterItem("a3", 0, 10, quote, "e3", "Omar Haddad")
    assert compatible_speakers(by_body, by_person) and not compatible_speakers(by_body, by_other)
    assert compatible_speakers(item("a1", quote, "e4", "Berg on Radio North"), item("a2", quote, "e5", "Anna Berg"))
    assert not compatible_speakers(item("a1", quote, "e4", "Anna Berg"), item("a2", quote, "e5", "Omar Haddad"))
    table = PairTable([by_body, by_person, by_other])
    assert table.features(0, 1)["speaker_compatible"] == 1.0
    # speakers told apart are never compared, compatible or not (letting them through paid nothing on tune)
    assert not {(0, 1), (0, 2)} & set(table.candidates(SETTINGS))
    joined = cluster_quotes([by_body, by_person, by_other], SETTINGS)
    assert len(set(joined)) == 3


def test_a_rare_word_shared_weighs_more_than_a_word_every_quote_holds() -> None:
    items = [item("a1", "talks substantive"), item("a2", "substantive answers"), item("a3", "talks hopeless"),
             item("a4", "talks resumed"), item("a5", "talks soon")]
    table = PairTable(items)
    rare, common = table.features(0, 1), table.features(0, 2)
    assert rare["dice"] == common["dice"] == 0.5
    assert rare["rare_dice"] > common["rare_dice"] and rare["rare_overlap"] > common["rare_overlap"]
