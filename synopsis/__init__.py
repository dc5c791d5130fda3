"""synopsis: rebuild one news story from several outlets as a source-attributed dossier."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import build_dossier, load_articles
from .models import (
    Article,
    Claim,
    Discrepancy,
    Dossier,
    Entity,
    Evidence,
    Position,
    Quote,
    Rejected,
    SummarySentence,
    TimelineEvent,
)
from .pipeline import Pipeline
from .store import Store

__all__ = [
    "Article",
    "Claim",
    "Discrepancy",
    "Dossier",
    "Entity",
    "Evidence",
    "Pipeline",
    "Position",
    "Quote",
    "Rejected",
    "Store",
    "SummarySentence",
    "TimelineEvent",
    "__version__",
    "build_dossier",
    "load_articles",
]
