"""PDFs on paper: the CV on one page, entries kept whole, a QR code back to each PDF's web
page, no nearly empty last page, no line printed twice. Measured as a reader meets them:
pages counted and text read with pypdf, QR codes decoded from the rendered page."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.conftest import text_of, write

BASE = "https://ana-garcia.github.io/portfolio/"
MM = 72 / 25.4  # points in a millimetre
TOP, BOTTOM = 15 * MM, 18 * MM  # the default page margins (print.css), in points


@pytest.fixture(scope="module")
def pdfs(built_demo: Path) -> Path:
    return built_demo / "build" / "site" / "pdf"


def public_pdfs(pdfs: Path) -> dict[str, Path]:
    """Every public PDF of a build, by the address of the web page it prints."""
    pages = {}
    for path in sorted(pdfs.rglob("*.pdf")):
        name = path.relative_to(pdfs).with_suffix("").as_posix()
        pages[{"profile": "", "resume": "resume/"}.get(name, name + "/")] = path
    return pages


def picture(path: Path, page: int, dpi: int) -> Image.Image:
    """One page of a PDF as pixels, as a printer or a phone's camera sees it."""
    document = pypdfium2.PdfDocument(path)
    try:
        return document[page].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()


def test_every_public_pdf_carries_a_qr_code_to_its_page(pdfs: Path) -> None:
    pages = public_pdfs(pdfs)
    assert {"", "resume/", "for/northwind-equity-research/", "briefs/aapl-2017/"} <= set(pages)
    assert any(page.startswith("samples/") for page in pages)
    for page, path in pages.items():
        # 150 dpi: a laser print, or a phone held a hand's width away
        codes = zxingcpp.read_barcodes(picture(path, 0, dpi=150))
        assert [(c.format, c.text) for c in codes] == [
            (zxingcpp.BarcodeFormat.QRCode, BASE + page)
        ], path
        printed = re.sub(r"[\s\u200b]", "", text_of(path))
        assert (BASE + page).removeprefix("https://").rstrip("/") in printed, path


def test_no_qr_code_when_site_yml_turns_it_off(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", "title: T\nurl: https://t.github.io/\npdf: {qr_code: false}\n")
    assert run("build", "--root", tiny).code == 0
    assert zxingcpp.read_barcodes(picture(tiny / "build/site/pdf/profile.pdf", 0, 150)) == []


def filled(path: Path) -> float:
    """How far down the content area the last page is printed, from 0 to 1: the lowest
    inked row above the footer (the last band of ink, in the bottom margin)."""
    last = len(PdfReader(path).pages) - 1
    image = picture(path, last, dpi=72)  # a pixel a point
    width, height = image.size
    pixels = image.load()
    inked = [y for y in range(height) if any(pixels[x, y] < 200 for x in range(width))]
    footer = [y for y in inked if y > height - BOTTOM]
    content = [y for y in inked if y < (min(footer) if footer else height) - 2]
    return (max(content) - TOP) / (height - TOP - BOTTOM)


def test_no_public_pdf_ends_on_a_nearly_empty_page(pdfs: Path) -> None:
    fills = {path.name: filled(path) for path in public_pdfs(pdfs).values()}
    assert all(fill > 0.15 for fill in fills.values()), fills


def test_the_demo_cv_fits_one_page(pdfs: Path) -> None:
    assert len(PdfReader(pdfs / "resume.pdf").pages) == 1
    text = text_of(pdfs / "resume.pdf")
    assert "Microsoft Certified Power BI Data Analyst Associate" in text  # the last line


def test_a_story_bullet_is_printed_like_the_others(pdfs: Path) -> None:
    """Linked, but not underlined: an underline is a horizontal stroke under the text."""
    page = PdfReader(pdfs / "resume.pdf").pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    underlines = re.findall(r"([\d.]+) ([\d.]+) m\s+([\d.]+) \2 l\s+S", content)
    links = [a.get_object() for a in page.get("/Annots") or []]
    stories = [a for a in links if "/achievements/" in str(a["/A"].get("/URI", ""))]
    assert stories, "the CV links its bullets to their stories"
    assert len(underlines) < len(stories)  # no line under each linked bullet
    assert "\u2197" in page.extract_text()  # a small arrow marks them instead


def test_the_contact_line_breaks_between_items_never_inside_one(
    tiny: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    links = "".join(
        f"  Site{n}: https://example.com/a-long-path-to-profile-{n}\n" for n in range(6)
    )
    write(tiny, "content/profile.md", f"---\nname: Test Person\nheadline: Analyst\n"
          f"email: test@example.com\nlinks:\n{links}---\nI count things.\n")  # fmt: skip
    write(tiny, "content/resume.yml", LONG_RESUME_JOB.format(n=1))
    assert run("build", "--root", tiny).code == 0
    lines = PdfReader(tiny / "build/site/pdf/resume.pdf").pages[0].extract_text().splitlines()
    contact = [line for line in lines if "example.com/" in line]
    assert len(contact) >= 2  # it wraps...
    for line in contact:  # ...between whole addresses
        for piece in line.split("·"):
            piece = piece.strip()
            assert not piece or re.fullmatch(
                r"(test@example\.com|tester\.github\.io/portfolio|example\.com/a-long-path-to-profile-\d)",
                piece,
            ), line


LONG_RESUME_JOB = """\
experience:
  - organization: Company {n}
    role: Analyst {n}
    start: 2020-01
    highlights:
      - First bullet of job {n}, which says what the analyst did and what it changed for the team
"""


def long_resume(jobs: int) -> str:
    """A CV with many entries, each with a title, a summary and five bullets."""
    entries = []
    for n in range(1, jobs + 1):
        bullets = "".join(
            f"      - Bullet {b} of job {n} built the model, ran the numbers and wrote them up for the board\n"
            for b in range(1, 6)
        )
        entries.append(
            f"  - organization: Company {n}\n    role: Analyst {n}\n    start: {2000 + n}-01\n"
            f"    end: {2001 + n}-01\n    summary: Finance work of every kind for a group of"
            f" {n} companies, from the close to the board pack.\n    highlights:\n{bullets}"
        )
    return "experience:\n" + "".join(entries)


def test_a_longer_cv_spills_without_splitting_an_entry(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/resume.yml", long_resume(jobs=14))
    assert run("build", "--root", tiny).code == 0
    reader = PdfReader(tiny / "build/site/pdf/resume.pdf")
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) >= 2
    for n in range(1, 15):
        title = f"Analyst {n}, Company {n}"
        where = [i for i, text in enumerate(pages) if title in text]
        assert len(where) == 1, title
        page = pages[where[0]]
        assert f"Bullet 1 of job {n} " in page and f"Bullet 5 of job {n} " in page, title
    # the section's heading stays with its first entry
    assert "Analyst 1, Company 1" in next(p for p in pages if "EXPERIENCE" in p)


def test_no_line_is_printed_twice_in_the_profile(pdfs: Path, built_demo: Path) -> None:
    lines = [" ".join(line.split()) for line in PdfReader(pdfs / "profile.pdf").pages[0]
             .extract_text().splitlines()]  # fmt: skip
    lines = [line for line in lines if len(line) > 12]
    assert len(lines) == len(set(lines))
    text = text_of(pdfs / "profile.pdf")
    rolling = (built_demo / "content/achievements/rolling-forecast.md").read_text("utf-8")
    assert "Quarter-ahead EBITDA forecast error cut from ±11% to ±3.5%" in rolling  # the result
    assert "Quarter-ahead EBITDA forecast error cut from ±11% to ±3.5%" in text
    assert "- Quarter-ahead EBITDA forecast error from ±11% to ±3.5%" in rolling  # its first metric
    assert "Quarter-ahead EBITDA forecast error from ±11% to ±3.5%" not in text
    assert "Forecast cycle shortened from 15 to 6 working days" in text  # a metric that adds


def test_a_metric_that_repeats_the_result_is_printed_once(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    story = (tiny / "content/achievements/faster-reporting.md").read_text("utf-8")
    story = story.replace(
        "  - Report time −60%", "  - Report cut from 5 to 2 days\n  - 12 reports moved"
    )
    write(tiny, "content/achievements/faster-reporting.md", story)
    assert run("build", "--root", tiny).code == 0
    text = text_of(tiny / "build/site/pdf/profile.pdf")
    assert text.count("Report cut from 5 to 2 days") == 1
    assert "12 reports moved" in text
