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

from .test_render import SECTION_IDS, computed_sections, hostile_dossier
from .test_summary import summarised_sample

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
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

    def __init__(self, browser: Any, url: str, width: int, javascript: bool = True) -> None:
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
        if url.startswith(("file:", "data:")) and not url.rstrip("/").endswith("/x"):
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


def test_outlet_filter_hides_what_the_outlet_does_not_report(browser: Any, report: Path) -> None:
    watched = Watched(browser, report.as_uri(), 1280)
    page = watched.page
    buttons = page.locator(".filter button[data-filter]")
    assert buttons.count() >= 3
    key = buttons.nth(1).get_attribute("data-filter")
    visible_before = page.locator(".article:visible").count()
    buttons.nth(1).click()
    assert buttons.nth(1).get_attribute("aria-pressed") == "true"
    assert page.locator(".article:visible").count() < visible_before
    for item in page.locator("#summary li:visible, .article:visible").all():
        assert key in (item.get_attribute("data-o") or "").split()
    assert page.locator("#summary li.out").count() + page.locator("#summary li:visible").count() == page.locator(
        "#summary li").count()
    buttons.nth(0).click()
    assert page.locator(".article:visible").count() == visible_before
    assert watched.errors == []
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
