"""Spanish all the way: a Spanish build contains no English word of the product's own."""

from __future__ import annotations

import email
import re
import shutil
from email import policy
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from tests.conftest import REPO, copy_demo, text_of

LOCALES = REPO / "themes/default/locales"


def flatten(tree: dict, prefix: str = "") -> dict[str, str]:  # type: ignore[type-arg]
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


def english_labels(content: str) -> set[str]:
    """Fragments of the English locale that Spanish translates, minus the candidate's own words."""
    en = flatten(YAML(typ="safe").load(LOCALES / "en.yml"))
    es = flatten(YAML(typ="safe").load(LOCALES / "es.yml"))
    labels = set()
    for key, value in en.items():
        if key.startswith("formats.") or es.get(key) == value:
            continue
        for part in re.split(r"\{[^}]*\}", value):
            part = part.strip(" :,.;·—–-()“”«»'\"")
            if len(part.split()) >= 2 and part not in content:
                labels.add(part)
    return labels


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from builder.app.cli import main

    root = copy_demo(tmp_path_factory.mktemp("es"))
    site = (root / "site.yml").read_text().replace("language: en", "language: es")
    (root / "site.yml").write_text(site)
    assert main(["build", "--root", str(root)]) == 0
    return root


def outputs(root: Path) -> dict[str, str]:
    """Everything a person reads in the build, as text."""
    found = {}
    for path in sorted((root / "build").rglob("*")):
        name = path.relative_to(root / "build").as_posix()
        if name.startswith(".cache") or not path.is_file() or "/assets/" in f"/{name}":
            continue
        if path.suffix == ".html":
            html = BeautifulSoup(path.read_text("utf-8"), "html.parser")
            for tag in html(["script", "style"]):
                tag.decompose()
            attributes = " ".join(str(v) for el in html.find_all(True) for k, v in el.attrs.items()
                                  if k in ("aria-label", "title", "alt", "placeholder"))  # fmt: skip
            found[name] = html.get_text(" ") + " " + attributes
        elif path.suffix == ".pdf":
            found[name] = text_of(path)
        elif path.suffix == ".eml":
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            found[name] = str(message["Subject"]) + " " + message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        elif path.suffix in (".ics", ".xml", ".json"):
            found[name] = path.read_text("utf-8")
    return found


def test_a_spanish_build_has_no_english_label(spanish: Path) -> None:
    content = "\n".join(
        p.read_text("utf-8", errors="ignore")
        for p in (spanish / "content").rglob("*")
        if p.is_file()
    )
    labels = english_labels(content)
    assert len(labels) > 100
    leaks = {
        (name, label)
        for name, text in outputs(spanish).items()
        for label in labels
        if label in " ".join(text.split())
    }
    assert sorted(leaks) == []


def test_spanish_words_are_there(spanish: Path) -> None:
    texts = outputs(spanish)
    assert "Resultados destacados" in texts["site/index.html"]
    assert "Lo que piden y mis pruebas" in texts["site/for/northwind-equity-research/index.html"]
    assert "CV · Certificación" in texts["site/for/northwind-equity-research/index.html"]
    assert "CV · Idioma" in texts["site/pdf/for/lumen-fpa.pdf"]
    assert (
        "EXPERIENCIA" in texts["site/pdf/resume.pdf"]
        and "Actualidad" in texts["site/pdf/resume.pdf"]
    )
    assert (
        "Hola, Claire:" in texts["private/northwind-equity-research/followup-claire-whitmore.eml"]
    )
    assert "Preguntar a Northwind Capital por la decisión" in texts["private/calendar.ics"]
    assert "Hoja de preparación" in texts["private/northwind-equity-research/prep.pdf"]


def test_status_and_check_speak_spanish(spanish: Path, run) -> None:  # type: ignore[no-untyped-def]
    status = run("status", "--root", spanish, "--today", "2026-11-25").out
    assert status.startswith("Situación del 25 nov 2026")
    assert "Sigue presentándote a otras ofertas" in status
    check = run("check", "--root", spanish).err
    assert "cobertura northwind-equity-research: 7 de 7 requisitos con pruebas" in check
    assert "requirements covered" not in check


def test_init_scaffolds_spanish(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run("init", tmp_path / "es", "--language", "es").code == 0
    assert "language: es" in (tmp_path / "es/site.yml").read_text()
    assert "Mantén este repositorio privado" in (tmp_path / "es/README.md").read_text()
    assert shutil.which("true")


def test_content_errors_speak_spanish(spanish: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(spanish / "content", tmp_path / "content")
    shutil.copy(spanish / "site.yml", tmp_path / "site.yml")
    story = tmp_path / "content/achievements/close-automation.md"
    story.write_text(
        story.read_text().replace("date: 2023-06", "date: junio 2023").replace("skills:", "skils:")
    )
    result = run("check", "--root", tmp_path)
    assert result.code == 1
    assert (
        "content/achievements/close-automation.md:4:1: date: 'junio 2023' no es una fecha ISO — escríbela como"
        in result.err
    )
    assert "skils: campo desconocido 'skils' — ¿querías decir `skills`?" in result.err


def test_spanish_headings_offer_their_link_in_spanish(spanish: Path) -> None:
    pages = sorted((spanish / "build/site").rglob("*.html"))
    titles = {
        a.get("title")
        for path in pages
        for a in BeautifulSoup(path.read_text("utf-8"), "html.parser").select("a.headerlink")
    }
    assert titles == {"Enlace permanente"}


def test_a_spanish_story_ends_its_star_with_the_result(spanish: Path) -> None:
    path = spanish / "build/site/achievements/close-automation/index.html"
    article = BeautifulSoup(path.read_text("utf-8"), "html.parser").find("article")
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.find_all("h2")]
    star = [h for h in headings if h in {"Situación", "Tarea", "Acción", "Resultado"}]
    assert star == ["Situación", "Tarea", "Acción", "Resultado"]
    assert "La historia" not in headings
    result = next(h for h in article.find_all("h2") if h.get_text().startswith("Resultado"))
    told = " ".join(result.find_next("ul").get_text(" ").split())
    assert "Close cut from 7 to 3 working days" in told  # the key numbers, under the result


def test_spanish_documents_print_no_english_path(spanish: Path) -> None:
    site = spanish / "build/site"
    documents = [*(site / "pdf/for").glob("*.pdf"), *(site / "pdf/samples").glob("*.pdf"),
                 *(spanish / "build/private").glob("*/prep.pdf")]  # fmt: skip
    assert len(documents) >= 5
    for path in documents:
        text = text_of(path)
        assert len(text) > 500, path
        for english in ("/for/", "/achievements/", "/samples/", "/briefs/"):
            assert english not in text, (path.name, english)
    leave_behind = text_of(site / "pdf/for/northwind-equity-research.pdf")
    assert "Esta página en línea" in leave_behind
