"""Titles of people, read from the dependency parse around each name mention.

Four constructions carry a title in news prose: a premodifier ("US Secretary of
State Marco Rubio"), an appositive on either side ("Rubio, the secretary of
state"; "The EU's foreign policy chief, Kaja Kallas"), a copular or "serve as"
clause ("X is the head of Y", "X, who has served as foreign minister") and a
relative clause with a leading verb ("X, who heads Y"). The country, bloc,
organisation or person that owns the title ("Russian", "Russia's", "Kremlin",
"Putin's") is kept apart as an affiliation: it is evidence for the side, not
part of the title, so that "Russian Foreign Minister" and "Russia's foreign
minister" give one title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..lang.function_words import FUNCTION_WORDS
from ..nlp import text_of
from .lexicon import FORMER_MARKERS, HONORIFICS, ROLE_NOUNS, SIDE_BEARING, TITLE_WORDS

_DOTTED = re.compile(r"\b((?:[A-Z]\.){2,})")
_LEAD_VERBS = frozenset(["head", "lead", "chair", "run", "direct", "helm"])
_AS_VERBS = frozenset(["serve", "act", "work", "remain", "become"])
_DET_WORDS = frozenset({"the", "a", "an", "this", "that", "these", "those", "another", "some", "any"})
_POSS_PRONOUNS = frozenset({"its", "his", "her", "their", "our", "my", "your"})
_SPELLING = {"advisor": "adviser", "defense": "defence", "organization": "organisation", "spokesman": "spokesperson",
             "spokeswoman": "spokesperson"}
_AFFILIATING_PREPS = frozenset({"of", "for", "at"})


@dataclass(frozen=True, slots=True)
class Affiliation:
    """Who owns a title: a nationality, a place, an organisation, a person or a pronoun."""

    kind: str  # "NORP" | "GPE" | "ORG" | "PERSON" | "PRON"
    text: str
    start: int
    end: int


@dataclass(slots=True)
class TitleFind:
    """One title found for one mention, with its evidence span and affiliations."""

    title: str
    head: str
    start: int
    end: int
    affiliations: list[Affiliation] = field(default_factory=list)
    construction: str = ""
    text: str = ""

    @property
    def key(self) -> str:
        return title_key(self.title)

    @property
    def side_bearing(self) -> bool:
        return self.head in SIDE_BEARING


def title_key(title: str) -> str:
    """Comparison key of a title: case and British/American spelling ignored."""
    words = [_SPELLING.get(w, w) for w in re.sub(r"[’']", "'", title).casefold().split()]
    return " ".join(words)


def titles_for(doc: Any, first: int, last: int) -> list[TitleFind]:
    """Every title the parse attaches to the name occupying tokens ``first``..``last`` (exclusive)."""
    if last <= first:
        return []
    span = doc[first:last]
    root = span.root
    out: list[TitleFind] = []
    found = _premodifier(doc, first, last)
    if found:
        out.append(found)
    for child in root.children:
        if child.dep_ == "appos" and child.i >= last and _is_role_head(child):
            found = _noun_phrase(doc, child, first, last, "appositive")
            if found:
                out.append(found)
        if child.dep_ == "relcl":
            found = _clause(doc, child, first, last, "relative clause")
            if found:
                out.append(found)
    if root.dep_ == "appos" and root.head.i < first and _is_role_head(root.head):
        found = _noun_phrase(doc, root.head, first, last, "appositive")
        if found:
            out.append(found)
    if root.dep_ in ("nsubj", "nsubjpass"):
        found = _clause(doc, root.head, first, last, "copular clause")
        if found:
            out.append(found)
    if not any(f.construction == "appositive" for f in out):
        found = _loose_appositive(doc, first, last)
        if found:
            out.append(found)
    # "Marco Rubio, Trump's national security adviser, Mike Waltz": a phrase after the name that runs into
    # another person's name describes that name, not this one
    out = [f for f in out if not (f.construction == "appositive" and f.start >= span.start_char
                                  and _another_name_follows(doc, f.end))]
    found = _parenthetical(doc, last)
    if found:
        out.append(found)
    return out


def _another_name_follows(doc: Any, end_char: int) -> bool:
    """A comma and then a person's name right after ``end_char``."""
    span = doc.char_span(end_char, min(len(text_of(doc)), end_char + 40), alignment_mode="expand")
    if span is None or len(span) < 2:
        return False
    return bool(span[0].text == "," and span[1].ent_type_ == "PERSON")


def _loose_appositive(doc: Any, first: int, last: int) -> TitleFind | None:
    """"X, Trump's special envoy to Y": an appositive the parser attached elsewhere."""
    if last >= len(doc) or doc[last].text != ",":
        return None
    for token in doc[last + 1:min(last + 9, len(doc))]:
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            return None
        if _is_role_head(token) and token.dep_ in ("npadvmod", "dep", "appos") and not first <= token.head.i < last:
            return _noun_phrase(doc, token, first, last, "appositive")
    return None


def _is_role_head(token: Any) -> bool:
    return token.tag_ in ("NN", "NNP") and token.lemma_.lower() in ROLE_NOUNS


def _premodifier(doc: Any, first: int, last: int) -> TitleFind | None:
    """Title words right before the name, inside its noun phrase ("Kremlin aide Yuri Ushakov")."""
    root = doc[first:last].root
    below = {t.i for t in root.subtree}
    j = first - 1
    while (j >= 0 and j in below and doc[j].dep_ not in ("punct", "cc", "conj") and "\n" not in doc[j].text
           and not (doc[j].ent_type_ == "PERSON" and doc[j + 1].ent_iob_ != "I")):  # another person's name
        j -= 1
    tokens = list(doc[j + 1:first])
    if not tokens:
        return None
    return _make(doc, tokens, "premodifier", name_span=(first, last))


def _noun_phrase(doc: Any, head: Any, first: int, last: int, construction: str) -> TitleFind | None:
    """Title from a noun phrase headed by ``head``; relative clauses, lists and the name itself cut off."""
    if head.tag_ in ("NNS", "NNPS"):
        return None
    keep = _phrase_tokens(head, first, last)
    return _make(doc, keep, construction, name_span=(first, last)) if keep else None


def _phrase_tokens(head: Any, first: int, last: int) -> list[Any]:
    keep: list[Any] = []

    def visit(token: Any, top: bool) -> None:
        if first <= token.i < last:
            return
        if not top and token.dep_ in ("relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "parataxis"):
            return
        keep.append(token)
        for child in token.children:
            visit(child, False)

    visit(head, True)
    keep.sort(key=lambda t: t.i)
    # a phrase never runs across a comma or a bracket
    start = next((k for k, t in enumerate(keep) if t.i == head.i), 0)
    lo, hi = start, start
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    return keep[lo:hi + 1]


def _clause(doc: Any, verb: Any, first: int, last: int, construction: str) -> TitleFind | None:
    """Title from "X is the Y", "X (who) served as Y" or "X, who heads Y"."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if lemma == "be" and child.dep_ == "attr" and _is_role_head(child):
            return _noun_phrase(doc, child, first, last, construction)
        if lemma in _AS_VERBS and child.dep_ == "prep" and child.lower_ == "as":
            target = next((g for g in child.children if g.dep_ == "pobj" and _is_role_head(g)), None)
            if target is not None:
                return _noun_phrase(doc, target, first, last, construction)
        if lemma in _LEAD_VERBS and child.dep_ == "dobj" and construction == "relative clause":
            tokens = [t for t in _phrase_tokens(child, first, last) if t.lower_ not in _DET_WORDS or t.i > child.i]
            if tokens and (child.ent_type_ or child.pos_ == "PROPN"):
                return _headed(doc, tokens, first)
    return None


def _headed(doc: Any, tokens: list[Any], first: int) -> TitleFind:
    """"X, who heads the Y": the title "Head of the Y", owned by Y."""
    span = doc[tokens[0].i:tokens[-1].i + 1]
    body = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), span.text)
    owner = Affiliation(span.root.ent_type_ or "ORG", span.text, span.start_char, span.end_char)
    evidence = doc[first:span.end]
    return TitleFind(f"Head of the {body}", "head", evidence.start_char, evidence.end_char, [owner],
                     "relative clause", evidence.text)


def _parenthetical(doc: Any, last: int) -> TitleFind | None:
    """"Dr. Eleanor Vance (Expert in International Security)": a role word in brackets after a name."""
    if last + 2 >= len(doc) or doc[last].text != "(":
        return None
    close = next((k for k in range(last + 1, min(last + 12, len(doc))) if doc[k].text == ")"), None)
    if close is None or close - last < 2:
        return None
    inner = list(doc[last + 1:close])
    if not any(t.lemma_.lower() in ROLE_NOUNS for t in inner) or any(t.pos_ in ("VERB", "AUX") for t in inner):
        return None
    return _make(doc, inner, "parenthetical", name_span=(last, last))


def _make(doc: Any, tokens: list[Any], construction: str, name_span: tuple[int, int]) -> TitleFind | None:
    """Normalise title tokens: affiliations split off, "former" kept, case and "U.S." unified."""
    affiliations: list[Affiliation] = []
    former = False
    body: list[Any] = []
    k = 0
    # possessors and leading determiners ("The European Union's", "its", "the nation's")
    possessive_end = _possessor_end(tokens)
    for i, t in enumerate(tokens):
        if i <= possessive_end:
            if t.tag_ != "POS" and t.ent_type_ and t.lower_ not in _DET_WORDS:
                _add(affiliations, t)
            continue
        if t.lower_ in _POSS_PRONOUNS and i == k:
            affiliations.append(Affiliation("PRON", t.text, t.idx, t.idx + len(t.text)))
            k = i + 1
            continue
        if t.lower_ in _DET_WORDS and not body:
            continue
        if t.lower_.rstrip("-") in FORMER_MARKERS or t.lower_.startswith("ex-"):
            former = True
            continue
        if not body and t.ent_type_ in ("NORP", "GPE") and t.tag_ != "IN" and t.lower_ not in TITLE_WORDS:
            _add(affiliations, t)
            continue
        if not body and t.ent_type_ == "ORG":
            _add(affiliations, t)
        body.append(t)
    body = _trim(body)
    if not body:
        return None
    head = _head_word(body)
    if head is None:
        return None
    if construction in ("appositive", "copular clause", "relative clause"):
        _complement_affiliations(body, affiliations)
    words = _normalise_words(body)
    if not words:
        return None
    title = " ".join(words)
    if former:
        title = "former " + title
    lo = min(t.i for t in tokens)
    hi = max(t.i for t in tokens) + 1
    if construction == "premodifier":
        hi = name_span[1]
    elif construction == "appositive" and lo > name_span[0]:
        lo = name_span[0]
    span = doc[lo:hi]
    return TitleFind(title, head, span.start_char, span.end_char, affiliations, construction, span.text)


def _possessor_end(tokens: list[Any]) -> int:
    """Index of the "'s" closing a possessor at the start of the phrase ("The EU's ..."), else -1."""
    for i, t in enumerate(tokens):
        if t.tag_ == "POS":
            owner = {u.i for u in t.head.subtree}
            if all(u.i in owner or u.lower_ in _DET_WORDS for u in tokens[:i]):
                return i
            return -1
    return -1


def _add(affiliations: list[Affiliation], token: Any) -> None:
    """Extend the last affiliation when ``token`` continues it, else start a new one."""
    kind = token.ent_type_ or "PRON"
    if affiliations and affiliations[-1].kind == kind and affiliations[-1].end >= token.idx - 1:
        last = affiliations[-1]
        joined = token.doc.char_span(last.start, token.idx + len(token.text), alignment_mode="expand")
        affiliations[-1] = Affiliation(kind, joined.text, joined.start_char, joined.end_char)
        return
    affiliations.append(Affiliation(kind, token.text, token.idx, token.idx + len(token.text)))


def _trim(body: list[Any]) -> list[Any]:
    """Drop trailing honorifics ("Foreign Minister Prince") and dangling function words."""
    while body and (body[-1].lower_.rstrip(".") in HONORIFICS and len(body) > 1
                    and any(t.lemma_.lower() in ROLE_NOUNS for t in body[:-1])):
        body = body[:-1]
    while body and body[-1].lower_ in FUNCTION_WORDS:
        body = body[:-1]
    if body and all(t.lower_.rstrip(".") in HONORIFICS for t in body):
        return []
    return body


def _head_word(body: list[Any]) -> str | None:
    """The role noun that heads the title, or None when the phrase holds no role noun."""
    heads = [t for t in body if t.lemma_.lower() in ROLE_NOUNS or t.lower_ in ROLE_NOUNS]
    if not heads:
        return None
    # the syntactic head: the role noun whose own head lies outside the phrase; a plural names a group
    inside = {t.i for t in body}
    head = next((t for t in heads if t.head.i not in inside or t.head.i == t.i), heads[-1])
    if head.tag_ in ("NNS", "NNPS"):
        return None
    return str(head.lemma_.lower())


def _complement_affiliations(body: list[Any], affiliations: list[Affiliation]) -> None:
    """"head of Russia's fund", "associate of Putin's": the owner named after "of", "for" or "at"."""
    for t in body:
        if t.dep_ == "prep" and t.lower_ in _AFFILIATING_PREPS:
            kind = ""
            for inner in t.subtree:
                if not kind and inner.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
                    kind = inner.ent_type_
                if kind and inner.ent_type_ == kind:
                    _add(affiliations, inner)
                elif kind:
                    return
            return


def _normalise_words(body: list[Any]) -> list[str]:
    words: list[str] = []
    for t in body:
        text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), t.text)
        if t.tag_ == "POS":
            if words:
                words[-1] += text
            continue
        if t.is_punct and t.text not in ("-", "&"):
            continue
        lower = text.casefold()
        if words and lower in FUNCTION_WORDS:
            words.append(lower)
        elif text.isupper() or any(ch.isupper() for ch in text[1:]) or t.ent_type_:
            words.append(text)
        else:
            words.append(text[:1].upper() + text[1:])
    return words
