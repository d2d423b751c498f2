"""Coverage in `check`: every requirement answered with public, quantified proof."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import snapshot, write

APP = """
---
company: Acme
role: Analyst
requirements:
  - id: sql
    text: Strong SQL
    evidence: [faster-reporting]
  - id: people
    text: Leads people
    evidence: [soft-story]
  - id: python
    text: Python
  - id: cloud
    text: Cloud
    kind: nice
  - id: secret-work
    text: Discretion
    kind: nice
    evidence: [hidden]
---
"""

SOFT = "---\ntitle: Team lead\nresult: The team was happier\n---\n"
HIDDEN = "---\ntitle: Hidden\nresult: Saved 3 days\nvisibility: private\n---\n"


def portfolio_with_app(tiny: Path) -> Path:
    write(tiny, "content/achievements/soft-story.md", SOFT)
    write(tiny, "content/achievements/hidden.md", HIDDEN)
    write(tiny, "content/applications/acme.md", APP)
    return tiny


def test_coverage_report_in_json(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--root", portfolio_with_app(tiny), "--format", "json")
    report = json.loads(result.out)
    cover = report["coverage"]["acme"]
    assert (cover["total"], cover["covered"]) == (5, 2)
    assert cover["uncovered_must"] == ["python"]
    assert cover["unquantified_evidence"] == ["soft-story"]
    assert cover["private_evidence"] == ["hidden"]
    by_id = {r["id"]: r for r in cover["requirements"]}
    assert by_id["secret-work"]["covered"] is False and by_id["sql"]["covered"] is True


def test_private_evidence_fails_check_and_build_with_its_location(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = portfolio_with_app(tiny)
    check = run("check", "--root", root)
    assert check.code == 1
    assert (
        "content/applications/acme.md:19:16: requirements[4].evidence[0]: 'hidden' is private"
        in check.err
    )
    assert not (root / "build").exists()
    assert run("build", "--root", root).code == 1
    assert not (root / "build").exists()


def test_strict_fails_on_an_uncovered_must_have(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = portfolio_with_app(tiny)
    write(root, "content/applications/acme.md", APP.replace("evidence: [hidden]", "evidence: []"))
    relaxed = run("check", "--root", root)
    assert relaxed.code == 0
    assert (
        "content/applications/acme.md:11:5: requirements[2]: must-have 'python' has no evidence"
        in relaxed.err
    )
    assert (
        "coverage acme: 2 of 5 requirements covered; must-haves without evidence: python"
        in relaxed.err
    )
    assert run("check", "--root", root, "--strict").code == 1
    write(
        root,
        "content/applications/acme.md",
        APP.replace("evidence: [hidden]", "evidence: []").replace(
            "    text: Python\n", "    text: Python\n    evidence: [faster-reporting]\n"
        ),
    )
    strict = run("check", "--root", root, "--strict")
    assert "must-have" not in strict.err


def test_demo_covers_every_must_have(demo: Path, run) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(run("check", "--root", demo, "--format", "json").out)
    for slug, cover in report["coverage"].items():
        assert cover["uncovered_must"] == [], slug
        assert cover["private_evidence"] == [], slug


def test_failed_check_leaves_build_alone(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("build", "--root", tiny).code == 0
    before = snapshot(tiny / "build")
    portfolio_with_app(tiny)
    assert run("build", "--root", tiny).code == 1
    assert snapshot(tiny / "build") == before
