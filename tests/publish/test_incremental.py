"""Incremental builds: unchanged outputs are reused, a changed story re-renders only its PDFs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from builder.build import BuildOptions, build
from tests.conftest import REPO, copy_demo, snapshot, text_of


def inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.pdf")}


def test_a_build_with_nothing_changed_writes_nothing(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = copy_demo(tmp_path)
    assert run("build", "--root", root).code == 0
    before = snapshot(root / "build")
    stamps = {p: p.stat().st_mtime_ns for p in (root / "build").rglob("*")}
    second = run("build", "--root", root)
    assert second.code == 0 and "Nothing changed since the last build" in second.err
    assert snapshot(root / "build") == before
    assert {p: p.stat().st_mtime_ns for p in (root / "build").rglob("*")} == stamps


def test_one_changed_story_re_renders_only_the_pdfs_that_show_it(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    options = BuildOptions(jobs=2)
    first = build(root, options)
    total = first.pdfs_rendered
    assert total == 10 and first.pdfs_reused == 0
    site = root / "build"
    before = inodes(site)
    story = root / "content/achievements/ppa-pricing.md"
    story.write_text(story.read_text().replace(
        "title: PPA pricing model for corporate power contracts",
        "title: Pricing model for long-term corporate power contracts"), "utf-8")  # fmt: skip
    second = build(root, options)
    after = inodes(site)
    changed = {name for name in after if after[name] != before.get(name)}
    showing = {
        name
        for name in after
        if "Pricing model for long-term corporate power" in text_of(site / name)
    }
    assert changed == showing and "site/pdf/profile.pdf" in changed
    assert "private/northwind-equity-research/prep.pdf" in changed
    assert "site/pdf/samples/recon-script.pdf" not in changed
    assert second.pdfs_rendered == len(changed) and second.pdfs_reused == total - len(changed)
    assert not second.site_reused


def test_a_private_edit_rebuilds_neither_site_nor_pdfs(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    build(root, BuildOptions())
    app = root / "content/applications/northwind-equity-research.md"
    app.write_text(app.read_text() + "\nOne more private note after the interview.\n", "utf-8")
    report = build(root, BuildOptions())
    assert not report.unchanged and report.site_reused and report.pdfs_rendered == 0


def test_clean_renders_everything_again(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    build(root, BuildOptions())
    report = build(root, BuildOptions(clean=True))
    assert report.pdfs_rendered == 10 and not report.site_reused and not report.unchanged


def test_a_changed_theme_file_counts_as_a_change(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    build(root, BuildOptions())
    (root / "themes/default/locales").mkdir(parents=True)
    (root / "themes/default/locales/en.yml").write_text("pdf:\n  why_me: Why I fit\n", "utf-8")
    report = build(root, BuildOptions())
    assert report.pdfs_rendered == 2  # the two leave-behinds carry that heading
    assert "why i fit" in text_of(root / "build/site/pdf/for/lumen-fpa.pdf").lower()


# ---------------------------------------------------------------------------
# The site, page by page


def _linked(path: Path, keep: Path) -> tuple[Path, bytes]:
    """A second name for a file of the last build, to see whether anything writes through it."""
    os.link(path, keep)
    return keep, keep.read_bytes()


def test_one_changed_story_renders_that_page_alone_and_the_site_is_as_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    root = copy_demo(tmp_path)
    options = BuildOptions(pdf=False)
    first = build(root, options)
    assert first.pages_rendered == first.pages and first.pages_reused == 0
    site = root / "build/site"
    page = site / "achievements/close-automation/index.html"
    kept = [_linked(page, tmp_path / "page.html"),
            _linked(site / "search/search_index.json", tmp_path / "index.json"),
            _linked(site / "achievements/index.html", tmp_path / "achievements.html")]  # fmt: skip
    story = root / "content/achievements/close-automation.md"
    story.write_text(story.read_text("utf-8") + "\nThe Zanzibar ledger closed first.\n", "utf-8")

    second = build(root, options)

    assert (second.pages_rendered, second.pages_reused) == (1, second.pages - 1)
    assert "Zanzibar" in page.read_text("utf-8")
    entries = json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]
    found = {e["location"].split("#")[0] for e in entries if "Zanzibar" in e["text"]}
    assert found == {"achievements/close-automation/"}
    assert len({e["location"] for e in entries}) == len(entries)  # no page indexed twice
    for name, before in kept:  # the last build's files were linked, never written through
        assert name.read_bytes() == before
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy(root / "site.yml", fresh / "site.yml")
    shutil.copytree(root / "content", fresh / "content")
    build(fresh, options)
    assert snapshot(fresh / "build/site") == snapshot(site)


def test_a_changed_title_in_the_navigation_renders_every_page(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    build(root, BuildOptions(pdf=False))
    story = root / "content/achievements/ppa-pricing.md"
    story.write_text(story.read_text("utf-8").replace(
        "title: PPA pricing model for corporate power contracts",
        "title: Pricing model for long-term corporate power contracts"), "utf-8")  # fmt: skip
    report = build(root, BuildOptions(pdf=False))
    assert report.pages_reused == 0 and report.pages_rendered == report.pages
    home = (root / "build/site/index.html").read_text("utf-8")
    assert "Pricing model for long-term corporate power contracts" in home  # in every menu


def test_a_changed_attachment_alone_is_copied_again(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    build(root, BuildOptions(pdf=False))
    data = root / "content/samples/pvm-variance/pvm-result.csv"
    data.write_text(data.read_text("utf-8") + "total,0,0,0\n", "utf-8")
    report = build(root, BuildOptions(pdf=False))
    published = root / "build/site/samples/pvm-variance/pvm-result.csv"
    assert published.read_bytes() == data.read_bytes()
    assert not report.site_reused and report.pages_reused == report.pages - report.pages_rendered
    assert report.pages_rendered <= 1  # the sample's page shows the file's size


def test_the_engine_warnings_of_pages_taken_as_they_were_are_still_reported(
    tmp_path: Path,
) -> None:
    root = copy_demo(tmp_path)
    story = root / "content/achievements/rolling-forecast.md"
    story.write_text(story.read_text("utf-8") + "\nSee [the appendix](appendix.md).\n", "utf-8")
    first = build(root, BuildOptions(pdf=False))
    broken = [w for w in first.warnings if "appendix.md" in w]
    assert len(broken) == 1
    other = root / "content/achievements/close-automation.md"
    other.write_text(other.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    second = build(root, BuildOptions(pdf=False))
    assert second.pages_rendered == 1
    assert [w for w in second.warnings if "appendix.md" in w] == broken


def test_an_edited_template_is_used_at_once_though_compiled_templates_are_kept(
    tmp_path: Path,
) -> None:
    root = copy_demo(tmp_path)
    override = root / "themes/default/site/achievement.md"
    override.parent.mkdir(parents=True)
    builtin = (REPO / "themes/default/site/achievement.md").read_text("utf-8")
    override.write_text(builtin + "\nFirst closing line.\n", "utf-8")
    build(root, BuildOptions(pdf=False))
    assert any((root / "build/.cache/templates").rglob("*.cache"))
    override.write_text(builtin + "\nSecond closing line.\n", "utf-8")
    build(root, BuildOptions(pdf=False))
    page = (root / "build/site/achievements/close-automation/index.html").read_text("utf-8")
    assert "Second closing line." in page and "First closing line." not in page


def test_the_summary_says_how_many_pages_were_rendered_again(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = copy_demo(tmp_path)
    assert run("build", "--root", root, "--no-pdf").code == 0
    story = root / "content/achievements/close-automation.md"
    story.write_text(story.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    second = run("build", "--root", root, "--no-pdf")
    assert second.code == 0
    pages = len(list((root / "build/site").rglob("index.html")))
    assert f"Built {pages} pages (1 rendered, {pages - 1} unchanged)" in second.err
