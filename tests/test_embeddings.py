"""The sentence-vector cache and its background prefetch, on the sample's own sentences."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from synopsis.backends import CachedEmbedder
from synopsis.pipeline import Pipeline
from tests.conftest import annotated_sample, loaded_sample, shared_context


def _sample_lines(count: int) -> list[str]:
    article = annotated_sample().articles[0]
    lines = [article.text[s.start : s.end].split("\n")[-1].strip() for s in article.sentences]
    return [line for line in lines if len(line.split()) > 3][:count]


def test_prefetched_vectors_are_the_vectors_embed_gives() -> None:
    shared = shared_context().embedder
    assert isinstance(shared, CachedEmbedder)
    texts = _sample_lines(12)
    direct = shared.inner.embed(texts)
    cache = CachedEmbedder(shared.inner)
    cache.prefetch(texts[:8])
    cache.prefetch(texts[4:])
    assert all(t in cache for t in texts)
    assert np.allclose(cache.embed(texts), direct, atol=1e-5)
    assert np.allclose(cache.embed(list(reversed(texts))), direct[::-1], atol=1e-5)


def test_the_pipeline_prefetches_sentences_only_for_stages_that_embed() -> None:
    embedder = shared_context().embedder
    assert isinstance(embedder, CachedEmbedder)
    loaded = loaded_sample()
    line = _sample_lines(1)[0]
    embedder.clear()
    Pipeline(["annotate", "entities"], context=shared_context())(loaded.articles)
    assert line not in embedder  # nothing later reads vectors: no work spent on them
    Pipeline(["annotate", "entities", "quotes"], context=shared_context())(loaded.articles)
    assert line in embedder  # quotes reads vectors: every parsed sentence was embedded on the way


def test_a_vector_does_not_depend_on_the_batch_it_is_computed_in() -> None:
    """Why prefetching, batching and caching by text never change a dossier: each vector is its text's alone."""
    embedder = shared_context().embedder
    assert isinstance(embedder, CachedEmbedder)
    texts = _sample_lines(12)
    together = embedder.inner.embed(texts)
    alone = np.stack([embedder.inner.embed([text])[0] for text in texts])
    assert np.array_equal(together, alone)
    assert np.array_equal(embedder.inner.embed(texts[::-1]), together[::-1])


def test_saved_vectors_are_read_back_instead_of_computed(tmp_path: Path) -> None:
    class Counting:
        name = "counting"

        def __init__(self) -> None:
            self.calls: list[str] = []

        def embed(self, texts: Sequence[str]) -> Any:
            self.calls += texts
            return np.array([[float(len(t))] + [0.0] * 383 for t in texts], dtype=np.float32)

    first = CachedEmbedder(Counting())
    first.keep()
    made = first.embed(["one sentence", "another one"])
    assert first.save(tmp_path / "story.npz") == 2
    inner = Counting()
    second = CachedEmbedder(inner)
    assert second.load(tmp_path / "story.npz") == 2
    again = second.embed(["another one", "one sentence", "new"])
    assert (again[:2] == np.stack([made[1], made[0]])).all() and again[2][0] == 3.0
    assert inner.calls == ["new"]
    assert CachedEmbedder(Counting()).load(tmp_path / "missing.npz") == 0
