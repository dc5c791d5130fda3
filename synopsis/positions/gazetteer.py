"""Which countries a place name can lie in, by pycountry's fuzzy search, answered from tables built once.

Why: ``pycountry.countries.search_fuzzy`` strips the accents of every country's and every subdivision's
names again on each call (about 10 ms a name), and a story meets a hundred new names. Its answer is a
list of countries ranked by points, but every points rule only adds, so the *set* of countries it
returns is the union of four matches, each of which a table answers: the country ``lookup``; a
subdivision field (split at ";") equal to the query; a country name, official name or comment whose
capitals are the query or which contains it; a subdivision name that contains it. The names are kept
lower-cased and accent-free in one string, so "contains" is one ``str.find`` over it. The positions
stage reads only that set (one country, or none), which tests/test_positions.py checks against
pycountry's own search.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
from typing import Any

#: Joins the names searched for a query inside them; no name or query holds it (a query that does is
#: handed to pycountry itself).
_SEPARATOR = "\x00"


class CountryIndex:
    """The alpha-2 codes of the countries ``search_fuzzy(query)`` returns, without searching every name."""

    def __init__(self) -> None:
        import pycountry

        normal = pycountry.remove_accents
        self._countries = pycountry.countries
        self._fuzzy = pycountry.countries.search_fuzzy
        self._normal = normal
        self._subdivision_fields: dict[str, set[str]] = {}
        self._initials: dict[str, set[str]] = {}
        names: list[str] = []
        self._owners: list[str] = []
        for subdivision in pycountry.subdivisions:
            code = str(subdivision.country.alpha_2)
            for value in subdivision._fields.values():
                if value is not None:
                    for piece in normal(value.lower()).split(";"):
                        self._subdivision_fields.setdefault(piece, set()).add(code)
            names.append(normal(subdivision._fields["name"].lower()))
            self._owners.append(code)
        for country in self._countries:
            code = str(country.alpha_2)
            for key in ("name", "official_name", "comment"):
                value = country._fields.get(key)
                if value is not None:
                    capitals = normal("".join(c for c in value if c.isupper()).lower())
                    self._initials.setdefault(capitals, set()).add(code)
                    names.append(normal(value.lower()))
                    self._owners.append(code)
        self._starts: list[int] = []
        at = 0
        for name in names:
            self._starts.append(at)
            at += len(name) + len(_SEPARATOR)
        self._joined = _SEPARATOR.join(names)

    def codes(self, query: str) -> frozenset[str]:
        """The alpha-2 codes ``search_fuzzy(query)`` would return (empty where it raises LookupError)."""
        wanted = self._normal(query.strip().lower())
        if _SEPARATOR in wanted:
            try:
                return frozenset(str(c.alpha_2) for c in self._fuzzy(query))
            except LookupError:
                return frozenset()
        found: set[str] = set()
        with contextlib.suppress(LookupError):
            found.add(str(self._countries.lookup(wanted).alpha_2))
        found |= self._subdivision_fields.get(wanted, set())
        found |= self._initials.get(wanted, set())
        found |= self._containing(wanted)
        return frozenset(found)

    def _containing(self, wanted: str) -> set[str]:
        """Owners of the names that contain ``wanted``: one ``find`` per matching name."""
        if not wanted:
            return set(self._owners)
        found: set[str] = set()
        at = self._joined.find(wanted)
        while at >= 0:
            which = bisect.bisect_right(self._starts, at) - 1
            found.add(self._owners[which])
            following = which + 1
            if following == len(self._starts):
                break
            at = self._joined.find(wanted, self._starts[following])
        return found

    def country(self, code: str) -> Any:
        """The pycountry record of an alpha-2 code."""
        return self._countries.get(alpha_2=code)


@functools.cache
def country_index() -> CountryIndex:
    """The index, built once per process (about 0.05 s) on first use."""
    return CountryIndex()
