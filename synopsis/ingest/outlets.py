"""Which outlet published an article, when neither the input nor the page's metadata says so.

Why: the dossier attributes every item to an outlet, and a file name ("03_x.txt") is a poor one. In order:
the URL's host looked up in a table of news hosts (``outlets.json``, data rather than code), a masthead line
the page opens with ("Al Jazeera13-06-2025"), the bare host, then an agency credit of the dateline
("JERUSALEM (AP) —"). Only when all are silent does the caller fall back to the file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from urllib.parse import urlparse

from ..lang.outlets import agencies, outlet_table
from ..models import Removed

#: A dateline credit: "CITY (AP) —", "Munich (Germany) (AFP) -", "BUCHAREST | Xinhua |", "MADRID. /TASS/."
DATELINE_CREDIT = re.compile(r"\(([^()]{1,30})\)|/([A-Za-z-]{2,12})/|\|\s*([A-Za-z-]{2,20})\s*\|")
MASTHEAD_NOISE = re.compile(r"[\d\W_]+")
#: How many opening lines may carry the masthead.
MASTHEAD_LINES = 3


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def outlet_of_host(url: str | None) -> str | None:
    """The outlet the host table names for the URL's host or the nearest parent domain listed."""
    host = host_of(url)
    hosts = outlet_table()["hosts"]
    while host:
        if host in hosts:
            return hosts[host]
        host = host.partition(".")[2] if host.count(".") > 1 else ""
    return None


@cache
def _known_names() -> dict[str, str]:
    """Folded outlet names and hosts (letters only) -> outlet name, for masthead lines."""
    hosts = outlet_table()["hosts"]
    known = {_fold(name): name for name in hosts.values()}
    for host, name in hosts.items():
        known.setdefault(_fold(host.rsplit(".", 1)[0]), name)
    return known


def _fold(text: str) -> str:
    return MASTHEAD_NOISE.sub("", text).casefold()


def masthead(text: str, removed: Iterable[Removed]) -> str | None:
    """An outlet whose name (or host) one of the page's first lines consists of, digits and punctuation
    aside ("Al Jazeera13-06-2025"), when that line was removed as furniture."""
    known = _known_names()
    gone = {item.text for item in removed}
    head = [line.strip() for line in text.splitlines() if line.strip()][:MASTHEAD_LINES]
    for line in head:
        if line in gone and len(line) <= 60 and (name := known.get(_fold(line))):
            return name
    return None


def agency_credit(text: str) -> str | None:
    """The agency a dateline credits in the first lines of the body ("JERUSALEM (AP) —")."""
    for line in text.splitlines()[:3]:
        for match in DATELINE_CREDIT.finditer(line[:100]):
            name = next(g for g in match.groups() if g is not None).strip(" .")
            if name in agencies():
                return agencies()[name]
    return None
