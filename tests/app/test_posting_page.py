"""`secondround apply` on postings as employers publish them on the web: pages of job boards and
applicant-tracking systems (saved, or fetched from their address), their schema.org JobPosting
data, and the company and role a posting names."""

from __future__ import annotations

import functools
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from builder.app.posting_page import read_page
from builder.core.words import load_locale
from tests.conftest import FIXTURES, REPO, write

REAL = FIXTURES / "postings" / "real"
EN = load_locale(REPO, "default", "en")


def front_matter(root: Path, slug: str) -> dict:
    """The written application's front matter, as YAML reads it."""
    text = (root / "content" / "applications" / f"{slug}.md").read_text("utf-8")
    return YAML(typ="safe").load(text.split("---\n")[1])


def test_job_posting_data_gives_role_company_location_and_requirements_once(
    tiny: Path, run
) -> None:  # type: ignore[no-untyped-def]
    """Workday's JobPosting data (37) lists the requirements in its description and again as
    `skills`; each lands once, and the role, company and place come from the data."""
    posting = REAL / "37-salesforce-smts-software-engineering.html"
    result = run("apply", "salesforce", "--root", tiny, "--posting", posting)
    assert result.code == 0, result.err
    data = front_matter(tiny, "salesforce")
    assert data["company"] == "Salesforce"
    assert data["role"] == "Senior Member of Technical Staff (Software Engineering)"
    assert data["location"] == "San Francisco Bay Area, US"
    texts = [r["text"] for r in data["requirements"]]
    assert len(texts) == len(set(texts))
    assert texts.count("A related technical degree required") == 1
    kinds = {r["text"]: r["kind"] for r in data["requirements"]}
    assert (
        kinds["(Desirable) Experience with build tools such as Webpack, Vite, npm, or Yarn"]
        == "nice"
    )
    assert not any("Medical Care" in text or "holidays" in text for text in texts)  # jobBenefits


def test_the_page_around_a_job_board_posting_is_left_out(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A job board's page (38) carries a search form, apply buttons, a footer and a benefits
    list: none of it is a requirement; the lists under the posting's headings are."""
    posting = REAL / "38-attio-product-engineer.html"
    assert run("apply", "attio", "--root", tiny, "--posting", posting).code == 0
    data = front_matter(tiny, "attio")
    assert (data["company"], data["role"]) == ("Attio", "Product Engineer")
    assert data["location"] == "London [Remote], UK"
    texts = [r["text"] for r in data["requirements"]]
    assert "Expertise with JavaScript/TypeScript." in texts
    boilerplate = ("Search jobs", "Advertise", "Privacy", "Terms", "Apply for this job",
                   "Copyright", "salary", "holiday", "medical", "Pension")  # fmt: skip
    assert not [t for t in texts for word in boilerplate if word.lower() in t.lower()]
    nice = [r["text"] for r in data["requirements"] if r["kind"] == "nice"]
    assert nice[0].startswith("Have experience of building backends with Node.js")
    body = (tiny / "content" / "applications" / "attio.md").read_text("utf-8")
    assert "Search jobs" not in body and "What you'll bring" in body


def test_a_spanish_board_page_with_its_posting_data_in_a_graph(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    """Computrabajo (41) gives its JobPosting inside `@graph`, one item per line with `<br/>`
    and a requirements list run into the last line; the lines are read as lines."""
    posting = REAL / "41-cun-lider-negocios-internacionales.html"
    assert run("apply", "cun", "--root", tiny, "--posting", posting).code == 0
    data = front_matter(tiny, "cun")
    assert (data["company"], data["role"]) == ("CUN", "Líder educativo de Negocios Internacionales")
    assert data["location"] == "Bogotá, D.C., Colombia"
    assert data["posting_url"].startswith("https://co.computrabajo.com/ofertas-de-trabajo/")
    kinds = {r["text"]: r["kind"] for r in data["requirements"]}
    assert kinds["Liderar proyectos de innovación académica con enfoque estratégico."] == "must"
    assert kinds["Normativa laboral."] == "nice"  # under "Conocimientos deseables"
    assert "Edad: entre 28 y 45 años" in kinds
    assert not any("Ofertas similares" in text or "Denunciar" in text for text in kinds)


def test_job_posting_data_inside_a_graph_with_credentials_and_a_thin_description() -> None:
    """JobPosting data inside `@graph`, with education as an object and experience as a
    string; its description is a summary, so the page body's requirements are added."""
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "Careers"},
            {
                "@type": "JobPosting",
                "title": "Analista de datos",
                "description": "&lt;p&gt;Analista para el equipo de riesgos.&lt;/p&gt;",
                "hiringOrganization": {"@type": "Organization", "name": "Banco Ejemplo"},
                "jobLocation": {
                    "address": {"addressLocality": "Madrid", "addressCountry": {"name": "ES"}}
                },  # fmt: skip
                "educationRequirements": {
                    "@type": "EducationalOccupationalCredential",
                    "credentialCategory": "Grado en Economía o Estadística",
                },
                "experienceRequirements": "Experiencia de 2 años con SQL",
            },
        ],
    }
    body = " ".join(f"<li>{item}</li>" for item in (
        "Modelos de riesgo de crédito en Python", "Informes para la dirección con Power BI",
        "Inglés B2", "Se valorará conocimiento de SAS"))  # fmt: skip
    markup = (
        f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head>'
        "<body><nav><a href='/'>Inicio</a><a href='/empleo'>Empleo</a></nav><main>"
        "<h1>Analista de datos</h1><p>Buscamos una persona para el equipo de riesgos de "
        "Madrid que quiera crecer con nosotros durante los próximos años.</p>"
        f"<h2>Requisitos</h2><ul>{body}</ul></main>"
        "<footer><p>© Banco Ejemplo. Aviso legal. Política de cookies.</p></footer>"
        "</body></html>"
    )
    page = read_page(markup, load_locale(REPO, "default", "es"))
    assert (page.facts.role, page.facts.company) == ("Analista de datos", "Banco Ejemplo")
    assert page.facts.location == "Madrid, ES"
    kinds = {r.text: r.kind for r in page.requirements}
    assert kinds["Grado en Economía o Estadística"] == "must"
    assert kinds["Experiencia de 2 años con SQL"] == "must"
    assert kinds["Modelos de riesgo de crédito en Python"] == "must"
    assert kinds["Se valorará conocimiento de SAS"] == "nice"
    assert not any("cookies" in text or "Inicio" in text for text in kinds)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 — the base's name
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """A folder served over HTTP on this machine only, for as long as the test runs."""
    folder = tmp_path / "www"
    folder.mkdir()
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_posting_is_fetched_from_its_address(
    tiny: Path, run, served: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page = (REAL / "38-attio-product-engineer.html").read_text("utf-8")
    (tmp_path / "www" / "attio.html").write_text(page, "utf-8")
    url = f"{served}/attio.html"
    assert run("apply", "from-web", "--root", tiny, "--posting", url).code == 0
    assert run("apply", "from-file", "--root", tiny, "--posting",
               REAL / "38-attio-product-engineer.html").code == 0  # fmt: skip
    fetched, saved = front_matter(tiny, "from-web"), front_matter(tiny, "from-file")
    assert fetched["posting_url"] == url
    assert fetched["requirements"] == saved["requirements"]
    assert (fetched["company"], fetched["role"]) == ("Attio", "Product Engineer")


def test_a_missing_page_and_a_file_that_is_not_a_page_are_refused(
    tiny: Path, run, served: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    missing = run("apply", "gone", "--root", tiny, "--posting", f"{served}/gone.html")
    assert missing.code == 1
    assert "answered with HTTP error 404" in missing.err
    (tmp_path / "www" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    image = run("apply", "logo", "--root", tiny, "--posting", f"{served}/logo.png")
    assert image.code == 1 and "is not a web page but image/png" in image.err
    assert not (tiny / "content" / "applications").exists()


def closed_port() -> int:
    """A port of this machine that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "could not read http://127.0.0.1:{port}/job: Connection refused"),
        ("es", "no se ha podido leer http://127.0.0.1:{port}/job: Conexión rechazada"),
    ],
)
def test_an_unreachable_address_is_said_in_the_portfolio_language(
    tiny: Path, run, language: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", f"title: T\nurl: https://t.example.org/\nlanguage: {language}\n")
    port = closed_port()
    result = run("apply", "acme", "--root", tiny, "--posting", f"http://127.0.0.1:{port}/job")
    assert result.code == 1
    assert said.format(port=port) in result.err
    assert "Traceback" not in result.err


def test_company_and_role_come_from_the_posting_unless_given(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    posting = write(
        tiny,
        "posting.md",
        """
        # Analista de datos

        **Empresa:** Transportes Ibéricos
        **Ubicación:** Zaragoza

        ## Requisitos
        - SQL avanzado
        - Excel
        """,
    )
    assert run("apply", "ti", "--root", tiny, "--posting", posting).code == 0
    named = front_matter(tiny, "ti")
    assert (named["company"], named["role"], named["location"]) == (
        "Transportes Ibéricos", "Analista de datos", "Zaragoza")  # fmt: skip
    assert run("apply", "ti-2", "--root", tiny, "--posting", posting,
               "--role", "Analista sénior").code == 0  # fmt: skip
    given = front_matter(tiny, "ti-2")
    assert (given["company"], given["role"]) == ("Transportes Ibéricos", "Analista sénior")


def test_a_posting_that_names_no_company_asks_for_it(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    posting = write(tiny, "posting.txt", "Requirements\n- SQL\n- Excel\n")
    neither = run("apply", "x", "--root", tiny, "--posting", posting)
    assert neither.code == 1
    assert "names neither the company nor the role" in neither.err
    assert "--company NAME --role TITLE" in neither.err
    no_company = run("apply", "x", "--root", tiny, "--posting", posting, "--role", "Analyst")
    assert no_company.code == 1 and "pass --company NAME" in no_company.err
    assert not (tiny / "content" / "applications").exists()


@pytest.mark.parametrize(
    ("language", "description", "expected"),
    [
        ("en", "<h2>Requirements</h2><ul><li>Figma</li><li>After Effects</li></ul>",
         "12 months of experience"),
        ("es", "<h2>Requisitos</h2><ul><li>Figma</li><li>After Effects</li></ul>",
         "12 meses de experiencia"),
        ("en", "<h2>Requirements</h2><ul><li>Figma</li><li>1+ years of motion design</li></ul>",
         None),
    ],
)  # fmt: skip
def test_experience_given_only_in_months_reads_as_a_sentence(
    language: str, description: str, expected: str | None
) -> None:
    """`experienceRequirements` with only `monthsOfExperience` (Djinni, Computrabajo) is an
    ask in the portfolio's language, unless the description already says how long."""
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Motion Designer",
        "description": description,
        "hiringOrganization": {"@type": "Organization", "name": "Acme"},
        "experienceRequirements": {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": 12.0,
        },
    }
    markup = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    page = read_page(markup, load_locale(REPO, "default", language))
    texts = [r.text for r in page.requirements]
    assert texts[0] == "Figma" and len(texts) == (3 if expected else 2)
    assert [t for t in texts if "12" in t] == ([expected] if expected else [])
