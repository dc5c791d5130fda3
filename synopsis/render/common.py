"""What the Markdown and HTML reports share: section names, outlet labels, citation targets, reading order.

Both renderers show the same content; this module and ``sections`` decide it once (which
claims come first, which entities are minor, which issues are clashes), so that the two
formats cannot drift apart.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import (
    Article,
    Claim,
    Discrepancy,
    Dossier,
    Entity,
    Evidence,
    Position,
    Quote,
    Reading,
    SummarySentence,
    TimelineEvent,
)

#: Entities shown as cards; the rest are listed as minor names.
MAJOR_ENTITY_LIMIT = 18
#: Stance kinds that oppose what another actor demands, proposes or promises.
OPPOSING = frozenset({"reject"})
ASSERTING = frozenset({"demand", "propose", "promise", "condition"})
PEOPLE_FIRST = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3, "LOC": 4, "FAC": 5, "EVENT": 6}
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class Part:
    """One section of the report: the dossier field it shows and its names, alike in every format."""

    dossier_field: str
    anchor: str
    title: str
    nav: str  # the short label in the page's top bar
    empty: str  # what it says when computed but empty; "" when it renders its body even then

    def items(self, dossier: Dossier) -> Sequence[object] | None:
        """The dossier's items for this section; None when the section was not computed."""
        found: Sequence[object] | None = getattr(dossier, self.dossier_field)
        return found


SUMMARY = Part("summary", "summary", "Summary", "Summary", "No sentence could stand alone as a summary.")
WHO = Part("entities", "who", "Who's who", "Who's who", "No named people or organisations.")
QUOTES = Part("quotes", "quotes", "Who said what", "Who said what", "No attributed statements found.")
AGREE = Part("claims", "agree", "Where outlets agree", "Agreement", "No claims extracted.")
DISPUTES = Part("discrepancies", "disputes", "Where outlets disagree", "Discrepancies",
                "No discrepancies found between outlets.")
TIMELINE = Part("timeline", "timeline", "Timeline", "Timeline", "No dated events found.")
STANCES = Part("positions", "stances", "Stance ledger", "Stances", "No stances found.")
COVERAGE = Part("coverage", "coverage", "Coverage by outlet", "Coverage", "")


@dataclass(frozen=True)
class Source:
    """One article as the report cites it: a short letter, its outlet and its outlet's filter key."""

    article: Article
    letter: str
    outlet: str
    outlet_key: str
    #: The article's own date, else the day the timeline inferred for it.
    published: str | None = None

    @property
    def dom(self) -> str:
        return dom_id(self.article.id)

    def sentence_id(self, number: int) -> str:
        """The id of the article view's ``number``-th sentence: what citations link to."""
        return f"{self.dom}-s{number}"


@dataclass(frozen=True)
class Citation:
    """A citation badge's target: the cited sentence's anchor, the span, and what its tooltip says."""

    source: Source
    target: str  # the id of the cited sentence in the article view
    start: int
    end: int
    text: str  # the cited words


@dataclass
class Sources:
    """Every article of the dossier, lettered A, B, C... in dossier order, grouped by outlet."""

    by_id: dict[str, Source]
    outlets: dict[str, str]  # outlet key -> outlet name
    sentence_starts: dict[str, list[int]] = field(default_factory=dict)
    sentence_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, dossier: Dossier) -> Sources:
        outlets: dict[str, str] = {}
        keys: dict[str, str] = {}
        by_id: dict[str, Source] = {}
        for index, article in enumerate(dossier.articles):
            name = article.outlet_name
            norm = name.casefold().strip()
            if norm not in keys:
                keys[norm] = f"o{len(keys) + 1}"
                outlets[keys[norm]] = name
            published = dossier.publication_date(article.id)[0]
            by_id[article.id] = Source(article, letter(index), name, keys[norm], published)
        sources = cls(by_id, outlets)
        for article in dossier.articles:
            spans = sentence_spans(article)
            sources.sentence_spans[article.id] = spans
            sources.sentence_starts[article.id] = [s for s, _ in spans]
        return sources

    def get(self, article_id: str) -> Source | None:
        return self.by_id.get(article_id)

    def sentence_number(self, article_id: str, offset: int) -> int:
        """1-based number of the sentence holding ``offset`` (what citations point at)."""
        starts = self.sentence_starts.get(article_id) or [0]
        return max(1, bisect.bisect_right(starts, offset))

    def cite_key(self, ev: Evidence) -> str:
        """'a1-3': article id and sentence number, the footnote and anchor name of a citation."""
        return f"{dom_id(ev.article_id)}-{self.sentence_number(ev.article_id, ev.start)}"

    def citation(self, ev: Evidence) -> Citation | None:
        """What a citation of ``ev`` links to; None when its article is not in the dossier."""
        source = self.get(ev.article_id)
        if source is None:
            return None
        target = source.sentence_id(self.sentence_number(ev.article_id, ev.start))
        return Citation(source, target, ev.start, ev.end, ev.text or source.article.text[ev.start : ev.end])

    def context(self, article_id: str, start: int, end: int) -> tuple[int, int]:
        """The sentence (or sentences) around a span: what a reader needs to judge it."""
        spans = self.sentence_spans.get(article_id) or []
        first = self.sentence_number(article_id, start) - 1
        last = self.sentence_number(article_id, max(start, end - 1)) - 1
        if not spans:
            return start, end
        return min(spans[first][0], start), max(spans[last][1], end)

    def around(self, article_id: str, start: int, end: int) -> tuple[str, str, str]:
        """The span's words with the rest of their sentence before and after them."""
        text = self.by_id[article_id].article.text
        first, last = self.context(article_id, start, end)
        return text[first:start], text[start:end], text[end:last]

    def cited(self, article_ids: Sequence[str]) -> list[Source]:
        """The articles behind ``article_ids``, each once, in the order given; unknown ids left out."""
        return [s for a in dict.fromkeys(article_ids) if (s := self.get(a)) is not None]

    def outlet_keys(self, article_ids: Sequence[str]) -> list[str]:
        return list(dict.fromkeys(s.outlet_key for a in article_ids if (s := self.get(a)) is not None))

    def outlet_letters(self, outlet_key: str) -> str:
        """'A/C': the letters of every article from one outlet."""
        return "/".join(s.letter for s in self.by_id.values() if s.outlet_key == outlet_key)


def letter(index: int) -> str:
    """A, B, ... Z, AA, AB ...: short enough to sit next to every cited sentence."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def dom_id(raw: str) -> str:
    """An id safe in HTML attributes and URL fragments, whatever the input id holds."""
    return _UNSAFE_ID.sub("_", raw) or "_"


def discrepancy_anchor(discrepancy_id: str) -> str:
    """The fragment that summary flags link to and each discrepancy carries."""
    return f"disc-{dom_id(discrepancy_id)}"


def span_evidence(item: Quote | Reading) -> Evidence:
    """A quote or a discrepancy reading as the span of article text it is."""
    return Evidence(item.article_id, item.start, item.end, item.text)


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """The article's sentences (from the parse), else its lines, as offsets covering the text."""
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    spans: list[tuple[int, int]] = []
    start = 0
    for line in article.text.splitlines(keepends=True):
        spans.append((start, start + len(line)))
        start += len(line)
    return spans or [(0, len(article.text))]


def story_title(dossier: Dossier) -> str:
    """The headline that shares most words with the other headlines: the story as outlets name it."""
    titles = [a.title.strip() for a in dossier.articles if a.title and a.title.strip()]
    if not titles:
        return "Story dossier"
    bags = [set(re.findall(r"\w{3,}", t.lower())) for t in titles]

    def shared(i: int) -> float:
        overlap: int = sum(len(bags[i] & bags[j]) for j in range(len(titles)) if j != i)
        size: float = len(bags[i]) ** 0.5
        return overlap / (1.0 + size)

    best = max(range(len(titles)), key=lambda i: (shared(i), -abs(len(titles[i]) - 70)))
    return titles[best]


def date_range(dossier: Dossier) -> str:
    dates = sorted(d for d in (dossier.publication_date(a.id)[0] for a in dossier.articles) if d)
    if not dates:
        return "dates unknown"
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"


@dataclass(frozen=True)
class Figure:
    """One of the header's counts: what it counts, how many, the section it links to, and how many per outlet
    (what the outlet filter shows in its place)."""

    label: str
    total: int
    anchor: str
    per_outlet: dict[str, int]

    @property
    def per_outlet_attr(self) -> str:
        """'o1:3 o2:5': the per-outlet counts as one attribute value the page's script reads."""
        return " ".join(f"{key}:{n}" for key, n in self.per_outlet.items())


def figures(dossier: Dossier, sources: Sources) -> list[Figure]:
    """The header's figures, each linked to its section and counted again for every outlet."""
    items: list[tuple[str, str, list[list[str]]]] = [("articles", "articles", [[a.id] for a in dossier.articles])]
    if dossier.discrepancies is not None:
        items.append(("discrepancies", DISPUTES.anchor,
                      [[r.article_id for r in d.readings] for d in dossier.discrepancies]))
    if dossier.entities is not None:
        items.append(("people and organisations", WHO.anchor, [list(e.article_ids) for e in dossier.entities]))
    if dossier.quotes is not None:
        items.append(("quotes", QUOTES.anchor, [[q.article_id] for q in dossier.quotes]))
    if dossier.claims is not None:
        items.append(("corroborated claims", AGREE.anchor,
                      [[ev.article_id for ev in c.evidence] for c in dossier.claims if c.support > 1]))
    if dossier.timeline is not None:
        items.append(("dated events", TIMELINE.anchor,
                      [[ev.article_id for ev in t.evidence] for t in dossier.timeline]))
    if dossier.positions is not None:
        items.append(("stances", STANCES.anchor, [[ev.article_id for ev in p.evidence] for p in dossier.positions]))
    out = []
    for label, anchor, members in items:
        per: dict[str, int] = dict.fromkeys(sources.outlets, 0)
        for article_ids in members:
            for key in sources.outlet_keys(article_ids):
                per[key] += 1
        out.append(Figure(label, len(members), anchor, per))
    return out


def split_entities(entities: Sequence[Entity]) -> tuple[list[Entity], list[Entity]]:
    """Major entities (cards, people first) and minor ones (folded away)."""
    ranked = sorted(entities, key=lambda e: (-len(e.article_ids), -e.salience, e.name))
    # a person or organisation named by two or more outlets is never minor
    shared = [e for e in ranked if len(e.article_ids) > 1 and e.type in ("PERSON", "ORG")]
    shared_ids = {e.id for e in shared}
    major = shared + [e for e in ranked if e.id not in shared_ids and (len(e.article_ids) > 1 or e.roles or e.side)][
        : max(0, MAJOR_ENTITY_LIMIT - len(shared))]
    if not major:
        major = ranked[: min(MAJOR_ENTITY_LIMIT, 8)]
    chosen = {e.id for e in major}
    minor = [e for e in ranked if e.id not in chosen]
    major.sort(key=lambda e: (PEOPLE_FIRST.get(e.type, 9), -len(e.article_ids), -e.salience, e.name))
    return major, minor


@dataclass(frozen=True)
class Statement:
    """One statement as every outlet quoting it gives it; the first quote's words stand for all."""

    quotes: list[Quote]

    @property
    def first(self) -> Quote:
        return self.quotes[0]

    @property
    def quoted(self) -> bool:
        """Whether the words are the speaker's own (shown in quote marks)."""
        return self.first.kind in {"direct", "partial"}

    @property
    def kinds(self) -> list[str]:
        return list(dict.fromkeys(q.kind for q in self.quotes))

    @property
    def evidence(self) -> list[Evidence]:
        return [span_evidence(q) for q in self.quotes]

    @property
    def article_ids(self) -> list[str]:
        return [q.article_id for q in self.quotes]


@dataclass
class SpeakerStatements:
    """Everything one speaker said, with statements quoted by several outlets grouped."""

    name: str
    entity: Entity | None
    statements: list[Statement]

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(q.article_id for statement in self.statements for q in statement.quotes))


def speakers(dossier: Dossier) -> list[SpeakerStatements]:
    """Quotes grouped by resolved speaker (else the speaker's own words, else 'Unattributed')."""
    entities = {e.id: e for e in dossier.entities or ()}
    groups: dict[str, list[Quote]] = defaultdict(list)
    names: dict[str, str] = {}
    for quote in dossier.quotes or ():
        entity = entities.get(quote.speaker_id or "")
        key = f"e:{entity.id}" if entity else f"n:{(quote.speaker_name or '').casefold().strip()}"
        names.setdefault(key, entity.name if entity else (quote.speaker_name or "Unattributed"))
        groups[key].append(quote)
    out = []
    for key, quotes in groups.items():
        clustered: dict[str, list[Quote]] = {}
        for quote in quotes:
            clustered.setdefault(quote.cluster_id or f"q:{quote.id}", []).append(quote)
        groups_in_order = sorted(clustered.values(), key=lambda g: (-len({q.article_id for q in g}), g[0].id))
        statements = [Statement(group) for group in groups_in_order]
        out.append(SpeakerStatements(names[key], entities.get(key[2:]) if key.startswith("e:") else None, statements))
    out.sort(key=lambda s: (s.entity is None, -len(s.article_ids), -len(s.statements), s.name))
    return out


def summary_evidence(sentence: SummarySentence) -> list[Evidence]:
    """A summary sentence's spans, else its articles as a whole: what its citation badges point at."""
    return list(sentence.evidence) or [Evidence(a, 0, 0) for a in sentence.article_ids]


def ordered_discrepancies(discrepancies: Sequence[Discrepancy]) -> list[Discrepancy]:
    """Most salient first."""
    return sorted(discrepancies, key=lambda d: -d.salience)


def ordered_claims(claims: Sequence[Claim]) -> tuple[list[Claim], list[Claim]]:
    """Corroborated claims (most outlets first) and single-source claims."""
    corroborated = sorted((c for c in claims if c.support > 1), key=lambda c: (-c.support, c.id))
    single = [c for c in claims if c.support <= 1]
    return corroborated, single


def claim_outlets(claim: Claim, sources: Sources) -> dict[str, Evidence]:
    """Outlet key -> the first piece of evidence that outlet gives for the claim."""
    out: dict[str, Evidence] = {}
    for ev in claim.evidence:
        source = sources.get(ev.article_id)
        if source is not None:
            out.setdefault(source.outlet_key, ev)
    return out


@dataclass
class Coverage:
    outlet_key: str
    outlet: str
    missing: list[Claim]
    exclusive: list[Claim]


def coverage(dossier: Dossier, sources: Sources) -> list[Coverage]:
    """Per outlet, the widely reported claims it leaves out and the claims only it reports (as the claims
    stage computed them: ``Dossier.coverage``)."""
    claims = {c.id: c for c in dossier.claims or ()}
    by_name = {name.casefold().strip(): key for key, name in sources.outlets.items()}
    rows: list[Coverage] = []
    for row in dossier.coverage or ():
        key = by_name.get(row.outlet.casefold().strip())
        if key is not None:
            rows.append(Coverage(key, sources.outlets[key], [claims[i] for i in row.missing if i in claims],
                                 [claims[i] for i in row.exclusive if i in claims]))
    return rows


def sorted_timeline(events: Sequence[TimelineEvent]) -> list[TimelineEvent]:
    return sorted(events, key=lambda e: (e.date.split("/")[0], e.date))


@dataclass
class Ledger:
    """Actors × issues: each cell the actor's stances on that issue; clash issues set actors against each other."""

    actors: list[str]
    issues: list[str]
    cells: dict[tuple[str, str], list[Position]]
    clashes: set[str]

    @property
    def issues_clashes_first(self) -> list[str]:
        return sorted(self.issues, key=lambda issue: issue not in self.clashes)


def ledger(positions: Sequence[Position]) -> Ledger:
    cells: dict[tuple[str, str], list[Position]] = defaultdict(list)
    actor_count: dict[str, int] = defaultdict(int)
    issue_count: dict[str, int] = defaultdict(int)
    for p in positions:
        cells[(p.actor, p.issue)].append(p)
        actor_count[p.actor] += 1
        issue_count[p.issue] += 1
    actors = sorted(actor_count, key=lambda a: (-actor_count[a], a))
    issues = sorted(issue_count, key=lambda i: (-len({a for a, j in cells if j == i}), -issue_count[i], i))
    clashes = set()
    for issue in issues:
        kinds = {a: {p.kind or "" for p in cells[(a, issue)]} for a in actors if (a, issue) in cells}
        opposed = [a for a, k in kinds.items() if k & OPPOSING]
        asserting = [a for a, k in kinds.items() if k & ASSERTING]
        if opposed and any(a not in opposed or len(opposed) > 1 for a in asserting):
            clashes.add(issue)
    return Ledger(actors, issues, dict(cells), clashes)


def all_evidence(dossier: Dossier) -> list[Evidence]:
    """Every span the report cites, so that the article view can mark each one."""
    found: list[Evidence] = []
    for section in (dossier.summary, dossier.claims, dossier.timeline, dossier.positions):
        for item in section or ():
            found.extend(getattr(item, "evidence", ()))
    found.extend(span_evidence(quote) for quote in dossier.quotes or ())
    for disc in dossier.discrepancies or ():
        found.extend(span_evidence(r) for r in disc.readings)
    for entity in dossier.entities or ():
        for role in entity.roles:
            found.extend(role.evidence)
    return found


def shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
