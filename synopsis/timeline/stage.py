"""Timeline: dated events of the story, resolved to ISO 8601 and merged across outlets.

Each article's relative expressions ("Monday", "tomorrow", "by Easter") are read
against its own day; an article without a date gets one from the other articles of
the story, recorded in ``inferred_dates`` (the article itself keeps ``published``
as ingest found it). Events that several outlets report are merged; one event dated
differently by two outlets becomes a ``date`` discrepancy.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from ..claims.discrepancy import (
    confidence_model,
    describe,
    outlet_count,
    report_features,
    short_topic,
    spread_salience,
)
from ..context import Context
from ..lang.calendar import MONTHS, WEEKDAYS
from ..lang.cues import REPORTING_VERBS, verb_forms
from ..models import Article, Claim, Discrepancy, Dossier, Evidence, InferredDate, Reading, TimelineEvent
from ..registry import stage
from ..util import DisjointSet
from .anchor import cluster_anchors, own_anchor
from .events import DatedEvent, dated_events
from .extract import TemporalMention, find_mentions, with_reference
from .merge import ConflictPair, Thresholds, conflicting_pairs, group_events, named_weekday, weekday_slips

_STATUS_ORDER = {"past": 0, "reported": 1, "planned": 2}
_GRANULARITY_ORDER = {"year": 0, "month": 1, "range": 2, "day": 3}


class Timeline:
    """Corpus stage: assigns ``timeline`` and ``inferred_dates``, and appends date discrepancies."""

    def __init__(self, embed: Callable[[list[str]], Any], limits: Thresholds, cluster_similarity: float,
                 story_day_spread: int, conflict_confidence: float = 1.0, min_confidence: float = 0.0,
                 learned: bool = False, weekday_confidence: float = 1.0) -> None:
        self.embed = embed
        self.limits = limits
        self.cluster_similarity = cluster_similarity
        self.story_day_spread = story_day_spread
        #: date discrepancies carry their finder's tune precision, and are reported only at ``min_confidence``
        self.conflict_confidence = conflict_confidence
        self.min_confidence = min_confidence
        #: date discrepancies take the learned confidence of the rule finders (``[claims] learned_confidence``)
        self.learned = learned
        #: the confidence of a weekday written with a date it does not fall on (``[timeline] weekday_confidence``)
        self.weekday_confidence = weekday_confidence
        #: every date discrepancy the last call found, shown or not, with the features its confidence read
        #: (what ``bench/train_confidence.py`` learns from)
        self.candidates: list[tuple[Discrepancy, dict[str, float]]] = []

    def __call__(self, corpus: Dossier) -> Dossier:
        return self.placed(corpus)[0]

    def placed(self, corpus: Dossier) -> tuple[Dossier, list[tuple[DatedEvent, TimelineEvent]]]:
        """The corpus with its timeline, and each article's dated event with the entry it ended in."""
        articles = [a for a in corpus.articles if a.doc is not None and a.copy_of is None]
        mentions = {a.id: find_mentions(a.doc) for a in articles}
        anchors = {a.id: own_anchor(a, mentions[a.id]) for a in articles}
        anchors = cluster_anchors(articles, anchors, mentions, self._sentence_of(articles), self._similarity,
                                  self.cluster_similarity, self.story_day_spread)
        events: list[DatedEvent] = []
        for article in articles:
            anchor = anchors[article.id]
            resolved = with_reference(mentions[article.id], anchor.reference)
            events += dated_events(article.id, article.doc, resolved, anchor.reference, anchor.cue,
                                   self.story_day_spread)
        by_id = {a.id: a for a in corpus.articles}
        # one call: the embedder batches texts of like length together (a vector does not depend on its batch)
        both = self.embed([e.text for e in events] + [by_id[e.article_id].text[slice(*e.sentence)] for e in events])
        vectors, sentence_vectors = both[: len(events)], both[len(events) :]
        timeline, entry_of = self._entries(events, vectors, sentence_vectors, by_id)
        conflicts = self._conflicts(events, vectors, by_id, corpus.discrepancies or (), corpus.claims or ())
        conflicts += self._slips(events, by_id)
        inferred = tuple(InferredDate(a.id, anchor.published, anchor.source) for a in articles
                         if a.published is None and (anchor := anchors[a.id]).published is not None
                         and anchor.source is not None)
        out = dataclasses.replace(corpus, timeline=timeline, inferred_dates=inferred).with_discrepancies(conflicts)
        return out, [(event, entry_of[i]) for i, event in enumerate(events)]

    def _similarity(self, left: list[str], right: list[str]) -> list[list[float]]:
        vectors = self.embed(left + right)
        scores = vectors[: len(left)] @ vectors[len(left):].T
        return [[float(x) for x in row] for row in scores]

    @staticmethod
    def _sentence_of(articles: list[Article]) -> Callable[[str, TemporalMention], str]:
        docs = {a.id: a.doc for a in articles}

        def sentence(article_id: str, mention: TemporalMention) -> str:
            span = docs[article_id].char_span(mention.start, mention.end, alignment_mode="expand")
            return str(span.sent.text)

        return sentence

    def _entries(self, events: list[DatedEvent], vectors: Any, sentence_vectors: Any,
                 articles: dict[str, Article]) -> tuple[tuple[TimelineEvent, ...], dict[int, TimelineEvent]]:
        """The sorted entries, and the entry each event (by index) ended in."""
        entries: list[tuple[tuple[date, int, int, str], TimelineEvent]] = []
        entry_of: dict[int, TimelineEvent] = {}
        for group in group_events(events, vectors, sentence_vectors, self.limits):
            members = [events[i] for i in group]
            lead = min(members, key=lambda e: (_STATUS_ORDER[e.status] != 1, len(e.text)))
            evidence: list[Evidence] = []
            for member in members:
                ev = Evidence.of(articles[member.article_id], *member.sentence)
                if ev not in evidence:
                    evidence.append(ev)
            outlets = tuple(dict.fromkeys(articles[m.article_id].outlet_name for m in members))
            status = _group_status([m.status for m in members])
            bounds = lead.value.bounds()
            first = bounds[0] if bounds else date.max
            key = (first, _GRANULARITY_ORDER[lead.value.granularity], min(m.mention.start for m in members),
                   lead.article_id)
            entry = TimelineEvent(lead.value.value, lead.value.granularity, lead.text, tuple(evidence), status, outlets)
            entries.append((key, entry))
            entry_of.update(dict.fromkeys(group, entry))
        return tuple(entry for _, entry in sorted(entries, key=lambda item: item[0])), entry_of

    def _conflicts(self, events: list[DatedEvent], vectors: Any, articles: dict[str, Article],
                   existing: tuple[Discrepancy, ...], claims: Sequence[Claim]) -> list[Discrepancy]:
        """One date discrepancy per set of events linked by conflicting pairs, one reading per outlet, with its
        confidence: the learned model's where it covers dates, else the finder's fixed tune precision.

        ``existing``: what earlier stages reported, so that two dates already flagged are not flagged again.
        """
        claims_of = _claims_holding(events, claims, articles)
        flagged = [(r.article_id, r.start, r.end) for d in existing if d.kind == "date" for r in d.readings]
        linked_sets = DisjointSet(range(len(events)))
        linked: dict[int, list[ConflictPair]] = {}
        for pair in conflicting_pairs(events, vectors, self.limits, lambda i, j: bool(claims_of[i] & claims_of[j])):
            if all(any(a == e.article_id and s < e.mention.end and e.mention.start < t for a, s, t in flagged)
                   for e in (events[pair.first], events[pair.second])):
                continue  # the claims stage already reported these two dates
            linked_sets.union(pair.first, pair.second)
            for i in (pair.first, pair.second):
                linked.setdefault(i, []).append(pair)
        components: dict[int, list[int]] = {}
        for i in sorted(linked, key=lambda k: (events[k].article_id, events[k].mention.start)):
            components.setdefault(linked_sets.find(i), []).append(i)
        outlets = outlet_count(articles.values())
        model = confidence_model() if self.learned else None
        self.candidates = []
        out: list[Discrepancy] = []
        for members in components.values():
            per_outlet: dict[str, DatedEvent] = {}
            for i in members:
                per_outlet.setdefault(articles[events[i].article_id].outlet_name, events[i])
            chosen = list(per_outlet.values())
            if len({e.value.value for e in chosen}) < 2 or len({e.mention.text.casefold() for e in chosen}) < 2:
                continue  # the same words ("on Wednesday") dated apart only by the articles' own dates
            readings = tuple(Reading(e.article_id, outlet, e.value.value, e.mention.text, e.mention.start,
                                     e.mention.end) for outlet, e in per_outlet.items())
            pairs = [pair for i in members for pair in linked[i]]
            in_claim = any(pair.one_claim for pair in pairs)
            features = report_features("date", readings, outlets, in_claim, conflict_signals(chosen, pairs))
            if model is not None and model.covers("date"):
                confidence = model.probability(features)
            else:
                confidence = self.conflict_confidence
            topic = short_topic(chosen[0].text)
            description = ("On the date of \u201c" + topic + "\u201d, " + "; ".join(
                f"{r.outlet} dates it to {r.value} (\u201c{r.text}\u201d)" for r in readings) + ".")
            found = Discrepancy("", "date", topic, readings, description,
                                salience=round(spread_salience("date", len(readings), outlets), 4),
                                confidence=round(confidence, 4))
            self.candidates.append((found, features))
            if confidence >= self.min_confidence:
                out.append(found)
        return out

    def _slips(self, events: list[DatedEvent], articles: dict[str, Article]) -> list[Discrepancy]:
        """A weekday that does not fall on the date it is written with, against the outlets that give that date's
        own weekday: a date discrepancy with the finder's fixed tune precision (``[timeline] weekday_confidence``)."""
        if self.weekday_confidence < self.min_confidence:
            return []
        outlets = outlet_count(articles.values())
        out: list[Discrepancy] = []
        for slip, backing in weekday_slips(events):
            per_outlet: dict[str, DatedEvent] = {articles[events[slip].article_id].outlet_name: events[slip]}
            for j in backing:
                per_outlet.setdefault(articles[events[j].article_id].outlet_name, events[j])
            readings = tuple(Reading(e.article_id, outlet, _weekday_name(e), e.mention.text, e.mention.start,
                                     e.mention.end) for outlet, e in per_outlet.items())
            day = events[slip].value.value
            topic = f"day of the week of {day}"
            out.append(Discrepancy("", "date", topic, readings, describe(topic, readings),
                                   salience=round(spread_salience("date", len(readings), outlets), 4),
                                   confidence=self.weekday_confidence))
        return out


#: Weekday number (Monday 0) -> its name, as a reading's value.
_WEEKDAY_NAMES = {number: name.capitalize() for name, number in WEEKDAYS.items()}


def _weekday_name(event: DatedEvent) -> str:
    named = named_weekday(event.mention.text)
    return _WEEKDAY_NAMES[named] if named is not None else event.value.value


_MONTH_OR_DIGIT = re.compile(r"\d|\b(?:" + "|".join(sorted({m[:3] for m in MONTHS})) + r")", re.IGNORECASE)


def conflict_signals(chosen: Sequence[DatedEvent], pairs: Sequence[ConflictPair]) -> dict[str, float]:
    """What tells a real date disagreement from a misread one: how alike the events read; whether every outlet
    names its date (a month, a number) or some only a weekday read against the article's own day; whether the
    days differ by whole weeks (one weekday read against two days of writing) or only by the year; plans."""
    days = sorted({bounds[0] for e in chosen if (bounds := e.value.bounds()) is not None})
    gaps = [(b - a).days for k, a in enumerate(days) for b in days[k + 1 :]]
    named = [bool(_MONTH_OR_DIGIT.search(e.mention.text)) for e in chosen]
    return {
        "cosine": max(pair.cosine for pair in pairs),
        "overlap": max(pair.overlap for pair in pairs),
        "named": sum(named) / len(named),
        "weeks": float(bool(gaps) and all(gap % 7 == 0 for gap in gaps)),
        "gap": math.log2(1 + min(gaps, default=0)),
        "years_only": float(len(days) > 1 and len({(d.month, d.day) for d in days}) == 1),
        "year": float(chosen[0].value.granularity == "year"),
        "planned": float(any(e.status == "planned" for e in chosen)),
    }


def _group_status(statuses: list[str]) -> str:
    """The status most members give (an outlet that could only guess its day is outvoted); news on a tie."""
    counts = Counter(statuses)
    return max(counts, key=lambda s: (counts[s], s == "reported", s == "planned"))


def _claims_holding(events: Sequence[DatedEvent], claims: Sequence[Claim],
                    articles: dict[str, Article]) -> list[frozenset[str]]:
    """Per event, the corroborated claims whose evidence holds its date mention as the one date it gives.

    A claim that gives two dates ("3.2 percent in March, up from 2.9 percent in February") cannot say which
    one an outlet's other date contradicts, and a date of comparison ("than in February") dates no event.
    """
    starts: dict[str, list[int]] = {}
    for e in events:
        starts.setdefault(e.article_id, []).append(e.mention.start)
    for found in starts.values():
        found.sort()
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for claim in claims:
        if claim.corroborated:
            for ev in claim.evidence:
                here = starts.get(ev.article_id, [])
                if bisect.bisect_left(here, ev.end) - bisect.bisect_left(here, ev.start) == 1:
                    spans.setdefault(ev.article_id, []).append((ev.start, ev.end, claim.id))
    out: list[frozenset[str]] = []
    for e in events:
        text, at = articles[e.article_id].text, e.mention.start
        compared = _COMPARED.search(text, max(0, at - 30), at) is not None or _SAID.search(
            text, max(0, at - 30), at) is not None
        out.append(frozenset() if compared else
                   frozenset(c for s, end, c in spans.get(e.article_id, ()) if s <= at < end))
    return out


#: A speech verb right before a date: "said on Monday" dates a statement, not the event the claim reports.
_SAID = re.compile(r"\b(?:" + "|".join(sorted(verb_forms(REPORTING_VERBS) - REPORTING_VERBS, key=len, reverse=True))
                   + r")\s+(?:on\s+|late\s+|early\s+)?$", re.IGNORECASE)
#: Words right before a date that make it a point of comparison rather than when something happened.
_COMPARED = re.compile(r"\b(?:than|from|since|compared (?:with|to)|versus|vs\.?|against)\s+(?:(?:in|on|at|the)\s+)*$",
                       re.IGNORECASE)


@stage("timeline", scope="corpus",
       requires=("article.doc", "article.published", "article.removed", "claims", "discrepancies"),
       assigns=("timeline", "discrepancies", "inferred_dates"), embeds=True)
def make(context: Context) -> Timeline:
    config = context.config

    def embed(texts: list[str]) -> Any:
        return context.embedder.embed(texts)

    limits = Thresholds(
        merge_cosine=config.get("timeline", "merge_similarity"),
        merge_overlap=config.get("timeline", "merge_word_overlap"),
        conflict_cosine=config.get("timeline", "conflict_similarity"),
        conflict_overlap=config.get("timeline", "conflict_word_overlap"),
        conflict_planned=config.get("timeline", "conflict_planned"),
    )
    shown_from = 0.0 if config.get("claims", "all_discrepancies") else config.get("claims", "min_confidence")
    return Timeline(embed, limits, config.get("timeline", "cluster_similarity"),
                    config.get("timeline", "story_day_spread"), config.get("timeline", "conflict_confidence"),
                    shown_from, config.get("claims", "learned_confidence"),
                    config.get("timeline", "weekday_confidence"))
