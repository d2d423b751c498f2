"""CV entries as evidence ids: a clash is an error at its line, an unknown id names the one meant."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import snapshot, write

RESUME = """
education:
  - institution: CUNEF Universidad
    degree: Master
    field: Finance
    end: 2016-07
certifications:
  - name: CFA Program Level I, passed
    issuer: CFA Institute
  - name: CFA Program Level II candidate (exam May 2027)
languages:
  - language: English
    fluency: C2
  - language: French
skills:
  - name: Tools
    keywords: [Python, SQL]
"""

APP = """
---
company: Acme
role: Analyst
requirements:
  - id: cfa
    text: CFA charterholder or progress toward it
    evidence: [{cfa}]
  - id: languages
    text: Fluent German
    evidence: [{language}]
    suggested: [{suggested}]
---
"""


def application(root: Path, cfa: str, language: str, suggested: str) -> None:
    write(root, "content/applications/acme.md",
          APP.format(cfa=cfa, language=language, suggested=suggested))  # fmt: skip


def test_cited_cv_entries_pass(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/resume.yml", RESUME)
    application(tiny, "resume-certification-cfa-program-level-i", "resume-language-english",
                "resume-skill-python")  # fmt: skip
    result = run("check", "--root", tiny)
    assert result.code == 0, result.err


def test_an_unknown_cv_id_names_the_entry_meant_or_those_of_its_section(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/resume.yml", RESUME)
    application(tiny, "resume-certification-cfa-program-level-ii", "resume-language-german",
                "resume-skills-python")  # fmt: skip
    result = run("check", "--root", tiny)
    assert result.code == 1
    app = "content/applications/acme.md"
    assert (
        f"{app}:7:16: requirements[0].evidence[0]: no achievement, sample, brief or CV entry with "
        "id 'resume-certification-cfa-program-level-ii' — did you mean "
        "'resume-certification-cfa-program-level-ii-candidate'?"
    ) in result.err
    # German is not French: the languages of the CV are listed instead of a wrong guess.
    assert (
        f"{app}:10:16: requirements[1].evidence[0]: no achievement, sample, brief or CV entry with "
        "id 'resume-language-german' — use an id defined in content/resume.yml "
        "(resume-language-english, resume-language-french)"
    ) in result.err
    assert (
        f"{app}:11:17: requirements[1].suggested[0]: no achievement, sample, brief or CV entry "
        "with id 'resume-skills-python' — did you mean 'resume-skill-python'?"
    ) in result.err


def test_a_cv_id_without_a_cv(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    application(tiny, "resume-certification-cfa", "faster-reporting", "faster-reporting")
    result = run("check", "--root", tiny)
    assert result.code == 1
    assert (
        "requirements[0].evidence[0]: no achievement, sample, brief or CV entry with id "
        "'resume-certification-cfa' — ids that start with resume- name entries of "
        "content/resume.yml (education, certifications, languages, skills), and it has none"
    ) in result.err


def test_two_entries_with_one_id_are_an_error_at_the_second(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    clash = RESUME.replace(
        "  - name: CFA Program Level II candidate (exam May 2027)\n",
        "  - name: CFA Program Level II candidate (exam May 2027)\n"
        "  - name: CFA Program Level I (second sitting)\n",
    )
    write(tiny, "content/resume.yml", RESUME)
    assert run("build", "--root", tiny, "--no-pdf").code == 0
    before = snapshot(tiny / "build")
    write(tiny, "content/resume.yml", clash)
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 1
    assert result.err.splitlines() == [
        "error content/resume.yml:10:5: certifications[2].name: CV entry id "
        "'resume-certification-cfa-program-level-i' is already the id of certifications[0] "
        "(line 7) — give one of the two entries its own `id:` starting with resume- (e.g. "
        "resume-certification-cfa-program-level-i-2), and cite that id in applications",
        "1 problem found; nothing was written.",
    ]
    assert snapshot(tiny / "build") == before


def test_a_skill_listed_twice_is_one_skill(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A CV imported from elsewhere often lists a skill under two groups: no clash, and the id
    names (and the CV page anchors) the first."""
    twice = RESUME + "  - name: Data\n    keywords: [python, Pandas]\n"
    write(tiny, "content/resume.yml", twice)
    application(tiny, "resume-skill-python", "resume-skill-pandas", "resume-skills-data")
    assert run("build", "--root", tiny, "--no-pdf").code == 0
    cv = BeautifulSoup((tiny / "build/site/resume/index.html").read_text("utf-8"), "html.parser")
    anchors = cv.select("#resume-skill-python")
    assert len(anchors) == 1 and anchors[0].get_text() == "Python"
    assert [s.get_text() for s in cv.select(".sr-entry:not([id])")] == ["python"]


def test_an_own_id_settles_a_clash_and_must_start_with_resume(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    settled = RESUME.replace(
        "  - name: CFA Program Level II candidate (exam May 2027)\n",
        "  - name: CFA Program Level II candidate (exam May 2027)\n"
        "  - name: CFA Program Level I (second sitting)\n"
        "    id: resume-certification-cfa-resit\n",
    )
    write(tiny, "content/resume.yml", settled)
    application(tiny, "resume-certification-cfa-resit", "resume-language-english",
                "resume-language-french")  # fmt: skip
    assert run("check", "--root", tiny).code == 0
    write(
        tiny,
        "content/resume.yml",
        settled.replace("id: resume-certification-cfa-resit", "id: cfa-resit"),
    )
    result = run("check", "--root", tiny)
    assert result.code == 1
    assert (
        "content/resume.yml:11:5: certifications[2].id: 'cfa-resit' is not an id of a CV entry — "
        "start it with resume- and use lowercase letters, digits and hyphens, e.g. "
        "resume-education-mba"
    ) in result.err
    # resume.yml is wrong, not the application citing it: one problem, not two.
    assert "acme.md" not in result.err


def test_a_cv_id_that_is_also_a_story_id(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/resume.yml", RESUME)
    write(tiny, "content/achievements/resume-language-english.md",
          "---\ntitle: Taught English\nresult: 40 pupils\n---\n")  # fmt: skip
    result = run("check", "--root", tiny)
    assert result.code == 1
    assert (
        "content/resume.yml:11:5: languages[0].language: CV entry id 'resume-language-english' is "
        "also the id of content/achievements/resume-language-english.md — give the entry its own "
        "`id:` starting with resume-, or rename the file"
    ) in result.err
