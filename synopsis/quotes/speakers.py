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
from .spans import quote_marks
from .transcript import QA_LABELS

SPEAKING_TYPES = ("PERSON", "ORG", "NORP", "GPE", "FAC")
PERSON_PRONOUNS = frozenset(PRONOUN_GENDER)
WORD = re.compile(r"[\w\u2019'-]+")
PREPOSITIONS = frozenset({"to", "of", "from", "with", "by", "for", "about", "against", "on", "at", "between"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
#: Pronouns in the object case: 'Let us recall' gives no speaker.
OBJECT_PRONOUNS = frozenset({"us", "me", "him", "them", "whom"})
AGENT_NOUNS = SPEAKER_NOUNS | ROLE_NOUNS | GROUP_NOUNS | INSTITUTION_NOUNS
#: First-person pronouns: inside a speaker's own quoted words they are that speaker.
FIRST_PERSON = frozenset({"i", "we"})
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
        self._marks: list[tuple[int, int]] | None = None
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
        if len(words) == 1 and (words[0] in PERSON_PRONOUNS or (
                words[0] in FIRST_PERSON and self._quoted_here(start, end))):
            return self._pronoun(start, text, recent)
        if len(words) == 1 and words[0] in BODY_PRONOUNS:
            return self._body_pronoun(start, end, words[0]) or ResolvedSpeaker(text, None)
        found = [m for m in self.overlapping(start, end)
                 if self._within(m, start, end) and (m.entity.type != "PERSON" or self._heads(m, start, end))]
        if self._one_unnamed_person(words, text, found, end) and not _introduced(self.article.text[:start], words[-1]):
            referent = self._pronoun(start, text, recent)
            if referent.entity_id is not None:
                return referent  # 'the Spaniard said', 'the 73-year-old said': the person named before
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
        named = self._called(start, end)
        if named is not None:
            return named
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

    def _called(self, start: int, end: int) -> ResolvedSpeaker | None:
        """'a shadowy group called the "Red Front"', 'the rebel group, the Red Front': a body or group
        described, then named; the name speaks (its entity when it has one)."""
        doc = self.article.doc
        phrase = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        return self._named(phrase.root, phrase.end) if phrase is not None and len(phrase) else None

    def _named(self, head: Any, limit: int) -> ResolvedSpeaker | None:
        """The name given to the body or group a noun ``head`` describes, within tokens before ``limit``."""
        doc = head.doc
        if not _agent_noun(head):
            return None
        for child in head.children:
            name = child if child.dep_ == "appos" and child.pos_ == "PROPN" else next(
                (g for g in child.children if g.dep_ in ("oprd", "dobj", "attr") and g.pos_ == "PROPN"), None
            ) if child.dep_ == "acl" and child.lemma_.lower() in ("call", "name") else None
            if name is None or name.right_edge.i >= limit:
                continue
            words = [t for t in doc[name.left_edge.i:name.right_edge.i + 1] if not (t.is_punct or t.dep_ == "det")]
            if not words:
                continue
            low, high = words[0].idx, words[-1].idx + len(words[-1])
            entity = next((m.entity for m in self.overlapping(low, high) if m.entity.type != "PERSON"
                           and m.start <= low + 1 and high <= m.end + 1), None)
            if entity is not None:
                return ResolvedSpeaker(entity.name, entity.id)
            return ResolvedSpeaker(self.article.text[low:high], None)
        return None

    def _quoted_here(self, start: int, end: int) -> bool:
        """The source lies inside a quotation ('"Since day one, I said ..."'): an 'I' or 'we' inside quoted words is
        the speaker quoted, the person a 'he' there would be, not the article's author."""
        if self._marks is None:
            self._marks = [(m.start, m.end) for m in quote_marks(self.article.text)]
        k = bisect.bisect_right(self._marks, (start, len(self.article.text))) - 1
        if k >= 0 and self._marks[k][0] < start and end < self._marks[k][1]:
            return True
        text = self.article.text  # or a quote still open where the text ends (a page kept only up to a point)
        if "\n" in text[end:].rstrip():
            return False
        before = text[text.rfind("\n", 0, start) + 1:start]
        return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")

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

    def _one_unnamed_person(self, words: list[str], text: str, found: list[_Mention], end: int) -> bool:
        """'the Spaniard', 'the 73-year-old': one person described by nationality or age, not named."""
        if len(words) < 2 or len(words) > 4 or words[0] != "the" or any(m.entity.type != "NORP" for m in found):
            return False
        if AGE.search(text):
            return True
        doc = self.article.doc
        head = doc.char_span(end - len(words[-1]), end, alignment_mode="expand") if doc is not None else None
        return (any(m.end >= end for m in found) and head is not None and len(head) == 1
                and head[0].tag_ in ("NN", "NNP"))  # the demonym is the head: not 'the Spanish minister'

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
        named = self._named(head, head.right_edge.i + 1)
        if named is not None:
            return named
        if not _agent_noun(head):
            return None
        if plural != (head.tag_ == "NNS") and head.lemma_.lower() not in COLLECTIVE_NOUNS:
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
        if not pool and words[-1] in AGENT_NOUNS:
            pool = {e.id: e for title, e in self.roles if self.article.id in e.article_ids and _shortens(phrase, title)}
        return next(iter(pool.values())) if len(pool) == 1 else None

    def _surname(self, words: list[str]) -> Entity | None:
        """A person the parser missed ('doe said'): a unique surname among the entities."""
        if not words or len(words) > 4:
            return None
        ids = self.surnames.get(words[-1], set())
        return self.entities[next(iter(ids))] if len(ids) == 1 else None


def _agent_noun(token: Any) -> bool:
    """A common noun for people or bodies that can speak ('group', 'police', 'officials')."""
    return bool(token.pos_ == "NOUN" and (token.lemma_.lower() in AGENT_NOUNS or token.lower_ in AGENT_NOUNS))


def _shortens(phrase: str, title: str) -> bool:
    """A description that shortens a title: the same head noun, every other word of it in the title ('sheriff' of
    'los angeles county sheriff', 'ukrainian president' of 'former ukrainian president')."""
    words, held = phrase.split(), title.split()
    return bool(words) and bool(held) and words[-1] == held[-1] and set(words) <= set(held)


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


#: Head nouns of a source that is a news outlet passing on someone else's words.
MEDIA_NOUNS = frozenset({"newspaper", "paper", "daily", "tabloid", "magazine", "agency", "wire", "broadcaster",
                         "channel", "network", "station", "outlet", "portal", "website", "site", "tv", "television",
                         "radio", "media", "publication", "correspondent", "reporter"})


def is_outlet(doc: Any, start: int, end: int, outlets: frozenset[str]) -> bool:
    """The source names a news outlet: one of the known or the story's outlets ('Reuters', 'Sky News'), or a phrase
    headed by a noun for one ('the Madrid newspaper El Pais', 'a TV channel')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if outlet_key(span.text) in outlets or (span.root.lower_ in MEDIA_NOUNS or span.root.lemma_.lower() in MEDIA_NOUNS):
        return True
    return any(outlet_key(e.text) in outlets for e in span.ents if e.root.i == span.root.i)


def outlet_key(name: str) -> str:
    """An outlet's name as compared: letters and digits only, lower case, without a leading 'the'."""
    folded = re.sub(r"[^\w]+", " ", name.casefold()).split()
    return " ".join(folded[1:] if folded[:1] == ["the"] else folded)


def relayed_source(doc: Any, source: tuple[int, int], cue: tuple[int, int] | None,
                   outlets: frozenset[str]) -> tuple[int, int] | None:
    """Whom a relay passes on, when the text names them: 'a witness was quoted by AFP as saying' gives 'a
    witness'; an outlet that 'reported, citing a diplomatic source' gives 'a diplomatic source'. None otherwise:
    an outlet reporting on its own speaks for itself."""
    span = doc.char_span(*cue, alignment_mode="expand") if cue else None
    verbs = [t for t in span or () if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    verb = verbs[-1]
    if verb.lemma_.lower() == "quote":
        quoted = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if quoted is not None and not (quoted.left_edge.idx <= source[0] < quoted.right_edge.idx + 1):
            return _phrase(quoted)
    if not is_outlet(doc, *source, outlets):
        return None
    cited = next((g for g in citing.children if g.dep_ == "dobj"), None) if (citing := _citing(verb)) else None
    return _phrase(cited) if cited is not None else None


def citing_phrase(doc: Any, cue: tuple[int, int] | None) -> tuple[int, int] | None:
    """The 'citing ...' phrase of a relay's cue ('reported, citing a source, that'), which is not what was said."""
    span = doc.char_span(*cue, alignment_mode="expand") if cue else None
    verbs = [t for t in span or () if t.pos_ in ("VERB", "AUX")]
    citing = _citing(verbs[-1]) if verbs else None
    if citing is None:
        return None
    last = citing.right_edge
    return citing.left_edge.idx, last.idx + len(last)


def _citing(verb: Any) -> Any:
    """'citing' hung on the cue or on the clause it reports (the parser does both)."""
    for token in verb.subtree:
        if token.lemma_.lower() == "cite" and token.dep_ in ("advcl", "xcomp", "conj") and (
                token.head.i == verb.i or token.head.head.i == verb.i):
            return token
    return None


def _phrase(head: Any) -> tuple[int, int]:
    """The noun phrase a head word heads, without what trails after a comma."""
    tokens = [t for t in head.subtree if t.i <= head.i or not any(p.is_punct for p in head.doc[head.i:t.i])]
    last = tokens[-1]
    return tokens[0].idx, last.idx + len(last)
