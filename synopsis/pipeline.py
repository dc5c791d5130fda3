"""Runs registered stages in order over a corpus, holding each to its contract (see ``contract``).

Before the run, the order: every key a stage requires is assigned by ingest or an
earlier stage. During it, each stage sees only what it requires (reading anything else
stops the pipeline), and after it, only the keys it assigns may have changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from . import __version__
from .backends import Executor, LocalExecutor, blas_threads
from .context import Context
from .contract import check_assigns, check_order, merge, view
from .errors import PipelineError
from .models import Article, Dossier, Rejected
from .nlp import describe
from .registry import ArticleStage, BatchedArticleStage, StageSpec
from .stages import REGISTRY

#: Called as each stage goes with (stage name, done, total): a stage over articles counts its articles, one
#: over the whole dossier counts 0 of 1 when it starts and 1 of 1 when it ends; ``done == total`` ends a stage.
Progress = Callable[[str, int, int], None]


class Pipeline:
    """An ordered list of registered stages, validated when the pipeline is made."""

    def __init__(
        self,
        stages: Sequence[str] | None = None,
        context: Context | None = None,
        executor: Executor | None = None,
        given: Sequence[str] = (),
    ) -> None:
        self.context = context or Context()
        names = list(stages) if stages is not None else list(self.context.config.get("pipeline", "stages"))
        self.specs = [self._spec(name) for name in names]
        self.executor = executor or LocalExecutor()
        check_order(self.specs, given)

    @staticmethod
    def _spec(name: str) -> StageSpec:
        try:
            return REGISTRY[name]
        except KeyError:
            raise PipelineError(
                f"unknown stage {name!r}; registered stages: {', '.join(REGISTRY)} "
                "(register your own with the @stage decorator of synopsis.registry, and import its module first)"
            ) from None

    def __call__(
        self,
        articles: Sequence[Article],
        rejected: Sequence[Rejected] = (),
        progress: Progress | None = None,
    ) -> Dossier:
        return self.run(Dossier(articles=tuple(articles), rejected=tuple(rejected)), progress)

    def run(self, corpus: Dossier, progress: Progress | None = None) -> Dossier:
        """Run the stages over a corpus that may already carry earlier stages' results."""
        with blas_threads(int(self.context.config.get("embeddings", "blas_threads"))):
            return self._run(corpus, progress)

    def _run(self, corpus: Dossier, progress: Progress | None) -> Dossier:
        report = progress or (lambda _name, _done, _total: None)
        keep = getattr(self.context.embedder, "keep_beside", None) if any(s.embeds for s in self.specs) else None
        if keep is not None:  # vectors kept beside the parses: a rebuild embeds only texts it has not met
            config = self.context.config
            keep(config.get("nlp", "parse_cache") if config.get("embeddings", "keep_vectors") else None)
        for index, spec in enumerate(self.specs):
            stage = spec.build(self.context)
            seen = view(corpus, spec)
            result: object
            if spec.scope == "article":
                run = _as_stream(stage)  # type: ignore[arg-type]
                if "article.sentences" in spec.assigns and any(later.embeds for later in self.specs[index + 1 :]):
                    run = _prefetching(run, self.context.embedder)
                report(spec.name, 0, len(seen.articles))
                run = _counting(run, spec.name, len(seen.articles), report)
                result = dataclasses.replace(seen, articles=tuple(self.executor.map(run, seen.articles)))
            else:
                report(spec.name, 0, 1)
                result = stage(seen)  # type: ignore[call-arg,arg-type]
                report(spec.name, 1, 1)
            corpus = merge(corpus, check_assigns(spec, seen, result), spec)
        return dataclasses.replace(corpus, generated_with=self.generated_with())

    def generated_with(self) -> dict[str, str]:
        info = {"synopsis": __version__}
        if any(spec.name == "annotate" for spec in self.specs):
            info["model"] = describe(self.context.nlp)
        return info


def _as_stream(stage: ArticleStage) -> Callable[[Iterable[Article]], Iterator[Article]]:
    """The stage's own batched ``pipe`` when it has one, else one article at a time."""
    if isinstance(stage, BatchedArticleStage):
        return stage.pipe
    return lambda articles: (stage(a) for a in articles)


def _counting(
    run: Callable[[Iterable[Article]], Iterator[Article]], name: str, total: int, report: Progress
) -> Callable[[Iterable[Article]], Iterator[Article]]:
    """``run``, reporting each article as it comes out."""

    def stream(articles: Iterable[Article]) -> Iterator[Article]:
        for done, article in enumerate(run(articles), 1):
            report(name, done, total)
            yield article

    return stream


def _prefetching(
    run: Callable[[Iterable[Article]], Iterator[Article]], embedder: Any
) -> Callable[[Iterable[Article]], Iterator[Article]]:
    """``run``, handing each article's sentence lines to the embedder as it comes out.

    The vectors are computed on a background thread while the next articles are
    parsed, and the later stages find them cached.
    """
    prefetch = getattr(embedder, "prefetch", None)
    if prefetch is None:
        return run

    def stream(articles: Iterable[Article]) -> Iterator[Article]:
        for article in run(articles):
            lines = (article.text[s.start : s.end].split("\n") for s in article.sentences)
            prefetch([piece.strip() for pieces in lines for piece in pieces if piece.strip()])
            yield article

    return stream
