"""`secondround serve`: rebuild on edit, reload the page, show errors, keep running."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.app.serve import RELOAD, VERSION_PATH, Preview


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — a local test server
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def wait_for(condition, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def preview(tiny: Path) -> Iterator[Preview]:
    lines: list[str] = []
    server = Preview(tiny, "127.0.0.1", 0, 1, lines.append)
    server.start()
    server.lines = lines  # type: ignore[attr-defined]
    yield server
    server.stop()


def test_serves_the_site_with_a_reload_script(preview: Preview) -> None:
    status, page = get(preview.url)
    assert status == 200 and "Test Person" in page and RELOAD in page
    status, version = get(preview.url.rstrip("/") + VERSION_PATH)
    assert status == 200 and version.isdigit()
    status, story = get(preview.url + "achievements/faster-reporting/")
    assert status == 200 and "Rewrote the queries" in story


def test_an_edit_is_rebuilt_and_bumps_the_version(preview: Preview, tiny: Path) -> None:
    version = get(preview.url.rstrip("/") + VERSION_PATH)[1]
    story = tiny / "content/achievements/faster-reporting.md"
    story.write_text(
        story.read_text().replace("Rewrote the queries.", "Rewrote every query by hand.")
    )
    wait_for(lambda: get(preview.url.rstrip("/") + VERSION_PATH)[1] != version)
    assert "Rewrote every query by hand." in get(preview.url + "achievements/faster-reporting/")[1]


def test_an_error_is_shown_and_the_server_keeps_running(preview: Preview, tiny: Path) -> None:
    story = tiny / "content/achievements/faster-reporting.md"
    good = story.read_text()
    story.write_text(good.replace("date: 2024-06", "date: someday"))
    wait_for(lambda: get(preview.url)[0] == 500)
    status, page = get(preview.url)
    assert "content/achievements/faster-reporting.md:4:1: date:" in page and RELOAD in page
    assert any("faster-reporting.md:4:1" in line for line in preview.lines)  # type: ignore[attr-defined]
    assert (tiny / "build/site/index.html").is_file()  # the last good build is kept
    story.write_text(good)
    wait_for(lambda: get(preview.url)[0] == 200)
    assert "Test Person" in get(preview.url)[1]


def test_pdfs_follow_in_the_background(preview: Preview, tiny: Path) -> None:
    wait_for(lambda: (tiny / "build/site/pdf/profile.pdf").is_file())
    status, _ = get(preview.url + "pdf/profile.pdf")
    assert status == 200
