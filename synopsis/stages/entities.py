"""Who's who (first cut): parser entities grouped by exact normalised name."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from ..context import Context
from ..models import Dossier, Entity, Evidence

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def _key(text: str) -> str:
    return " ".join(text.replace("\u2019s", "").replace("'s", "").split()).casefold()


class GroupByName:
    def __call__(self, corpus: Dossier) -> Dossier:
        groups: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
        names: dict[tuple[str, str], str] = {}
        for article in corpus.articles:
            for m in article.mentions:
                if m.label not in KEPT_LABELS:
                    continue
                key = (_key(m.text), m.label)
                groups[key].append(Evidence(article.id, m.start, m.end, m.text))
                names.setdefault(key, m.text)
        ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        entities = tuple(
            Entity(
                id=f"e{i}",
                name=names[key],
                type=key[1],
                article_ids=tuple(sorted({ev.article_id for ev in mentions})),
                mentions=tuple(mentions),
                salience=float(len(mentions)),
            )
            for i, (key, mentions) in enumerate(ranked, 1)
        )
        return dataclasses.replace(corpus, entities=entities)


def make(context: Context) -> GroupByName:
    return GroupByName()
