"""Which article sentences may stand alone in a summary: whole, declarative, free of page furniture.

A summary sentence is quoted verbatim, so it has to read on its own: no pronoun or
connective that points back to a sentence the reader never sees, no question, no
heading, no byline, no interview label, no link.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..models import Article
from ..quotes.spans import trim_space

#: Closed-class words that make a sentence lean on the one before it when they open it.
ANAPHORIC_OPENERS = frozenset(
    (
        "he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs", "this", "that",
        "these", "those", "such", "here", "there", "some", "others", "another", "which", "who", "whom",
        "whose"
    )
)
#: Discourse connectives: "However, ..." continues an argument the reader has not seen.
CONNECTIVES = frozenset(
    (
        "however", "but", "and", "or", "so", "yet", "still", "also", "moreover", "furthermore", "additionally",
        "meanwhile", "nevertheless", "nonetheless", "thus", "therefore", "hence", "consequently", "instead",
        "otherwise", "besides", "finally", "firstly", "secondly", "thirdly", "lastly", "then", "likewise", "similarly",
        "conversely", "accordingly", "indeed", "ultimately", "further", "alongside", "again", "plus"
    )
)
#: Third-person pronouns that need an antecedent inside the sentence.
PERSONAL_PRONOUNS = frozenset(
    ("he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs", "it", "its")
)
#: First-person words outside quotes mark bylines, bios and interview turns, not reporting. "mine" is left
#: out: in news it is far more often a coal mine than a possessive; "US" is a country.
FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Oo]urs?|us)\b")

TERMINAL = re.compile(r"[.!]['\"’”)\]]*$")
LABEL_PREFIX = re.compile(r"^\W{0,3}[\w .,'’&()-]{1,40}:\s")
BULLET = re.compile(r"^(?:[-*•|>#]|\d{1,2}[.)]\s)")
LINK = re.compile(r"https?://|www\.|\w\.(?:com|org|net|news|co\.uk)\b|@\w|pic\.twitter", re.IGNORECASE)
ELLIPSIS = re.compile(r"\.\.\.|…")
SELF_REFERENCE = re.compile(r"\b(?:this|the) (?:article|report|story|interview|piece)\b", re.IGNORECASE)
GLUED = re.compile(r"[a-z]{2}[,;][A-Za-z]")
WORD = re.compile(r"[\w’'-]+")
QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


@dataclass(frozen=True)
class SentenceSpan:
    """One candidate sentence: an exact, whitespace-trimmed span of an article."""

    article: Article
    index: int  # order of the piece within its article
    start: int
    end: int
    text: str
    position: float  # 0 at the top of the article, 1 at the bottom

    @functools.cached_property
    def span(self) -> Any:
        """The parsed tokens covering the piece, or None without a parse; looked up once, read by every score."""
        doc = self.article.doc
        return doc.char_span(self.start, self.end, alignment_mode="expand") if doc is not None else None


def pieces(article: Article) -> list[SentenceSpan]:
    """Every sentence of ``article``, split at line breaks and trimmed, in reading order."""
    spans = [(s.start, s.end) for s in article.sentences] or [(0, len(article.text))]
    found: list[tuple[int, int]] = []
    for start, end in spans:
        for piece_start, piece_end in _lines(article.text, start, end):
            found.append((piece_start, piece_end))
    total = max(len(found) - 1, 1)
    return [
        SentenceSpan(article, i, s, e, article.text[s:e], i / total)
        for i, (s, e) in enumerate(found)
    ]


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The non-blank lines of ``text[start:end]``, trimmed, as absolute offsets."""
    cursor = start
    while cursor < end:
        newline = text.find("\n", cursor, end)
        stop = end if newline == -1 else newline
        left, right = trim_space(text, cursor, stop)
        if right > left:
            yield left, right
        cursor = stop + 1


def words(text: str) -> list[str]:
    return WORD.findall(text)


def rejection(
    piece: SentenceSpan, previous: SentenceSpan | None = None, min_words: int = 8, max_words: int = 55
) -> str | None:
    """Why ``piece`` cannot stand alone in a summary, or None when it can.

    ``previous`` is the piece before it in the article: one that ends with a colon
    introduces a list, and a list item does not say who claims it.
    """
    text = piece.text
    if previous is not None and previous.text.rstrip().endswith(":"):
        return "list item"
    if _is_headline(piece):
        return "headline"
    tokens = words(text)
    if not min_words <= len(tokens) <= max_words:
        return "length"
    if not TERMINAL.search(text):
        return "no final stop"
    if "?" in _unquoted(text):
        return "question"
    first = text.lstrip("\"“'‘(")
    if not first or not first[0].isupper():
        return "lowercase start"
    if BULLET.match(text) or LABEL_PREFIX.match(text):
        return "label or bullet"
    if ELLIPSIS.search(text):
        return "elided text"
    if SELF_REFERENCE.search(text):
        return "refers to the page itself"
    if LINK.search(text):
        return "link"
    if GLUED.search(text):
        return "glued punctuation"
    if not _balanced(text):
        return "partial quote"
    if FIRST_PERSON.search(_unquoted(text)):
        return "first person"
    opener = tokens[0].lower()
    if opener in ANAPHORIC_OPENERS:
        return "anaphoric opener"
    if opener in CONNECTIVES or (_first_word_has_comma(text) and _is_adverb(piece, 0)):
        return "connective opener"
    if _dangling_pronoun(piece):
        return "dangling pronoun"
    return None


def _is_headline(piece: SentenceSpan) -> bool:
    """The article's own headline, kept in its text with a closing stop ("Senate Passes Budget.")."""
    title = piece.article.title
    if not title:
        return False
    return _bare(piece.text) == _bare(title)


def _bare(text: str) -> str:
    return " ".join(text.split()).rstrip(" .;:!").casefold()


def _first_word_has_comma(text: str) -> bool:
    first = text.split(maxsplit=1)[0] if text.split() else ""
    return first.endswith(",")


def _unquoted(text: str) -> str:
    return QUOTED.sub(" ", text)


def _balanced(text: str) -> bool:
    if text.count('"') % 2:
        return False
    return text.count("“") == text.count("”")


def _tokens(piece: SentenceSpan) -> list[Any]:
    """spaCy tokens of the piece when the parse is at hand, else an empty list."""
    return list(piece.span) if piece.span is not None else []


def _is_adverb(piece: SentenceSpan, index: int) -> bool:
    tokens = _tokens(piece)
    return bool(tokens) and len(tokens) > index and tokens[index].pos_ == "ADV"


def _dangling_pronoun(piece: SentenceSpan) -> bool:
    """A third-person pronoun before any proper noun: its antecedent lies outside the sentence."""
    tokens = _tokens(piece)
    if tokens:
        for token in tokens:
            if token.pos_ == "PROPN":
                return False
            if token.lower_ in PERSONAL_PRONOUNS and token.pos_ in {"PRON", "DET"}:
                return not _expletive_it(token)
        return False
    for position, word in enumerate(words(piece.text)):
        if position and word[:1].isupper():
            return False
        if word.lower() in PERSONAL_PRONOUNS:
            return True
    return False


def _expletive_it(token: Any) -> bool:
    """'it is too early to ...': a dummy subject needs no antecedent."""
    return bool(token.lower_ == "it" and token.dep_ == "expl")
