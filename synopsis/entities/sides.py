"""The side a person acts or speaks for: read from titles and from group phrases, never guessed.

Clues, strongest first:
- a nationality or country owning a side-bearing title ("Russian Foreign Minister",
  "Russia's foreign ministry spokesperson", "Saudi National Security Adviser");
- a group phrase listing members ("the Russian delegation comprised X and Y",
  "on the American side by X and Y", "Leading the U.S. delegation is X");
- an organisation owning the title ("Kremlin aide"): its country when the story ties
  it to one (a national word in its name, or the sides of the other people who hold
  its titles), otherwise the organisation itself ("EU foreign policy chief");
- a person owning the title ("Putin's adviser"): that person's side.
A side is kept only when one candidate clearly outweighs the others.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..lang.names import fold, initials
from ..models import Evidence
from .demonyms import DEMONYMS, country_for
from .lexicon import DESTINATION_TITLES, GROUP_NOUNS, MEMBERSHIP_VERBS
from .roles import Affiliation, TitleFind

_REPRESENT = frozenset({"represent"})
WEIGHTS = {"NORP": 3.0, "GPE": 3.0, "group": 3.0, "ORG": 2.0, "PERSON": 1.5, "PRON": 1.0}


@dataclass(slots=True)
class Clue:
    """One piece of evidence for a person's side, still to be resolved to a name."""

    kind: str  # a key of WEIGHTS
    evidence: Evidence
    text: str = ""  # the nationality word or place name, for NORP/GPE/group clues
    entity: int | None = None  # the organisation, person or place it points to


class Countries:
    """The story's own places, so that a side reads "United States" and not "US" or "American"."""

    def __init__(self, places: dict[int, tuple[str, list[str]]]) -> None:
        self.places = places  # entity index -> (canonical name, all surface forms)
        self.by_form: dict[str, int] = {}
        for index, (name, forms) in places.items():
            for form in [name, *forms]:
                self.by_form.setdefault(fold(form), index)

    def name_of(self, text: str) -> str | None:
        """The country a nationality word or place name stands for, in the story's spelling."""
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        if key in self.by_form:
            return self.places[self.by_form[key]][0]
        country = country_for(text)
        if country is None:
            country = self._by_stem(key)
            if country is None:
                return None
        found = self.by_form.get(fold(country))
        if found is None:
            found = self.by_form.get(fold(initials(country.split())))
        return self.places[found][0] if found is not None else country

    def _by_stem(self, key: str) -> str | None:
        """A nationality word missing from the table: the one story place its stem begins."""
        if key in DEMONYMS or " " in key:
            return None
        for ending in ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "n"):
            if key.endswith(ending) and len(key) - len(ending) >= 4:
                stem = key[: -len(ending)]
                hits = {i for form, i in self.by_form.items() if form.startswith(stem)}
                if len(hits) == 1:
                    return self.places[hits.pop()][0]
                return None
        return None


def title_clues(find: TitleFind, article_id: str, text: str) -> list[Clue]:
    """Clues from a title's owner; only side-bearing titles count, and only the outermost owner."""
    if not find.side_bearing or not find.affiliations:
        return []
    owner: Affiliation = find.affiliations[0]
    if find.head in DESTINATION_TITLES and owner.kind != "NORP":
        return []
    if find.head in DESTINATION_TITLES and owner.kind == "NORP" and owner.start > find.start + 40:
        return []
    evidence = Evidence(article_id, find.start, find.end, text[find.start:find.end])
    return [Clue(owner.kind, evidence, owner.text)]


def group_clues(doc: Any, article_id: str, text: str, person_roots: dict[int, int]) -> list[tuple[int, Clue]]:
    """(entity, clue) pairs from group phrases: "the Russian delegation comprised X and Y"."""
    out: list[tuple[int, Clue]] = []
    for token in _tokens_with(doc, GROUP_NOUNS):
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        nation = next((c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")
                       and c.ent_type_ in ("NORP", "GPE")), None)
        if nation is None:
            continue
        start, end = _phrase(token)
        evidence = Evidence(article_id, start, end, text[start:end])
        for member_root in _members(token, person_roots):
            out.append((person_roots[member_root], Clue("group", evidence, _entity_text(nation))))
    subjects = [c for verb in _tokens_with(doc, _REPRESENT) for c in verb.children]
    for token in subjects:  # "The United States was represented by X, Y and Z"
        if token.ent_type_ == "GPE" and token.dep_ == "nsubjpass":
            start, end = token.idx, token.head.idx + len(token.head.text)
            evidence = Evidence(article_id, start, end, text[start:end])
            for member_root in _subtree_people(token.head, person_roots):
                out.append((person_roots[member_root], Clue("group", evidence, _entity_text(token))))
    return out


def _tokens_with(doc: Any, words: frozenset[str]) -> list[Any]:
    """Tokens whose lowercase form or lemma is one of ``words``, found without a Python loop over the doc."""
    from spacy.attrs import LEMMA, LOWER

    strings = doc.vocab.strings
    wanted = np.array([strings.add(v) for w in words for v in (w, w.capitalize())], dtype=np.uint64)
    table = doc.to_array([LOWER, LEMMA])
    hits = np.flatnonzero(np.isin(table, wanted).any(axis=1))
    return [doc[int(i)] for i in hits]


def _members(group: Any, person_roots: dict[int, int]) -> list[int]:
    """Roots of person names that a group phrase lists as its members."""
    anchor = group
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head
    verb = anchor.head
    if anchor.dep_ == "pobj" and verb.lower_ == "on" and group.lemma_.lower() == "side":
        nxt = _next_group(group)
        return [i for i in _subtree_people(verb.head, person_roots) if i > group.i and (nxt is None or i < nxt)]
    if anchor.dep_ == "pobj" and verb.lower_ == "in":  # "X, a figure in the US delegation"
        current = verb
        for _ in range(6):
            if current.i in person_roots:
                return [current.i]
            if current.head.i == current.i:
                break
            current = current.head
        return []
    lemma = verb.lemma_.lower()
    if lemma not in MEMBERSHIP_VERBS:
        return []
    if anchor.dep_ == "dobj" and lemma in ("lead", "head", "join"):
        if verb.dep_ in ("csubj", "advcl") and verb.head.lemma_ == "be":  # "Leading the delegation is X"
            return _subtree_people(verb.head, person_roots, skip=verb)
        return [i for i in _subtree_people(verb, person_roots) if i < anchor.i]
    if anchor.dep_ == "nsubj" and lemma not in ("lead", "head", "join", "be"):  # "the delegation comprised X"
        return [i for i in _subtree_people(verb, person_roots) if i > anchor.i]
    return []


def _next_group(group: Any) -> int | None:
    for token in group.doc[group.i + 1: group.sent.end]:
        if token.lemma_.lower() == group.lemma_.lower() and any(
                c.ent_type_ in ("NORP", "GPE") for c in token.children):
            return int(token.i)
    return None


def _subtree_people(verb: Any, person_roots: dict[int, int], skip: Any = None) -> list[int]:
    """Person names under ``verb`` (not under ``skip``), leaving out owners such as "Putin's"."""
    skipped = {t.i for t in skip.subtree} if skip is not None else set()
    return [t.i for t in verb.subtree if t.i in person_roots and t.i not in skipped and t.dep_ != "poss"]


def _phrase(group: Any) -> tuple[int, int]:
    left = min(t.idx for t in group.subtree if t.i <= group.i and t.i >= group.left_edge.i)
    return left, group.idx + len(group.text)


def _entity_text(token: Any) -> str:
    """The whole named entity ``token`` belongs to, read from its IOB tags rather than a scan of ``doc.ents``."""
    if token.ent_iob_ not in ("B", "I"):
        return str(token.text)
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return str(doc[start:end].text)


def decide(clues: list[tuple[str, float, Evidence]]) -> tuple[str | None, tuple[Evidence, ...]]:
    """The side with clearly the most weight (at least twice any other), with its evidence."""
    totals: dict[str, float] = defaultdict(float)
    spans: dict[str, list[Evidence]] = defaultdict(list)
    for side, weight, evidence in clues:
        totals[side] += weight
        if evidence not in spans[side]:
            spans[side].append(evidence)
    if not totals:
        return None, ()
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    best, weight = ranked[0]
    if len(ranked) > 1 and weight < 2 * ranked[1][1]:
        return None, ()
    return best, tuple(spans[best])
