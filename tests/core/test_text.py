"""Text stays text, end to end, on a Spanish portfolio whose every field is hostile: each page
(navigation, tabs, header, browser tab, table of contents, body), the search index, the
sitemap, the PDFs and their metadata, and the mail drafts show what was written and make no
element of it."""

from __future__ import annotations

import email
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader

from tests.conftest import snapshot, write

# Markup of every kind a field might carry: HTML, a script link, Markdown emphasis, code,
# an attribute list, an emoji shortcode, strikethrough, a table pipe, a heading's hash.
H = (
    "<script>alert('x')</script> [clic](javascript:alert(1)) **negrita** _cursiva_ `código` "
    "{: onclick=alert(2) } :smile: ~~tachado~~ C# | <img src=x onerror=alert(3)> &amp; fin"
)
MARKUP_WORDS = ("negrita", "cursiva", "código", "tachado", "clic")

FIELDS = {
    "site": "Sitio " + H,
    "name": "Ana " + H,
    "headline": "Titular " + H,
    "location": "Lugar " + H,
    "story": "Historia " + H,
    "result": "1. Resultado " + H,
    "metric": "- Métrica " + H,
    "situation": "# Situación " + H,
    "sample": "Muestra " + H,
    "summary": "> Resumen " + H,
    "brief": "Nota " + H,
    "company": "Compañía " + H,
    "role": "Puesto " + H,
    "requirement": "Requisito " + H,
    "plan": "Plan " + H,
    "employer": "Empleador " + H,
    "job": "Cargo " + H,
    "highlight": "Logro " + H,
}


FILE = "datos (v2) #1 ¿final?.csv"
PUBLISHED = "datos-v2-1-final.csv"  # published under a clean name


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def portfolio(root: Path, pages: str) -> Path:
    f = {key: q(value) for key, value in FIELDS.items()}
    write(root, "site.yml", f"title: {f['site']}\nurl: https://ana.example.org/p/\nlanguage: es\n"
                            f"applications: {{pages: {pages}}}\n")  # fmt: skip
    write(
        root,
        "content/profile.md",
        f"""
        ---
        name: {f["name"]}
        headline: {f["headline"]}
        location: {f["location"]}
        email: ana@example.org
        links: {{{q("Web " + H)}: "https://example.org/a_(b)"}}
        ---
        Mi biografía.
        """,
    )
    write(
        root,
        "content/achievements/historia.md",
        f"""
        ---
        title: {f["story"]}
        result: {f["result"]}
        skills: ["<b>SQL</b>"]
        metrics: [{f["metric"]}]
        situation: {f["situation"]}
        ---
        """,
    )
    write(
        root,
        "content/samples/muestra/index.md",
        f"""
        ---
        title: {f["sample"]}
        summary: {f["summary"]}
        files: [{q(FILE)}]
        link: "https://example.org/a_(b)?q=1&r=2"
        ---
        """,
    )
    write(root, f"content/samples/muestra/{FILE}", "fecha,cierre\n")
    write(
        root,
        "content/briefs/nota.md",
        f"""
        ---
        ticker: ACME
        company: {f["brief"]}
        rating: buy
        price: 10
        price_target: 13
        ---
        """,
    )
    write(
        root,
        "content/applications/empleo.md",
        f"""
        ---
        company: {f["company"]}
        role: {f["role"]}
        requirements:
          - {{id: req, text: {f["requirement"]}, evidence: [historia], plan: {f["plan"]}}}
        leave_behind: {{samples: [muestra], briefs: [nota]}}
        ---
        """,
    )
    write(
        root,
        "content/resume.yml",
        f"""
        experience:
          - organization: {f["employer"]}
            role: {f["job"]}
            start: 2020-01
            highlights: [{f["highlight"]}]
        """,
    )
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from builder.app.cli import main

    root = portfolio(tmp_path_factory.mktemp("text") / "listed", "listed")
    assert main(["build", "--root", str(root)]) == 0
    return root / "build" / "site"


@pytest.fixture(scope="module")
def unlisted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from builder.app.cli import main

    root = portfolio(tmp_path_factory.mktemp("text") / "unlisted", "unlisted")
    assert main(["build", "--root", str(root), "--no-pdf"]) == 0
    return root / "build" / "site"


def pages(site: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    for path in sorted(site.rglob("*.html")):
        yield (
            path.relative_to(site).as_posix(),
            BeautifulSoup(path.read_text("utf-8"), "html.parser"),
        )


def flat(text: str) -> str:
    return " ".join(text.split())


def text_of(element: Tag) -> str:
    for permalink in element.select("a.headerlink"):
        permalink.decompose()
    return flat(element.get_text(" "))


def assert_no_element_from_a_field(where: str, soup: BeautifulSoup) -> None:
    handlers = soup.find_all(lambda tag: any(a.lower().startswith("on") for a in tag.attrs))
    assert handlers == [], where
    assert soup.select('a[href^="javascript:"]') == [], where
    assert not [s for s in soup.find_all("script") if "alert(" in s.get_text()], where
    assert soup.select('img[src="x"]') == [], where
    made = soup.find_all(
        ["strong", "em", "code", "del", "b", "abbr"],
        string=lambda s: s is not None and s.strip() in MARKUP_WORDS + ("SQL",),
    )
    assert made == [], where
    assert soup.select('img[alt="😄"], [title=":smile:"]') == [], where


def test_no_page_makes_an_element_of_a_field(built: Path, unlisted: Path) -> None:
    for site in (built, unlisted):
        for where, soup in pages(site):
            assert_no_element_from_a_field(where, soup)


def test_header_tab_and_browser_title_show_the_title_as_written(built: Path) -> None:
    soup = BeautifulSoup((built / "achievements/historia/index.html").read_text(), "html.parser")
    assert soup.title.get_text() == f"{flat(FIELDS['story'])} - {flat(FIELDS['site'])}"
    topics = [text_of(t) for t in soup.select(".md-header__topic")]
    assert topics == [flat(FIELDS["site"]), flat(FIELDS["story"])]
    assert text_of(soup.find("h1")) == flat(FIELDS["story"])
    navigation = [text_of(link) for link in soup.select(".md-nav--primary .md-nav__link")]
    assert flat(FIELDS["story"]) in navigation
    assert flat(FIELDS["sample"]) in navigation
    assert f"{flat(FIELDS['brief'])} (ACME)" in navigation
    assert soup.find("meta", attrs={"name": "author"})["content"] == FIELDS["name"]
    assert soup.find("meta", attrs={"name": "description"})["content"] == FIELDS["headline"]
    assert text_of(soup.select_one(".md-copyright")) == f"© {FIELDS['name']}"


def test_the_body_shows_every_field_as_written(built: Path) -> None:
    story = BeautifulSoup((built / "achievements/historia/index.html").read_text(), "html.parser")
    article = text_of(story.find("article"))
    for key in ("result", "metric", "situation"):
        assert flat(FIELDS[key]) in article, key
    assert "<b>SQL</b>" in article
    home = text_of(BeautifulSoup((built / "index.html").read_text(), "html.parser").find("article"))
    for key in ("name", "headline", "location", "story", "result", "sample", "summary"):
        assert flat(FIELDS[key]) in home, key
    job = BeautifulSoup((built / "for/empleo/index.html").read_text(), "html.parser")
    cells = [text_of(td) for td in job.select(".sr-proof td")]
    assert cells[0] == flat(FIELDS["requirement"]) and cells[2] == flat(FIELDS["plan"])
    assert flat(FIELDS["story"]) in cells[1]


def test_links_to_files_and_addresses_with_odd_characters_work(built: Path) -> None:
    page = built / "samples/muestra/index.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    hrefs = [a["href"] for a in soup.select("article a.md-button")]
    files = [
        a for a in soup.select("article a.md-button") if not a["href"].startswith(("http", "../"))
    ]
    assert [unquote(a["href"]) for a in files] == [PUBLISHED] and (
        page.parent / PUBLISHED
    ).is_file()
    assert FILE in text_of(files[0])  # the button shows the name as written
    assert "https://example.org/a_%28b%29?q=1&r=2" in hrefs


def test_the_table_of_contents_shows_headings_as_written(built: Path) -> None:
    soup = BeautifulSoup((built / "resume/index.html").read_text(), "html.parser")
    toc = [text_of(link) for link in soup.select(".md-nav--secondary a.md-nav__link")]
    assert f"{flat(FIELDS['job'])} — {flat(FIELDS['employer'])}" in toc
    highlights = [text_of(li) for li in soup.find("article").find_all("li")]
    assert any(h.startswith(flat(FIELDS["highlight"])) for h in highlights)


def test_a_tailored_page_has_its_title_as_written(built: Path, unlisted: Path) -> None:
    heading = f"{flat(FIELDS['role'])} en {flat(FIELDS['company'])}"
    listed = BeautifulSoup((built / "for/empleo/index.html").read_text(), "html.parser")
    title = f"{flat(FIELDS['role'])} — {flat(FIELDS['company'])}"  # its name in the navigation
    assert text_of(listed.find("h1")) == heading
    assert listed.title.get_text() == f"{title} - {flat(FIELDS['site'])}"
    assert [text_of(t) for t in listed.select(".md-header__topic")][1] == title
    soup = BeautifulSoup((unlisted / "for/empleo/index.html").read_text(), "html.parser")
    assert text_of(soup.find("h1")) == heading
    assert soup.title.get_text() == f"{heading} - {flat(FIELDS['site'])}"
    assert [text_of(t) for t in soup.select(".md-header__topic")][1] == heading


def test_the_search_index_holds_text_not_markup(built: Path) -> None:
    index = json.loads((built / "search/search_index.json").read_text("utf-8"))
    titles = []
    for entry in index["docs"]:
        for part in ("title", "text"):
            soup = BeautifulSoup(entry[part], "html.parser")
            assert_no_element_from_a_field(f"{entry['location']} {part}", soup)
        titles.append(flat(BeautifulSoup(entry["title"], "html.parser").get_text(" ")))
    assert flat(FIELDS["story"]) in titles and flat(FIELDS["sample"]) in titles


def test_the_sitemap_is_well_formed(built: Path) -> None:
    tree = ET.parse(built / "sitemap.xml")
    locations = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://ana.example.org/p/achievements/historia/" in locations


def pdf(built: Path, name: str) -> tuple[dict[str, str], str]:
    reader = PdfReader(built / "pdf" / name)
    meta = {key: str(reader.metadata.get(key)) for key in ("/Title", "/Author", "/Subject")}
    meta["/Keywords"] = str(reader.metadata.get("/Keywords", ""))
    return meta, "".join("".join(page.extract_text() for page in reader.pages).split())


def test_pdfs_show_fields_as_written_in_text_and_metadata(built: Path) -> None:
    name = FIELDS["name"]
    meta, text = pdf(built, "profile.pdf")
    assert meta["/Title"] == name and meta["/Author"] == name
    assert meta["/Subject"] == f"Perfil de {name}" and "<b>SQL</b>" in meta["/Keywords"]
    for key in ("name", "headline", "story", "result", "sample"):
        assert "".join(FIELDS[key].split()) in text, key
    meta, text = pdf(built, "for/empleo.pdf")
    title = f"{FIELDS['role']} en {FIELDS['company']}"
    assert meta["/Title"] == f"{title} — {name}"
    assert meta["/Subject"].startswith(title)
    for key in ("requirement", "plan", "story"):
        assert "".join(FIELDS[key].split()) in text, key
    meta, _ = pdf(built, "samples/muestra.pdf")
    assert meta["/Title"] == f"{FIELDS['sample']} — {name}"
    meta, _ = pdf(built, "briefs/nota.pdf")
    assert FIELDS["brief"] in meta["/Title"] and FIELDS["brief"] in meta["/Keywords"]


# ---------------------------------------------------------------------------
# Mail: names as people write them, one recipient each, a greeting that fits

INTERVIEWERS = [
    # (name, id, greeting field, greeting line, To: display name)
    ("Ortega, Javier", "javier", None, "Hola, Javier:", "Javier Ortega"),
    ("Dra. María José García López", "maria", None, "Hola, Dra. García:", "Dra. María José García López"),
    ("María José Pérez Gil", "mj", None, "Hola, María José:", "María José Pérez Gil"),
    ("Prince", "prince", None, "Hola, Prince:", "Prince"),
    ("山田太郎", "yamada", None, "Hola, 山田太郎:", "山田太郎"),
    ("Marcos Vidal", "marcos", "Marquitos", "Hola, Marquitos:", "Marcos Vidal"),
    ("Elena Soto", "elena", "Estimada Sra. Soto:", "Estimada Sra. Soto:", "Elena Soto"),
]  # fmt: skip


@pytest.fixture(scope="module")
def mail(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from builder.app.cli import main

    root = tmp_path_factory.mktemp("mail") / "portfolio"
    write(root, "site.yml", "title: Ana\nurl: https://ana.example.org/\nlanguage: es\n")
    write(root, "content/profile.md", "---\nname: 'Ruiz, Ana'\nemail: ana@example.org\n---\n")
    people = "\n".join(
        f"      - {{name: {q(name)}, id: {id}, email: {id}@northwind.example"
        + (f", greeting: {q(greeting)}" if greeting else "")
        + "}"
        for name, id, greeting, _, _ in INTERVIEWERS
    )
    write(root, "content/applications/northwind.md", "---\ncompany: Northwind\nrole: Analista\n"
          "references: [lucia]\ninterviews:\n  - date: 2024-01-10T10:00\n    interviewers:\n"
          f"{people}\n---\n")  # fmt: skip
    write(
        root,
        "content/references.yml",
        "- {id: lucia, name: 'Fernández, Lucía', email: lucia@example.org}\n",
    )
    assert main(["build", "--root", str(root), "--no-pdf"]) == 0
    return root / "build" / "private" / "northwind"


def read(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


def opening(msg: EmailMessage) -> tuple[str, str]:
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = BeautifulSoup(msg.get_body(("html",)).get_content(), "html.parser")  # type: ignore[union-attr]
    return text.splitlines()[0], flat(html.find("p").get_text())


@pytest.mark.parametrize(("name", "id", "greeting", "line", "shown"), INTERVIEWERS)
def test_each_followup_greets_its_one_recipient_properly(
    mail: Path, name: str, id: str, greeting: str | None, line: str, shown: str
) -> None:
    msg = read(mail / f"followup-{id}.eml")
    recipients = getaddresses(msg.get_all("To", []) + msg.get_all("Cc", []))
    assert recipients == [(shown, f"{id}@northwind.example")]
    assert opening(msg) == (line, line)
    assert getaddresses(msg.get_all("From", [])) == [("Ana Ruiz", "ana@example.org")]


def test_a_reference_written_family_name_first_is_greeted_by_given_name(mail: Path) -> None:
    msg = read(mail / "reference-lucia.eml")
    assert getaddresses(msg.get_all("To", [])) == [("Lucía Fernández", "lucia@example.org")]
    assert opening(msg) == ("Hola, Lucía:", "Hola, Lucía:")
    names = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "me entrevisté con Javier Ortega" in names  # who was met, in reading order


INTERVIEW = """
---
company: Northwind
role: Analista
interviews:
  - date: 2024-01-10
    interviewers:
      - email: j@northwind.example
        name: {value}
---
"""


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"Javier\\nOrtega"', "debe ocupar una sola línea, sin saltos de línea"),
        ('"Javier\\rOrtega"', "debe ocupar una sola línea, sin saltos de línea"),
        ('"Javier\\u2028Ortega"', "debe ocupar una sola línea, sin saltos de línea"),
        ('"Javier\\x07Ortega"', "contiene el carácter de control invisible U+0007"),
        ('"Javier\\tOrtega"', "contiene el carácter de control invisible U+0009"),
        (
            "|\n          Javier\n          Ortega",
            "debe ocupar una sola línea, sin saltos de línea",
        ),
    ],
)
def test_a_line_break_in_a_name_is_a_content_error(
    tmp_path: Path,
    run,
    value: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    root = tmp_path / "p"
    write(root, "site.yml", "title: Ana\nurl: https://ana.example.org/\nlanguage: es\n")
    write(root, "content/profile.md", "---\nname: Ana\nemail: ana@example.org\n---\n")
    app = write(root, "content/applications/northwind.md", INTERVIEW.format(value="Javier Ortega"))
    assert run("build", "--root", root).code == 0
    before = snapshot(root / "build")
    app.write_text(INTERVIEW.format(value=value).lstrip("\n"), "utf-8")
    result = run("build", "--root", root)
    assert result.code == 1 and "internal error" not in result.err
    field = "interviews[0].interviewers[0].name"
    assert f"content/applications/northwind.md:8:9: {field}: {message} — " in result.err
    assert snapshot(root / "build") == before


def test_every_header_field_rejects_a_line_break(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "p"
    write(root, "site.yml", 'title: "Ana\\nRuiz"\nurl: https://ana.example.org/\nlanguage: es\n')
    write(
        root,
        "content/profile.md",
        '---\nname: "Ana\\nRuiz"\nemail: "ana@example.org\\nBcc: x@y.z"\n---\n',
    )
    write(
        root,
        "content/applications/northwind.md",
        """
        ---
        company: "North\\nwind"
        role: "Ana\\u0085lista"
        references: [lucia]
        interviews:
          - date: 2024-01-10
            interviewers:
              - {name: Javier, role: "Jefe\\nde datos", email: "j@northwind.example\\r\\nBcc: x@y.z"}
        ---
        """,
    )
    write(
        root,
        "content/references.yml",
        '- {id: lucia, name: "Lucía\\nFernández", email: "l@x.org\\n"}\n',
    )
    result = run("build", "--root", root)
    assert result.code == 1, result.err
    reported = set(re.findall(r"^error (\S+?):\d+:\d+: (\S+):", result.err, re.M))
    assert reported == {
        ("site.yml", "title"),
        ("content/profile.md", "name"),
        ("content/profile.md", "email"),
        ("content/applications/northwind.md", "company"),
        ("content/applications/northwind.md", "role"),
        ("content/applications/northwind.md", "interviews[0].interviewers[0].role"),
        ("content/applications/northwind.md", "interviews[0].interviewers[0].email"),
        ("content/references.yml", "[0].name"),
    }, result.err
    assert "internal error" not in result.err and not (root / "build").exists()


def test_a_web_address_that_would_end_its_attribute_is_a_content_error(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "p"
    write(root, "site.yml", "title: Ana\nurl: https://ana.example.org/\n")
    write(
        root,
        "content/profile.md",
        """
        ---
        name: Ana
        links:
          LinkedIn: 'https://example.org/x"onmouseover="alert(1)'
          GitHub: https://example.org/<b>
        ---
        """,
    )
    result = run("build", "--root", root)
    assert result.code == 1 and not (root / "build").exists()
    hint = "copy the address from the browser's address bar"
    assert (
        "content/profile.md:4:3: links.LinkedIn: 'https://example.org/x\"onmouseover=\"alert(1)' holds"
        in result.err
    )
    assert "content/profile.md:5:3: links.GitHub:" in result.err and result.err.count(hint) == 2
