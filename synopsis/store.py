"""The embedded DuckDB store: every SQL statement synopsis runs lives in this class.

Articles are keyed by the hash of their cleaned text and their outlet, so ingesting the same article twice
changes nothing, while the same wire text from two outlets is two articles, the later one a ``copy_of`` the
first. Each write is one transaction: an interrupted build leaves the store as it was before it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import StoreError
from .models import Article, Dossier, Removed

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, content_hash VARCHAR, outlet VARCHAR, copy_of VARCHAR,
    source VARCHAR, title VARCHAR, published VARCHAR,
    published_source VARCHAR, url VARCHAR, author VARCHAR,
    word_count INTEGER, text VARCHAR, removed VARCHAR, first_seen TIMESTAMP
);
CREATE TABLE IF NOT EXISTS stories (
    story_id VARCHAR, article_id VARCHAR, title VARCHAR, PRIMARY KEY (story_id, article_id)
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
            self._upgrade()
            self._db.execute(SCHEMA)
        except (OSError, duckdb.Error) as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}; pass another --store PATH") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _upgrade(self) -> None:
        """Re-key a store written before articles were keyed by text and outlet (its rows are kept)."""
        columns = [row[0] for row in self._db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles'").fetchall()]
        if not columns or "id" in columns:
            return
        with self._transaction():
            self._db.execute("ALTER TABLE articles RENAME TO articles_before_outlets")
            self._db.execute(SCHEMA)
            self._db.execute(
                "INSERT INTO articles SELECT 'x' || substr(sha256(content_hash || '|' || coalesce(outlet, '')), 1, 16),"
                " content_hash, outlet, NULL, source, title, published, published_source, url, author, word_count,"
                " text, removed, first_seen FROM articles_before_outlets"
            )
            self._db.execute("DROP TABLE articles_before_outlets")

    def add_articles(self, articles: list[Article] | tuple[Article, ...]) -> int:
        """Insert articles not seen before (same text from the same outlet); returns how many were new."""
        with self._transaction():
            return sum(self._insert_article(a) for a in articles)

    def _insert_article(self, article: Article) -> int:
        key = article_key(article.content_hash, article.outlet)
        if self._db.execute("SELECT 1 FROM articles WHERE id = ?", [key]).fetchone():
            return 0
        first = self._db.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND copy_of IS NULL ORDER BY first_seen, id LIMIT 1",
            [article.content_hash],
        ).fetchone()
        self._db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                key, article.content_hash, article.outlet, first[0] if first else None, article.source,
                article.title, article.published, article.published_source, article.url, article.author,
                article.word_count, article.text,
                json.dumps([r.to_dict() for r in article.removed]), datetime.now(UTC),
            ],
        )
        return 1

    def archive(self, since: str | None = None) -> list[Article]:
        """Every stored article (published on or after ``since`` when given, undated ones included), with the
        store's ids, in the order they were first seen."""
        rows = self._db.execute(
            "SELECT id, text, source, outlet, title, published, published_source, author, url, word_count, copy_of,"
            " content_hash, removed FROM articles WHERE ? IS NULL OR published IS NULL OR published >= ?"
            " ORDER BY first_seen, id",
            [since, since],
        ).fetchall()
        return [
            Article(
                id=row[0], text=row[1], source=row[2], outlet=row[3], title=row[4], published=row[5],
                published_source=row[6], author=row[7], url=row[8], word_count=row[9] or 0, copy_of=row[10],
                content_hash=row[11], removed=tuple(Removed.from_dict(r) for r in json.loads(row[12] or "[]")),
            )
            for row in rows
        ]

    def save_stories(self, stories: list[tuple[str, str, tuple[str, ...]]]) -> None:
        """Replace the stories found in the archive: (story id, title, article ids) each."""
        with self._transaction():
            self._db.execute("DELETE FROM stories")
            self._db.executemany(
                "INSERT INTO stories VALUES (?, ?, ?)",
                [[story_id, article_id, title] for story_id, title, ids in stories for article_id in ids],
            )

    def stories(self) -> list[dict[str, Any]]:
        """The stories last found: id, title and articles (id, source, url, outlet, published), newest first."""
        rows = self._db.execute(
            "SELECT s.story_id, s.title, a.id, a.source, a.url, a.outlet, a.published FROM stories s"
            " JOIN articles a ON a.id = s.article_id ORDER BY a.first_seen, a.id"
        ).fetchall()
        found: dict[str, dict[str, Any]] = {}
        for story_id, title, *article in rows:
            story = found.setdefault(story_id, {"id": story_id, "title": title, "articles": []})
            story["articles"].append(dict(zip(("id", "source", "url", "outlet", "published"), article, strict=True)))
        return sorted(found.values(), key=lambda s: max(a["published"] or "" for a in s["articles"]), reverse=True)

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
        if table not in ("articles", "dossiers", "stories", *ITEM_TABLES):
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


def article_key(content_hash: str, outlet: str | None) -> str:
    """An archive article's id: its text's hash and its outlet, so one text from two outlets is two articles."""
    return "x" + hashlib.sha256(f"{content_hash}|{outlet or ''}".encode()).hexdigest()[:16]


def dossier_key(dossier: Dossier) -> str:
    """A short id from the articles' content hashes: the same story gives the same id."""
    digest = hashlib.sha256("|".join(sorted(a.content_hash for a in dossier.articles)).encode())
    return "d" + digest.hexdigest()[:11]
