"""The report's sections as HTML: only those computed, and a computed but empty one says so."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..models import Claim, Discrepancy, Dossier, Entity
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
    coverage,
    discrepancy_anchor,
    ledger,
    ordered_claims,
    ordered_discrepancies,
    shorten,
    span_evidence,
    speakers,
    split_entities,
    summary_evidence,
)
from .html import attr, cite, cites, color, data_o, esc
from .html_timeline import timeline_section

MATRIX_ROWS = 30
LIST_LIMIT = 5
SPEAKERS_SHOWN = 10


def render_sections(dossier: Dossier, sources: Sources) -> list[tuple[Part, str]]:
    """Each computed section and its HTML, in reading order."""
    out = []
    for part, body in SECTIONS:
        items = part.items(dossier)
        if items is None:
            continue
        html = body(dossier, sources) if items or not part.empty else _section(part, "", _empty(part.empty))
        if html:
            out.append((part, html))
    return out


def _section(part: Part, note: str, body: str) -> str:
    return (f'<section id="{part.anchor}"><h2>{esc(part.title)}</h2>'
            + (f'<p class="note">{esc(note)}</p>' if note else "") + body + "</section>")


def _empty(text: str) -> str:
    return f'<p class="note"><em>{esc(text)}</em></p>'


def summary_section(dossier: Dossier, sources: Sources) -> str:
    items = []
    topics = {d.id: d.topic for d in dossier.discrepancies or ()}
    for s in dossier.summary or ():
        evidence = summary_evidence(s)
        flags = ""
        if s.single_source:
            flags += ' <span class="tag solo" title="Only one outlet reports this">single source</span>'
        for d in s.discrepancy_ids:
            topic = f": {shorten(topics[d], 40)}" if d in topics else ""
            flags += f' <a class="tag warn" href="#{attr(discrepancy_anchor(d))}">disputed{esc(topic)}</a>'
        css = ' class="disputed"' if s.discrepancy_ids else ""
        items.append(f"<li{css}{data_o(sources, [e.article_id for e in evidence])}>{esc(s.text)} "
                     f"{cites(evidence, sources)}{flags}</li>")
    note = ("Sentences quoted verbatim from the articles, chosen because several outlets report them. "
            "Letters are the outlets behind each one: select a letter to see its words. "
            "Red marks a sentence whose details outlets dispute.")
    return _section(SUMMARY, note, f'<ol class="summary">{"".join(items)}</ol>')


def entities_section(dossier: Dossier, sources: Sources) -> str:
    major, minor = split_entities(dossier.entities or ())
    cards = "".join(_entity_card(e, sources) for e in major)
    folded = ""
    if minor:
        names = "".join(f"<li{data_o(sources, e.article_ids)}>{esc(e.name)} <span class=\"tag\">{esc(e.type)}</span> "
                        f"{_letters(sources, e.article_ids)}</li>" for e in minor)
        folded = (f"<details><summary>{len(minor)} minor names (one outlet, no role)</summary>"
                  f'<ul class="minor">{names}</ul></details>')
    note = "The people, organisations and places the story turns on, with the titles each outlet gives them."
    return _section(WHO, note, f'<div class="cards">{cards}</div>{folded}')


def _entity_card(e: Entity, sources: Sources) -> str:
    rows = []
    if e.side:
        side_cite = cites(e.side_evidence[:1], sources)
        rows.append(f"<dt>Acts for</dt><dd>{esc(e.side)} {side_cite}</dd>")
    if e.roles:
        roles = "".join(
            f"<li>{esc(r.title)} " + (cites(r.evidence, sources) if r.evidence else _letters(sources, r.article_ids))
            + "</li>" for r in e.roles
        )
        rows.append(f'<dt>Roles, by outlet</dt><dd><ul class="plain">{roles}</ul></dd>')
    aliases = [a for a in e.aliases if a != e.name]
    if aliases:
        rows.append(f"<dt>Also written</dt><dd>{esc(', '.join(aliases))}</dd>")
    rows.append(f"<dt>Mentioned by</dt><dd>{_letters(sources, e.article_ids)} "
                f"<span class=\"note\">{len(e.mentions)} mentions</span></dd>")
    return (f'<div class="card"{data_o(sources, e.article_ids)}><h3>{esc(e.name)} '
            f'<span class="tag">{esc(e.type)}</span></h3><dl>{"".join(rows)}</dl></div>')


def quotes_section(dossier: Dossier, sources: Sources) -> str:
    blocks = []
    for speaker in speakers(dossier):
        items = []
        for statement in speaker.statements:
            first = statement[0]
            evidence = [span_evidence(q) for q in statement]
            kinds = "".join(f'<span class="tag">{esc(k)}</span>' for k in dict.fromkeys(q.kind for q in statement))
            text = f"<q>{esc(first.text)}</q>" if first.kind in {"direct", "partial"} else esc(first.text)
            items.append(f"<li{data_o(sources, [q.article_id for q in statement])}>{text} "
                         f"{cites(evidence, sources)}{kinds}</li>")
        entity = speaker.entity
        side = f' <span class="note">({esc(entity.side)})</span>' if entity and entity.side else ""
        blocks.append(f'<div class="speaker"{data_o(sources, speaker.article_ids)}><h3>{esc(speaker.name)}{side} '
                      f'<span class="note">{len(speaker.statements)} statements</span></h3>'
                      f'<ul>{"".join(items)}</ul></div>')
    shown = "".join(blocks[:SPEAKERS_SHOWN])
    rest = blocks[SPEAKERS_SHOWN:]
    if rest:
        shown += f"<details><summary>{len(rest)} more speakers</summary>{''.join(rest)}</details>"
    note = "Statements grouped by speaker; one statement quoted by several outlets is listed once with every outlet."
    return _section(QUOTES, note, shown)


def matrix_section(dossier: Dossier, sources: Sources) -> str:
    corroborated, single = ordered_claims(dossier.claims or ())
    keys = list(sources.outlets)
    head = "".join(
        f'<th class="mark {color(k)}" data-col="{attr(k)}" title="{attr(sources.outlets[k])}">'
        f'<span class="badge">{esc(sources.outlet_letters(k))}</span></th>' for k in keys
    )

    def table(claims: Sequence[Claim]) -> str:
        rows = []
        for claim in claims:
            present = claim_outlets(claim, sources)
            cells = "".join(
                f'<td class="mark {color(k)}" data-col="{attr(k)}">{cite(present[k], sources, "✓")}</td>'
                if k in present
                else f'<td class="mark no {color(k)}" data-col="{attr(k)}" aria-label="not reported">·</td>'
                for k in keys
            )
            rows.append(f'<tr{data_o(sources, [e.article_id for e in claim.evidence])}>'
                        f'<td class="claim">{esc(shorten(claim.text, 220))}</td>{cells}</tr>')
        return (f'<div class="scroll"><table class="matrix"><thead><tr><th>Claim</th>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')

    body = table(corroborated[:MATRIX_ROWS]) if corroborated else _empty("No claim is reported by two outlets.")
    if len(corroborated) > MATRIX_ROWS:
        body += f"<details><summary>{len(corroborated) - MATRIX_ROWS} more corroborated claims</summary>" \
                f"{table(corroborated[MATRIX_ROWS:])}</details>"
    if single:
        body += f"<details><summary>{len(single)} claims reported by one outlet only</summary>" \
                f"{table(single[:200])}</details>"
    note = (f"{len(corroborated)} claims are reported by several outlets, {len(single)} by one only. "
            "A tick links to the outlet's own words.")
    return _section(AGREE, note, body)


def discrepancies_section(dossier: Dossier, sources: Sources) -> str:
    cards = "".join(_discrepancy(d, sources) for d in ordered_discrepancies(dossier.discrepancies or ()))
    note = "Each outlet's exact words, side by side, with the disputed detail highlighted."
    return _section(DISPUTES, note, cards)


def _discrepancy(d: Discrepancy, sources: Sources) -> str:
    readings = []
    for r in d.readings:
        source = sources.get(r.article_id)
        if source is None:
            continue
        before, disputed, after = sources.around(r.article_id, r.start, r.end)
        context = f"{esc(before)}<mark>{esc(disputed)}</mark>{esc(after)}"
        readings.append(
            f'<div class="reading {color(source.outlet_key)}" data-o="{attr(source.outlet_key)}">'
            f"{cite(span_evidence(r), sources)} <b>{esc(r.outlet or source.outlet)}</b>"
            f'<div class="value">{esc(r.value)}</div><blockquote>“{context.strip()}”</blockquote></div>'
        )
    return (
        f'<div class="disc" id="{attr(discrepancy_anchor(d.id))}"{data_o(sources, [r.article_id for r in d.readings])}>'
        f'<h3>{esc(d.topic)} <span class="tag warn">{esc(d.kind)}</span></h3><p>{esc(d.description)}</p>'
        f'<div class="readings">{"".join(readings)}</div></div>'
    )


def ledger_section(dossier: Dossier, sources: Sources) -> str:
    table = ledger(dossier.positions or ())
    head = "".join(f"<th>{esc(actor)}</th>" for actor in table.actors)
    rows = []
    # One row per issue, clashes first: parties are few and fit across, issues are many and scroll down.
    for issue in sorted(table.issues, key=lambda i: i not in table.clashes):
        clash = issue in table.clashes
        cells = []
        for actor in table.actors:
            found = table.cells.get((actor, issue), [])
            stances = "".join(
                f'<p class="stance"{data_o(sources, [e.article_id for e in p.evidence])}>'
                + (f'<span class="tag">{esc(p.kind)}</span> ' if p.kind else "")
                + f"{esc(shorten(p.stance, 200))} {cites(p.evidence, sources)}</p>"
                for p in found
            )
            css = ' class="clash"' if clash and found else ""
            cells.append(f"<td{css}>{stances}</td>")
        label = esc(issue) + (' <span class="tag warn">clash</span>' if clash else "")
        rows.append(f"<tr><th>{label}</th>{''.join(cells)}</tr>")
    note = ("What each party demands, rejects, proposes or promises, issue by issue. "
            "Issues marked clash set one party's demand against another's refusal; they come first.")
    body = (f'<div class="scroll"><table class="ledger"><thead><tr><th>Issue</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')
    return _section(STANCES, note, body)


def coverage_section(dossier: Dossier, sources: Sources) -> str:
    if len(sources.outlets) < 2:
        return ""
    cards = []
    for row in coverage(dossier, sources):
        cards.append(
            f'<div class="card {color(row.outlet_key)}" data-o="{attr(row.outlet_key)}"><h3><span class="badge">'
            f"{esc(sources.outlet_letters(row.outlet_key))}</span> {esc(shorten(row.outlet, 40))}</h3>"
            f"<p>Leaves out <b>{len(row.missing)}</b> widely reported claims · "
            f"reports <b>{len(row.exclusive)}</b> that no other outlet has.</p>"
            f"{_claim_list('Leaves out', row.missing, sources)}{_claim_list('Only here', row.exclusive, sources)}"
            "</div>"
        )
    note = "What each outlet leaves out of the widely reported story, and what only it reports."
    return _section(COVERAGE, note, f'<div class="cards coverage">{"".join(cards)}</div>')


def _claim_list(title: str, claims: Sequence[Claim], sources: Sources) -> str:
    if not claims:
        return ""
    items = "".join(f"<li>{esc(shorten(c.text, 140))} {cites(c.evidence[:1], sources)}</li>"
                    for c in claims[:LIST_LIMIT])
    more = f"<li>… and {len(claims) - LIST_LIMIT} more</li>" if len(claims) > LIST_LIMIT else ""
    return f"<details><summary>{esc(title)} ({len(claims)})</summary><ul>{items}{more}</ul></details>"


def _letters(sources: Sources, article_ids: Sequence[str]) -> str:
    out = []
    for article_id in dict.fromkeys(article_ids):
        source = sources.get(article_id)
        if source is not None:
            out.append(f'<a class="badge {color(source.outlet_key)}" href="#art-{attr(source.dom)}" '
                       f'title="{attr(source.outlet)}">{esc(source.letter)}</a>')
    return "".join(out)


#: Each section and the function that writes it when it has something to show, in reading order.
SECTIONS: tuple[tuple[Part, Callable[[Dossier, Sources], str]], ...] = (
    (SUMMARY, summary_section), (WHO, entities_section), (QUOTES, quotes_section), (AGREE, matrix_section),
    (DISPUTES, discrepancies_section), (TIMELINE, timeline_section), (STANCES, ledger_section),
    (COVERAGE, coverage_section),
)
