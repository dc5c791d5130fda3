"""Turning files, folders, URLs and stdin into clean articles (minimal first cut)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..config import Config
from ..models import Article, Rejected

TEXT_SUFFIXES = {".txt", ".md"}


@dataclass(frozen=True)
class LoadResult:
    """What ingest made of the inputs: usable articles, and every rejected input with its reason."""

    articles: tuple[Article, ...]
    rejected: tuple[Rejected, ...]


def load_articles(
    paths: Iterable[str | Path],
    config: Config | None = None,
    urls_file: str | Path | None = None,
    outlet: str | None = None,
    date: str | None = None,
    stdin: TextIO | None = None,
) -> LoadResult:
    config = config or Config.load()
    articles: list[Article] = []
    rejected: list[Rejected] = []
    for path in _walk([Path(p) for p in paths]):
        try:
            text = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            rejected.append(Rejected(str(path), f"cannot read ({exc.strerror})"))
            continue
        if not text:
            rejected.append(Rejected(str(path), "empty file"))
            continue
        lines = text.splitlines()
        articles.append(
            Article(
                id=f"a{len(articles) + 1}",
                text=text,
                source=str(path),
                outlet=outlet or path.stem,
                published=date,
                published_source="user" if date else None,
                title=lines[0],
                word_count=len(text.split()),
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
            )
        )
    return LoadResult(tuple(articles), tuple(rejected))


def _walk(paths: list[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield path
