"""Incremental builds: every output records a digest of everything it was made from.

The manifest (build/.cache/manifest.json, never published) holds the inputs of
the last good build file by file (content, themes, the program, package
versions, the options that shape the published site), the settings that only
the private kit depends on (the day it is planned for), and digests of the
site and of each PDF. A build whose inputs and settings are unchanged writes
nothing; otherwise the site is rebuilt only if one of its pages changed, and a
PDF is rendered only if its own document did. `deploy` compares the inputs
alone, so the two commands agree on whether the published site is current, and
a refusal can name each file, version or option that differs.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from builder.core.digests import digest

CACHE = ".cache"
MANIFEST = "manifest.json"
FORMAT = 2  # 2: inputs recorded file by file; published images lose their metadata
PACKAGES = ("secondround", "mkdocs", "mkdocs-material", "weasyprint", "pydyf", "jinja2", "markdown")


@dataclass(frozen=True)
class Inputs:
    """Everything the published site is made from, each part by name, so a change can be named."""

    files: dict[str, str]  # the portfolio's site.yml, content/ and themes/ → digest of the bytes
    program: dict[str, str]  # secondround's code and built-in theme → digest of the bytes
    versions: dict[str, str]  # package → installed version
    options: dict[str, bool]  # build options that change the published site

    @property
    def key(self) -> str:
        return digest(json.dumps(asdict(self), sort_keys=True))


@dataclass
class Manifest:
    inputs: Inputs | None = None
    settings: str | None = None  # what only the private kit depends on (its day, attachments)
    stamp: int | None = None  # the time written into PDFs (SOURCE_DATE_EPOCH, else a fixed one)
    site_options: dict[str, object] = field(default_factory=dict)  # site.yml as validated
    site: str | None = None
    pdfs: dict[str, str] = field(default_factory=dict)
    remind: bool = False  # the portfolio holds private data and has no separate public repository
    format: int = FORMAT

    @classmethod
    def read(cls, out: Path) -> Manifest:
        try:
            data = json.loads((out / CACHE / MANIFEST).read_text("utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            inputs = Inputs(**data.pop("inputs")) if data.get("inputs") else None
            return cls(inputs=inputs, **data)
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MANIFEST).write_text(json.dumps(asdict(self), indent=1, sort_keys=True), "utf-8")


def tree(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def read_inputs(root: Path, builtin_theme: Path, code: Path, options: dict[str, bool]) -> Inputs:
    """Everything a build reads for the published site: content, configuration, themes, the
    builder and its engines. Not the environment: SOURCE_DATE_EPOCH dates the private kit."""
    files = [root / "site.yml", *tree(root / "content"), *tree(root / "themes")]
    return Inputs(
        files={**file_digests([f for f in files if f.is_file()], root), **links(root)},
        program={
            **file_digests([p for p in tree(code) if p.suffix == ".py"], code.parent),
            **file_digests(tree(builtin_theme), builtin_theme.parent),
        },
        versions={package: _version(package) for package in PACKAGES},
        options=dict(options),
    )


def links(root: Path) -> dict[str, str]:
    """Symbolic links inside content/: refused by load, but a new one is a change to notice."""
    content = root / "content"
    found = [p for p in [content, *content.rglob("*")] if p.is_symlink()]
    return {f"{p.relative_to(root).as_posix()} ->": os.readlink(p) for p in sorted(found)}


def file_digests(paths: Iterable[Path], root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(paths)
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


@dataclass(frozen=True)
class Changes:
    """How the inputs of a build differ from the sources now, in words a person can act on."""

    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    program: list[str] = field(default_factory=list)  # secondround's own files
    versions: list[tuple[str, str, str]] = field(default_factory=list)  # package, built, installed

    def __bool__(self) -> bool:
        return any(asdict(self).values())


def changes(built: Inputs, now: Inputs) -> Changes:
    """What differs between the inputs a build recorded and those read now (same options)."""
    return Changes(
        changed=sorted(n for n in built.files.keys() & now.files.keys()
                       if built.files[n] != now.files[n]),
        added=sorted(now.files.keys() - built.files.keys()),
        removed=sorted(built.files.keys() - now.files.keys()),
        program=sorted(n for n in built.program.keys() | now.program.keys()
                       if built.program.get(n) != now.program.get(n)),
        versions=[(p, built.versions.get(p, "?"), v) for p, v in sorted(now.versions.items())
                  if built.versions.get(p) != v],
    )  # fmt: skip


def link_tree(source: Path, target: Path, skip: str | None = None) -> None:
    """Reuse an unchanged output: hard links (a copy where links are not possible)."""
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if skip and relative.parts[:1] == (skip,):
            continue
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            link_file(path, destination)


def link_file(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        import shutil

        shutil.copy2(source, destination)
