"""The sentence-vector cache and its background prefetch, on the sample's own sentences."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from synopsis.backends import CachedEmbedder, VectorStore, blas_threads
from synopsis.config import Config
from synopsis.context import Context
from synopsis.pipeline import Pipeline
from tests.conftest import _assigned, annotated_sample, loaded_sample, sample_through, shared_context


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


class Counting:
    """An embedder that records what it is asked to embed (a vector's first number is its text's length)."""

    name = "counting"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def embed(self, texts: Sequence[str]) -> Any:
        self.calls += texts
        return np.array([[float(len(t))] + [0.0] * 383 for t in texts], dtype=np.float32)


def test_saved_vectors_are_read_back_instead_of_computed(tmp_path: Path) -> None:
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


def test_kept_vectors_are_read_back_by_a_later_process_instead_of_computed(tmp_path: Path) -> None:
    first = CachedEmbedder(Counting())
    first.keep_beside(tmp_path)
    made = first.embed(["one sentence", "another one"])
    inner = Counting()
    later = CachedEmbedder(inner)  # a new process: nothing in memory, the same folder
    later.keep_beside(tmp_path)
    again = later.embed(["another one", "new", "one sentence"])
    assert inner.calls == ["new"]
    assert again[0].tobytes() == made[1].tobytes() and again[2].tobytes() == made[0].tobytes()
    other = CachedEmbedder(Counting())
    other.keep_beside(None)  # not kept: computed again
    other.embed(["one sentence"])
    assert other.inner.calls == ["one sentence"]  # type: ignore[attr-defined]


def test_a_store_that_cannot_be_written_is_no_store(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    store = VectorStore(blocked / "vectors")
    store.put([("key", np.ones(384, dtype=np.float32))])
    assert store.get(["key"]) == {}
    inner = Counting()
    cached = CachedEmbedder(inner)
    cached.keep_beside(blocked)
    assert cached.embed(["a text"]).shape == (1, 384) and inner.calls == ["a text"]


def test_a_rebuild_beside_a_parse_cache_embeds_nothing_and_gives_the_same_dossier(tmp_path: Path) -> None:
    """The claims, timeline and summary stages on the sample, twice, the vectors in memory forgotten between."""
    context = Context(Config.load(nlp__parse_cache=str(tmp_path)))
    embedder = context.embedder
    assert isinstance(embedder, CachedEmbedder) and embedder is shared_context().embedder
    earlier = sample_through("entities", "quotes")
    pipeline = Pipeline(["claims", "timeline", "positions", "summary"], context=context,
                        given=_assigned(("entities", "quotes")))
    counts = embedder.inner.counts  # type: ignore[attr-defined]

    def embedded() -> int:
        return sum(c[0] for c in counts.values())

    try:
        embedder.clear()
        before = embedded()
        first = pipeline.run(earlier)
        made = embedded() - before
        embedder.clear()
        second = pipeline.run(earlier)
        assert made > 100 and embedded() - before == made  # the rebuild computed no vector
        assert second.to_dict() == first.to_dict()
        assert (tmp_path / "vectors").is_dir()
    finally:
        embedder.keep_beside(None)
        embedder.clear()


def test_blas_is_kept_to_one_thread_during_a_build_and_then_given_back() -> None:
    """Products on one thread agree with the threaded ones to float32 rounding (not to the last bit: the kernels
    differ), and are the same on every machine, where the threaded ones follow the machine's core count."""
    from threadpoolctl import threadpool_info

    vectors = np.random.default_rng(0).standard_normal((700, 384)).astype(np.float32)
    free = vectors @ vectors.T
    before = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    with blas_threads(1):
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
        kept = vectors @ vectors.T
    assert [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"] == before
    assert np.allclose(kept, free, rtol=1e-5, atol=1e-4)
