"""The ``[claims]`` settings of defaults.toml, for helpers that judge values wherever they are called from.

Why: a few fitted numbers (the tolerance of a unit conversion, the ratio past which two figures are two
quantities, the weight of each discrepancy kind) are read by small functions that many callers share; they
read them here, from the one place the numbers are written, rather than keep a copy in code.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def tuned() -> dict[str, Any]:
    """``[claims]`` as defaults.toml writes it (read once)."""
    from ..config import Config

    return Config.load().section("claims")
