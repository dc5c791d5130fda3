"""The timeline picture's layout: an axis of dates, one stack of outlet dots per event (drawn by timeline.html).

Dates are spaced evenly (ordinal axis), not to scale: a story's background reaches
back years while its events crowd into days, and a linear axis would hide the week
that matters. Every mark links to its event in the list below, which works without JS.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..lang.calendar import MONTH_LABELS
from ..models import TimelineEvent
from .common import Sources

WIDTH_PER_DATE = 64
MIN_WIDTH = 640
DOT = 6
ROW = 15
LABEL_SPACE = 100
PLANNED = frozenset({"planned", "announced", "expected", "future"})
BACKGROUND = frozenset({"background", "past"})
#: The colour of an event no listed outlet reports.
UNKNOWN_OUTLET = "o9"


@dataclass(frozen=True)
class Mark:
    """One event on the axis: a stack of dots, one per outlet reporting it."""

    number: int  # its place in the list below the picture, which its link targets
    event: TimelineEvent
    dots: list[tuple[str, float]]  # each dot's outlet key and y, bottom up
    planned: bool  # drawn faded
    background: bool  # drawn dashed


@dataclass(frozen=True)
class Column:
    x: float
    label: str
    marks: list[Mark]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    axis_y: int
    dot: int
    columns: list[Column]


def timeline_chart(events: list[TimelineEvent], sources: Sources) -> Chart:
    """Where each date's tick and each event's dots go; ``events`` in list order, at least one."""
    dates = list(dict.fromkeys(_axis_key(e) for e in events))
    width = max(MIN_WIDTH, WIDTH_PER_DATE * len(dates) + 80 + LABEL_SPACE)
    by_date: dict[str, list[tuple[int, TimelineEvent]]] = defaultdict(list)
    for number, event in enumerate(events, 1):
        by_date[_axis_key(event)].append((number, event))
    tallest = max(sum(max(1, len(_outlets(e, sources))) for _, e in col) + len(col) for col in by_date.values())
    axis_y = 20 + tallest * ROW
    step = (width - 80 - LABEL_SPACE) / max(len(dates) - 1, 1)
    columns = []
    for index, date in enumerate(dates):
        x = 40 + index * step if len(dates) > 1 else width / 2
        y = float(axis_y - 12)
        marks = []
        for number, event in by_date[date]:
            keys = _outlets(event, sources) or [UNKNOWN_OUTLET]
            dots = [(key, y - ROW * i) for i, key in enumerate(keys)]
            y -= ROW * len(keys) + ROW / 2
            marks.append(Mark(number, event, dots, event.status in PLANNED, event.status in BACKGROUND))
        columns.append(Column(x, short_date(date), marks))
    return Chart(width, axis_y + LABEL_SPACE, axis_y, DOT, columns)


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
    words = [day or "", MONTH_LABELS[int(month) - 1] if month else "", year or ""]
    return " ".join(w for w in words if w)


def _axis_key(event: TimelineEvent) -> str:
    return event.date.split("/")[0] if event.granularity != "range" else event.date


def _outlets(event: TimelineEvent, sources: Sources) -> list[str]:
    return sources.outlet_keys([e.article_id for e in event.evidence])
