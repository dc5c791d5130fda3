"""The one place where stages are registered, with what they require and assign.

Two stage shapes only:
- article stages map ``Article -> Article`` (``__call__``), optionally batched
  through ``pipe(articles)``;
- corpus stages map ``Corpus -> Corpus`` and see every article at once.

Keys name what a stage reads and writes: ``article.<field>`` for per-article
fields and plain names (``entities``, ``quotes``...) for dossier sections.
The pipeline refuses an order in which a stage would read a key nobody assigned.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..context import Context
    from ..models import Article, Dossier


@runtime_checkable
class ArticleStage(Protocol):
    def __call__(self, article: Article) -> Article: ...


@runtime_checkable
class BatchedArticleStage(ArticleStage, Protocol):
    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]: ...


class CorpusStage(Protocol):
    def __call__(self, corpus: Dossier) -> Dossier: ...


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its shape, its contract, and where its factory lives."""

    name: str
    scope: Literal["article", "corpus"]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: str  # "module:function", imported only when the stage is used
    #: Reads sentence vectors: the pipeline embeds each parsed article's sentences in the background for it.
    embeds: bool = False

    def build(self, context: Context) -> ArticleStage | CorpusStage:
        module_name, _, func = self.factory.partition(":")
        module = importlib.import_module(f"synopsis.{module_name}")
        stage: ArticleStage | CorpusStage = getattr(module, func)(context)
        return stage


#: What ingest gives every article before any stage runs.
INGESTED: tuple[str, ...] = ("article.text", "article.outlet", "article.published", "article.copy_of")

REGISTRY: dict[str, StageSpec] = {
    spec.name: spec
    for spec in (
        StageSpec("annotate", "article", ("article.text",),
                  ("article.doc", "article.sentences", "article.mentions"), "annotate.stage:make"),
        StageSpec("entities", "corpus", ("article.doc", "article.mentions"),
                  ("entities",), "entities.stage:make"),
        StageSpec("quotes", "corpus", ("article.doc", "entities"),
                  ("quotes",), "quotes.stage:make", embeds=True),
        StageSpec("claims", "corpus", ("article.doc", "article.sentences", "entities", "quotes"),
                  ("claims", "discrepancies"), "claims.stage:make", embeds=True),
        StageSpec("timeline", "corpus", ("article.doc", "article.published", "claims", "discrepancies"),
                  ("timeline", "discrepancies"), "timeline.stage:make", embeds=True),
        StageSpec("positions", "corpus", ("article.doc", "entities", "quotes"),
                  ("positions",), "positions.stage:make", embeds=True),
        StageSpec("summary", "corpus", ("article.sentences", "claims", "discrepancies"),
                  ("summary",), "summary.stage:make", embeds=True),
    )
}
