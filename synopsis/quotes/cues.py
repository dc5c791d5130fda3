"""Is this word a cue? A logistic tagger over parse features, trained on the PolNeAR train split.

Why: a word list alone cannot tell "she wants a recount" (an attribution in PolNeAR's sense)
from "she wants a sandwich", nor find the long tail of cues ("mocked", "reserved his passion
for", "his claim that"). The tagger reads every verb and every noun that governs a clause or
a prepositional object, with its lemma, its dependency frame (a reported clause, an object, a
preposition), its subject or owner, the words either side of it, its subtree's shape and the
quotes around it; the cue lexicon is one feature among many. Its weights are a small JSON
file beside this module, written by ``bench/train_attribution.py``; inference is a sum of a
few dozen dictionary look-ups per word.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..lang.cues import COGNITION_VERBS, SPEECH_NOUNS, SPEECH_VERBS, STANCE_VERBS
from .attribution import Attribution

Token = Any
WEIGHTS = Path(__file__).with_name("cue_weights.json")
FRAME_DEPS = ("ccomp", "xcomp", "dobj", "dative", "advcl", "prep", "agent", "oprd", "attr", "acomp", "parataxis")
SUBJECT_PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "who", "that", "which"}
#: Prepositions that tie a noun cue to what it reports ("disdain for", "claims of", "questions about").
NOUN_PREPOSITIONS = frozenset({"of", "for", "about", "on", "against", "over"})


def is_candidate(token: Token) -> bool:
    """Words worth asking about: verbs that are not modifiers inside a noun phrase, and cue-shaped nouns."""
    if token.pos_ in ("VERB", "AUX"):
        return token.dep_ not in ("amod", "compound") and token.is_alpha
    return is_noun_candidate(token)


def is_noun_candidate(token: Token) -> bool:
    """A noun governing a clause after it ("the claim that ...", "his plan to ..."), or an owned or speech
    noun with a prepositional object ("Trump's disdain for ...", "questions about ...")."""
    if token.pos_ != "NOUN" or not token.is_alpha:
        return False
    if noun_clause(token) is not None:
        return True
    if noun_object(token) is None:
        return False
    return token.lemma_.lower() in SPEECH_NOUNS or any(c.dep_ == "poss" for c in token.children)


def noun_clause(token: Token) -> Token | None:
    """The clause a noun governs after it: a that-clause, an infinitive or a finite clause."""
    for child in token.children:
        if child.dep_ in ("acl", "ccomp") and child.i > token.i and child.pos_ in ("VERB", "AUX") \
                and not (child.tag_ in ("VBN", "VBG") and not any(g.dep_ in ("mark", "aux", "nsubj") for g in
                                                                    child.children)):
            return child
    return None


def noun_object(token: Token) -> Token | None:
    """The prepositional phrase after a noun that holds what it reports ("for the nominee")."""
    for child in token.children:
        if child.dep_ == "prep" and child.i > token.i and child.lower_ in NOUN_PREPOSITIONS \
                and any(g.dep_ in ("pobj", "pcomp") for g in child.children):
            return child
    return None


def cue_features(token: Token, in_quote: bool, quote_before: bool, by_rule: bool) -> list[str]:
    """Feature names for one candidate word (binary features; absent names are zero)."""
    if token.pos_ == "NOUN":
        return _noun_features(token, in_quote, quote_before)
    lemma = token.lemma_.lower()
    kids = list(token.children)
    deps = {c.dep_ for c in kids}
    feats = ["bias", "rule" if by_rule else "no_rule", f"lemma={lemma}", f"dep={token.dep_}", f"tag={token.tag_}",
             f"lemma={lemma}|dep={token.dep_}"]
    if lemma in SPEECH_VERBS:
        feats.append("lex=speech")
    if lemma in COGNITION_VERBS:
        feats.append("lex=cognition")
    if lemma in STANCE_VERBS:
        feats.append("lex=stance")
    frame = [d for d in FRAME_DEPS if d in deps]
    for dep in frame:
        feats.append(f"child={dep}")
        feats.append(f"lemma={lemma}|child={dep}")
    feats.append("frame=" + "+".join(frame))
    for child in kids:
        if child.dep_ == "ccomp":
            mark = next((g.lower_ for g in child.children if g.dep_ == "mark"), "none")
            feats.append(f"mark={mark}")
        elif child.dep_ in ("dobj", "xcomp", "attr", "oprd"):
            feats.append(f"{child.dep_}_lemma={child.lemma_.lower()}")
            feats.append(f"lemma={lemma}|{child.dep_}_lemma={child.lemma_.lower()}")
            if any(g.dep_ in ("acl", "ccomp", "relcl") for g in child.children):
                feats.append(f"{child.dep_}_has_clause")
        elif child.dep_ == "prep" and child.i > token.i:
            feats.append(f"prep={child.lower_}")
            feats.append(f"lemma={lemma}|prep={child.lower_}")
        elif child.dep_ in ("aux", "auxpass") and child.lower_ == "to":
            feats.append("to-infinitive")
        elif child.dep_ == "neg":
            feats.append("negated")
    subject = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    if subject is None:
        feats.append("subject=none")
    else:
        feats.append(f"subject_dep={subject.dep_}")
        feats.append(f"subject_pos={subject.pos_}")
        if subject.ent_type_:
            feats.append(f"subject_ent={subject.ent_type_}")
        if subject.lower_ in SUBJECT_PRONOUNS:
            feats.append(f"subject={subject.lower_}")
        elif subject.pos_ == "NOUN":
            feats.append(f"subject_lemma={subject.lemma_.lower()}")
    if token.head.i != token.i:
        feats.append(f"head_dep={token.head.dep_}|{token.dep_}")
        if token.dep_ in ("xcomp", "ccomp", "conj"):
            feats.append(f"head_lemma={token.head.lemma_.lower()}|{token.dep_}")
    feats.extend(_window(token))
    if in_quote:
        feats.append("in_quote")
    if quote_before:
        feats.append("quote_before")
        feats.append(f"lemma={lemma}|quote_before")
    return feats


def _window(token: Token) -> list[str]:
    """The words either side and the shape of the subtree: what a tagger over token windows reads."""
    doc = token.doc
    feats = [f"pos={token.pos_}|dep={token.dep_}", f"head_pos={token.head.pos_}"]
    for offset in (-2, -1, 1, 2):
        k = token.i + offset
        if 0 <= k < len(doc):
            word = doc[k]
            feats.append(f"w{offset}={word.lower_ if word.pos_ not in ('PROPN', 'NUM') else word.pos_}")
            feats.append(f"p{offset}={word.pos_}")
        else:
            feats.append(f"w{offset}=<edge>")
    width = token.right_edge.i - token.left_edge.i + 1
    feats.append("subtree=" + ("1" if width == 1 else "short" if width <= 4 else "mid" if width <= 12 else "long"))
    feats.append(f"lefts={min(token.n_lefts, 3)}|rights={min(token.n_rights, 3)}")
    if token.i == token.sent.start or (token.i > 0 and doc[token.i - 1].is_sent_start):
        feats.append("sent_start")
    return feats


def _noun_features(token: Token, in_quote: bool, quote_before: bool) -> list[str]:
    """A noun cue: its lemma, its owner ("Trump's claim"), what it governs, the verb it hangs from."""
    lemma = token.lemma_.lower()
    feats = ["n:bias", f"n:lemma={lemma}", f"n:dep={token.dep_}", f"n:head_lemma={token.head.lemma_.lower()}"]
    if lemma in SPEECH_NOUNS:
        feats.append("n:lex=speech")
    clause = noun_clause(token)
    if clause is not None:
        mark = next((g.lower_ for g in clause.children if g.dep_ in ("mark", "aux") and g.i < clause.i), "none")
        feats += [f"n:clause={clause.dep_}|{mark}", f"n:lemma={lemma}|clause={mark}"]
    prep = noun_object(token)
    if prep is not None:
        feats += [f"n:prep={prep.lower_}", f"n:lemma={lemma}|prep={prep.lower_}"]
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None:
        feats.append("n:poss" + ("=pron" if owner.pos_ == "PRON" else f"={owner.ent_type_ or owner.pos_}"))
    for child in token.children:
        if child.dep_ == "det":
            feats.append(f"n:det={child.lower_}")
        elif child.dep_ == "amod":
            feats.append(f"n:amod={child.lemma_.lower()}")
        elif child.dep_ == "compound":
            feats.append(f"n:compound={child.ent_type_ or child.pos_}")
    if in_quote:
        feats.append("n:in_quote")
    if quote_before:
        feats.append("n:quote_before")
    return feats


def attribution_features(token: Token, made: Attribution) -> list[str]:
    """What the rules built from this cue: its kind, who the source is, how long and what shape the content is.

    Why: a cue is only worth keeping when what it frames is an attribution; the shape of the
    source and content tells a parse accident ('the deal requires ...') from reported speech.
    """
    doc = token.doc
    lemma = token.lemma_.lower()
    shape = "noun" if token.pos_ == "NOUN" else "verb"
    feats = [f"a:kind={made.kind}", f"a:{shape}|kind={made.kind}", f"a:pieces={min(len(made.content), 3)}"]
    if made.source is None:
        feats += ["a:source=none", f"a:source=none|lemma={lemma}"]
    else:
        span = doc.char_span(made.source[0], made.source[1], alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        if root is not None:
            kind = root.ent_type_ or root.pos_
            feats += [f"a:source={kind}", f"a:source={kind}|kind={made.kind}"]
            if root.pos_ == "PRON":
                feats.append(f"a:source_word={root.lower_}")
            elif root.pos_ == "NOUN":
                feats.append(f"a:source_lemma={root.lemma_.lower()}")
        feats.append("a:source_after" if made.source[0] > token.idx else "a:source_before")
    words = sum(1 for s, e in made.content for _ in doc.char_span(s, e, alignment_mode="expand") or ())
    size = "1" if words <= 1 else "3" if words <= 3 else "8" if words <= 8 else "20" if words <= 20 else "long"
    feats += [f"a:words={size}", f"a:words={size}|kind={made.kind}"]
    first = doc.char_span(made.content[0][0], made.content[0][1], alignment_mode="expand")
    if first is not None and len(first):
        opener = first[0]
        word = opener.lower_ if opener.pos_ in ("SCONJ", "PART", "ADP", "PRON", "DET") else opener.pos_
        feats += [f"a:opens={word}", f"a:lemma={lemma}|opens={word}"]
        if any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in first):
            feats.append("a:finite")
    if made.content[0][0] < token.idx:
        feats.append("a:content_before")
    return feats


class CueModel:
    """Logistic weights over feature names and over the verb's word vector, plus the acceptance threshold.

    The vector part lets rare cue verbs ("bemoaned", "mocked") borrow from common ones with
    similar meaning.
    """

    def __init__(self, weights: dict[str, float], threshold: float, vector_weights: Sequence[float] = (),
                 noun_threshold: float | None = None) -> None:
        import numpy as np

        self.weights = weights
        self.threshold = threshold
        self.noun_threshold = threshold if noun_threshold is None else noun_threshold
        self.vector_weights = np.asarray(vector_weights, dtype=np.float32)

    def score(self, features: list[str], vector: Any = None) -> float:
        total = sum(self.weights.get(f, 0.0) for f in features)
        if self.vector_weights.size and vector is not None and len(vector) == self.vector_weights.size:
            import numpy as np

            norm = float(np.linalg.norm(vector))
            if norm > 0:
                total += float(np.dot(self.vector_weights, vector)) / norm
        return total

    def probability(self, features: list[str], vector: Any = None) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(features, vector)))))

    def accepts(self, features: list[str], vector: Any = None) -> bool:
        """A noun cue has its own threshold: far fewer nouns than verbs that frame something are cues."""
        cut = self.noun_threshold if features and features[0] == "n:bias" else self.threshold
        return self.probability(features, vector) >= cut

    @staticmethod
    def from_file(path: Path) -> CueModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return CueModel({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]),
                        [float(v) for v in data.get("vector_weights", [])], data.get("noun_threshold"))


def unit(vector: Any) -> list[float]:
    """The word vector scaled to length 1 (zeros stay zeros: a word without a vector adds nothing)."""
    values = [float(x) for x in vector]
    norm = math.sqrt(sum(x * x for x in values))
    return [x / norm for x in values] if norm > 0 else values


@functools.cache
def default_model() -> CueModel | None:
    """The committed model; None when the weights file is absent (the word-list rules then decide alone)."""
    return CueModel.from_file(WEIGHTS) if WEIGHTS.exists() else None


def opens_with_that(clause: Token) -> bool:
    """A clause introduced by 'that' ('his claim that ...', 'expressed hope that ...')."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
