"""The archive: articles added to the store, stories found among them, and a story built from the store."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bench.story_split import STORIES
from synopsis.cli import app
from synopsis.models import Article
from synopsis.store import Store

runner = CliRunner()
FIRST = STORIES / "pope-leo-xiv-2025" / "articles"
SECOND = STORIES / "japan-upper-house-2025" / "articles"
needs_stories = pytest.mark.skipif(not FIRST.is_dir() or not SECOND.is_dir(),
                                   reason="the stories benchmark is missing: put ../shared beside the repository")


def test_one_text_from_two_outlets_is_two_articles(tmp_path: Path) -> None:
    wire = Article(id="a1", text="The same wire story, word for word.", source="one.txt", outlet="Agency",
                   content_hash="h1")
    with Store(tmp_path / "s.duckdb") as db:
        assert db.add_articles([wire, dataclasses.replace(wire, source="two.txt", outlet="Paper")]) == 2
        assert db.add_articles([wire]) == 0
        first, second = db.archive()
    assert (first.outlet, second.outlet) == ("Agency", "Paper")
    assert first.copy_of is None and second.copy_of == first.id


def test_an_old_store_is_rekeyed_without_losing_articles(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as db:
        db.execute("CREATE TABLE articles (content_hash VARCHAR PRIMARY KEY, source VARCHAR, outlet VARCHAR,"
                   " title VARCHAR, published VARCHAR, published_source VARCHAR, url VARCHAR, author VARCHAR,"
                   " word_count INTEGER, text VARCHAR, removed VARCHAR, first_seen TIMESTAMP)")
        db.execute("INSERT INTO articles VALUES ('h', 'a.txt', 'Paper', 'T', NULL, NULL, NULL, NULL, 3,"
                   " 'one two three', '[]', now())")
    with Store(path) as store:
        (article,) = store.archive()
    assert (article.outlet, article.text, article.content_hash) == ("Paper", "one two three", "h")


@needs_stories
def test_stories_are_found_in_the_archive_and_built_from_it(tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    added = runner.invoke(app, ["ingest", str(FIRST), str(SECOND), "--store", store])
    assert added.exit_code == 0, added.output
    assert "18 articles added, 0 already" in added.output
    again = runner.invoke(app, ["ingest", str(FIRST), "--store", store])
    assert "0 articles added, 9 already" in again.output

    listed = runner.invoke(app, ["stories", "--json", "--store", store])
    assert listed.exit_code == 0, listed.output
    stories = json.loads(listed.stdout)
    assert len(stories) == 2
    assert sorted(len(s["articles"]) for s in stories) == [9, 9]
    for story in stories:
        assert set(story) == {"id", "title", "articles"} and story["title"]
        assert {Path(a["source"]).parent for a in story["articles"]} in ({FIRST}, {SECOND})
        assert set(story["articles"][0]) == {"id", "source", "url", "outlet", "published"}

    chosen = next(s for s in stories if Path(s["articles"][0]["source"]).parent == SECOND)
    built = runner.invoke(app, ["build", "--story", chosen["id"][:6], "--store", store, "-o", str(tmp_path / "out"),
                                "--format", "json"])
    assert built.exit_code == 0, built.output
    dossier = json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8"))
    assert {Path(a["source"]).parent for a in dossier["articles"]} == {SECOND}
    assert any(p.is_dir() for p in Path(tmp_path).glob("s.duckdb.parses/*")), "parses are kept beside the store"
    vectors = list(Path(tmp_path).glob(f"s.duckdb.vectors/*/{chosen['id']}.npz"))  # and the story's sentence vectors
    assert len(vectors) == 1 and vectors[0].stat().st_size > 0
    rebuilt = runner.invoke(app, ["build", "--story", chosen["id"], "--store", store, "-o", str(tmp_path / "again"),
                                  "--format", "json"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert (tmp_path / "again" / "dossier.json").read_bytes() == (tmp_path / "out" / "dossier.json").read_bytes()

    relisted = json.loads(runner.invoke(app, ["stories", "--json", "--store", store]).stdout)
    assert sorted(s["id"] for s in relisted) == sorted(s["id"] for s in stories), "ids are stable"


@needs_stories
def test_a_build_over_two_stories_warns(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(FIRST), str(SECOND), "--store", str(tmp_path / "s.duckdb"),
                                 "-o", str(tmp_path / "out"), "--format", "json",
                                 "--config", str(_stages_config(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "look like 2 stories" in result.output


def _stages_config(tmp_path: Path) -> Path:
    """A config that runs only the parse, so the warning is checked without a full build."""
    path = tmp_path / "fast.toml"
    path.write_text('[pipeline]\nstages = ["annotate"]\n', encoding="utf-8")
    return path
