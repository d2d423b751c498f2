"""The CV: a page and a one- or two-page PDF that parsers read in order, linked to the stories."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

from builder.load.read import load
from tests.conftest import links_of, text_of

BASE = "https://ana-garcia.github.io/portfolio/"


def test_cv_pdf_reads_in_order_with_standard_headings(built_demo: Path) -> None:
    path = built_demo / "build/site/pdf/resume.pdf"
    assert 1 <= len(PdfReader(path).pages) <= 2
    text = text_of(path)
    headings = ["SUMMARY", "EXPERIENCE", "EDUCATION", "SKILLS", "LANGUAGES", "CERTIFICATIONS"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    resume = load(built_demo).resume
    assert resume is not None
    jobs = [text.index(f"{job.role}, {job.organization}") for job in resume.experience]
    assert jobs == sorted(jobs)
    assert "Apr 2022 – Present" in text and "Sep 2016 – Aug 2019" in text
    for job in resume.experience:
        for highlight in job.highlights:
            assert " ".join(highlight.split()) in text


def test_cv_highlights_link_to_their_stories(built_demo: Path) -> None:
    links = links_of(built_demo / "build/site/pdf/resume.pdf")
    for story in (
        "close-automation",
        "rolling-forecast",
        "ppa-pricing",
        "store-profitability",
        "food-manufacturer-sale",
    ):
        assert BASE + f"achievements/{story}/" in links
    assert "project-kestrel" not in " ".join(links)


def test_cv_page(built_demo: Path) -> None:
    html = BeautifulSoup(
        (built_demo / "build/site/resume/index.html").read_text("utf-8"), "html.parser"
    )
    article = html.find("article")
    assert [h.get_text(strip=True).rstrip("¶") for h in article.find_all("h2")] == [
        "Experience", "Education", "Skills", "Languages", "Certifications"]  # fmt: skip
    story_links = [a["href"] for a in article.select("li a") if "achievements" in a["href"]]
    assert "../achievements/close-automation/" in story_links
    assert article.find("a", href="../pdf/resume.pdf", download=True)
    home = BeautifulSoup((built_demo / "build/site/index.html").read_text("utf-8"), "html.parser")
    assert home.select('.md-tabs a[href="resume/"]')  # the CV is in the navigation
