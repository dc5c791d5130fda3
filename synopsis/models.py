"""The dossier's data model: frozen dataclasses that serialise to the contract.

Every extracted item points back into an article's cleaned text through
character offsets (``start``/``end``, end exclusive). ``Evidence.text`` is the
exact slice, kept so that a dossier reads on its own; ``verify_spans`` checks it.
Fields marked ``transient`` (a spaCy Doc, say) live only in memory and are never
serialised.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self, TypeVar, Union, get_args, get_origin

SCHEMA_VERSION = "1.0"

T = TypeVar("T", bound="Serializable")


def transient(default: Any = None) -> Any:
    """A field that stays in memory and is never serialised (e.g. a spaCy Doc)."""
    return field(default=default, compare=False, repr=False, metadata={"transient": True})


class Serializable:
    """Mixin giving frozen dataclasses a contract-shaped ``to_dict``/``from_dict``.

    ``None`` values of fields listed in ``_omit_if_none`` are left out, so that a
    section a build did not compute is absent rather than empty.
    """

    _omit_if_none: ClassVar[frozenset[str]] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.metadata.get("transient"):
                continue
            value = getattr(self, f.name)
            if value is None and f.name in self._omit_if_none:
                continue
            out[f.name] = _dump(value)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        hints = typing.get_type_hints(cls)
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.metadata.get("transient") or f.name not in data:
                continue
            kwargs[f.name] = _load(hints[f.name], data[f.name])
        return cls(**kwargs)


def _dump(value: Any) -> Any:
    if isinstance(value, Serializable):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        return _load(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        (item, *_rest) = get_args(hint)
        return tuple(_load(item, v) for v in value)
    if origin is dict:
        _key, item = get_args(hint)
        return {k: _load(item, v) for k, v in value.items()}
    if isinstance(hint, type) and issubclass(hint, Serializable):
        return hint.from_dict(value)
    return value


@dataclass(frozen=True, slots=True)
class Span(Serializable):
    """A character range inside one article's text, article implied by context."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Evidence(Serializable):
    """A span of one article: the proof behind every dossier item."""

    article_id: str
    start: int
    end: int
    text: str = ""

    @classmethod
    def of(cls, article: Article, start: int, end: int) -> Evidence:
        return cls(article.id, start, end, article.text[start:end])


@dataclass(frozen=True, slots=True)
class Removed(Serializable):
    """A line that ingest took out of an article, and the rule that took it."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence(Serializable):
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention(Serializable):
    """A named-entity mention found by the parser in one article."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Article(Serializable):
    """One article as read: its cleaned text (every span points into it), its outlet, date and provenance."""

    id: str
    text: str
    source: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    author: str | None = None
    url: str | None = None
    word_count: int = 0
    copy_of: str | None = None
    content_hash: str = ""
    removed: tuple[Removed, ...] = ()
    decoding: str | None = None  # how the bytes were decoded when not plain UTF-8 (a legacy code page, repairs)
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    doc: Any = transient()  # noqa: RUF009 - a field() helper, not a shared default

    _omit_if_none: ClassVar[frozenset[str]] = frozenset({"decoding"})

    def __repr__(self) -> str:
        title = (self.title or "")[:60]
        return f"Article(id={self.id!r}, outlet={self.outlet!r}, title={title!r}, words={self.word_count})"

    @property
    def outlet_name(self) -> str:
        """The outlet to show and to count voices by: its name, else the article's own id."""
        return self.outlet or self.id


@dataclass(frozen=True, slots=True)
class Rejected(Serializable):
    """An input that could not become an article, with the reason why."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Role(Serializable):
    title: str
    article_ids: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class MergeEvidence(Serializable):
    """Why two surface forms were judged to name one entity."""

    rule: str
    alias: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity(Serializable):
    """One real person, organisation, place or group, with every spelling the outlets use and the spans naming it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    side: str | None = None
    side_evidence: tuple[Evidence, ...] = ()
    roles: tuple[Role, ...] = ()
    article_ids: tuple[str, ...] = ()
    mentions: tuple[Evidence, ...] = ()
    merge_evidence: tuple[MergeEvidence, ...] = ()
    salience: float = 0.0


@dataclass(frozen=True, slots=True)
class Quote(Serializable):
    """What someone said, as one outlet reports it: the content span, its speaker, cue, and its statement cluster."""

    id: str
    text: str
    kind: str
    article_id: str
    start: int
    end: int
    speaker_id: str | None = None
    speaker_name: str | None = None
    cue: Span | None = None
    source_span: Span | None = None
    cluster_id: str | None = None


@dataclass(frozen=True, slots=True)
class Claim(Serializable):
    """One reported fact, grouped across the outlets that report it (corroborated when more than one does)."""

    id: str
    text: str
    evidence: tuple[Evidence, ...]
    outlets: tuple[str, ...] = ()
    support: int = 0
    speaker_id: str | None = None
    corroborated: bool = False
    slots: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reading(Serializable):
    article_id: str
    outlet: str
    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Discrepancy(Serializable):
    """Where outlets disagree: one reading per outlet, the kind of disagreement, and how likely it is real."""

    id: str  # given by ``Dossier.with_discrepancies``
    kind: str
    topic: str
    readings: tuple[Reading, ...]
    description: str
    salience: float = 0.0
    claim_id: str | None = None
    #: how likely the discrepancy is real, 0..1: a calibrated model probability or its finder's tune precision
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class TimelineEvent(Serializable):
    """Something that happened (or is planned) on a date resolved from the text, with its evidence."""

    date: str
    granularity: str
    text: str
    evidence: tuple[Evidence, ...]
    status: str = "reported"
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Position(Serializable):
    """A party's stance on an issue (demands, rejects, proposes, promises), with the span that shows it."""

    actor: str
    issue: str
    stance: str
    evidence: tuple[Evidence, ...]
    actor_id: str | None = None
    kind: str | None = None
    modality: str | None = None


@dataclass(frozen=True, slots=True)
class SummarySentence(Serializable):
    """A sentence of the summary, taken from an article, with the outlets it cites and the discrepancies it touches."""

    text: str
    article_ids: tuple[str, ...]
    discrepancy_ids: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    single_source: bool = False


@dataclass(frozen=True, slots=True)
class OutletCoverage(Serializable):
    """What one outlet leaves out of the story and what only it reports, as claim ids."""

    outlet: str
    missing: tuple[str, ...] = ()  # widely reported claims none of its articles gives
    exclusive: tuple[str, ...] = ()  # claims no other outlet gives


@dataclass(frozen=True, slots=True)
class InferredDate(Serializable):
    """A publication date the timeline inferred for an article that states none; the article keeps ``None``."""

    article_id: str
    date: str
    source: str = "cluster"  # from an event it shares, by weekday, with a dated article


@dataclass(frozen=True, slots=True)
class Dossier(Serializable):
    """The whole result of one build; sections left ``None`` were not computed."""

    _omit_if_none: ClassVar[frozenset[str]] = frozenset(
        {"entities", "quotes", "claims", "discrepancies", "timeline", "positions", "summary", "coverage",
         "inferred_dates"}
    )

    articles: tuple[Article, ...]
    schema_version: str = SCHEMA_VERSION
    generated_with: dict[str, str] = field(default_factory=dict)
    rejected: tuple[Rejected, ...] = ()
    entities: tuple[Entity, ...] | None = None
    quotes: tuple[Quote, ...] | None = None
    claims: tuple[Claim, ...] | None = None
    discrepancies: tuple[Discrepancy, ...] | None = None
    timeline: tuple[TimelineEvent, ...] | None = None
    positions: tuple[Position, ...] | None = None
    summary: tuple[SummarySentence, ...] | None = None
    coverage: tuple[OutletCoverage, ...] | None = None
    inferred_dates: tuple[InferredDate, ...] | None = None

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(items)} {name}" for name in ("entities", "quotes", "claims", "discrepancies", "timeline",
                                                 "positions", "summary")
            if (items := getattr(self, name)) is not None
        )
        return f"Dossier({len(self.articles)} articles" + (f", {counts})" if counts else ")")

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def publication_date(self, article_id: str) -> tuple[str | None, str | None]:
        """An article's date and where it comes from: its own ``published``, else the day the timeline inferred."""
        article = self.article(article_id)
        if article.published is not None:
            return article.published, article.published_source
        inferred = next((d for d in self.inferred_dates or () if d.article_id == article_id), None)
        return (inferred.date, inferred.source) if inferred else (None, None)

    def with_discrepancies(self, found: Iterable[Discrepancy]) -> Dossier:
        """The dossier with ``found`` appended, each given the next free id ("d1", "d2"...).

        The one place discrepancy ids are made: stages hand over discrepancies with any id (``""``),
        and ids already given stay, so a summary citing them keeps pointing at the same ones.
        """
        existing = self.discrepancies or ()
        taken = {d.id for d in existing}
        number = len(existing)
        numbered: list[Discrepancy] = []
        for item in found:
            number += 1
            while f"d{number}" in taken:
                number += 1
            numbered.append(dataclasses.replace(item, id=f"d{number}"))
        return dataclasses.replace(self, discrepancies=(*existing, *numbered))


def verify_spans(dossier: Dossier) -> list[str]:
    """Every span that does not give back its text, as readable problems."""
    texts = {a.id: a.text for a in dossier.articles}
    problems: list[str] = []

    def check(kind: str, article_id: str, start: int, end: int, expected: str | None) -> None:
        text = texts.get(article_id)
        if text is None:
            problems.append(f"{kind}: unknown article {article_id}")
        elif not 0 <= start <= end <= len(text):
            problems.append(f"{kind}: span {start}-{end} outside article {article_id}")
        elif expected is not None and text[start:end] != expected:
            problems.append(f"{kind}: span {start}-{end} of {article_id} is not {expected[:40]!r}")

    for entity in dossier.entities or ():
        for ev in entity.mentions:
            check(f"entity {entity.id}", ev.article_id, ev.start, ev.end, ev.text or None)
    for quote in dossier.quotes or ():
        check(f"quote {quote.id}", quote.article_id, quote.start, quote.end, quote.text)
    for section in (dossier.claims, dossier.timeline, dossier.positions, dossier.summary):
        for item in section or ():
            for ev in getattr(item, "evidence", ()):
                check(type(item).__name__, ev.article_id, ev.start, ev.end, ev.text)
    for disc in dossier.discrepancies or ():
        for r in disc.readings:
            check(f"discrepancy {disc.id}", r.article_id, r.start, r.end, r.text)
    return problems
