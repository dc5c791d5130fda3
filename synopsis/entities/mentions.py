"""Cleaning the parser's entity spans into name mentions that resolution can compare.

spaCy spans carry noise that would split or pollute entities: a determiner or a
possessive ("The European Union's"), a title glued to the name ("Crown Prince
Mohammed bin Salman", "Dr.Vance"), a line break swallowed from a heading, or a
verb taken for a surname in a headline ("Lavrov and Rubio Pave the Way"). Each
cleaned mention keeps exact offsets into the article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..lang.function_words import FUNCTION_WORDS
from ..lang.names import acronym_letters_fit, fold, initials, name_tokens
from ..lang.shapes import CREDIT_OPENING, heading_lines
from .lexicon import (
    CLAUSE_DEPS,
    CLOSING_ABBREVIATIONS,
    HONORIFICS,
    OPENING_ABBREVIATIONS,
    ROLE_NOUNS,
    TITLE_WORDS,
)

#: Parser labels that name things a who's who lists.
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})

_LEADING_DET = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:\s*['’ʼ]s|(?<=s)['’ʼ])$")
#: A figure the parser ran into the name ("Trump 47.3 percent", "FiveThirtyEight 2.1").
_TRAILING_QUANTITY = re.compile(r"\s+\d[\d,]*(?:\.\d+)?(?:\s*(?:%|percent|per cent|percentage points?|points?))$"
                                r"|\s+\d+\.\d+$", re.IGNORECASE)
#: "Trump of the Republican primaries": a name followed by a description, not part of the name.
_DESCRIBED = re.compile(r"\s+of\s+(?:the\s+)?(?P<rest>[^\n]*)$")
_TRAILING_PUNCT = re.compile(r"[\s.,;:!?\-–—\"'“”‘’ʼ()\[\]]+$")
_LEADING_PUNCT = re.compile(r"^[\s.,;:!?\-–—\"'“”‘’ʼ()\[\]*|]+")
_LEADING_WORD = re.compile(r"^([A-Za-z][A-Za-z\-]*)\.?\s*")
_HANDLE = re.compile(r"@|#|/|https?:|www\.|\b[a-z]+\.(?:com|org|net|news|co|io)\b")
_DOTTED_END = re.compile(r"(?:^|\.)[A-Za-z]$")
_HYPHENS = re.compile(r"[\s\-‐‑–]+")
_HYPHENATED_TAIL = re.compile(r"[-‐‑][a-z]+\b")
_BRACKETED_NAME = re.compile(r"\s*\(([A-Z][A-Za-z]{1,9}(?: [A-Z][A-Za-z]{1,9}){1,2})\)")
_DEFINED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z.]{1,7})\)")
#: A span opening with a saint's title, which never opens a person's name.
_SAINT_OPENING = re.compile(r"(?:St|Ste|Saint|Sainte)\.?[\s\-‐‑][A-Z]")
_BODY_OR_PLACE = frozenset({"ORG", "GPE", "LOC", "FAC"})
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z\-]*)")
_VERB_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "aux", "auxpass", "ccomp", "xcomp", "dative"})
#: Abbreviations that end a name with their dot.
_ABBREVIATED_ENDS = frozenset({"corp", "inc", "co", "ltd", "jr", "sr", "bros", "st"})
#: Words of a picture credit line.
_CREDIT_WORDS = re.compile(r"\b(?:photo|photos|photograph|image|images|picture|credit|credits|caption)\b|©",
                           re.IGNORECASE)
#: A name made an adjective by a prefix ("pro-Western", "anti-Kremlin"): a stance, not a name.
_PREFIXED = re.compile(r"(?:pro|anti|non|neo|post|pre)[-‐‑]", re.IGNORECASE)
_DEMONYM_END = re.compile(r"(?:an|ans|ian|ians|ese|ish|i|is|ic|ics|ch|sh|ss|er|ers|ite|ites|s)$", re.I)


@dataclass(slots=True)
class NameMention:
    """One cleaned mention: its exact span, parser label and folded name tokens."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    tokens: tuple[str, ...]
    first_token: int
    last_token: int  # exclusive
    person_cue: bool = False
    junk: str | None = None
    heading: bool = False

    @property
    def key(self) -> str:
        return " ".join(self.tokens)


def collect(article: Any) -> list[NameMention]:
    """The article's cleaned name mentions, in text order; junk is flagged, not dropped."""
    doc = article.doc
    text: str = article.text
    headings = heading_lines(text)
    outlet = fold(article.outlet or "")
    out: list[NameMention] = []
    for start, end, label in name_spans(doc, text):
        if label not in KEPT_LABELS and label != "PRODUCT":
            continue
        mention = clean(article.id, text, doc, start, end, "ORG" if label == "PRODUCT" else label)
        if mention is None or (label == "PRODUCT" and defined_acronym(text, mention) is None):
            continue  # a product, unless its acronym follows in brackets ("Red Eléctrica de España (REE)")
        mention.heading = any(a <= mention.start < b for a, b in headings)
        if mention.junk is None and _masthead(text, mention, outlet):
            mention.junk = "masthead"
        elif mention.junk is None and cut_off(text, mention):
            mention.junk = "cut off"
        out.append(mention)
    return out + _acronyms(article.id, text, doc, out)


def name_spans(doc: Any, text: str) -> list[tuple[int, int, str]]:
    """The parser's entity spans, with a personal name it cut in two put back together: a person span of two
    words or more and a one-word person span one space after it ("Yoon Suk" + "Yeol"), or a span ending before
    the hyphenated rest of its last word ("Park An" + "-soo"), or a place or body followed by a span opening
    with a saint's title ("Paris" + "St-Germain")."""
    out: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        start, end, label = ent.start_char, ent.end_char, ent.label_
        if label == "PERSON":
            tail = _HYPHENATED_TAIL.match(text, end)
            if tail and _proper_noun_at(doc, tail.end() - 1):
                end = tail.end()  # "An-soo", not "Trump-era"
            if (out and out[-1][2] == "PERSON" and text[out[-1][1]:start] == " " and text[start:start + 1].isupper()
                    and " " in text[out[-1][0]:out[-1][1]] and " " not in text[start:end]):
                start = out.pop()[0]  # "Yoon Suk" + "Yeol", but not "Trump" + "Putin" in a headline
        if (out and out[-1][2] in _BODY_OR_PLACE and text[out[-1][1]:start] == " "
                and _SAINT_OPENING.match(text, start, end)):
            start, _, label = out.pop()  # "Paris" + "St-Germain": a saint's name goes on the name before it
        out.append((start, end, label))
    return out


def _proper_noun_at(doc: Any, char: int) -> bool:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span is not None and span[-1].tag_ == "NNP"


def cut_off(text: str, mention: NameMention) -> bool:
    """A name that runs into the end of a text cut short mid-word ("... said Emmanuel Macro"): a piece of a
    name, not a spelling of it; unless its last word stands whole elsewhere in the text ("... 90 Palestinian")."""
    if mention.end < len(text.rstrip()) or not text[mention.end - 1:mention.end].isalnum():
        return False
    last = text[mention.start:mention.end].split()[-1]
    return re.search(r"(?<!\w)" + re.escape(last) + r"(?!\w)", text[:mention.start]) is None


def _masthead(text: str, mention: NameMention, outlet: str) -> bool:
    """The article's own outlet named on a short line of its own ("Shafaq News – Alaska"): the masthead, not a
    party to the story (another outlet, or this one inside a sentence, stays)."""
    if not outlet or fold(mention.text) != outlet:
        return False
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    return len(text[line_start:line_end if line_end >= 0 else len(text)].split()) <= 8


def _acronyms(article_id: str, text: str, doc: Any, mentions: list[NameMention]) -> list[NameMention]:
    """Acronyms defined next to their expansion ("Russian Direct Investment Fund (RDIF)"), every use."""
    taken = {(m.start, m.end) for m in mentions}
    out: list[NameMention] = []
    for m in mentions:
        if m.label == "NORP" or len(_HYPHENS.split(m.text)) < 2:
            continue
        acronym = defined_acronym(text, m)
        if acronym is None or (m.label == "PERSON" and initials(m.text.split()) != acronym.replace(".", "")):
            continue  # a name read as a person's keeps only an acronym of its initials ("... Nacionais (REN)")
        for use in re.finditer(r"(?<![\w.])" + re.escape(acronym) + r"(?![\w])", text):
            if (use.start(), use.end()) in taken:
                continue
            taken.add((use.start(), use.end()))
            span = doc.char_span(use.start(), use.end(), alignment_mode="expand")
            first, last = (span.start, span.end) if span is not None else (0, 0)
            out.append(NameMention(article_id, use.start(), use.end(), acronym, m.label, name_tokens(acronym),
                                   first, last))
    return out


def defined_acronym(text: str, expansion: NameMention) -> str | None:
    """The acronym written in brackets right after ``expansion`` when its letters fit the name: its initials
    ("... Fund (RDIF)"), or letters taken in order from its words ("Pakistan Television (PTV)",
    "Lashkar-e-Taiba (LeT)", "The Resistance Front (TRF)")."""
    match = _DEFINED_ACRONYM.match(text, expansion.end)
    if not match:
        return None
    acronym = match.group(1).replace(".", "")
    words = _HYPHENS.split(expansion.text)
    if initials(expansion.text.split()) == acronym.upper() or acronym_letters_fit(acronym, words):
        return match.group(1)
    if text[max(0, expansion.start - 4):expansion.start].casefold() == "the " and acronym_letters_fit(
            acronym, ["the", *words]):
        return match.group(1)
    return None


def bracketed_acronym(text: str, expansion: NameMention) -> str | None:
    """An acronym or short name in brackets right after a name of two words or more, whether or not its letters
    fit: "New Popular Front (NFP)" gives the French initials of the English name, "California Department of
    Forestry and Fire Protection (Cal Fire)" a short name (which opens with the name's first letter)."""
    if len(_HYPHENS.split(expansion.text)) < 2:
        return None
    short = _BRACKETED_NAME.match(text, expansion.end)
    if short and short.group(1)[0] == expansion.text[0]:
        return short.group(1)
    match = _DEFINED_ACRONYM.match(text, expansion.end)
    if not match:
        return None
    acronym = match.group(1).replace(".", "")
    return match.group(1) if acronym[1:].upper() == acronym[1:] or sum(ch.isupper() for ch in acronym) >= 2 else None


def clean(article_id: str, text: str, doc: Any, start: int, end: int, label: str) -> NameMention | None:
    """Trim a raw span to the name it holds; None when nothing name-like is left."""
    raw = text[start:end]
    junk: str | None = None
    if raw[:2] in ("a ", "A ") or raw[:3] in ("an ", "An "):
        junk = "indefinite phrase"
    cut = raw.find("\n")
    if cut >= 0:
        end = start + cut
    bracket = text.find("(", start, end)
    if bracket > start and text.find(")", bracket, end) < 0:
        end = bracket  # "Pakistan Occupied Kashmir (PoK": the name, not the acronym it defines
    start, end = _strip(text, start, end)
    start = _past_lead(text, start, end, _LEADING_DET)
    segment = text[start:end]
    match = _TRAILING_QUANTITY.search(segment)
    if match and match.start() > 0:
        end = start + match.start()
        segment = text[start:end]
    match = _DESCRIBED.search(segment)
    if match and match.start() > 0 and _described(match.group("rest")):
        end = start + match.start()
        segment = text[start:end]
    end = _before_tail(text, start, end, _TRAILING_POSSESSIVE)
    start, end = _strip(text, start, end)
    if end <= start:
        return None
    if text[end:end + 1] == "." and (_DOTTED_END.search(text[start:end])
                                     or text[start:end].split()[-1].casefold() in _ABBREVIATED_ENDS):
        end += 1  # "U.S." and "Nvidia Corp." keep their last dot
    titled = False
    if label == "PERSON":
        start, titled = _strip_titles(text, start, end)
        end = _drop_clause_tail(doc, start, end)
    segment = text[start:end]
    if end <= start or not any(ch.isalpha() for ch in segment):
        return None
    tokens = spelt_out(name_tokens(segment))
    if not tokens:
        return None
    if _HANDLE.search(segment):
        junk = "social handle or address"
    elif _PREFIXED.match(segment):
        junk = "prefixed adjective"
    elif segment.split()[-1].casefold() in FUNCTION_WORDS:
        junk = "fragment"
    elif label != "PERSON" and _title_fragment(text, end, tokens):
        junk = "title fragment"
    line_start = text.rfind("\n", 0, start) + 1
    if CREDIT_OPENING.match(text[line_start:start + 1]) and start - line_start < 20:
        junk = "byline"
    elif _credit(text, start, end, line_start):
        junk = "photo credit"
    span = doc.char_span(start, end, alignment_mode="expand")
    first, last = (span.start, span.end) if span is not None else (0, 0)
    mention = NameMention(article_id, start, end, segment, label, tokens, first, last, titled, junk)
    if span is not None and not mention.person_cue:
        mention.person_cue = _has_person_cue(doc, span)
    if label == "PERSON" and span is not None and len(span) == 1 and not mention.person_cue:
        siblings = [t for t in (span.root.head, *span.root.children) if t.dep_ == "conj" or span.root.dep_ == "conj"]
        places = [t for t in siblings if t.i != span.root.i and t.ent_type_ in ("GPE", "LOC")]
        if places:
            mention.label = places[0].ent_type_  # "Donetsk, Luhansk, Zaporizhzhia": a place in a list of places
    if label == "NORP" and mention.person_cue and not _DEMONYM_END.search(segment) and len(tokens) <= 3:
        mention.label = "PERSON"  # "Governor Filimonov" tagged as a nationality
    return mention


def spelt_out(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Name tokens with an abbreviated word spelt out, so that "Paris St-Germain" and "Paris Saint-Germain"
    are one folded name: "St" before another word is "Saint", "St" last is "Street"."""
    last = len(tokens) - 1
    return tuple(CLOSING_ABBREVIATIONS.get(t, t) if i == last else OPENING_ABBREVIATIONS.get(t, t)
                 for i, t in enumerate(tokens)) if last > 0 else tokens


def _title_fragment(text: str, end: int, tokens: tuple[str, ...]) -> bool:
    """Office words before the role noun of a title ("Interior" of "Interior Minister ..."): part of a person's
    title, not a body of its own ("Interior Ministry" is one; "NATO" of "NATO Secretary General" stays)."""
    after = _NEXT_WORD.match(text, end)
    return after is not None and after.group(1).casefold() in ROLE_NOUNS and all(
        t in TITLE_WORDS for t in tokens)


def _credit(text: str, start: int, end: int, line_start: int) -> bool:
    """A name in a picture credit, not in the story: "MARK SCHIEFELBEIN/AP", "AFP/Getty Images", a short line
    that names a photo or its credit, or a bracketed name closing a line ("... (Getty Images)")."""
    if text[end:end + 1] == "/" or text[start - 1:start] == "/":
        return True
    line_end = text.find("\n", end)
    line_end = line_end if line_end >= 0 else len(text)
    if len(text[line_start:line_end].split()) <= 12 and _CREDIT_WORDS.search(text, line_start, line_end):
        return True
    closing = text[start - 1:start] == "(" and text[end:end + 1] == ")" and not text[end + 1:line_end].strip()
    return closing and len(text[start:end].split()) <= 3 and start - line_start > 40


def _described(rest: str) -> bool:
    """A lowercase content word after "of": a description ("of the Republican primaries"), not a name
    ("Bank of America", "Department of Education and Sciences")."""
    return any(w.isalpha() and w.islower() and w not in FUNCTION_WORDS for w in rest.split())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without punctuation and spaces at its edges."""
    start = _past_lead(text, start, end, _LEADING_PUNCT)
    return start, _before_tail(text, start, end, _TRAILING_PUNCT)


def _past_lead(text: str, start: int, end: int, lead: re.Pattern[str]) -> int:
    """The start moved past what ``lead`` matches at the beginning of the span."""
    match = lead.match(text[start:end])
    return start + match.end() if match else start


def _before_tail(text: str, start: int, end: int, tail: re.Pattern[str]) -> int:
    """The end moved back before what ``tail`` (anchored with ``$``) matches at the end of the span."""
    match = tail.search(text[start:end])
    return start + match.start() if match else end


def _strip_titles(text: str, start: int, end: int) -> tuple[int, bool]:
    """Move the start past honorifics and office words ("Crown Prince", "Dr.") inside a person span."""
    titled = False
    while True:
        segment = text[start:end]
        match = _LEADING_WORD.match(segment)
        if not match or match.end() >= len(segment):
            return start, titled
        word = fold(match.group(1)).replace(" ", "")
        if word not in HONORIFICS and word not in TITLE_WORDS:
            return start, titled
        start += match.end()
        titled = True


def _drop_clause_tail(doc: Any, start: int, end: int) -> int:
    """Cut trailing tokens that head a clause outside the span: a verb read as a surname."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return end
    tokens = list(span)
    while len(tokens) > 1:
        tail = tokens[-1]
        inside = span.start <= tail.head.i < span.end and tail.head.i != tail.i
        acts_as_verb = any(c.dep_ in _VERB_ARGS and not span.start <= c.i < span.end for c in tail.children)
        if tail.dep_ in CLAUSE_DEPS and not inside and acts_as_verb:
            tokens.pop()
            continue
        break
    return min(end, tokens[-1].idx + len(tokens[-1].text)) if len(tokens) < len(span) else end


def _has_person_cue(doc: Any, span: Any) -> bool:
    """A role word next to the name: a premodifier ("Governor X") or an appositive ("X, the head")."""
    if span.start > 0:
        before = doc[span.start - 1]
        word = before.lower_.rstrip(".")
        attached = span.start <= before.head.i < span.end or before.tag_ == "NNP"
        if attached and (word in ROLE_NOUNS or word in TITLE_WORDS or word in HONORIFICS):
            return True
    root = span.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in ROLE_NOUNS:
        return True
    return any(child.dep_ == "appos" and child.lemma_.lower() in ROLE_NOUNS for child in root.children)
