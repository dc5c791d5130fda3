"""Who's who: one entity per real person, organisation and place across the outlets.

Parser mentions are cleaned, linked inside each article (surnames, first names,
titles, possessives, acronyms), merged across articles (transliterations,
diacritics, Arabic particles, case slips), typed by vote, rid of junk, and given
roles, a side and a salience. See ``synopsis.entities`` for the rules.
"""

from __future__ import annotations

import dataclasses

from ..context import Context
from ..models import Dossier
from ..registry import stage
from .assemble import resolve


class ResolveEntities:
    """Corpus stage: ``Dossier -> Dossier`` assigning ``entities``."""

    def __init__(self, min_mentions: int = 1) -> None:
        self.min_mentions = min_mentions

    def __call__(self, corpus: Dossier) -> Dossier:
        entities = resolve(corpus.articles, min_mentions=self.min_mentions)
        return dataclasses.replace(corpus, entities=tuple(entities))


@stage("entities", scope="corpus", requires=("article.doc",), assigns=("entities",))
def make(context: Context) -> ResolveEntities:
    try:
        min_mentions = int(context.config.get("entities", "min_mentions"))
    except KeyError:
        min_mentions = 1
    return ResolveEntities(min_mentions)
