"""`secondround deploy`, against local bare repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

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


def test_refuses_a_build_older_than_the_content(tiny: Path, bare: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("build", "--root", tiny).code == 0
    write(tiny, "content/achievements/late.md", "---\ntitle: Late\nresult: 3 days saved\n---\n")
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1 and "older than the content" in result.err
    assert git("--git-dir", bare, "branch", "--list").strip() == ""


def test_refuses_when_the_site_leaks(tiny: Path, bare: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("build", "--root", tiny).code == 0
    page = tiny / "build/site/index.html"
    page.write_text(page.read_text() + "<!-- +34 699 000 111 -->")
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1 and "+34 699 000 111" in result.err
    assert git("--git-dir", bare, "branch", "--list").strip() == ""


def test_owner_name_becomes_a_github_url(tiny: Path) -> None:
    from builder.deploy import remote_url

    assert remote_url(tiny, "ana/ana.github.io") == "https://github.com/ana/ana.github.io.git"
    assert remote_url(tiny, "git@github.com:ana/site.git") == "git@github.com:ana/site.git"
