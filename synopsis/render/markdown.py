"""dossier.md: the whole report as Markdown that reads in a terminal and on a code-hosting site.

Citations are footnotes named after the cited sentence (``[^a1-3]``: article a1,
sentence 3), each defined once at the end with its outlet and the sentence's words.
Article text is backslash-escaped so that nothing in it becomes markup or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..models import Claim, Dossier, Evidence
from .common import Part, Sources, shorten
from .sections import (
    Body,
    ClaimsBody,
    CoverageBody,
    DisputesBody,
    EntitiesBody,
    QuotesBody,
    Section,
    StancesBody,
    SummaryBody,
    TimelineBody,
    build_report,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
MATRIX_ROWS = 40
LIST_LIMIT = 6


def esc(text: str | None) -> str:
    """Article text as literal Markdown: markup characters escaped, line breaks folded."""
    return _SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


class _Notes:
    """Footnotes collected while rendering: one per cited sentence, defined once at the end."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources
        self.defined: dict[str, str] = {}

    def cite(self, evidence: Iterable[Evidence]) -> str:
        marks = []
        for ev in evidence:
            source = self.sources.get(ev.article_id)
            if source is None:
                continue
            key = self.sources.cite_key(ev)
            if key not in self.defined:
                start, end = self.sources.context(ev.article_id, ev.start, ev.start + 1)
                sentence = source.article.text[start:end]
                self.defined[key] = f"{source.letter} · {esc(source.outlet)}: “{esc(shorten(sentence, 300))}”"
            mark = f"[^{key}]"
            if mark not in marks:
                marks.append(mark)
        return "".join(marks)

    def lines(self) -> list[str]:
        return [f"[^{key}]: {text}" for key, text in self.defined.items()]


def render_markdown(dossier: Dossier) -> str:
    report = build_report(dossier)
    sources = report.sources
    notes = _Notes(sources)
    lines = [f"# {esc(report.title)}", ""]
    outlets = ", ".join(esc(name) for name in sources.outlets.values())
    lines += [f"{len(dossier.articles)} articles from {len(sources.outlets)} outlets ({outlets}); "
              f"{report.dates}.", ""]
    lines.append(" · ".join(f"**{f.total}** {f.label}" for f in report.figures))
    lines += ["", "| | Outlet | Headline | Published | Words |", "|---|---|---|---|---|"]
    for source in sources.by_id.values():
        a = source.article
        copy = f" (copy of {esc(a.copy_of)})" if a.copy_of else ""
        lines.append(f"| {source.letter} | {esc(source.outlet)} | {esc(a.title or '(untitled)')}{copy} | "
                     f"{esc(source.published or 'unknown')} | {a.word_count} |")
    for section in report.sections:
        lines += ["", *_section(section, sources, notes)]
    if notes.defined:
        lines += ["", "## Sources cited", "", *notes.lines()]
    return "\n".join(lines) + "\n"


def _section(section: Section, sources: Sources, notes: _Notes) -> list[str]:
    heading = _heading(section.part)
    if section.body is None:
        return [*heading, f"_{section.part.empty}_"]
    return heading + _body(section.body, sources, notes)


def _body(body: Body, sources: Sources, notes: _Notes) -> list[str]:
    match body:
        case SummaryBody():
            return _summary(body, notes)
        case EntitiesBody():
            return _entities(body, sources)
        case QuotesBody():
            return _quotes(body, notes)
        case ClaimsBody():
            return _matrix(body, sources, notes)
        case DisputesBody():
            return _discrepancies(body, notes)
        case TimelineBody():
            return _timeline(body, sources, notes)
        case StancesBody():
            return _ledger(body, notes)
        case CoverageBody():
            return _coverage(body, sources, notes)


def _heading(part: Part) -> list[str]:
    return [f"## {part.title}", ""]


def _summary(body: SummaryBody, notes: _Notes) -> list[str]:
    out = []
    for line in body.lines:
        flags = []
        if line.sentence.single_source:
            flags.append("*(single source)*")
        if line.disputes:
            flags.append("⚠ disputed: " + ", ".join(
                f"[{esc(d.topic if d.topic is not None else d.discrepancy_id)}](#{d.anchor})" for d in line.disputes))
        out.append(f"- {esc(line.sentence.text)} {notes.cite(line.evidence)} {' '.join(flags)}".rstrip())
    return out


def _entities(body: EntitiesBody, sources: Sources) -> list[str]:
    out = []
    for card in body.major:
        e = card.entity
        parts = [f"- **{esc(e.name)}** ({esc(e.type)})"]
        if e.side:
            parts.append(f"side: {esc(e.side)}")
        roles = [f"{esc(r.title)} ({_letters(sources, r.article_ids)})" for r in e.roles]
        if roles:
            parts.append("roles: " + "; ".join(roles))
        if card.aliases:
            parts.append("also: " + ", ".join(esc(a) for a in card.aliases))
        parts.append(f"in {_letters(sources, e.article_ids)}")
        out.append(" — ".join(parts))
    if body.minor:
        out += ["", f"Minor names ({len(body.minor)}): " + ", ".join(esc(e.name) for e in body.minor) + "."]
    return out


def _quotes(body: QuotesBody, notes: _Notes) -> list[str]:
    out = []
    for speaker in body.speakers:
        out += [f"### {esc(speaker.name)}", ""]
        for statement in speaker.statements:
            kinds = ", ".join(statement.kinds)
            out.append(f"- “{esc(statement.first.text)}” *({kinds})* {notes.cite(statement.evidence)}")
        out.append("")
    return out[:-1]


def _matrix(body: ClaimsBody, sources: Sources, notes: _Notes) -> list[str]:
    keys = body.outlet_keys
    out = [
        f"{len(body.corroborated)} claims reported by several outlets, {len(body.single)} by one only. "
        "✓ = the outlet reports it.",
        "",
        "| Claim | " + " | ".join(sources.outlet_letters(k) for k in keys) + " |",
        "|---|" + "---|" * len(keys),
    ]
    for row in body.corroborated[:MATRIX_ROWS]:
        cells = [("✓" + notes.cite([row.present[k]])) if k in row.present else "·" for k in keys]
        out.append(f"| {esc(shorten(row.claim.text, 140))} | " + " | ".join(cells) + " |")
    if len(body.corroborated) > MATRIX_ROWS:
        out += ["", f"… and {len(body.corroborated) - MATRIX_ROWS} more corroborated claims (see dossier.json)."]
    return out


def _discrepancies(body: DisputesBody, notes: _Notes) -> list[str]:
    out = []
    for card in body.cards:
        d = card.discrepancy
        out += [f'<a id="{card.anchor}"></a>', f"### {esc(d.kind)}: {esc(d.topic)}", "", esc(d.description), ""]
        for r in card.readings:
            gap_before = " " if r.before[-1:].isspace() else ""
            gap_after = " " if r.after[:1].isspace() else ""
            context = f"{esc(r.before)}{gap_before}**{esc(r.disputed)}**{gap_after}{esc(r.after)}"
            out.append(f"- **{r.source.letter} · {esc(r.outlet)}** says *{esc(r.reading.value)}*: "
                       f"“{context}” {notes.cite([r.evidence])}")
        out.append("")
    return out[:-1]


def _timeline(body: TimelineBody, sources: Sources, notes: _Notes) -> list[str]:
    out = ["| Date | What happened | Status | Outlets |", "|---|---|---|---|"]
    for event in body.events:
        ids = [ev.article_id for ev in event.evidence]
        out.append(f"| {esc(event.date)} | {esc(shorten(event.text, 200))} | {esc(event.status)} | "
                   f"{_letters(sources, ids)} {notes.cite(event.evidence)} |")
    return out


def _ledger(body: StancesBody, notes: _Notes) -> list[str]:
    out = []
    table = body.ledger
    if table.clashes:
        out += ["Clashes (actors on opposite sides of one issue): "
                + "; ".join(esc(i) for i in table.issues if i in table.clashes) + ".", ""]
    for actor in table.actors:
        out += [f"### {esc(actor)}", ""]
        for issue in table.issues:
            for p in table.cells.get((actor, issue), ()):
                clash = " ⚡" if issue in table.clashes else ""
                kind = f"{esc(p.kind)}" + (f", {esc(p.modality)}" if p.modality else "") if p.kind else ""
                out.append(f"- **{esc(issue)}**{clash}: {esc(shorten(p.stance, 220))}"
                           + (f" *({kind})*" if kind else "") + f" {notes.cite(p.evidence)}")
        out.append("")
    return out[:-1]


def _coverage(body: CoverageBody, sources: Sources, notes: _Notes) -> list[str]:
    out = []
    for row in body.rows:
        label = f"{sources.outlet_letters(row.outlet_key)} · {esc(row.outlet)}"
        out.append(f"- **{label}** leaves out {len(row.missing)} widely reported claims; "
                   f"reports {len(row.exclusive)} claims no other outlet has.")
        out += _claim_list("Leaves out", row.missing, notes)
        out += _claim_list("Only here", row.exclusive, notes)
    return out


def _claim_list(title: str, claims: Sequence[Claim], notes: _Notes) -> list[str]:
    if not claims:
        return []
    out = [f"  - {title}:"]
    for claim in claims[:LIST_LIMIT]:
        out.append(f"    - {esc(shorten(claim.text, 160))} {notes.cite(claim.evidence[:1])}")
    if len(claims) > LIST_LIMIT:
        out.append(f"    - … and {len(claims) - LIST_LIMIT} more")
    return out


def _letters(sources: Sources, article_ids: Sequence[str]) -> str:
    return " ".join(s.letter for s in sources.cited(article_ids)) or "—"
