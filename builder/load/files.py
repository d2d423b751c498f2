"""Files the content names: a sample's attachments, the profile photo, images in bodies, prices.

A path is written relative to the file that names it, as an editor previews it. A file is
published only if it is what the candidate meant to publish, so it must

- stay inside content/ and be reached through no symbolic link;
- lie in its item's own folder or in content/assets/ (see `home_of`);
- not be a private source: references.yml, anything under applications/, the Markdown
  file of any document, or a file or the folder of a private document;
- be no larger than `attachments.max_size_mib`; a photo or an image must be one by its
  bytes, whatever its name says.

Published names are clean, lowercase without spaces or accents ('Cierre contable ñ.xlsx'
becomes 'cierre-contable-n.xlsx'), and two files that would share one are refused.
Every refusal names the field, or the body line, that wrote the path.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from PIL import Image as Pillow

from builder.core.errors import Problems, format_loc
from builder.core.markup import Image, images
from builder.core.models import slugify
from builder.load.portfolio import ContentFile, Document, Files, Portfolio

ASSETS = "assets"
MIB = 1024 * 1024
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp",
                 "GIF": "image/gif", "AVIF": "image/avif"}  # fmt: skip
IMAGE_FORMATS = {**PHOTO_FORMATS, "SVG": "image/svg+xml"}
SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif", "AVIF": ".avif",
            "SVG": ".svg"}  # fmt: skip
SVG_START = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<svg[\s>]", re.S | re.I
)


@dataclass(frozen=True)
class Refusal:
    """Why a written path cannot be used: a locale key and its values."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Home:
    """The folder an item's files live in: `deep` takes its subfolders too, except `others`."""

    folder: Path
    deep: bool = True
    others: frozenset[Path] = frozenset()

    def holds(self, path: Path) -> bool:
        if not self.deep:
            return path.parent == self.folder
        inside = path.is_relative_to(self.folder)
        return inside and not any(path.is_relative_to(other) for other in self.others)


@dataclass(frozen=True)
class Fence:
    """What may be published from content/, worked out once per portfolio."""

    content: Path
    """content/, with the links above it resolved."""
    private: dict[tuple[int, int], tuple[str, str]]
    """A private file's (device, inode) → the message that refuses it, and whose file it is."""
    limit: int
    """The largest file published, in bytes."""
    sample_folders: frozenset[Path]
    """Folders of the samples written as samples/ID/index.md."""

    @property
    def assets(self) -> Home:
        return Home(self.content / ASSETS)


def find_files(portfolio: Portfolio, problems: Problems) -> Files:
    """Check every file the content names; the ones to publish, with their clean names."""
    fence = make_fence(portfolio)
    attachments = {
        doc.path: _attachments(portfolio, doc, fence, problems)
        for doc in portfolio.samples.values()
    }
    return Files(
        photo=_photo(portfolio, fence, problems),
        attachments=attachments,
        images={doc.path: _images(portfolio, doc, fence, problems, attachments.get(doc.path, ()))
                for doc in body_documents(portfolio)},
        prices=_prices(portfolio, fence, problems),
    )  # fmt: skip


def body_documents(portfolio: Portfolio) -> Iterator[Document[Any]]:
    """The documents whose body is published: the profile, stories, samples and briefs."""
    yield portfolio.profile
    for kind in (portfolio.achievements, portfolio.samples, portfolio.briefs):
        yield from kind.values()


# ---------------------------------------------------------------------------
# What is private, and where each item keeps its files


def make_fence(portfolio: Portfolio) -> Fence:
    content = portfolio.content.resolve()
    samples = frozenset(
        _inside(portfolio, doc.folder) for doc in portfolio.samples.values()
        if doc.path.name == "index.md"
    )  # fmt: skip
    limit = portfolio.site.attachments.max_size_mib * MIB
    return Fence(content, _private_files(portfolio, content), limit, samples)


def _inside(portfolio: Portfolio, path: Path) -> Path:
    """A path under content/ as seen from content/'s real place (the root may be a link)."""
    return portfolio.content.resolve() / path.relative_to(portfolio.content)


def _private_files(portfolio: Portfolio, content: Path) -> dict[tuple[int, int], tuple[str, str]]:
    """Files that must never be published, by identity, so that no spelling, case or hard
    link gets round them. Later entries win: the strongest reason is the one given."""
    private: dict[tuple[int, int], tuple[str, str]] = {}

    def mark(paths: Iterable[Path], key: str, whose: Path) -> None:
        for path in paths:
            if path.is_file() and not path.is_symlink():
                private[_identity(path)] = (key, _shown(portfolio, whose))

    for doc in _hidden_documents(portfolio):
        if doc.path.name == "index.md":  # a sample with a folder of its own
            mark(_tree(doc.folder), "file_private_document", doc.path)
        mark(_named_by(portfolio, doc, content), "file_private_document", doc.path)
    for doc in [*body_documents(portfolio), *portfolio.applications.values()]:
        mark([doc.path], "file_document_source", doc.path)
    for path in _tree(portfolio.content / "applications"):
        mark([path], "file_private_source", path)
    references = portfolio.content / "references.yml"
    mark([references], "file_private_source", references)
    return private


def _hidden_documents(portfolio: Portfolio) -> Iterator[Document[Any]]:
    for kind in (portfolio.achievements, portfolio.samples, portfolio.briefs):
        yield from (doc for doc in kind.values() if not doc.public)


def _named_by(portfolio: Portfolio, doc: Document[Any], content: Path) -> Iterator[Path]:
    """The files a document names, where they exist inside content/."""
    written = list(getattr(doc.meta, "files", []))
    written += [image.path for image in images(doc.body) if image.where == "local"]
    for name in written:
        path = Path(os.path.normpath(_inside(portfolio, doc.folder) / name))
        if path.is_relative_to(content) and path.is_file():
            yield path


def _tree(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


def _identity(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_dev, status.st_ino


def _shown(portfolio: Portfolio, path: Path) -> str:
    return path.relative_to(portfolio.root).as_posix()


def home_of(portfolio: Portfolio, doc: Document[Any], fence: Fence) -> Home:
    """Where an item keeps its files, besides content/assets/.

    A sample written as samples/ID/index.md: its folder and subfolders. The profile:
    content/ itself, without subfolders (they belong to the other kinds). A story, a brief
    or a sample written as samples/ID.md: the folder it is in and its subfolders, except
    the folders of samples/ID/index.md samples.
    """
    folder = _inside(portfolio, doc.folder)
    if doc is portfolio.profile:
        return Home(folder, deep=False)
    if doc.path.name == "index.md":
        return Home(folder)
    return Home(folder, others=fence.sample_folders)


# ---------------------------------------------------------------------------
# Following one written path


def locate(fence: Fence, base: Path, written: str) -> Path | Refusal:
    """The file a written path names, read as written: never through a link, never out of
    content/, and only a real file."""
    name = written.strip()
    if not name or "\x00" in name:
        return Refusal("file_missing", {"name": written, "where": "—"})
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", name):
        return Refusal("file_absolute", {"name": written})
    path = Path(os.path.normpath(base / name))
    if not path.is_relative_to(fence.content):
        return Refusal("file_outside", {"name": written})
    try:
        link = _first_link(base, name)
        if link is not None:
            return Refusal("file_symlink", {"name": written, "link": _where(fence, link)})
        if not path.exists():
            return Refusal("file_missing", {"name": written, "where": _where(fence, path)})
        if not path.is_file():
            return Refusal("file_not_file", {"name": written})
    except OSError:  # a name the system cannot even look up (too long, say)
        return Refusal("file_missing", {"name": written, "where": "—"})
    return path


def _first_link(base: Path, name: str) -> Path | None:
    """The first symbolic link the system would follow on its way from `base` to `name`,
    `..` steps included (each step is looked at before the next one follows it)."""
    current = base
    for part in PurePosixPath(name).parts:
        current = current / part
        if part not in (".", "..") and current.is_symlink():
            return Path(os.path.normpath(current))
    return None


def _where(fence: Fence, path: Path) -> str:
    if not path.is_relative_to(fence.content):
        return path.as_posix()
    return "content/" + path.relative_to(fence.content).as_posix()


def publishable(fence: Fence, path: Path, written: str, home: Home) -> str | Refusal:
    """The clean name of a located file inside its home, or why it may not be published."""
    refusal = _private(fence, path, written)
    if refusal is not None:
        return refusal
    if home.holds(path):
        relative = PurePosixPath(path.relative_to(home.folder).as_posix())
    elif fence.assets.holds(path):
        relative = PurePosixPath(path.relative_to(fence.assets.folder).as_posix())
    else:
        return _elsewhere(fence, home, path, written)
    return _too_large(fence, path, written) or clean_name(relative)


def _private(fence: Fence, path: Path, written: str) -> Refusal | None:
    reason = fence.private.get(_identity(path))
    return Refusal(reason[0], {"name": written, "other": reason[1]}) if reason else None


def _too_large(fence: Fence, path: Path, written: str) -> Refusal | None:
    size = path.stat().st_size
    if size <= fence.limit:
        return None
    values = {"name": written, "size": f"{size / MIB:.1f}", "limit": fence.limit // MIB}
    return Refusal("file_too_large", values)


def _elsewhere(fence: Fence, home: Home, path: Path, written: str) -> Refusal:
    """Why a file is not the item's own, in the words that tell where to put it."""
    if not home.deep:
        return Refusal("file_not_beside", {"name": written})
    other = next((folder for folder in home.others if path.is_relative_to(folder)), None)
    if other is not None:
        return Refusal("file_other_item", {"name": written, "folder": _where(fence, other) + "/"})
    return Refusal("file_elsewhere", {"name": written, "folder": _where(fence, home.folder) + "/"})


def clean_name(relative: PurePosixPath, suffix: str | None = None) -> str:
    """A name any web server serves as is: 'Gráficos/Cierre contable ñ.PNG' → 'graficos/cierre-contable-n.png'."""
    folders = [slugify(part) for part in relative.parts[:-1]]
    last = PurePosixPath(relative.name)
    ending = suffix if suffix is not None else re.sub(r"[^a-z0-9.]", "", last.suffix.lower())
    return "/".join([*folders, slugify(last.stem) + ending])


def image_format(path: Path, formats: dict[str, str]) -> str | None:
    """The image format of a file, read from its bytes (the name may say anything)."""
    if "SVG" in formats:
        with path.open("rb") as stream:
            start = stream.read(65536).decode("utf-8", errors="ignore").lstrip("\ufeff")
        if SVG_START.match(start):
            return "SVG"
    try:
        with Pillow.open(path, formats=list(PHOTO_FORMATS)) as image:
            found = image.format
            image.verify()
    except Exception:  # noqa: BLE001 — Pillow signals a broken image in many ways; all mean "not an image"
        return None
    return found if found in formats else None


# ---------------------------------------------------------------------------
# Each kind of file


def _photo(portfolio: Portfolio, fence: Fence, problems: Problems) -> ContentFile | None:
    profile = portfolio.profile
    written = profile.meta.photo
    if not written:
        return None
    found = _publishable(portfolio, profile, fence, written, PHOTO_FORMATS)
    if isinstance(found, Refusal):
        _refuse(problems, profile, ["photo"], found)
        return None
    return dataclasses.replace(found, name="profile" + PurePosixPath(found.name).suffix)


def _attachments(
    portfolio: Portfolio, doc: Document[Any], fence: Fence, problems: Problems
) -> tuple[ContentFile, ...]:
    """A sample's files; a private sample's are only checked to exist (nothing is published)."""
    chosen: dict[str, ContentFile] = {}
    for index, written in enumerate(doc.meta.files):
        if not doc.public:
            located = locate(fence, _inside(portfolio, doc.folder), written)
            if isinstance(located, Refusal):
                _refuse(problems, doc, ["files", index], located)
            continue
        found = _publishable(portfolio, doc, fence, written, None)
        if isinstance(found, Refusal):
            _refuse(problems, doc, ["files", index], found)
        elif (clash := _clash(chosen, found, reserved={"index.html"})) is not None:
            _refuse(problems, doc, ["files", index], clash)
        else:
            chosen[found.name] = found
    return tuple(chosen.values())


def _images(
    portfolio: Portfolio,
    doc: Document[Any],
    fence: Fence,
    problems: Problems,
    attachments: tuple[ContentFile, ...] = (),
) -> dict[str, ContentFile]:
    """A body's images by the address written; a private document's are only checked to exist.
    A sample's images share its folder with its attachments, hence `attachments`."""
    taken = {file.name: file for file in attachments}
    found: dict[str, ContentFile] = {}
    for image in images(doc.body):
        result = _image(portfolio, doc, fence, image, found, taken)
        if isinstance(result, Refusal):
            _refuse_in_body(problems, doc, image, result)
        elif result is not None:
            found[image.url] = taken[result.name] = result
    return found


def _image(
    portfolio: Portfolio,
    doc: Document[Any],
    fence: Fence,
    image: Image,
    found: dict[str, ContentFile],
    taken: dict[str, ContentFile],
) -> ContentFile | Refusal | None:
    where = image.where
    if where in ("remote", "inline", "none"):
        return None  # left as written; `check` warns about remote ones
    if where == "absolute":
        return Refusal("file_absolute", {"name": image.url})
    if where == "foreign":
        return Refusal("image_address", {"name": image.url})
    if image.url in found:
        return found[image.url]
    if not doc.public:
        located = locate(fence, _inside(portfolio, doc.folder), image.path)
        return located if isinstance(located, Refusal) else None
    result = _publishable(portfolio, doc, fence, image.path, IMAGE_FORMATS)
    if isinstance(result, Refusal):
        return result
    return _clash(taken, result, reserved=set()) or result


def _prices(portfolio: Portfolio, fence: Fence, problems: Problems) -> dict[Path, Path]:
    """Price files are read, not published: they only need to be real, inside content/, not
    private, and not absurdly large."""
    found = {}
    for brief in portfolio.briefs.values():
        written = brief.meta.prices
        if not written:
            continue
        located = locate(fence, _inside(portfolio, brief.folder), written)
        if not isinstance(located, Refusal):
            located = (
                _private(fence, located, written) or _too_large(fence, located, written) or located
            )
        if isinstance(located, Refusal):
            _refuse(problems, brief, ["prices"], located)
        else:
            found[brief.path] = located
    return found


def _publishable(
    portfolio: Portfolio,
    doc: Document[Any],
    fence: Fence,
    written: str,
    formats: dict[str, str] | None,
) -> ContentFile | Refusal:
    """A written path followed, checked and named; `formats`: it must be an image of these."""
    located = locate(fence, _inside(portfolio, doc.folder), written)
    if isinstance(located, Refusal):
        return located
    name = publishable(fence, located, written, home_of(portfolio, doc, fence))
    if isinstance(name, Refusal):
        return name
    label = PurePosixPath(written.replace("\\", "/")).name
    size = located.stat().st_size
    if formats is None:
        return ContentFile(located, name, label, size)
    found = image_format(located, formats)
    if found is None:
        key = "photo_not_image" if "SVG" not in formats else "image_not_image"
        return Refusal(key, {"name": written})
    name = clean_name(PurePosixPath(name), SUFFIXES[found])
    return ContentFile(located, name, label, size, formats[found])


def _clash(taken: dict[str, ContentFile], file: ContentFile, reserved: set[str]) -> Refusal | None:
    """Two different files may not be published under one name (names ignore case)."""
    if file.name in reserved:
        return Refusal("file_reserved", {"name": file.label, "target": file.name})
    other = taken.get(file.name)
    if other is None or other.source.samefile(file.source):
        return None
    return Refusal(
        "file_name_taken", {"name": file.label, "target": file.name, "other": other.label}
    )


# ---------------------------------------------------------------------------
# Reporting


def _refuse(problems: Problems, doc: Document[Any], loc: list[str | int], refusal: Refusal) -> None:
    line, column = doc.source.position(loc)
    message, hint = problems.words(refusal.key, **refusal.values)
    problems.add(doc.path, message, hint, line=line, column=column, field=format_loc(loc))


def _refuse_in_body(problems: Problems, doc: Document[Any], image: Image, refusal: Refusal) -> None:
    message, hint = problems.words(refusal.key, **refusal.values)
    line = doc.source.body_line + image.line - 1
    problems.add(doc.path, message, hint, line=line, column=image.column, field="body")
