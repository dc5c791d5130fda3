"""Where does a reported content end? A small learned choice among a few rule-made candidate ends.

Why: the parse subtree of a reported clause often runs on past what was reported ("X said
the deficit would grow, but the shift was expected later"; trailing "as ..." and "while ..."
clauses, appositions, a second "he said"), and sometimes stops short of it (the sentence
goes on after a comma). Annotators are not consistent about these, so a fixed rule loses
either way. For each indirect content we list candidate ends (the subtree end, the sentence
end, and every cut before a comma, dash, semicolon or a trailing clause of the content's
head) and a logistic model over parse features picks one. Its weights are a small JSON file
beside this module, written by ``bench/train_attribution.py`` from the PolNeAR train split.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..nlp import text_of
from .spans import CharSpan, QuoteMark, trim

Token = Any
WEIGHTS = Path(__file__).with_name("content_weights.json")
CUT_PUNCT = {",", ";", "\u2014", "\u2013", "--", "(", ":"}
#: Dependents of the content's head whose phrase may trail outside what was reported.
TRAILING_DEPS = {"advcl", "conj", "cc", "prep", "relcl", "npadvmod", "parataxis", "appos", "acl", "advmod", "dep"}
MAX_CANDIDATES = 12


@dataclass(frozen=True, slots=True)
class ContentEnd:
    """One possible end of the content piece starting at ``start``; ``features`` describe the cut."""

    start: int
    end: int
    features: tuple[str, ...]


def _bucket(n: int) -> str:
    for limit in (0, 2, 5, 10, 20):
        if n <= limit:
            return str(limit)
    return "more"


def _word_class(token: Token) -> str:
    """A function word as itself, a content word as its part of speech."""
    return str(token.lower_ if token.pos_ in ("ADP", "SCONJ", "CCONJ", "PRON", "DET", "ADV", "PART") else token.pos_)


def _in_quote(offset: int, quotes: list[QuoteMark], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and quotes[k].start < offset < quotes[k].end


def _top_dep(token: Token, root: Token) -> str:
    """The dependency of the content-head child whose phrase holds ``token`` ('self' for the head's own)."""
    node = token
    for _ in range(40):
        if node.head.i == root.i:
            return str(node.dep_)
        if node.head.i == node.i:
            return "outside"
        node = node.head
    return "deep"


def candidates(doc: Any, piece: CharSpan, cue: Token, quotes: list[QuoteMark], starts: list[int]) -> list[ContentEnd]:
    """The candidate ends of the content piece ``piece`` (its current end always first)."""
    text: str = text_of(doc)
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    if span is None or not len(span):
        return []
    root = span.root
    sent = doc[span.start].sent
    para_end = text.find("\n", piece[0])
    para_end = len(text) if para_end < 0 else para_end
    ends: dict[int, list[str]] = {}
    current = trim(text, piece[0], piece[1])[1]
    ends[current] = ["bias_current"]
    sent_last = sent.end - 1
    sent_end = trim(text, piece[0], min(doc[sent_last].idx + len(doc[sent_last]), para_end))[1]
    if sent_end > current and not current <= cue.idx < sent_end:
        ext = [t for t in doc[span.end:sent.end] if not t.is_space]
        first = next((t for t in ext if not t.is_punct), None)
        ends[sent_end] = ["bias_sentence_end", f"ext={_bucket(len(ext))}",
                          f"ext_punct={ext[0].text if ext and ext[0].is_punct else 'none'}"]
        if first is not None:
            ends[sent_end] += [f"ext_next={_word_class(first)}", f"ext_top={_top_dep(first, cue)}",
                               f"ext_top_root={_top_dep(first, root)}"]
    elif sent_end == current:
        ends[current].append("is_sentence_end")
    for tok in span[1:]:
        cut_here = tok.text in CUT_PUNCT or (
            tok.head.i == root.i and tok.i > root.i and tok.dep_ in TRAILING_DEPS and tok.left_edge.i == tok.i
        )
        if not cut_here or _in_quote(tok.idx, quotes, starts):
            continue
        end = trim(text, piece[0], tok.idx)[1]
        if end <= piece[0] or end in ends:
            continue
        nxt = tok.nbor(1) if tok.is_punct and tok.i + 1 < len(doc) else tok
        rest = doc[tok.i:span.end]
        feats = [
            "bias_cut",
            f"punct={tok.text if tok.is_punct else 'none'}",
            f"next={_word_class(nxt)}",
            f"next_dep={nxt.dep_}",
            f"top={_top_dep(nxt, root)}",
            f"punct|top={tok.text if tok.is_punct else 'none'}|{_top_dep(nxt, root)}",
            f"rest={_bucket(len(rest))}",
            f"kept={_bucket(tok.i - span.start)}",
        ]
        if any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX") and t.head.i >= tok.i for t in rest):
            feats.append("rest_has_clause")
        if any(t.i == cue.i for t in rest):
            feats.append("rest_has_cue")
        if any(t.lemma_.lower() in ("say", "tell", "add") and t.pos_ == "VERB" for t in rest):
            feats.append("rest_has_say")
        ends[end] = feats
        if len(ends) >= MAX_CANDIDATES:
            break
    common = [f"cue_dep={cue.dep_}", f"before_cue={piece[0] < cue.idx}", f"root={root.pos_}|{root.dep_}",
              f"cue={cue.lemma_.lower()}"]
    return [ContentEnd(piece[0], end, (*f, *(f"{f[0]}|{c}" for c in common))) for end, f in ends.items()]


class BoundaryModel:
    """Logistic weights over candidate features; the best-scoring candidate end wins."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights

    def score(self, features: tuple[str, ...]) -> float:
        return sum(self.weights.get(f, 0.0) for f in features)

    def probability(self, features: tuple[str, ...]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(features)))))

    def choose(self, options: list[ContentEnd]) -> int:
        """The chosen end (the first candidate, the current end, on ties)."""
        best = max(range(len(options)), key=lambda k: (self.score(options[k].features), -k))
        return options[best].end

    @staticmethod
    def from_file(path: Path) -> BoundaryModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return BoundaryModel({k: float(v) for k, v in data["weights"].items()})


@functools.cache
def default_boundary() -> BoundaryModel | None:
    """The committed model; None when its weights file is absent (the subtree end then stands)."""
    return BoundaryModel.from_file(WEIGHTS) if WEIGHTS.exists() else None
