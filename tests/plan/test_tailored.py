"""The tailored page per job: requirement → proof → plan, unlisted by default, nothing private."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from builder.load.read import load
from tests.conftest import MARKED_APPLICATION, MARKED_REFERENCES, MARKERS, write

SLUG = "northwind-equity-research"


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(built_demo: Path) -> Path:
    return built_demo / "build" / "site"


def test_tailored_page_answers_every_requirement_with_linked_proof(
    site: Path, built_demo: Path
) -> None:
    app = load(built_demo).applications[SLUG]
    page = html(site / "for" / SLUG / "index.html")
    article = page.find("article")
    text = " ".join(article.get_text(" ").split())
    assert app.meta.role in text and app.meta.company in text
    assert " ".join(app.meta.motivation.split()) in text
    assert " ".join(app.meta.career_fit.split()) in text
    rows = article.select(".sr-proof tbody tr")
    assert len(rows) == len(app.meta.requirements)
    page_url = f"https://x.test/portfolio/for/{SLUG}/"
    for row, requirement in zip(rows, app.meta.requirements, strict=True):
        cells = row.find_all("td")
        assert " ".join(requirement.text.split()) in cells[0].get_text(" ")
        linked = [urljoin(page_url, a["href"]) for a in cells[1].find_all("a")]
        expected = [_address(built_demo, i) for i in requirement.evidence]
        assert linked == expected
        if requirement.plan:
            assert " ".join(requirement.plan.split()) in " ".join(cells[2].get_text(" ").split())


def _address(root: Path, id: str) -> str:
    """Where a piece of proof is: its own page, or its entry on the CV page."""
    if id in load(root).resume_entries:
        return f"https://x.test/portfolio/resume/#{id}"
    return f"https://x.test/portfolio/{_folder(root, id)}/{id}/"


def _folder(root: Path, id: str) -> str:
    portfolio = load(root)
    if id in portfolio.achievements:
        return "achievements"
    return "samples" if id in portfolio.samples else "briefs"


def test_proof_shows_the_headline_metric(site: Path, built_demo: Path) -> None:
    portfolio = load(built_demo)
    page = html(site / "for" / SLUG / "index.html")
    proof = " ".join(page.select_one(".sr-proof").get_text(" ").split())
    first = portfolio.applications[SLUG].meta.requirements[0]
    story = next(portfolio.achievements[i] for i in first.evidence if i in portfolio.achievements)
    assert " ".join(story.meta.metrics[0].split()) in proof


def test_relevant_samples_and_briefs_are_offered(site: Path, built_demo: Path) -> None:
    app = load(built_demo).applications[SLUG]
    page = html(site / "for" / SLUG / "index.html")
    cards = [a["href"] for a in page.select(".grid.cards a")]
    for sample in app.meta.leave_behind.samples:
        assert f"../../samples/{sample}/" in cards
    for brief in app.meta.leave_behind.briefs:
        assert f"../../briefs/{brief}/" in cards


def test_unlisted_pages_stay_out_of_navigation_sitemap_and_search(site: Path) -> None:
    page = html(site / "for" / SLUG / "index.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    for other in site.rglob("*.html"):
        if "/for/" not in other.as_posix():
            assert not html(other).select('a[href*="for/"]'), other
    assert "/for/" not in (site / "sitemap.xml").read_text()
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith("for/")]


def test_listed_pages_are_in_navigation_sitemap_and_search(demo: Path, run) -> None:  # type: ignore[no-untyped-def]
    site_yml = (demo / "site.yml").read_text().replace("pages: unlisted", "pages: listed")
    assert "pages: listed" in site_yml
    write(demo, "site.yml", site_yml)
    assert run("build", "--root", demo).code == 0
    site = demo / "build" / "site"
    home = html(site / "index.html")
    assert home.select(f'nav a[href="for/{SLUG}/"]')
    assert f"/for/{SLUG}/" in (site / "sitemap.xml").read_text()
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert any(d["location"] == f"for/{SLUG}/" for d in index["docs"])
    assert not html(site / "for" / SLUG / "index.html").find("meta", attrs={"name": "robots"})


def test_pages_off_builds_none(demo: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(
        demo, "site.yml", (demo / "site.yml").read_text().replace("pages: unlisted", "pages: off")
    )
    assert run("build", "--root", demo).code == 0
    assert not (demo / "build" / "site" / "for").exists()


def test_no_private_field_of_an_application_reaches_the_site(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/applications/acme.md", MARKED_APPLICATION)
    write(tiny, "content/references.yml", MARKED_REFERENCES)
    result = run("build", "--root", tiny)
    assert result.code == 0, result.err
    site = tiny / "build" / "site"
    assert (site / "for" / "acme" / "index.html").is_file()
    found = []
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        found += [(name, m) for m in MARKERS if m.lower() in name.lower()]
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace").lower()
            found += [(name, m) for m in MARKERS if m.lower() in text]
    assert found == []


HOSTILE = """
---
company: "Evil <b>Corp</b>"
role: Analyst
requirements:
  - id: xss
    text: "SQL <script>alert('posting')</script> and <img src=x onerror=alert(1)> | pipes"
    evidence: [faster-reporting]
    plan: "I would <iframe src=//evil.example></iframe> ship it"
---
"""


def test_posting_text_stays_text_on_the_tailored_page(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/applications/evil.md", HOSTILE)
    assert run("build", "--root", tiny).code == 0
    page = html(tiny / "build/site/for/evil/index.html")
    article = page.find("article")
    assert not article.find("script") and not article.find("img") and not article.find("iframe")
    assert not article.find("b", string="Corp")
    text = article.get_text(" ")
    assert "<script>alert('posting')</script>" in text and "onerror=alert(1)" in text
    assert "| pipes" in text
    assert len(article.select(".sr-proof tbody tr")) == 1
