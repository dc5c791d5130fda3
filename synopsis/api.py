"""The two calls most users need: load articles, and build a dossier from them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .config import Config
from .context import Context
from .errors import NoUsableInputError
from .ingest import LoadResult, load_articles
from .models import Article, Dossier, Rejected
from .pipeline import Pipeline, Progress

__all__ = ["build_dossier", "load_articles"]


def build_dossier(
    inputs: str | Path | Iterable[str | Path] | LoadResult | Sequence[Article],
    config: Config | None = None,
    stages: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> Dossier:
    """Ingest ``inputs`` (paths, a ``LoadResult`` or articles) and run the pipeline over them."""
    config = config or Config.load()
    if isinstance(inputs, LoadResult):
        loaded = inputs
    elif isinstance(inputs, str | Path):
        loaded = load_articles(inputs, config=config)
    else:
        items = list(inputs)
        if items and all(isinstance(i, Article) for i in items):
            loaded = _within_parser_limit(items, int(config.get("ingest", "max_chars")))  # type: ignore[arg-type]
        else:
            loaded = load_articles(items, config=config)  # type: ignore[arg-type]
    if not loaded.articles:
        reasons = "; ".join(f"{r.source}: {r.reason}" for r in loaded.rejected) or "no input files"
        raise NoUsableInputError(f"nothing usable to build from ({reasons})")
    pipeline = Pipeline(stages, context=Context(config))
    return pipeline(loaded.articles, loaded.rejected, progress=progress)


def _within_parser_limit(articles: list[Article], max_chars: int) -> LoadResult:
    """Articles made by a caller skip ingest's checks; one longer than the parser takes is rejected here."""
    kept = tuple(a for a in articles if len(a.text) <= max_chars)
    rejected = tuple(
        Rejected(a.source, f"too long to parse ({len(a.text):,} characters; ingest.max_chars is {max_chars:,})")
        for a in articles if len(a.text) > max_chars
    )
    return LoadResult(kept, rejected)
