"""Whether another outlet's text says what a summary sentence says, detail for detail.

A citation is a promise: the outlet named says this. Similar wording is not enough ("just 34
seconds after takeoff" is not what an outlet saying "shortly after takeoff" reports), so a
sentence's details are checked against each outlet it would cite: every figure it gives must have
an equal or compatible figure in the outlet's matching sentence, and every name it gives must occur
in the outlet's article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..lang.names import fold
from ..lang.quantities import NOT_MEASURES, Quantity, comparable, compatible, parse_quantities
from ..models import Article
from .sentences import SentenceSpan

#: Entity labels whose words are named details: who, which body, where, which event.
NAMED_DETAILS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})
#: Figures compared by their exact reading rather than as measurements.
EXACT_KINDS = NOT_MEASURES | {"year", "ordinal"}


@dataclass(frozen=True)
class Details:
    """What a sentence asserts that another outlet may or may not say: its figures and its names."""

    figures: tuple[Quantity, ...]
    names: tuple[str, ...]


def details(piece: SentenceSpan) -> Details:
    """The figures of ``piece`` and the folded words of its proper nouns and named entities."""
    figures = tuple(parse_quantities(piece.text))
    span = piece.span
    if span is None:
        return Details(figures, ())
    words: list[str] = []
    low, high = span.start_char, span.end_char
    for mention in piece.article.mentions:
        if mention.label in NAMED_DETAILS and low <= mention.start and mention.end <= high:
            words += _words(piece.article.text[mention.start : mention.end])
    words += [w for t in span if t.pos_ == "PROPN" or _capitalised(t) for w in _words(t.text)]
    return Details(figures, tuple(dict.fromkeys(w for w in words if len(w) > 1)))


def _capitalised(token: Any) -> bool:
    """A capitalised content word inside the sentence ("Defense Minister", "TV"): a name the parse may miss."""
    return bool(token.i > token.sent.start and token.is_alpha and token.text[:1].isupper() and not token.is_stop
                and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL"))


def article_words(article: Article) -> frozenset[str]:
    """The folded words of an article, against which a sentence's names are looked up."""
    return frozenset(_words(article.text))


def supports(wanted: Details, evidence_text: str, vocabulary: frozenset[str]) -> bool:
    """Whether an outlet whose matching sentence is ``evidence_text`` and whose article's words are
    ``vocabulary`` says every detail of ``wanted``."""
    if wanted.figures:
        given = parse_quantities(evidence_text)
        if not all(figure_supported(f, given) for f in wanted.figures):
            return False
    return all(name_supported(n, vocabulary) for n in wanted.names)


def figure_supported(figure: Quantity, given: Sequence[Quantity]) -> bool:
    """An equal reading for scores, ids, years and ordinals; a comparable, compatible one for measures."""
    for other in given:
        if figure.kind in EXACT_KINDS:
            if other.kind == figure.kind and (other.parts, other.low, other.high) == (
                figure.parts, figure.low, figure.high
            ):
                return True
        elif comparable(figure, other) and compatible(figure, other):
            return True
    return False


def name_supported(word: str, vocabulary: frozenset[str]) -> bool:
    """The word itself, or a form sharing its stem ("Russia", "Russian"; "Ukraine", "Ukrainian")."""
    if word in vocabulary:
        return True
    if len(word) < 4:
        return False
    return any(_same_stem(word, other) for other in vocabulary)


def _same_stem(a: str, b: str) -> bool:
    shorter = min(len(a), len(b))
    if shorter < 4 or a[:4] != b[:4]:
        return False
    common = 4
    while common < shorter and a[common] == b[common]:
        common += 1
    return common >= shorter - 2


def _words(text: str) -> list[str]:
    return fold(text.replace(".", "")).split()
