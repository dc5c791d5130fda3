"""Stance cues: the verbs and modal constructions that make a statement a demand, a refusal,
a proposal, a condition or a promise (general English, not tied to any topic)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..lang.cues import DELIVERY_VERBS

#: verb lemma -> kind of stance it expresses when its subject is a party.
VERB_KINDS: dict[str, str] = {
    **dict.fromkeys(("reject", "refuse", "oppose", "deny", "object", "dismiss", "condemn", "veto", "decline",
                     "resist", "boycott", "block"), "reject"),
    **dict.fromkeys(("demand", "insist", "require", "urge", "want", "seek", "press", "push", "ask", "call",
                     "need"), "demand"),
    **dict.fromkeys(("propose", "suggest", "offer", "plan", "recommend", "advocate", "float", "table"), "propose"),
    **dict.fromkeys(("promise", "pledge", "vow", "commit", "guarantee", "agree", "assure", "undertake"), "promise"),
    **dict.fromkeys(("condition", "tie", "link", "hinge", "depend"), "condition"),
}
#: Verbs that are stances only with a particle or preposition ("call for", "rule out", "push for").
PHRASAL: dict[tuple[str, str], str] = {
    ("call", "for"): "demand", ("push", "for"): "demand", ("press", "for"): "demand", ("ask", "for"): "demand",
    ("rule", "out"): "reject", ("give", "up"): "reject", ("hold", "out"): "condition",
    ("put", "forward"): "propose", ("insist", "on"): "demand",
}
_NEEDS_PARTICLE = {"call", "ask", "press", "push"}
#: Verbs whose negation is a refusal ("will not accept", "would not surrender").
NEGATED_REJECT = {"accept", "allow", "agree", "surrender", "give", "recognise", "recognize", "cede", "tolerate",
                  "negotiate", "compromise", "support", "join", "sign", "withdraw", "make", "concede", "let"}
READY = {"ready", "willing", "prepared", "open"}
UNACCEPTABLE = {"unacceptable", "untenable", "inadmissible", "impossible", "non-starter"}
CONDITION_MARKERS = {"if", "unless", "provided", "providing"}
#: "stressed the need for ...": saying verbs whose object is a want make a demand.
SAYING = DELIVERY_VERBS
_WANTING = {"need", "importance", "necessity", "urgency", "desire", "demand", "wish", "condition"}
_INTENT = {"intention", "plan", "desire", "interest", "wish", "appetite"}


@dataclass(frozen=True, slots=True)
class Cue:
    """A stance cue found on one verb: its kind and the words that carry the modality."""

    kind: str
    modality: str
    verb: Any  # the spaCy token the stance hangs on
    deontic: bool = False  # "must", "should", "needs to": says what someone else has to do


_PHRASAL_HEADS = frozenset(head for head, _ in PHRASAL)


def _negated(token: Any) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _modality_words(verb: Any) -> str:
    aux = [c for c in verb.children if c.dep_ in ("aux", "neg") and c.i < verb.i]
    return " ".join(t.text for t in sorted([*aux, verb], key=lambda t: t.i))


def cue_of(verb: Any) -> Cue | None:
    """The stance cue carried by ``verb`` (a VERB/AUX/ADJ token), if any."""
    lemma = verb.lemma_.lower()
    if lemma in _PHRASAL_HEADS:  # every token is asked: read its children only when they can matter
        children = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")}
        for (head, particle), kind in PHRASAL.items():
            if lemma == head and particle in children:
                return Cue(kind, f"{verb.text} {particle}", verb)
    if verb.pos_ == "ADJ":
        if lemma in READY and any(c.dep_ == "xcomp" for c in verb.children):
            return Cue("reject" if _negated(verb) else "promise", f"{verb.text} to", verb)
        if lemma in UNACCEPTABLE:
            return Cue("reject", verb.text, verb)
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if _negated(verb) and (lemma in NEGATED_REJECT or lemma in VERB_KINDS):
        return Cue("reject", _modality_words(verb), verb)
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    for modal in ("must", "should"):
        if modal in auxes:
            return Cue("demand", modal, verb, deontic=True)
    if lemma in ("need", "have") and any(c.dep_ == "xcomp" for c in verb.children):
        return Cue("demand", f"{verb.text} to", verb, deontic=True)
    if lemma in _NEEDS_PARTICLE:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for obj in objects:
        noun = obj.lemma_.lower()
        if noun in _INTENT and any(c.lower_ == "no" for c in obj.children):
            return Cue("reject", f"{verb.text} no {obj.text}", verb)  # "had no intention of ..."
        if lemma in SAYING and noun in _WANTING:
            return Cue("condition" if noun == "condition" else "demand", f"{verb.text} {obj.text}", verb)
    if lemma in VERB_KINDS:
        return Cue(VERB_KINDS[lemma], _modality_words(verb), verb)
    if {"will", "'ll", "shall"} & auxes and verb.dep_ in ("ROOT", "ccomp") and lemma not in ("be", "have"):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and (subject.lower_ in ("we", "i") or subject.pos_ == "PROPN"):
            return Cue("promise", _modality_words(verb), verb)
    return None


#: Words under which a clause is someone's fear, guess or scenario, not a party's stance.
UNREAL_HEADS = {"fear", "worry", "concern", "risk", "danger", "indication", "sign", "possibility", "prospect",
                "scenario", "speculation", "speculate", "suspect", "suspicion", "rumour", "rumor", "doubt", "flag",
                "hint", "imagine", "suppose", "wonder", "question"}
#: Heads whose clauses a condition may hang on without reaching into the clauses they own.
_OWN_DEPS = {"advcl", "prep", "mark", "xcomp", "conj", "ccomp"}


def has_condition(verb: Any) -> bool:
    """True when the clause states a condition ("if", "unless", "in the absence of"), not counting
    relative clauses and appositions inside it, which belong to other stances."""
    frontier = [verb]
    while frontier:
        token = frontier.pop()
        for child in token.children:
            if child.lower_ in CONDITION_MARKERS and child.dep_ == "mark":
                return True
            if child.lower_ == "absence" and token.lower_ == "in":
                return True
            if child.dep_ in _OWN_DEPS or child.dep_ == "pobj":
                frontier.append(child)
    return False


def unreal(verb: Any) -> bool:
    """True when the cue is hypothetical: inside an "if"/"whether" clause or a question, hedged by
    "could"/"might"/"may", or under someone's fear, guess or scenario ("fears that X will seek ...")."""
    if verb.sent.text.rstrip().endswith("?"):
        return True
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if auxes & {"could", "might", "may"} and not any(c.dep_ == "neg" for c in verb.children):
        return True
    token = verb
    for _ in range(8):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in token.children):
            return True
        if token.head is token:
            return False
        token = token.head
        if token.lemma_.lower() in UNREAL_HEADS or any(
                c.dep_ == "nsubj" and c.lemma_.lower() in UNREAL_HEADS for c in token.children):
            return True
    return False
