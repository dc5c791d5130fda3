"""The news outlets and agencies synopsis knows by name: a table of data (``outlets.json``), not code.

Why in the language layer: ingest reads an article's outlet from its URL's host or an agency credit, and the
quotes stage tells an outlet passing on someone's words from the one who spoke them; both read this one table.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

OUTLETS_FILE = Path(__file__).with_name("outlets.json")


@functools.cache
def outlet_table() -> Mapping[str, Mapping[str, str]]:
    """outlets.json: ``hosts`` (news host -> outlet name) and ``agencies`` (credit as written -> agency)."""
    data = json.loads(OUTLETS_FILE.read_text(encoding="utf-8"))
    return MappingProxyType({key: MappingProxyType(data[key]) for key in ("hosts", "agencies")})


def agencies() -> Mapping[str, str]:
    """News-agency credits as written ("AP", "AFP", "Reuters") and the agency each names."""
    return outlet_table()["agencies"]
