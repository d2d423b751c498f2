"""Incremental builds: every output records a digest of everything it was made from.

The manifest (build/.cache/manifest.json, never published) holds the digest of
all inputs of the last good build, of its site, and of each PDF. A build whose
inputs are unchanged writes nothing; otherwise the site is rebuilt only if
one of its pages changed, and a PDF is rendered only if its own document did.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

CACHE = ".cache"
MANIFEST = "manifest.json"
FORMAT = 2  # 2: published images lose their metadata, so older sites are rebuilt
PACKAGES = ("secondround", "mkdocs", "mkdocs-material", "weasyprint", "pydyf", "jinja2", "markdown")


@dataclass
class Manifest:
    inputs: str | None = None
    site: str | None = None
    pdfs: dict[str, str] = field(default_factory=dict)
    remind: bool = False  # the portfolio holds private data and has no separate public repository
    options: str | None = None  # the build options that `inputs` was computed with
    format: int = FORMAT

    @classmethod
    def read(cls, out: Path) -> Manifest:
        try:
            data = json.loads((out / CACHE / MANIFEST).read_text("utf-8"))
            manifest = cls(**data)
        except (OSError, ValueError, TypeError):
            return cls()
        return manifest if manifest.format == FORMAT else cls()

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MANIFEST).write_text(json.dumps(asdict(self), indent=1, sort_keys=True), "utf-8")


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """A digest of files' names and bytes (names relative to `root` when given)."""
    parts: list[str | bytes] = []
    for path in sorted(paths):
        name = path.relative_to(root).as_posix() if root else path.as_posix()
        parts += [name, path.read_bytes()]
    return digest(*parts)


def tree(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def inputs_digest(root: Path, builtin_theme: Path, code: Path, options: str) -> str:
    """Everything a build reads: content, configuration, themes, the builder and its engines."""
    files = [root / "site.yml", *tree(root / "content"), *tree(root / "themes")]
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=?")
    return digest(
        files_digest([f for f in files if f.is_file()], root),
        files_digest(tree(builtin_theme), builtin_theme),
        files_digest([p for p in tree(code) if p.suffix == ".py"], code),
        ";".join(versions),
        options,
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    )


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
