"""Stage 3, plan: which pages and files the public site has, and what each is made from.

Only public views of the models reach a page's context (see builder.privacy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.analyse import Analysis
from builder.models import Sample
from builder.portfolio import Document, Portfolio
from builder.privacy import public_document, public_view
from builder.theme import Locale

HIGHLIGHTS = 6


@dataclass(frozen=True)
class Page:
    """One Markdown page handed to the site engine."""

    path: str  # relative to the site's source folder, e.g. "achievements/close-automation.md"
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    listed: bool = True


@dataclass(frozen=True)
class Asset:
    """A file published as is (a sample's attachment, the profile photo)."""

    source: Path
    target: str


@dataclass(frozen=True)
class NavSection:
    title: str
    pages: list[Page]


@dataclass(frozen=True)
class SitePlan:
    pages: list[Page]
    assets: list[Asset]
    nav: list[Page | NavSection]


def plan_site(portfolio: Portfolio, analysis: Analysis, t: Locale) -> SitePlan:
    achievements = [public_document(d) for d in analysis.public_achievements]
    samples = [_sample_view(d) for d in analysis.public_samples]
    profile = _profile_view(portfolio)
    common = {"profile": profile, "site": public_view(portfolio.site)}

    home = Page("index.md", "site/home.md", t("nav.home"), {
        **common, "highlights": achievements[:HIGHLIGHTS], "samples": samples,
        "more_achievements": len(achievements) > HIGHLIGHTS,
    })  # fmt: skip
    achievement_pages = [
        Page(
            f"achievements/{a['id']}.md",
            "site/achievement.md",
            a["meta"]["title"],
            {**common, "doc": a},
        )
        for a in achievements
    ]
    achievement_index = Page(
        "achievements/index.md", "site/achievements.md", t("nav.achievements"),
        {**common, "achievements": achievements},
    )  # fmt: skip
    sample_pages = [
        Page(
            f"samples/{s['id']}/index.md",
            "site/sample.md",
            s["meta"]["title"],
            {**common, "doc": s},
        )
        for s in samples
    ]
    sample_index = Page(
        "samples/index.md", "site/samples.md", t("nav.samples"), {**common, "samples": samples}
    )
    nav: list[Page | NavSection] = [home]
    if achievements:
        nav.append(NavSection(t("nav.achievements"), [achievement_index, *achievement_pages]))
    if samples:
        nav.append(NavSection(t("nav.samples"), [sample_index, *sample_pages]))
    pages = [home, achievement_index, *achievement_pages, sample_index, *sample_pages]
    return SitePlan(pages, _assets(portfolio, analysis), nav)


def _profile_view(portfolio: Portfolio) -> dict[str, Any]:
    view = public_document(portfolio.profile)
    photo = portfolio.profile.meta.photo
    view["photo"] = f"assets/profile{Path(photo).suffix.lower()}" if photo else None
    return view


def _sample_view(doc: Document[Sample]) -> dict[str, Any]:
    view = public_document(doc)
    view["files"] = [
        {"name": Path(name).name, "size": (doc.folder / name).stat().st_size}
        for name in doc.meta.files
    ]
    return view


def _assets(portfolio: Portfolio, analysis: Analysis) -> list[Asset]:
    assets = [
        Asset(doc.folder / name, f"samples/{doc.id}/{Path(name).name}")
        for doc in analysis.public_samples
        for name in doc.meta.files
    ]
    photo = portfolio.profile.meta.photo
    if photo:
        assets.append(
            Asset(portfolio.content / photo, f"assets/profile{Path(photo).suffix.lower()}")
        )
    return assets
