"""Parse each article once with spaCy; keep sentences and entity mentions as offsets."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from ..context import Context
from ..models import Article, Mention, Sentence
from ..nlp import index_sentences


class Annotate:
    """Article stage: runs ``nlp.pipe`` in batches, so the parse is spaCy's own speed."""

    def __init__(self, nlp: Any, batch_size: int) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        pending = list(articles)
        docs = self.nlp.pipe((a.text for a in pending), batch_size=self.batch_size)
        for article, parsed in zip(pending, docs, strict=True):
            doc = index_sentences(parsed)
            yield dataclasses.replace(
                article,
                doc=doc,
                sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents),
                mentions=tuple(Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents),
            )


def make(context: Context) -> Annotate:
    return Annotate(context.nlp, context.config.get("nlp", "batch_size"))
