"""The timeline as a picture: an inline SVG axis of dates, one stack of outlet dots per event, then the list.

Dates are spaced evenly (ordinal axis), not to scale: a story's background reaches
back years while its events crowd into days, and a linear axis would hide the week
that matters. Every mark links to its event in the list below, which works without JS.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Dossier, TimelineEvent
from .common import Sources, shorten, sorted_timeline
from .html import cites, color, data_o, esc

WIDTH_PER_DATE = 64
MIN_WIDTH = 640
DOT = 6
ROW = 15
LABEL_SPACE = 100
PLANNED = frozenset({"planned", "announced", "expected", "future"})
BACKGROUND = frozenset({"background", "past"})
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def timeline_section(dossier: Dossier, sources: Sources) -> str:
    events = sorted_timeline(dossier.timeline or ())
    note = ("Dates are evenly spaced, not to scale. Each stack of dots is one event; each dot an outlet "
            "reporting it (faded: planned or expected; dashed: background from before the story).")
    return (
        f'<section id="timeline" class="timeline"><h2>Timeline</h2><p class="note">{esc(note)}</p>'
        f"{_svg(events, sources)}{_list(events, sources)}</section>"
    )


def _svg(events: list[TimelineEvent], sources: Sources) -> str:
    dates = list(dict.fromkeys(_axis_key(e) for e in events))
    width = max(MIN_WIDTH, WIDTH_PER_DATE * len(dates) + 80 + LABEL_SPACE)
    columns: dict[str, list[tuple[int, TimelineEvent]]] = defaultdict(list)
    for number, event in enumerate(events, 1):
        columns[_axis_key(event)].append((number, event))
    tallest = max(sum(max(1, len(_outlets(e, sources))) for _, e in col) + len(col) for col in columns.values())
    axis_y = 20 + tallest * ROW
    height = axis_y + LABEL_SPACE
    step = (width - 80 - LABEL_SPACE) / max(len(dates) - 1, 1)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="Timeline of {len(events)} dated events" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="30" y1="{axis_y}" x2="{width - 30}" y2="{axis_y}"/>',
    ]
    for index, date in enumerate(dates):
        x = 40 + index * step if len(dates) > 1 else width / 2
        parts.append(f'<line class="tick" x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 6}"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{axis_y + 16}" transform="rotate(40 {x:.1f} {axis_y + 16})">'
            f"{esc(short_date(date))}</text>"
        )
        y = float(axis_y - 12)
        for number, event in columns[date]:
            keys = _outlets(event, sources) or ["o9"]
            status = "planned" if event.status in PLANNED else ""
            dots = []
            for key in keys:
                stroke = ' stroke-dasharray="2 2"' if event.status in BACKGROUND else ""
                dots.append(f'<circle class="{color(key)} {status}" cx="{x:.1f}" cy="{y:.1f}" r="{DOT}"{stroke}/>')
                y -= ROW
            y -= ROW / 2
            parts.append(
                f'<a href="#tl-{number}"{data_o(sources, [e.article_id for e in event.evidence])}>'
                f"<title>{esc(event.date)}: {esc(shorten(event.text, 160))}</title>{''.join(dots)}</a>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _list(events: list[TimelineEvent], sources: Sources) -> str:
    items = []
    for number, event in enumerate(events, 1):
        status = f' <span class="tag">{esc(event.status)}</span>' if event.status != "reported" else ""
        items.append(
            f'<li id="tl-{number}"{data_o(sources, [e.article_id for e in event.evidence])}>'
            f'<span class="date">{esc(short_date(event.date))}</span><span>{esc(shorten(event.text, 260))}{status} '
            f"{cites(event.evidence, sources)}</span></li>"
        )
    return f'<ol class="events">{"".join(items)}</ol>'


def short_date(value: str) -> str:
    """'2025-02-18' -> '18 Feb 2025'; a range keeps only what changes: '12–14 Feb 2025'."""
    first, _, last = value.partition("/")
    a, b = _parts(first), _parts(last) if last else None
    if a is None:
        return value
    if b is None:
        return _format(a)
    if a[0] == b[0] and a[1] == b[1] and a[2] and b[2]:
        return f"{a[2]}–{_format(b)}"
    if a[0] == b[0]:
        return f"{_format((None, a[1], a[2]))}–{_format(b)}"
    return f"{_format(a)}–{_format(b)}"


def _parts(value: str) -> tuple[str | None, str | None, str | None] | None:
    pieces = value.split("-")
    if not pieces[0].isdigit():
        return None
    month = pieces[1] if len(pieces) > 1 and pieces[1].isdigit() and 1 <= int(pieces[1]) <= 12 else None
    day = str(int(pieces[2])) if len(pieces) > 2 and pieces[2].isdigit() else None
    return pieces[0], month, day


def _format(parts: tuple[str | None, str | None, str | None]) -> str:
    year, month, day = parts
    words = [day or "", MONTHS[int(month) - 1] if month else "", year or ""]
    return " ".join(w for w in words if w)


def _axis_key(event: TimelineEvent) -> str:
    return event.date.split("/")[0] if event.granularity != "range" else event.date


def _outlets(event: TimelineEvent, sources: Sources) -> list[str]:
    return sources.outlet_keys([e.article_id for e in event.evidence])

