"""The ``[claims]`` settings for helpers that judge values wherever they are called from.

Why: a few fitted numbers (the tolerance of a unit conversion, the ratio past which two figures are two
quantities, the weight of each discrepancy kind) are read by small functions that many callers share. The
claims stage makes its build's settings (defaults.toml overlaid by the user's file) the active ones while it
runs; outside a build, the helpers read defaults.toml.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_ACTIVE: ContextVar[dict[str, Any] | None] = ContextVar("claims_settings", default=None)


@functools.cache
def _defaults() -> dict[str, Any]:
    from ..config import Config

    return Config.load().section("claims")


def tuned() -> dict[str, Any]:
    """``[claims]`` of the build under way, else of defaults.toml."""
    return _ACTIVE.get() or _defaults()


@contextmanager
def active(section: dict[str, Any]) -> Iterator[None]:
    """Make ``section`` the settings ``tuned`` returns, for the code run inside (this thread only)."""
    token = _ACTIVE.set(section)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
