"""Robustness: reproducible trees, atomic swaps under SIGKILL, serialised builds, hostile text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import copy_demo, snapshot, write

EPOCH = "1795564800"  # 2026-11-25


def test_two_builds_give_identical_trees(
    tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = copy_demo(tmp_path)
    assert run("build", "--root", root, "--out", tmp_path / "one").code == 0
    assert run("build", "--root", root, "--out", tmp_path / "three", "--jobs", "1").code == 0
    for part in ("site", "private"):
        one, three = snapshot(tmp_path / "one" / part), snapshot(tmp_path / "three" / part)
        assert one.keys() == three.keys()
        different = [name for name in one if one[name] != three[name]]
        assert different == [], different
    names = snapshot(tmp_path / "one").keys()
    assert {"site/search/search_index.json", "site/sitemap.xml", "private/calendar.ics", "site/pdf/profile.pdf",
            "private/northwind-equity-research/followup-claire-whitmore.eml"} <= set(names)  # fmt: skip


def test_source_date_epoch_sets_the_day_of_the_private_kit(
    tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = copy_demo(tmp_path)
    assert run("build", "--root", root).code == 0
    board = (root / "build/private/index.html").read_text("utf-8")
    assert "Status on Wednesday 25 November 2026" in board
    assert b"DTSTAMP:20261125T000000Z" in (root / "build/private/calendar.ics").read_bytes()


def _build_in_background(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "builder", "build", "--root", str(root), "--jobs", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def test_a_killed_build_leaves_the_old_site_or_the_new_one(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = copy_demo(tmp_path)
    assert run("build", "--root", root).code == 0
    old = snapshot(root / "build/site")
    story = root / "content/achievements/ppa-pricing.md"
    story.write_text(story.read_text().replace("PPA pricing model", "Pricing model"), "utf-8")
    (tmp_path / "reference").mkdir()
    reference = copy_demo(tmp_path / "reference")
    shutil_copy(story, reference / "content/achievements/ppa-pricing.md")
    assert run("build", "--root", reference).code == 0
    new = snapshot(reference / "build/site")
    assert new != old
    outcomes = set()
    for delay in (0.05, 0.3, 0.6, 0.9, 1.2, 1.6, 2.2):
        process = _build_in_background(root)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = snapshot(root / "build/site")
        assert now in (old, new), f"half-written site after {delay} s"
        outcomes.add("new" if now == new else "old")
        if now == new:  # start again from the old site to kill later builds too
            break
    assert "old" in outcomes
    assert run("build", "--root", root).code == 0  # leftovers and the lock do not get in the way
    assert snapshot(root / "build/site") == new


def shutil_copy(source: Path, target: Path) -> None:
    target.write_bytes(source.read_bytes())


def test_two_builds_at_once_are_serialised_with_a_clear_message(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    first = _build_in_background(root)
    deadline = time.monotonic() + 20
    while not list((root / "build").glob(".staging-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    second = subprocess.run([sys.executable, "-m", "builder", "build", "--root", str(root)],
                            capture_output=True, text=True, check=False)  # fmt: skip
    first.wait()
    assert first.returncode == 0
    assert second.returncode == 1 and "another build is writing" in second.stderr


def test_posting_text_never_becomes_markup_in_a_pdf(tiny: Path) -> None:
    from builder.analyse.analysis import analyse
    from builder.core.words import load_locale
    from builder.load.read import load
    from builder.plan.site import plan_pdfs
    from builder.render.pages import render_pdf
    from builder.render.theme import Theme

    write(
        tiny,
        "content/applications/evil.md",
        """---
company: "Evil <b>Corp</b>"
role: "<img src=x onerror=alert(1)>"
requirements:
  - {id: xss, text: "SQL <script>alert(1)</script>", evidence: [faster-reporting]}
---
""",
    )
    portfolio = load(tiny)
    theme = Theme(tiny, "default", load_locale(tiny, "default", "en"))
    doc = next(
        d
        for d in plan_pdfs(portfolio, analyse(portfolio), theme.locale)
        if d.target == "pdf/for/evil.pdf"
    )
    html = render_pdf(theme, doc).html
    assert "<script>" not in html and "<img src=x" not in html and "<b>Corp</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_candidates_own_markdown_keeps_working(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/achievements/faster-reporting.md",
          (tiny / "content/achievements/faster-reporting.md").read_text().replace(
              "The longer story.", "The **longer** story, with [a link](https://example.com/x)."))  # fmt: skip
    assert run("build", "--root", tiny).code == 0
    page = (tiny / "build/site/achievements/faster-reporting/index.html").read_text()
    assert (
        "<strong>longer</strong>" in page and '<a href="https://example.com/x">a link</a>' in page
    )


def test_kill_leftovers_are_cleared(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = copy_demo(tmp_path)
    (root / "build/.staging-dead/site").mkdir(parents=True)
    assert run("build", "--root", root, "--no-pdf").code == 0
    assert not (root / "build/.staging-dead").exists()
    assert os.path.isdir(root / "build/site")
