"""Markdown and HTML reports of the real sample, and of a hostile article whose text tries to inject code."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from synopsis import load_articles
from synopsis.models import Dossier
from synopsis.pipeline import Pipeline
from synopsis.render import write_outputs
from synopsis.render.html import render_html
from synopsis.render.markdown import render_markdown
from synopsis.stages import REGISTRY

from .conftest import annotated_sample, shared_context
from .test_summary import UPSTREAM, summarised_sample

HOSTILE_TEXT = """Officials Meet In Geneva To Discuss The Border Dispute
Officials from both countries met in Geneva on Monday to discuss the border dispute that has divided them for years.
The delegation said <script>window.pwned = 1; alert(1)</script> the talks would continue next week in Geneva.
Observers noted <img src=x onerror="window.pwned = 2; alert(1)"> that the atmosphere at the meeting was calm.
Details are posted at <a href="javascript:window.pwned=3">the ministry site</a> and more talks will follow soon.
"Talks will continue," the foreign minister of the country said after the Geneva meeting ended on Monday evening.
The ministry spokesman said \u202eGeneva talks were productive\u202c and the next round would start on Friday.
"""
#: Characters that reorder the text after them until their isolate or paragraph ends.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source", "area", "base", "col", "embed", "track"}

SECTION_IDS = {
    "summary": "summary", "entities": "who", "quotes": "quotes", "claims": "agree",
    "discrepancies": "disputes", "timeline": "timeline", "positions": "stances",
}


def computed_sections(dossier: Dossier) -> list[str]:
    return [name for name in SECTION_IDS if getattr(dossier, name) is not None]


@functools.cache
def hostile_dossier(folder: str) -> Dossier:
    """A story of two articles whose text carries a script tag, an onerror handler and a javascript: link."""
    root = Path(folder)
    (root / "evil.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    other = HOSTILE_TEXT.replace("Monday", "Tuesday")
    (root / "<b onmouseover=alert(1)>\u202eother.txt").write_text(other, encoding="utf-8")
    loaded = load_articles([root], config=shared_context().config)
    stages = ["annotate", *UPSTREAM]
    dossier = Pipeline(stages, context=shared_context())(loaded.articles, loaded.rejected)
    given = [k for spec in REGISTRY.values() if spec.name != "summary" for k in spec.assigns]
    return Pipeline(["summary"], context=shared_context(), given=given).run(dossier)


class _Scan(HTMLParser):
    """Collects what a browser would execute or load: script elements, on* handlers, URL-bearing attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.tags: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value is not None:
                self.urls.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


class _Bidi(HTMLParser):
    """Collects text holding a bidi control character that no ``<bdi>`` or ``dir`` element isolates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # tag, whether it isolates its content
        self.leaks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append((tag, tag == "bdi" or any(name == "dir" for name, _ in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        tags = [tag for tag, _ in self.open]
        shown = "title" not in tags and "script" not in tags and "style" not in tags
        if shown and BIDI_CONTROLS.search(data) and not any(isolates for _, isolates in self.open):
            self.leaks.append(f"{'>'.join(tags[-3:])}: {data[:60]!r}")


def scan(html: str) -> _Scan:
    parser = _Scan()
    parser.feed(html)
    return parser


def test_html_report_of_the_sample_has_every_computed_section() -> None:
    dossier = summarised_sample()
    html = render_html(dossier)
    for name in computed_sections(dossier):
        assert f'<section id="{SECTION_IDS[name]}"' in html, name
    assert '<section id="articles"' in html
    assert html.count('class="article ') == len(dossier.articles)
    if dossier.timeline:
        assert "<svg" in html and "<circle" in html
    assert 'data-filter="all"' in html


def test_every_html_citation_points_at_an_existing_sentence_anchor() -> None:
    html = render_html(summarised_sample())
    anchors = set(re.findall(r'<span class="s" id="([^"]+)"', html))
    targets = re.findall(r'<a class="cite [^"]*" href="#([^"]+)"', html)
    assert targets and anchors
    assert set(targets) <= anchors


def test_html_is_self_contained() -> None:
    html = render_html(summarised_sample())
    parsed = scan(html)
    assert len(parsed.scripts) == 1
    assert all(url.startswith("#") for url in parsed.urls), [u for u in parsed.urls if not u.startswith("#")][:5]
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html


def test_markdown_report_of_the_sample_has_every_computed_section_and_footnotes() -> None:
    dossier = summarised_sample()
    md = render_markdown(dossier)
    headings = {
        "summary": "## Summary", "entities": "## Who's who", "quotes": "## Who said what",
        "claims": "## Where outlets agree", "discrepancies": "## Where outlets disagree",
        "timeline": "## Timeline", "positions": "## Stance ledger",
    }
    for name in computed_sections(dossier):
        assert headings[name] in md, name
    used = set(re.findall(r"\[\^([\w-]+)\](?!:)", md))
    defined = set(re.findall(r"^\[\^([\w-]+)\]:", md, flags=re.M))
    assert used and used == defined
    first = dossier.summary[0] if dossier.summary else None
    if first is not None:
        line = next(row for row in md.splitlines() if row.startswith("- ") and "[^" in row)
        assert re.search(r"\[\^a\d+-\d+\]", line)


def test_reports_render_with_only_the_annotated_articles() -> None:
    dossier = annotated_sample()
    html = render_html(dossier)
    md = render_markdown(dossier)
    assert '<section id="summary"' not in html and "## Summary" not in md
    assert '<section id="articles"' in html


def test_reports_render_empty_sections_without_failing() -> None:
    base = annotated_sample()
    from dataclasses import replace

    empty = replace(base, entities=(), quotes=(), claims=(), discrepancies=(), timeline=(), positions=(), summary=())
    html = render_html(empty)
    md = render_markdown(empty)
    for anchor in ("summary", "who", "quotes", "agree", "disputes", "timeline", "stances"):
        assert f'<section id="{anchor}"' in html
    assert "## Timeline" in md and "_No dated events found._" in md


def test_hostile_article_text_is_escaped_everywhere(tmp_path_factory: object) -> None:
    folder = tmp_path_factory.mktemp("hostile")  # type: ignore[attr-defined]
    dossier = hostile_dossier(str(folder))
    assert any("<script>" in a.text for a in dossier.articles)
    html = render_html(dossier)
    parsed = scan(html)
    assert len(parsed.scripts) == 1 and "alert(1)" not in parsed.scripts[0]
    assert parsed.handlers == []
    assert "img" not in parsed.tags
    assert not any(u.strip().lower().startswith("javascript:") for u in parsed.urls)
    assert all(u.startswith("#") for u in parsed.urls)
    assert "&lt;script&gt;window.pwned = 1; alert(1)&lt;/script&gt;" in html
    md = render_markdown(dossier)
    assert re.findall(r"(?<!\\)<(?!a id=)/?[A-Za-z]", md) == []
    assert "](javascript:" not in md


def test_bidi_overrides_in_article_text_stay_isolated(tmp_path_factory: object) -> None:
    folder = tmp_path_factory.mktemp("hostile-bidi")  # type: ignore[attr-defined]
    dossier = hostile_dossier(str(folder))
    assert any("\u202e" in a.text for a in dossier.articles) and any("\u202e" in a.source for a in dossier.articles)
    html = render_html(dossier)
    assert html.count("\u202e") >= 3
    parser = _Bidi()
    parser.feed(html)
    assert parser.leaks == []


def test_markdown_and_html_show_the_same_sections_in_the_same_order() -> None:
    dossier = summarised_sample()
    html_titles = re.findall(r"<section id=\"(?!articles)[^\"]+\"[^>]*><h2>([^<]+)</h2>", render_html(dossier))
    md_titles = [line[3:] for line in render_markdown(dossier).splitlines() if line.startswith("## ")]
    assert [t.replace("&#39;", "'") for t in html_titles] == [t for t in md_titles if t != "Sources cited"]
    assert len(html_titles) >= len(computed_sections(dossier))


def test_write_outputs_writes_all_three_formats(tmp_path: Path) -> None:
    written = write_outputs(summarised_sample(), tmp_path)
    assert sorted(p.name for p in written) == ["dossier.html", "dossier.json", "dossier.md"]
    assert all(p.stat().st_size > 0 for p in written)


def test_csv_tables_hold_each_discrepancy_and_each_reading(sample: Callable[..., Dossier], tmp_path: Path) -> None:
    import csv

    dossier = sample("entities", "quotes", "claims", "timeline")
    written = write_outputs(dossier, tmp_path, ["csv"])
    assert sorted(p.name for p in written) == ["discrepancies.csv", "readings.csv"]
    with (tmp_path / "discrepancies.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == [d.id for d in dossier.discrepancies or ()] and rows
    with (tmp_path / "readings.csv").open(encoding="utf-8", newline="") as handle:
        readings = list(csv.DictReader(handle))
    assert len(readings) == sum(len(d.readings) for d in dossier.discrepancies or ())
    for reading in readings:
        article = dossier.article(reading["article"])
        quoted = article.text[int(reading["start"]):int(reading["end"])]
        assert reading["text"] in (quoted, "'" + quoted)
    assert not list(tmp_path.glob("*.tmp"))
