"""Parse each article once with spaCy; keep sentences and entity mentions as offsets."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..context import Context
from ..models import Article, Mention, Sentence
from ..nlp import index_sentences
from ..registry import stage
from .cache import ParseCache


class Annotate:
    """Article stage: runs ``nlp.pipe`` in batches, so the parse is spaCy's own speed.

    With a parse cache, texts parsed before (same text, same model) are read back instead of parsed.
    With ``n_process`` above 1, spaCy parses in that many worker processes once there are more texts than
    one batch per process (the parses are the same; see docs/speed.md for when it pays).
    """

    def __init__(self, nlp: Any, batch_size: int, cache: ParseCache | None = None, n_process: int = 1) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.cache = cache
        self.n_process = max(1, n_process)

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        pending = list(articles)
        for article, parsed in zip(pending, self._docs([a.text for a in pending]), strict=True):
            doc = index_sentences(parsed)
            yield dataclasses.replace(
                article,
                doc=doc,
                sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents),
                mentions=tuple(Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents),
            )

    def _docs(self, texts: Sequence[str]) -> Iterator[Any]:
        """One parse per text, in order and as a stream: cached ones read back, the others parsed in batches."""
        cache = self.cache
        if cache is None:
            yield from self._parse(texts)
            return
        cached = [cache.get(text) if text in cache else None for text in texts]
        parsed = self._parse([t for t, doc in zip(texts, cached, strict=True) if doc is None])
        for text, doc in zip(texts, cached, strict=True):
            if doc is None:
                doc = next(parsed)
                cache.put(text, doc)
            yield doc

    def _parse(self, texts: Sequence[str]) -> Iterator[Any]:
        workers = self.n_process if len(texts) > self.n_process * self.batch_size else 1
        return iter(self.nlp.pipe(texts, batch_size=self.batch_size, n_process=workers))


@stage("annotate", scope="article", requires=("article.text",),
       assigns=("article.doc", "article.sentences", "article.mentions"))
def make(context: Context) -> Annotate:
    folder = context.config.get("nlp", "parse_cache")
    cache = ParseCache(folder, context.nlp) if folder else None
    config = context.config
    return Annotate(context.nlp, config.get("nlp", "batch_size"), cache, int(config.get("nlp", "n_process")))
