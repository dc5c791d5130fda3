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
    id VARCHAR, version INTEGER, name VARCHAR, created TIMESTAMP, title VARCHAR,
    article_count INTEGER, model VARCHAR, body VARCHAR, PRIMARY KEY (id, version)
);
CREATE TABLE IF NOT EXISTS dossier_articles (
    dossier_id VARCHAR, version INTEGER, article_id VARCHAR, content_hash VARCHAR, outlet VARCHAR,
    PRIMARY KEY (dossier_id, version, article_id)
);
CREATE TABLE IF NOT EXISTS entities (
    dossier_id VARCHAR, version INTEGER, id VARCHAR, name VARCHAR, type VARCHAR, side VARCHAR,
    outlets INTEGER, mentions INTEGER, PRIMARY KEY (dossier_id, version, id)
);
CREATE TABLE IF NOT EXISTS quotes (
    dossier_id VARCHAR, version INTEGER, id VARCHAR, article_id VARCHAR, outlet VARCHAR, kind VARCHAR,
    speaker VARCHAR, speaker_id VARCHAR, cluster_id VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER,
    PRIMARY KEY (dossier_id, version, id)
);
CREATE TABLE IF NOT EXISTS discrepancies (
    dossier_id VARCHAR, version INTEGER, id VARCHAR, kind VARCHAR, topic VARCHAR, description VARCHAR,
    confidence DOUBLE, claim_id VARCHAR, PRIMARY KEY (dossier_id, version, id)
);
CREATE TABLE IF NOT EXISTS readings (
    dossier_id VARCHAR, version INTEGER, discrepancy_id VARCHAR, article_id VARCHAR, outlet VARCHAR,
    value VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER
);
CREATE TABLE IF NOT EXISTS claims (
    dossier_id VARCHAR, version INTEGER, id VARCHAR, text VARCHAR, outlets VARCHAR[], support INTEGER,
    corroborated BOOLEAN, PRIMARY KEY (dossier_id, version, id)
);
CREATE TABLE IF NOT EXISTS timeline (
    dossier_id VARCHAR, version INTEGER, position INTEGER, date VARCHAR, granularity VARCHAR, status VARCHAR,
    text VARCHAR, outlets VARCHAR[], PRIMARY KEY (dossier_id, version, position)
);
CREATE TABLE IF NOT EXISTS positions (
    dossier_id VARCHAR, version INTEGER, position INTEGER, actor VARCHAR, actor_id VARCHAR, issue VARCHAR,
    stance VARCHAR, kind VARCHAR, modality VARCHAR, article_id VARCHAR, start_char INTEGER, end_char INTEGER,
    PRIMARY KEY (dossier_id, version, position)
);
"""

ITEM_TABLES = ("dossier_articles", "entities", "quotes", "discrepancies", "readings", "claims", "timeline",
               "positions")


class Store:
    """A DuckDB file holding articles and dossiers; use as a context manager."""

    def __init__(self, path: str | Path = "synopsis.duckdb", read_only: bool = False) -> None:
        """Open (and with ``read_only`` False, create or upgrade) the store at ``path``."""
        import duckdb

        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.is_file():
            raise StoreError(f"no store at {self.path}; build a dossier first, or pass --store PATH")
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = duckdb.connect(str(self.path), read_only=read_only)
            if not read_only:
                self._upgrade()
                self._db.execute(SCHEMA)
        except (OSError, duckdb.Error) as exc:
            if "lock" in str(exc).lower():
                raise StoreError(f"store {self.path} is in use by another process; wait for it to finish, "
                                 "or pass another --store PATH") from None
            raise StoreError(f"cannot open store {self.path}: {exc}; pass another --store PATH") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _columns(self, table: str) -> list[str]:
        return [row[0] for row in self._db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()]

    def _upgrade(self) -> None:
        """Bring a store written by an earlier version up to date, keeping every article and dossier: articles
        re-keyed by text and outlet, and dossiers given versions, their item tables rebuilt from their JSON."""
        columns = self._columns("articles")
        if columns and "id" not in columns:
            with self._transaction():
                self._db.execute("ALTER TABLE articles RENAME TO articles_before_outlets")
                self._db.execute(SCHEMA)
                self._db.execute(
                    "INSERT INTO articles SELECT 'x' || substr(sha256(content_hash || '|' || coalesce(outlet, '')),"
                    " 1, 16), content_hash, outlet, NULL, source, title, published, published_source, url, author,"
                    " word_count, text, removed, first_seen FROM articles_before_outlets"
                )
                self._db.execute("DROP TABLE articles_before_outlets")
        columns = self._columns("dossiers")
        if columns and "version" not in columns:
            old = self._db.execute("SELECT id, created, body FROM dossiers ORDER BY created").fetchall()
            with self._transaction():
                for table in ("dossiers", *ITEM_TABLES):
                    self._db.execute(f"DROP TABLE IF EXISTS {table}")
                self._db.execute(SCHEMA)
                for dossier_id, created, body in old:
                    self._insert_version(dossier_id, 1, None, created, Dossier.from_dict(json.loads(body)), body)

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

    def save_dossier(self, dossier: Dossier, name: str | None = None) -> str:
        """Store ``dossier`` (and its articles) atomically and return its id (the same articles give the same
        id). A dossier that differs from the latest stored version of its id (another model, config or code)
        becomes a new version; the same dossier again changes nothing."""
        dossier_id = dossier_key(dossier)
        body = json.dumps(dossier.to_dict(), ensure_ascii=False)
        with self._transaction():
            for article in dossier.articles:
                self._insert_article(article)
            latest = self._db.execute(
                "SELECT version, body, name FROM dossiers WHERE id = ? ORDER BY version DESC LIMIT 1", [dossier_id]
            ).fetchone()
            if latest and latest[1] == body:
                if name is not None and name != latest[2]:
                    self._db.execute("UPDATE dossiers SET name = ? WHERE id = ? AND version = ?",
                                     [name, dossier_id, latest[0]])
                return dossier_id
            version = latest[0] + 1 if latest else 1
            keep_name = name if name is not None else (latest[2] if latest else None)
            self._insert_version(dossier_id, version, keep_name, datetime.now(UTC), dossier, body)
        return dossier_id

    def _insert_version(
        self, dossier_id: str, version: int, name: str | None, created: datetime, dossier: Dossier, body: str
    ) -> None:
        from .render.common import story_title  # the headline the page shows: the one most outlets' headlines share

        title = story_title(dossier)
        model = dossier.generated_with.get("model")
        self._db.execute(
            "INSERT INTO dossiers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [dossier_id, version, name, created, title, len(dossier.articles), model, body],
        )
        key = [dossier_id, version]
        outlet = {a.id: a.outlet_name for a in dossier.articles}
        rows: dict[str, list[list[Any]]] = {
            "dossier_articles": [[*key, a.id, a.content_hash, a.outlet] for a in dossier.articles],
            "entities": [[*key, e.id, e.name, e.type, e.side, len(e.article_ids), len(e.mentions)]
                         for e in dossier.entities or ()],
            "quotes": [[*key, q.id, q.article_id, outlet.get(q.article_id), q.kind, q.speaker_name, q.speaker_id,
                        q.cluster_id, q.text, q.start, q.end] for q in dossier.quotes or ()],
            "discrepancies": [[*key, d.id, d.kind, d.topic, d.description, d.confidence, d.claim_id]
                              for d in dossier.discrepancies or ()],
            "readings": [[*key, d.id, r.article_id, r.outlet, r.value, r.text, r.start, r.end]
                         for d in dossier.discrepancies or () for r in d.readings],
            "claims": [[*key, c.id, c.text, list(c.outlets), c.support, c.corroborated] for c in dossier.claims or ()],
            "timeline": [[*key, n, t.date, t.granularity, t.status, t.text, list(t.outlets)]
                         for n, t in enumerate(dossier.timeline or ())],
            "positions": [[*key, n, p.actor, p.actor_id, p.issue, p.stance, p.kind, p.modality,
                           p.evidence[0].article_id if p.evidence else None,
                           p.evidence[0].start if p.evidence else None, p.evidence[0].end if p.evidence else None]
                          for n, p in enumerate(dossier.positions or ())],
        }
        for table, values in rows.items():
            if values:
                marks = ", ".join("?" * len(values[0]))
                self._db.executemany(f"INSERT INTO {table} VALUES ({marks})", values)

    def list_dossiers(self) -> list[dict[str, Any]]:
        """Each dossier's latest version: id, version, name, created, title, articles and discrepancies."""
        rows = self._db.execute(
            "SELECT d.id, d.version, d.name, d.created, d.title, d.article_count,"
            " (SELECT count(*) FROM discrepancies x WHERE x.dossier_id = d.id AND x.version = d.version)"
            " FROM dossiers d WHERE d.version = (SELECT max(version) FROM dossiers e WHERE e.id = d.id)"
            " ORDER BY d.created DESC, d.id"
        ).fetchall()
        names = ("id", "version", "name", "created", "title", "articles", "discrepancies")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def load_dossier(self, dossier_id: str, version: int | None = None) -> Dossier:
        """The dossier whose id starts with ``dossier_id``: its latest version, or ``version``."""
        ids = [row[0] for row in self._db.execute(
            "SELECT DISTINCT id FROM dossiers WHERE id LIKE ? ORDER BY id", [dossier_id + "%"]).fetchall()]
        if len(ids) != 1:
            found = "no dossier" if not ids else f"{len(ids)} dossiers"
            raise StoreError(f"{found} with id {dossier_id!r} in {self.path}; `synopsis ls` lists them")
        row = self._db.execute(
            "SELECT body FROM dossiers WHERE id = ? AND (? IS NULL OR version = ?) ORDER BY version DESC LIMIT 1",
            [ids[0], version, version],
        ).fetchone()
        if row is None:
            raise StoreError(f"dossier {ids[0]} has no version {version} in {self.path}; `synopsis ls` lists them")
        return Dossier.from_dict(json.loads(row[0]))

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
