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
    "rep": "representative", "representative": "representative", "chancellor": "chancellor",
    "premier": "prime minister",
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


#: Military grades written before the rank they qualify ("Major General", "Lt Gen.", "Rear Admiral"): one person
#: holds one grade at a time, so "Major General" and "Lieutenant General" are two offices.
_GRADE = re.compile(r"\b(?:(?P<grade>major|maj|lieutenant|lt|brigadier|brig|rear|vice)\.?\s+)?"
                    r"(?P<rank>general|gen|colonel|col|admiral|adm)\b\.?", re.IGNORECASE)
_GRADE_WORD = {"maj": "major", "lt": "lieutenant", "brig": "brigadier"}
#: Every office ``military_rank`` can return: grades nobody holds two of at once.
MILITARY_GRADES = frozenset(f"{grade} {rank}".strip() for rank in ("general", "colonel", "admiral")
                            for grade in ("", "major", "lieutenant", "brigadier", "rear", "vice"))
#: Words that make "General" part of a civilian office ("Director General", "Attorney General").
_CIVILIAN_GENERAL = frozenset({"director", "attorney", "secretary", "surgeon", "inspector", "consul", "solicitor",
                               "governor", "postmaster", "auditor", "comptroller", "registrar", "procurator"})


def military_rank(text: str) -> str:
    """The last military rank a title names, with its grade ("lieutenant general" for "Director General Lt Gen"),
    "" when there is none ("Director General" is a civilian office)."""
    found = ""
    for match in _GRADE.finditer(text):
        before = text[: match.start()].split()
        if not match.group("grade") and before and before[-1].strip(".,").lower() in _CIVILIAN_GENERAL:
            continue
        rank = OFFICES[match.group("rank").lower()]
        grade = (match.group("grade") or "").lower()
        found = f"{_GRADE_WORD.get(grade, grade)} {rank}".strip()
    return found


def office_of(head: str, text: str) -> str:
    """The office a title names: ministers and secretaries told apart by portfolio ("interior minister",
    "secretary of state"), military ranks by grade ("major general"), "" for titles that name no office one
    person holds alone."""
    if OFFICES.get(head) in ("general", "colonel", "admiral"):
        return military_rank(text)
    if head in ("officer", "executive", "ceo", "cfo", "coo", "cto"):
        found = _C_SUITE.search(text)
        return _C_SUITE_OFFICE.get((found.group(1) or found.group(2)).lower(), "") if found else ""
    if head in ("minister", "secretary"):
        words = (m.group("before") or m.group("after") or "" for m in _PORTFOLIO.finditer(text))
        portfolio = next((PORTFOLIOS[w.lower()] for w in words if w.lower() in PORTFOLIOS), None)
        return f"{portfolio} {head}" if portfolio else ""
    return OFFICES.get(head, "")
