"""Figure mentions: every value a claim unit gives, with the context that says what it measures.

Whether two figures from two outlets are readings of one measurement is decided by a small learned model
(``pairs``) over what surrounds each figure: the noun it counts or qualifies, the verb that governs it, the
entities of its clause, its time anchors and hedges, and the clause itself with the figures masked. This
module reads that context once per figure, so that scoring a pair is a handful of set and vector operations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..lang.calendar import WEEKDAYS
from ..lang.quantities import NOT_MEASURES, Quantity, parse_quantities
from ..models import Article, Dossier, Quote
from .measure import Measure, measures_of
from .slots import Slot
from .tuning import tuned
from .units import ClaimUnit, entity_spans

#: Quantity kinds read as the measure code knows slots (it reads a subject for plain numbers and shares).
_SLOT_KIND = {"count": "count", "number": "number", "percent": "percent", "percentage_point": "percent",
              "money": "money", "duration": "duration", "date": "date", "year": "date", "ordinal": "ordinal",
              "clock": "time", "age": "number", "length": "number", "area": "number", "mass": "number",
              "power": "number"}
#: Words that date a figure as one state of a changing count ("so far", "as of Tuesday", "rose to").
_UPDATE = re.compile(
    rf"\b(?:so far|as of|by (?:late |early )?(?:{'|'.join(WEEKDAYS)}|"
    r"morning|afternoon|evening|night|noon)|(?:has|have|had) (?:risen|climbed|increased|grown|reached)|"
    r"(?:rose|climbed|jumped|increased|grew|rising|climbing) to|toll (?:rose|climbed|reached|stood)|"
    r"initially|latest|updated|now stands?|provisional|preliminary)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: Dependencies through which a figure quantifies the noun above it ("12 workers", "a 15 percent rise").
_QUANTIFIES = frozenset({"nummod", "quantmod", "compound", "amod", "npadvmod", "nmod", "appos"})
_MASK = "N"
_CONTENT = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})


@dataclass(frozen=True, slots=True)
class FigureMention:
    """One figure of one unit, and what the pair model reads about it."""

    unit: int
    index: int  # the figure's index among its unit's figures
    quantity: Quantity
    measure: Measure
    #: what the figure is in its clause, as the slot reader tells: "total" ("seven of the twelve seats"),
    #: "difference" (a margin), "rate", "change" ("from 212 to 187"), "offset" ("a year ago"), "gap", ""
    role: str
    article_id: str
    source: str
    #: figures compare only within one family (counts with plain numbers, money in one currency, ...)
    family: str
    #: lemma of the noun the figure counts or qualifies ("" when none is found)
    head: str
    #: lemma of the verb that governs the figure ("kill", "win", "last")
    verb: str
    #: lemmas of the figure's frame: its noun, verb, the verb's subject and object, the noun after "of"
    frame: frozenset[str]
    #: content lemmas within a few words of the figure
    window: frozenset[str]
    #: entity keys named in the figure's clause
    entities: frozenset[str]
    #: the entity named nearest to the figure in its clause ("" when none)
    nearest: str
    years: frozenset[str]
    update: bool
    approximate: bool
    #: the unit is its article's first (a headline run into the lead, or the lead itself)
    lead: bool
    frame_vector: Any  # unit-length word vector of the frame lemmas (None without vectors)
    head_vector: Any  # unit-length word vector of the head noun (None without one)
    verb_vector: Any  # unit-length word vector of the governing verb (None without one)
    #: unit-length word vector of the rest of the frame: verb, its subject or object, what the noun did
    predicate_vector: Any
    #: a few words either side of the figure, the figure masked (embedded with the sentence model)
    local: str


def figure_mentions(
    corpus: Dossier,
    units: Sequence[ClaimUnit],
    slots: Sequence[Sequence[Slot]],
    quotes: dict[str, list[Quote]],
) -> list[FigureMention]:
    """Every figure of every unit, in unit order; figures the parse cannot place are left out.

    ``slots`` (the slot reader's values of each unit) only lend each figure its role in the clause.
    """
    articles = {a.id: a for a in corpus.articles}
    entities = entity_spans(corpus)
    first_unit: dict[str, int] = {}
    for unit in units:
        first_unit.setdefault(unit.article_id, unit.index)
    out: list[FigureMention] = []
    for unit, unit_slots in zip(units, slots, strict=True):
        article = articles[unit.article_id]
        found = [q for q in parse_quantities(unit.text, unit.start, article.doc) if q.kind not in NOT_MEASURES
                 and q.kind in _SLOT_KIND]
        measures = measures_of(article, [as_slot(q) for q in found], quotes.get(unit.article_id, ()))
        for index, (quantity, measure) in enumerate(zip(found, measures, strict=True)):
            role = next((s.role for s in unit_slots if s.start < quantity.end and quantity.start < s.end), "")
            mention = _mention(article, unit, index, quantity, measure, role, entities.get(unit.article_id, []),
                               first_unit[unit.article_id] == unit.index)
            if mention is not None:
                out.append(mention)
    return out


def as_slot(quantity: Quantity) -> Slot:
    """The quantity as the measure reader takes a value (kind, span and bounds)."""
    kind = _SLOT_KIND[quantity.kind]
    return Slot(kind, quantity.low, quantity.high, quantity.written_low, quantity.unit, quantity.text,
                quantity.start, quantity.end, quantity.hedge, quantity.noun)


def family(quantity: Quantity) -> str:
    """The family a quantity compares within: counts and plain numbers together, money by currency."""
    kind = {"count": "number"}.get(quantity.kind, quantity.kind)
    if kind in ("money", "percent"):
        return f"{kind}:{quantity.unit}"
    return kind + (":rate" if quantity.per else "")


def masked_text(unit: ClaimUnit, figures: Sequence[FigureMention]) -> str:
    """The unit's text with every figure replaced by one placeholder: what is measured, not the values."""
    text, parts, at = unit.text, [], 0
    for slot in sorted((f.quantity for f in figures), key=lambda q: q.start):
        begin, end = slot.start - unit.start, slot.end - unit.start
        if begin < at or begin < 0 or end > len(text):
            continue
        parts += [text[at:begin], _MASK]
        at = end
    parts.append(text[at:])
    return "".join(parts)


def _mention(article: Article, unit: ClaimUnit, index: int, slot: Quantity, measure: Measure, role: str,
             spans: list[tuple[int, int, str]], lead: bool) -> FigureMention | None:
    doc = article.doc
    if doc is None:
        return None
    span = doc.char_span(slot.start, slot.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    inside = {t.i for t in span}
    head_token = _head_noun(span, slot, inside)
    verb_token = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    frame_tokens = [t for t in (head_token, verb_token) if t is not None]
    if verb_token is not None:
        frame_tokens += [c for c in verb_token.children
                         if ((c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and c.pos_ in ("NOUN", "PROPN"))
                             or (c.dep_ in ("acomp", "oprd", "xcomp") and c.pos_ in ("ADJ", "VERB")))
                         and c.i not in inside]
    if head_token is not None:  # "people killed", "people are missing": what the counted noun did or is
        frame_tokens += [c for c in head_token.children if c.dep_ in ("acl", "amod", "relcl") and c.i not in inside]
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ == "of":
        frame_tokens += [c for c in after.children if c.dep_ == "pobj"]
    frame = frozenset(t.lemma_.lower() for t in frame_tokens if t.is_alpha)
    low, high = max(unit.start, slot.start - 60), min(unit.end, slot.end + 60)
    window_tokens = [t for t in doc[max(0, span.start - 5) : min(len(doc), span.end + 5)]
                     if t.i not in inside and t.is_alpha and not t.is_stop and t.pos_ in _CONTENT]
    clause = [(s, e, key) for s, e, key in spans if unit.start <= s and e <= unit.end]
    nearest = min(clause, key=lambda m: min(abs(m[0] - slot.end), abs(slot.start - m[1])), default=None)
    sentence = span.sent
    around = article.text[sentence.start_char : sentence.end_char]
    figure_years = set(_YEAR.findall(slot.text))
    return FigureMention(
        unit=unit.index,
        index=index,
        quantity=slot,
        measure=measure,
        role=role,
        article_id=article.id,
        source=unit.source,
        family=family(slot),
        head=head_token.lemma_.lower() if head_token is not None else "",
        verb=verb_token.lemma_.lower() if verb_token is not None else "",
        frame=frame,
        window=frozenset(t.lemma_.lower() for t in window_tokens),
        entities=frozenset(key for _s, _e, key in clause),
        nearest=nearest[2] if nearest is not None else "",
        years=frozenset(y for y in _YEAR.findall(around) if y not in figure_years),
        update=bool(_UPDATE.search(article.text[low:high])),
        approximate=bool(slot.hedge),
        lead=lead,
        frame_vector=_unit_vector([t.vector for t in frame_tokens if t.has_vector]),
        head_vector=_unit_vector([head_token.vector] if head_token is not None and head_token.has_vector else []),
        verb_vector=_unit_vector([verb_token.vector] if verb_token is not None and verb_token.has_vector else []),
        predicate_vector=_unit_vector([t.vector for t in frame_tokens[1:] if t.has_vector]),
        local=_local_text(doc, span),
    )


def _local_text(doc: Any, span: Any) -> str:
    """The words around the figure, the figure itself masked: "the death toll rose to N on Saturday"."""
    sent, words = span.sent, int(tuned()["local_words"])
    before = doc[max(sent.start, span.start - words) : span.start].text
    after = doc[span.end : min(sent.end, span.end + words)].text
    return f"{before} {_MASK} {after}".strip()


def _head_noun(span: Any, slot: Quantity, inside: set[int]) -> Any:
    """The noun the figure counts or qualifies: the counted noun of a count, the noun a figure modifies, or the
    noun after "of" ("47 percent of the vote")."""
    if slot.kind == "count":
        return span[-1]
    root = span.root
    if root.dep_ in _QUANTIFIES and root.head.i not in inside and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ("of", "in"):
        objects = [c for c in doc[span.end].children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
        if objects:
            return objects[0]
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") and root.pos_ in ("NOUN", "PROPN"):
        return root
    return None


def _unit_vector(vectors: list[Any]) -> Any:
    import numpy as np

    if not vectors:
        return None
    total = np.sum(np.asarray(vectors, dtype=np.float32), axis=0)
    norm = float(np.linalg.norm(total))
    return total / norm if norm > 0 else None
