"""Discrepancies as CSV tables, for spreadsheets: one row per discrepancy, and one per outlet's reading."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..models import Dossier


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def _cell(value: object) -> object:
    """A cell a spreadsheet shows as text: one starting with = + - @ would be read as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def render_tables(dossier: Dossier) -> dict[str, str]:
    """``discrepancies.csv`` and ``readings.csv``: the readings point into each article by offsets."""
    discrepancies = dossier.discrepancies or ()
    outlets = {a.id: a.outlet_name for a in dossier.articles}
    return {
        "discrepancies.csv": _csv(
            ("id", "kind", "topic", "description", "confidence", "outlets"),
            ((d.id, d.kind, d.topic, d.description, "" if d.confidence is None else round(d.confidence, 3),
              "; ".join(dict.fromkeys(r.outlet for r in d.readings))) for d in discrepancies),
        ),
        "readings.csv": _csv(
            ("discrepancy", "kind", "outlet", "value", "article", "start", "end", "text"),
            ((d.id, d.kind, outlets.get(r.article_id, r.outlet), r.value, r.article_id, r.start, r.end, r.text)
             for d in discrepancies for r in d.readings),
        ),
    }
