"""Stage 4, render: planned pages through the theme's templates, then the site engine."""

from __future__ import annotations

from pathlib import Path

import jinja2

from builder.errors import ContentError, Problem
from builder.plan import NavSection, Page, SitePlan
from builder.portfolio import Portfolio
from builder.site_engine import SiteNav, SitePage, SiteSpec, build_site
from builder.theme import Theme

STYLESHEET = "assets/secondround.css"


def render_site(
    plan: SitePlan, portfolio: Portfolio, theme: Theme, out: Path, work: Path, verbose: bool
) -> list[str]:
    pages = [SitePage(p.path, render_template(theme, p), p.title, p.listed) for p in plan.pages]
    files = [(asset.source, asset.target) for asset in plan.assets]
    spec = site_spec(portfolio, theme)
    return build_site(spec, pages, [_nav(entry) for entry in plan.nav], files, work, out, verbose)


def render_template(theme: Theme, page: Page) -> str:
    """A page's Markdown; a broken template is reported with its file and line, not a traceback."""
    try:
        return theme.render(page.template, here=page.path, **page.context)
    except jinja2.TemplateSyntaxError as error:
        raise ContentError(
            [_template_problem(theme, error.filename, error.lineno, error.message)]
        ) from error
    except jinja2.TemplateError as error:
        name = str(error.name) if isinstance(error, jinja2.TemplateNotFound) else page.template
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
        theme_folders=theme.folders("site"),
        stylesheets=[STYLESHEET],
    )


def _nav(entry: Page | NavSection) -> SiteNav:
    if isinstance(entry, NavSection):
        return SiteNav(entry.title, None, [SiteNav(p.title, p.path) for p in entry.pages])
    return SiteNav(entry.title, entry.path)
