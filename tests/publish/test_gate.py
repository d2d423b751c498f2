"""The privacy gate reads every published byte: attachments of every kind, generated PDFs,
image metadata; what it cannot read it refuses, unless the candidate vouches for it."""

from __future__ import annotations

import base64
import io
import json
import random
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageOps, PngImagePlugin
from pypdf import PdfReader, PdfWriter

from tests.conftest import FIXTURES, snapshot, write

REFERENCES = """
- id: tomas-herrero
  name: Tomás Herrero
  relation: My manager at Meridia Partners
  email: tomas.herrero@example.com
  phone: "+34 600 234 567"
"""
NAME = "content/references.yml (tomas-herrero.name)"
PHONE = "content/references.yml (tomas-herrero.phone)"
EMAIL = "content/references.yml (tomas-herrero.email)"


def with_sample(root: Path, *files: str, language: str = "en") -> Path:
    """A public sample that attaches `files`, and a reference whose contacts are private."""
    write(root, "content/references.yml", REFERENCES)
    if language == "es":
        write(
            root,
            "site.yml",
            "title: Prueba\nurl: https://tester.github.io/portfolio/\nlanguage: es\n",
        )
    listed = ", ".join(files)
    write(root, "content/samples/model/index.md",
          f"---\ntitle: Model\nsummary: A model with its data.\nfiles: [{listed}]\n---\nThe model.\n")  # fmt: skip
    return root / "content/samples/model"


# ---------------------------------------------------------------------------
# Fixtures of each kind, made here with the standard library, Pillow, pypdf and WeasyPrint


def office(parts: dict[str, str], first: tuple[str, str] | None = None) -> bytes:
    """A ZIP package as Office and OpenDocument write them (mimetype first and stored)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


CORE = ('<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
        'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:creator>{creator}</dc:creator></cp:coreProperties>")  # fmt: skip


def xlsx() -> bytes:
    return office({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": '<workbook><sheets><sheet name="Contacts" sheetId="1"/></sheets></workbook>',
        "xl/sharedStrings.xml": '<sst count="2"><si><t>Reference</t></si><si><t>TOMÁS HERRERO</t></si></sst>',
        "xl/worksheets/sheet1.xml": '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c>'
                                    '<c r="B1"><v>34600234567</v></c></row></sheetData></worksheet>',
        "docProps/core.xml": CORE.format(creator="Tomas.Herrero@Example.COM"),
    })  # fmt: skip


def docx() -> bytes:
    """The name split over two runs, as Word does after a spelling check."""
    return office({
        "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
        "word/document.xml": '<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Ask Tomás </w:t></w:r>'
                             '<w:r><w:rPr><w:b/></w:rPr><w:t>Herrero</w:t></w:r></w:p></w:body></w:document>',
        "docProps/core.xml": CORE.format(creator="TOMAS.HERRERO@EXAMPLE.COM"),
    })  # fmt: skip


def pptx() -> bytes:
    return office({
        "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
        "ppt/slides/slide1.xml": '<p:sld xmlns:p="p" xmlns:a="a"><a:t>Call (+34) 600.23.45.67</a:t></p:sld>',
    })  # fmt: skip


def odt() -> bytes:
    return office(
        {"content.xml": '<office:document-content><text:p>tomás<text:s/>herrero</text:p>'
                        "</office:document-content>",
         "meta.xml": "<office:meta><meta:initial-creator>Tomas.Herrero@example.com"
                     "</meta:initial-creator></office:meta>"},
        first=("mimetype", "application/vnd.oasis.opendocument.text"),
    )  # fmt: skip


def pdf_with_text() -> bytes:
    from weasyprint import HTML

    return HTML(string="<h1>Model</h1><p>Reviewed by TOMÁS HERRERO (600 234 567).</p>").write_pdf()


def pdf_with_metadata() -> bytes:
    """A PDF whose pages say nothing: the name is in its document info only."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "tomas herrero", "/Title": "Model"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_with_text(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", text)
    info.add_text("Comment", text, zip=True)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 10)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def jpeg_with_exif(artist: str, orientation: int = 1, size: tuple[int, int] = (40, 20)) -> bytes:
    image = Image.new("RGB", size, (200, 10, 10))
    for x in range(10):
        image.putpixel((x, 0), (0, 0, 255))  # a mark in one corner, to see which way is up
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist
    exif[0x9C9D] = artist.lower().encode("utf-16-le")  # XPAuthor, as Windows writes it
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (40.0, 25.0, 1.5), 3: "W", 4: (3.0, 42.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), comment=artist.encode(), quality=95)
    return buffer.getvalue()


def notebook() -> bytes:
    """A notebook whose text output names the email and whose plot carries the phone."""
    plot = base64.b64encode(png_with_text("+34 600 234 567")).decode()
    cells = [{"cell_type": "code", "source": ["df.head()"], "metadata": {}, "execution_count": 1,
              "outputs": [{"output_type": "stream", "name": "stdout", "text": ["TOMAS.herrero@example.com\n"]},
                          {"output_type": "display_data", "metadata": {},
                           "data": {"image/png": plot, "text/plain": ["<Figure>"]}}]}]  # fmt: skip
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()


def zipped_photo() -> bytes:
    """An image inside an archive keeps its metadata (only images published as such are
    stripped), so the gate must read it there."""
    return office({"photos/team.jpg": jpeg_with_exif("TOMAS HERRERO")})  # type: ignore[dict-item]


KINDS: dict[str, tuple[Callable[[], bytes], set[str]]] = {
    "query.py": (lambda: b'# reviewed by tomas herrero\nCONTACT = "Tomas.Herrero@EXAMPLE.com"  # 600-234-567\n',
                 {NAME, EMAIL, PHONE}),
    "report.sql": (lambda: "-- Revisado por Tomás Herrero, 0034 600234567\n".encode("cp1252"), {NAME, PHONE}),
    "contacts.csv": (lambda: "name,phone\nTomás Herrero,+34-600-234-567\n".encode("utf-16"), {NAME, PHONE}),
    "model.xlsx": (xlsx, {NAME, PHONE, EMAIL}),
    "memo.docx": (docx, {NAME, EMAIL}),
    "deck.pptx": (pptx, {PHONE}),
    "budget.odt": (odt, {NAME, EMAIL}),
    "paper.pdf": (pdf_with_text, {NAME, PHONE}),
    "info.pdf": (pdf_with_metadata, {NAME}),
    "analysis.ipynb": (notebook, {EMAIL, PHONE}),
    "photos.zip": (zipped_photo, {NAME}),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_private_value_in_an_attachment_fails_the_build(tiny: Path, run, name: str) -> None:  # type: ignore[no-untyped-def]
    make, origins = KINDS[name]
    folder = with_sample(tiny, name)
    (folder / name).write_bytes(b"nothing to see\n")
    assert run("build", "--root", tiny, "--no-pdf").code == 0
    before = snapshot(tiny / "build")
    (folder / name).write_bytes(make())
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 1, result.err
    lines = [line for line in result.err.splitlines() if f"samples/model/{name}" in line]
    assert {origin for origin in origins if any(origin in line for line in lines)} == origins
    assert "nothing was published" in result.err
    assert snapshot(tiny / "build") == before


def test_the_member_of_an_archive_is_named(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    (with_sample(tiny, "memo.docx") / "memo.docx").write_bytes(docx())
    result = run("build", "--root", tiny, "--no-pdf")
    assert (
        "samples/model/memo.docx (docProps/core.xml): contains private value "
        f"'tomas.herrero@example.com' from {EMAIL}" in result.err
    )


def test_a_spanish_portfolio_is_told_in_spanish(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    (with_sample(tiny, "model.xlsx", language="es") / "model.xlsx").write_bytes(xlsx())
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 1
    assert f"samples/model/model.xlsx (xl/sharedStrings.xml): contiene el dato privado «Tomás Herrero» de {NAME}" in result.err  # fmt: skip
    assert "no se ha publicado nada" in result.err
    assert not (tiny / "build/site").exists()


def test_deploy_refuses_files_slipped_in_after_the_build(tiny: Path, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/references.yml", REFERENCES)
    assert run("build", "--root", tiny, "--no-pdf").code == 0
    bare = tmp_path / "public.git"
    subprocess.run(["git", "init", "--bare", "--quiet", str(bare)], check=True)
    (tiny / "build/site/team.jpg").write_bytes(jpeg_with_exif("TOMAS HERRERO"))
    (tiny / "build/site/assets/notes.py").write_bytes(b"# call 600 234 567\n")
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1
    assert f"team.jpg: contains private value 'Tomás Herrero' from {NAME}" in result.err
    assert f"assets/notes.py: contains private value '+34 600 234 567' from {PHONE}" in result.err
    branches = subprocess.run(["git", "--git-dir", str(bare), "branch", "--list"],
                              capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert branches.strip() == ""


# ---------------------------------------------------------------------------
# What the gate cannot read


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


UNREADABLE = {
    "weights.bin": (lambda: random.Random(12).randbytes(4096), "its format is not one the check can read"),
    "locked.pdf": (encrypted_pdf, "it is encrypted"),
    "broken.zip": (lambda: b"PK\x03\x04" + random.Random(3).randbytes(300), "it is damaged"),
    "bomb.zip": (lambda: office({f"{n}.txt": "0" * 2**24 for n in range(17)}), "it unpacks to more than 256 MiB"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_an_unreadable_file_is_refused_until_vouched_for(tiny: Path, run, name: str) -> None:  # type: ignore[no-untyped-def]
    make, reason = UNREADABLE[name]
    data = make()
    (with_sample(tiny, name) / name).write_bytes(data)
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 1
    assert f"samples/model/{name}: cannot be checked for private data: {reason}" in result.err
    assert f"privacy: {{unscanned: [samples/model/{name}]}}" in result.err
    assert not (tiny / "build/site").exists()
    site = (tiny / "site.yml").read_text("utf-8")
    write(tiny, "site.yml", site + f"privacy:\n  unscanned: [samples/model/{name}]\n")
    assert run("build", "--root", tiny, "--no-pdf").code == 0
    assert (tiny / f"build/site/samples/model/{name}").read_bytes() == data


def test_a_spanish_portfolio_is_told_in_spanish_what_cannot_be_read(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    (with_sample(tiny, "pesos.bin", language="es") / "pesos.bin").write_bytes(bytes(range(256)))
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 1
    assert (
        "privacidad samples/model/pesos.bin: no se puede comprobar si contiene datos privados: "
        "su formato no es uno de los que la comprobación sabe leer — publícalo en un formato"
    ) in result.err
    assert "`privacy: {unscanned: [samples/model/pesos.bin]}`" in result.err


def test_a_vouched_file_is_still_read_when_it_can_be(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    (with_sample(tiny, "notes.txt") / "notes.txt").write_text("Tomás Herrero\n", "utf-8")
    site = (tiny / "site.yml").read_text("utf-8")
    write(tiny, "site.yml", site + "privacy: {unscanned: [samples/model/notes.txt, gone.bin]}\n")
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 1 and f"samples/model/notes.txt: contains private value 'Tomás Herrero' from {NAME}" in result.err  # fmt: skip


def test_a_vouched_path_the_site_does_not_publish_is_a_warning(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    site = (tiny / "site.yml").read_text("utf-8")
    write(tiny, "site.yml", site + "privacy: {unscanned: [samples/model/gone.bin]}\n")
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 0
    assert "privacy.unscanned lists 'samples/model/gone.bin', which the site does not publish" in result.err  # fmt: skip


@pytest.mark.parametrize("path", ["../secret.txt", "/etc/passwd", "samples//x", "a\\b"])
def test_a_vouched_path_must_be_a_path_of_the_site(tiny: Path, run, path: str) -> None:  # type: ignore[no-untyped-def]
    site = (tiny / "site.yml").read_text("utf-8")
    write(tiny, "site.yml", site + f"privacy:\n  unscanned:\n    - '{path}'\n")
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 1
    assert "site.yml:5:7: privacy.unscanned[0]:" in result.err
    assert "samples/model/weights.bin" in result.err  # the hint shows the form
    assert not (tiny / "build").exists()


# ---------------------------------------------------------------------------
# Published images lose their metadata, not their pixels nor their orientation


def exif_fields(path: Path) -> dict[str, object]:
    shown = subprocess.run(["exiftool", "-j", "-a", "-G1", str(path)], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    fields: dict[str, object] = json.loads(shown)[0]
    return {
        k: v for k, v in fields.items() if k.split(":")[0] not in ("System", "ExifTool", "File")
    }


def test_the_profile_photo_is_published_without_metadata_the_right_way_up(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    original = jpeg_with_exif("TOMAS HERRERO", orientation=6)
    (tiny / "content/me.jpg").write_bytes(original)
    profile = (tiny / "content/profile.md").read_text("utf-8")
    write(
        tiny,
        "content/profile.md",
        profile.replace("name: Test Person", "name: Test Person\nphoto: me.jpg"),
    )
    write(tiny, "content/references.yml", REFERENCES)
    assert run("build", "--root", tiny, "--no-pdf").code == 0
    published = tiny / "build/site/assets/profile.jpg"
    with Image.open(published) as image, Image.open(io.BytesIO(original)) as before:
        assert dict(image.getexif()) == {0x0112: 6}
        assert "comment" not in image.info and "xmp" not in image.info
        assert image.tobytes() == before.tobytes()  # the same pixels: nothing was re-encoded
        upright = ImageOps.exif_transpose(image)
        assert upright.size == (20, 40)
        assert upright.tobytes() == ImageOps.exif_transpose(before).tobytes()
    if shutil.which("exiftool"):
        fields = exif_fields(published)
        assert not [k for k in fields if "GPS" in k or "Artist" in k or "Comment" in k or "XP" in k]
        assert fields["IFD0:Orientation"] == "Rotate 90 CW"


def test_attached_images_are_published_without_metadata(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    folder = with_sample(tiny, "plot.png", "photo.jpg", "anim.gif", "shot.webp")
    (folder / "plot.png").write_bytes(png_with_text("Tomás Herrero"))
    (folder / "photo.jpg").write_bytes(jpeg_with_exif("TOMAS HERRERO"))
    gif = io.BytesIO()
    Image.new("P", (4, 4)).save(gif, "GIF", comment=b"by tomas herrero")
    (folder / "anim.gif").write_bytes(gif.getvalue())
    webp = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = "TOMAS HERRERO"
    Image.new("RGB", (4, 4), (1, 2, 3)).save(webp, "WEBP", lossless=True, exif=exif.tobytes(),
                                             xmp=b"<x:xmpmeta>tomas herrero</x:xmpmeta>")  # fmt: skip
    (folder / "shot.webp").write_bytes(webp.getvalue())
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 0, result.err
    site = tiny / "build/site/samples/model"
    for name in ("plot.png", "photo.jpg", "anim.gif", "shot.webp"):
        with Image.open(site / name) as image, Image.open(folder / name) as before:
            image.load()
            assert not dict(image.getexif()), name
            assert not {"comment", "xmp", "exif", "Author", "Comment"} & set(image.info), name
            assert image.convert("RGB").tobytes() == before.convert("RGB").tobytes(), name
        assert b"erre" not in (site / name).read_bytes().lower(), name


def test_an_image_that_cannot_be_parsed_is_refused(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    broken = jpeg_with_exif("Nobody")[:30] + b"\x00" * 40
    (with_sample(tiny, "broken.jpg") / "broken.jpg").write_bytes(broken)
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 1 and "samples/model/broken.jpg: cannot be checked" in result.err


# ---------------------------------------------------------------------------
# The builder's own files pass, and what the gate learns is remembered


def test_the_demo_passes_and_its_pdfs_are_read(built_demo: Path, tmp_path: Path) -> None:
    """Material's scripts and styles, the favicon, the search index and the PDFs the build
    made all pass with no configuration, and every file is remembered clean; read afresh
    from their bytes alone, as deploy does without a memory, the PDFs give their text."""
    from builder.load.read import load
    from builder.plan.privacy import secrets
    from builder.publish.gate import CACHE_FILE, inspect

    site = built_demo / "build/site"
    memory = json.loads((built_demo / "build/.cache" / CACHE_FILE).read_text("utf-8"))
    assert len(memory["clean"]) == len({p.read_bytes() for p in site.rglob("*") if p.is_file()})
    assert memory["unreadable"] == {}
    verdict = inspect(site, secrets(load(built_demo)), cache=None, cache_out=tmp_path, jobs=2)
    assert verdict and not verdict.unused
    fresh = json.loads((tmp_path / CACHE_FILE).read_text("utf-8"))
    readings = "\n".join(text for parts in fresh["readings"].values() for _, text in parts)
    pdfs = list(site.rglob("*.pdf"))
    assert len(pdfs) >= 5
    for pdf in pdfs:
        assert PdfReader(pdf).pages[0].extract_text().splitlines()[0] in readings


def test_deploy_reads_a_rendered_pdf_changed_after_the_build(
    tiny: Path, run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "content/references.yml", REFERENCES)
    assert run("build", "--root", tiny).code == 0
    bare = tmp_path / "public.git"
    subprocess.run(["git", "init", "--bare", "--quiet", str(bare)], check=True)
    (tiny / "build/site/pdf/profile.pdf").write_bytes(pdf_with_text())
    result = run("deploy", "--root", tiny, "--remote", bare)
    assert result.code == 1
    assert f"pdf/profile.pdf: contains private value 'Tomás Herrero' from {NAME}" in result.err


def test_unchanged_files_are_not_read_twice(tiny: Path, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from builder.publish import extract

    write(tiny, "content/references.yml", REFERENCES)
    assert run("build", "--root", tiny).code == 0
    read: list[int] = []
    original = extract.read
    monkeypatch.setattr(
        extract, "read", lambda data, page_text=True: read.append(len(data)) or original(data)
    )
    from builder.load.read import load
    from builder.plan.privacy import secrets
    from builder.publish.gate import inspect

    verdict = inspect(tiny / "build/site", secrets(load(tiny)), cache=tiny / "build/.cache")
    assert verdict and read == []
    (tiny / "build/site/extra.txt").write_text("nothing private", "utf-8")
    assert inspect(tiny / "build/site", secrets(load(tiny)), cache=tiny / "build/.cache")
    assert read == [len("nothing private")]


def test_phone_numbers_match_in_any_spelling() -> None:
    from builder.plan.privacy import Secret
    from builder.publish.gate import Needles

    needles = Needles([Secret("+34 600 234 567", "x"), Secret("Tomás Herrero", "y")])
    for text in ("600234567", "(+34) 600-234-567", "0034 600 23 45 67", "tel:+34600234567",
                 "600.234.567", "TOMAS   herrero", "tomás\nHERRERO"):  # fmt: skip
        assert needles.search(text), text
    for text in ("600 234 568", "Tomás Herrera", "34 600 234", "600 234 56"):
        assert not needles.search(text), text


def test_gzip_and_tar_are_opened(tmp_path: Path) -> None:
    import gzip
    import tarfile

    from builder.publish.extract import read

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        body = b"tomas.herrero@example.com"
        member = tarfile.TarInfo("data/contacts.txt")
        member.size = len(body)
        archive.addfile(member, io.BytesIO(body))
    pieces = read(gzip.compress(buffer.getvalue())).pieces
    assert any(
        "tomas.herrero@example.com" in p.text and p.where == "data/contacts.txt" for p in pieces
    )


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_a_pdf_printed_by_a_browser_is_read_too(tiny: Path, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A PDF from another producer (Chromium's Skia), with its own fonts and text encoding:
    the page text and the document title it takes from <title> are both read."""
    from tests.conftest import require_tool

    require_tool(bool(CHROMIUM), "Chromium (Debian package chromium)")
    page = tmp_path / "notes.html"
    page.write_text(
        "<title>Notes for TOMAS HERRERO</title><p>Call me on 600 23 45 67.</p>", "utf-8"
    )
    printed = tmp_path / "notes.pdf"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri()],
                   capture_output=True, check=True, timeout=120)  # fmt: skip
    assert "Skia" in str(PdfReader(printed).metadata.get("/Producer"))
    shutil.copy(printed, with_sample(tiny, "notes.pdf") / "notes.pdf")
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 1
    assert (
        f"samples/model/notes.pdf: contains private value 'Tomás Herrero' from {NAME}" in result.err
    )
    assert (
        f"samples/model/notes.pdf: contains private value '+34 600 234 567' from {PHONE}"
        in result.err
    )


READER_KILLED = """
import fcntl, sys, time
from pathlib import Path
from builder.publish import extract
from builder.publish import gate
lock = open(sys.argv[2], "a+")
fcntl.flock(lock, fcntl.LOCK_EX)
extract.read = lambda data, page_text=True: time.sleep(60)  # a reader that takes its time
print("reading", flush=True)
gate.inspect(Path(sys.argv[1]), [], jobs=2, inherited=lock.fileno())
"""


def test_a_build_killed_while_its_readers_work_leaves_the_lock_free(tmp_path: Path) -> None:
    import fcntl
    import signal
    import sys
    import time

    site = tmp_path / "site"
    site.mkdir()
    for index in range(4):
        (site / f"{index}.pdf").write_bytes(pdf_with_metadata() + bytes([index]))
    lock = tmp_path / ".lock"
    reader = subprocess.Popen([sys.executable, "-c", READER_KILLED, str(site), str(lock)],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert reader.stdout is not None and reader.stdout.readline() == "reading\n"
    time.sleep(1.0)  # the readers are forked and asleep
    reader.send_signal(signal.SIGKILL)
    reader.wait()
    deadline = time.monotonic() + 10
    with open(lock, "a+") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                assert time.monotonic() < deadline, "a reader of the killed build holds the lock"
                time.sleep(0.1)


def test_an_image_in_a_body_loses_its_metadata_on_the_page_and_in_the_pdf(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A photo shown in a sample's description is published twice: beside its page and inside
    the sample's PDF. Neither copy may carry where it was taken or who took it."""
    folder = tiny / "content/samples/model"
    write(tiny, "content/samples/model/index.md",
          "---\ntitle: Model\nsummary: A model.\n---\nThe site visit:\n\n![Visit](visit.jpg)\n")  # fmt: skip
    (folder / "visit.jpg").write_bytes(jpeg_with_exif("Candidate Camera 4711"))
    result = run("build", "--root", tiny)
    assert result.code == 0, result.err
    page = tiny / "build/site/samples/model/visit.jpg"
    with Image.open(page) as image:
        assert not dict(image.getexif()) and "comment" not in image.info
    reader = PdfReader(tiny / "build/site/pdf/samples/model.pdf")
    shown = [img for p in reader.pages for img in p.images]
    assert shown, "the image is in the PDF"
    for img in shown:
        assert b"Candidate Camera" not in img.data and b"GPS" not in img.data
    assert b"Candidate Camera" not in (tiny / "build/site/pdf/samples/model.pdf").read_bytes()


def test_a_short_number_is_not_a_secret_worth_refusing_a_build_for(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    """'0000' is in every bundled script; a phone number has six digits or more."""
    from builder.plan.privacy import is_telling

    assert not is_telling("0000") and not is_telling("12-345") and not is_telling("2024")
    assert is_telling("600 234") and is_telling("+34 600 234 567") and is_telling("Ana 0000")
    write(tiny, "content/references.yml", "- id: ref\n  name: '0000'\n  phone: '1234'\n")
    result = run("build", "--root", tiny, "--no-pdf")
    assert result.code == 0, result.err


def test_a_first_build_refused_for_privacy_leaves_no_build_folder(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    (with_sample(tiny, "memo.docx") / "memo.docx").write_bytes(docx())
    assert run("build", "--root", tiny, "--no-pdf").code == 1
    assert not (tiny / "build").exists()  # not even the lock of the build that was refused


# ---------------------------------------------------------------------------
# A labelled set of files written by an office suite (tests/fixtures/office/README.md)

OFFICE = FIXTURES / "office"
MARTA = """
- id: marta
  name: Marta Ruiz Pérez
  relation: Antigua jefa
  email: marta.ruiz@example.es
  phone: "+34 611 22 33 44"
"""


def test_files_written_by_an_office_suite_are_read_with_full_recall_and_precision(
    tiny: Path, run
) -> None:  # type: ignore[no-untyped-def]
    import re

    import yaml

    labels: dict[str, list[str]] = yaml.safe_load((OFFICE / "labels.yml").read_text("utf-8"))
    folder = tiny / "content/samples/office"
    folder.mkdir(parents=True)
    published = {name: name.replace("/", "-") for name in labels}
    for name, flat in published.items():
        shutil.copyfile(OFFICE / name, folder / flat)
    write(tiny, "content/samples/office/index.md",
          f"---\ntitle: Office\nsummary: Files.\nfiles: [{', '.join(published.values())}]\n---\n")  # fmt: skip
    write(tiny, "content/references.yml", MARTA)
    write(
        tiny, "site.yml", "title: Prueba\nurl: https://tester.github.io/portfolio/\nlanguage: es\n"
    )
    result = run("build", "--root", tiny, "--no-pdf")
    found = {
        (m["file"], m["key"])
        for m in re.finditer(
            r"samples/office/(?P<file>[\w.-]+)[^\n]*\(marta\.(?P<key>\w+)\)", result.err
        )
    }
    expected = {(published[name], key) for name, keys in labels.items() for key in keys}
    # The sample's page previews its CSV and spreadsheets, and is refused for what they hold.
    on_page = {key for name, key in found if name == "index.html"}
    assert on_page <= {key for _, key in expected}
    found -= {("index.html", key) for key in on_page}
    recall = len(found & expected) / len(expected)
    precision = len(found & expected) / len(found) if found else 0.0
    print(f"office files: {len(labels)}, planted values: {len(expected)}, "
          f"recall {recall:.0%}, precision {precision:.0%}")  # fmt: skip
    assert result.code == 1
    assert found == expected, (sorted(expected - found), sorted(found - expected))
    assert "clean-" not in result.err  # no clean file is refused, for any reason
