"""Fixtures that build on each other: a tiny portfolio → the demo portfolio → a built site."""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import re
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from builder.app.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


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


# ---------------------------------------------------------------------------
# Reading outputs as their readers do


def text_of(path: Path) -> str:
    """The text a reader (or an applicant-tracking system) extracts, words joined across lines."""
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)


def links_of(path: Path) -> list[str]:
    links = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                links.append(str(action["/URI"]))
    return links


# ---------------------------------------------------------------------------
# An application and references with a marker in every private field

MARKED_APPLICATION = """
---
company: Acme Analytics
role: Data Analyst
location: Remote
motivation: I like the product.
requirements:
  - id: sql
    text: Strong SQL
    evidence: [faster-reporting]
    plan: Write the queries.
status: second-round
applied: 2019-03-17
interviews:
  - date: 2019-03-21T09:47
    round: 1
    interviewers:
      - name: Marker Interviewername Qx
        id: marker-interviewer-id-qx
        role: Marker Interviewer Role Qx
        email: marker.interviewer.qx@example.com
        priorities: [sql]
        concerns: [Marker concern about tenure qx]
        notes: Marker interviewer notes qx 001
        followup_sent: 2019-03-22
contacts:
  - name: Marker Contactname Qx
    relation: Marker relation qx 002
    channel: Marker channel qx 003
    contacted: 2019-03-02
    notes: Marker contact notes qx 004
references: [marker-ref-qx]
questions: [Marker question to ask qx 005]
---
Marker private body notes qx 006, never to be published.
"""

MARKED_REFERENCES = """
- id: marker-ref-qx
  name: Marker Referencename Qx
  relation: Marker reference relation qx 007
  email: marker.reference.qx@example.com
  phone: "+34 600 999 888"
  can_speak_to: [Marker speaks to qx 008]
"""

MARKERS = [
    "2019-03-17", "2019-03-21", "2019-03-22", "2019-03-02", "second-round",
    "Interviewername", "marker-interviewer-id-qx", "Marker Interviewer Role", "marker.interviewer.qx",
    "concern about tenure", "interviewer notes", "Contactname", "relation qx", "channel qx",
    "contact notes", "marker-ref-qx", "Referencename", "reference relation", "marker.reference.qx",
    "600 999 888", "speaks to qx", "question to ask", "private body notes", "699 000 111",
]  # fmt: skip


# ---------------------------------------------------------------------------
# Price figures computed independently of the builder


def numpy_figures(path: Path, target: float, as_of: dt.date | None = None) -> dict[str, object]:
    """The figures of a note computed from the raw file with numpy, independently of builder.prices:
    cut at the last step longer than two weeks, then the 52-week window if a year is left."""
    with path.open(newline="") as handle:
        rows = sorted(
            (dt.date.fromisoformat(r["Date"]), float(r["Close"]), float(r["Adj Close"]))
            for r in csv.DictReader(handle)
        )
    rows = [r for r in rows if as_of is None or r[0] <= as_of]
    days = np.array([r[0].toordinal() for r in rows])
    close, adjusted = np.array([r[1] for r in rows]), np.array([r[2] for r in rows])
    steps = np.nonzero(np.diff(days) > 14)[0]
    start = steps[-1] + 1 if len(steps) else 0
    days, close, adjusted = days[start:], close[start:], adjusted[start:]
    cutoff = days[-1] - 365
    full_year = bool(days[0] <= cutoff)
    base = np.nonzero(days <= cutoff)[0][-1] if full_year else 0
    window = days >= cutoff if full_year else np.ones(len(days), dtype=bool)
    log_returns = np.diff(np.log(adjusted[base:]))
    return {
        "first": dt.date.fromordinal(int(days[0])),
        "last": dt.date.fromordinal(int(days[-1])),
        "full_year": full_year,
        "upside": target / close[-1] - 1,
        "high": close[window].max(),
        "low": close[window].min(),
        "return": adjusted[-1] / adjusted[base] - 1,
        "volatility": log_returns.std(ddof=1) * math.sqrt(252) if len(log_returns) > 1 else None,
        "drawdown": (adjusted / np.maximum.accumulate(adjusted) - 1).min(),
    }
