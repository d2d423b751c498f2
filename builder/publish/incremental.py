"""Incremental builds: every output is an artifact that knows the digest of its inputs.

The manifest (build/.cache/manifest.json, never published) holds the inputs of
the last good build file by file (content, themes, the program, package
versions, the options that shape the published site), the settings that only
the private kit depends on (the day it is planned for), and one digest per
artifact: each page and file of the site, the site's frame (settings,
navigation, set of pages, theme, engine), each PDF, each email, the calendar
and the dashboard. A build whose inputs and settings are unchanged writes
nothing; otherwise every artifact whose digest is the one recorded is taken
from the previous build, and only the others are made again. `deploy` compares
the inputs alone, so the two commands agree on whether the published site is
current, and a refusal can name each file, version or option that differs.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from builder.core.digests import digest, files_digest
from builder.core.outputs import link_file
from builder.core.urls import page_url
from builder.plan.kit import PrivatePdf
from builder.plan.site import PdfDoc
from builder.render import pdf_engine
from builder.render.pages import RenderedPdf, RenderedSite, render_pdf, render_private_pdf
from builder.render.site_engine import SiteReuse, engine_fingerprint
from builder.render.theme import Theme

CACHE = ".cache"
MANIFEST = "manifest.json"
FORMAT = 3  # 2: inputs recorded file by file; 3: one digest per artifact, page by page
PACKAGES = ("secondround", "mkdocs", "mkdocs-material", "weasyprint", "pydyf", "jinja2", "markdown",
            "pygments", "openpyxl")  # fmt: skip


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
    artifacts: dict[str, str] = field(default_factory=dict)  # output under build/ → its key
    page_warnings: dict[str, list[str]] = field(default_factory=dict)  # what the engine said
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


class Artifacts:
    """The one way a build reuses work: an output whose key (the digest of its inputs) is the
    one the last build recorded for it is linked from that build instead of made again.

    Names are paths under build/ ("site/pdf/profile.pdf", "private/calendar.ics"); the keys
    of this build are gathered for the next one's manifest."""

    def __init__(self, previous: Manifest, old: Path) -> None:
        self.previous = previous
        self.old = old  # the last build's folder (build/)
        self.keys: dict[str, str] = {}

    def same(self, name: str, key: str, step: str = "") -> bool:
        recorded = self.previous.artifacts.get(f"{name} {step}" if step else name)
        return recorded == key and (self.old / name).is_file()

    def take(self, name: str, key: str, to: Path, step: str = "") -> bool:
        """Record `key` for `name`; when the last build made it from the same inputs, link its
        output to `to` and say so (the caller then has nothing to make).

        An output made in steps (a PDF: planned document → HTML → PDF) may be checked again
        after a cheap step with that step's result as its key (`step` names it), so that a
        changed input that changes nothing the engine sees costs no engine run."""
        self.keys[f"{name} {step}" if step else name] = key
        if not self.same(name, key, step):
            return False
        link_file(self.old / name, to)
        return True

    def write(self, name: str, data: bytes, to: Path) -> None:
        """An output made in memory (an email, the calendar): its bytes are its key."""
        if not self.take(name, digest(data), to):
            to.parent.mkdir(parents=True, exist_ok=True)
            to.write_bytes(data)

    def site(
        self, site: RenderedSite, files: list[tuple[Path, str]], theme: list[Path]
    ) -> SiteReuseChoice:
        """Which of the site's pages and files can be taken from the last build: none when its
        frame changed (settings, navigation, the set of pages, theme or engine), since every
        page shows the frame; else those whose own key is the one recorded."""
        frame = digest(
            engine_fingerprint(),
            repr(site.spec),
            repr(site.nav),
            *(f"{p.path}\0{p.listed}" for p in site.pages),
            *(target for _, target in files),
            files_digest(theme),
        )
        outputs = {f"site/{page_url(p.path)}index.html": (p.path, digest(frame, p.title, p.markdown))
                   for p in site.pages}  # fmt: skip
        outputs.update({f"site/{target}": (target, _bytes_key(source)) for source, target in files})
        first = self.previous.artifacts.get("site") != frame or not (self.old / "site").is_dir()
        self.keys["site"] = frame
        changed = frozenset(
            source for name, (source, key) in outputs.items() if not self.same(name, key)
        )
        self.keys.update({name: key for name, (_, key) in outputs.items()})
        if first:
            return SiteReuseChoice(whole=False, reuse=None)
        if not changed:
            return SiteReuseChoice(whole=True, reuse=None)
        return SiteReuseChoice(
            False, SiteReuse(self.old / "site", changed, self.previous.page_warnings)
        )

    def pdfs(
        self, documents: list[PdfDoc | PrivatePdf], theme: Theme, stamp: int, folder: Path
    ) -> list[RenderedPdf]:
        """The PDFs the engine must render into `folder`; the others are linked there. A
        document planned as before is taken as it was, and so is one whose HTML came out as
        before (a story's new title that the PDF does not print)."""
        engine = digest(
            pdf_engine.fingerprint(),
            pdf_engine.stamp(stamp),
            files_digest(theme.files("pdf/fonts")),
        )
        templates = digest(
            engine,
            theme.locale.language,
            files_digest([file for part in PDF_PARTS for file in theme.files(part)]),
        )
        fresh = []
        for doc in documents:
            name, to = pdf_name(doc.target), folder / doc.target
            # The planned document's repr is complete: a public view prints all it holds.
            if self.take(name, digest(templates, repr(doc)), to):
                continue
            pdf = (
                render_pdf(theme, doc)
                if isinstance(doc, PdfDoc)
                else render_private_pdf(theme, doc)
            )
            if not self.take(name, digest(engine, pdf.html), to, step="html"):
                fresh.append(pdf)
        return fresh

    def keep(self, names: Iterable[str]) -> None:
        """Outputs carried over as they are (a preview keeps the previous PDFs)."""
        for name in names:
            if name in self.previous.artifacts:
                self.keys[name] = self.previous.artifacts[name]


PDF_PARTS = ("pdf", "partials", "locales")  # the theme's folders a PDF is made from


def pdf_name(target: str) -> str:
    """Where a PDF ends up under build/: the prep sheets in private/, the others in the site."""
    return target if target.startswith("private/") else f"site/{target}"


def is_pdf(name: str) -> bool:
    return name.endswith(".pdf") and (name.startswith("site/pdf/") or name.startswith("private/"))


@dataclass(frozen=True)
class SiteReuseChoice:
    """Take the last build's site as it is (`whole`), render only what changed (`reuse`), or
    build it from scratch (neither)."""

    whole: bool
    reuse: SiteReuse | None


def _bytes_key(path: Path) -> str:
    return digest(path.read_bytes())
