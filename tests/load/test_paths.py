"""Files the content names: what is published, under which name, and where pages find it.

The refusals (private sources, links, sizes, missing images…) are in the catalogue of
tests/test_bad_input.py; here a Spanish portfolio shows what is accepted and how it looks.
"""

from __future__ import annotations

import io
import json
import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from builder.core.markup import code_that_runs, images
from builder.render.pdf_engine import may_read
from tests.conftest import snapshot, write

STORY = """---
title: Cierre mensual en dos días
result: Cierre de 5 a 2 días
---
El cierre tardaba cinco días.

![Gráfico del cierre](Gráfico cierre.png)

<img src="../assets/Logo Empresa.png" alt="Logo">
"""
SAMPLE = """---
title: Modelo de flujo de caja
summary: Un modelo de tres estados financieros.
files: ["Modelo de flujo ñ.csv", notas.md, ../../assets/Logo Empresa.png]
---
La curva de ingresos:

![Curva](img/curva.png)
"""
BRIEF = """---
ticker: ACME
company: Acme
rating: buy
price_target: 15
price: 10
---
La tesis, con su gráfico:

![Tesis][t]

[t]: tesis.png
"""
APPLICATION = """---
company: Acme
role: Analista
requirements:
  - id: cierre
    text: Cierre contable rápido
    evidence: [cierre-contable-n]
    plan: Automatizar las conciliaciones bancarias en el primer trimestre.
---
"""


def png(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", size, colour).save(stream, "PNG")
    return stream.getvalue()


def put(root: Path, relative: str, data: bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Spanish portfolio whose files have spaces, accents and capitals in their names."""
    from builder.app.cli import main
    from tests.conftest import TINY_PROFILE

    root = tmp_path_factory.mktemp("paths") / "es"
    write(root, "site.yml", "title: Prueba\nurl: https://prueba.github.io/p/\nlanguage: es\n")
    write(root, "content/profile.md", TINY_PROFILE.replace("email:", "photo: foto.jpg\nemail:"))
    put(root, "content/foto.jpg", png((30, 40), (10, 120, 200)))  # a PNG, whatever its name says
    write(root, "content/achievements/Cierre contable ñ.md", STORY)
    put(root, "content/achievements/Gráfico cierre.png", png((60, 30), (200, 30, 30)))
    put(root, "content/assets/Logo Empresa.png", png((16, 16), (0, 0, 0)))
    write(root, "content/samples/modelo/index.md", SAMPLE)
    write(root, "content/samples/modelo/Modelo de flujo ñ.csv", "año,ingresos\n2024,10\n")
    write(root, "content/samples/modelo/notas.md", "# Notas\n\nUn archivo, no una página.\n")
    put(root, "content/samples/modelo/img/curva.png", png((80, 40), (30, 160, 60)))
    write(root, "content/briefs/acme.md", BRIEF)
    put(root, "content/briefs/tesis.png", png((50, 50), (120, 60, 160)))
    write(root, "content/applications/acme.md", APPLICATION)
    assert main(["build", "--root", str(root)]) == 0
    return root


def html(site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site / relative).read_text("utf-8"), "html.parser")


def served(site: Path, page: str, href: str) -> Path:
    """The file a relative address on a page (served at `page`) leads to."""
    return site / posixpath.normpath(posixpath.join(page, href))


def body_images(site: Path, page: str) -> list[Path]:
    soup = html(site, page + "index.html")
    previews = ["sr-preview", "sr-preview-image"]  # a sample's files shown, not its body
    images = [img for img in soup.select("article img") if not img.find_parent(class_=previews)]
    return [served(site, page, img["src"]) for img in images]


def test_a_file_name_with_spaces_and_accents_becomes_a_clean_address(spanish: Path) -> None:
    site = spanish / "build/site"
    assert (site / "achievements/cierre-contable-n/index.html").is_file()
    listing = html(site, "achievements/index.html")
    assert "cierre-contable-n/" in {a["href"] for a in listing.select("article a")}
    tailored = html(site, "for/acme/index.html")
    assert "../../achievements/cierre-contable-n/" in {a["href"] for a in tailored.select("a")}
    assert not [p for p in site.rglob("*") if " " in p.name or "%" in p.name or "ñ" in p.name]


def test_images_beside_a_story_and_in_assets_are_published_and_shown(spanish: Path) -> None:
    site, content = spanish / "build/site", spanish / "content"
    shown = body_images(site, "achievements/cierre-contable-n/")
    assert [p.name for p in shown] == ["grafico-cierre.png", "logo-empresa.png"]
    assert shown[0].read_bytes() == (content / "achievements/Gráfico cierre.png").read_bytes()
    assert shown[1].read_bytes() == (content / "assets/Logo Empresa.png").read_bytes()


def test_a_sample_publishes_its_files_under_clean_names(spanish: Path) -> None:
    site, folder = spanish / "build/site", spanish / "content/samples/modelo"
    page = html(site, "samples/modelo/index.html")
    buttons = {a["href"]: a.get_text(" ", strip=True) for a in page.select("article a[download]")}
    assert "Modelo de flujo ñ.csv" in buttons["modelo-de-flujo-n.csv"]
    assert "notas.md" in buttons["notas.md"] and "Logo Empresa.png" in buttons["logo-empresa.png"]
    for href, source in [
        ("modelo-de-flujo-n.csv", "Modelo de flujo ñ.csv"),
        ("notas.md", "notas.md"),
    ]:
        assert served(site, "samples/modelo/", href).read_bytes() == (folder / source).read_bytes()
    assert not (site / "samples/modelo/notas/index.html").exists()  # a file to download, not a page
    [curve] = body_images(site, "samples/modelo/")
    assert curve == site / "samples/modelo/img/curva.png"
    assert curve.read_bytes() == (folder / "img/curva.png").read_bytes()


def test_the_photo_is_published_by_what_it_is_not_by_its_name(spanish: Path) -> None:
    site = spanish / "build/site"
    photo = html(site, "index.html").select_one("img.sr-photo")
    assert photo is not None and photo["src"] == "assets/profile.png"
    assert (site / "assets/profile.png").read_bytes() == (spanish / "content/foto.jpg").read_bytes()
    assert not list((site / "assets").glob("profile.jp*"))


def pdf_images(path: Path) -> list[tuple[int, int]]:
    return [image.image.size for page in PdfReader(path).pages for image in page.images]


@pytest.mark.parametrize(
    ("pdf", "size"), [("samples/modelo.pdf", (80, 40)), ("briefs/acme.pdf", (50, 50))]
)
def test_an_image_of_the_body_is_in_the_pdf(spanish: Path, pdf: str, size: tuple[int, int]) -> None:
    assert size in pdf_images(spanish / "build/site/pdf" / pdf)


def test_check_is_clean_on_this_portfolio(spanish: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--root", spanish, "--strict", "--format", "json")
    report = json.loads(result.out)
    assert result.code == 0 and report["errors"] == [] and report["warnings"] == [], report


def test_a_missing_image_stops_build_and_check_in_spanish(
    spanish: Path, tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "es"
    shutil.copytree(spanish, root)
    before = snapshot(root / "build")
    story = root / "content/achievements/Cierre contable ñ.md"
    story.write_text(STORY.replace("Gráfico cierre.png", "falta.png"), "utf-8")
    built = run("build", "--root", root)
    checked = run("check", "--root", root)
    where = "content/achievements/Cierre contable ñ.md:7:23: body:"
    for result in (built, checked):
        assert result.code == 1
        assert f"{where} no se encuentra el archivo 'falta.png'" in result.err + result.out
    assert snapshot(root / "build") == before


def test_blank_lines_before_the_body_do_not_shift_its_lines(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/achievements/faster-reporting.md",
          "---\ntitle: T\nresult: 2 x\n---\n\n\nIntro.\n\n![x](gone.png)\n")  # fmt: skip
    result = run("check", "--root", tiny, "--format", "json")
    [error] = json.loads(result.out)["errors"]
    assert (error["line"], error["column"], error["field"]) == (9, 6, "body")


CODE = """---
title: T
result: 2 x
---
Intro.

<script>alert(1)</script>

<a href="#" onclick="steal()">x</a> and [run](javascript:alert(1))

<iframe src="https://example.com/"></iframe>

![far](https://example.com/chart.png)

```html
<script>shown, not run</script>
```

`<iframe>` in a code span, and plain words: online = true.
"""


def test_check_warns_about_code_that_runs_and_remote_images(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/achievements/faster-reporting.md", CODE)
    result = run("check", "--root", tiny, "--format", "json")
    assert result.code == 0
    found = [(w["line"], w["field"], w["message"]) for w in json.loads(result.out)["warnings"]]
    assert found == [
        (7, "body", "<script> runs code on your site"),
        (9, "body", "the attribute onclick runs code when the page is used"),
        (9, "body", "a javascript: link runs code when it is followed"),
        (11, "body", "<iframe> embeds another page in yours"),
        (13, "body", "image https://example.com/chart.png is loaded from another server"),
    ]
    assert run("check", "--root", tiny, "--strict").code == 1


def test_a_pdf_reads_no_file_the_body_points_at(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    """Raw HTML in a body could ask the PDF engine to attach or draw any file on the machine."""
    secret = tiny / "content/references.yml"
    write(
        tiny, "content/references.yml", "- id: rita\n  name: Rita Ref\n  phone: '+34 600 111 222'\n"
    )
    write(tiny, "content/samples/leaky/index.md",
          f'---\ntitle: L\nsummary: S\n---\n<link rel="attachment" href="{secret.as_uri()}">\n'
          f'<a rel="attachment" href="../../../../content/references.yml">refs</a>\n')  # fmt: skip
    assert run("build", "--root", tiny).code == 0
    reader = PdfReader(tiny / "build/site/pdf/samples/leaky.pdf")
    assert reader.attachments == {}
    assert b"Rita" not in (tiny / "build/site/pdf/samples/leaky.pdf").read_bytes()


def test_the_pdf_engine_reads_only_inlined_data_and_the_given_folders(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    assert may_read("data:image/png;base64,AAAA", [fonts])
    assert may_read((fonts / "Inter.otf").as_uri(), [fonts])
    assert not may_read((tmp_path / "content/references.yml").as_uri(), [fonts])
    assert not may_read((fonts / ".." / "secret.txt").as_uri(), [fonts])
    assert not may_read("https://example.com/chart.png", [fonts])
    assert not may_read("ftp://example.com/chart.png", None)


def test_a_changed_image_renders_its_pdf_again(spanish: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "es"
    shutil.copytree(spanish, root)
    put(root, "content/samples/modelo/img/curva.png", png((90, 45), (0, 0, 0)))
    assert run("build", "--root", root).code == 0
    assert (90, 45) in pdf_images(root / "build/site/pdf/samples/modelo.pdf")
    published = root / "build/site/samples/modelo/img/curva.png"
    assert Image.open(published).size == (90, 45)


# ---------------------------------------------------------------------------
# Reading bodies


def test_images_are_found_where_they_are_written_and_not_in_code() -> None:
    body = (
        'Intro ![a](one.png) and ![b](<two words.png> "title")\n'
        "```\n![not](code.png)\n```\n"
        "`![span](span.png)` <!-- ![gone](comment.png) -->\n"
        "<IMG alt='x' SRC='three.png'> ![c][ref]\n\n[ref]: four.png\n"
    )
    found = [(i.url, i.line, i.column, i.html) for i in images(body)]
    assert found == [
        ("one.png", 1, 12, False),
        ("two words.png", 1, 31, False),
        ("three.png", 6, 19, True),
        ("four.png", 8, 8, False),
    ]


@pytest.mark.parametrize(
    ("markup", "risk"),
    [
        ("<SCRIPT src=x.js></SCRIPT>", "script"),
        ('<svg onload="x()"></svg>', "handler"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "javascript"),
        ("[x]( JavaScript:alert(1))", "javascript"),
        ("[x]: javascript:alert(1)", "javascript"),
        ('[x](https://example.com){ onclick="y()" }', "handler"),
        ('<object data="x.swf"></object>', "frame"),
    ],
)
def test_code_that_runs_is_recognised(markup: str, risk: str) -> None:
    assert [d.risk for d in code_that_runs(markup)] == [risk]


@pytest.mark.parametrize(
    "markup",
    [
        "`<script>`",
        "a < b and c > d",
        "<!-- <script> -->",
        "{online = true}",
        '<a href="https://x.org/on=1">x</a>',
    ],
)
def test_text_that_only_looks_like_code_is_left_alone(markup: str) -> None:
    assert code_that_runs(markup) == []


def test_the_warnings_speak_spanish(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", "title: T\nurl: https://t.github.io/\nlanguage: es\n")
    write(tiny, "content/achievements/faster-reporting.md", CODE)
    result = run("check", "--root", tiny)
    assert result.code == 0
    said = result.out + result.err
    assert (
        "content/achievements/faster-reporting.md:7:1: body: <script> ejecuta código en tu sitio"
        in said
    )
    assert "la imagen https://example.com/chart.png se carga desde otro servidor" in said
