"""End to end: build the demo and inspect the public site as a visitor and a crawler would."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from builder.load.read import load
from tests.conftest import REPO, snapshot, write

BASE = "https://ana-garcia.github.io/portfolio/"


def page(site: Path, relative: str) -> BeautifulSoup:
    html = BeautifulSoup((site / relative).read_text("utf-8"), "html.parser")
    for anchor in html.select("a.headerlink"):
        anchor.decompose()
    return html


@pytest.fixture(scope="module")
def site(built_demo: Path) -> Path:
    return built_demo / "build" / "site"


def test_home_shows_the_profile_and_highlights(site: Path, built_demo: Path) -> None:
    portfolio = load(built_demo)
    home = page(site, "index.html")
    assert home.find("h1").get_text(strip=True) == "Ana García"
    text = home.get_text(" ", strip=True)
    assert portfolio.profile.meta.headline in text
    assert "Selected results" in text
    linked = {a["href"] for a in home.select(".grid.cards a")}
    assert "achievements/close-automation/" in linked
    assert home.find("html")["lang"] == "en"


def test_one_page_per_public_story_with_star_sections(site: Path, built_demo: Path) -> None:
    portfolio = load(built_demo)
    public = [a for a in portfolio.achievements.values() if a.public]
    for story in public:
        html = page(site, f"achievements/{story.id}/index.html")
        article = html.find("article")
        headings = [h.get_text(strip=True) for h in article.find_all("h2")]
        meta = story.meta
        assert article.find("h1").get_text(strip=True) == meta.title
        for label, value in [
            ("Situation", meta.situation),
            ("Task", meta.task),
            ("Action", meta.action),
        ]:
            if value:
                assert label in headings
        text = " ".join(article.get_text(" ").split())
        assert meta.result in text
        for metric in meta.metrics:
            assert " ".join(metric.split()) in text
        chips = [c.get_text(strip=True) for c in article.select(".sr-chip")]
        assert chips == meta.skills
    listing = page(site, "achievements/index.html")
    cards = listing.select(".grid.cards > ul > li")
    assert len(cards) == len(public)
    for card, story in zip(cards, public_in_listing_order(cards, public), strict=True):
        assert [c.get_text(strip=True) for c in card.select(".sr-chip")] == story.meta.skills


def public_in_listing_order(cards, public):  # type: ignore[no-untyped-def]
    by_href = {f"{story.id}/": story for story in public}
    return [by_href[card.find("a")["href"]] for card in cards]


def test_private_story_is_nowhere(site: Path) -> None:
    assert not (site / "achievements" / "project-kestrel").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml"}:
            assert "Kestrel" not in path.read_text("utf-8"), path


def test_private_values_are_not_published(site: Path, built_demo: Path) -> None:
    portfolio = load(built_demo)
    everything = "\n".join(
        p.read_text("utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix != ".png"
    )
    assert portfolio.profile.meta.private["phone"] not in everything
    for app in portfolio.applications.values():
        for interview in app.meta.interviews:
            for person in interview.interviewers:
                assert person.name not in everything
                assert person.email is None or person.email not in everything
    for ref in portfolio.references.values():
        assert ref.name not in everything


def test_samples_publish_their_files(site: Path, built_demo: Path) -> None:
    portfolio = load(built_demo)
    for sample in portfolio.samples.values():
        html = page(site, f"samples/{sample.id}/index.html")
        links = {a["href"] for a in html.select("article a[download]")}
        for name in sample.meta.files:
            published = site / "samples" / sample.id / Path(name).name
            assert published.read_bytes() == (sample.folder / name).read_bytes()
            assert Path(name).name in links


def test_search_index_covers_the_public_pages(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "achievements/close-automation/" in locations
    assert "samples/dcf-model/" in locations
    assert not any("kestrel" in loc for loc in locations)
    assert index["config"]["lang"] == ["en"]


def test_github_pages_files(site: Path) -> None:
    assert (site / ".nojekyll").is_file()
    assert not (site / "CNAME").exists()
    not_found = page(site, "404.html")
    stylesheet = not_found.find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith("/portfolio/assets/")
    assert not_found.find("h1").get_text(strip=True) == "Page not found"
    assert not_found.find("a", string="Back to the home page")["href"] == BASE


def test_sitemap_lists_public_pages_under_the_base_url(site: Path) -> None:
    tree = ET.parse(site / "sitemap.xml")
    urls = [el.text for el in tree.iter() if el.tag.endswith("loc")]
    assert BASE in urls
    assert BASE + "achievements/close-automation/" in urls
    assert all(url.startswith(BASE) for url in urls)


def _html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def test_every_internal_link_resolves_under_the_sub_path(site: Path) -> None:
    """Serve the site at /portfolio/ and follow every link and asset of every page."""
    broken = []
    for path in _html_files(site):
        relative = path.relative_to(site).as_posix()
        url = BASE + (relative.removesuffix("index.html") if relative != "404.html" else "missing/")
        html = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in html.find_all(tag):
                target = element.get(attribute)
                if not target or target.startswith(("mailto:", "#", "data:")):
                    continue
                absolute = urlparse(urljoin(url, target))
                if f"{absolute.scheme}://{absolute.netloc}/" != "https://ana-garcia.github.io/":
                    continue
                assert absolute.path.startswith("/portfolio/"), (relative, target)
                local = site / absolute.path.removeprefix("/portfolio/")
                if not (local.is_file() or (local / "index.html").is_file()):
                    broken.append((relative, target))
    assert not broken


def test_no_asset_is_fetched_from_another_server(site: Path) -> None:
    for path in _html_files(site):
        html = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for element in html.find_all(["script", "img", "link", "iframe"]):
            if element.name == "link" and "stylesheet" not in (element.get("rel") or []):
                continue
            source = element.get("src") or element.get("href") or ""
            assert not re.match(r"^(https?:)?//", source) or source.startswith(BASE), (path, source)
    css = "\n".join(p.read_text("utf-8") for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_palette_has_light_and_dark_schemes_from_site_yml(site: Path) -> None:
    home = page(site, "index.html")
    schemes = {i["data-md-color-scheme"]: i for i in home.select("input[data-md-color-scheme]")}
    assert set(schemes) == {"default", "slate"}
    for toggle in schemes.values():
        assert toggle["data-md-color-primary"] == "indigo"
        assert toggle["data-md-color-accent"] == "amber"


def test_spanish_build_uses_spanish_words_and_dates(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", "title: T\nurl: https://t.github.io/p/\nlanguage: es\n")
    assert run("build", "--root", tiny).code == 0
    site = tiny / "build" / "site"
    home = page(site, "index.html")
    assert home.find("html")["lang"] == "es"
    text = home.get_text(" ", strip=True)
    assert "Resultados destacados" in text and "Selected results" not in text
    assert "jun 2024" in text.lower()
    story = page(site, "achievements/faster-reporting/index.html").get_text(" ", strip=True)
    assert "Situación" in story and "Resultado" in story
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["es"]


def test_cname_is_written_when_set(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(
        tiny, "site.yml", "title: T\nurl: https://t.example.com/\ndeploy: {cname: t.example.com}\n"
    )
    assert run("build", "--root", tiny).code == 0
    assert (tiny / "build/site/CNAME").read_text() == "t.example.com\n"


def test_invalid_content_leaves_the_previous_build_untouched(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("build", "--root", tiny).code == 0
    before = snapshot(tiny / "build")
    write(tiny, "content/achievements/broken.md", "---\ntitle: B\nresult: 2x\ndate: someday\n---\n")
    result = run("build", "--root", tiny)
    assert result.code == 1
    assert "content/achievements/broken.md:4:1: date:" in result.err
    assert "Traceback" not in result.err
    assert snapshot(tiny / "build") == before


def test_invalid_content_creates_no_build_folder(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/profile.md", "---\nname: [unclosed\n---\n")
    assert run("build", "--root", tiny).code == 1
    assert not (tiny / "build").exists()


def test_template_syntax_error_is_named_with_file_and_line(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", TINY_SITE_WITH_THEME)
    write(tiny, "themes/mine/site/achievement.md", "# {{ doc.meta.title }\n\n{% if %}\n")
    result = run("build", "--root", tiny)
    assert result.code == 1
    assert "themes/mine/site/achievement.md:1" in result.err
    assert "Traceback" not in result.err


TINY_SITE_WITH_THEME = "title: T\nurl: https://t.github.io/p/\ntheme: mine\n"


def test_portfolio_theme_overrides_a_template_and_a_word(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", TINY_SITE_WITH_THEME)
    write(tiny, "themes/mine/locales/en.yml", "home:\n  highlights: Proof of work\n")
    write(tiny, "themes/mine/site/sample.md", "# custom\n")
    assert run("build", "--root", tiny).code == 0
    text = page(tiny / "build/site", "index.html").get_text(" ", strip=True)
    assert "Proof of work" in text and "Selected results" not in text
    assert "Analyst who counts things" in text  # the rest of the built-in theme still applies


def test_privacy_check_fails_the_build_when_a_template_leaks(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("build", "--root", tiny).code == 0
    before = snapshot(tiny / "build")
    write(tiny, "site.yml", TINY_SITE_WITH_THEME)
    write(tiny, "themes/mine/site/sample.md", "# x\n")
    leaky = (REPO / "themes/default/site/home.md").read_text("utf-8")
    write(tiny, "themes/mine/site/home.md", leaky + "\nCall me: +34 699 000 111\n")
    result = run("build", "--root", tiny)
    assert result.code == 1
    assert "+34 699 000 111" in result.err and "content/profile.md (private.phone)" in result.err
    assert snapshot(tiny / "build") == before


def test_privacy_check_reads_the_pdfs_too(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", TINY_SITE_WITH_THEME)
    write(tiny, "themes/mine/pdf/profile.html",
          '{% extends "pdf/base.html" %}{% block content %}<p>Call +34 699 000 111</p>{% endblock %}')  # fmt: skip
    result = run("build", "--root", tiny)
    assert result.code == 1
    assert (
        "pdf/profile.pdf: contains private value '+34 699 000 111' from content/profile.md (private.phone)"
        in result.err
    )
    assert not (tiny / "build" / "site").exists()


def _noise_png(width: int, height: int) -> bytes:
    """A PNG of random pixels, which no compression makes smaller."""
    import random
    import struct
    import zlib

    rows = random.Random(0)
    raw = b"".join(b"\x00" + rows.randbytes(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 1))
            + chunk(b"IEND", b""))  # fmt: skip


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "more than many mail servers accept"),
        ("es", "más de lo que aceptan muchos servidores"),
    ],
)
def test_attach_warns_when_an_email_would_exceed_10_mb(
    tiny: Path, run, language: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    import base64
    import email
    from email import policy

    write(
        tiny,
        "site.yml",
        f"title: T\nurl: https://tester.github.io/portfolio/\nlanguage: {language}\n",
    )
    write(tiny, "content/applications/acme.md", "---\ncompany: Acme\nrole: Analyst\nstatus: interviewing\n"
          "interviews:\n  - date: 2026-11-20T10:00\n    interviewers:\n"
          "      - {name: Alice Moreau, email: alice@acme.example}\n---\n")  # fmt: skip
    image = base64.b64encode(_noise_png(2000, 1900)).decode()  # an 11 MB leave-behind
    write(tiny, "themes/default/pdf/leave-behind.html", '{% extends "pdf/base.html" %}{% block content %}'
          f'<img alt="" style="width: 100%" src="data:image/png;base64,{image}">{{% endblock %}}')  # fmt: skip
    result = run("build", "--root", tiny, "--attach")
    assert result.code == 0
    draft = tiny / "build/private/acme/followup-alice-moreau.eml"
    size = draft.stat().st_size
    assert size > 10_000_000
    msg = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert [a.get_filename() for a in msg.iter_attachments()] == ["acme.pdf"]  # still attached
    warning = next(line for line in result.err.splitlines() if "followup-alice-moreau.eml" in line)
    assert said in warning and "10" in warning
