"""dossier.md: the whole report as Markdown that reads in a terminal and on a code-hosting site.

Citations are footnotes named after the cited sentence (``[^a1-3]``: article a1,
sentence 3), each defined once at the end with its outlet and the sentence's words.
Article text is backslash-escaped so that nothing in it becomes markup or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from ..models import Claim, Dossier, Evidence
from .common import (
    AGREE,
    COVERAGE,
    DISPUTES,
    QUOTES,
    STANCES,
    SUMMARY,
    TIMELINE,
    WHO,
    Part,
    Sources,
    claim_outlets,
    counts,
    coverage,
    date_range,
    discrepancy_anchor,
    ledger,
    ordered_claims,
    ordered_discrepancies,
    shorten,
    sorted_timeline,
    span_evidence,
    speakers,
    split_entities,
    story_title,
    summary_evidence,
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
    sources = Sources.of(dossier)
    notes = _Notes(sources)
    lines = [f"# {esc(story_title(dossier))}", ""]
    outlets = ", ".join(esc(name) for name in sources.outlets.values())
    lines += [f"{len(dossier.articles)} articles from {len(sources.outlets)} outlets ({outlets}); "
              f"{date_range(dossier)}.", ""]
    lines.append(" · ".join(f"**{n}** {label}" for label, n in counts(dossier)))
    lines += ["", "| | Outlet | Headline | Published | Words |", "|---|---|---|---|---|"]
    for source in sources.by_id.values():
        a = source.article
        copy = f" (copy of {esc(a.copy_of)})" if a.copy_of else ""
        lines.append(f"| {source.letter} | {esc(source.outlet)} | {esc(a.title or '(untitled)')}{copy} | "
                     f"{esc(a.published or 'unknown')} | {a.word_count} |")
    for part, body in SECTIONS:
        items = part.items(dossier)
        if items is None:
            continue
        block = body(dossier, sources, notes) if items or not part.empty else [*_heading(part), f"_{part.empty}_"]
        if block:
            lines += ["", *block]
    if notes.defined:
        lines += ["", "## Sources cited", "", *notes.lines()]
    return "\n".join(lines) + "\n"


def _heading(part: Part) -> list[str]:
    return [f"## {part.title}", ""]


def _summary(dossier: Dossier, sources: Sources, notes: _Notes) -> list[str]:
    out = _heading(SUMMARY)
    topics = {d.id: d.topic for d in dossier.discrepancies or ()}
    for s in dossier.summary or ():
        flags = []
        if s.single_source:
            flags.append("*(single source)*")
        if s.discrepancy_ids:
            flags.append("⚠ disputed: " + ", ".join(
                f"[{esc(topics.get(d, d))}](#{discrepancy_anchor(d)})" for d in s.discrepancy_ids))
        out.append(f"- {esc(s.text)} {notes.cite(summary_evidence(s))} {' '.join(flags)}".rstrip())
    return out


def _entities(dossier: Dossier, sources: Sources, notes: _Notes) -> list[str]:
    major, minor = split_entities(dossier.entities or ())
    out = _heading(WHO)
    for e in major:
        parts = [f"- **{esc(e.name)}** ({esc(e.type)})"]
        if e.side:
            parts.append(f"side: {esc(e.side)}")
        roles = [f"{esc(r.title)} ({_letters(sources, r.article_ids)})" for r in e.roles]
        if roles:
            parts.append("roles: " + "; ".join(roles))
        aliases = [a for a in e.aliases if a != e.name]
        if aliases:
            parts.append("also: " + ", ".join(esc(a) for a in aliases))
        parts.append(f"in {_letters(sources, e.article_ids)}")
        out.append(" — ".join(parts))
    if minor:
        out += ["", f"Minor names ({len(minor)}): " + ", ".join(esc(e.name) for e in minor) + "."]
    return out


def _quotes(dossier: Dossier, sources: Sources, notes: _Notes) -> list[str]:
    out = _heading(QUOTES)
    for speaker in speakers(dossier):
        out += [f"### {esc(speaker.name)}", ""]
        for statement in speaker.statements:
            kinds = ", ".join(dict.fromkeys(q.kind for q in statement))
            out.append(f"- “{esc(statement[0].text)}” *({kinds})* {notes.cite(map(span_evidence, statement))}")
        out.append("")
    return out[:-1]


def _matrix(dossier: Dossier, sources: Sources, notes: _Notes) -> list[str]:
    corroborated, single = ordered_claims(dossier.claims or ())
    keys = list(sources.outlets)
    letters = {k: sources.outlet_letters(k) for k in keys}
    out = [
        *_heading(AGREE),
        f"{len(corroborated)} claims reported by several outlets, {len(single)} by one only. "
        "✓ = the outlet reports it.",
        "",
        "| Claim | " + " | ".join(letters[k] for k in keys) + " |",
        "|---|" + "---|" * len(keys),
    ]
    for claim in corroborated[:MATRIX_ROWS]:
        present = claim_outlets(claim, sources)
        cells = [("✓" + notes.cite([present[k]])) if k in present else "·" for k in keys]
        out.append(f"| {esc(shorten(claim.text, 140))} | " + " | ".join(cells) + " |")
    if len(corroborated) > MATRIX_ROWS:
        out += ["", f"… and {len(corroborated) - MATRIX_ROWS} more corroborated claims (see dossier.json)."]
    return out


def _discrepancies(dossier: Dossier, sources: Sources, notes: _Notes) -> list[str]:
    out = _heading(DISPUTES)
    for d in ordered_discrepancies(dossier.discrepancies or ()):
        out += [f'<a id="{discrepancy_anchor(d.id)}"></a>', f"### {esc(d.kind)}: {esc(d.topic)}", "",
                esc(d.description), ""]
        for r in d.readings:
            source = sources.get(r.article_id)
            if source is None:
                continue
            before, disputed, after = sources.around(r.article_id, r.start, r.end)
            gap_before = " " if before[-1:].isspace() else ""
            gap_after = " " if after[:1].isspace() else ""
            context = f"{esc(before)}{gap_before}**{esc(disputed)}**{gap_after}{esc(after)}"
            cite = notes.cite([span_evidence(r)])
            out.append(f"- **{source.letter} · {esc(r.outlet or source.outlet)}** says *{esc(r.value)}*: "
                       f"“{context}” {cite}")
        out.append("")
    return out[:-1]


def _timeline(dossier: Dossier, sources: Sources, notes: _Notes) -> list[str]:
    out = [*_heading(TIMELINE), "| Date | What happened | Status | Outlets |", "|---|---|---|---|"]
    for event in sorted_timeline(dossier.timeline or ()):
        ids = [ev.article_id for ev in event.evidence]
        out.append(f"| {esc(event.date)} | {esc(shorten(event.text, 200))} | {esc(event.status)} | "
                   f"{_letters(sources, ids)} {notes.cite(event.evidence)} |")
    return out


def _ledger(dossier: Dossier, sources: Sources, notes: _Notes) -> list[str]:
    out = _heading(STANCES)
    table = ledger(dossier.positions or ())
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


def _coverage(dossier: Dossier, sources: Sources, notes: _Notes) -> list[str]:
    if len(sources.outlets) < 2:
        return []
    out = _heading(COVERAGE)
    for row in coverage(dossier, sources):
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
    found = [s.letter for a in dict.fromkeys(article_ids) if (s := sources.get(a)) is not None]
    return " ".join(found) or "—"


#: Each section and the function that writes it when it has something to show, in reading order.
SECTIONS: tuple[tuple[Part, Callable[[Dossier, Sources, _Notes], list[str]]], ...] = (
    (SUMMARY, _summary), (WHO, _entities), (QUOTES, _quotes), (AGREE, _matrix), (DISPUTES, _discrepancies),
    (TIMELINE, _timeline), (STANCES, _ledger), (COVERAGE, _coverage),
)
