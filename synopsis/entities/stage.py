"""Who's who: one entity per real person, organisation and place across the outlets.

Parser mentions are cleaned, linked inside each article (surnames, first names,
titles, possessives, acronyms), merged across articles (transliterations,
diacritics, Arabic particles, case slips, then a learned pair model for nicknames,
romanisations, acronyms and short forms), typed by vote, rid of junk, and given
roles, a side and a salience. See ``synopsis.entities`` for the rules.
"""

from __future__ import annotations

import dataclasses

from ..context import Context
from ..models import Dossier
from ..registry import stage
from .assemble import resolve
from .cluster import PairSettings
from .pairs import load_model


class ResolveEntities:
    """Corpus stage: ``Dossier -> Dossier`` assigning ``entities``."""

    def __init__(self, min_mentions: int = 1, pairs: PairSettings | None = None) -> None:
        self.min_mentions = min_mentions
        self.pairs = pairs

    def __call__(self, corpus: Dossier) -> Dossier:
        entities = resolve(corpus.articles, min_mentions=self.min_mentions, pairs=self.pairs)
        return dataclasses.replace(corpus, entities=tuple(entities))


@stage("entities", scope="corpus", requires=("article.doc",), assigns=("entities",))
def make(context: Context) -> ResolveEntities:
    config = context.config
    pairs = PairSettings(load_model(), float(config.get("entities", "alias_threshold")),
                         int(config.get("entities", "alias_largest_block")))
    return ResolveEntities(int(config.get("entities", "min_mentions")), pairs)
