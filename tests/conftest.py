"""Shared fixtures: the real sample story and models, each loaded once per test session.

``sample_through("entities", "quotes")`` gives the sample after annotate plus the
named stages; results are cached, so each combination runs once per session.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from synopsis import Article, Dossier, load_articles
from synopsis.config import Config
from synopsis.context import Context
from synopsis.ingest import LoadResult
from synopsis.models import verify_spans
from synopsis.pipeline import Pipeline
from synopsis.render.json import validate

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "corpus" / "riyadh-2025"
POLNEAR = SHARED / "benchmarks" / "polnear"
TEMPEVAL = SHARED / "benchmarks" / "tempeval3-platinum"
GOLD = Path(__file__).parent / "gold"
BASELINE = Path(__file__).parent / "baseline.toml"


@functools.cache
def shared_context() -> Context:
    return Context(Config.load())


@functools.cache
def loaded_sample() -> LoadResult:
    return load_articles([SAMPLE], config=shared_context().config)


@functools.cache
def annotated_sample() -> Dossier:
    loaded = loaded_sample()
    return Pipeline(["annotate"], context=shared_context())(loaded.articles, loaded.rejected)


@functools.cache
def sample_through(*stages: str) -> Dossier:
    """The sample after annotate and then ``stages`` (in the order given)."""
    if not stages:
        return annotated_sample()
    earlier = sample_through(*stages[:-1])
    pipeline = Pipeline([stages[-1]], context=shared_context(), given=_assigned(stages[:-1]))
    return checked(pipeline.run(earlier))


def checked(dossier: Dossier) -> Dossier:
    """``dossier``, after making sure it fits the schema and every span gives back its text."""
    problems = validate(dossier.to_dict()) + verify_spans(dossier)
    assert not problems, "\n".join(problems[:20])
    return dossier


def _assigned(stages: tuple[str, ...]) -> list[str]:
    from synopsis.stages import REGISTRY

    keys = list(REGISTRY["annotate"].assigns)
    for name in stages:
        keys += REGISTRY[name].assigns
    return keys


@pytest.fixture(scope="session")
def config() -> Config:
    return shared_context().config


@pytest.fixture(scope="session")
def sample_loaded() -> LoadResult:
    return loaded_sample()


@pytest.fixture(scope="session")
def sample() -> Callable[..., Dossier]:
    """Call with stage names: ``sample("entities", "quotes")``."""
    return sample_through


def sample_article(dossier: Dossier, file_prefix: str) -> Article:
    """The article built from the corpus file whose name starts with ``file_prefix`` (e.g. "001")."""
    for article in dossier.articles:
        if Path(article.source).name.startswith(file_prefix):
            return article
    raise LookupError(file_prefix)
