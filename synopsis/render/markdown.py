"""dossier.md: the dossier as Markdown (first cut: articles and entities)."""

from __future__ import annotations

from ..models import Dossier


def render_markdown(dossier: Dossier) -> str:
    lines = ["# Dossier", "", "## Articles", ""]
    for a in dossier.articles:
        lines.append(f"- **{a.id}** {a.outlet or '?'}: {a.title or '(untitled)'} ({a.published or 'date unknown'})")
    if dossier.entities is not None:
        lines += ["", "## Who's who", ""]
        for e in dossier.entities[:30]:
            lines.append(f"- {e.name} ({e.type}), {len(e.mentions)} mentions in {', '.join(e.article_ids)}")
    return "\n".join(lines) + "\n"
