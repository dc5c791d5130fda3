"""Where does a reported content end? A small learned choice among a few rule-made candidate ends.

Why: the parse subtree of a reported clause often runs on past what was reported ("X said
the deficit would grow, but the shift was expected later"; trailing "as ..." and "while ..."
clauses, appositions, a second "he said"), and sometimes stops short of it (the sentence
goes on after a comma). Annotators are not consistent about these, so a fixed rule loses
either way. For each indirect content we list candidate ends (the subtree end, the sentence
end, and every cut before a comma, dash, semicolon or a trailing clause of the content's
head) and a logistic model over parse features picks one. Its weights are a small JSON file
beside this module, written by ``bench/train_attribution.py`` from the PolNeAR train split.

The same file holds a second choice of the same kind: where an unquoted content starts (what of
'expressed concern that ...' is cue and what is content). ``own_words`` keeps one speaker's second
statement out of the first one's content.
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
from .attribution import Attribution
from .spans import CharSpan, QuoteMark, merge_pieces, trim

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


#: How many words at the head of a content may be given to the cue (or dropped) by the start model.
MAX_START_SHIFT = 12


def start_candidates(doc: Any, piece: CharSpan, cue: Token, quotes: list[QuoteMark],
                     starts: list[int]) -> list[ContentEnd]:
    """The candidate starts of a content piece (its current start first), each with the features of the cut.

    Why: where the cue's phrase ends and what it reports begins is a convention ('expressed concern | that
    ...', 'urged his supporters | to ...', 'asked Clinton about | her emails'); the parse gives the places
    a cut can fall, and a model trained on PolNeAR picks one.
    """
    text: str = text_of(doc)
    span = doc.char_span(piece[0], piece[1], alignment_mode="expand")
    if span is None or len(span) < 2:
        return []
    lemma = cue.lemma_.lower()
    common = [f"cue={lemma}", f"cue_pos={cue.pos_}", f"before_cue={piece[0] < cue.idx}"]
    options = [ContentEnd(piece[0], piece[1], ("start_current", *(f"start_current|{c}" for c in common),
                                               f"start_current|first={_word_class(span[0])}",
                                               f"start_current|first_dep={_top_dep(span[0], cue)}"))]
    seen = {trim(text, piece[0], piece[1])[0]}
    limit = min(len(span), MAX_START_SHIFT + 1)
    for k in range(1, limit):
        tok = span[k]
        prev = span[k - 1]
        if tok.is_punct or tok.is_space or (_in_quote(tok.idx, quotes, starts) and not _opens_quote(tok, text)):
            continue
        if not (tok.left_edge.i == tok.i or prev.is_punct or prev.pos_ in ("ADP", "CCONJ", "SCONJ")):
            continue
        skipped = [t for t in span[:k] if not (t.is_punct or t.is_space)]
        begin = trim(text, tok.idx, piece[1])[0]
        if begin in seen or begin >= piece[1]:
            continue
        seen.add(begin)
        tops = sorted({_top_dep(t, cue) for t in skipped})
        last = skipped[-1] if skipped else prev
        feats = [
            "start_cut",
            f"skip={_bucket(len(skipped))}",
            f"last={_word_class(last)}",
            f"last_dep={last.dep_}",
            f"first={_word_class(tok)}",
            f"first_dep={tok.dep_}",
            f"first_top={_top_dep(tok, cue)}",
            f"last|first={_word_class(last)}|{_word_class(tok)}",
            f"prev_punct={prev.text if prev.is_punct else 'none'}",
            *(f"skips={d}" for d in tops[:4]),
            f"skip_ent={next((t.ent_type_ for t in skipped if t.ent_type_), 'none')}",
        ]
        if tok.left_edge.i == tok.i and tok.right_edge.i >= span[-1].i - 1:
            feats.append("first_spans_rest")
        if any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in skipped):
            feats.append("skips_finite")
        options.append(ContentEnd(begin, piece[1], (*feats, *(f"{feats[1]}|{c}" for c in common),
                                                   *(f"{feats[2]}|{c}" for c in common[:1]),
                                                   *(f"{feats[6]}|{c}" for c in common))))
    return options if len(options) > 1 else []


def own_words(text: str, found: list[Attribution], cue_tokens: list[Token]) -> list[Attribution]:
    """A content stops where the same speaker's next attribution begins ('said X, and added that Y').

    Why: the parse often hangs a second verb of the same subject inside the first one's object or clause;
    what the second verb reports is its own content, not part of the first's. A second verb without a
    subject of its own ('said the talks "went well" and described them as ...') is the first one's
    speaker's, whatever subject the parse lent it from inside the content.
    """
    out = list(found)
    for k, (made, token) in enumerate(zip(found, cue_tokens, strict=True)):
        if made.kind == "direct":
            continue
        cut = None
        for j, (other, verb) in enumerate(zip(found, cue_tokens, strict=True)):
            if verb.i == token.i or verb.pos_ not in ("VERB", "AUX") or not any(
                    s <= verb.idx < e for s, e in made.content):
                continue
            subjectless = not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
            shared = verb.dep_ in ("conj", "advcl") and (verb.head.i == token.i or subjectless)
            if not (shared or (made.source is not None and other.source == made.source)):
                continue
            lead = verb.left_edge
            while lead.i > 0 and (lead.nbor(-1).is_punct or lead.nbor(-1).dep_ == "cc"):
                lead = lead.nbor(-1)
            if lead.idx > made.start:
                cut = lead.idx if cut is None else min(cut, lead.idx)
                if shared and subjectless and made.source is not None:
                    out[j] = Attribution(out[j].kind, out[j].content, made.source, out[j].cue)
        if cut is None:
            continue
        content = merge_pieces(text, [(s, min(e, cut)) for s, e in made.content if s < cut])
        if content:
            out[k] = Attribution(made.kind, content, out[k].source, made.cue)
    return out


def _opens_quote(token: Token, text: str) -> bool:
    return token.idx > 0 and text[token.idx - 1] in "\"\u201c\u2018'"


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
        return self.best(options).end

    def best(self, options: list[ContentEnd]) -> ContentEnd:
        """The best-scoring candidate (the first one on ties)."""
        return options[max(range(len(options)), key=lambda k: (self.score(options[k].features), -k))]

    @staticmethod
    def from_file(path: Path, key: str = "weights") -> BoundaryModel | None:
        data = json.loads(path.read_text(encoding="utf-8"))
        return BoundaryModel({k: float(v) for k, v in data[key].items()}) if key in data else None


@functools.cache
def default_boundary() -> BoundaryModel | None:
    """The committed model; None when its weights file is absent (the subtree end then stands)."""
    return BoundaryModel.from_file(WEIGHTS) if WEIGHTS.exists() else None


@functools.cache
def default_start() -> BoundaryModel | None:
    """The committed content-start model; None when absent (the parse's start then stands)."""
    return BoundaryModel.from_file(WEIGHTS, "start_weights") if WEIGHTS.exists() else None
