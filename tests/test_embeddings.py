"""The sentence-vector cache and its background prefetch, on the sample's own sentences."""

from __future__ import annotations

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
