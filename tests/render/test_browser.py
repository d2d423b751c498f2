"""The built site in headless Chromium, with the network cut off: pages, search, PDFs, accessibility."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from builder.app.cli import main
from tests.conftest import TOOLS, copy_demo, require_tool

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = TOOLS / "node_modules/axe-core/axe.min.js"
PREFIX = "/portfolio"
PAGES = ["", "achievements/close-automation/", "samples/recon-script/", "for/northwind-equity-research/",
         "briefs/aapl-2017/", "resume/"]  # fmt: skip


class _SubPath(SimpleHTTPRequestHandler):
    """The site served under /portfolio/, as GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        return super().translate_path(
            path.removeprefix(PREFIX) if path.startswith(PREFIX + "/") else "/__missing__"
        )

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return


@contextmanager
def served(root: Path) -> Iterator[str]:
    """A built portfolio's site on a local server, at the address of its front page."""
    handler = partial(_SubPath, directory=str(root / "build/site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}/"
    server.shutdown()


@pytest.fixture(scope="module")
def base(built_demo: Path) -> Iterator[str]:
    with served(built_demo) as address:
        yield address


@pytest.fixture(scope="module")
def spanish_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo in Spanish, whose longer words are the first to push a phone's page sideways."""
    from builder.app.cli import main

    root = copy_demo(tmp_path_factory.mktemp("es"))
    site = (root / "site.yml").read_text().replace("language: en", "language: es")
    (root / "site.yml").write_text(site)
    assert main(["build", "--root", str(root)]) == 0
    with served(root) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_tool(bool(CHROMIUM), "Chromium (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, base: str) -> Iterator[Any]:
    """A page that may only reach the local server: every other request is cut off and recorded."""
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base.split(PREFIX)[0])
               else (page.problems.append(f"outside request: {route.request.url}"), route.abort()))  # fmt: skip
    page.on(
        "console", lambda msg: msg.type == "error" and page.problems.append(f"console: {msg.text}")
    )
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status}: {r.url}"))
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_offline_without_errors(page: Any, base: str, path: str) -> None:
    page.goto(base + path, wait_until="networkidle")
    assert page.problems == []
    broken_images = page.evaluate(
        "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    assert broken_images == []
    assert page.locator("h1").first.is_visible()
    styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert styled in {
        "sticky",
        "fixed",
        "relative",
    }  # Material's stylesheet loaded from the site itself


@pytest.mark.parametrize("path", PAGES)
def test_every_link_and_asset_answers(page: Any, base: str, path: str) -> None:
    page.goto(base + path, wait_until="networkidle")
    targets = page.evaluate(
        "[...document.querySelectorAll('a[href], link[href], script[src], img[src]')]"
        ".map(e => e.href || e.src).filter(u => u.startsWith(location.origin))"
    )
    request = page.context.request
    broken = [
        url
        for url in dict.fromkeys(t.split("#")[0] for t in targets)
        if request.get(url).status >= 400
    ]
    assert broken == []


def test_search_finds_an_achievement_by_a_word_of_its_result(page: Any, base: str) -> None:
    page.goto(base, wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.type("reconciliations", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    results = page.locator(".md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert any("achievements/close-automation/" in url for url in results)
    assert page.problems == []


def test_proof_from_the_cv_lands_on_its_entry_in_view_and_marked(page: Any, base: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base + "for/northwind-equity-research/", wait_until="networkidle")
    entry = "resume-certification-cfa-program-level-i"
    page.locator(f".sr-proof a[href$='#{entry}']").click()
    page.wait_for_url(f"**/resume/#{entry}")
    page.wait_for_load_state("networkidle")
    box = page.locator(f"#{entry}").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= box["y"] and box["y"] + box["height"] <= 800
    marked = page.locator(f"#{entry}").evaluate("e => getComputedStyle(e).backgroundColor")
    other = page.locator("#resume-language-english").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert marked != other
    assert page.problems == []


def test_pdf_links_return_pdfs(page: Any, base: str) -> None:
    for path in [
        "",
        "for/northwind-equity-research/",
        "samples/recon-script/",
        "briefs/aapl-2017/",
    ]:
        page.goto(base + path, wait_until="networkidle")
        href = page.locator("a[download][href$='.pdf']").first.evaluate("a => a.href")
        response = page.context.request.get(href)
        assert response.status == 200 and response.body().startswith(b"%PDF"), href


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(page: Any, base: str, path: str) -> None:
    require_tool(AXE.is_file(), "axe-core (npm, in tests/tools)")
    page.goto(base + path, wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in {"serious", "critical"}]  # fmt: skip
    assert serious == []


def test_the_dashboard_copies_a_draft_offline(browser: Any, built_demo: Path) -> None:
    """The copy button works from the file itself, with no server and no script from elsewhere."""
    board = built_demo / "build/private/index.html"
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    problems: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (problems.append(route.request.url), route.abort()))  # fmt: skip
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(board.as_uri())
    draft = page.locator("details.draft").first
    draft.locator("summary").click()
    expected = draft.locator("textarea").input_value()
    draft.locator("button[data-copy]").click()
    # The clipboard answers asynchronously: the button says so once the text is there.
    page.wait_for_function(
        "() => document.querySelector('details.draft button[data-copy]').textContent === 'Copied'"
    )
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert expected.startswith("Dear ") and problems == []
    context.close()


PHONE = {"width": 390, "height": 844}
# One page of every kind, the 404 page included.
PAGE_KINDS = ["", "resume/", "achievements/", "achievements/close-automation/", "samples/",
              "samples/recon-script/", "briefs/", "briefs/aapl-2017/",
              "for/northwind-equity-research/", "404.html"]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_page_scrolls_sideways_on_a_phone(
    browser: Any, request: pytest.FixtureRequest, language: str, path: str
) -> None:
    address = request.getfixturevalue("base" if language == "en" else "spanish_base")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(address + path, wait_until="networkidle")
    assert page.locator("h1").first.is_visible()
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= page.evaluate("innerWidth"), f"{language} {path or 'home'}: {width} px wide"
    context.close()


CELLS = """rows => rows.map(row => [...row.querySelectorAll('td')].map(cell => {
    const box = cell.getBoundingClientRect();
    return {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
}))"""


def test_the_requirement_matrix_is_a_table_on_a_desktop_and_cards_on_a_phone(
    page: Any, base: str
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base + "for/northwind-equity-research/", wait_until="networkidle")
    rows = page.locator(".sr-proof tbody tr")
    for requirement, proof, plan in rows.evaluate_all(CELLS):  # side by side, top-aligned
        assert requirement["right"] <= proof["left"] + 1 and proof["right"] <= plan["left"] + 1
        assert requirement["top"] == proof["top"] == plan["top"]
    assert page.locator(".sr-proof th").first.is_visible()
    page.set_viewport_size(PHONE)
    cards = rows.evaluate_all(CELLS)
    assert len(cards) == 7
    for card in cards:  # the requirement, then its proof, then the plan, each the card's width
        for above, below in zip(card, card[1:], strict=False):
            assert above["bottom"] <= below["top"] + 1
        assert len({(round(c["left"]), round(c["right"])) for c in card}) == 1
    labels = page.locator(".sr-proof td[data-label]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert set(labels) == {'"Proof"', '"How I would do it here"'}
    assert page.locator(".sr-proof thead").bounding_box()["width"] <= 1  # for screen readers only


def test_the_chart_keeps_its_words_readable_on_a_phone(page: Any, base: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(base + "briefs/aapl-2017/", wait_until="networkidle")
    sizes = page.locator(".sr-chart svg text").evaluate_all(
        """texts => texts.map(t => [t.textContent,
            parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
            t.getBoundingClientRect().height])"""
    )
    assert len(sizes) >= 8
    small = [(text, round(px, 1), round(box, 1)) for text, px, box in sizes if px < 9 or box < 9]
    assert small == []


def test_the_dashboard_fits_a_phone(browser: Any, built_demo: Path) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto((built_demo / "build/private/index.html").as_uri())
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    actions = page.locator("section tbody td:nth-child(2)")
    assert actions.count() >= 3
    for cell in actions.all():
        box, section = cell.bounding_box(), cell.locator("xpath=ancestor::section").bounding_box()
        assert box["width"] >= 0.8 * section["width"]  # a line of its own, not a narrow column
        assert float(cell.evaluate("c => getComputedStyle(c).fontSize").rstrip("px")) >= 14
    require_tool(AXE.is_file(), "axe-core (npm, in tests/tools)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [v["id"] for v in result["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == []
    context.close()


# ---------------------------------------------------------------------------
# Palettes other than the demo's: no serious violation in the light scheme or the dark one,
# search results and a phone's navigation drawer open included.

# A white-on-teal header (3.76:1 in Material), a dark-on-yellow one whose links are yellow,
# a light colour Material writes white on; accents that are light on white or dark on slate.
PALETTES = [("teal", "amber"), ("yellow", "lime"), ("light green", "deep purple")]
PALETTE_PAGES = ["", "achievements/close-automation/", "for/northwind-equity-research/"]
PALETTE_SCHEMES = {"light": "default", "dark": "slate"}
FILLED_BUTTONS = {"", "for/northwind-equity-research/"}


@pytest.fixture(scope="module", params=PALETTES, ids=lambda p: "-".join(p).replace(" ", "_"))
def palette_site(request: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo built with another palette (PDFs too: their buttons are filled in the primary)."""
    primary, accent = request.param
    root = copy_demo(tmp_path_factory.mktemp("palette"))
    settings = (root / "site.yml").read_text("utf-8")
    changed = re.sub(r"(?m)^palette: .*$", f"palette: {{primary: {primary}, accent: {accent}}}",
                     settings)  # fmt: skip
    assert changed != settings
    (root / "site.yml").write_text(changed, "utf-8")
    assert main(["build", "--root", str(root)]) == 0
    handler = partial(_SubPath, directory=str(root / "build/site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}/"
    server.shutdown()


def _serious(page: Any) -> list[tuple[str, str, list[Any]]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [(n["target"], n["failureSummary"]) for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in {"serious", "critical"}]  # fmt: skip


@pytest.mark.parametrize("scheme", PALETTE_SCHEMES)
def test_another_palette_passes_axe_in_either_scheme(
    browser: Any,
    palette_site: str,
    scheme: str,
) -> None:
    require_tool(AXE.is_file(), "axe-core (npm, in tests/tools)")
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for path in PALETTE_PAGES:
        page.goto(palette_site + path, wait_until="networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == PALETTE_SCHEMES[scheme]
        if path in FILLED_BUTTONS:  # the PDF's download, in the primary colour
            assert page.locator(".md-button--primary").count() > 0
        found[path] = _serious(page)
    page.goto(palette_site, wait_until="networkidle")
    page.keyboard.press("/")  # search, with the words it found marked in the accent
    page.keyboard.type("reconciliations", delay=20)
    page.wait_for_selector(".md-search-result mark", timeout=10000)
    found["search"] = _serious(page)
    page.set_viewport_size({"width": 390, "height": 800})  # a phone, the navigation drawer open
    page.goto(palette_site + PALETTE_PAGES[1], wait_until="networkidle")
    page.click(".md-header label[for=__drawer]")
    page.wait_for_selector(".md-nav--primary .md-nav__title", state="visible")
    found["drawer"] = _serious(page)
    context.close()
    assert found == {where: [] for where in found}
