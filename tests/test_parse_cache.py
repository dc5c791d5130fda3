"""The parse cache gives back exactly the parse spaCy gives, and a damaged entry is parsed again."""

from __future__ import annotations

from pathlib import Path

import pytest

from synopsis.annotate.cache import ParseCache
from synopsis.annotate.stage import Annotate, make
from synopsis.config import Config
from synopsis.context import Context
from synopsis.errors import ConfigError
from synopsis.models import Article
from tests.conftest import loaded_sample, shared_context


def _parses(articles: list[Article], cache: ParseCache | None) -> list[tuple[object, ...]]:
    annotate = Annotate(shared_context().nlp, 2, cache)
    return [(a.sentences, a.mentions, a.doc.to_json()) for a in annotate.pipe(articles)]


def test_cached_parses_equal_fresh_ones_and_a_broken_entry_is_parsed_again(tmp_path: Path) -> None:
    articles = list(loaded_sample().articles[:2])
    fresh = _parses(articles, None)
    cache = ParseCache(tmp_path, shared_context().nlp)
    assert _parses(articles, cache) == fresh  # first run: parsed and stored
    assert all(a.text in cache for a in articles)
    assert _parses(articles, cache) == fresh  # second run: read back
    broken = cache.path(articles[0].text)
    broken.write_bytes(broken.read_bytes()[:100])
    assert cache.get(articles[0].text) is None
    assert _parses(articles, cache) == fresh
    assert cache.get(articles[0].text) is not None  # stored again


def test_the_stage_uses_the_folder_the_config_names(tmp_path: Path) -> None:
    folder = tmp_path / "parses"
    annotate = make(Context(Config.load(nlp__parse_cache=str(folder))))
    assert annotate.cache is not None and annotate.cache.folder.parent == folder
    assert make(shared_context()).cache is None  # off unless a folder is set


def test_an_unusable_folder_says_how_to_turn_the_cache_off(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ConfigError, match="parse_cache"):
        ParseCache(blocker / "parses", shared_context().nlp)


def test_parsing_in_two_processes_gives_the_same_parses() -> None:
    articles = list(loaded_sample().articles)
    one = [(a.sentences, a.mentions, a.doc.to_json()) for a in Annotate(shared_context().nlp, 1).pipe(articles)]
    two = Annotate(shared_context().nlp, 1, n_process=2)
    assert len(articles) > two.n_process * two.batch_size  # enough texts for the workers to start
    assert [(a.sentences, a.mentions, a.doc.to_json()) for a in two.pipe(articles)] == one
    assert make(Context(Config.load(nlp__n_process=2))).n_process == 2
