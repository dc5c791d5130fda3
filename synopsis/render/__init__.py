"""Writing a dossier out as JSON, Markdown and a self-contained HTML page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..models import Dossier
from .html import render_html
from .json import render_json
from .markdown import render_markdown

RENDERERS: dict[str, Callable[[Dossier], str]] = {
    "json": render_json,
    "md": render_markdown,
    "html": render_html,
}


def write_outputs(dossier: Dossier, out_dir: str | Path, formats: Iterable[str] = RENDERERS) -> list[Path]:
    """Write ``dossier.<fmt>`` for each format into ``out_dir``; returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = out / f"dossier.{fmt}"
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(RENDERERS[fmt](dossier), encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written
