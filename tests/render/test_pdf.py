"""PDF leave-behinds: real documents with text, links, metadata and embedded fonts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from builder.core.resume_entries import ResumeEntry
from builder.load.read import load
from tests.conftest import MARKED_APPLICATION, MARKED_REFERENCES, MARKERS, links_of, text_of, write

BASE = "https://ana-garcia.github.io/portfolio/"
SLUG = "northwind-equity-research"


@pytest.fixture(scope="module")
def pdfs(built_demo: Path) -> Path:
    return built_demo / "build" / "site" / "pdf"


def test_the_pdfs_of_the_design_exist(pdfs: Path, built_demo: Path) -> None:
    portfolio = load(built_demo)
    expected = {"profile.pdf"} | {f"for/{slug}.pdf" for slug in portfolio.applications}
    expected |= {f"samples/{s}.pdf" for s, d in portfolio.samples.items() if d.public}
    expected |= {f"briefs/{b}.pdf" for b, d in portfolio.briefs.items() if d.public}
    expected |= {"resume.pdf"} if portfolio.resume else set()
    assert {p.relative_to(pdfs).as_posix() for p in pdfs.rglob("*.pdf")} == expected


def test_leave_behind_holds_the_requirements_and_their_proof(pdfs: Path, built_demo: Path) -> None:
    portfolio = load(built_demo)
    app = portfolio.applications[SLUG]
    text = text_of(pdfs / "for" / f"{SLUG}.pdf")
    assert app.meta.role in text and app.meta.company in text
    for requirement in app.meta.requirements:
        assert " ".join(requirement.text.split()) in text, requirement.id
        for evidence in requirement.evidence:
            doc = portfolio.evidence(evidence)
            if isinstance(doc, ResumeEntry):  # an entry of the CV, by the name the CV gives it
                title = (
                    doc.skill
                    or getattr(doc.item, "name", None)
                    or getattr(doc.item, "language", None)
                )
            else:
                title = getattr(doc.meta, "title", None)
            assert title and " ".join(title.split()) in text
    story = portfolio.achievements["ppa-pricing"]
    assert story.meta.metrics[0] in text
    assert len(PdfReader(pdfs / "for" / f"{SLUG}.pdf").pages) <= 2


def test_text_comes_out_in_reading_order(pdfs: Path) -> None:
    text = text_of(pdfs / "for" / f"{SLUG}.pdf")
    order = ["Ana García", "Why me", "What you asked for, and my proof", "Build and maintain three-statement",
             "Prepare earnings previews", "Work to look at"]  # fmt: skip
    positions = [text.lower().index(part.lower()) for part in order]
    assert positions == sorted(positions)


def test_every_link_is_absolute(pdfs: Path) -> None:
    for path in pdfs.rglob("*.pdf"):
        links = links_of(path)
        assert links, path
        for link in links:
            assert re.match(r"^(https?://|mailto:)", link), (path, link)
    leave_behind = links_of(pdfs / "for" / f"{SLUG}.pdf")
    assert BASE + f"for/{SLUG}/" in leave_behind
    assert BASE + "achievements/ppa-pricing/" in leave_behind
    assert BASE + "pdf/samples/dcf-model.pdf" in leave_behind


def test_an_english_document_prints_the_addresses_of_its_pages(pdfs: Path) -> None:
    """The site's paths are English words: an English reader can type them from paper."""
    # A long address beside the QR code breaks after a slash.
    text = re.sub(r"/\s+", "/", text_of(pdfs / "for" / f"{SLUG}.pdf"))
    assert f"ana-garcia.github.io/portfolio/for/{SLUG}" in text
    assert "ana-garcia.github.io/portfolio/samples/dcf-model" in text


def test_leave_behind_carries_a_vector_qr_code_to_its_page(built_demo: Path) -> None:
    from builder.render.pages import qr_svg

    svg = qr_svg(BASE + f"for/{SLUG}/")
    assert svg.startswith("<svg") and "<path" in svg and "<image" not in svg
    reader = PdfReader(built_demo / "build/site/pdf/for" / f"{SLUG}.pdf")
    assert not any(
        "/Image" in str(x) for x in (reader.pages[0]["/Resources"].get("/XObject") or {}).values()
    )


def test_metadata_is_set(pdfs: Path) -> None:
    meta = PdfReader(pdfs / "for" / f"{SLUG}.pdf").metadata
    assert meta.title.startswith("Equity Research Associate") and meta.title.endswith("Ana García")
    assert meta.author == "Ana García"
    assert "Northwind Capital" in meta.subject
    assert "DCF" in meta["/Keywords"]
    root = PdfReader(pdfs / "profile.pdf").trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged for accessibility
    assert "/CreationDate" not in meta and "/ModDate" not in meta


def test_fonts_are_embedded(pdfs: Path) -> None:
    for path in (pdfs / "profile.pdf", pdfs / "for" / f"{SLUG}.pdf"):
        fonts = _fonts(PdfReader(path))
        assert fonts and all(embedded for _, embedded in fonts), fonts
        assert any("Inter" in name for name, _ in fonts)


def _fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    found = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
    return found


def test_profile_is_one_page_with_the_top_results(pdfs: Path, built_demo: Path) -> None:
    reader = PdfReader(pdfs / "profile.pdf")
    assert len(reader.pages) == 1
    text = text_of(pdfs / "profile.pdf")
    portfolio = load(built_demo)
    assert portfolio.profile.meta.headline in text
    assert "Pricing model behind 3 corporate PPAs" in text
    assert "Kestrel" not in text


def test_sample_pdf_lists_its_files_by_absolute_url(pdfs: Path) -> None:
    links = links_of(pdfs / "samples" / "recon-script.pdf")
    assert BASE + "samples/recon-script/reconcile.py" in links
    assert "reconcile.py" in text_of(pdfs / "samples" / "recon-script.pdf")


def test_site_pages_link_their_pdf(built_demo: Path) -> None:
    site = built_demo / "build" / "site"
    cases = {
        "index.html": "pdf/profile.pdf",
        f"for/{SLUG}/index.html": f"../../pdf/for/{SLUG}.pdf",
        "samples/dcf-model/index.html": "../../pdf/samples/dcf-model.pdf",
    }
    for page, href in cases.items():
        html = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
        assert html.find("a", href=href, download=True), page


def test_no_private_value_in_any_pdf(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/applications/acme.md", MARKED_APPLICATION)
    write(tiny, "content/references.yml", MARKED_REFERENCES)
    assert run("build", "--root", tiny).code == 0
    for path in (tiny / "build/site/pdf").rglob("*.pdf"):
        reader = PdfReader(path)
        everything = (
            text_of(path) + " " + " ".join(str(v) for v in (reader.metadata or {}).values())
        ).lower()
        assert not [m for m in MARKERS if m.lower() in everything], path


FONTTOOLS_RENDER = """
import sys, time
import weasyprint.text.ffi as ffi
import weasyprint.pdf.fonts as fonts
fonts.harfbuzz_subset = None  # as on a machine without libharfbuzz-subset0
from builder.render import pdf_engine
pdf_engine._prepare(946684800)
html = open(sys.argv[1], encoding="utf-8").read()
pdf_engine._render(html, sys.argv[2])
"""


def test_reproducible_without_the_harfbuzz_subsetter(tmp_path: Path, built_demo: Path) -> None:
    """fontTools stamps the time into subset fonts unless SOURCE_DATE_EPOCH is set; we set it."""
    from builder.analyse.analysis import analyse
    from builder.core.words import load_locale
    from builder.plan.site import plan_pdfs
    from builder.render.pages import render_pdf
    from builder.render.theme import Theme

    portfolio = load(built_demo)
    theme = Theme(built_demo, "default", load_locale(built_demo, "default", "en"))
    doc = plan_pdfs(portfolio, analyse(portfolio), theme.locale)[0]
    (tmp_path / "doc.html").write_text(render_pdf(theme, doc).html, "utf-8")
    outputs = []
    for name in ("a.pdf", "b.pdf"):
        subprocess.run(
            [sys.executable, "-c", FONTTOOLS_RENDER, tmp_path / "doc.html", tmp_path / name],
            check=True,
        )
        outputs.append((tmp_path / name).read_bytes())
        subprocess.run([sys.executable, "-c", "import time; time.sleep(1.1)"], check=True)
    assert outputs[0] == outputs[1]
    assert text_of(tmp_path / "a.pdf").startswith("Ana García")


def test_page_size_comes_from_site_yml(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", "title: T\nurl: https://t.github.io/\npdf: {page_size: Letter}\n")
    assert run("build", "--root", tiny).code == 0
    box = PdfReader(tiny / "build/site/pdf/profile.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_portfolio_theme_overrides_a_pdf_template_and_the_css(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", "title: T\nurl: https://t.github.io/\ntheme: mine\n")
    write(tiny, "themes/mine/pdf/profile.html",
          '{% extends "pdf/base.html" %}{% block content %}<p>Custom profile body</p>{% endblock %}')  # fmt: skip
    write(tiny, "themes/mine/pdf/print.css", "@page { size: A5; }\nhtml { font-family: Inter; }\n"
          '@font-face { font-family: "Inter"; src: url("{{ font(\'Inter-Regular.otf\') }}"); }\n')  # fmt: skip
    assert run("build", "--root", tiny).code == 0
    path = tiny / "build/site/pdf/profile.pdf"
    assert "Custom profile body" in text_of(path) and "Test Person" in text_of(path)
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)


def test_spanish_pdfs(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", "title: T\nurl: https://t.github.io/\nlanguage: es\n")
    assert run("build", "--root", tiny).code == 0
    path = tiny / "build/site/pdf/profile.pdf"
    text = text_of(path)
    assert "RESULTADOS DESTACADOS" in text and "Página 1 de 1" in text and "jun 2024" in text
    assert PdfReader(path).trailer["/Root"]["/Lang"] == "es"


def test_the_engine_fingerprint_names_the_subsetter_weasyprint_itself_uses() -> None:
    from weasyprint.text import ffi

    from builder.render import pdf_engine

    expected = "harfbuzz" if ffi.harfbuzz_subset else "fonttools"
    assert pdf_engine.fingerprint().endswith(expected)


def test_a_worker_is_started_for_every_few_documents_not_for_every_core() -> None:
    from builder.render.pdf_engine import worker_count

    assert [worker_count(2, n) for n in (1, 2, 4, 5, 140)] == [1, 1, 1, 2, 2]
    assert worker_count(8, 9) == 3 and worker_count(1, 140) == 1
