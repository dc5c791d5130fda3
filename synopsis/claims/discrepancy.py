"""Typed discrepancies: where outlets give different values, titles or wordings for one fact.

Precision comes first: a false contradiction costs a reader's trust. Figures are compared in ``conflicts``
(readings of one measurement, as the pair model of ``pairs`` judges them, whose values cannot both be true);
this module holds what every kind of discrepancy shares (the record before ids are given, readings,
descriptions, salience, topics) and the denials: one outlet denying the predicate another asserts.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import Article, Dossier, Reading
from .measure import Measure
from .slots import Slot
from .tuning import tuned
from .units import ClaimUnit

SLOT_KIND = {"duration": "duration", "count": "count", "percent": "number", "money": "number",
             "number": "number", "date": "date", "ordinal": "count", "time": "time"}
#: Modifiers that change what a title asserts about its holder now.
STATUS_WORDS = frozenset({"former", "ex", "late", "acting", "interim", "outgoing", "incoming", "deputy", "vice",
                          "then", "elect"})


@dataclass
class PendingDiscrepancy:
    """A discrepancy before ids are given: ids follow the salience order."""

    kind: str
    topic: str
    readings: list[Reading]
    description: str
    salience: float = 0.0
    claim_index: int | None = None
    #: how likely the discrepancy is real (a calibrated model probability, or its finder's tune precision)
    confidence: float = 1.0
    #: which rule found it ("spelling", "office", "negation", ...): the confidence model's family
    finder: str = ""
    #: what the finder measured of its evidence (the frame score of a denial, ...), read by the confidence model
    signals: dict[str, float] = field(default_factory=dict)


def outlet_count(articles: Iterable[Article]) -> int:
    """How many outlets the articles come from (at least one): what a discrepancy's spread is measured against."""
    return max(1, len({a.outlet_name for a in articles}))


def spread_salience(kind: str, readings: int, outlets: int) -> float:
    """The kind's weight (``[claims] kind_weight``: checkable numbers first, wording last), raised as more of the
    outlets give a reading."""
    return float(tuned()["kind_weight"][kind]) * (0.6 + 0.4 * readings / outlets)


def reading(article: Article, value: str, start: int, end: int) -> Reading:
    return Reading(article.id, article.outlet_name, value, article.text[start:end], start, end)


def describe(topic: str, readings: Sequence[Reading], key: Callable[[Reading], str] | None = None,
             verbs: tuple[str, str] = ("says", "say")) -> str:
    """ "On the duration of the talks, A says “nearly five hours”; B and C say “four and a half hours”."

    Outlets whose readings share a value (or ``key``) are named together, with the first one's words.
    """
    groups: dict[str, list[Reading]] = {}
    for r in readings:
        groups.setdefault(key(r) if key else r.value, []).append(r)
    parts = []
    for group in groups.values():
        names = [r.outlet for r in group]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"{who} {verbs[len(names) > 1]} \u201c{group[0].text}\u201d")
    lead = "On " if topic.startswith("whether ") else "On the "
    return lead + topic + ", " + "; ".join(parts) + "."


def slot_topic(slot: Slot, unit: ClaimUnit, corpus: Dossier, measure: Measure) -> str:
    """What the figure is a value of, in words that fit "On the ...": "duration of the blaze", "magnitude"."""
    span = _span(corpus.article(unit.article_id), slot)
    # "five hours of talks" names what lasted; "six years in prison" names only where
    subject = _noun_after(span, ("of",) if slot.kind == "duration" else ("of", "in")) if span is not None else ""
    if slot.role == "gap":
        return "time since the last comparable event" + (f" ({subject})" if subject else "")
    if slot.kind in ("duration", "money"):
        subject = subject or (_doer(span, slot.kind == "duration") if span is not None else "")
    if slot.kind == "duration":
        return f"duration of the {subject}" if subject else f"duration in \u201c{short_topic(unit.text)}\u201d"
    if slot.kind == "count":
        return f"number of {slot.noun}"
    if slot.kind == "ordinal":
        return f"rank of the {slot.noun} in its series"
    subject = subject or (_modified_noun(span) if span is not None else "")
    if slot.kind == "percent":
        return f"percentage of {subject}" if subject else "percentage reported"
    if slot.kind == "money":
        return f"amount of {subject}" if subject else "amount of money reported"
    if slot.kind == "number" and measure.scale:
        return measure.scale
    if slot.kind == "date":
        return f"date of \u201c{short_topic(unit.text)}\u201d"
    if slot.kind == "time":
        return f"time of \u201c{short_topic(unit.text)}\u201d"
    return f"figure of {subject}" if subject else "figure reported"


def short_topic(text: str, limit: int = 80) -> str:
    """A clause cut at a word boundary to fit a heading, without the quotation marks around it (the heading
    quotes it again)."""
    text = " ".join(text.split()).strip("\"'\u201c\u201d\u2018\u2019 ")
    return text if len(text) <= limit else text[: limit - 3].rsplit(" ", 1)[0] + "..."


def _span(article: Article, slot: Slot) -> Any:
    return article.doc.char_span(slot.start, slot.end, alignment_mode="expand") if article.doc is not None else None


def _noun_after(span: Any, prepositions: tuple[str, ...]) -> str:
    """The noun phrase of a preposition right after a figure: "$50 million in emergency aid" -> "emergency aid"."""
    if span.end >= len(span.doc) or span.doc[span.end].lower_ not in prepositions:
        return ""
    objects = [c for c in span.doc[span.end].children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
    if not objects:
        return ""
    head = objects[0]
    modifiers = [c for c in head.lefts if c.dep_ in ("compound", "amod") and c.is_alpha]
    return " ".join(t.lower_ for t in [*modifiers, head])


#: Verbs whose object is how long their subject went on ("the talks lasted six hours").
_LASTING = frozenset({"last", "take", "run", "continue", "stretch", "burn", "go"})


def _modified_noun(span: Any) -> str:
    """The noun a figure qualifies, with its compounds: "a 15 percent pay rise" -> "pay rise"."""
    root = span.root
    head = root.head
    if root.dep_ not in ("nummod", "compound", "amod", "quantmod", "npadvmod", "nmod") or head.pos_ != "NOUN":
        return ""
    inside = {t.i for t in span}
    modifiers = [c for c in head.lefts if c.dep_ == "compound" and c.is_alpha and c.i not in inside]
    return " ".join(t.lower_ for t in [*modifiers, head])


def _doer(span: Any, duration: bool) -> str:
    """The subject noun of the verb a duration measures ("the blaze ... burned for six hours" -> "blaze").

    A duration must be a length of time ("for six hours", "lasted six hours"): in "sentenced to six years" the
    subject is not what lasted.
    """
    if duration and span.root.head.lower_ != "for" and span.root.head.lemma_.lower() not in _LASTING:
        return ""
    verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    while verb is not None:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0].lower_ if subjects[0].pos_ == "NOUN" else ""
        verb = verb.head if verb.dep_ == "conj" and verb.head.i != verb.i else None
    return ""


_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|deni(?:ed|es)|deny(?:ing)?"
                       r"|reject(?:ed|s|ing)?|refus(?:ed|es|ing)|dismiss(?:ed|es)|declin(?:ed|es))\b|n['\u2019]t\b",
                       re.IGNORECASE)


def negation_words(text: str) -> frozenset[str]:
    """The negating words of a text, "n't" and "cannot" read as "not"."""
    words = (m.group().lower().replace("\u2019", "'") for m in _NEGATION.finditer(text))
    return frozenset("not" if w in ("n't", "cannot") else w for w in words)


def negation_discrepancies(
    corpus: Dossier, units: Sequence[ClaimUnit], pairs: Sequence[tuple[int, int, float, bool]], strong: float,
    claim_of_unit: Sequence[int],
) -> list[PendingDiscrepancy]:
    """Alike units from two sources where one denies the verb the other asserts ("did not concede" against
    "conceded"): one discrepancy per claim of the denial, with a reading per outlet."""
    members: dict[int, set[int]] = {}
    best: dict[int, float] = {}  # claim -> the frame score of its most alike denial pair
    for i, j, score, _same_group in pairs:
        a, b = units[i], units[j]
        if score < strong or a.negated == b.negated or a.source == b.source:
            continue
        if a.speaker_id and b.speaker_id and a.speaker_id != b.speaker_id:
            continue
        if negation_words(a.text) == negation_words(b.text):
            continue  # the same negating words in both: the parse, not the outlets, tells them apart
        denying, asserting = (a, b) if a.negated else (b, a)
        if denying.denied not in asserting.verbs:
            continue  # "should not stop taking" against "keep taking": not one predicate denied and asserted
        claim = claim_of_unit[denying.index]
        members.setdefault(claim, set()).update((i, j))
        best[claim] = max(best.get(claim, 0.0), score)
    found: list[PendingDiscrepancy] = []
    outlets = outlet_count(corpus.articles)
    for claim_index, indices in members.items():
        per_outlet: dict[str, ClaimUnit] = {}
        for i in sorted(indices, key=lambda k: (units[k].article_id, units[k].start)):
            per_outlet.setdefault(units[i].outlet, units[i])
        readings = [reading(corpus.article(u.article_id), "denies" if u.negated else "affirms", u.start, u.end)
                    for u in per_outlet.values()]
        first = next(iter(per_outlet.values()))
        topic = "whether " + " ".join(first.text.split()[:8]) + "\u2026"
        found.append(PendingDiscrepancy("negation", topic, readings, describe(topic, readings),
                                        spread_salience("negation", len(readings), outlets), claim_index,
                                        finder="negation", signals={"frame": best[claim_index]}))
    return found


#: Each rule finder's family: the confidence model learns one prior per family, over features every report has.
FAMILIES = {"spelling": "name", "given_name": "name", "direction": "name", "status": "title", "office": "title",
            "negation": "negation", "quote_cluster": "quote", "quote_aligned": "quote", "roster": "roster",
            "date": "date"}
CONFIDENCE_WEIGHTS = Path(__file__).with_name("confidence_weights.json")


def report_features(finder: str, readings: Sequence[Reading], outlets: int, in_claim: bool,
                    signals: Mapping[str, float]) -> dict[str, float]:
    """What the confidence model reads of a rule finder's report: its family, how many outlets give a reading and
    how they split (one outlet against all others reads as a slip; an even split as two accounts), how long the
    readings are, whether the alignment grouped them as one claim, and the finder's own signals."""
    groups: dict[str, int] = {}
    for r in readings:
        groups[r.value.casefold()] = groups.get(r.value.casefold(), 0) + 1
    count = max(1, len(readings))
    features = {
        f"family={FAMILIES.get(finder, finder)}": 1.0,
        "readings": math.log2(count),
        "share": len({r.outlet for r in readings}) / max(1, outlets),
        "majority": max(groups.values(), default=0) / count,
        "lone": float(min(groups.values(), default=0) == 1),
        "values": float(min(len(groups), 4) - 2),
        "words": sum(len(r.text.split()) for r in readings) / count / 10.0,
        "in_claim": float(in_claim),
    }
    features.update({f"{FAMILIES.get(finder, finder)}:{k}": float(v) for k, v in signals.items()})
    return features


@dataclass(frozen=True)
class ConfidenceModel:
    """Logistic weights over ``report_features``, fitted on the tune stories by ``bench/train_confidence.py``;
    families it was not fitted on keep their finder's fixed confidence."""

    weights: Mapping[str, float]
    families: frozenset[str]

    def probability(self, features: Mapping[str, float]) -> float:
        total = self.weights.get("bias", 0.0) + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def covers(self, finder: str) -> bool:
        return FAMILIES.get(finder, finder) in self.families

    @staticmethod
    def from_file(path: Path) -> ConfidenceModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ConfidenceModel({str(k): float(v) for k, v in data["weights"].items()},
                               frozenset(str(f) for f in data["families"]))


@functools.cache
def confidence_model() -> ConfidenceModel | None:
    """The committed model, None where none is shipped (every finder then keeps its fixed confidence)."""
    return ConfidenceModel.from_file(CONFIDENCE_WEIGHTS) if CONFIDENCE_WEIGHTS.is_file() else None


def calibrated(found: Sequence[PendingDiscrepancy], outlets: int, fixed: float,
               model: ConfidenceModel | None) -> list[PendingDiscrepancy]:
    """``found``, each given the model's probability that it is real, or ``fixed`` (its finder's tune precision)
    where the model does not cover its finder."""
    for item in found:
        if model is not None and model.covers(item.finder):
            features = report_features(item.finder, item.readings, outlets, item.claim_index is not None,
                                       item.signals)
            item.confidence = model.probability(features)
        else:
            item.confidence = fixed
    return list(found)
