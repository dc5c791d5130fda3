"""The built-in stages, imported once so that each registers itself in ``REGISTRY``.

Why a module of its own: the stage modules import the ``@stage`` decorator from
``synopsis.registry``, so the registry cannot import them back without a circle.
Read the table through this module (``from synopsis.stages import REGISTRY``) to see it complete.
"""

from __future__ import annotations

from .annotate import stage as annotate
from .claims import stage as claims
from .entities import stage as entities
from .positions import stage as positions
from .quotes import stage as quotes
from .registry import REGISTRY
from .summary import stage as summary
from .timeline import stage as timeline

#: The built-in stages in pipeline order; a user's stages follow them in the table.
BUILT_IN = ("annotate", "entities", "quotes", "claims", "timeline", "positions", "summary")
REGISTRY.put_first(BUILT_IN)

__all__ = ["BUILT_IN", "REGISTRY", "annotate", "claims", "entities", "positions", "quotes", "summary", "timeline"]
