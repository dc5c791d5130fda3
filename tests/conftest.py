"""Shared fixtures: the real sample story and models, each loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from synopsis import Dossier, build_dossier, load_articles
from synopsis.config import Config
from synopsis.ingest import LoadResult

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "corpus" / "riyadh-2025"
POLNEAR = SHARED / "benchmarks" / "polnear"
TEMPEVAL = SHARED / "benchmarks" / "tempeval3-platinum"
GOLD = Path(__file__).parent / "gold"
BASELINE = Path(__file__).parent / "baseline.toml"


@pytest.fixture(scope="session")
def config() -> Config:
    return Config.load()


@pytest.fixture(scope="session")
def sample_loaded(config: Config) -> LoadResult:
    return load_articles([SAMPLE], config=config)


@pytest.fixture(scope="session")
def sample_dossier(sample_loaded: LoadResult, config: Config) -> Dossier:
    """The sample story built with every default stage, once for the whole session."""
    return build_dossier(sample_loaded, config=config)


def sample_article(dossier: Dossier, file_prefix: str):  # type: ignore[no-untyped-def]
    """The article of the sample built from the corpus file whose name starts with ``file_prefix``."""
    for article in dossier.articles:
        if Path(article.source).name.startswith(file_prefix):
            return article
    raise LookupError(file_prefix)
