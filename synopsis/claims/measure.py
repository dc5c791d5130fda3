"""What a figure measures, so that only readings of one measurement can contradict each other.

Two outlets giving different numbers contradict each other only when the numbers
answer the same question. "46 percent" from one poll and "43 percent" from
another are two measurements, not a conflict. For every value in a claim we
read, from the parse and the quotes stage, what pins the measurement down:

- ``source``: the named source the figure is attributed to (the speaker of the
  quote whose content holds it; or, when its sentence attributes nothing, the
  source of the sentence just before, as in "..., according to a new poll.
  Among likely voters, 46 percent ..."). An unattributed figure is the outlet's
  own and has no source names;
- ``when``: the time anchors of its sentence (month, weekday, year, "now");
- ``frame``: qualifiers that define a measurement ("four-way", "head-to-head");
- ``subject``: what the figure is a value of ("percent of voters", "a 15 percent
  rate", "46 percent would choose Clinton");
- ``places``: the places and events named in the figure's clause ("shot dead 14
  people in San Bernardino" is not the toll of another attack);
- ``hypothetical``: a figure under a modal or a condition ("it would be good to
  have more than three debates") states no fact to contradict;
- ``scale``: the noun naming the scale of a plain figure ("magnitude 6.8");
- ``survey``: a poll or survey is spoken of around the figure;
- ``period``: the period a rate is measured over ("over the month", "annual").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..lang.calendar import MONTHS, WEEKDAYS
from ..lang.quantities import parse_quantities
from ..models import Article, Quote
from .slots import Slot

_MONTHS = "|".join(name.capitalize() for name in MONTHS)
#: Time anchors of a measurement; month and day names only capitalised, so that the modal "may" is none.
#: Years are the quantity parser's ("2000 people", a phone number or "COVID-19" name no year).
_TIME_ANCHOR = re.compile(
    rf"\b(?:(?:{_MONTHS})\b\.?|(?:{'|'.join(name.capitalize() for name in WEEKDAYS)})\b"
    r"|(?i:now|today|yesterday|tonight)\b)"
)
#: Hyphenated qualifiers that define a measurement: "head-to-head", "one-on-one", "four-way", "two-party".
_FRAME = re.compile(
    r"\b(?:[a-z]+-(?:to|on|over|versus|vs)-[a-z]+|(?:one|two|three|four|five|six|\d+)-(?:way|party|candidate)s?)\b",
    re.IGNORECASE,
)
#: Words that pick a part of a whole: "the final two debates" are not all three debates.
_SUBSET = frozenset({"final", "remaining", "last", "first", "next", "other", "previous", "prior", "additional",
                     "further", "extra", "another", "more", "earlier", "later", "latest", "recent", "new", "top",
                     "bottom", "only"})
_PERIOD = re.compile(
    r"\b(?:month-on-month|year-on-year|year-over-year|week-on-week|quarter-on-quarter|annual(?:ly|ised|ized)?"
    r"|monthly|weekly|quarterly|a (?:year|month|week) (?:earlier|ago|before)"
    r"|(?:a|an|per|each|every) (?:year|month|week|quarter)"
    r"|(?:over|in|during|for) the (?:past |last |previous )?(?:month|year|week|quarter|12 months|twelve months))\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_SURVEY = re.compile(r"\b(?:polls?|polling|pollsters?|surveys?|surveyed)\b", re.IGNORECASE)
#: Entity types that name a source (numbers, amounts, days and dates do not).
_NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "EVENT"})
_NAME = re.compile(r"[A-Z][A-Za-z0-9.&']*")
#: Modals of possibility or advice: a hedged figure ("may not have paid taxes for two decades") is a
#: possibility, not a reported value. "would" is left out, as polls and reported speech use it for facts
#: ("46 percent would choose ...", "said the talks would last two days").
_MODALS = frozenset({"may", "could", "might", "should"})
_CONDITIONAL = frozenset({"if", "unless"})
#: Dependencies through which a figure is a value of the noun above it ("a 15 percent rate", "loss of $916m").
_OF_NOUN = frozenset({"nummod", "amod", "compound", "npadvmod", "quantmod", "nmod"})


@dataclass(frozen=True, slots=True)
class Measure:
    """The context that makes a figure one particular measurement."""

    source: frozenset[str] = frozenset()
    when: frozenset[str] = frozenset()
    frame: frozenset[str] = frozenset()
    subject: str = ""
    hypothetical: bool = False
    places: frozenset[str] = frozenset()
    #: the named scale a plain figure is read on, from the noun right before it ("magnitude 6.8", "Category 4")
    scale: str = ""
    #: the figure's sentence or the one before it speaks of a poll or survey
    survey: bool = False
    #: the period a rate is measured over ("over the month", "year-on-year" -> "month", "year")
    period: str = ""


#: Kinds whose measured subject is read: a count names what it counts, a duration what lasted is paraphrased,
#: and the object an amount pays for is worded freely ("a $2.4 billion deal", "for $2.1 billion in cash").
SUBJECT_KINDS = frozenset({"number", "percent"})


def measures_of(article: Article, slots: Sequence[Slot], quotes: Sequence[Quote]) -> list[Measure]:
    """One ``Measure`` per slot of one unit of ``article``; ``quotes`` are that article's quotes.

    A figure belongs to a speaker only when the quote's content holds it: in "After five hours of talks,
    the minister said ..." the five hours are the outlet's own report, though the clause is the minister's.
    """
    doc = article.doc
    if doc is None:
        return [Measure() for _ in slots]
    return [_measure(article, doc, slot, quotes) for slot in slots]


def _measure(article: Article, doc: Any, slot: Slot, quotes: Sequence[Quote]) -> Measure:
    start, end = slot.start, slot.end
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Measure()
    sent = span.sent
    text = article.text
    before, after = text[sent.start_char : start], text[end : sent.end_char]
    when = _anchors(before) | _anchors(after)
    frame = frozenset(m.group().lower() for m in _FRAME.finditer(text[sent.start_char : sent.end_char]))
    frame |= _subset_words(span) | _stance(span)
    if slot.kind == "ordinal" and span.root.dep_ != "attr":
        frame |= {"aside"}  # "its second flight succeeded" mentions a rank; "it was the third flight" claims one
    return Measure(
        source=_source(article, doc, sent, start, end, quotes),
        when=when,
        frame=frame,
        subject=_subject(span) if slot.kind in SUBJECT_KINDS else "",
        hypothetical=_hypothetical(span),
        places=_places(span, article),
        scale=_scale(span) if slot.kind == "number" else "",
        survey=bool(_SURVEY.search(text[doc[max(0, sent.start - 1)].sent.start_char : sent.end_char])),
        period=_period(text[sent.start_char : sent.end_char]),
    )


def _anchors(text: str) -> frozenset[str]:
    """Months, weekdays, "now" words and years that time a figure ("in March", "on Tuesday", "in 2016")."""
    words = {m.group().lower().rstrip(".") for m in _TIME_ANCHOR.finditer(text)}
    if not _DIGIT.search(text):
        return frozenset(words)  # a year or a dated day is written with digits: nothing to read
    for q in parse_quantities(text):
        if q.kind == "year" or (q.kind == "date" and q.unit == "day"):
            years = {int(q.low), int(q.high)} if q.kind == "year" else {int(q.low) // 10000}
            words |= {str(year) for year in years}
    return frozenset(words)


def _period(sentence: str) -> str:
    """The period a rate in the sentence is measured over: "month", "year", "week" or "quarter"."""
    found = _PERIOD.search(sentence)
    if found is None:
        return ""
    words = found.group().lower().replace("12 months", "year").replace("twelve months", "year")
    return next((unit for unit in ("month", "quarter", "week", "year") if unit in words), "year")


def _scale(span: Any) -> str:
    """The noun naming the scale of a plain figure when it stands right before it ("magnitude 6.8").

    Adjacency is the test, not the parse: a headline run into the lead sentence can make the noun the
    sentence's subject while the words still read "magnitude 6.8".
    """
    if span.start == 0:
        return ""
    before = span.doc[span.start - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.is_stop or not before.is_alpha or before.whitespace_ != " ":
        return ""
    return str(before.lemma_).lower()


def _source(article: Article, doc: Any, sent: Any, start: int, end: int, quotes: Sequence[Quote]) -> frozenset[str]:
    """Name tokens of who the figure is attributed to; empty when it is the outlet's own.

    Only statements count: in "the two sides agreed to exchange 40 prisoners" the figure is what was agreed,
    reported by the outlet, not a figure the two sides gave.
    """
    quotes = [q for q in quotes if _reported(q, doc)]
    holding = [q for q in quotes if q.start <= start and end <= q.end]
    if holding:
        return _speaker_names(article, doc, min(holding, key=lambda q: q.end - q.start))
    in_sentence = [q for q in quotes if q.start < sent.end_char and sent.start_char < q.end]
    according = re.search(r"\baccording to\s+(.{3,80}?)(?:[,.;]|$)", article.text[sent.start_char : sent.end_char])
    if according:
        return _names(according.group(1), doc, sent.start_char + according.start(1))
    if in_sentence or sent.start == 0:
        return frozenset()
    previous = doc[sent.start - 1].sent
    earlier = [q for q in quotes if q.start < previous.end_char and previous.start_char < q.end]
    if not earlier:
        return frozenset()
    return _speaker_names(article, doc, max(earlier, key=lambda q: q.end))


def _reported(quote: Quote, doc: Any) -> bool:
    """Whether the quote reports what someone said (a speech cue, or none: quotation marks, transcript turns)."""
    if quote.cue is None:
        return True
    cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return cue is None or len(cue) == 0 or cue.root.lemma_.lower() not in _NOT_SPEECH


#: Cues of attributions that report an act or a stance rather than words: their content is no one's figure.
_NOT_SPEECH = frozenset({"agree", "decide", "vote", "plan", "aim", "seek", "want", "hope", "intend", "promise",
                         "pledge", "offer", "propose", "try", "refuse", "fail", "choose"})


def _speaker_names(article: Article, doc: Any, quote: Quote) -> frozenset[str]:
    names: set[str] = {f"@{quote.speaker_id}"} if quote.speaker_id else set()
    name = quote.speaker_name or ""
    if name:
        window_start = max(0, quote.start - 300)
        at = article.text.find(name, window_start, quote.end + 300)
        names |= _names(name, doc, at if at >= 0 else None)
    return frozenset(names)


def _names(phrase: str, doc: Any, at: int | None) -> frozenset[str]:
    """Proper names in a source phrase ("The latest Reuters/Ipsos poll released Friday" -> reuters, ipsos),
    read from the parse where the phrase is found in the text, else from its capitals. Days and dates
    name no source: they are the measurement's time (``when``)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    span = doc.char_span(at, at + len(phrase), alignment_mode="expand") if at is not None else None
    if span is not None:
        words = [t.text for t in span if not t.is_stop and (t.pos_ == "PROPN" or t.ent_type_ in _NAMED_TYPES)
                 and t.ent_type_ not in ("DATE", "TIME")]  # a PROPN "Friday" is a time, not a source
    else:
        words = _NAME.findall(phrase)
    return frozenset(part for word in words if not _TIME_ANCHOR.fullmatch(word) and not _anchors(word)
                     for part in re.split(r"[/\-]", word.lower()) if len(part) > 1 and part not in STOP_WORDS)


def _subject(span: Any) -> str:
    """What the figure is a value of: the noun after "of"/"in", the noun it modifies, or its verb and object."""
    last = span[-1]
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if following is not None and following.lower_ in ("of", "in") and following.head.i in {t.i for t in span}:
        objects = [c for c in following.children if c.dep_ == "pobj"]
        if objects:
            return str(objects[0].lemma_).lower()
    head = span.root
    while head.dep_ in _OF_NOUN and head.head.i != head.i and head.head.i not in {t.i for t in span}:
        head = head.head
        if head.pos_ in ("NOUN", "PROPN"):
            return str(head.lemma_).lower()
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ == "of":
        owner = head.head.head
        if owner.pos_ in ("NOUN", "PROPN"):
            return str(owner.lemma_).lower()
    if head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
        partners = sorted(c.lemma_.lower() for c in verb.children
                          if c.i != head.i and c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"))
        return ":".join([verb.lemma_.lower(), *partners])
    return ""


#: Verbs that make a figure something wanted, offered or foreseen rather than what happened: "the six years
#: prosecutors had sought" measures a demand, not the sentence imposed.
_STANCES = {
    **dict.fromkeys(("seek", "ask", "demand", "request", "want", "call", "urge", "recommend"), "sought"),
    **dict.fromkeys(("offer", "propose", "bid"), "offered"),
    **dict.fromkeys(("expect", "forecast", "predict", "project", "anticipate"), "foreseen"),
}


def _stance(span: Any) -> frozenset[str]:
    """The stance a figure is given under, from the verbs above it, a clause on the noun it heads, or a
    clause right after it that the parser may have attached elsewhere ("the six years prosecutors had sought")."""
    head = span.root
    above = [head, *head.ancestors]
    below = [c for t in (head, head.head) for c in t.children if c.dep_ in ("relcl", "acl")]
    after = []
    for token in span.doc[span.end : min(len(span.doc), span.end + 4)]:
        if token.is_punct:
            break
        if token.pos_ == "VERB":
            after.append(token)
            break
    return frozenset(_STANCES[t.lemma_.lower()] for t in [*above, *below, *after] if t.lemma_.lower() in _STANCES)


def _subset_words(span: Any) -> frozenset[str]:
    """Modifiers before the figure that pick a part of a whole ("the final two", "the top 1 percent")."""
    inside = {t.i for t in span}
    heads = [span.root, *([span.root.head] if span.root.dep_ in _OF_NOUN else [])]
    return frozenset(c.lower_ for h in heads for c in h.children if c.i < span.start and c.i not in inside
                     and c.lower_ in _SUBSET and c.pos_ in ("ADJ", "DET", "ADV")
                     and not (c.i > 0 and c.doc[c.i - 1].lower_ == "to"))  # "set to last 90 days" is a verb


def _places(span: Any, article: Article) -> frozenset[str]:
    """Words of the places and events named in the clause that holds the figure.

    The article's mentions are its parse's entities, kept as offsets: reading them
    does not rebuild ``doc.ents`` for every figure.
    """
    clause = next((t for t in [span.root, *span.root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if clause is None:
        return frozenset()
    low, high = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
    named = [span.doc.char_span(m.start, m.end, alignment_mode="expand") for m in article.mentions
             if m.label in _PLACE_TYPES and low <= m.start and m.end <= high]
    return frozenset(t.lower_ for ent in named if ent is not None for t in ent if not t.is_stop)


def _hypothetical(span: Any) -> bool:
    """A figure under a modal verb or inside a condition."""
    token = span.root
    for ancestor in [token, *token.ancestors]:
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in ancestor.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in ancestor.children):
            return True
    return False
