"""The command line as a user meets it: exit statuses, messages, JSON, scaffolding."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builder.app.commands import build as build_command
from tests.conftest import write


def test_check_passes_on_the_demo(demo: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--root", demo, "--strict")
    assert result.code == 0, result.err
    assert "warning" not in result.err


def test_check_json_reports_counts(demo: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--root", demo, "--format", "json")
    report = json.loads(result.out)
    assert report["ok"] is True and report["errors"] == []
    assert report["counts"]["achievements"] >= 7 and report["counts"]["applications"] == 2


def test_check_json_lists_every_error_with_its_location(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/achievements/a.md", "---\ntitle: A\nresult: 2x\ncolour: red\n---\n")
    write(tiny, "content/profile.md", "---\nname: X\nemail: nope\n---\n")
    result = run("check", "--root", tiny, "--format", "json")
    assert result.code == 1
    errors = json.loads(result.out)["errors"]
    assert [(e["path"], e["line"], e["field"]) for e in errors] == [
        ("content/achievements/a.md", 4, "colour"),
        ("content/profile.md", 3, "email"),
    ]


def test_unquantified_story_is_a_warning_and_strict_fails(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/achievements/soft.md", "---\ntitle: Soft\nresult: Happier team\n---\n")
    relaxed = run("check", "--root", tiny)
    assert relaxed.code == 0
    assert "content/achievements/soft.md:3:1: result: is not quantified" in relaxed.err
    assert run("check", "--root", tiny, "--strict").code == 1


def test_root_is_found_from_a_subfolder(tiny: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tiny / "content" / "achievements")
    assert run("check").code == 0


def test_root_and_debug_count_before_the_command_name(
    tiny: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = run("--root", tiny, "check")
    assert result.code == 0 and "1 achievement" in result.err, result.err


def test_no_site_yml_is_a_clear_error(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.code == 1
    assert "no site.yml found" in result.err and "secondround init" in result.err


def test_usage_error_exits_2(run) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        run("build", "--jobs", "0")
    assert exit_info.value.code == 2


def test_reminder_to_keep_the_repository_private(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--root", tiny)
    assert result.err.count("keep this repository private") == 1
    write(
        tiny,
        "site.yml",
        "title: T\nurl: https://t.github.io/\ndeploy: {repository: t/t.github.io}\n",
    )
    assert "keep this repository private" not in run("check", "--root", tiny).err


def test_internal_error_is_short_with_a_hint_and_a_distinct_status(
    tiny: Path,
    run,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(build_command, "build", explode)
    result = run("build", "--root", tiny)
    assert result.code == 3
    assert "--debug" in result.err and "Traceback" not in result.err
    debug = run("build", "--root", tiny, "--debug")
    assert debug.code == 3 and "Traceback" in debug.err


def test_init_scaffolds_a_portfolio_that_builds(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    for language, word in (("en", "Selected results"), ("es", "Resultados destacados")):
        target = tmp_path / language
        assert run("init", target, "--language", language).code == 0
        assert "build/" in (target / ".gitignore").read_text().splitlines()
        assert run("check", "--root", target, "--strict").code == 0
        assert run("build", "--root", target).code == 0
        home = (target / "build/site/index.html").read_text("utf-8")
        assert word in home and f'lang="{language}"' in home


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, "x/keep.txt", "mine")
    result = run("init", tmp_path / "x")
    assert result.code == 1 and "not empty" in result.err
    assert (tmp_path / "x/keep.txt").read_text() == "mine"


def test_the_installed_command_reports_bad_content_without_traceback(tiny: Path) -> None:
    write(tiny, "content/achievements/bad.md", "---\ntitle: B\nresult: [1, 2\n---\n")
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--root", str(tiny)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "content/achievements/bad.md:3:" in done.stderr and "close the" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tiny / "build").exists()


def test_build_prints_a_one_line_summary_and_hides_the_engine_log(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("build", "--root", tiny)
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert lines[-1].startswith("Built ") and "pages" in lines[-1]
    assert "INFO" not in result.err and "mkdocs" not in result.err.lower()


def test_counts_take_the_form_their_number_needs_in_both_languages(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    """'1 briefs' and '1 problems' read as a machine wrote them; each count has its forms."""
    from builder.core.words import load_locale

    for language, one, many in (
        ("en", "1 brief", "2 briefs"),
        ("es", "1 informe", "2 informes"),
    ):
        t = load_locale(tiny, "default", language)
        assert t("counts.briefs", count=1) == one and t("counts.briefs", count=2) == many
        assert t("counts.pages", count=0) == ("0 pages" if language == "en" else "0 páginas")
    summary = run("check", "--root", tiny).err
    assert "1 achievement, 0 samples, 0 briefs, 0 applications, 0 references" in summary
    built = run("build", "--root", tiny, "--jobs", "1").err
    assert re.search(r"Built \d+ pages and 1 PDF \(1 rendered, 0 unchanged\) into ", built), built
    site = tiny / "site.yml"
    site.write_text(site.read_text("utf-8") + "language: es\n", "utf-8")
    again = run("build", "--root", tiny, "--jobs", "1").err
    assert re.search(
        r"Sitio construido: \d+ páginas y 1 PDF \(1 generado, 0 sin cambios\) en ", again
    ), again
    assert (
        "1 logro, 0 muestras, 0 informes, 0 candidaturas, 0 referencias"
        in run("check", "--root", tiny).err
    )
    story = tiny / "content/achievements/faster-reporting.md"
    story.write_text(story.read_text("utf-8").replace("date: 2024-06", "date: someday"), "utf-8")
    assert "1 problema encontrado" in run("build", "--root", tiny).err
