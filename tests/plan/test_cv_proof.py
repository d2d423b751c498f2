"""An entry of the CV cited as proof: one readable line, from the CV, linked to its place on
the CV page, on the tailored page, the leave-behind, the follow-up and the prep sheet."""

from __future__ import annotations

import datetime as dt
import email
import os
from email import policy
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.conftest import links_of, text_of, write

BASE = "https://pat.example.org/portfolio/"

RESUME = """
education:
  - institution: CUNEF Universidad
    degree: Master
    field: Finance
    start: 2015-09
    end: 2016-07
    grade: With distinction
certifications:
  - name: CFA Program Level II candidate (exam May 2027)
    issuer: CFA Institute
    date: 2026-09
languages:
  - language: English
    fluency: C2
skills:
  - name: Tools
    keywords: [Excel, Python]
"""

APPLICATION = """
---
company: Acme Capital
role: Research Associate
requirements:
  - id: degree
    text: Master's degree in Finance or related field
    evidence: [resume-education-master-finance]
    plan: Use it on the sector models from the first week.
  - id: cfa
    text: CFA charterholder or progress toward it
    kind: nice
    evidence: [resume-certification-cfa-program-level-ii-candidate]
  - id: english
    text: Fluent English
    evidence: [resume-language-english]
  - id: python
    text: Python
    evidence: [resume-skill-python]
status: interviewing
interviews:
  - date: 2026-11-20T10:00
    interviewers:
      - name: Dana Lead
        role: Head of Research
        email: dana@acme.example
        priorities: [degree, cfa, python]
---
"""

DEGREE = "Master in Finance — CUNEF Universidad, 2016"
CFA = "CFA Program Level II candidate (exam May 2027) — CFA Institute, 2026"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from builder.app.cli import main

    root = tmp_path_factory.mktemp("cv-proof") / "portfolio"
    write(root, "site.yml", f"title: Pat\nurl: {BASE}\n")
    write(
        root, "content/profile.md", "---\nname: Pat Candidate\nemail: pat@example.com\n---\nBio.\n"
    )
    write(root, "content/resume.yml", RESUME)
    write(root, "content/applications/acme.md", APPLICATION)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(2026, 11, 25, tzinfo=dt.UTC).timestamp()))
    try:
        assert main(["build", "--root", str(root)]) == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return root


def test_the_tailored_page_shows_each_entry_linked_to_its_place_on_the_cv(built: Path) -> None:
    site = built / "build/site"
    page = BeautifulSoup((site / "for/acme/index.html").read_text("utf-8"), "html.parser")
    rows = page.select(".sr-proof tbody tr")
    proof = {row.find("td").get_text(" ", strip=True).split(" nice")[0]: row.find_all("td")[1]
             for row in rows}  # fmt: skip
    degree = proof["Master's degree in Finance or related field"]
    assert degree.find("a").get_text() == DEGREE
    assert degree.find("small").get_text() == "CV · Education · With distinction"
    assert proof["CFA charterholder or progress toward it"].find("a").get_text() == CFA
    assert proof["Fluent English"].find("a").get_text() == "English (C2)"
    assert proof["Python"].find("a").get_text() == "Python"
    assert proof["Python"].find("small").get_text() == "CV · Skill · Tools"
    cv = BeautifulSoup((site / "resume/index.html").read_text("utf-8"), "html.parser")
    here = BASE + "for/acme/"
    for cell, entry in zip(proof.values(), ["resume-education-master-finance",
                                           "resume-certification-cfa-program-level-ii-candidate",
                                           "resume-language-english", "resume-skill-python"], strict=True):  # fmt: skip
        address = urljoin(here, cell.find("a")["href"])
        assert address == f"{BASE}resume/#{entry}"
        target = cv.find(id=entry)  # the anchor is on the CV page, around the entry itself
        assert target is not None and target.get_text(strip=True)
    assert "CUNEF Universidad" in cv.find(id="resume-education-master-finance").get_text()
    assert cv.find(id="resume-skill-python").get_text() == "Python"


def test_the_leave_behind_shows_and_links_each_entry(built: Path) -> None:
    pdf = built / "build/site/pdf/for/acme.pdf"
    text = text_of(pdf)
    assert f"{DEGREE} CV · Education · With distinction" in text
    assert CFA in text and "English (C2) CV · Language" in text
    assert f"{BASE}resume/#resume-education-master-finance" in links_of(pdf)


def test_the_followup_answers_priorities_with_entries_of_the_cv(built: Path) -> None:
    path = built / "build/private/acme/followup-dana-lead.eml"
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    points = {line.split(". ", 1)[0]: line for line in text.splitlines() if line.startswith("- ")}
    degree = points["- Master's degree in Finance or related field"]
    assert f"“{DEGREE}” (CV · Education · With distinction)" in degree
    assert degree.endswith(f"{BASE}resume/#resume-education-master-finance")
    assert f"“{CFA}” (CV · Certification)" in points["- CFA charterholder or progress toward it"]
    html = BeautifulSoup(message.get_body(("html",)).get_content(), "html.parser")  # type: ignore[union-attr]
    link = html.find("a", string=DEGREE)
    assert link is not None and link["href"] == f"{BASE}resume/#resume-education-master-finance"


def test_the_prep_sheet_names_the_entry_to_mention(built: Path) -> None:
    assert DEGREE in text_of(built / "build/private/acme/prep.pdf")
