"""The parties of a story: countries, blocs and organisations, and the people who speak for them.

An entity's ``side`` (set by the entities stage) wins. Without one, places are grouped
by country code (US, U.S., the United States), demonyms join the place they name
(Russian -> Russia), and a person takes the party named in the titles around their
mentions ("Russian Foreign Minister ...", "..., the head of Russia's fund"). Commentators
(analysts, experts, journalists) speak for no party. A city that acts ("Moscow has rejected")
stands for the country the story ties it to: a gazetteer match that the story names, or the
country it is named with far more often than any other.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Article, Dossier, Entity
from .gazetteer import country_index

PARTY_TYPES = ("GPE", "NORP", "ORG", "LOC")
SPEAKER_TYPES = (*PARTY_TYPES, "PERSON")
PRONOUNS = {"he", "she", "him", "her"}
#: Occupations that comment on a story rather than take part in it: their words are no party's stance.
COMMENTATORS = {"expert", "analyst", "commentator", "columnist", "journalist", "reporter", "correspondent", "editor",
                "professor", "scholar", "researcher", "fellow", "observer", "academic", "economist", "historian",
                "author", "writer", "pundit", "lecturer", "scientist", "specialist", "citizen", "resident", "critic"}
#: Head nouns that speak for whoever their phrase names ("a statement from ...", "officials of ...").
SPEAKING_NOUNS = {"statement", "government", "administration", "official", "delegation", "ministry", "leader",
                  "spokesperson", "spokesman", "spokeswoman", "team", "side", "representative", "envoy", "office",
                  "authority", "cabinet", "negotiator", "minister", "president", "chief", "head", "union", "council"}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of a possible actor in one article."""

    start: int
    end: int
    name: str
    type: str
    entity_id: str | None


@functools.cache
def _gazetteer_country(name: str) -> str | None:
    """The one country a place name lies in by the gazetteer ("Kyiv" -> UKR), None when unknown or ambiguous."""
    index = country_index()
    found = index.codes(name)
    return str(index.country(next(iter(found))).alpha_3) if len(found) == 1 else None


def _bare(name: str) -> str:
    """A place name as the gazetteer spells it: no leading article, no dots ("the U.S." -> "US")."""
    return name.removeprefix("the ").removeprefix("The ").replace(".", "").strip()


@functools.cache
def _is_country(name: str) -> bool:
    """A country's name, short name ("Russia" for the Russian Federation) or initials ("UK"), not a city."""
    from ..entities.demonyms import DEMONYMS

    cleaned = _bare(name)
    if _country_code(name) is not None or cleaned.casefold() in {c.casefold() for c in DEMONYMS.values()}:
        return True
    if cleaned.isupper() and 2 <= len(cleaned) <= 4:
        return any("".join(w[0] for w in c.split() if w[0].isupper()) == cleaned for c in DEMONYMS.values())
    index = country_index()
    found = index.codes(cleaned)
    if len(found) != 1:
        return False
    country = index.country(next(iter(found)))
    words = cleaned.casefold().split()
    return any(" ".join(words) in " ".join(full.casefold().split()) for full in
               (getattr(country, key, "") for key in ("name", "official_name", "common_name")))


@functools.cache
def _country_code(name: str) -> str | None:
    import pycountry

    cleaned = _bare(name)
    if len(cleaned) < 2:
        return None
    try:
        return str(pycountry.countries.lookup(cleaned).alpha_3)
    except LookupError:
        return None


class Parties:
    """Party names for entities and for spans of text, built once per corpus."""

    def __init__(self, corpus: Dossier) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in corpus.entities or ()}
        self.records: dict[str, list[ActorMention]] = {a.id: _records(a, self.entities) for a in corpus.articles}
        self._starts = {key: [r.start for r in recs] for key, recs in self.records.items()}
        self._articles = {a.id: a for a in corpus.articles}
        self._keys: dict[tuple[str, str], str] = {}
        self._display: dict[str, str] = {}
        self._person: dict[str, str] = {}
        self._seat: dict[str, str] = {}
        self._build()

    # -- building -------------------------------------------------------------
    def _build(self) -> None:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        places: dict[str, str] = {}
        for recs in self.records.values():
            for r in recs:
                if r.type in ("GPE", "LOC", "ORG"):
                    key = _country_code(r.name) or r.name.removeprefix("the ")
                    self._keys[(r.name, r.type)] = key
                    counts[key][r.name] += 1
                    places.setdefault(key.lower()[:5], key)
                    places.setdefault(r.name.lower().removeprefix("the ")[:5], key)
        for recs in self.records.values():
            for r in recs:
                if r.type == "NORP":
                    key = places.get(r.name.lower()[:5], r.name.rstrip("s"))
                    self._keys[(r.name, r.type)] = key
                    counts[key][r.name] += 1
        self._display = {key: names.most_common(1)[0][0] for key, names in counts.items()}
        for entity in self.entities.values():
            if entity.side:
                key = self._keys.get((entity.side, "GPE")) or _country_code(entity.side) or entity.side
                self._keys[(entity.name, entity.type)] = key
                self._display.setdefault(key, entity.side)
        self._person = self._affiliations()
        self._seat = self._seats()

    def _seats(self) -> dict[str, str]:
        """Cities the story ties to one country: a gazetteer match among the story's countries, else a clear
        majority of the countries and party people named in the same sentences (at least twice, twice the next)."""
        countries: dict[str, str] = {}  # country code or name -> party key
        together: dict[str, Counter[str]] = defaultdict(Counter)
        cities: set[str] = set()
        for article_id, recs in self.records.items():
            doc = self._articles[article_id].doc
            if doc is None:
                continue
            starts = self._starts[article_id]
            for sent in doc.sents:
                inside = recs[bisect.bisect_left(starts, sent.start_char):bisect.bisect_left(starts, sent.end_char)]
                here_cities = {r.name for r in inside if r.type == "GPE" and not _is_country(r.name)}
                cities |= here_cities
                keys: set[str] = set()
                for r in inside:
                    if r.name in here_cities:
                        continue
                    key = self.party(r)
                    if key is not None and _is_country(key):
                        keys.add(key)
                        countries[_country_code(key) or key] = key
                for city in here_cities:
                    together[city].update(keys)
        seats: dict[str, str] = {}
        for city in cities:
            entity_names = [e for e in self.entities.values() if e.name == city]
            names = [city, *(a for e in entity_names for a in e.aliases)]
            code = next((c for n in names if (c := _gazetteer_country(n)) is not None), None)
            if code is not None and code in countries:
                seats[city] = countries[code]
                continue
            ranked = together[city].most_common(2)
            if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
                seats[city] = ranked[0][0]
        return seats

    def _affiliations(self) -> dict[str, str]:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        person_links: dict[str, Counter[str]] = defaultdict(Counter)
        for article_id, recs in self.records.items():
            doc = self._articles[article_id].doc
            if doc is None:
                continue
            for r in recs:
                if r.type != "PERSON":
                    continue
                for other in self._around(article_id, doc, r):
                    if other.type == "PERSON":
                        person_links[r.name][other.name] += 1
                    elif (key := self._keys.get((other.name, other.type))) is not None:
                        votes[r.name][key] += 1
        out = {name: counter.most_common(1)[0][0] for name, counter in votes.items()}
        for name, linked in person_links.items():
            if name not in out:
                for linked_name, _ in linked.most_common():
                    if linked_name in out:
                        out[name] = out[linked_name]
                        break
        full_names = [n for n in out if " " in n]
        for recs in self.records.values():
            for r in recs:
                if r.type == "PERSON" and r.name not in out:
                    longer = [n for n in full_names if n.split()[-1].lower() == r.name.split()[-1].lower()]
                    if longer:
                        out[r.name] = out[longer[0]]
        return out

    def _around(self, article_id: str, doc: Any, r: ActorMention) -> list[ActorMention]:
        """Records in the title before a person's name and in an apposition after it."""
        span = doc.char_span(r.start, r.end, alignment_mode="expand")
        if span is None:
            return []
        left = span.start
        while left > span.sent.start and span.start - left < 7:
            token = doc[left - 1]
            # "the Republican Party and Clinton": a coordinated name is no title of the person
            stops = token.text in (",", ";", "(", "\u2014") or token.pos_ == "CCONJ"
            if (token.pos_ in ("VERB", "AUX", "ADP") and token.lower_ != "of") or stops:
                break
            left -= 1
        lo, hi = doc[left].idx, span.end_char
        found = [o for o in self.records[article_id] if o is not r and lo <= o.start and o.end <= hi]
        for appos in (c for c in span.root.children if c.dep_ == "appos"):
            tokens = list(appos.subtree)
            a_lo, a_hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            found += [o for o in self.records[article_id] if a_lo <= o.start and o.end <= a_hi]
        return found

    # -- queries ----------------------------------------------------------------
    def party(self, record: ActorMention) -> str | None:
        """The party a record stands for (a person: the party they speak for), None if unknown."""
        entity = self.entities.get(record.entity_id or "")
        if entity is not None and entity.side:
            side_key = self._keys.get((entity.name, entity.type), entity.side)
            return self._display.get(side_key, entity.side)
        if entity is not None and _commentator(entity):
            return None
        if record.type == "GPE" and record.name in self._seat:
            return self._seat[record.name]
        key = self._person.get(record.name) if record.type == "PERSON" else self._keys.get((record.name, record.type))
        return self._display.get(key, key) if key else None

    def of_entity(self, entity_id: str) -> str | None:
        entity = self.entities.get(entity_id)
        if entity is None:
            return None
        return self.party(ActorMention(0, 0, entity.name, entity.type, entity.id)) or (
            entity.name if entity.type in PARTY_TYPES else None)

    def in_span(self, article_id: str, start: int, end: int) -> ActorMention | None:
        """The first actor record overlapping [start, end)."""
        recs = self.records.get(article_id, [])
        i = bisect.bisect_left(self._starts[article_id], start - 80)
        while i < len(recs) and recs[i].start < end:
            if recs[i].end > start:
                return recs[i]
            i += 1
        return None

    def last_person_before(self, article_id: str, position: int, window: int = 400) -> ActorMention | None:
        recs = self.records.get(article_id, [])
        i = bisect.bisect_left(self._starts[article_id], position) - 1
        while i >= 0 and recs[i].start >= position - window:
            if recs[i].type == "PERSON":
                return recs[i]
            i -= 1
        return None


def _commentator(entity: Entity) -> bool:
    """A person whose only titles are commentators' ("Expert in International Security")."""
    if entity.type != "PERSON" or not entity.roles:
        return False
    return all(any(w.strip("(),.").lower() in COMMENTATORS for w in role.title.split()) for role in entity.roles)


def _records(article: Article, entities: dict[str, Entity]) -> list[ActorMention]:
    found = [
        ActorMention(m.start, m.end, e.name, e.type, e.id)
        for e in entities.values() if e.type in SPEAKER_TYPES
        for m in e.mentions if m.article_id == article.id
    ]
    if not found:
        found = [
            ActorMention(m.start, m.end, m.text, m.label, None) for m in article.mentions if m.label in SPEAKER_TYPES
        ]
    return sorted(found, key=lambda r: (r.start, -r.end))


def subject_records(parties: Parties, article_id: str, subject: Any) -> list[ActorMention]:
    """The actors a subject names: one, or each member of a coordination ("the UK, France and Spain")."""
    first = subject_record(parties, article_id, subject)
    if first is None:
        return []
    span = subject.doc.char_span(first.start, first.end, alignment_mode="expand")
    head = span.root if span is not None else subject
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    found: list[ActorMention] = []
    for i in sorted(_chain(head)):
        token = subject.doc[i]
        record = parties.in_span(article_id, token.idx, token.idx + len(token.text))
        if record is not None and record.start <= token.idx < record.end and all(record is not r for r in found):
            found.append(record)
    if first not in found:
        found = [first]
    if len(found) == 1:
        found = _listed_before(parties, article_id, subject.doc, first) + found
    return found


def _listed_before(parties: Parties, article_id: str, doc: Any, last: ActorMention) -> list[ActorMention]:
    """The names listed before ``last`` in "A, B, C and D" (read from the words, where the parse broke
    the list), or none when ``last`` does not end such a list."""
    at = doc.char_span(last.start, last.end, alignment_mode="expand")
    if at is None or at.start < 2 or doc[at.start - 1].lower_ not in ("and", "or"):
        return []
    found: list[ActorMention] = []
    i = at.start - 1
    while i > at.sent.start:
        while i > at.sent.start and doc[i].lower_ in (",", "and", "or"):
            i -= 1
        token = doc[i]
        record = parties.in_span(article_id, token.idx, token.idx + len(token.text))
        if record is None or not (record.start <= token.idx < record.end) or record.type == "PERSON":
            break
        found.insert(0, record)
        begin = doc.char_span(record.start, record.end, alignment_mode="expand")
        i = (begin.start if begin is not None else i) - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 0 or doc[i].lower_ not in (",", "and", "or"):
            break
    return found


def _chain(head: Any) -> set[int]:
    """Token indexes of a coordination's members, starting from its first one."""
    members, frontier = {head.i}, [head]
    while frontier:
        token = frontier.pop()
        for child in token.children:
            if child.dep_ == "conj" and child.i not in members:
                members.add(child.i)
                frontier.append(child)
    return members


def joint_actor(parties: Parties, records: Sequence[ActorMention]) -> tuple[str, ActorMention] | None:
    """The party a list of actor records stands for: one party, or the members named together."""
    names: list[str] = []
    kept: list[ActorMention] = []
    for record in records:
        party = parties.party(record)
        if party is not None and party not in names:
            names.append(party)
            kept.append(record)
    if not names:
        return None
    if len(names) == 1:
        return names[0], kept[0]
    names.sort()  # the same coalition reads the same whichever member the sentence names first
    return ", ".join(names[:-1]) + " and " + names[-1], kept[0]


def subject_record(parties: Parties, article_id: str, subject: Any) -> ActorMention | None:
    """The actor a grammatical subject names: an entity inside it, or for he/she the last person named."""
    if subject.lower_ in PRONOUNS:
        return parties.last_person_before(article_id, subject.idx)
    head = parties.in_span(article_id, subject.idx, subject.idx + len(subject.text))
    if head is not None:
        return head
    # "The Trump administration", "Moscow's envoy": a name fused with the head noun speaks for it
    for child in subject.children:
        if child.dep_ in ("compound", "poss", "amod") and child.i < subject.i:
            found = parties.in_span(article_id, child.idx, child.idx + len(child.text))
            if found is not None:
                return found
    # "a joint statement from the UK, France ...": only nouns that speak for someone reach into their phrase
    if subject.lemma_.lower() in SPEAKING_NOUNS:
        tokens: Sequence[Any] = list(subject.subtree)
        return parties.in_span(article_id, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return None
