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
