"""Offices that one person does not hold at the same time, read from the titles outlets give.

Two outlets naming one person "Mayor" and "Governor", "Interior Minister" and
"Defence Minister", or "chief financial officer" and "chief operating officer"
contradict each other; "Foreign Minister" and "Minister", or any title outside
these lists, do not.
"""

from __future__ import annotations

import re

#: Offices one person does not hold at the same time, by the head word of a title (abbreviations included).
OFFICES = {
    "president": "president", "governor": "governor", "gov": "governor", "mayor": "mayor",
    "senator": "senator", "sen": "senator", "congressman": "representative", "congresswoman": "representative",
    "rep": "representative", "representative": "representative", "chancellor": "chancellor", "premier": "premier",
    "general": "general", "gen": "general", "colonel": "colonel", "col": "colonel", "admiral": "admiral",
    "adm": "admiral", "sheriff": "sheriff",
}


#: Portfolios that tell one minister or secretary from another ("Interior Minister", "Secretary of State").
PORTFOLIOS = {
    "prime": "prime", "foreign": "foreign", "interior": "interior", "home": "interior", "defence": "defence",
    "defense": "defence", "finance": "finance", "treasury": "finance", "health": "health", "education": "education",
    "justice": "justice", "trade": "trade", "commerce": "trade", "transport": "transport", "energy": "energy",
    "agriculture": "agriculture", "labour": "labour", "labor": "labour", "environment": "environment",
    "economy": "economy", "culture": "culture", "state": "state", "war": "defence",
}
_PORTFOLIO = re.compile(r"\b(?:(?P<before>[a-z]+)\s+(?:minister|secretary)|(?:minister|secretary)\s+(?:of|for)\s+"
                        r"(?:the\s+)?(?P<after>[a-z]+))\b", re.IGNORECASE)


_C_SUITE = re.compile(r"\bchief\s+(executive|financial|operating|technology)\b|\b(CEO|CFO|COO|CTO)\b",
                      re.IGNORECASE)
_C_SUITE_OFFICE = {"executive": "ceo", "financial": "cfo", "operating": "coo", "technology": "cto",
                   "ceo": "ceo", "cfo": "cfo", "coo": "coo", "cto": "cto"}


def office_of(head: str, text: str) -> str:
    """The office a title names: ministers and secretaries told apart by portfolio ("interior minister",
    "secretary of state"), "" for titles that name no office one person holds alone."""
    if head in ("officer", "executive", "ceo", "cfo", "coo", "cto"):
        found = _C_SUITE.search(text)
        return _C_SUITE_OFFICE.get((found.group(1) or found.group(2)).lower(), "") if found else ""
    if head in ("minister", "secretary"):
        words = (m.group("before") or m.group("after") or "" for m in _PORTFOLIO.finditer(text))
        portfolio = next((PORTFOLIOS[w.lower()] for w in words if w.lower() in PORTFOLIOS), None)
        return f"{portfolio} {head}" if portfolio else ""
    return OFFICES.get(head, "")
