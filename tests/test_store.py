"""The DuckDB store: idempotent re-ingest, atomic dossier writes, reading back."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from synopsis import Dossier, Store
from synopsis.errors import StoreError


def test_reingesting_the_same_articles_changes_nothing(sample: Callable[..., Dossier], tmp_path: Path) -> None:
    dossier = sample("entities")
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add_articles(dossier.articles) == len(dossier.articles)
        assert store.add_articles(dossier.articles) == 0
        first = store.save_dossier(dossier)
        counts = {t: store.count(t) for t in ("articles", "dossiers", "dossier_articles", "entities")}
        assert store.save_dossier(dossier) == first
        assert {t: store.count(t) for t in counts} == counts
    assert counts["articles"] == len(dossier.articles)
    assert counts["entities"] == len(dossier.entities or ())


def test_a_stored_dossier_reads_back_whole(sample: Callable[..., Dossier], tmp_path: Path) -> None:
    dossier = sample("entities")
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        dossier_id = store.save_dossier(dossier)
    with Store(path) as store:
        assert [row["id"] for row in store.list_dossiers()] == [dossier_id]
        assert store.load_dossier(dossier_id[:6]).to_dict() == dossier.to_dict()
        with pytest.raises(StoreError, match="no dossier"):
            store.load_dossier("dnothere")


def test_a_failed_write_keeps_what_was_stored(sample: Callable[..., Dossier], tmp_path: Path) -> None:
    dossier = sample("entities")
    with Store(tmp_path / "s.duckdb") as store:
        dossier_id = store.save_dossier(dossier)
        before = {t: store.count(t) for t in ("articles", "dossiers", "dossier_articles", "entities")}
        # Two articles with one id break the (dossier, article) key halfway through the write.
        first = dossier.articles[0]
        broken = dataclasses.replace(dossier, articles=(*dossier.articles, dataclasses.replace(first)))
        with pytest.raises(Exception, match=r"(?i)constraint|duplicate"):
            store.save_dossier(broken)
        assert {t: store.count(t) for t in before} == before
        assert store.load_dossier(dossier_id).to_dict() == dossier.to_dict()


def test_an_unwritable_store_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(blocker / "s.duckdb")


def test_a_changed_rebuild_is_a_new_version_and_show_reads_either(
    sample: Callable[..., Dossier], tmp_path: Path
) -> None:
    first = sample("entities")
    second = dataclasses.replace(first, generated_with={**first.generated_with, "model": "another"})
    with Store(tmp_path / "s.duckdb") as store:
        dossier_id = store.save_dossier(first, name="Riyadh talks")
        assert store.save_dossier(second) == dossier_id
        assert store.save_dossier(second) == dossier_id  # the same again adds nothing
        (row,) = store.list_dossiers()
        assert (row["version"], row["name"]) == (2, "Riyadh talks")
        assert store.count("dossiers") == 2
        assert store.load_dossier(dossier_id).generated_with["model"] == "another"
        assert store.load_dossier(dossier_id, version=1).to_dict() == first.to_dict()
        with pytest.raises(StoreError, match="no version 3"):
            store.load_dossier(dossier_id, version=3)


def test_readings_claims_timeline_and_positions_are_queryable(
    sample: Callable[..., Dossier], tmp_path: Path
) -> None:
    dossier = sample("entities", "quotes", "claims", "timeline", "positions")
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.save_dossier(dossier)
    import duckdb

    with duckdb.connect(str(path), read_only=True) as db:
        readings = db.execute(
            "SELECT d.id, r.outlet, r.value FROM discrepancies d JOIN readings r"
            " ON r.dossier_id = d.dossier_id AND r.version = d.version AND r.discrepancy_id = d.id"
        ).fetchall()
        quotes_with_outlets = db.execute("SELECT count(*) FROM quotes WHERE outlet IS NOT NULL").fetchone()
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("claims", "timeline", "positions")}
    expected = {(d.id, r.outlet, r.value) for d in dossier.discrepancies or () for r in d.readings}
    assert set(readings) == expected and expected
    assert quotes_with_outlets == (len(dossier.quotes or ()),)
    assert counts == {"claims": len(dossier.claims or ()), "timeline": len(dossier.timeline or ()),
                      "positions": len(dossier.positions or ())}


def test_reading_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "typo.duckdb", read_only=True)
    assert not (tmp_path / "typo.duckdb").exists()


def test_a_store_written_before_versions_keeps_its_dossiers(sample: Callable[..., Dossier], tmp_path: Path) -> None:
    import json

    import duckdb

    dossier = sample("entities")
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as db:
        db.execute("CREATE TABLE dossiers (id VARCHAR PRIMARY KEY, created TIMESTAMP, title VARCHAR,"
                   " article_count INTEGER, body VARCHAR)")
        db.execute("CREATE TABLE entities (dossier_id VARCHAR, id VARCHAR, name VARCHAR, type VARCHAR,"
                   " side VARCHAR, outlets INTEGER, mentions INTEGER, PRIMARY KEY (dossier_id, id))")
        db.execute("INSERT INTO dossiers VALUES ('dold', now(), 'T', ?, ?)",
                   [len(dossier.articles), json.dumps(dossier.to_dict())])
    with Store(path) as store:
        assert store.load_dossier("dold").to_dict() == dossier.to_dict()
        assert store.count("entities") == len(dossier.entities or ())
        assert [row["version"] for row in store.list_dossiers()] == [1]
