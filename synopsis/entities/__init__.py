"""Entity resolution: turning parser mentions into one entity per real-world referent.

- ``names``: folding, transliteration-tolerant comparison and the shape of personal names;
- ``mentions``: cleaning parser spans (titles, possessives, glued tokens, acronyms, junk);
- ``cluster``: linking short forms inside an article and merging across articles;
- ``roles``: titles from appositives, premodifiers, copular and relative clauses;
- ``sides``: the country, bloc or organisation a person acts for;
- ``assemble``: type votes, junk removal, names, roles, sides and salience into ``Entity`` records;
- ``pairs``: the learned pair model for the spellings the rules leave apart;
- ``recover``: names the parser missed (an untagged acronym, a name cut in two) joined to the body they fit;
- ``lexicon`` and ``demonyms``: the closed word lists the rules lean on.
"""

from __future__ import annotations

#: What readers see for each parser label: plain kinds, never the parser's codes.
READER_LABELS = {
    "PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "group", "EVENT": "event",
}


def reader_label(entity_type: str) -> str:
    """The kind a reader sees for an entity type ("NORP" -> "group")."""
    return READER_LABELS.get(entity_type, "name")
