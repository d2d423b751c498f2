"""`secondround apply`: an application file that loads, from a posting or a JSON Resume job."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from builder.load.read import load
from tests.conftest import FIXTURES, write


def test_apply_from_a_markdown_posting(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    posting = FIXTURES / "postings" / "es-analista.md"
    result = run("apply", "transportes", "--root", tiny, "--company", "Transportes Ibéricos",
                 "--role", "Analista de datos", "--posting", posting)  # fmt: skip
    assert result.code == 0, result.err
    assert "16 requirements (12 must-haves, 4 nice-to-haves)" in result.err
    app = load(tiny).applications["transportes"]
    assert (app.meta.company, app.meta.role, app.meta.status) == (
        "Transportes Ibéricos",
        "Analista de datos",
        "researching",
    )
    assert app.meta.requirements[0].text.startswith("Analizar los indicadores de rendimiento")
    assert all(r.evidence == [] for r in app.meta.requirements)
    assert "## Posting" in app.body and "Sobre nosotros" in app.body


def test_the_summary_counts_in_the_portfolio_language(
    tiny: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    site = tiny / "site.yml"
    site.write_text(site.read_text("utf-8") + "language: es\n", "utf-8")
    posting = "Requisitos\n- SQL\n- Excel\n\nSe valorará\n- VBA\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(posting))
    result = run("apply", "acme", "--root", tiny, "--company", "Acme", "--role", "Analista",
                 "--posting", "-")  # fmt: skip
    assert result.code == 0, result.err
    assert "3 requisitos (2 imprescindibles, 1 deseable)." in result.err


def test_apply_reads_the_posting_from_stdin(
    tiny: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("Requirements\n- SQL\n- Excel\n\nNice to have\n- VBA\n")
    )
    assert (
        run(
            "apply",
            "acme",
            "--root",
            tiny,
            "--company",
            "Acme",
            "--role",
            "Analyst",
            "--posting",
            "-",
        ).code
        == 0
    )
    requirements = load(tiny).applications["acme"].meta.requirements
    assert [(r.id, r.kind) for r in requirements] == [
        ("sql", "must"),
        ("excel", "must"),
        ("vba", "nice"),
    ]


def test_apply_from_a_json_resume_job(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "apply",
        "microsoft-web",
        "--root",
        tiny,
        "--job",
        FIXTURES / "jsonresume" / "sample.job.json",
    )
    assert result.code == 0, result.err
    app = load(tiny).applications["microsoft-web"].meta
    assert (app.company, app.role) == ("Microsoft", "Web Developer")
    assert app.location == "Berlin, DE (Hybrid)"
    assert app.posting_url == "http://example.com/jobs/web-developer"
    texts = [r.text for r in app.requirements]
    assert texts[0] == "Develop and maintain web applications"
    assert "3+ years of experience in web development" in texts
    assert "Web Development (HTML, CSS, JavaScript, React, Node.js)" in texts
    assert len(texts) == 4 + 3 + 2


def test_apply_never_overwrites_without_force(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "posting.txt", "Requirements\n- SQL\n")
    args = (
        "apply",
        "acme",
        "--root",
        tiny,
        "--company",
        "A",
        "--role",
        "R",
        "--posting",
        tiny / "posting.txt",
    )
    assert run(*args).code == 0
    path = tiny / "content/applications/acme.md"
    path.write_text(path.read_text() + "\nMy notes.\n")
    refused = run(*args)
    assert refused.code == 1 and "already exists" in refused.err
    assert "My notes." in path.read_text()
    assert run(*args, "--force").code == 0


def apply_posting(run, tiny: Path, slug: str):  # type: ignore[no-untyped-def]
    """`apply SLUG` with company A, role R and the posting in tiny/posting.txt."""
    return run(
        "apply",
        slug,
        "--root",
        tiny,
        "--company",
        "A",
        "--role",
        "R",
        "--posting",
        tiny / "posting.txt",
    )


def test_a_posting_without_requirements_is_refused(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "posting.txt", "We are a great company.\n")
    result = apply_posting(run, tiny, "acme")
    assert result.code == 1 and "found no requirement" in result.err and "Requisitos" in result.err
    assert not (tiny / "content/applications/acme.md").exists()


def test_company_and_role_are_needed_for_a_posting(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "posting.txt", "Requirements\n- SQL\n")
    result = run("apply", "acme", "--root", tiny, "--posting", tiny / "posting.txt")
    assert result.code == 1 and "--company" in result.err


def test_broken_json_names_the_line(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "job.json", '{\n  "title": "X",\n  "company": \n}\n')
    result = run("apply", "acme", "--root", tiny, "--job", tiny / "job.json")
    assert result.code == 1 and "job.json:4:" in result.err


def test_a_bad_slug_is_refused(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "posting.txt", "Requirements\n- SQL\n")
    result = apply_posting(run, tiny, "Acme Corp")
    assert result.code == 1 and "acme-corp" in result.err


def test_posting_and_job_are_exclusive(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as usage:
        run("apply", "acme", "--root", tiny, "--posting", "a", "--job", "b")
    assert usage.value.code == 2


def test_a_posting_s_text_stays_text(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    from bs4 import BeautifulSoup

    posting = write(
        tiny,
        "posting.md",
        """
        ## Requirements

        - SQL <script>alert(1)</script> and **bold** [click](javascript:alert(2)) \x07done
        - 1. Python {: onclick=alert(3) }

        ~~~~
        """,
    )
    write(
        tiny, "site.yml", "title: T\nurl: https://t.example.org/\napplications: {pages: listed}\n"
    )
    result = run("apply", "acme", "--root", tiny, "--company", "Acme\nCorp", "--role", "Analyst",
                 "--posting", posting)  # fmt: skip
    assert result.code == 0, result.err
    app = load(tiny).applications["acme"]
    assert app.meta.company == "Acme Corp"
    texts = [r.text for r in app.meta.requirements]
    assert texts == [
        "SQL <script>alert(1)</script> and bold click done",
        "1. Python {: onclick=alert(3) }",
    ]
    fence = app.body.split("## Posting", 1)[1].strip().splitlines()
    assert fence[0] == "~~~~~ text" and fence[-1] == "~~~~~" and "~~~~" in fence
    assert run("build", "--root", tiny, "--no-pdf").code == 0
    page = BeautifulSoup((tiny / "build/site/for/acme/index.html").read_text(), "html.parser")
    cells = [" ".join(td.get_text(" ").split()) for td in page.select(".sr-proof td:first-child")]
    assert cells == texts
    assert not page.find_all(lambda tag: any(a.startswith("on") for a in tag.attrs))
    assert not [s for s in page.find_all("script") if "alert" in s.get_text()]


def test_a_job_file_with_an_address_no_link_can_hold_is_left_without_it(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    job = write(tiny, "job.json", '{"title": "Analyst\\u0007", "company": "Acme",'
                ' "url": "https://x.example.org/a\\"b", "qualifications": ["SQL\\u0000"]}')  # fmt: skip
    result = run("apply", "acme", "--root", tiny, "--job", job)
    assert result.code == 0, result.err
    app = load(tiny).applications["acme"]
    assert (app.meta.role, app.meta.posting_url, app.meta.requirements[0].text) == (
        "Analyst",
        None,
        "SQL",
    )
