"""Interview turns ("Name: text", "Q: ...") and statements signed by a bare name.

A line "Label: text" is a turn only when the label looks like a speaker: a Q/A marker,
a label whose key (its last word, titles and parentheses aside) heads two or more lines
(interviews alternate), or a label the parser reads as a person. Headings such as
"Key issues: ..." are neither, and are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..lang.function_words import STOP_WORDS
from ..nlp import text_of
from .attribution import Attribution
from .lexicon import HEADING_LABELS
from .spans import OPENING, STRAIGHT, CharSpan, merge_pieces, quote_marks, trim

QA_LABELS = {"q", "a", "question", "answer", "interviewer", "host", "moderator", "reporter"}
LABEL = re.compile(r"^[ \t]*(?P<label>[^\n:]{1,80}?)[ \t]*:[ \t]+(?P<body>\S[^\n]*)$", re.MULTILINE)
PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")
SIGNATURE = re.compile(
    r"(?P<stop>[.!?\u201d\"\u2014])[ \t]*(?:[\u2014\u2013-][ \t]*)?"
    r"(?P<name>(?:[A-Z][\w'\u2019.-]+[ \t]+){0,2}[A-Z][\w'\u2019-]+)[ \t]*$",
    re.MULTILINE,
)
MAX_LABEL_WORDS = 8
#: Marks that open a quotation right after a label's colon.
QUOTE_OPENERS = (*OPENING, STRAIGHT, "\u2018")


def _label_key(label: str) -> str:
    """'Dr. Jane Doe (Expert in X)' -> 'doe'; 'Time.news' -> 'time.news'."""
    name = PARENTHESIS.sub("", label).strip()
    words = name.split()
    return words[-1].casefold() if words else ""


def _person_spans(doc: Any) -> list[CharSpan]:
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]


#: A label's last word tagged as a tensed verb turns the label into a clause ('Smith continued:').
VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _ends_in_verb(doc: Any, end: int) -> bool:
    """'Smith continued:' is a clause that introduces a quote, not a speaker label."""
    span = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[-1].pos_ == "VERB" and span[-1].tag_ in VERB_TAGS


#: Words that open a heading or a link, not a name ('Also Read', 'What Happened', 'Here is').
HEADING_OPENERS = frozenset({"ADV", "PRON", "VERB", "AUX", "SCONJ", "ADP", "DET"})


def _has_name(doc: Any, label: CharSpan) -> bool:
    """A label that names someone ('Medinsky', 'Dr. Doe', 'Time.news'), not a heading ('Details', 'Also Read').

    A name is a proper noun or a word the vocabulary does not know (a handle); a heading is made
    of common words or opens with an adverb, a pronoun or a verb.
    """
    span = doc.char_span(label[0], label[1], alignment_mode="expand")
    words = [t for t in span or () if not (t.is_punct or t.is_space)]
    return bool(words) and words[0].pos_ not in HEADING_OPENERS and any(t.pos_ == "PROPN" or t.is_oov for t in words)


def _quoted_after_name(doc: Any, match: re.Match[str], label: CharSpan, persons: list[CharSpan]) -> CharSpan | None:
    """'Quote from Doe: "..."': a label that ends in a person's name and opens a quotation names its speaker.

    The name is a person the parser found there, or proper nouns ending in the surname of a person it
    found elsewhere in the text (a bare 'Doe' the parser left untagged).
    """
    if not match.group("body").startswith(QUOTE_OPENERS):
        return None
    found = next(((s, e) for s, e in persons if label[0] <= s and e == label[1]), None)
    if found is not None:
        return found
    span = doc.char_span(label[0], label[1], alignment_mode="expand")
    words = list(span or ())
    k = len(words)
    while k > 0 and words[k - 1].pos_ == "PROPN":
        k -= 1
    surnames = {doc.text[s:e].split()[-1].casefold() for s, e in persons if doc.text[s:e].split()}
    if k == len(words) or words[-1].lower_ not in surnames:
        return None
    return words[k].idx, label[1]


def transcript_turns(doc: Any) -> list[Attribution]:
    """Every speaker turn in the text, with the label as source and the colon as cue."""
    text: str = text_of(doc)
    candidates = []
    for match in LABEL.finditer(text):
        label = match.group("label")
        name = PARENTHESIS.sub("", label).strip()
        if not name or len(name.split()) > MAX_LABEL_WORDS or not (name[0].isupper() or name[0].isalpha()):
            continue
        if name.endswith((".", ",", ";")) or any(c in name for c in "\"\u201c\u201d?!"):
            continue
        if name.casefold() in HEADING_LABELS:
            continue  # 'Details: ...' heads the article's own words
        candidates.append(match)
    candidates = [m for m in candidates if not _ends_in_verb(doc, m.end("label"))]
    keys = Counter(_label_key(m.group("label")) for m in candidates)
    persons = _person_spans(doc)
    quotes = quote_marks(text)
    turns: list[Attribution] = []
    for match in candidates:
        label = match.group("label")
        name_end = match.start("label") + len(PARENTHESIS.sub("", label).rstrip())
        source = trim(text, match.start("label"), name_end)
        key = _label_key(label)
        is_person = any(s <= source[0] and source[1] <= e + 1 for s, e in persons)
        named = _quoted_after_name(doc, match, source, persons)
        if named is not None:
            source, is_person = named, True
        if not (key in QA_LABELS or (keys[key] >= 2 and _has_name(doc, source)) or is_person):
            continue
        body = (match.start("body"), match.end("body"))
        if named is not None:  # only the quotation is the speaker's, not a line glued on after it
            body = next(((q.start, q.end) for q in quotes if q.start == body[0] and q.end <= body[1]), body)
        content = merge_pieces(text, [body])
        if not content:
            continue
        colon = text.index(":", match.end("label"))
        turns.append(Attribution("transcript", content, source, (colon, colon + 1)))
    return turns


def signed_statements(doc: Any, taken: list[CharSpan]) -> list[Attribution]:
    """'We are ready to listen ... negotiations. Jane Doe': a line closed by its speaker's bare name."""
    text: str = text_of(doc)
    surnames = {e.text.split()[-1].casefold() for e in doc.ents if e.label_ == "PERSON" and e.text.split()}
    found: list[Attribution] = []
    for match in SIGNATURE.finditer(text):
        names = match.group("name").split()
        if len(names) < 2 or names[-1].casefold() not in surnames:
            continue
        words_before = text[:match.start("stop")].rsplit(None, 1)
        before = words_before[-1] if words_before else ""
        plain_word = (before[-1:].islower() and before[:1].islower()) or before[-1:].isdigit()
        if match.group("stop") == "." and not plain_word:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        body = (line_start, match.start("stop") + 1)
        if len(text[body[0]:body[1]].split()) < 5 or any(s < body[1] and body[0] < e for s, e in taken):
            continue
        content = merge_pieces(text, [body])
        if content:
            found.append(Attribution("direct", content, (match.start("name"), match.end("name")), None))
    return found


#: A quotation in a headline, in double or single marks; a closing single mark is one no letter follows ("couldn't").
HEADLINE_QUOTE = re.compile(r"(?<![\w\u2019])(?:\u2018(?P<single>.+?)\u2019(?![\w])"
                            r"|[\u201c\"](?P<double>[^\u201c\u201d\"]+)[\u201d\"])")
#: Headlines are short and end without a full stop.
MAX_HEADLINE_WORDS = 30
MIN_HEADLINE_QUOTE_WORDS = 3


def headline_quotes(doc: Any, taken: list[CharSpan]) -> list[Attribution]:
    """Quoted words in the article's headline ('Tariffs: \u2018Half of what they charge us\u2019'): a statement,
    given without a cue, its speaker the one person the headline names when that person is its subject ('Mayor Doe
    vows: ...'), else nobody: headlines parse poorly, and a person merely named there need not be the speaker.

    A quotation whose words are all capitalised or function words is a title ('\u2018Declaration of Economic
    Independence\u2019'), not a statement.
    """
    text: str = text_of(doc)
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    if not line or line.endswith(".") or len(line.split()) > MAX_HEADLINE_WORDS:
        return []
    found: list[Attribution] = []
    for match in HEADLINE_QUOTE.finditer(line):
        group = "single" if match.group("single") is not None else "double"
        words = match.group(group).split()
        if len(words) < MIN_HEADLINE_QUOTE_WORDS or all(w[:1].isupper() or w.casefold() in STOP_WORDS for w in words):
            continue
        body = (start + match.start(group), start + match.end(group))
        if any(s < body[1] and body[0] < e for s, e in taken):
            continue
        persons = [e for e in doc.ents if e.label_ == "PERSON" and start <= e.start_char
                   and e.end_char <= start + len(line) and not (body[0] <= e.start_char < body[1])]
        subject = len({e.text for e in persons}) == 1 and all(
            e.root.dep_ == "nsubj" and not any(c.dep_ == "conj" for c in e.root.children) for e in persons)
        content = merge_pieces(text, [body])
        if content:  # only the headline's one subject speaks: not 'Doe and Roe meet', nor 'Doe on Roe meeting'
            source = (persons[0].start_char, persons[0].end_char) if subject else None
            found.append(Attribution("direct", content, source, None))
    return found
