"""Stories found in a mixed batch: the check stories of the benchmark mixed together, and stable ids."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from bench.story_split import STORIES, stories
from synopsis.archive.grouping import bcubed, group_stories, story_id
from synopsis.ingest import load_articles
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
