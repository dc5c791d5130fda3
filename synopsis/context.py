"""Shared, lazily loaded resources handed to every stage factory."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .config import Config

if TYPE_CHECKING:
    from .backends import Embedder


@dataclass
class Context:
    """Configuration plus models, each loaded at most once per process."""

    config: Config = field(default_factory=Config.load)

    @property
    def nlp(self) -> Any:
        from .nlp import load_model

        return load_model(self.config.get("nlp", "model"))

    @property
    def embedder(self) -> Embedder:
        from .backends import load_embedder

        return load_embedder(self.config.get("embeddings", "backend"), int(self.config.get("embeddings", "batch_size")))
