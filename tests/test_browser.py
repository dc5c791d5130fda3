"""dossier.html in a real headless Chromium: sections, outlet filter, evidence pop-ups, no network, no injected code.

Needs Debian's chromium (`make browser`). Without it the tests skip, except under CI=true,
where a missing browser is a failure. Screenshots at desktop and phone widths go to
tests/artifacts/ (ignored by git) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from synopsis.render import write_outputs
from synopsis.render.common import Sources, story_title

from .test_render import SECTION_IDS, computed_sections, hostile_dossier
from .test_summary import summarised_sample

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHARED_STORIES = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "stories"
ARTIFACTS = Path(__file__).parent / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        message = f"Debian chromium is not installed at {CHROMIUM}; run `make browser` (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page whose console errors, dialogs and every non-local request are recorded."""

    def __init__(self, browser: Any, url: str, width: int, javascript: bool = True, origin: str = "") -> None:
        self.origin = origin  # the served app's origin, the one http address allowed
        self.context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.context.route("**/*", self._route)
        self.page.goto(url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        url = route.request.url
        local = bool(self.origin) and url.startswith(self.origin + "/")
        if (local or url.startswith(("file:", "data:"))) and not url.rstrip("/").endswith("/x"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_outputs(summarised_sample(), out, ["html"])
    return out / "dossier.html"


def test_sections_render_and_nothing_is_fetched(browser: Any, report: Path) -> None:
    watched = Watched(browser, report.as_uri(), 1280)
    page = watched.page
    for name in computed_sections(summarised_sample()):
        section = page.locator(f"#{SECTION_IDS[name]}")
        assert section.is_visible(), name
        assert section.bounding_box()["height"] > 60, name
    assert page.locator(".article").count() == len(summarised_sample().articles)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-desktop.png"))
    page.screenshot(path=str(ARTIFACTS / "report-desktop-full.png"), full_page=True)
    assert watched.errors == []
    assert watched.requests == []
    watched.close()


def test_phone_width_has_no_horizontal_page_scroll(browser: Any, report: Path) -> None:
    watched = Watched(browser, report.as_uri(), 390)
    page = watched.page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-phone.png"))
    page.screenshot(path=str(ARTIFACTS / "report-phone-full.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    assert watched.errors == [] and watched.requests == []
    watched.close()


def test_outlet_filter_dims_the_other_outlets_and_recounts(browser: Any, report: Path) -> None:
    dossier = summarised_sample()
    watched = Watched(browser, report.as_uri(), 1280)
    page = watched.page
    buttons = page.locator(".filter button[data-filter]")
    assert buttons.count() >= 3
    key = buttons.nth(1).get_attribute("data-filter")
    articles = page.locator(".article").count()
    buttons.nth(1).click()
    assert buttons.nth(1).get_attribute("aria-pressed") == "true"
    # nothing is hidden: what the outlet does not report is dimmed, so both sides of a dispute stay in view
    assert page.locator(".article:visible").count() == articles
    dimmed = page.locator("#disputes .disc:not(.out) .reading.out")
    assert dimmed.count() >= 1 and dimmed.first.is_visible()
    assert float(dimmed.first.evaluate("e => getComputedStyle(e).opacity")) < 0.5
    for item in page.locator("#summary li:not(.out)").all():
        assert key in (item.get_attribute("data-o") or "").split()
    # the counts at the top are the outlet's own
    sources = Sources.of(dossier)
    expected = sum(1 for d in dossier.discrepancies or ()
                   if key in sources.outlet_keys([r.article_id for r in d.readings]))
    assert page.locator('.figures a[href="#disputes"] b').inner_text() == str(expected)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#disputes .disc:not(.out)").first.screenshot(path=str(ARTIFACTS / "report-filtered-dispute.png"))
    buttons.nth(0).click()
    assert page.locator(".out").count() == 0
    assert page.locator('.figures a[href="#disputes"] b').inner_text() == str(len(dossier.discrepancies or ()))
    assert watched.errors == []
    watched.close()


def test_discrepancies_come_right_after_the_summary_and_counts_link_to_them(browser: Any, report: Path) -> None:
    watched = Watched(browser, report.as_uri(), 1280)
    page = watched.page
    order = page.evaluate("Array.from(document.querySelectorAll('main > section')).map(s => s.id)")
    assert order[:2] == ["summary", "disputes"], order
    assert page.locator("h1").inner_text() == story_title(summarised_sample())
    page.locator('.figures a[href="#disputes"]').click()
    assert page.evaluate("location.hash") == "#disputes"
    top = page.locator("#disputes").bounding_box()["y"]
    assert 0 <= top < 200  # scrolled to, below the sticky bar
    card = page.locator("#disputes .disc").first
    assert card.locator(".reading").count() >= 2  # every outlet's reading side by side
    boxes = [r.bounding_box() for r in card.locator(".reading").all()[:2]]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[1]["x"] > boxes[0]["x"]
    watched.close()


def test_phone_has_tap_targets_and_a_hint_on_wide_tables(browser: Any, report: Path) -> None:
    watched = Watched(browser, report.as_uri(), 390)
    page = watched.page
    for selector in ("#summary a.cite", ".filter button", ".figures a", "#disputes a.cite"):
        for target in page.locator(selector).all()[:12]:
            box = target.bounding_box()
            assert box and box["height"] >= 32 and box["width"] >= 32, (selector, box)
    wide = page.locator(".scroll").evaluate_all(
        "boxes => boxes.filter(b => b.checkVisibility() && b.scrollWidth > b.clientWidth + 2).length")
    assert wide >= 1
    assert page.locator(".scroll-hint:visible").count() == wide
    page.locator(".scroll-hint:visible").first.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-phone-table.png"))
    watched.close()


def test_clicking_a_citation_shows_its_evidence(browser: Any, report: Path) -> None:
    watched = Watched(browser, report.as_uri(), 1280)
    page = watched.page
    first = summarised_sample().summary[0]  # type: ignore[index]
    link = page.locator("#summary a.cite").first
    link.click()
    pop = page.locator("#pop")
    assert pop.is_visible()
    shown = " ".join(pop.locator("blockquote").inner_text().split())
    assert shown == " ".join(first.evidence[0].text.split())
    assert page.locator(".art-text .hl").count() >= 1
    page.keyboard.press("Escape")
    assert not pop.is_visible()
    assert watched.errors == []
    watched.close()


def test_report_works_with_javascript_off(browser: Any, report: Path) -> None:
    watched = Watched(browser, report.as_uri(), 1280, javascript=False)
    page = watched.page
    assert page.locator("#summary").is_visible()
    assert not page.locator(".filter").is_visible()
    page.locator("#summary a.cite").first.click()
    target = page.evaluate("location.hash")
    assert target.startswith("#") and page.locator(f"[id='{target[1:]}']").is_visible()
    watched.close()


def test_hostile_article_runs_no_script(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    out = tmp_path_factory.mktemp("hostile-report")
    dossier = hostile_dossier(str(tmp_path_factory.mktemp("hostile-input")))
    write_outputs(dossier, out, ["html"])
    watched = Watched(browser, (out / "dossier.html").as_uri(), 1280)
    page = watched.page
    for cite in page.locator("a.cite").all()[:6]:
        cite.click()
    page.locator(".art-text").first.hover()
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert watched.dialogs == []
    assert page.locator(".art-text img, .art-text script, .art-text a").count() == 0
    assert "<script>" in page.locator(".art-text").first.inner_text()
    assert watched.requests == []
    assert watched.errors == []
    watched.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`synopsis serve` over a store holding the sample's dossier, on a free loopback port: its origin."""
    import socket
    import threading

    import uvicorn

    from synopsis.config import Config
    from synopsis.serve import make_app

    from .test_serve import stored_sample

    store, _ = stored_sample(tmp_path_factory.mktemp("served"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(make_app(store, Config.load()), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        thread.join(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def test_serve_home_dossier_citation_quotes_and_adding_an_article(browser: Any, served: str) -> None:
    dossier = summarised_sample()
    watched = Watched(browser, served + "/", 1280, origin=served)
    page = watched.page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-home.png"), full_page=True)
    rows = page.locator("#dossiers tbody tr")
    assert rows.count() == 1
    title = rows.first.locator("a").first.inner_text()
    assert title == story_title(dossier)  # the same headline in the store (and `ls`) and the page
    # a dossier: the report, its citations followed into the article
    rows.first.locator("a").first.click()
    assert page.locator("h1").inner_text() == title
    link = page.locator("#disputes a.cite").first
    target = link.get_attribute("href")
    link.click()
    page.locator("#pop a[href]").click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f"[id='{target[1:]}']").is_visible()
    # quotes by a speaker across the stories
    names = [q.speaker_name for q in dossier.quotes or () if q.speaker_name]
    speaker = max(set(names), key=names.count)
    page.locator("#q-speaker").fill(speaker.split()[-1])
    page.locator("form.quick button").click()
    hits = page.locator("#results .hits li")
    assert hits.count() >= names.count(speaker)
    assert all(speaker.split()[-1] in hit.inner_text() for hit in hits.all()[:10])
    hits.first.locator("a.cite").click()
    assert page.url.startswith(served + "/dossier/") and "#" in page.url
    # add an article: paste it, follow the build, see its story on the home page
    article = sorted((SHARED_STORIES / "canada-election-2025" / "articles").glob("*.txt"))[0]
    page.goto(served + "/add")
    page.locator("input[name=outlet]").fill("Example Daily")
    page.locator("textarea[name=text]").fill(article.read_text(encoding="utf-8"))
    page.locator("form.stack > button").click()
    assert "/jobs/" in page.url
    page.wait_for_selector("text=Back to the stories", timeout=240_000)
    assert "failed" not in page.locator("header .tag").inner_text()
    page.locator("text=Back to the stories").click()
    assert page.locator("#dossiers tbody tr").count() == 2
    assert page.locator("#dossiers", has_text="Example Daily").count() == 1
    assert page.locator("#stories a[href^='/dossier/']").count() >= 1  # its story links to the dossier built
    assert watched.errors == [] and watched.requests == []
    watched.close()


def test_served_dossier_at_phone_width(browser: Any, served: str) -> None:
    watched = Watched(browser, served + "/", 390, origin=served)
    page = watched.page
    page.locator("#dossiers tbody tr a").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-dossier-phone.png"))
    assert watched.errors == [] and watched.requests == []
    watched.close()
