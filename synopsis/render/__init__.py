"""Writing a dossier out as JSON, Markdown, a self-contained HTML page, and CSV tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..models import Dossier
from .html import render_html
from .json import render_json
from .markdown import render_markdown
from .tables import render_tables

RENDERERS: dict[str, Callable[[Dossier], str]] = {
    "json": render_json,
    "md": render_markdown,
    "html": render_html,
}

#: Formats written as several files, each named by its table.
TABLES: dict[str, Callable[[Dossier], dict[str, str]]] = {"csv": render_tables}

#: Every format ``write_outputs`` takes.
FORMATS: tuple[str, ...] = (*RENDERERS, *TABLES)


def output_names(formats: Iterable[str]) -> list[str]:
    """The file names ``write_outputs`` writes for ``formats``."""
    return [name for fmt in formats for name in (CSV_FILES if fmt in TABLES else (f"dossier.{fmt}",))]


#: The files of the ``csv`` format.
CSV_FILES = ("discrepancies.csv", "readings.csv")


def write_outputs(dossier: Dossier, out_dir: str | Path, formats: Iterable[str] = RENDERERS) -> list[Path]:
    """Write ``dossier.<fmt>`` for each format into ``out_dir`` (``csv``: ``discrepancies.csv`` and
    ``readings.csv``), each to a temporary file then renamed; returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        files = TABLES[fmt](dossier) if fmt in TABLES else {f"dossier.{fmt}": RENDERERS[fmt](dossier)}
        for name, text in files.items():
            path = out / name
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            written.append(path)
    return written
