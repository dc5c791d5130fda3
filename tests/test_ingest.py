"""Ingest on the real sample (furniture gate against a hand-made gold file) and on each input format."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import threading
import tomllib
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from synopsis.config import Config
from synopsis.ingest import LoadResult, load_articles
from synopsis.ingest.furniture import Cleaned, clean
from synopsis.models import Article

from .conftest import BASELINE, GOLD, SAMPLE, sample_article

GOLD_FILE = GOLD / "furniture_riyadh.json"

BODY = (
    "The city council voted on Tuesday to close the old harbour bridge for repairs after engineers found "
    "cracks in two of its supports, the mayor said in a statement.\n"
    "Traffic will be sent across the northern bridge while the work goes on, which is expected to take "
    "about six months and cost the city more than it had planned for this year.\n"
    "Residents who live near the harbour said they were worried about the noise and the extra traffic, "
    "but most agreed that the bridge had to be made safe before the winter storms.\n"
)


def _clean(text: str, find_title: bool = True) -> Cleaned:
    """``clean`` with the shipped threshold and hard rules, as ingest runs it on a page loaded alone."""
    section = Config.load().section("ingest")
    return clean(text, float(section["furniture_threshold"]), find_title=find_title,
                 hard_rules=tuple(section["furniture_hard_rules"]))


def _gold() -> dict[str, dict[str, object]]:
    files: dict[str, dict[str, object]] = json.loads(GOLD_FILE.read_text(encoding="utf-8"))["files"]
    return files


def _floors() -> dict[str, float]:
    floors: dict[str, float] = tomllib.loads(BASELINE.read_text(encoding="utf-8"))["ingest"]
    return floors


def _line_fate(article: Article, line: str) -> str:
    """'removed' or 'kept' for one raw line of the article's file."""
    line = line.strip()
    if any(r.text == line for r in article.removed):
        return "removed"
    assert line in article.text, f"line neither kept nor removed: {line[:50]!r}"
    return "kept"


def score(loaded: LoadResult) -> dict[str, float]:
    """Furniture precision/recall and body/structure retention over the gold lines of the sample."""
    removed_furniture = removed_scored = furniture = body_kept = body = structure_kept = structure = 0
    for name, entry in _gold().items():
        article = sample_article(loaded, name[:3])  # type: ignore[arg-type]
        lines = (SAMPLE / name).read_text(encoding="utf-8").splitlines()
        for category in ("title", "heading", "body", "furniture"):
            for number, _snippet in entry[category]:  # type: ignore[attr-defined]
                removed = _line_fate(article, lines[number - 1]) == "removed"
                removed_scored += removed
                if category == "furniture":
                    furniture += 1
                    removed_furniture += removed
                elif category == "body":
                    body += 1
                    body_kept += not removed
                else:
                    structure += 1
                    structure_kept += not removed
    return {
        "furniture_precision": removed_furniture / removed_scored if removed_scored else 1.0,
        "furniture_recall": removed_furniture / furniture,
        "body_retention": body_kept / body,
        "structure_retention": structure_kept / structure,
    }


def test_gold_snippets_match_the_corpus() -> None:
    for name, entry in _gold().items():
        lines = (SAMPLE / name).read_text(encoding="utf-8").splitlines()
        for category in ("title", "heading", "body", "furniture", "either"):
            for number, snippet in entry[category]:  # type: ignore[attr-defined]
                assert lines[number - 1].strip().startswith(snippet), (name, number, snippet)


def test_furniture_gate(sample_loaded: LoadResult) -> None:
    scores = score(sample_loaded)
    floors = _floors()
    for key, value in scores.items():
        assert value >= floors[key], f"{key} {value:.3f} fell below its floor {floors[key]}"
    assert scores["body_retention"] == 1.0


def test_sample_metadata_cues(sample_loaded: LoadResult) -> None:
    assert [a.id for a in sample_loaded.articles] == ["a1", "a2", "a3", "a4", "a5"]
    assert [a.source for a in sample_loaded.articles] == sorted(a.source for a in sample_loaded.articles)
    assert sample_loaded.rejected == ()
    for name, entry in _gold().items():
        article = sample_article(sample_loaded, name[:3])  # type: ignore[arg-type]
        meta: dict[str, object] = entry["meta"]  # type: ignore[assignment]
        lines = (SAMPLE / name).read_text(encoding="utf-8").splitlines()
        expected_title = lines[meta["title_line"] - 1].strip() if meta["title_line"] else None  # type: ignore[operator]
        assert article.title == expected_title
        assert article.outlet, name
        if meta["outlet"]:
            assert article.outlet == meta["outlet"]
        else:
            assert name[:3] in article.outlet  # readable fallback from the file name
        assert article.published == meta["published"]
        assert article.published_source == meta["published_source"]
        assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()
        assert article.word_count == len(article.text.split())
        assert article.copy_of is None
        assert all(r.reason and r.text for r in article.removed)


def test_user_date_fills_only_undated_articles(config: Config) -> None:
    loaded = load_articles([SAMPLE], config=config, date="2025-02-18")
    sources = {a.published_source for a in loaded.articles}
    assert sources == {"user", "text"}
    dated_in_text = next(a for a in loaded.articles if a.published_source == "text")
    assert dated_in_text.published != "2025-02-18"
    assert all(a.published == "2025-02-18" for a in loaded.articles if a.published_source == "user")


def test_short_body_lines_survive_and_chrome_goes() -> None:
    page = (
        "Harbour bridge to close for six months of repairs\n"
        "By Maria Lopez\n"
        "Share on Facebook\n"
        + BODY
        + "“We had no choice.”\n"
        "Read more\n"
        "https://example.org/a https://example.org/b\n"
        "Tags: bridges, harbour, city council, repairs\n"
        "Leave a reply\n"
        "Maria Lopez is a reporter at the Harbour Gazette who has been covering city hall since 2019.\n"
        "Back to top\n"
    )
    cleaned = _clean(page)
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert "“We had no choice.”" in cleaned.text
    assert cleaned.title == "Harbour bridge to close for six months of repairs"
    assert cleaned.text.startswith(cleaned.title)
    for line in BODY.splitlines():
        assert line in cleaned.text
    assert reasons["By Maria Lopez"] == "byline"
    assert reasons["Share on Facebook"] == "share_button"
    assert reasons["Leave a reply"] == "comment_prompt"
    assert reasons["https://example.org/a https://example.org/b"] == "link_list"
    assert reasons["Tags: bridges, harbour, city council, repairs"] == "tag_list"
    assert reasons["Back to top"] == "ui_chrome"
    assert any(r.reason == "author_bio" for r in cleaned.removed)


def test_a_closing_quote_or_reporter_sentence_is_not_a_bio() -> None:
    text = BODY + "The reporter is a longtime correspondent who said it had to close.\n“It is done,” she said.\n"
    cleaned = _clean(text, find_title=False)
    assert cleaned.removed == ()


def test_table_of_contents_and_source_list_are_found_by_shape() -> None:
    paragraphs = BODY.splitlines()
    page = "\n".join([
        paragraphs[0],
        "Contents",
        "1. What happened",
        "2. What comes next",
        "What happened",
        paragraphs[1],
        "What comes next",
        paragraphs[2],
        "Further reading:",
        "Bridge repairs across the region fall behind schedule",
        "Why old harbour bridges crack in cold winters",
    ])
    cleaned = _clean(page, find_title=False)
    reasons = [(r.text, r.reason) for r in cleaned.removed]
    assert reasons == [
        ("Contents", "table_of_contents"),
        ("1. What happened", "table_of_contents"),
        ("2. What comes next", "table_of_contents"),
        ("Further reading:", "source_list"),
        ("Bridge repairs across the region fall behind schedule", "source_list"),
        ("Why old harbour bridges crack in cold winters", "source_list"),
    ]
    assert "What happened\n" in cleaned.text and "What comes next\n" in cleaned.text


def test_formats_sidecar_and_outlet_override(tmp_path: Path, config: Config) -> None:
    (tmp_path / "story.txt").write_text("Bridge closes for repairs\n" + BODY, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Bridge closes\n\nSome **bold** words on the bridge repairs and a "
                                       "[link](https://x.org).\n\n" + BODY, encoding="utf-8")
    records = [{"text": BODY, "title": "One", "outlet": "Wire One", "published": "2025-03-01T08:00:00Z"},
               {"html": f"<html><body><article><p>{BODY}</p></article></body></html>", "url": "https://news.example.com/x"}]
    (tmp_path / "batch.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(json.dumps({"text": BODY.replace("city", "town")}) + "\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,outlet,published\nstory.txt,Harbour Gazette,2025-01-05\n")
    loaded = load_articles([tmp_path], config=config, outlet="Desk Copy")
    by_source = {Path(a.source).name: a for a in loaded.articles}
    assert loaded.rejected == ()
    assert sorted(by_source) == ["batch.json#1", "batch.json#2", "lines.jsonl#1", "notes.md", "story.txt"]
    story = by_source["story.txt"]
    assert (story.outlet, story.published, story.published_source) == ("Harbour Gazette", "2025-01-05", "user")
    assert story.title == "Bridge closes for repairs"
    first = by_source["batch.json#1"]
    assert (first.outlet, first.title, first.published, first.published_source) == (
        "Desk Copy", "One", "2025-03-01", "metadata")
    assert by_source["batch.json#2"].url == "https://news.example.com/x"
    notes = by_source["notes.md"]
    assert "**" not in notes.text and "Some bold words on the bridge repairs and a link." in notes.text
    # the same body three times over: kept, but counted once
    copies = [a for a in loaded.articles if a.copy_of]
    assert {a.copy_of for a in copies} == {loaded.articles[0].id}
    assert len(copies) == 4


def test_html_metadata_through_trafilatura(tmp_path: Path, config: Config) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.splitlines())
    (tmp_path / "page.html").write_text(
        "<!doctype html><html><head><title>Bridge to close | Harbour Gazette</title>"
        '<meta property="og:site_name" content="Harbour Gazette"><meta name="author" content="Maria Lopez">'
        '<meta property="article:published_time" content="2025-02-18T09:00:00Z">'
        "<script>var tracker = 'hidden-token';</script></head><body><nav>Home World Sport</nav>"
        f"<article><h1>Bridge to close</h1>{paragraphs}</article><footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    (article,) = load_articles([tmp_path / "page.html"], config=config).articles
    assert (article.outlet, article.author, article.published, article.published_source) == (
        "Harbour Gazette", "Maria Lopez", "2025-02-18", "metadata")
    assert article.title and "Bridge to close" in article.title
    assert "hidden-token" not in article.text and "Home World Sport" not in article.text
    assert BODY.splitlines()[0] in article.text


def test_stdin_and_multi_story_split(config: Config) -> None:
    other = BODY.replace("bridge", "tunnel").replace("harbour", "river")
    two = f"Bridge closes\n{BODY}\n* * *\nTunnel opens early\n{other}"
    loaded = load_articles(["-"], config=config, stdin=io.StringIO(two))
    assert [a.source for a in loaded.articles] == ["<stdin>#1", "<stdin>#2"]
    assert [a.title for a in loaded.articles] == ["Bridge closes", "Tunnel opens early"]
    first = f"Bridge closes\nBy Ana Ruiz\nPublished: 3 March 2025\n{BODY}"
    with_bylines = f"{first}\nTunnel opens early\nBy Tom Berg\n{other}"
    parts = load_articles(["-"], config=config, stdin=io.StringIO(with_bylines)).articles
    assert [(a.title, a.author) for a in parts] == [("Bridge closes", "Ana Ruiz"), ("Tunnel opens early", "Tom Berg")]
    assert [(a.published, a.published_source) for a in parts] == [("2025-03-03", "text"), (None, None)]
    assert "Published" not in parts[0].text and "By Ana Ruiz" not in parts[0].text
    # no separator and no repeated headline + byline: kept whole
    one_page = f"Bridge closes\n{BODY}\nTunnel opens early\n{other}"
    whole = load_articles(["-"], config=config, stdin=io.StringIO(one_page))
    assert len(whole.articles) == 1


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Request logs would only clutter the test output."""


@pytest.fixture()
def local_site(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on localhost serving one article page."""
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.splitlines())
    (tmp_path / "story.html").write_text(
        f"<html><head><title>Bridge to close</title></head><body><article>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_urls_are_fetched_and_failures_go_on(local_site: str, tmp_path: Path, config: Config) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# list\n{local_site}/story.html\n{local_site}/missing.html\nhttp://127.0.0.1:9/x\nftp://a/b\n")
    loaded = load_articles([], config=config, urls_file=urls)
    (article,) = loaded.articles
    assert article.source == f"{local_site}/story.html"
    assert article.outlet == "127.0.0.1"
    reasons = {r.source: r.reason for r in loaded.rejected}
    assert "HTTP 404" in reasons[f"{local_site}/missing.html"]
    assert "cannot fetch" in reasons["http://127.0.0.1:9/x"]
    assert reasons["ftp://a/b"] == "not an http(s) URL"


def _dated(text: str, config: Config) -> tuple[str | None, str | None]:
    (article,) = load_articles(["-"], config=config, stdin=io.StringIO(text)).articles
    return article.published, article.published_source


def test_a_year_or_a_date_inside_a_body_sentence_never_dates_an_article(tmp_path: Path, config: Config) -> None:
    since = BODY.replace("for repairs", "for repairs, its first closure since 2004,")
    assert _dated(f"Bridge closes\n{since}", config) == (None, None)
    in_sentence = BODY + "The repair plan was first published on 3 March 2024 and updated on 9 May 2024.\n"
    assert _dated(f"Bridge closes\n{in_sentence}", config) == (None, None)
    after_dash = "WASHINGTON (AP) — On March 3, 2019, the council first raised the matter.\n" + BODY
    assert _dated(f"Bridge closes\n{after_dash}", config) == (None, None)
    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in since.splitlines())
    page.write_text(f"<html><head><title>Bridge closes</title></head><body><article><h1>Bridge closes</h1>"
                    f"{paragraphs}</article></body></html>", encoding="utf-8")
    (article,) = load_articles([page], config=config).articles
    assert "since 2004" in article.text and (article.published, article.published_source) == (None, None)


def test_a_dateline_or_a_statement_line_dates_an_article(config: Config) -> None:
    assert _dated(f"Bridge closes\nMADRID, April 28, 2025 (AP) — {BODY}", config) == ("2025-04-28", "text")
    # a dateline without a year names no full date: nothing is guessed
    assert _dated(f"Bridge closes\nMADRID, April 28 (AP) — {BODY}", config) == (None, None)
    assert _dated(f"Bridge closes\n{BODY}Updated: 9 May 2024\n", config) == ("2024-05-09", "text")


def test_a_date_in_the_url_dates_an_article(tmp_path: Path, config: Config) -> None:
    url = "https://harbour.example/news/2025/03/01/bridge-closes"
    assert _dated(f"{url}\nBridge closes\n{BODY}", config) == ("2025-03-01", "metadata")
    (tmp_path / "story.txt").write_text(f"Bridge closes\n{BODY}", encoding="utf-8")
    (tmp_path / "sources.csv").write_text(f"file,outlet,published,url\nstory.txt,Harbour Gazette,,{url}\n")
    (article,) = load_articles([tmp_path], config=config).articles
    assert (article.published, article.published_source) == ("2025-03-01", "metadata")
    # a year and month only, or a date to come, give nothing
    for partial_url in ("https://harbour.example/2025/03/bridge", "https://harbour.example/2999/01/01/bridge"):
        assert _dated(f"{partial_url}\nBridge closes\n{BODY}", config) == (None, None)
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Bridge closes</title><link rel='canonical' href='{url}'></head><body>"
                    f"<article><h1>Bridge closes</h1><p>{BODY}</p></article></body></html>", encoding="utf-8")
    (article,) = load_articles([page], config=config).articles
    assert (article.published, article.published_source) == ("2025-03-01", "metadata")
