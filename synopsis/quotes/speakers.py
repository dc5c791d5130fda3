"""From a source span to the entity that speaks, or to nobody when the text does not say.

Only ``Entity.mentions``, ``Entity.roles``, ``Entity.type`` and names are read. The order
of evidence: a person mentioned inside the source span; else one organisation or
place named there (the ministry, City Hall); else a role title the source
names ("the foreign minister"); else, for he/she, the nearest preceding person in the
article, and for a definite title no entity holds ("the official", "the Spanish leader") the same
person a pronoun would take; for it/they, the nearest subject before, when it names a body or a group
("The Admiralty would not comment ... it signalled"). Anything ambiguous stays unresolved: the speaker keeps its
text (less a relative clause: "a source, which ..."), id ``None``; a source that names no one (a
heading, a number, a thing: ``names_someone``) gives no speaker at all. A name counts when the parse
makes it the source phrase's head, not when it merely sits nearest.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..entities.lexicon import GROUP_NOUNS, INSTITUTION_NOUNS, ROLE_NOUNS
from ..lang.function_words import PRONOUN_GENDER
from ..models import Article, Entity
from .extract import RELATIVE_PRONOUNS, relative_antecedent
from .lexicon import SPEAKER_NOUNS
from .sanity import AGE
from .transcript import QA_LABELS

SPEAKING_TYPES = ("PERSON", "ORG", "NORP", "GPE", "FAC")
PERSON_PRONOUNS = frozenset(PRONOUN_GENDER)
WORD = re.compile(r"[\w\u2019'-]+")
PREPOSITIONS = frozenset({"to", "of", "from", "with", "by", "for", "about", "against", "on", "at", "between"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
#: Pronouns in the object case: 'Let us recall' gives no speaker.
OBJECT_PRONOUNS = frozenset({"us", "me", "him", "them", "whom"})
AGENT_NOUNS = SPEAKER_NOUNS | ROLE_NOUNS | GROUP_NOUNS | INSTITUTION_NOUNS
#: Pronouns that may stand for a body or a group that speaks ('it indicated', 'they said').
BODY_PRONOUNS = frozenset({"it", "they"})
#: Singular nouns for bodies that English also refers to as 'they' ('the police said ... They added').
COLLECTIVE_NOUNS = frozenset({"police", "government", "military", "army", "administration", "team", "side",
                              "delegation", "committee", "council", "board", "party", "company"})
#: A relative clause after a source's name: ', which lasted ...', ', who had been ...'.
RELATIVE_CLAUSE = re.compile(r",\s+(?:who|whom|whose|which|where|when)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ResolvedSpeaker:
    name: str | None
    entity_id: str | None


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    entity: Entity


class SpeakerIndex:
    """The entities' mentions in one article, sorted, plus the corpus-wide role titles."""

    def __init__(self, article: Article, entities: Sequence[Entity]) -> None:
        self.article = article
        self.entities = {e.id: e for e in entities}
        mentions = [
            _Mention(m.start, m.end, e)
            for e in entities if e.type in SPEAKING_TYPES
            for m in e.mentions if m.article_id == article.id
        ]
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]
        self.roles: list[tuple[str, Entity]] = [
            (_normal(role.title), e) for e in entities for role in e.roles if _normal(role.title)
        ]
        self.surnames: dict[str, set[str]] = {}
        for e in entities:
            if e.type != "PERSON":
                continue
            for name in (e.name, *e.aliases):
                words = WORD.findall(name)
                if words:
                    self.surnames.setdefault(words[-1].casefold(), set()).add(e.id)

    def overlapping(self, start: int, end: int) -> list[_Mention]:
        k = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[:k] if m.end > start]

    def resolve(self, start: int, end: int, recent: tuple[int, Entity] | None = None) -> ResolvedSpeaker:
        """The speaker named by the source span ``start``-``end`` of this article.

        ``recent`` is the last person resolved as a speaker before ``start`` (position, entity):
        a pronoun that follows it refers to it unless another person is named in between.
        """
        text = self.article.text[start:end]
        words = [w.casefold() for w in WORD.findall(text)]
        if len(words) == 1 and words[0] in RELATIVE_PRONOUNS and self.article.doc is not None:
            antecedent = relative_antecedent(self.article.doc, start)
            if antecedent is not None:
                return self.resolve(antecedent[0], antecedent[1], recent)
        if len(words) == 1 and words[0] in PERSON_PRONOUNS:
            return self._pronoun(start, text, recent)
        if len(words) == 1 and words[0] in BODY_PRONOUNS:
            return self._body_pronoun(start, end, words[0]) or ResolvedSpeaker(text, None)
        found = [m for m in self.overlapping(start, end)
                 if self._within(m, start, end) and (m.entity.type != "PERSON" or self._heads(m, start, end))]
        for types in (("PERSON",), ("ORG",), ("NORP", "GPE", "FAC")):
            ids = {m.entity.id for m in found if m.entity.type in types}
            if len(ids) == 1:
                entity = self.entities[ids.pop()]
                if types != ("PERSON",) and not self._names_only(found, start, end, types):
                    break
                return ResolvedSpeaker(entity.name, entity.id)
            if len(ids) > 1 and types == ("PERSON",):
                first = min((m for m in found if m.entity.type == "PERSON"), key=lambda m: m.start)
                return ResolvedSpeaker(first.entity.name, first.entity.id)
            if len(ids) > 1:
                return ResolvedSpeaker(text, None)
        by_role = self._role(words)
        if by_role is not None:
            return ResolvedSpeaker(by_role.name, by_role.id)
        by_surname = self._surname(words)
        if by_surname is not None:
            return ResolvedSpeaker(by_surname.name, by_surname.id)
        if self._description(words) and not any(m.entity.type == "PERSON" for m in found) and not _introduced(
                self.article.text[:start], words[-1]):
            referent = self._pronoun(start, text, recent)
            if referent.entity_id is not None:
                return referent  # 'the official noted' after 'spokesman Pavel Ostrov said'
        return ResolvedSpeaker(_without_relative_clause(text), None)

    def _within(self, mention: _Mention, start: int, end: int) -> bool:
        """A name the source itself holds, not one running past it ('Jane' in 'Jane Asking Judge').

        Only punctuation the source's trimming took off ('U.S.' for 'the U.S') may lie outside.
        """
        text = self.article.text
        before = text[mention.start:start] if mention.start < start else ""
        after = text[end:mention.end] if mention.end > end else ""
        return not any(c.isalnum() for c in before + after)

    def _heads(self, mention: _Mention, start: int, end: int) -> bool:
        """A person named as the speaker, not as a modifier ("Doe's adviser", "a call to Doe").

        The parse decides: the name is the source phrase's head or in apposition to it ('Lavrov in
        Riyadh', 'the minister, Marco Rubio'); without a parse, what follows the name does.
        """
        doc = self.article.doc
        if doc is not None:
            phrase = doc.char_span(start, end, alignment_mode="expand")
            name = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if phrase is not None and name is not None and len(phrase) and len(name):
                head = name.root
                return bool(head.i == phrase.root.i or (head.dep_ == "appos" and head.head.i == phrase.root.i))
        text = self.article.text
        after = text[mention.end:end].lstrip()
        if after and not after.startswith((",", "(", "\u2014", "-")):
            return False
        before = WORD.findall(text[max(0, mention.start - 12):mention.start])
        return not (before and before[-1].casefold() in PREPOSITIONS)

    def _names_only(self, found: list[_Mention], start: int, end: int, types: tuple[str, ...]) -> bool:
        """An organisation speaks when the source is little more than its name; a place only as its name."""
        rest = [w for w in WORD.findall(self.article.text[start:end]) if w.casefold() not in DETERMINERS]
        covered = len(WORD.findall(" ".join(self.article.text[m.start:m.end] for m in found if m.entity.type in types)))
        return covered > 0 and len(rest) - covered <= (1 if types == ("ORG",) else 0)

    def _pronoun(self, start: int, text: str, recent: tuple[int, Entity] | None) -> ResolvedSpeaker:
        """He/she: the closest preceding person, preferring subjects and the last resolved speaker."""
        k = bisect.bisect_left(self.starts, start)
        fallback: Entity | None = None
        for mention in reversed(self.mentions[:k]):
            if mention.entity.type != "PERSON" or mention.end > start:
                continue
            if recent is not None and recent[0] >= mention.start:
                break
            if self._is_subject(mention):
                return ResolvedSpeaker(mention.entity.name, mention.entity.id)
            fallback = fallback or mention.entity
        chosen = recent[1] if recent is not None and recent[0] <= start else fallback
        return ResolvedSpeaker(chosen.name, chosen.id) if chosen is not None else ResolvedSpeaker(text, None)

    def _description(self, words: list[str]) -> bool:
        """'the official', 'the Spanish leader': a definite singular title that no entity of the corpus holds,
        so it refers back to a person named before, as he or she would."""
        if len(words) < 2 or len(words) > 4 or words[0] != "the" or words[-1] not in ROLE_NOUNS:
            return False
        phrase = " ".join(w for w in words if w not in DETERMINERS)
        return not any(phrase == title or phrase.endswith(" " + title) for title, _ in self.roles)

    def _body_pronoun(self, start: int, end: int, pronoun: str) -> ResolvedSpeaker | None:
        """It/they: the nearest subject before, in this sentence or the two before, when it names a body or a
        group ('The Admiralty would not comment ... Even so, it signalled'; 'The NYPD said ... They said'). A nearer
        subject that names neither (a report, a person for 'it') leaves the pronoun unresolved."""
        doc = self.article.doc
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        if span is None or not len(span):
            return None
        first = span[0].sent
        for _ in range(2):
            if first.start == 0:
                break
            first = doc[first.start - 1].sent
        for token in reversed(doc[first.start:span[0].i]):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
                continue
            return self._body(token, plural=pronoun == "they")
        return None

    def _body(self, head: Any, plural: bool) -> ResolvedSpeaker | None:
        """The body or group a subject names: its entity ('the "Kashmir Resistance"' in apposition to 'a group'),
        or its own words when it is a noun for people or bodies that agrees in number ('police', 'officials')."""
        low, high = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        for mention in self.overlapping(low, high):
            if mention.entity.type == "PERSON" or mention.start < low or mention.end > high:
                continue
            root = self.article.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if root is not None and len(root) and (root.root.i == head.i or (
                    root.root.dep_ == "appos" and root.root.head.i == head.i)):
                return ResolvedSpeaker(mention.entity.name, mention.entity.id)
        noun = head.lemma_.lower()
        if head.pos_ != "NOUN" or not (noun in AGENT_NOUNS or head.lower_ in AGENT_NOUNS):
            return None
        if plural != (head.tag_ == "NNS") and noun not in COLLECTIVE_NOUNS:
            return None
        words = [t for t in head.doc[head.left_edge.i:head.i + 1] if not (t.is_punct or t.is_space)]
        return ResolvedSpeaker(self.article.text[words[0].idx:head.idx + len(head)], None) if words else None

    def _is_subject(self, mention: _Mention) -> bool:
        doc = self.article.doc
        if doc is None:
            return True
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is None or span.root.dep_ in ("nsubj", "nsubjpass")

    def _role(self, words: list[str]) -> Entity | None:
        if not words:
            return None
        phrase = " ".join(w for w in words if w not in DETERMINERS)
        matches = {e.id: e for title, e in self.roles if phrase == title or phrase.endswith(" " + title)}
        local = {i: e for i, e in matches.items() if self.article.id in e.article_ids}
        pool = local or matches
        return next(iter(pool.values())) if len(pool) == 1 else None

    def _surname(self, words: list[str]) -> Entity | None:
        """A person the parser missed ('doe said'): a unique surname among the entities."""
        if not words or len(words) > 4:
            return None
        ids = self.surnames.get(words[-1], set())
        return self.entities[next(iter(ids))] if len(ids) == 1 else None


def _introduced(before: str, noun: str) -> bool:
    """The article brought in someone unnamed by this noun before ('a White House official ... the official'):
    the description refers back to them, not to the last person named."""
    return re.search(rf"\b(?:an?|one)\s+(?:[\w'.-]+\s+){{0,3}}{re.escape(noun)}\b", before, re.IGNORECASE) is not None


def _without_relative_clause(text: str) -> str:
    """'a source on the talks, which ran late' names 'a source on the talks'."""
    cut = RELATIVE_CLAUSE.search(text)
    return text[:cut.start()] if cut and cut.start() > 0 else text


def _normal(title: str) -> str:
    return " ".join(w.casefold() for w in WORD.findall(title) if w.casefold() not in DETERMINERS)


def names_someone(doc: Any, start: int, end: int) -> bool:
    """A source that can be a speaker: a name, a pronoun in the subject case, an interview label, or a phrase
    headed by a noun for people, a group or a body ('officials', 'the grid operator'); not a heading, a number
    or a thing ('Details', 'Louvre museum robbery', '20% of voters', 'the death toll')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span or () if not (t.is_punct or t.is_space)]
    if not words:
        return False
    root = span.root if span is not None else words[-1]
    if root.pos_ == "PRON":
        return root.lower_ not in OBJECT_PRONOUNS
    if root.pos_ == "PROPN" or root.ent_type_ in SPEAKING_TYPES or root.is_oov:
        return True  # a name, or a word the vocabulary does not know ('Time.news')
    if root.lower_ in QA_LABELS:
        return True  # an interview's 'Q' and 'A'
    if AGE.search(span.text if span is not None else ""):
        return True  # 'the 73-year-old'
    if root.pos_ != "NOUN":
        return False
    return root.lemma_.lower() in AGENT_NOUNS or root.lower_ in AGENT_NOUNS


class BodyTies:
    """The bodies each person speaks for, as the text ties them: an organisation named inside one of the person's
    titles ('Harbour Lines spokesperson Mia Lund', 'Northport Police chief Ada Reyes'). A quote of the body and
    one of its spokesperson or chief may be one statement; the quote pair model decides on their words."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.bodies: dict[str, list[tuple[int, int, str]]] = {}
        for entity in entities:
            if entity.type == "ORG":
                for m in entity.mentions:
                    self.bodies.setdefault(m.article_id, []).append((m.start, m.end, entity.id))
        self.entities = {e.id: e for e in entities}

    def of(self, entity_id: str | None) -> frozenset[str]:
        """Ids of the organisations a person's titles name; none for anyone else."""
        entity = self.entities.get(entity_id or "")
        if entity is None or entity.type != "PERSON":
            return frozenset()
        return frozenset(body for role in entity.roles for evidence in role.evidence
                         for start, end, body in self.bodies.get(evidence.article_id, ())
                         if evidence.start <= start and end <= evidence.end and body != entity.id)
