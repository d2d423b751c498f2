"""`secondround import jsonresume`: the real sample résumé imports, builds, and re-imports safely."""

from __future__ import annotations

from pathlib import Path

from builder.load.read import load
from tests.conftest import FIXTURES, write

SAMPLE = FIXTURES / "jsonresume/sample.resume.json"


def fresh(tmp_path: Path) -> Path:
    root = tmp_path / "portfolio"
    write(root, "site.yml", "title: Richard\nurl: https://richard.github.io/\n")
    return root


def test_the_sample_resume_imports_and_builds(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = fresh(tmp_path)
    result = run("import", "jsonresume", SAMPLE, "--root", root)
    assert result.code == 0, result.err
    assert "created   content/profile.md" in result.err
    assert "skipped   awards" in result.err
    portfolio = load(root)
    profile = portfolio.profile.meta
    assert (profile.name, profile.headline, profile.email) == (
        "Richard Hendriks",
        "Programmer",
        "richard.hendriks@mail.com",
    )
    assert profile.location == "San Francisco, California, US"
    assert profile.private == {"phone": "(912) 555-4321"}
    assert profile.links["SoundCloud"] == "https://soundcloud.example.com/dandymusicnl"
    assert "Twitter" not in profile.links  # no URL in the file
    assert portfolio.profile.body.startswith("Richard hails from Tulsa.")
    job = portfolio.resume.experience[0]
    assert (job.organization, job.role, job.start, job.end) == (
        "Pied Piper",
        "CEO/President",
        "2013-12",
        "2014-12",
    )
    stories = [portfolio.achievements[i] for i in job.achievements]
    assert [s.meta.result for s in stories] == job.highlights
    assert all(
        s.meta.organization == "Pied Piper" and s.meta.role == "CEO/President" for s in stories
    )
    assert portfolio.resume.education[0].institution == "University of Oklahoma"
    assert portfolio.resume.skills[0].keywords == ["HTML", "CSS", "Javascript"]
    assert portfolio.resume.languages[0].language == "English"
    assert [s.meta.title for s in portfolio.samples.values()] == ["Miss Direction"]
    assert [r.name for r in portfolio.references.values()] == ["Erlich Bachman"]
    build = run("build", "--root", root)
    assert build.code == 0, build.err
    assert (root / "build/site/resume/index.html").is_file() and (
        root / "build/site/pdf/resume.pdf"
    ).is_file()
    assert "(912) 555-4321" not in (root / "build/site/index.html").read_text()


def test_reimport_duplicates_nothing_and_keeps_edits(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = fresh(tmp_path)
    assert run("import", "jsonresume", SAMPLE, "--root", root).code == 0
    files = sorted(p.relative_to(root) for p in (root / "content").rglob("*") if p.is_file())
    profile = root / "content/profile.md"
    profile.write_text(
        profile.read_text().replace("headline: Programmer", "headline: Compression engineer")
    )
    again = run("import", "jsonresume", SAMPLE, "--root", root)
    assert again.code == 0
    assert (
        "skipped   content/profile.md: you edited it since the last import; --force replaces it"
        in again.err
    )
    assert "0 created, 0 updated" in again.err
    assert (
        sorted(p.relative_to(root) for p in (root / "content").rglob("*") if p.is_file()) == files
    )
    assert "Compression engineer" in profile.read_text()
    forced = run("import", "jsonresume", SAMPLE, "--root", root, "--force")
    assert "updated   content/profile.md" in forced.err
    assert "headline: Programmer" in profile.read_text()


def test_a_file_the_import_did_not_write_is_left_alone(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = fresh(tmp_path)
    write(root, "content/profile.md", "---\nname: Mine\n---\nMy own bio.\n")
    result = run("import", "jsonresume", SAMPLE, "--root", root)
    assert "skipped   content/profile.md: it was not written by an import" in result.err
    assert "My own bio." in (root / "content/profile.md").read_text()


def test_not_a_json_resume(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = fresh(tmp_path)
    write(root, "x.json", '{"title": "a job"}')
    result = run("import", "jsonresume", root / "x.json", "--root", root)
    assert result.code == 1 and "not a JSON Resume file" in result.err


MARKUP = "<script>alert(1)</script> **bold** [click](javascript:alert(2)) :smile: {: onclick=x }"


def test_imported_text_stays_text_on_the_site(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    import json

    from bs4 import BeautifulSoup

    root = fresh(tmp_path)
    resume = {
        "basics": {"name": "Ana\nRuiz\x07", "label": "Analyst " + MARKUP, "summary": "1. " + MARKUP,
                   "url": 'https://example.org/"onmouseover="x'},
        "work": [{"name": "Acme " + MARKUP, "position": "Analyst", "startDate": "2020-01",
                  "highlights": ["# Cut costs 20% " + MARKUP]}],
        "projects": [{"name": "Model", "description": "- " + MARKUP, "highlights": ["- " + MARKUP]}],
    }  # fmt: skip
    write(root, "resume.json", json.dumps(resume))
    assert run("import", "jsonresume", root / "resume.json", "--root", root).code == 0
    assert run("build", "--root", root, "--no-pdf").code == 0
    site = root / "build" / "site"
    for page in ("index.html", "resume/index.html", "samples/model/index.html"):
        soup = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
        article = soup.find("article")
        made = article.find_all(["strong", "em", "img", "script", "h2", "ol"], string="bold")
        assert made == [] and article.find_all(["script", "img", "ol"]) == [], page
        assert not soup.select('a[href^="javascript:"]'), page
        assert not soup.find_all(lambda tag: any(a.startswith("on") for a in tag.attrs)), page
        assert MARKUP in " ".join(article.get_text(" ").split()), page
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    assert home.find("h1").get_text(" ").split()[:2] == ["Ana", "Ruiz"]
    about = [p.get_text() for p in home.find("article").find_all("p")]
    assert "1. " + MARKUP in about
