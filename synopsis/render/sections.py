"""The report as a list of sections with their items: the one model the HTML and Markdown renderers write out.

Which sections a dossier has, in which order, and what each lists in which order are
decided here once; a renderer only puts them into its format (and may show fewer rows),
so the two formats cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..entities import reader_label
from ..models import Claim, Discrepancy, Dossier, Entity, Evidence, Reading, SummarySentence, TimelineEvent
from .common import (
    AGREE,
    COVERAGE,
    DISPUTES,
    QUOTES,
    STANCES,
    SUMMARY,
    TIMELINE,
    WHO,
    Coverage,
    Figure,
    Ledger,
    Part,
    Source,
    Sources,
    SpeakerStatements,
    all_evidence,
    claim_outlets,
    coverage,
    date_range,
    discrepancy_anchor,
    figures,
    ledger,
    ordered_claims,
    ordered_discrepancies,
    sorted_timeline,
    span_evidence,
    speakers,
    split_entities,
    story_title,
    summary_evidence,
)


@dataclass(frozen=True)
class Dispute:
    """A link from a summary sentence to a discrepancy it touches; ``topic`` is None when that one is missing."""

    discrepancy_id: str
    anchor: str
    topic: str | None


@dataclass(frozen=True)
class SummaryLine:
    sentence: SummarySentence
    evidence: list[Evidence]
    disputes: list[Dispute]

    @property
    def article_ids(self) -> list[str]:
        return [ev.article_id for ev in self.evidence]


@dataclass(frozen=True)
class SummaryBody:
    lines: list[SummaryLine]


@dataclass(frozen=True)
class EntityCard:
    entity: Entity
    aliases: list[str]  # the other spellings, the shown name left out


@dataclass(frozen=True)
class EntitiesBody:
    major: list[EntityCard]
    minor: list[Entity]


@dataclass(frozen=True)
class QuotesBody:
    speakers: list[SpeakerStatements]


@dataclass(frozen=True)
class ClaimRow:
    claim: Claim
    present: dict[str, Evidence]  # outlet key -> that outlet's words for the claim

    @property
    def article_ids(self) -> list[str]:
        return [ev.article_id for ev in self.claim.evidence]


@dataclass(frozen=True)
class ClaimsBody:
    outlet_keys: list[str]  # the matrix's columns
    corroborated: list[ClaimRow]
    single: list[ClaimRow]


@dataclass(frozen=True)
class ReadingView:
    """One outlet's reading of a disputed detail, inside the rest of its sentence."""

    reading: Reading
    source: Source
    before: str
    disputed: str
    after: str

    @property
    def outlet(self) -> str:
        return self.reading.outlet or self.source.outlet

    @property
    def evidence(self) -> Evidence:
        return span_evidence(self.reading)


@dataclass(frozen=True)
class DisputeCard:
    discrepancy: Discrepancy
    anchor: str
    readings: list[ReadingView]

    @property
    def article_ids(self) -> list[str]:
        return [r.article_id for r in self.discrepancy.readings]


@dataclass(frozen=True)
class DisputesBody:
    cards: list[DisputeCard]


@dataclass(frozen=True)
class TimelineBody:
    events: list[TimelineEvent]  # in date order; the list numbers them from 1


@dataclass(frozen=True)
class StancesBody:
    ledger: Ledger


@dataclass(frozen=True)
class CoverageBody:
    rows: list[Coverage]


Body = SummaryBody | EntitiesBody | QuotesBody | ClaimsBody | DisputesBody | TimelineBody | StancesBody | CoverageBody


@dataclass(frozen=True)
class Section:
    """One section of the report; ``body`` is None when it was computed but found nothing (``part.empty`` says so)."""

    part: Part
    body: Body | None

    @property
    def kind(self) -> str:
        """The section's partial template and writer: its anchor ('summary', 'who', ...)."""
        return self.part.anchor


@dataclass(frozen=True)
class Report:
    """Everything a report shows: the header's facts, the lettered sources and the sections in reading order."""

    dossier: Dossier
    sources: Sources
    title: str
    dates: str
    figures: list[Figure]
    sections: list[Section] = field(default_factory=list)

    def evidence_by_article(self) -> dict[str, list[Evidence]]:
        """Every cited span, by article: what the article view marks."""
        spans: dict[str, list[Evidence]] = {}
        for ev in all_evidence(self.dossier):
            spans.setdefault(ev.article_id, []).append(ev)
        return spans


def build_report(dossier: Dossier) -> Report:
    sources = Sources.of(dossier)
    report = Report(dossier, sources, story_title(dossier), date_range(dossier),
                    figures(dossier, sources))
    for part, body in _BODIES:
        items = part.items(dossier)
        if items is None:
            continue
        if items or not part.empty:
            found = body(dossier, sources)
            if found is not None:
                report.sections.append(Section(part, found))
        else:
            report.sections.append(Section(part, None))
    return report


def _summary(dossier: Dossier, sources: Sources) -> SummaryBody:
    topics = {d.id: d.topic for d in dossier.discrepancies or ()}
    return SummaryBody([
        SummaryLine(s, summary_evidence(s),
                    [Dispute(d, discrepancy_anchor(d), topics.get(d)) for d in s.discrepancy_ids])
        for s in dossier.summary or ()
    ])


def _entities(dossier: Dossier, sources: Sources) -> EntitiesBody:
    major, minor = split_entities(dossier.entities or ())
    major, minor = [replace(e, type=reader_label(e.type)) for e in major], [replace(e, type=reader_label(e.type))
                                                                           for e in minor]  # "place", not "GPE"
    return EntitiesBody([EntityCard(e, [a for a in e.aliases if a != e.name]) for e in major], minor)


def _quotes(dossier: Dossier, sources: Sources) -> QuotesBody:
    return QuotesBody(speakers(dossier))


def _claims(dossier: Dossier, sources: Sources) -> ClaimsBody:
    corroborated, single = ordered_claims(dossier.claims or ())
    return ClaimsBody(
        list(sources.outlets),
        [ClaimRow(c, claim_outlets(c, sources)) for c in corroborated],
        [ClaimRow(c, claim_outlets(c, sources)) for c in single],
    )


def _disputes(dossier: Dossier, sources: Sources) -> DisputesBody:
    cards = []
    for d in ordered_discrepancies(dossier.discrepancies or ()):
        readings = []
        for r in d.readings:
            source = sources.get(r.article_id)
            if source is not None:
                readings.append(ReadingView(r, source, *sources.around(r.article_id, r.start, r.end)))
        cards.append(DisputeCard(d, discrepancy_anchor(d.id), readings))
    return DisputesBody(cards)


def _timeline(dossier: Dossier, sources: Sources) -> TimelineBody:
    return TimelineBody(sorted_timeline(dossier.timeline or ()))


def _stances(dossier: Dossier, sources: Sources) -> StancesBody:
    return StancesBody(ledger(dossier.positions or ()))


def _coverage(dossier: Dossier, sources: Sources) -> CoverageBody | None:
    """What each outlet leaves out and what only it reports; nothing to compare with a single outlet."""
    if len(sources.outlets) < 2:
        return None
    return CoverageBody(coverage(dossier, sources))


#: Each section and what it lists, in reading order: what outlets dispute comes right after the summary.
_BODIES: tuple[tuple[Part, Callable[[Dossier, Sources], Body | None]], ...] = (
    (SUMMARY, _summary), (DISPUTES, _disputes), (WHO, _entities), (QUOTES, _quotes), (AGREE, _claims),
    (TIMELINE, _timeline), (STANCES, _stances), (COVERAGE, _coverage),
)
