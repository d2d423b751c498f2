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
    assert "has no evidence" not in strict.err


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


PLANNED = """
---
company: Acme
role: Analyst
motivation: Their reporting is where I have the most to give.
career_fit: The step from analyst to leading the team's forecasting.
requirements:
  - id: sql
    text: Strong SQL
    evidence: [faster-reporting]
    plan: Start with the monthly pack and move it to one query.
  - id: python
    text: Python
    evidence: [faster-reporting]
  - id: cloud
    text: Cloud
    kind: nice
interviews:
  - date: 2026-11-18T10:00
    interviewers:
      - name: Ana Ruiz
---
"""


def test_strict_warns_about_a_must_have_without_a_plan_and_a_blank_motivation(
    tiny: Path, run
) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/applications/acme.md", PLANNED)
    clean = run("check", "--root", tiny, "--strict")
    assert clean.code == 1
    lines = [line for line in clean.err.splitlines() if line.startswith("warning")
             and "follow-up" not in line]  # fmt: skip
    assert lines == [
        "warning content/applications/acme.md:11:5: requirements[1].plan: must-have 'python' has"
        " no plan, so the leave-behind's plan column would be blank — write in `plan` how you"
        " would do it in this job, in one or two sentences"
    ]  # the nice-to-have without a plan is not worth a warning
    write(tiny, "content/applications/acme.md", PLANNED.replace(
        "motivation: Their reporting is where I have the most to give.\n", "",
    ).replace("    evidence: [faster-reporting]\n  - id: cloud", "    evidence: [faster-reporting]\n"
              "    plan: Automate the checks first.\n  - id: cloud"))  # fmt: skip
    blank = run("check", "--root", tiny, "--strict")
    assert blank.code == 1 and "has no plan" not in blank.err and "career_fit" not in blank.err
    assert (
        "content/applications/acme.md:17:1: motivation: interviews are under way but" in blank.err
    )
    assert run("check", "--root", tiny).code == 0  # a warning, not an error


def test_an_entry_of_the_cv_is_proof_that_counts(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/resume.yml", "skills:\n  - name: Tools\n    keywords: [Python, SQL]\n")
    write(tiny, "content/applications/acme.md",
          APP.replace("    text: Python\n", "    text: Python\n    evidence: [resume-skill-python]\n"))  # fmt: skip
    write(tiny, "content/achievements/soft-story.md", SOFT)
    write(tiny, "content/achievements/hidden.md", HIDDEN.replace("private", "public"))
    report = json.loads(run("check", "--root", tiny, "--format", "json").out)
    cover = report["coverage"]["acme"]
    assert (cover["total"], cover["covered"]) == (5, 4)
    assert cover["uncovered_must"] == []
    by_id = {r["id"]: r for r in cover["requirements"]}
    assert by_id["python"] == {"id": "python", "kind": "must", "evidence": ["resume-skill-python"],
                               "unquantified": [], "private": [], "covered": True}  # fmt: skip
    strict = run("check", "--root", tiny, "--strict")
    assert "'python' has no evidence" not in strict.err
    assert "coverage acme: 4 of 5 requirements covered" in strict.err
