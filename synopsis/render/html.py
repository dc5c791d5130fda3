"""dossier.html: one self-contained page, every piece of article text escaped (first cut)."""

from __future__ import annotations

from html import escape

from ..models import Dossier


def render_html(dossier: Dossier) -> str:
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             "<meta name='viewport' content='width=device-width, initial-scale=1'>",
             "<title>Dossier</title></head><body><h1>Dossier</h1><h2>Articles</h2><ul>"]
    for a in dossier.articles:
        parts.append(f"<li><b>{escape(a.outlet or '?')}</b>: {escape(a.title or '(untitled)')}</li>")
    parts.append("</ul>")
    if dossier.entities is not None:
        parts.append("<h2>Who's who</h2><ul>")
        for e in dossier.entities[:30]:
            parts.append(f"<li>{escape(e.name)} ({escape(e.type)})</li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "".join(parts)
