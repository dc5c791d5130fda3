"""Coverage by outlet: the widely reported claims an outlet leaves out, and the claims only it reports.

Computed once, by the claims stage, and kept in the dossier (``Dossier.coverage``); reports only read it.
"""

from __future__ import annotations

import math

from ..models import Dossier, OutletCoverage


def coverage_by_outlet(dossier: Dossier, widely: float = 0.5) -> dict[str, dict[str, list[str]]]:
    """Per outlet, ``missing`` and ``exclusive`` claim ids (claims in dossier order).

    A claim is widely reported when at least two outlets and at least ``widely``
    of all outlets carry it; an outlet misses it when none of its articles
    (copies included) gives evidence for it. Pure: reads the dossier only.
    """
    outlet_by_article = {a.id: a.outlet_name for a in dossier.articles}
    outlets = list(dict.fromkeys(outlet_by_article.values()))
    needed = max(2, math.ceil(widely * len(outlets)))
    result: dict[str, dict[str, list[str]]] = {o: {"missing": [], "exclusive": []} for o in outlets}
    for claim in dossier.claims or ():
        present = {outlet_by_article.get(ev.article_id, "") for ev in claim.evidence} | set(claim.outlets)
        if claim.support >= needed:
            for outlet in outlets:
                if outlet not in present:
                    result[outlet]["missing"].append(claim.id)
        elif claim.support == 1 and len(claim.outlets) == 1 and claim.outlets[0] in result:
            result[claim.outlets[0]]["exclusive"].append(claim.id)
    return result


def outlet_coverage(dossier: Dossier, widely: float = 0.5) -> tuple[OutletCoverage, ...]:
    """``coverage_by_outlet`` as the dossier's records, outlets in article order."""
    return tuple(OutletCoverage(outlet, tuple(lists["missing"]), tuple(lists["exclusive"]))
                 for outlet, lists in coverage_by_outlet(dossier, widely).items())
