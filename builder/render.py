"""Stage 4, render: planned pages and PDFs through the theme's templates, then the engines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from builder.errors import ContentError, Problem
from builder.incremental import digest, files_digest
from builder.plan import NavSection, Page, PdfDoc, SitePlan
from builder.portfolio import Portfolio
from builder.site_engine import SiteNav, SitePage, SiteSpec, engine_fingerprint
from builder.theme import PRINT_COLOURS, Theme

STYLESHEET = "assets/secondround.css"


@dataclass(frozen=True)
class RenderedSite:
    """Everything the site engine needs, and the digest that says whether it changed."""

    spec: SiteSpec
    pages: list[SitePage]
    nav: list[SiteNav]
    files: list[tuple[Path, str]]
    key: str


def render_site_sources(plan: SitePlan, portfolio: Portfolio, theme: Theme) -> RenderedSite:
    pages = [SitePage(p.path, render_template(theme, p.template, p.context, p.path), p.title, p.listed)
             for p in plan.pages]  # fmt: skip
    files = [(asset.source, asset.target) for asset in plan.assets]
    spec = site_spec(portfolio, theme)
    nav = [_nav(entry) for entry in plan.nav]
    key = digest(
        engine_fingerprint(),
        repr(spec),
        repr(nav),
        *(f"{p.path}\0{p.title}\0{p.listed}\0{p.markdown}" for p in pages),
        *(target for _, target in files),
        files_digest([source for source, _ in files]),
        files_digest(theme.files("site")),
    )
    return RenderedSite(spec, pages, nav, files, key)


def render_template(theme: Theme, template: str, context: dict[str, Any], here: str = "") -> str:
    """A page or document; a broken template is reported with its file and line, not a traceback."""
    try:
        return theme.render(template, here=here, **context)
    except jinja2.TemplateSyntaxError as error:
        raise ContentError(
            [_template_problem(theme, error.filename, error.lineno, error.message)]
        ) from error
    except jinja2.TemplateError as error:
        name = str(error.name) if isinstance(error, jinja2.TemplateNotFound) else template
        raise ContentError([_template_problem(theme, name, None, str(error))]) from error


def _template_problem(
    theme: Theme, filename: str | None, line: int | None, message: str | None
) -> Problem:
    path = Path(filename) if filename else Path(theme.name)
    try:
        shown = path.resolve().relative_to(theme.root.resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return Problem(
        shown,
        line,
        None,
        "template",
        f"{message}",
        "fix the template (see the Jinja documentation)",
    )


def site_spec(portfolio: Portfolio, theme: Theme) -> SiteSpec:
    site, profile, t = portfolio.site, portfolio.profile.meta, theme.locale
    return SiteSpec(
        title=site.title,
        url=site.base_url,
        language=site.language,
        author=profile.name,
        description=profile.headline or "",
        primary=site.palette.primary,
        accent=site.palette.accent,
        words={
            "to_dark": t("palette.to_dark"),
            "to_light": t("palette.to_light"),
            "copyright": t("footer.copyright", name=profile.name),
            "not_found": t("not_found.title"),
            "not_found_text": t("not_found.text"),
            "back_home": t("not_found.back_home"),
        },
        links=dict(profile.links),
        theme_folders=tuple(theme.folders("site")),
        stylesheets=(STYLESHEET,),
    )


def _nav(entry: Page | NavSection) -> SiteNav:
    if isinstance(entry, NavSection):
        return SiteNav(entry.title, None, tuple(SiteNav(p.title, p.path) for p in entry.pages))
    return SiteNav(entry.title, entry.path)


# ---------------------------------------------------------------------------
# PDFs


@dataclass(frozen=True)
class RenderedPdf:
    target: str
    html: str


def render_pdf(doc: PdfDoc, portfolio: Portfolio, theme: Theme) -> RenderedPdf:
    """One PDF as a self-contained HTML document: metadata, print CSS and QR code inlined."""
    site = portfolio.site
    context = {
        **doc.context,
        "document": {"title": doc.title, "subject": doc.subject, "keywords": doc.keywords},
        "page_size": site.pdf.page_size,
        "primary": PRINT_COLOURS[site.palette.primary],
        "qr": qr_svg(doc.context["qr_target"]) if doc.context.get("qr_target") else None,
        "qr_caption": theme.locale("pdf.qr_caption"),
        "footer_note": None,
    }
    return RenderedPdf(doc.target, render_template(theme, doc.template, context))


def qr_svg(url: str) -> str:
    """A QR code as inline SVG: vector, made here, no service involved."""
    import segno

    return str(segno.make(url, error="m").svg_inline(omitsize=True, border=0, dark="#111111"))
