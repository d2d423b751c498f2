"""The validated portfolio: every document of the candidate, with where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from builder.core.models import (
    Achievement,
    Application,
    Brief,
    Model,
    Profile,
    Reference,
    Resume,
    Sample,
    Site,
)
from builder.core.resume_entries import ResumeEntry, resume_entries
from builder.load.prices import PriceSeries
from builder.load.source import Source

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Document(Generic[M]):
    """One Markdown file: its id (the file stem), validated front matter and body."""

    id: str
    meta: M
    body: str
    source: Source

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def folder(self) -> Path:
        """Where paths written in the front matter are relative to."""
        return self.path.parent

    @property
    def public(self) -> bool:
        return getattr(self.meta, "visibility", "public") == "public"


@dataclass(frozen=True)
class ContentFile:
    """A file of content/ that is published: found, checked, and given a clean name."""

    source: Path
    """The file itself, inside content/."""
    name: str
    """Where it is published, relative to its page's folder: lowercase, no spaces or accents."""
    label: str
    """Its file name as the candidate wrote it, shown to readers."""
    size: int
    media: str | None = None
    """The media type of an image (image/png…), known from its bytes."""


@dataclass(frozen=True)
class Files:
    """Every file the content names, checked by `load` so that later stages only read it."""

    photo: ContentFile | None = None
    attachments: Mapping[Path, tuple[ContentFile, ...]] = field(default_factory=dict)
    """A sample's `files`, by the path of the sample's Markdown file."""
    images: Mapping[Path, Mapping[str, ContentFile]] = field(default_factory=dict)
    """Images of a body, by the path of its Markdown file, then by the address written."""
    prices: Mapping[Path, Path] = field(default_factory=dict)
    """Each brief's price file, by the path of the brief."""


@dataclass(frozen=True)
class Portfolio:
    """Everything `load` read and validated; later stages only read it."""

    root: Path
    site: Site
    profile: Document[Profile]
    achievements: dict[str, Document[Achievement]]
    samples: dict[str, Document[Sample]]
    briefs: dict[str, Document[Brief]]
    applications: dict[str, Document[Application]]
    references: dict[str, Reference]
    resume: Resume | None
    prices: dict[str, PriceSeries] = field(default_factory=dict)
    site_source: Source | None = None  # site.yml as read, for the positions of its fields
    files: Files = field(default_factory=Files)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @cached_property
    def resume_entries(self) -> dict[str, ResumeEntry]:
        """The CV's education, certifications, languages and skills by evidence id (on a clash,
        which load reports, the first)."""
        found: dict[str, ResumeEntry] = {}
        for entry in resume_entries(self.resume):
            found.setdefault(entry.id, entry)
        return found

    def evidence(self, id: str) -> Evidence | None:
        """The achievement, sample, brief or CV entry with this id (ids are unique across them)."""
        return (
            self.achievements.get(id)
            or self.samples.get(id)
            or self.briefs.get(id)
            or self.resume_entries.get(id)
        )


Evidence = Document[Achievement] | Document[Sample] | Document[Brief] | ResumeEntry
"""What a requirement can cite as proof."""


def portfolio_relative(portfolio: Portfolio, path: Path) -> str:
    """A path as the candidate knows it: relative to the portfolio's folder."""
    try:
        return path.resolve().relative_to(portfolio.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
