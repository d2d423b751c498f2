"""Palettes other than the demo's, in headless Chromium: axe-core finds no serious violation
in the light scheme or the dark one, search results open included."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from typing import Any

import pytest

from builder.app.cli import main
from tests.conftest import copy_demo, require_tool
from tests.render.test_browser import AXE, PREFIX, _SubPath, browser  # noqa: F401 (a fixture)

# A white-on-teal header (3.76:1 in Material), a dark-on-yellow one whose links are yellow,
# a light colour Material writes white on; accents that are light on white or dark on slate.
PALETTES = [("teal", "amber"), ("yellow", "lime"), ("light green", "deep purple")]
PAGES = ["", "achievements/close-automation/", "for/northwind-equity-research/"]
SCHEMES = {"light": "default", "dark": "slate"}
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


@pytest.mark.parametrize("scheme", SCHEMES)
def test_another_palette_passes_axe_in_either_scheme(
    browser: Any,  # noqa: F811
    palette_site: str,
    scheme: str,
) -> None:
    require_tool(AXE.is_file(), "axe-core (npm, in tests/tools)")
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(palette_site + path, wait_until="networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        if path in FILLED_BUTTONS:  # the PDF's download, in the primary colour
            assert page.locator(".md-button--primary").count() > 0
        found[path] = _serious(page)
    page.goto(palette_site, wait_until="networkidle")
    page.keyboard.press("/")  # search, with the words it found marked in the accent
    page.keyboard.type("reconciliations", delay=20)
    page.wait_for_selector(".md-search-result mark", timeout=10000)
    found["search"] = _serious(page)
    context.close()
    assert found == {where: [] for where in found}
