"""The embedded DuckDB store: every SQL statement synopsis runs lives in this class.

Articles are keyed by the hash of their cleaned text, so ingesting the same
article twice changes nothing. Each dossier is written in one transaction: an
interrupted build leaves the store as it was before it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import StoreError
from .models import Article, Dossier

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    content_hash VARCHAR PRIMARY KEY,
    source VARCHAR, outlet VARCHAR, title VARCHAR, published VARCHAR,
    published_source VARCHAR, url VARCHAR, author VARCHAR,
    word_count INTEGER, text VARCHAR, removed VARCHAR, first_seen TIMESTAMP
);
CREATE TABLE IF NOT EXISTS dossiers (
    id VARCHAR PRIMARY KEY, created TIMESTAMP, title VARCHAR,
    article_count INTEGER, body VARCHAR
);
CREATE TABLE IF NOT EXISTS dossier_articles (
    dossier_id VARCHAR, article_id VARCHAR, content_hash VARCHAR,
    PRIMARY KEY (dossier_id, article_id)
);
CREATE TABLE IF NOT EXISTS entities (
    dossier_id VARCHAR, id VARCHAR, name VARCHAR, type VARCHAR, side VARCHAR,
    outlets INTEGER, mentions INTEGER, PRIMARY KEY (dossier_id, id)
);
CREATE TABLE IF NOT EXISTS quotes (
    dossier_id VARCHAR, id VARCHAR, article_id VARCHAR, kind VARCHAR,
    speaker VARCHAR, text VARCHAR, PRIMARY KEY (dossier_id, id)
);
CREATE TABLE IF NOT EXISTS discrepancies (
    dossier_id VARCHAR, id VARCHAR, kind VARCHAR, topic VARCHAR,
    description VARCHAR, PRIMARY KEY (dossier_id, id)
);
"""

ITEM_TABLES = ("dossier_articles", "entities", "quotes", "discrepancies")


class Store:
    """A DuckDB file holding articles and dossiers; use as a context manager."""

    def __init__(self, path: str | Path = "synopsis.duckdb") -> None:
        import duckdb

        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = duckdb.connect(str(self.path))
            self._db.execute(SCHEMA)
        except (OSError, duckdb.Error) as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}; pass another --store PATH") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def add_articles(self, articles: list[Article] | tuple[Article, ...]) -> int:
        """Insert articles not seen before; returns how many were new."""
        with self._transaction():
            return sum(self._insert_article(a) for a in articles)

    def _insert_article(self, article: Article) -> int:
        row = self._db.execute(
            "SELECT 1 FROM articles WHERE content_hash = ?", [article.content_hash]
        ).fetchone()
        if row:
            return 0
        self._db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article.content_hash, article.source, article.outlet, article.title,
                article.published, article.published_source, article.url, article.author,
                article.word_count, article.text,
                json.dumps([r.to_dict() for r in article.removed]), datetime.now(UTC),
            ],
        )
        return 1

    def save_dossier(self, dossier: Dossier) -> str:
        """Store ``dossier`` (and its articles) atomically; the same articles give the same id."""
        dossier_id = dossier_key(dossier)
        body = json.dumps(dossier.to_dict(), ensure_ascii=False)
        title = next((a.title for a in dossier.articles if a.title), None)
        with self._transaction():
            for article in dossier.articles:
                self._insert_article(article)
            self._db.execute("DELETE FROM dossiers WHERE id = ?", [dossier_id])
            for table in ITEM_TABLES:
                self._db.execute(f"DELETE FROM {table} WHERE dossier_id = ?", [dossier_id])
            self._db.execute(
                "INSERT INTO dossiers VALUES (?, ?, ?, ?, ?)",
                [dossier_id, datetime.now(UTC), title, len(dossier.articles), body],
            )
            self._db.executemany(
                "INSERT INTO dossier_articles VALUES (?, ?, ?)",
                [[dossier_id, a.id, a.content_hash] for a in dossier.articles],
            )
            self._insert_items(dossier_id, dossier)
        return dossier_id

    def _insert_items(self, dossier_id: str, dossier: Dossier) -> None:
        if dossier.entities:
            self._db.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
                [[dossier_id, e.id, e.name, e.type, e.side, len(e.article_ids), len(e.mentions)]
                 for e in dossier.entities],
            )
        if dossier.quotes:
            self._db.executemany(
                "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?)",
                [[dossier_id, q.id, q.article_id, q.kind, q.speaker_name, q.text] for q in dossier.quotes],
            )
        if dossier.discrepancies:
            self._db.executemany(
                "INSERT INTO discrepancies VALUES (?, ?, ?, ?, ?)",
                [[dossier_id, d.id, d.kind, d.topic, d.description] for d in dossier.discrepancies],
            )

    def list_dossiers(self) -> list[dict[str, Any]]:
        rows = self._db.execute(
            "SELECT id, created, title, article_count FROM dossiers ORDER BY created DESC"
        ).fetchall()
        return [dict(zip(("id", "created", "title", "articles"), row, strict=True)) for row in rows]

    def load_dossier(self, dossier_id: str) -> Dossier:
        rows = self._db.execute(
            "SELECT id, body FROM dossiers WHERE id LIKE ? ORDER BY id", [dossier_id + "%"]
        ).fetchall()
        if len(rows) != 1:
            found = "no dossier" if not rows else f"{len(rows)} dossiers"
            raise StoreError(f"{found} with id {dossier_id!r} in {self.path}; `synopsis ls` lists them")
        return Dossier.from_dict(json.loads(rows[0][1]))

    def count(self, table: str) -> int:
        if table not in ("articles", "dossiers", *ITEM_TABLES):
            raise StoreError(f"no table {table!r} in the store")
        row = self._db.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    """BEGIN on entry; COMMIT on success, ROLLBACK on any exception."""

    def __init__(self, db: Any) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")


def dossier_key(dossier: Dossier) -> str:
    """A short id from the articles' content hashes: the same story gives the same id."""
    digest = hashlib.sha256("|".join(sorted(a.content_hash for a in dossier.articles)).encode())
    return "d" + digest.hexdigest()[:11]
