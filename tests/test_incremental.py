"""Incremental builds: unchanged outputs are reused, a changed story re-renders only its PDFs."""

from __future__ import annotations

from pathlib import Path

from builder.build import BuildOptions, build
from tests.conftest import copy_demo, snapshot
from tests.test_pdf import text_of


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
