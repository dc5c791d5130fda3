"""Corpus stage: claims (who reports what, corroborated or not) and typed discrepancies."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..context import Context
from ..models import Dossier
from ..registry import stage
from .analysis import ClaimSettings, analyse, shown
from .build import rank
from .coverage import outlet_coverage
from .tuning import active


class ClaimsStage:
    """Units -> figures and embeddings -> aligned groups -> claims, then figure, negation, title and wording
    conflicts, each with a confidence; those below ``min_confidence`` are left out unless all are asked for.

    Figures conflict only as readings of one measurement, as the pair model of ``pairs`` judges them.
    """

    def __init__(self, embedder: Any, settings: ClaimSettings, section: dict[str, Any]) -> None:
        self.embedder = embedder
        self.settings = settings
        self.section = section

    def __call__(self, corpus: Dossier) -> Dossier:
        with active(self.section):
            analysis = analyse(corpus, self.embedder, self.settings)
            ordered = analysis.ordered
            found = shown(analysis.found, self.settings)
            with_claims = dataclasses.replace(corpus, claims=ordered.claims)
            with_claims = dataclasses.replace(with_claims, coverage=outlet_coverage(with_claims))
            return with_claims.with_discrepancies(rank(found, ordered.claims))


@stage("claims", scope="corpus",
       requires=("article.doc", "article.mentions", "entities", "quotes"),
       assigns=("claims", "discrepancies", "coverage"), embeds=True)
def make(context: Context) -> ClaimsStage:
    section = context.config.section("claims")
    return ClaimsStage(context.embedder, ClaimSettings.from_section(section), section)
