"""A stream of articles kept in the store: add them, find the stories among them, and build a story.

Why: a newsroom follows many stories at once, and new articles join yesterday's stories. Articles are added
to the store's archive as they come (files, URLs, or the entries of an RSS/Atom feed the user names); stories
are found over the whole archive each time, with ids that stay as articles join; a story's dossier is built
from its stored articles, and a parse cache beside the store means no text is ever parsed twice.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..backends import CachedEmbedder
from ..config import Config
from ..context import Context
from ..errors import InputError, StoreError
from ..ingest import LoadResult, load_articles
from ..ingest.fetch import read_url_list
from ..models import Article, Rejected
from ..store import Store
from .grouping import StoryGroup, group_stories


@dataclass(frozen=True)
class Ingested:
    """What one ``ingest`` added: articles new to the archive, those it already held, and what was read."""

    added: int
    known: int
    loaded: LoadResult


def feed_links(feed: str) -> list[str]:
    """The article links of an RSS or Atom feed given as a file (a feed on the web: fetch it to a file first)."""
    import feedparser

    path = Path(feed)
    if not path.is_file():
        raise InputError(feed, "no such feed file; save the feed to a file and pass its path")
    parsed = feedparser.parse(path.read_bytes())
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(feed, f"not an RSS or Atom feed ({parsed.get('bozo_exception')})")
    links = [entry.get("link") for entry in parsed.entries]
    return [link for link in links if isinstance(link, str) and link.startswith(("http://", "https://"))]


def ingest(
    store: Store, paths: Iterable[str | Path], config: Config, urls_file: str | Path | None = None,
    feed: str | None = None,
) -> Ingested:
    """Read the inputs and add their articles to the store's archive."""
    urls: list[str] = []
    if urls_file is not None:
        listed = read_url_list(Path(urls_file), int(config.get("ingest", "max_file_bytes")))
        if isinstance(listed, Rejected):
            raise InputError(listed.source, listed.reason)
        urls += listed
    if feed is not None:
        urls += feed_links(feed)
    with tempfile.TemporaryDirectory(prefix="synopsis-urls-") as folder:
        url_list = None
        if urls:
            url_list = Path(folder, "urls.txt")
            url_list.write_text("\n".join(urls) + "\n", encoding="utf-8")
        loaded = load_articles(paths, config=config, urls_file=url_list)
    added = store.add_articles(loaded.articles)
    return Ingested(added, len(loaded.articles) - added, loaded)


def find_stories(store: Store, context: Context, since: str | None = None) -> list[StoryGroup]:
    """Group the archive (articles published on or after ``since``, and undated ones) into stories, and keep
    them in the store."""
    articles = store.archive(since)
    section = context.config.section("stories")
    found = group_stories(articles, context.embedder, section["grouping_threshold"], section["max_story_days"])
    store.save_stories([(s.id, s.title, s.article_ids) for s in found])
    return found


def story_id_of(store: Store, prefix: str) -> str:
    """The full id of the one stored story whose id starts with ``prefix``."""
    found = [s["id"] for s in store.stories() if s["id"].startswith(prefix)]
    if len(found) != 1:
        which = "no story" if not found else f"{len(found)} stories"
        raise StoreError(f"{which} with id {prefix!r} in {store.path}; `synopsis stories` lists them")
    return str(found[0])


def story_articles(store: Store, story_id: str) -> list[Article]:
    """The articles of the one stored story whose id starts with ``story_id`` (see ``stories_articles``)."""
    full = story_id_of(store, story_id)
    return stories_articles(store, [full])[full]


def stories_articles(store: Store, story_ids: Sequence[str] | None = None) -> dict[str, list[Article]]:
    """The articles of each stored story (every story when ``story_ids`` is None), numbered a1..aN in
    publication order, copies pointing at their original; the store is read once for them all."""
    wanted = {s["id"]: {a["id"] for a in s["articles"]} for s in store.stories()
              if story_ids is None or s["id"] in story_ids}
    archive = store.archive()
    found = {}
    for story_id, members_ids in wanted.items():
        members = sorted((a for a in archive if a.id in members_ids), key=lambda a: (a.published or "", a.id))
        ids = {a.id: f"a{n}" for n, a in enumerate(members, 1)}
        found[story_id] = [dataclasses.replace(a, id=ids[a.id], copy_of=ids.get(a.copy_of or "")) for a in members]
    return found


def mixed_story_warning(articles: Sequence[Article], context: Context) -> str | None:
    """A warning when the articles of one build look like several stories (so corroboration would be faked)."""
    originals = [a for a in articles if a.copy_of is None]
    if len(originals) < 3:
        return None
    section = context.config.section("stories")
    groups = group_stories(originals, context.embedder, section["mixed_warning"], section["max_story_days"])
    if len(groups) < 2:
        return None
    named = "; ".join(f"{g.title!r} ({', '.join(g.article_ids)})" for g in groups[:4])
    return (f"these {len(originals)} articles look like {len(groups)} stories: {named}; build each story apart, "
            "or let `synopsis ingest` and `synopsis stories` sort them")


@dataclass(frozen=True)
class StoryJob:
    """One story to build, as plain data a worker process can receive: settings, the articles as dicts, and
    the folder where the story's sentence vectors are kept between builds (None: not kept)."""

    story_id: str
    settings: dict[str, dict[str, Any]]
    articles: tuple[dict[str, Any], ...]
    vectors: str | None = None


def build_story_dossiers(jobs: Iterable[StoryJob]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each story's dossier as (story id, dossier dict): the same in this process as on a Ray worker. With
    ``vectors``, the story's sentence vectors are read before the build and written after it, so a story that
    gained articles embeds only the new sentences (vectors do not depend on batching: the dossier is the same)."""
    from ..api import build_dossier

    for job in jobs:
        config = Config(job.settings)
        embedder = Context(config).embedder
        cached = embedder if job.vectors is not None and isinstance(embedder, CachedEmbedder) else None
        saved = Path(job.vectors or ".", embedder.name, f"{job.story_id}.npz")
        if cached is not None:
            cached.load(saved)
            cached.keep()
        articles = tuple(Article.from_dict(a) for a in job.articles)
        dossier = build_dossier(LoadResult(articles, ()), config=config)
        if cached is not None:
            cached.save(saved)
        yield job.story_id, dossier.to_dict()


def parse_cache_beside(store_path: Path) -> Path:
    """Where an archive keeps its parses: a folder next to the store file."""
    return store_path.with_name(store_path.name + ".parses")


def vectors_beside(store_path: Path) -> Path:
    """Where an archive keeps each story's sentence vectors: a folder next to the store file."""
    return store_path.with_name(store_path.name + ".vectors")
