"""The one table of stages, filled by the ``@stage`` decorator on each stage's factory.

Two stage shapes only:
- article stages map ``Article -> Article`` (``__call__``), optionally batched
  through ``pipe(articles)``;
- corpus stages map ``Dossier -> Dossier`` and see every article at once.

Keys name what a stage reads and writes: ``article.<field>`` for per-article
fields and plain names (``entities``, ``quotes``...) for dossier sections. A stage
declares both next to its factory (``<package>/stage.py``)::

    @stage("entities", scope="corpus", requires=("article.doc",), assigns=("entities",))
    def make(context: Context) -> ResolveEntities: ...

The pipeline refuses an order in which a stage would read a key nobody assigned,
shows each stage only the keys it requires, and stops a stage that changes a key it
does not assign (``synopsis.contract``). This module imports no stage: ``synopsis.stages``
imports the built-in ones, so the table read through it is complete; a user's stage only
needs its own module imported before it is named.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, runtime_checkable

from .errors import PipelineError
from .models import Article, Dossier

if TYPE_CHECKING:
    from .context import Context


@runtime_checkable
class ArticleStage(Protocol):
    def __call__(self, article: Article) -> Article: ...


@runtime_checkable
class BatchedArticleStage(ArticleStage, Protocol):
    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]: ...


class CorpusStage(Protocol):
    def __call__(self, corpus: Dossier) -> Dossier: ...


Scope = Literal["article", "corpus"]
S = TypeVar("S")


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its shape, its contract, and the factory that makes it."""

    name: str
    scope: Scope
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: Callable[[Context], Any]
    #: Reads sentence vectors: the pipeline embeds each parsed article's sentences in the background for it.
    embeds: bool = False

    def build(self, context: Context) -> ArticleStage | CorpusStage:
        built: ArticleStage | CorpusStage = self.factory(context)
        return built


#: What ingest gives every article before any stage runs.
INGESTED: tuple[str, ...] = (
    "article.id", "article.text", "article.source", "article.outlet", "article.title", "article.published",
    "article.published_source", "article.author", "article.url", "article.word_count", "article.copy_of",
    "article.content_hash", "article.removed",
)


class StageRegistry(Mapping[str, StageSpec]):
    """Stage name -> spec, in registration order (``synopsis.stages`` fills it with the built-in stages)."""

    def __init__(self) -> None:
        self._specs: dict[str, StageSpec] = {}

    def add(self, spec: StageSpec) -> None:
        known = self._specs.get(spec.name)
        if known is not None and _origin(known.factory) != _origin(spec.factory):
            raise PipelineError(
                f"a stage named {spec.name!r} is already registered (by {_origin(known.factory)}); "
                "give yours another name"
            )
        self._specs[spec.name] = spec

    def __getitem__(self, name: str) -> StageSpec:
        return self._specs[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict(self._specs))

    def __len__(self) -> int:
        return len(self._specs)

    def put_first(self, names: Iterable[str]) -> None:
        """List ``names`` first, in that order, whatever order their modules were imported in."""
        names = tuple(names)
        self._specs = {**{name: self._specs[name] for name in names}, **self._specs}


REGISTRY = StageRegistry()


def stage(
    name: str,
    *,
    scope: Scope,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    embeds: bool = False,
) -> Callable[[Callable[[Context], S]], Callable[[Context], S]]:
    """Register the decorated factory (``make(context) -> stage``) under ``name`` with its contract.

    ``requires``: the keys it reads that some earlier stage (or ingest) provides; ``assigns``: the keys
    it writes, and the only ones it may change. ``embeds``: it reads sentence vectors.
    """
    if scope not in ("article", "corpus"):
        raise PipelineError(f"stage {name!r}: scope must be 'article' or 'corpus', not {scope!r}")

    requires, assigns = tuple(requires), tuple(assigns)
    _check_keys((*requires, *assigns), name)

    def register(factory: Callable[[Context], S]) -> Callable[[Context], S]:
        REGISTRY.add(StageSpec(name, scope, requires, assigns, factory, embeds))
        return factory

    return register


def _check_keys(keys: Iterable[str], name: str) -> None:
    """Raise unless every key names a dossier section or an article field."""
    sections = {f.name for f in dataclasses.fields(Dossier)} - {"articles"}
    fields = {f.name for f in dataclasses.fields(Article)}
    for key in keys:
        field = key.removeprefix("article.")
        if field not in (fields if key.startswith("article.") else sections):
            raise PipelineError(
                f"stage {name!r} names {key!r}, which is neither a dossier section ({', '.join(sorted(sections))}) "
                "nor an article field written as 'article.<field>'"
            )


def _origin(factory: Callable[..., object]) -> str:
    return f"{getattr(factory, '__module__', '?')}.{getattr(factory, '__qualname__', '?')}"
