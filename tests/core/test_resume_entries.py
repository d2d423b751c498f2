"""Entries of the CV get readable evidence ids: what an application writes to cite them."""

from __future__ import annotations

from builder.core.models import Resume
from builder.core.resume_entries import resume_entries, short_slug
from builder.load.read import load
from tests.conftest import REPO


def test_the_demo_cv_gives_readable_ids() -> None:
    entries = resume_entries(load(REPO).resume)
    ids = [e.id for e in entries]
    assert ids[:8] == [
        "resume-education-master-finance",
        "resume-education-bachelor-economics",
        "resume-certification-cfa-program-level-ii-candidate",
        "resume-certification-cfa-program-level-i",
        "resume-certification-microsoft-certified-power-bi-data-analyst",
        "resume-language-spanish",
        "resume-language-english",
        "resume-language-french",
    ]
    assert ids[ids.index("resume-skills-tools") :] == [
        "resume-skills-tools",
        "resume-skill-excel",
        "resume-skill-sql",
        "resume-skill-python",
        "resume-skill-power-bi",
        "resume-skill-sap-s-4hana",
        "resume-skill-bloomberg",
    ]
    assert "resume-skills-fp-a" in ids and "resume-skill-13-week-cash-flow" in ids
    assert len(ids) == len(set(ids))
    python = next(e for e in entries if e.id == "resume-skill-python")
    assert (
        python.kind == "skill"
        and python.skill == "Python"
        and python.loc == ("skills", 2, "keywords", 2)
    )


def test_a_name_loses_its_details_and_stays_short() -> None:
    assert short_slug("CFA Program Level I, passed") == "cfa-program-level-i"
    assert (
        short_slug("CFA Program Level II candidate (exam May 2027)")
        == "cfa-program-level-ii-candidate"
    )
    assert short_slug("Máster en Dirección Financiera") == "master-en-direccion-financiera"
    assert short_slug("One two three four five six seven eight") == "one-two-three-four-five-six"
    assert short_slug("(ACCA)") == "acca"  # nothing but details: the details are the name


def test_an_entry_may_set_its_own_id_and_a_degree_without_a_name_uses_the_school() -> None:
    resume = Resume.model_validate({
        "education": [{"institution": "Harvard Business School", "degree": "MBA",
                       "id": "resume-education-mba"},
                      {"institution": "Escuela Técnica Superior"}],
        "languages": [{"language": "Inglés", "fluency": "C1"}],
    })  # fmt: skip
    assert [e.id for e in resume_entries(resume)] == [
        "resume-education-mba",
        "resume-education-escuela-tecnica-superior",
        "resume-language-ingles",
    ]
    assert resume_entries(None) == []
