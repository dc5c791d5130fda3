"""Main text and metadata from an HTML page, through trafilatura and htmldate.

Trafilatura keeps the article and drops navigation, scripts and comments. On a
page too small for it to trust, a plain block-level text walk (scripts, styles
and page chrome elements skipped) takes over, so a short page still loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article",
          "header", "footer", "pre", "dt", "dd", "figcaption", "title"}
SKIPPED = {"script", "style", "noscript", "template", "svg", "nav", "aside", "form", "button", "iframe", "head"}


@dataclass(frozen=True)
class Page:
    """What an HTML page says about itself."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None


def extract(html: str, url: str | None = None) -> Page:
    """The page's main text and metadata; empty text when the page holds none."""
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True,
            date_extraction_params=set_date_params(extensive=False),  # no year from a body sentence ("since 2004")
        )
    except (ValueError, TypeError, AttributeError):
        doc = None
    fields: dict[str, Any] = {}
    if doc is not None:
        fields = {name: getattr(doc, name, None) for name in ("text", "title", "author", "date", "sitename", "url")}
    text = (fields.get("text") or "").strip()
    fallback = _fallback(html)
    if len(text.split()) < len(fallback.text.split()) // 3:
        text = fallback.text
    published = fields.get("date") or _htmldate(html) or fallback.published
    return Page(
        text=text,
        title=fields.get("title") or fallback.title,
        author=fields.get("author") or fallback.author,
        published=published,
        sitename=_strip_port(fields.get("sitename") or fallback.sitename),
        url=fields.get("url") or url,
    )


def _strip_port(name: str | None) -> str | None:
    """Trafilatura names a site without a name by its host, port included; the port is no part of a name."""
    return re.sub(r":\d+$", "", name) if name else None


def _htmldate(html: str) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
    return str(found) if found else None


class _TextWalk(HTMLParser):
    """Block-level text of the page body, skipping scripts and page chrome; meta tags on the side."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = dict(attrs)
            key = (values.get("property") or values.get("name") or "").lower()
            if key and values.get("content"):
                self.meta.setdefault(key, values["content"] or "")
        if tag == "title":
            self.in_title = True
        if tag in SKIPPED:
            self.skipping.append(tag)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skipping:
            self.parts.append(data)


def _fallback(html: str) -> Page:
    walker = _TextWalk()
    try:
        walker.feed(html)
        walker.close()
    except (AssertionError, ValueError):
        pass
    lines = (" ".join(line.split()) for line in "".join(walker.parts).splitlines())
    meta = walker.meta
    title = " ".join("".join(walker.title_parts).split()) or meta.get("og:title")
    return Page(
        text="\n".join(line for line in lines if line),
        title=title or None,
        author=meta.get("author") or meta.get("article:author"),
        published=(meta.get("article:published_time") or meta.get("date") or "")[:10] or None,
        sitename=meta.get("og:site_name"),
    )
