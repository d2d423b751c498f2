"""Fixtures that build on each other: a tiny portfolio → the demo portfolio → a built site."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.app.cli import main

REPO = Path(__file__).resolve().parent.parent


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return path


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the CLI in-process and capture what it prints."""

    def invoke(*argv: str | Path) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


TINY_SITE = """
title: "Test Person — Analyst"
url: https://tester.github.io/portfolio/
"""

TINY_PROFILE = """
---
name: Test Person
headline: Analyst who counts things
email: test@example.com
links:
  GitHub: https://github.com/tester
private:
  phone: "+34 699 000 111"
---
I count things carefully.
"""

TINY_ACHIEVEMENT = """
---
title: Faster reporting
result: Report cut from 5 to 2 days
date: 2024-06
skills: [SQL]
metrics:
  - Report time −60%
situation: Reports were slow.
task: Make them fast.
action: Rewrote the queries.
---
The longer story.
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """The smallest valid portfolio: site.yml, a profile and one achievement."""
    root = tmp_path / "tiny"
    write(root, "site.yml", TINY_SITE)
    write(root, "content/profile.md", TINY_PROFILE)
    write(root, "content/achievements/faster-reporting.md", TINY_ACHIEVEMENT)
    return root


def copy_demo(folder: Path) -> Path:
    """A private copy of the demo candidate shipped with the repository."""
    root = folder / "demo"
    root.mkdir()
    shutil.copy(REPO / "site.yml", root / "site.yml")
    shutil.copytree(REPO / "content", root / "content")
    return root


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return copy_demo(tmp_path)


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built once for all read-only tests of the output."""
    root = copy_demo(tmp_path_factory.mktemp("built"))
    assert main(["build", "--root", str(root)]) == 0
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove a failed build changed nothing."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


TOOLS = REPO / "tests" / "tools"


def require_tool(available: bool, what: str) -> None:
    """Tests that need an outside tool skip without it on a developer's machine, but fail in CI,
    where .ci/run installs everything."""
    if available:
        return
    message = f"{what} is not installed (bash .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
