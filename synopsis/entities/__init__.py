"""Entity resolution: turning parser mentions into one entity per real-world referent.

- ``names``: folding, transliteration-tolerant comparison and the shape of personal names;
- ``mentions``: cleaning parser spans (titles, possessives, glued tokens, acronyms, junk);
- ``cluster``: linking short forms inside an article and merging across articles;
- ``roles``: titles from appositives, premodifiers, copular and relative clauses;
- ``sides``: the country, bloc or organisation a person acts for;
- ``assemble``: type votes, junk removal, names, roles, sides and salience into ``Entity`` records;
- ``lexicon`` and ``demonyms``: the closed word lists the rules lean on.
"""
