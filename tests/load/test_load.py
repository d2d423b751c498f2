"""Bad input: every problem is reported with its file, line and field, all in one pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.core.errors import ContentError, Problem
from builder.load.read import load
from tests.conftest import write


def problems(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load(root)
    return caught.value.problems


def only(root: Path) -> Problem:
    found = problems(root)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_tiny_portfolio_loads(tiny: Path) -> None:
    portfolio = load(tiny)
    assert portfolio.profile.meta.name == "Test Person"
    assert list(portfolio.achievements) == ["faster-reporting"]
    assert portfolio.site.base_url == "https://tester.github.io/portfolio/"


def test_demo_loads_cleanly(demo: Path) -> None:
    portfolio = load(demo)
    assert len([a for a in portfolio.achievements.values() if a.public]) >= 6
    assert len(portfolio.samples) >= 3 and len(portfolio.applications) >= 2
    assert portfolio.briefs and portfolio.references


def test_tab_indentation_is_located(tiny: Path) -> None:
    write(
        tiny, "content/achievements/tabbed.md", "---\ntitle: T\nresult: 1\nskills:\n\t- SQL\n---\n"
    )
    problem = only(tiny)
    assert problem.path == "content/achievements/tabbed.md"
    assert problem.line == 5
    assert "tab" in str(problem)


def test_unclosed_quote_names_the_line_it_started(tiny: Path) -> None:
    write(tiny, "content/achievements/quote.md", '---\ntitle: "Open\nresult: 3 wins\n---\n')
    problem = only(tiny)
    assert problem.path == "content/achievements/quote.md"
    assert "line 2" in problem.hint
    assert "YAML syntax" in problem.message


def test_duplicate_key(tiny: Path) -> None:
    write(tiny, "content/achievements/dup.md", "---\ntitle: A\nresult: 2x\ntitle: B\n---\n")
    problem = only(tiny)
    assert (problem.path, problem.line) == ("content/achievements/dup.md", 4)
    assert "duplicate key" in problem.message


def test_front_matter_not_closed(tiny: Path) -> None:
    write(tiny, "content/achievements/open.md", "---\ntitle: A\nresult: 2x\nBody text\n")
    problem = only(tiny)
    assert (problem.path, problem.line) == ("content/achievements/open.md", 1)
    assert "not closed" in problem.message and "'---'" in problem.hint


def test_wrong_type_list_expected(tiny: Path) -> None:
    write(tiny, "content/achievements/skills.md", "---\ntitle: A\nresult: 2x\nskills: SQL\n---\n")
    problem = only(tiny)
    assert (problem.line, problem.field) == (4, "skills")
    assert "must be a list" in problem.message


def test_missing_required_field(tiny: Path) -> None:
    write(tiny, "content/achievements/noresult.md", "---\ntitle: A\n---\n")
    problem = only(tiny)
    assert problem.path == "content/achievements/noresult.md"
    assert problem.field == "result" and "required" in problem.message
    assert problem.line == 2


def test_unknown_key_suggests_the_right_one(tiny: Path) -> None:
    write(tiny, "content/achievements/typo.md", "---\ntitle: A\nresult: 2x\nmetrcs: [a]\n---\n")
    problem = only(tiny)
    assert (problem.line, problem.field) == (4, "metrcs")
    assert "did you mean `metrics`" in problem.hint


def test_bad_date(tiny: Path) -> None:
    write(
        tiny, "content/achievements/when.md", "---\ntitle: A\nresult: 2x\ndate: 18/11/2024\n---\n"
    )
    problem = only(tiny)
    assert (problem.line, problem.field) == (4, "date")
    assert "18/11/2024" in problem.message and "2026-11-18" in problem.hint


def test_impossible_date(tiny: Path) -> None:
    write(tiny, "content/achievements/feb.md", "---\ntitle: A\nresult: 2x\ndate: 2024-02-30\n---\n")
    problem = only(tiny)
    assert (problem.line, problem.field) == (4, "date")


def test_bad_url_in_a_map(tiny: Path) -> None:
    write(tiny, "content/profile.md", "---\nname: X\nlinks:\n  GitHub: github.com/x\n---\n")
    problem = only(tiny)
    assert (problem.path, problem.line, problem.field) == ("content/profile.md", 4, "links.GitHub")
    assert "https://" in problem.hint


def test_bad_email(tiny: Path) -> None:
    write(tiny, "content/profile.md", "---\nname: X\nemail: x-at-example.com\n---\n")
    problem = only(tiny)
    assert (problem.line, problem.field) == (3, "email")
    assert "email address" in problem.message


APPLICATION = """
---
company: Acme
role: Analyst
requirements:
  - id: sql
    text: Strong SQL
    evidence: [faster-reporting]
  - id: python
    text: Python
    kind: nice
    evidence: [{evidence}]
interviews:
  - date: 2026-11-20T10:00
    interviewers:
      - name: Pat Doe
        priorities: [{priority}]
references: [{reference}]
---
Private notes.
"""


def application(
    evidence: str = "faster-reporting", priority: str = "sql", reference: str = ""
) -> str:
    return APPLICATION.format(evidence=evidence, priority=priority, reference=reference)


def test_valid_application_loads(tiny: Path) -> None:
    write(tiny, "content/applications/acme.md", application())
    portfolio = load(tiny)
    interviewer = portfolio.applications["acme"].meta.interviews[0].interviewers[0]
    assert interviewer.id == "pat-doe"


def test_evidence_pointing_to_a_missing_id(tiny: Path) -> None:
    write(tiny, "content/applications/acme.md", application(evidence="faster-reportin"))
    problem = only(tiny)
    assert problem.path == "content/applications/acme.md"
    assert (problem.line, problem.field) == (11, "requirements[1].evidence[0]")
    assert "did you mean 'faster-reporting'" in problem.hint


def test_priority_must_be_a_requirement_of_the_application(tiny: Path) -> None:
    write(tiny, "content/applications/acme.md", application(priority="excel"))
    problem = only(tiny)
    assert problem.field == "interviews[0].interviewers[0].priorities[0]"
    assert problem.line == 16


def test_unknown_reference(tiny: Path) -> None:
    write(tiny, "content/references.yml", "- id: jo\n  name: Jo Bloggs\n")
    write(tiny, "content/applications/acme.md", application(reference="joe"))
    problem = only(tiny)
    assert (problem.line, problem.field) == (17, "references[0]")
    assert "did you mean 'jo'" in problem.hint


def test_wrong_choice_in_a_nested_list(tiny: Path) -> None:
    text = application().replace("kind: nice", "kind: maybe")
    write(tiny, "content/applications/acme.md", text)
    problem = only(tiny)
    assert (problem.line, problem.field) == (10, "requirements[1].kind")
    assert "'must'" in problem.hint and "'nice'" in problem.hint


def test_duplicate_ids_across_kinds(tiny: Path) -> None:
    write(tiny, "content/samples/faster-reporting.md", "---\ntitle: S\nsummary: A sample\n---\n")
    problem = only(tiny)
    assert problem.path == "content/samples/faster-reporting.md"
    assert "already used by content/achievements/faster-reporting.md" in problem.message


def test_missing_attachment(tiny: Path) -> None:
    write(
        tiny,
        "content/samples/model/index.md",
        "---\ntitle: M\nsummary: S\nfiles: [model.csv, gone.csv]\n---\n",
    )
    write(tiny, "content/samples/model/model.csv", "a,b\n1,2\n")
    problem = only(tiny)
    assert (problem.path, problem.line, problem.field) == (
        "content/samples/model/index.md",
        4,
        "files[1]",
    )
    assert "gone.csv" in problem.message


def test_attachment_outside_content(tiny: Path) -> None:
    write(tiny, "secret.txt", "nope")
    write(
        tiny,
        "content/samples/model/index.md",
        "---\ntitle: M\nsummary: S\nfiles: [../../../secret.txt]\n---\n",
    )
    problem = only(tiny)
    assert problem.field == "files[0]" and "outside content/" in problem.message


def test_site_unknown_key_and_bad_url(tiny: Path) -> None:
    write(tiny, "site.yml", "title: T\nurl: tester.github.io\nlangauge: es\n")
    found = problems(tiny)
    by_field = {p.field: p for p in found}
    assert set(by_field) == {"url", "langauge"}
    assert by_field["url"].line == 2 and by_field["langauge"].line == 3
    assert "did you mean `language`" in by_field["langauge"].hint
    assert all(p.path == "site.yml" for p in found)


def test_unknown_theme(tiny: Path) -> None:
    write(tiny, "site.yml", "title: T\nurl: https://t.github.io/\ntheme: fancy\n")
    problem = only(tiny)
    assert (problem.path, problem.line, problem.field) == ("site.yml", 3, "theme")


def test_empty_site_yml(tiny: Path) -> None:
    write(tiny, "site.yml", "")
    problem = only(tiny)
    assert problem.path == "site.yml" and "empty" in problem.message


def test_file_that_is_not_utf8(tiny: Path) -> None:
    (tiny / "content/achievements/latin1.md").write_bytes(b"---\ntitle: Caf\xe9\nresult: 2x\n---\n")
    problem = only(tiny)
    assert (problem.path, problem.line) == ("content/achievements/latin1.md", 2)
    assert "UTF-8" in problem.message


def test_every_problem_in_one_pass(tiny: Path) -> None:
    write(tiny, "content/achievements/a.md", "---\ntitle: A\n---\n")
    write(tiny, "content/achievements/b.md", "---\ntitle: B\nresult: 1\ndate: soon\n---\n")
    write(tiny, "content/profile.md", "---\nname: X\nemail: nope\n---\n")
    found = problems(tiny)
    assert {p.path for p in found} == {
        "content/achievements/a.md",
        "content/achievements/b.md",
        "content/profile.md",
    }
    assert [p.field for p in found] == ["result", "date", "email"]


def test_message_format_is_path_line_column_field(tiny: Path) -> None:
    write(tiny, "content/achievements/typo.md", "---\ntitle: A\nresult: 2x\nmetrcs: [a]\n---\n")
    assert str(only(tiny)).startswith(
        "content/achievements/typo.md:4:1: metrcs: unknown field 'metrcs' — "
    )
