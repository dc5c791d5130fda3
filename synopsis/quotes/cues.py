"""Is this verb a cue? A small logistic model over parse features, trained on the PolNeAR train split.

Why: a word list alone cannot tell "she wants a recount" (an attribution in PolNeAR's sense)
from "she wants a sandwich", nor find the long tail of cues ("mocked", "reserved his passion
for"). The model reads the verb's lemma together with its dependency frame (a reported
clause, an object, a preposition), its subject and the quotes around it. Its weights are a
small JSON file beside this module, written by ``bench/train_attribution.py``; inference is a
sum of a few dozen dictionary look-ups per verb.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..lang.cues import COGNITION_VERBS, SPEECH_VERBS, STANCE_VERBS

Token = Any
WEIGHTS = Path(__file__).with_name("cue_weights.json")
FRAME_DEPS = ("ccomp", "xcomp", "dobj", "dative", "advcl", "prep", "agent", "oprd", "attr", "acomp", "parataxis")
SUBJECT_PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "who", "that", "which"}


def is_candidate(token: Token) -> bool:
    """Verbs worth asking about: content words that are not modifiers inside a noun phrase."""
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound") and token.is_alpha


def cue_features(token: Token, in_quote: bool, quote_before: bool, by_rule: bool) -> list[str]:
    """Feature names for one candidate verb (binary features; absent names are zero)."""
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
    if token.head.i != token.i:
        feats.append(f"head_dep={token.head.dep_}|{token.dep_}")
        if token.dep_ in ("xcomp", "ccomp", "conj"):
            feats.append(f"head_lemma={token.head.lemma_.lower()}|{token.dep_}")
    if in_quote:
        feats.append("in_quote")
    if quote_before:
        feats.append("quote_before")
        feats.append(f"lemma={lemma}|quote_before")
    return feats


class CueModel:
    """Logistic weights over feature names and over the verb's word vector, plus the acceptance threshold.

    The vector part lets rare cue verbs ("bemoaned", "mocked") borrow from common ones with
    similar meaning.
    """

    def __init__(self, weights: dict[str, float], threshold: float, vector_weights: Sequence[float] = ()) -> None:
        import numpy as np

        self.weights = weights
        self.threshold = threshold
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
        return self.probability(features, vector) >= self.threshold

    @staticmethod
    def from_file(path: Path) -> CueModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return CueModel({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]),
                        [float(v) for v in data.get("vector_weights", [])])


def unit(vector: Any) -> list[float]:
    """The word vector scaled to length 1 (zeros stay zeros: a word without a vector adds nothing)."""
    values = [float(x) for x in vector]
    norm = math.sqrt(sum(x * x for x in values))
    return [x / norm for x in values] if norm > 0 else values


@functools.cache
def default_model() -> CueModel | None:
    """The committed model; None when the weights file is absent (the word-list rules then decide alone)."""
    return CueModel.from_file(WEIGHTS) if WEIGHTS.exists() else None
