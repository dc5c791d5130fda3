"""What the web app shows, read from the store: the same plain data for a page and for its JSON twin.

Why a layer of its own: every page has a `/api/...` mirror, so what a page lists is decided once here, as
plain dicts and lists, and the HTML templates and the JSON encoder only put it into their format. Dossiers are
read once and kept in memory by id and build time, so browsing many pages parses each stored body once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..lang.names import fold
from ..models import Dossier, Evidence
from ..render.common import Sources, story_title
from ..store import Store, dossier_key

#: How many quotes one search lists at most (the rest are counted).
SEARCH_LIMIT = 200


@dataclass(frozen=True)
class Loaded:
    """A stored dossier with what its pages need again and again: its lettered sources and headline."""

    id: str
    created: str
    dossier: Dossier
    sources: Sources
    title: str


class Library:
    """The store as the web app reads it; one lock serialises every use of the store file in this process."""

    def __init__(self, store_path: Path, read_only: bool = False) -> None:
        self.store_path = store_path
        self.read_only = read_only
        self.lock = threading.RLock()
        self._cache: dict[tuple[str, str], Loaded] = {}

    @contextmanager
    def store(self) -> Iterator[Store]:
        with self.lock, Store(self.store_path, read_only=self.read_only) as db:
            yield db

    # reading dossiers

    def dossiers(self) -> list[Loaded]:
        """Every stored dossier, newest first."""
        with self.store() as db:
            rows = db.list_dossiers()
            loaded = []
            for row in rows:
                key = (row["id"], str(row.get("version", row["created"])))
                if key not in self._cache:
                    dossier = db.load_dossier(row["id"])
                    self._cache[key] = Loaded(row["id"], f"{row['created']:%Y-%m-%d %H:%M}", dossier,
                                              Sources.of(dossier), row["title"] or story_title(dossier))
                loaded.append(self._cache[key])
        return loaded

    def dossier(self, dossier_id: str) -> Loaded | None:
        return next((d for d in self.dossiers() if d.id == dossier_id), None)

    # the pages' data

    def home(self) -> dict[str, Any]:
        """Stories and dossiers: outlets, dates and how many discrepancies each dossier found."""
        loaded = self.dossiers()
        built = {d.id for d in loaded}
        story_rows = []
        with self.store() as db:
            archive = {a.id: a for a in db.archive()}
            for story in db.stories():
                members = tuple(archive[a["id"]] for a in story["articles"] if a["id"] in archive)
                dossier_id = dossier_key(Dossier(articles=members))  # the id a build of the story gets
                story_rows.append({
                    "id": story["id"], "title": story["title"], "articles": len(story["articles"]),
                    "outlets": sorted({a["outlet"] or "unknown outlet" for a in story["articles"]}),
                    "dates": _date_span([a["published"] for a in story["articles"]]),
                    "dossier": dossier_id if dossier_id in built else None,
                })
        return {
            "dossiers": [self.summary_of(d) for d in loaded],
            "stories": story_rows,
        }

    @staticmethod
    def summary_of(loaded: Loaded) -> dict[str, Any]:
        dossier = loaded.dossier
        return {
            "id": loaded.id, "title": loaded.title, "created": loaded.created,
            "articles": len(dossier.articles), "outlets": list(loaded.sources.outlets.values()),
            "dates": _date_span([dossier.publication_date(a.id)[0] for a in dossier.articles]),
            "discrepancies": len(dossier.discrepancies or ()), "quotes": len(dossier.quotes or ()),
        }

    def entity(self, name: str) -> dict[str, Any]:
        """One name across every stored story: its roles by outlet, its quotes and its positions."""
        wanted = fold(name)
        found: list[dict[str, Any]] = []
        for loaded in self.dossiers() if wanted else []:
            for entity in loaded.dossier.entities or ():
                if wanted not in {fold(entity.name), *(fold(a) for a in entity.aliases)}:
                    continue
                sources = loaded.sources
                found.append({
                    "dossier": loaded.id, "title": loaded.title, "name": entity.name, "type": entity.type,
                    "side": entity.side, "outlets": _outlets(sources, entity.article_ids),
                    "roles": [{"title": r.title, "outlets": _outlets(sources, r.article_ids)} for r in entity.roles],
                    "quotes": [self._quote(loaded, q.id) for q in loaded.dossier.quotes or ()
                               if q.speaker_id == entity.id],
                    "positions": [{"issue": p.issue, "stance": p.stance, "kind": p.kind,
                                   "cites": [self._cite(loaded, ev) for ev in p.evidence[:3]]}
                                  for p in loaded.dossier.positions or () if p.actor_id == entity.id],
                })
        return {"name": name, "stories": found}

    def entities(self, limit: int = 60) -> list[dict[str, Any]]:
        """The names most stories and outlets speak of: the entity index on the home page."""
        names: dict[str, dict[str, Any]] = {}
        for loaded in self.dossiers():
            for entity in loaded.dossier.entities or ():
                if entity.type not in ("PERSON", "ORG") or len(entity.article_ids) < 2:
                    continue
                row = names.setdefault(fold(entity.name), {"name": entity.name, "stories": 0, "outlets": set()})
                row["stories"] += 1
                row["outlets"].update(_outlets(loaded.sources, entity.article_ids))
        ranked = sorted(names.values(), key=lambda r: (-r["stories"], -len(r["outlets"]), r["name"]))[:limit]
        return [{"name": r["name"], "stories": r["stories"], "outlets": len(r["outlets"])} for r in ranked]

    def quotes(self, speaker: str = "", words: str = "") -> dict[str, Any]:
        """Quotes across every stored story whose speaker's name holds ``speaker`` and whose text holds each of
        ``words`` (case and accents ignored)."""
        who, terms = fold(speaker), fold(words).split()
        hits: list[dict[str, Any]] = []
        total = 0
        if who or terms:
            for loaded in self.dossiers():
                for quote in loaded.dossier.quotes or ():
                    if who and who not in fold(quote.speaker_name or ""):
                        continue
                    text = fold(quote.text)
                    if any(term not in text for term in terms):
                        continue
                    total += 1
                    if len(hits) < SEARCH_LIMIT:
                        hits.append(self._quote(loaded, quote.id))
        return {"speaker": speaker, "words": words, "total": total, "quotes": hits}

    def _quote(self, loaded: Loaded, quote_id: str) -> dict[str, Any]:
        quote = next(q for q in loaded.dossier.quotes or () if q.id == quote_id)
        cite = self._cite(loaded, Evidence(quote.article_id, quote.start, quote.end, quote.text))
        return {"dossier": loaded.id, "title": loaded.title, "speaker": quote.speaker_name, "kind": quote.kind,
                "text": quote.text, "outlet": cite["outlet"], "letter": cite["letter"], "href": cite["href"]}

    @staticmethod
    def _cite(loaded: Loaded, ev: Evidence) -> dict[str, Any]:
        """Where a span sits in its dossier's page: the outlet, its letter and the link to the sentence."""
        citation = loaded.sources.citation(ev)
        if citation is None:
            return {"outlet": None, "letter": "?", "href": f"/dossier/{loaded.id}", "text": ev.text}
        return {"outlet": citation.source.outlet, "letter": citation.source.letter, "text": citation.text,
                "href": f"/dossier/{loaded.id}#{citation.target}"}


def _outlets(sources: Sources, article_ids: tuple[str, ...] | list[str]) -> list[str]:
    return [sources.outlets[key] for key in sources.outlet_keys(list(article_ids))]


def _date_span(dates: list[str | None]) -> str:
    known = sorted(d for d in dates if d)
    if not known:
        return "dates unknown"
    return known[0] if known[0] == known[-1] else f"{known[0]} to {known[-1]}"
