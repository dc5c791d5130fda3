"""dossier.html: one self-contained page (CSS and JS inline, system fonts, no network) that works without JS.

The page is rendered from the Jinja2 templates in ``templates/`` (a base layout and one
partial per section) with autoescaping on, so every piece of article-derived text is
escaped by the template engine; article text never enters the script, a URL or a style;
ids built from input are reduced to ``[A-Za-z0-9_-]``; text from articles sits in
``<bdi>`` (or a ``dir="auto"`` sentence) so that bidirectional override characters in it
cannot reorder the page around it. A Content Security Policy allows only this page's
own script (by hash) and no network at all, so even a template slip could not run
injected code or fetch anything.
"""

from __future__ import annotations

import base64
import bisect
import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from ..models import Dossier, Evidence
from .common import Source, Sources, shorten
from .html_timeline import short_date, timeline_chart
from .sections import Report, build_report

if TYPE_CHECKING:
    import jinja2

#: The page's own script and style, inlined (no file or network is ever fetched).
SCRIPT = "report.js"
STYLE = "report.css"


@dataclass(frozen=True)
class TextPiece:
    """A stretch of article text between two boundaries of sentences or cited spans."""

    text: str
    start: int
    end: int
    cited: bool
    opens: str | None  # the id of the sentence that starts here, if one does
    closes: bool  # whether a sentence ends here


def color(outlet_key: str) -> str:
    """The CSS colour class of an outlet key (o1..o10, then the palette repeats)."""
    try:
        number = int(outlet_key[1:])
    except ValueError:
        number = 1
    return f"o{(number - 1) % 10 + 1}"


def one_per_article(evidence: Iterable[Evidence]) -> list[Evidence]:
    """The first span of each article: one badge per outlet article next to an item."""
    seen: set[str] = set()
    out = []
    for ev in evidence:
        if ev.article_id not in seen:
            seen.add(ev.article_id)
            out.append(ev)
    return out


@functools.cache
def asset(name: str) -> str:
    return resources.files("synopsis.render").joinpath("assets", name).read_text(encoding="utf-8")


def content_policy(script: str, form_action: str = "'none'") -> str:
    """No network, no plugin, no form (the served pages post to their own origin); only the page's own script,
    named by its hash."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action {form_action}"
    )


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment: autoescape on, undefined names are errors, the report's filters."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("synopsis.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(color=color, shorten=shorten, short_date=short_date, one_per_article=one_per_article)
    env.globals.update(timeline_chart=timeline_chart, marked_text=marked_text)
    return env


def render_html(dossier: Dossier) -> str:
    return render_report(build_report(dossier))


def render_report(report: Report) -> str:
    """The whole page of one report."""
    page: str = environment().get_template("dossier.html").render(**page_context(report))
    return page


def page_context(report: Report | None, form_action: str = "'none'") -> dict[str, object]:
    """What every page's template reads: the report (if any), the policy, and the inlined style and script."""
    from markupsafe import Markup

    script = asset(SCRIPT)
    context: dict[str, object] = {
        "policy": content_policy(script, form_action),
        "script": Markup(script),  # our own files, inlined as they are
        "style": Markup(asset(STYLE)),
    }
    if report is not None:
        context.update(report=report, sources=report.sources, evidence=report.evidence_by_article())
    return context


def marked_text(source: Source, sources: Sources, evidence: Sequence[Evidence]) -> list[TextPiece]:
    """The article's text cut at every sentence and cited-span boundary, so each sentence gets an anchor
    and each cited stretch a segment the script can find."""
    article = source.article
    text = article.text
    size = len(text)
    sentences = sources.sentence_spans.get(article.id) or [(0, size)]
    intervals = sorted({(max(0, ev.start), min(size, ev.end)) for ev in evidence if ev.end > ev.start})
    bounds = sorted({0, size, *(b for s in sentences for b in s), *(b for iv in intervals for b in iv)})
    bounds = [b for b in bounds if 0 <= b <= size]
    covered = [False] * len(bounds)
    for start, end in intervals:
        for i in range(bisect.bisect_left(bounds, start), bisect.bisect_left(bounds, end)):
            covered[i] = True
    sentence_ends = {e for _, e in sentences}
    sentence_starts = {s: n for n, (s, _) in enumerate(sentences, 1)}
    pieces: list[TextPiece] = []
    open_sentence = False
    for i in range(len(bounds) - 1):
        start, end = bounds[i], bounds[i + 1]
        opens = None
        if start in sentence_starts and not open_sentence:
            opens = source.sentence_id(sentence_starts[start])
            open_sentence = True
        closes = end in sentence_ends and open_sentence
        if closes or i == len(bounds) - 2:
            closes, open_sentence = open_sentence, False
        pieces.append(TextPiece(text[start:end], start, end, covered[i], opens, closes))
    return pieces
