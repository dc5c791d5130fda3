"""synopsis: rebuild one news story from several outlets as a source-attributed dossier.

The public names are imported on first use, so that ``import synopsis`` (and ``synopsis --help``, or any
submodule) does not pay for every stage, numpy and the store before it needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
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

#: Public name -> the submodule that defines it.
_HOMES = {
    "build_dossier": "api",
    "load_articles": "api",
    "Pipeline": "pipeline",
    "Store": "store",
    **{
        name: "models"
        for name in (
            "Article", "Claim", "Discrepancy", "Dossier", "Entity", "Evidence", "Position", "Quote", "Rejected",
            "SummarySentence", "TimelineEvent",
        )
    },
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'synopsis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # later reads skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
