"""Stories found in a mixed batch: the check stories of the benchmark mixed together, stable ids, rare shared names,
and held-out PolNeAR pairs of one election told apart by event."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from bench.story_split import STORIES, stories
from bench.train_grouping import POLNEAR_PAIRS, polnear_pairs
from synopsis.archive.grouping import (
    FEATURES,
    PairModel,
    bcubed,
    group_stories,
    pair_features,
    same_story_probability,
    story_id,
)
from synopsis.ingest import load_articles
from synopsis.models import Article
from tests.conftest import BASELINE, shared_context

FLOORS = tomllib.loads(BASELINE.read_text(encoding="utf-8"))["grouping"]


def test_bcubed_scores_a_split_and_a_merge() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed([["a", "b"], ["c"]], gold) == (1.0, 1.0)
    precision, recall = bcubed([["a"], ["b"], ["c"]], gold)
    assert precision == 1.0 and recall == pytest.approx(2 / 3)
    precision, recall = bcubed([["a", "b", "c"]], gold)
    assert precision == pytest.approx(5 / 9) and recall == 1.0


@pytest.mark.skipif(not STORIES.is_dir(), reason="the stories benchmark is missing: put ../shared beside the repo")
def test_check_stories_mixed_are_told_apart() -> None:
    loaded = load_articles([folder / "articles" for folder in stories("check")])
    story_of = {a.id: Path(a.source).parent.parent.name for a in loaded.articles}
    context = shared_context()
    section = context.config.section("stories")
    found = group_stories(loaded.articles, context.embedder, section["grouping_threshold"], section["max_story_days"])
    precision, recall = bcubed([g.article_ids for g in found], story_of)
    assert precision >= FLOORS["check_precision"], precision
    assert recall >= FLOORS["check_recall"], recall
    assert all(g.title and g.id.startswith("s") for g in found)
    # an id names the story's earliest article, so it stays when a later article joins
    biggest = max(found, key=lambda g: len(g.article_ids))
    members = [a for a in loaded.articles if a.id in biggest.article_ids]
    late = dataclasses.replace(members[0], id="late", published="2099-01-01", content_hash="late")
    assert story_id([*members, late]) == biggest.id


def test_a_name_few_articles_share_counts_more_than_one_all_share() -> None:
    texts = ["Clinton spoke in Zanesville about Clinton.", "Clinton met Zanesville voters.", "Clinton again.",
             "Clinton on tour."]
    articles = [Article(id=f"a{i}", text=t, source=f"{i}.txt", title=t, content_hash=str(i))
                for i, t in enumerate(texts)]
    rare = pair_features(articles, shared_context().embedder)[..., FEATURES.index("shared_rare_names")]
    assert rare[0, 1] > rare[2, 3] > 0.0


@pytest.mark.skipif(not POLNEAR_PAIRS.is_file() or not STORIES.is_dir(), reason="PolNeAR or the labelled pairs missing")
def test_held_out_polnear_pairs_are_called_one_event_with_precision() -> None:
    features, same, fitted = polnear_pairs(shared_context().embedder)
    section = shared_context().config.section("stories")
    probability = same_story_probability(features[None], PairModel.load(), section["max_story_days"])[0]
    called = (probability >= section["grouping_threshold"]) & ~fitted
    assert called.sum() >= 10
    assert (called & same).sum() / called.sum() >= FLOORS["polnear_heldout_precision"]
