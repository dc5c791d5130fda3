"""Typed discrepancies: where outlets give different values, titles or wordings for one fact.

Precision comes first: a false contradiction costs a reader's trust. So a slot
conflict needs two units from different sources that align (same group, or a
candidate pair above ``frame`` with the same kind of value, unit and role;
plain figures outside one group only on one named scale such as "magnitude"),
values whose tolerance intervals do not overlap, and no agreeing value of the
same kind in either unit. The two values must also be one measurement (see
``measure``): no differing named source, time, period, qualifier or measured
subject, neither hypothetical, and each the only value of its kind and subject
in its unit ("46 percent would choose Clinton and 44 percent would back Trump"
gives no single reading to oppose). Ordinals compare only with the noun they
rank ("third referendum" against "second referendum").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Article, Dossier, Reading
from .measure import Measure
from .slots import Slot, hours
from .units import ClaimUnit

#: How much each kind weighs in salience: checkable numbers first, wording last.
KIND_WEIGHT = {"duration": 1.0, "count": 0.95, "number": 0.95, "date": 0.9, "negation": 0.85, "title": 0.75,
               "fact": 0.6, "name": 0.4}
SLOT_KIND = {"duration": "duration", "count": "count", "percent": "number", "money": "number",
             "number": "number", "date": "date", "ordinal": "count"}
#: Modifiers that change what a title asserts about its holder now.
STATUS_WORDS = frozenset({"former", "ex", "late", "acting", "interim", "outgoing", "incoming", "deputy", "vice",
                          "then", "elect"})


@dataclass
class Found:
    """A discrepancy before ids are given: ids follow the salience order."""

    kind: str
    topic: str
    readings: list[Reading]
    description: str
    salience: float = 0.0
    claim_index: int | None = None


def outlet_count(articles: Iterable[Article]) -> int:
    """How many outlets the articles come from (at least one): what a discrepancy's spread is measured against."""
    return max(1, len({a.outlet_name for a in articles}))


def spread_salience(kind: str, readings: int, outlets: int) -> float:
    """The kind's weight, raised as more of the outlets give a reading."""
    return KIND_WEIGHT[kind] * (0.6 + 0.4 * readings / outlets)


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


def slot_discrepancies(
    corpus: Dossier,
    units: Sequence[ClaimUnit],
    slots: Sequence[Sequence[Slot]],
    pairs: Sequence[tuple[int, int, float, bool]],
    claim_of_unit: Sequence[int],
    measures: Sequence[Sequence[Measure]] | None = None,
) -> list[Found]:
    """Conflicting values between aligned units; ``pairs`` are (unit, unit, score, same_group).

    ``measures`` (one per slot) say what each value measures; without them every value of one kind and unit
    counts as the same measurement.
    """
    context = measures or [[Measure() for _ in unit_slots] for unit_slots in slots]
    edges: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for i, j, _score, same_group in pairs:
        if units[i].source == units[j].source:
            continue
        for a_index, a in enumerate(slots[i]):
            if a.role == "offset" or (a.kind == "ordinal" and not a.noun):
                continue
            if a.kind in NUMBER_KINDS and not same_group and not context[i][a_index].scale:
                continue
            if a.kind in NUMBER_KINDS and not _identifiable(a_index, slots[i], context[i], slots[j]):
                continue
            same_kind = [(b_index, b) for b_index, b in enumerate(slots[j]) if _comparable(a, b)]
            if not same_kind or any(not a.conflicts(b) for _, b in same_kind):
                continue
            if a.kind == "ordinal" and any(sum(x.kind == "ordinal" for x in slots[k]) > 1 for k in (i, j)):
                continue  # "the third flight, after its second in November": which rank is whose?
            if a.kind == "date" and (len(same_kind) > 1 or sum(s.kind == "date" for s in slots[i]) > 1):
                continue
            if a.kind == "date" and _side(a, corpus.article(units[i].article_id)) * _side(
                same_kind[0][1], corpus.article(units[j].article_id)
            ) < 0:
                continue  # a verdict dated before publication and a sentencing after it are two events
            for b_index, b in same_kind:
                if any((other.value == b.value and {other.kind, b.kind} <= _PLAIN)
                       or (_comparable(b, other) and not b.conflicts(other)) for other in slots[i]):
                    continue  # the first unit gives b's value too: its other value measures something else
                if not _plausible(a, b):
                    continue
                if not context[i][a_index].same_measurement(context[j][b_index], same_group):
                    continue
                if not same_group and context[i][a_index].scale != context[j][b_index].scale:
                    continue  # outside one claim, plain figures compare only on one named scale
                if b.kind in NUMBER_KINDS and not _identifiable(b_index, slots[j], context[j], slots[i]):
                    continue
                edges.setdefault((i, a_index), set()).add((j, b_index))
    return _components(corpus, units, slots, edges, claim_of_unit, context)


#: Slot kinds read as plain figures: they need the same claim group and an unambiguous measured subject.
NUMBER_KINDS = frozenset({"number", "percent", "money", "date", "count", "ordinal"})


#: Plain figures and counts: "from 212 to 187 votes" gives 212 as a plain figure that a count of 212 votes matches.
_PLAIN = frozenset({"count", "number"})
#: Two readings of one measurement further apart than this factor are more likely two quantities ("22 months"
#: of war against "11 days" of talks, a chamber of "400 members" against "17 members" abstaining) than outlets
#: that disagree: outlets that disagree give close values (five hours or four and a half, 40 or 45 prisoners).
PLAUSIBLE_RATIO = 4.0


def _side(slot: Slot, article: Article) -> int:
    """-1 when a date lies on or before its article's publication, 1 after it, 0 when either is unknown."""
    if not article.published or len(article.published) < 10 or slot.unit not in ("day", "day-of-year"):
        return 0
    year, month, day = (int(part) for part in article.published[:10].split("-"))
    published = (year * 10000 if slot.unit == "day" else 0) + month * 100 + day
    return -1 if slot.value <= published else 1


def _plausible(a: Slot, b: Slot) -> bool:
    if a.kind in ("date", "ordinal"):
        return True
    (low_a, high_a), (low_b, high_b) = (hours(a), hours(b)) if a.kind == "duration" else ((a.low, a.high),
                                                                                         (b.low, b.high))
    small, large = sorted((max(low_a, high_a if high_a != float("inf") else low_a),
                           max(low_b, high_b if high_b != float("inf") else low_b)))
    return small > 0 and large / small <= PLAUSIBLE_RATIO


def _comparable(a: Slot, b: Slot) -> bool:
    if a.kind != b.kind or a.noun != b.noun or a.role != b.role:
        return False
    return a.kind == "duration" or a.unit == b.unit


def _identifiable(index: int, unit_slots: Sequence[Slot], measures: Sequence[Measure],
                  other_slots: Sequence[Slot] = ()) -> bool:
    """The only value of its kind and unit in its unit, or the only one with its measured subject.

    A rival the other unit gives too is matched there ("$240 million" of savings in both), so it leaves the
    remaining value ("$85 million" against "$58 million" of costs) as the one to compare.
    """
    slot, subject = unit_slots[index], measures[index].subject
    rivals = [k for k, other in enumerate(unit_slots)
              if k != index and (other.kind, other.unit, other.noun) == (slot.kind, slot.unit, slot.noun)
              and not any(_comparable(other, mate) and not other.conflicts(mate) for mate in other_slots)]
    return not rivals or (bool(subject) and all(measures[k].subject != subject for k in rivals))


def _components(
    corpus: Dossier,
    units: Sequence[ClaimUnit],
    slots: Sequence[Sequence[Slot]],
    edges: dict[tuple[int, int], set[tuple[int, int]]],
    claim_of_unit: Sequence[int],
    measures: Sequence[Sequence[Measure]],
) -> list[Found]:
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for a, targets in edges.items():
        for b in targets:
            parent[find(a)] = find(b)
    components: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for node in parent:
        components.setdefault(find(node), []).append(node)
    outlets = outlet_count(corpus.articles)
    found: list[Found] = []
    for nodes in components.values():
        nodes.sort(key=lambda n: (units[n[0]].article_id, slots[n[0]][n[1]].start))
        readings: list[Reading] = []
        seen_outlets: set[str] = set()
        for unit_index, slot_index in nodes:
            unit, slot = units[unit_index], slots[unit_index][slot_index]
            if unit.outlet in seen_outlets:
                continue
            seen_outlets.add(unit.outlet)
            readings.append(reading(corpus.article(unit.article_id), slot.readable, slot.start, slot.end))
        if len({r.value for r in readings}) < 2 or len(readings) < 2:
            continue
        first_unit, first_slot = nodes[0][0], slots[nodes[0][0]][nodes[0][1]]
        topic = _slot_topic(first_slot, units[first_unit], corpus, measures[first_unit][nodes[0][1]])
        kind = SLOT_KIND[first_slot.kind]
        found.append(Found(kind, topic, readings, describe(topic, readings),
                           spread_salience(kind, len(readings), outlets), claim_of_unit[first_unit]))
    return found


def _slot_topic(slot: Slot, unit: ClaimUnit, corpus: Dossier, measure: Measure) -> str:
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
    return f"figure of {subject}" if subject else "figure reported"


def short_topic(text: str, limit: int = 80) -> str:
    """A clause cut at a word boundary to fit a heading."""
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
) -> list[Found]:
    """Alike units from two sources where one denies the verb the other asserts ("did not concede" against
    "conceded"): one discrepancy per claim of the denial, with a reading per outlet."""
    members: dict[int, set[int]] = {}
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
        members.setdefault(claim_of_unit[denying.index], set()).update((i, j))
    found: list[Found] = []
    outlets = outlet_count(corpus.articles)
    for claim_index, indices in members.items():
        per_outlet: dict[str, ClaimUnit] = {}
        for i in sorted(indices, key=lambda k: (units[k].article_id, units[k].start)):
            per_outlet.setdefault(units[i].outlet, units[i])
        readings = [reading(corpus.article(u.article_id), "denies" if u.negated else "affirms", u.start, u.end)
                    for u in per_outlet.values()]
        first = next(iter(per_outlet.values()))
        topic = "whether " + " ".join(first.text.split()[:8]) + "\u2026"
        found.append(Found("negation", topic, readings, describe(topic, readings),
                           spread_salience("negation", len(readings), outlets), claim_index))
    return found
