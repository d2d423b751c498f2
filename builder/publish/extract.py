"""What a published file says, whatever its format, for the privacy gate to search.

A file is recognised by its bytes, never by its name: a `.py` is text because
it decodes as text, a `.xlsx` is a ZIP archive because it starts like one.
Containers (ZIP and everything built on it: Office Open XML, OpenDocument,
notebooks' attachments; gzip, bzip2, xz, tar) are opened and every member is
read by the same rules, within limits that stop a small archive from
unpacking into gigabytes. PDFs give their page text, every string of their
object tree (document info, annotations, form fields, bookmarks), their XMP
metadata, their embedded files and the metadata of their JPEG images. Images
give their metadata blocks. A file that none of these rules can read raises
`Unreadable`: the gate refuses what it cannot see into rather than pass it.
"""

from __future__ import annotations

import base64
import binascii
import bz2
import codecs
import gzip
import html
import io
import json
import logging
import lzma
import re
import tarfile
import urllib.parse
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from builder.core import images

MAX_FILE = 512 * 1024 * 1024  # bytes of one published file
MAX_UNPACKED = 256 * 1024 * 1024  # bytes unpacked from one published file, all members together
MAX_MEMBERS = 10_000  # files inside one published file, at every depth
MAX_DEPTH = 6  # archives inside archives
MIN_STRING = 4  # shortest run of characters worth keeping from binary metadata
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in text (tab, newlines, form feed, escape are allowed).
BINARY_BYTES = bytes(set(range(32)) - {9, 10, 11, 12, 13, 27}) + b"\x7f"
DATA_URI = re.compile(r"data:[\w.+-]+/[\w.+-]+(?:;[\w.+-]+=[\w.+\"-]+)*;base64,([A-Za-z0-9+/]+=*)")
MIME_KEY = re.compile(r"^(?!text/)[a-z]+/[\w.+-]+$")
TAG = re.compile(r"<[^>]+>")
PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


@dataclass(frozen=True)
class Piece:
    """Text found in a file; `where` names the part of the file it comes from ('' = the file)."""

    where: str
    text: str


@dataclass(frozen=True)
class Reading:
    """Everything a file says; `costly` when it took more than decoding text (worth caching)."""

    pieces: list[Piece]
    costly: bool


class Unreadable(Exception):
    """The file, or a part of it, is in a form the gate cannot see into."""

    def __init__(self, reason: str, where: str = "", **values: Any) -> None:
        self.reason = reason  # a key of `privacy.reason_*` in the locale
        self.where = where
        self.values = values
        super().__init__(f"{reason} {where} {values}".strip())


@dataclass
class Budget:
    """What is left of the unpacking limits for one published file."""

    unpacked: int = MAX_UNPACKED
    members: int = MAX_MEMBERS

    def take(self, size: int, where: str) -> None:
        self.unpacked -= size
        self.members -= 1
        if self.unpacked < 0:
            raise Unreadable("too_large", where, limit=MAX_UNPACKED // 2**20)
        if self.members < 0:
            raise Unreadable("too_many", where, limit=MAX_MEMBERS)


def read(data: bytes, page_text: bool = True) -> Reading:
    """Everything a published file says; raises Unreadable when some of it cannot be read.

    `page_text=False` leaves out the text drawn on the pages of the file itself when it is
    a PDF whose source has been read instead (the HTML the build rendered it from): the
    rest (document info, XMP, attachments, images) is still read from its bytes."""
    if len(data) > MAX_FILE:
        raise Unreadable("too_big", limit=MAX_FILE // 2**20)
    context = _Context(page_text=page_text)
    pieces = list(context.read(data, "", 0))
    return Reading(pieces, context.costly)


def needs_parsing(data: bytes) -> bool:
    """Whether reading the file takes more than decoding text (an archive, a PDF, an image)."""
    return _Context()._reader_for(data) is not None


def read_text(text: str) -> list[Piece]:
    """What a text says, read by the same rules as a text file."""
    return list(_Context().text(text, "", 0))


@dataclass
class _Context:
    budget: Budget = field(default_factory=Budget)
    costly: bool = False
    page_text: bool = True  # of the published file itself; embedded PDFs are always read

    def read(self, data: bytes, where: str, depth: int) -> Iterator[Piece]:
        """A file read by the rule its first bytes call for; one that also decodes as text
        (a PDF without compression, a text that happens to start like an image) is read as
        text as well, so that no rule can hide what a text editor would show."""
        if depth > MAX_DEPTH:
            raise Unreadable("too_deep", where, limit=MAX_DEPTH)
        reader, text = self._reader_for(data), as_text(data)
        if reader is None and text is None:
            raise Unreadable("unknown", where)
        if reader is not None:
            self.costly = True
            try:
                yield from list(reader(data, where, depth))
            except Unreadable as error:
                if text is None or error.reason not in ("damaged", "unknown"):
                    raise
        if text is not None:
            yield from self.text(text, where, depth)

    def _reader_for(self, data: bytes) -> Callable[[bytes, str, int], Iterator[Piece]] | None:
        head = data[:1024]
        if images.kind(data):
            return self.image
        if head[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
            return self.zip
        if head[:2] == b"\x1f\x8b":
            return self.compressed("gzip")
        if head[:3] == b"BZh":
            return self.compressed("bzip2")
        if head[:6] == b"\xfd7zXZ\x00":
            return self.compressed("xz")
        if data[257:262] == b"ustar":
            return self.tar
        if b"%PDF-" in head:  # the header may follow up to 1 KiB of anything
            return self.pdf
        if _is_metafile(data):
            return self.strings
        if _other_image(head):
            return self.other_image
        return None

    # -- text -------------------------------------------------------------

    def text(self, text: str, where: str, depth: int) -> Iterator[Piece]:
        """Text as a reader sees it: with and without markup, entities and escapes undone,
        and whatever is embedded in it as base64 (data: URIs, notebook outputs)."""
        yield Piece(where, text)
        if "<" in text or "&" in text:
            yield Piece(where, html.unescape(TAG.sub(" ", text)))
            yield Piece(where, html.unescape(TAG.sub("", text)))
        if PERCENT.search(text):
            yield Piece(where, urllib.parse.unquote(text))
        if text.lstrip()[:1] in ("{", "["):
            yield from self.json(text, where, depth)
        for index, match in enumerate(DATA_URI.finditer(text)):
            yield from self.embedded(match.group(1), f"{where} (data {index + 1})", depth)

    def json(self, text: str, where: str, depth: int) -> Iterator[Piece]:
        try:
            value = json.loads(text)
        except ValueError:
            return
        strings: list[str] = []
        embedded: list[tuple[str, str]] = []
        _json_strings(value, strings, embedded)
        yield Piece(where, "\n".join(strings))
        yield Piece(where, html.unescape(TAG.sub(" ", "\n".join(strings))))
        for key, blob in embedded:
            yield from self.embedded(blob, f"{where} ({key})", depth)

    def embedded(self, blob: str, where: str, depth: int) -> Iterator[Piece]:
        try:
            data = base64.b64decode(blob)
        except (binascii.Error, ValueError):
            return
        self.budget.take(len(data), where)
        yield from self.read(data, where, depth + 1)

    # -- binary formats -----------------------------------------------------

    def strings(self, data: bytes, where: str, depth: int) -> Iterator[Piece]:
        """Formats whose text is stored as it is (metafiles, metadata blocks): their strings."""
        yield Piece(where, binary_strings(data))

    def image(self, data: bytes, where: str, depth: int) -> Iterator[Piece]:
        try:
            blocks = images.metadata(data)
        except images.BadImage as error:
            raise Unreadable("damaged", where, detail=str(error)) from error
        for block in blocks:
            yield Piece(where, binary_strings(block))

    def other_image(self, data: bytes, where: str, depth: int) -> Iterator[Piece]:
        """TIFF, BMP, ICO, AVIF and the rest of what Pillow opens: every tag and info value."""

        try:
            values = _image_values(data)
        except Exception as error:  # noqa: BLE001 — any failure of a decoder means: cannot read
            raise Unreadable("unknown", where) from error
        yield Piece(where, "\n".join(_plain(value) for value in values))

    def compressed(self, kind: str) -> Callable[[bytes, str, int], Iterator[Piece]]:
        def read_inside(data: bytes, where: str, depth: int) -> Iterator[Piece]:
            try:
                inner = _decompress(kind, data, max(self.budget.unpacked, 0) + 1)
            except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError) as error:
                raise Unreadable("damaged", where, detail=f"{kind}: {error}") from error
            self.budget.take(len(inner), where)
            yield from self.read(inner, where, depth + 1)

        return read_inside

    def zip(self, data: bytes, where: str, depth: int) -> Iterator[Piece]:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise Unreadable("damaged", where, detail=f"ZIP: {error}") from error
        if sum(m.file_size for m in members) > self.budget.unpacked:
            raise Unreadable("too_large", where, limit=MAX_UNPACKED // 2**20)
        with archive:
            yield Piece(where, "\n".join(m.filename for m in members))
            yield Piece(where, binary_strings(archive.comment))
            for member in members:
                inside = _inside(where, member.filename)
                if member.is_dir():
                    continue
                if member.flag_bits & 0x1:
                    raise Unreadable("encrypted", inside)
                self.budget.take(member.file_size, inside)
                try:  # zipfile reads no more than the declared size, already counted
                    with archive.open(member) as handle:
                        body = handle.read()
                except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
                        zlib.error, lzma.LZMAError) as error:  # fmt: skip
                    raise Unreadable("damaged", inside, detail=f"ZIP: {error}") from error
                if _is_printer_settings(member.filename):
                    yield Piece(inside, binary_strings(body))
                else:
                    yield from self.read(body, inside, depth + 1)

    def tar(self, data: bytes, where: str, depth: int) -> Iterator[Piece]:
        try:
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
                members = [(m, _tar_member(archive, m)) for m in archive.getmembers()]
        except (tarfile.TarError, OSError, ValueError, EOFError) as error:
            raise Unreadable("damaged", where, detail=f"tar: {error}") from error
        for member, body in members:
            inside = _inside(where, member.name)
            owners = [member.name, member.linkname, member.uname, member.gname]
            yield Piece(inside, "\n".join([*owners, *map(str, member.pax_headers.values())]))
            if body is not None:
                self.budget.take(len(body), inside)
                yield from self.read(body, inside, depth + 1)

    def pdf(self, data: bytes, where: str, depth: int) -> Iterator[Piece]:
        reader = _open_pdf(data, where)
        try:
            pages = reader.pages if self.page_text or depth else []
            texts = [page.extract_text() or "" for page in pages]
            strings, attached = _pdf_objects(reader)
        except Unreadable:
            raise
        except Exception as error:  # noqa: BLE001 — pypdf raises many kinds on a broken file
            raise Unreadable("damaged", where, detail=f"PDF: {error}") from error
        yield Piece(where, "\n".join(texts))
        yield Piece(where, "\n".join(strings))
        for index, (kind, body) in enumerate(attached):
            inside = f"{where} ({kind} {index + 1})".strip()
            self.budget.take(len(body), inside)
            if kind == "metadata":
                yield from self.text(as_text(body) or binary_strings(body), inside, depth)
            else:
                yield from self.read(body, inside, depth + 1)


def _image_values(data: bytes) -> list[Any]:
    """Every info value and tag Pillow finds in an image (of a format besides those of
    `builder.core.images`); its warnings about odd tags are not the candidate's concern."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(data)) as image:
            values: list[Any] = list(image.info.values())
            exif = image.getexif()
            values += list(exif.values())
            for ifd in (0x8769, 0x8825, 0xA005):  # Exif, GPS, interoperability
                values += list(exif.get_ifd(ifd).values())
            values += list(getattr(image, "tag_v2", {}).values())
    return values


def _inside(where: str, name: str) -> str:
    return f"{where} › {name}" if where else name


def _tar_member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> bytes | None:
    if not member.isfile():
        return None
    handle = archive.extractfile(member)
    return handle.read() if handle is not None else None


def _decompress(kind: str, data: bytes, limit: int) -> bytes:
    """Decompress without letting a bomb fill the memory: stop after `limit` bytes."""
    if kind == "gzip":
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return stream.read(limit)
    if kind == "bzip2":
        return bz2.BZ2Decompressor().decompress(data, limit)
    return lzma.LZMADecompressor().decompress(data, limit)


def _is_metafile(data: bytes) -> bool:
    """Windows metafiles (EMF, WMF), found in Office documents: records with plain strings."""
    emf = data[:4] == b"\x01\0\0\0" and data[40:44] == b" EMF"
    wmf = data[:4] == b"\xd7\xcd\xc6\x9a" or data[:6] in (
        b"\x01\0\x09\0\0\x03",
        b"\x02\0\x09\0\0\x03",
    )
    return emf or wmf


def _is_printer_settings(name: str) -> bool:
    """Office's printer settings (a Windows DEVMODE: fixed fields and plain strings)."""
    return bool(re.fullmatch(r"(word|xl|ppt)/printerSettings/printerSettings\d+\.bin", name))


def _other_image(head: bytes) -> bool:
    return (
        head[:4] in (b"II*\0", b"MM\0*", b"\0\0\1\0")
        or head[:2] == b"BM"
        or (head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis", b"heic", b"heix", b"mif1"))
    )


def as_text(data: bytes) -> str | None:
    """The bytes as text, if they are text: UTF-8, UTF-16/32 with a byte-order mark, UTF-16
    without one, or a single-byte encoding (Windows-1252, a superset of Latin-1)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return None
    if b"\0" in data:
        return _utf16_without_bom(data) if _utf16_without_bom(data[:4096]) is not None else None
    if data.translate(None, BINARY_BYTES) != data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 without a BOM has a zero in every other byte (for Latin scripts)."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    codec = "utf-16-le" if odd.count(0) > len(odd) * 0.9 and not even.count(0) else None
    if codec is None and even.count(0) > len(even) * 0.9 and not odd.count(0):
        codec = "utf-16-be"
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    encoded = text.encode("utf-8", errors="replace")
    return text if encoded.translate(None, BINARY_BYTES) == encoded else None


def binary_strings(data: bytes) -> str:
    """The readable runs of a binary block, however its strings are encoded (UTF-8,
    Windows-1252, UTF-16 in either byte order and alignment)."""
    decoded = [
        data.decode("utf-8", errors="replace"),
        data.decode("cp1252", errors="replace"),
        *(data[offset:].decode(codec, errors="replace")
          for codec in ("utf-16-le", "utf-16-be") for offset in (0, 1)),
    ]  # fmt: skip
    runs: list[str] = []
    for text in decoded:
        runs += [run for run in re.split(r"[\x00-\x1f\x7f\ufffd]+", text) if len(run) >= MIN_STRING]
    return "\n".join(runs)


def _plain(value: Any) -> str:
    if isinstance(value, bytes):
        return binary_strings(value)
    if isinstance(value, tuple | list):
        return " ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(item) for item in value.values())
    return str(value)


def _json_strings(value: Any, strings: list[str], embedded: list[tuple[str, str]]) -> None:
    """Every string of a JSON document; base64 under a MIME type key (a notebook's image or
    PDF output) is set aside to be decoded and read as a file."""
    if isinstance(value, str):
        strings.append(value)
    elif isinstance(value, list):
        for item in value:
            _json_strings(item, strings, embedded)
    elif isinstance(value, dict):
        for key, item in value.items():
            strings.append(str(key))
            if MIME_KEY.match(str(key)) and isinstance(item, str | list):
                embedded.append((str(key), "".join(item) if isinstance(item, list) else item))
            else:
                _json_strings(item, strings, embedded)


# ---------------------------------------------------------------------------
# PDF


def _open_pdf(data: bytes, where: str) -> Any:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its remarks on odd files are not ours
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("encrypted", where)
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001 — pypdf raises many kinds on a broken or locked file
        if "crypt" in type(error).__name__.lower() or "AES" in str(error):
            raise Unreadable("encrypted", where) from error
        raise Unreadable("damaged", where, detail=f"PDF: {error}") from error
    return reader


def _pdf_objects(reader: Any) -> tuple[list[str], list[tuple[str, bytes]]]:
    """Every string reachable from the trailer (info, annotations, forms, outlines, names),
    and the streams that are files of their own: XMP metadata, embedded files, JPEG images."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    strings: list[str] = []
    attached: list[tuple[str, bytes]] = []
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            stack.append(item.get_object())
        elif isinstance(item, StreamObject):
            found = _pdf_stream(item)
            if found is not None:
                attached.append(found)
            stack.extend(item.values())
        elif isinstance(item, DictionaryObject):
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, bytes):
            strings.append(binary_strings(item))
        elif isinstance(item, str):
            strings.append(item)
    return strings, attached


def _pdf_stream(stream: Any) -> tuple[str, bytes] | None:
    kind, subtype = stream.get("/Type"), stream.get("/Subtype")
    if kind == "/Metadata" or subtype == "/XML":
        return "metadata", stream.get_data()
    if kind == "/EmbeddedFile":
        return "file", stream.get_data()
    filters = stream.get("/Filter")
    filters = list(filters) if isinstance(filters, list) else [filters]
    if subtype == "/Image" and filters and filters[-1] == "/DCTDecode":
        return "image", stream.get_data()
    return None
