"""`secondround deploy`, against local bare repositories."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder.render import pdf_engine
from tests.conftest import write


def git(*args: str | Path, cwd: Path | None = None) -> str:
    return subprocess.run(
        ["git", *map(str, args)], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    repo = tmp_path / "public.git"
    git("init", "--bare", "--quiet", repo)
    return repo


def published(bare: Path, branch: str = "gh-pages") -> set[str]:
    return set(git("--git-dir", bare, "ls-tree", "-r", "--name-only", branch).splitlines())


def commits(bare: Path, branch: str = "gh-pages") -> int:
    return int(git("--git-dir", bare, "rev-list", "--count", branch))


def site_files(root: Path) -> set[str]:
    site = root / "build/site"
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_deploy_publishes_exactly_the_site(tiny: Path, bare: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/references.yml", "- {id: ref, name: Rita Ref, email: rita@example.org}\n")
    assert run("build", "--root", tiny).code == 0
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 0 and "Published" in result.err
    files = published(bare)
    assert files == site_files(tiny)
    assert ".nojekyll" in files and "index.html" in files and "pdf/profile.pdf" in files
    assert not any(name.endswith((".eml", ".ics")) or name.startswith("private") for name in files)
    assert commits(bare) == 1


def test_a_second_deploy_adds_one_commit_and_nothing_changed_adds_none(
    tiny: Path, bare: Path, run
) -> None:  # type: ignore[no-untyped-def]
    assert run("build", "--root", tiny).code == 0
    assert run("deploy", "--root", tiny, "--remote", bare).code == 0
    write(
        tiny,
        "content/achievements/new-story.md",
        "---\ntitle: New story\nresult: Saved 4 hours a week\n---\n",
    )
    assert run("build", "--root", tiny).code == 0
    assert run("deploy", "--root", tiny, "--remote", bare, "--message", "Add a story").code == 0
    assert commits(bare) == 2
    assert "achievements/new-story/index.html" in published(bare)
    assert git("--git-dir", bare, "log", "-1", "--format=%s", "gh-pages").strip() == "Add a story"
    again = run("deploy", "--root", tiny, "--remote", bare)
    assert again.code == 0 and "Nothing changed" in again.err
    assert commits(bare) == 2


def test_deploy_uses_site_yml_and_cname(tiny: Path, bare: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(
        tiny,
        "site.yml",
        f"title: T\nurl: https://t.example.com/\ndeploy: {{repository: {bare}, branch: pages, cname: t.example.com}}\n",
    )
    assert run("build", "--root", tiny).code == 0
    assert run("deploy", "--root", tiny).code == 0
    assert "CNAME" in published(bare, "pages")
    assert git("--git-dir", bare, "show", "pages:CNAME") == "t.example.com\n"


def test_the_candidates_repository_is_untouched(tiny: Path, bare: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, ".gitignore", "build/\n")
    git("init", "--quiet", "-b", "main", cwd=tiny)
    git(
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@e.x",
        "commit",
        "--allow-empty",
        "-q",
        "-m",
        "start",
        cwd=tiny,
    )
    git("remote", "add", "origin", bare, cwd=tiny)
    write(tiny, "notes.txt", "work in progress")
    git("add", "notes.txt", cwd=tiny)
    before = (
        git("status", "--porcelain", cwd=tiny),
        git("branch", "--list", cwd=tiny),
        git("rev-parse", "HEAD", cwd=tiny),
    )
    assert run("build", "--root", tiny).code == 0
    assert run("deploy", "--root", tiny).code == 0  # no deploy.repository: origin
    after = (
        git("status", "--porcelain", cwd=tiny),
        git("branch", "--list", cwd=tiny),
        git("rev-parse", "HEAD", cwd=tiny),
    )
    assert before == after
    assert published(bare)


def test_refuses_without_a_build(tiny: Path, bare: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1 and "no build" in result.err and "secondround build" in result.err


def test_refuses_a_build_older_than_the_content_and_says_what_differs(
    tiny: Path, bare: Path, run
) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/achievements/gone.md", "---\ntitle: Gone\nresult: 2 days saved\n---\n")
    assert run("build", "--root", tiny).code == 0
    write(tiny, "content/achievements/late.md", "---\ntitle: Late\nresult: 3 days saved\n---\n")
    (tiny / "content/achievements/gone.md").unlink()
    profile = tiny / "content/profile.md"
    profile.write_text(profile.read_text().replace("carefully", "very carefully"))
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1
    assert (
        "the build in build/ is not the site the sources make now:"
        " changed since the build: content/profile.md;"
        " added since the build: content/achievements/late.md;"
        " removed since the build: content/achievements/gone.md"
        " — run `secondround build` again, then deploy"
    ) in " ".join(result.err.split())
    assert git("--git-dir", bare, "branch", "--list").strip() == ""
    assert run("build", "--root", tiny).code == 0
    assert run("deploy", "--root", tiny, "--remote", bare).code == 0


def test_a_changed_site_option_or_theme_is_named(tiny: Path, bare: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("build", "--root", tiny).code == 0
    site = tiny / "site.yml"
    site.write_text(site.read_text() + "applications: {pages: listed}\n")
    write(tiny, "themes/default/locales/en.yml", "pdf:\n  why_me: Why I fit\n")
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1
    err = " ".join(result.err.split())
    assert "changed since the build: site.yml" in err
    assert "added since the build: themes/default/locales/en.yml" in err
    assert "site.yml option applications.pages was unlisted at the build, now listed" in err


def edit_manifest(root: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Make the recorded build look as if it had been made by other software."""
    path = root / "build/.cache/manifest.json"
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")


def test_a_build_made_with_other_versions_is_refused_and_rebuilt(
    tiny: Path, bare: Path, run
) -> None:  # type: ignore[no-untyped-def]
    assert run("build", "--root", tiny).code == 0
    installed = json.loads((tiny / "build/.cache/manifest.json").read_text())["inputs"]["versions"]

    def older(data: dict[str, Any]) -> None:
        data["inputs"]["versions"]["mkdocs"] = "0.9.0"
        data["inputs"]["program"]["builder/load/prices.py"] = "0" * 64

    edit_manifest(tiny, older)
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1
    err = " ".join(result.err.split())
    assert "secondround itself changed: builder/load/prices.py" in err
    assert f"mkdocs was 0.9.0 at the build, {installed['mkdocs']} now" in err
    again = run("build", "--root", tiny)  # what deploy refuses, build does not call current
    assert again.code == 0 and "Nothing changed" not in again.err
    assert run("deploy", "--root", tiny, "--remote", bare).code == 0


def test_a_quick_preview_is_not_published(tiny: Path, bare: Path, run) -> None:  # type: ignore[no-untyped-def]
    from builder.build import BuildOptions, build

    assert run("build", "--root", tiny).code == 0
    build(tiny, BuildOptions(pdf=False, preview=True))  # what `serve` does on every save
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1 and "quick preview by `secondround serve`" in result.err
    again = run("build", "--root", tiny)
    assert again.code == 0 and "Nothing changed" not in again.err
    assert run("deploy", "--root", tiny, "--remote", bare).code == 0


def test_the_refusal_speaks_spanish(tiny: Path, bare: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", "title: T\nurl: https://t.github.io/\nlanguage: es\n")
    assert run("deploy", "--root", tiny, "--remote", bare).err.startswith(
        "error no hay ninguna construcción en build/ — ejecuta antes `secondround build`"
    )
    assert run("build", "--root", tiny).code == 0
    write(tiny, "content/achievements/late.md", "---\ntitle: Late\nresult: 3 days saved\n---\n")
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1 and (
        "la construcción de build/ no es el sitio que generan ahora las fuentes:"
        " añadidos desde la construcción: content/achievements/late.md"
        " — vuelve a ejecutar `secondround build` y después despliega"
    ) in " ".join(result.err.split())
    assert run("build", "--root", tiny).code == 0
    published = run("deploy", "--root", tiny, "--remote", bare)
    assert published.code == 0 and "Publicación en " in published.err, published.err
    assert re.search(r"\): \d+ archivos, commit [0-9a-f]{12}\.", published.err), published.err
    again = run("deploy", "--root", tiny, "--remote", bare)
    assert "Nada ha cambiado desde la última publicación" in again.err, again.err


DAY = "1795910400"  # 2026-11-29 00:00 UTC
SAME_DAY = "1795950000"  # eleven hours later


def kit_day(epoch: str | None) -> dt.date:
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


@pytest.mark.parametrize(
    ("at_build", "at_deploy"), [(DAY, None), (None, DAY), (DAY, SAME_DAY), (DAY, DAY)]
)
def test_build_and_deploy_agree_whatever_source_date_epoch_says(
    tiny: Path,
    bare: Path,
    run,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    at_build: str | None,
    at_deploy: str | None,
) -> None:
    """SOURCE_DATE_EPOCH dates the private kit (and, with fontTools, the fonts in PDFs); it
    never makes deploy call the published site stale, and build and deploy never disagree."""

    def environment(value: str | None) -> None:
        if value is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", value)

    environment(at_build)
    assert run("build", "--root", tiny).code == 0
    environment(at_deploy)
    first = run("deploy", "--root", tiny, "--remote", bare)
    assert first.code == 0 and "Published" in first.err, first.err
    again = run("build", "--root", tiny)
    assert again.code == 0
    second = run("deploy", "--root", tiny, "--remote", bare)
    assert second.code == 0, second.err
    stamped = pdf_engine.stamp(1) != ""  # fontTools writes the time into the fonts it subsets
    same_time = at_build == at_deploy or not stamped
    unchanged = kit_day(at_build) == kit_day(at_deploy) and same_time
    assert ("Nothing changed since the last build" in again.err) == unchanged, again.err
    if not stamped:  # then the published site does not depend on the variable at all
        assert "Nothing changed since the last deploy" in second.err and commits(bare) == 1


def test_refuses_when_the_site_leaks(tiny: Path, bare: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("build", "--root", tiny).code == 0
    page = tiny / "build/site/index.html"
    page.write_text(page.read_text() + "<!-- +34 699 000 111 -->")
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1 and "+34 699 000 111" in result.err
    assert git("--git-dir", bare, "branch", "--list").strip() == ""


def test_owner_name_becomes_a_github_url(tiny: Path) -> None:
    from builder.publish.deploy import remote_url

    assert remote_url(tiny, "ana/ana.github.io") == "https://github.com/ana/ana.github.io.git"
    assert remote_url(tiny, "git@github.com:ana/site.git") == "git@github.com:ana/site.git"
