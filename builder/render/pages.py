"""Stage 4, render: planned pages and PDFs through the theme's templates, then the engines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from builder.analyse.followup import StatusReport
from builder.core import images
from builder.core.errors import ContentError, Problem
from builder.core.names import display_name
from builder.core.words import MissingWord
from builder.load.portfolio import Portfolio
from builder.plan.kit import Draft, Kit, PrivatePdf
from builder.plan.privacy import Public, public_view
from builder.plan.site import NavSection, Page, PdfDoc, SitePlan
from builder.render.ical import calendar
from builder.render.mail import MAIL_SIZE_LIMIT, mailto, message, too_big
from builder.render.site_engine import SiteNav, SitePage, SiteSpec
from builder.render.theme import PRINT_COLOURS, NotPublic, Theme

STYLESHEET = "assets/secondround.css"


@dataclass(frozen=True)
class RenderedSite:
    """Everything the site engine needs."""

    spec: SiteSpec
    pages: list[SitePage]
    nav: list[SiteNav]
    files: list[tuple[Path, str]]


def render_site_sources(plan: SitePlan, theme: Theme) -> RenderedSite:
    pages = [render_page(theme, page) for page in plan.pages]
    files = [(asset.file.source, asset.target) for asset in plan.assets]
    spec = site_spec(plan.site, theme)
    nav = [_nav(entry) for entry in plan.nav]
    return RenderedSite(spec, pages, nav, files)


def render_page(theme: Theme, page: Page) -> SitePage:
    """One page of the public site, from its public context only."""
    if not isinstance(page, Page):
        raise TypeError(f"a public page is planned as a Page, not {type(page).__name__}")
    _require_public(page.context)
    markdown = render_template(theme, page.template, page.context, page.path)
    return SitePage(page.path, markdown, page.title, page.listed)


def _require_public(context: object) -> None:
    """The second check of the privacy type: what reaches a public template is a public view."""
    if not isinstance(context, Public):
        raise TypeError(
            f"public output is rendered from a public view, not {type(context).__name__}"
        )


def without_metadata(files: list[tuple[Path, str]], folder: Path) -> list[tuple[Path, str]]:
    """Attachments as the site publishes them: images without their metadata (GPS position,
    author, camera), written under `folder`; every other file as it is."""
    published = []
    for source, target in files:
        data = source.read_bytes()
        try:
            stripped = images.strip(data)
        except images.BadImage:  # left as it is: the privacy check reads it, or refuses it
            stripped = data
        if stripped is not data:
            source = folder / target
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_bytes(stripped)
        published.append((source, target))
    return published


def render_template(theme: Theme, template: str, context: Mapping[str, Any], here: str = "") -> str:
    """A page or document; a broken template is reported with its file and line, not a traceback."""
    try:
        return theme.render(template, here=here, **context)
    except NotPublic as error:
        filename, line = _template_frame(error)
        t = theme.locale
        message, hint = t("errors.not_public", name=error.name), t("errors.not_public_hint")
        raise ContentError(
            [_template_problem(theme, filename or template, line, message, hint)]
        ) from error
    except jinja2.TemplateSyntaxError as error:
        raise ContentError(
            [_template_problem(theme, error.filename, error.lineno, error.message)]
        ) from error
    except jinja2.TemplateError as error:
        name = str(error.name) if isinstance(error, jinja2.TemplateNotFound) else template
        raise ContentError([_template_problem(theme, name, None, str(error))]) from error
    except MissingWord as error:
        filename, line = _template_frame(error)
        raise ContentError(
            [_template_problem(theme, filename or template, line, error.args[0])]
        ) from error


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The template file and line an error came from (Jinja maps its frames to templates)."""
    found: tuple[str | None, int | None] = (None, None)
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if not filename.endswith(".py"):
            found = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


def _template_problem(
    theme: Theme,
    filename: str | None,
    line: int | None,
    message: str | None,
    hint: str | None = None,
) -> Problem:
    path = Path(filename) if filename else Path(theme.name)
    try:
        shown = path.resolve().relative_to(theme.root.resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    hint = hint or theme.locale("errors.template_hint")
    return Problem(shown, line, None, "template", f"{message}", hint)


def site_spec(site: Public, theme: Theme) -> SiteSpec:
    """What the site engine writes on every page, from the site's public facts (planned)."""
    _require_public(site)
    t = theme.locale
    return SiteSpec(
        title=site.title,
        url=site.url,
        language=site.language,
        author=site.author,
        description=site.description,
        primary=site.primary,
        accent=site.accent,
        words={
            "to_dark": t("palette.to_dark"),
            "to_light": t("palette.to_light"),
            "copyright": t("footer.copyright", name=site.author),
            "not_found": t("not_found.title"),
            "not_found_text": t("not_found.text"),
            "back_home": t("not_found.back_home"),
            "permalink": t("heading.permalink"),
        },
        links=dict(site.links),
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


def render_pdf(theme: Theme, doc: PdfDoc) -> RenderedPdf:
    """One public PDF as a self-contained HTML document: metadata, print CSS and QR code
    inlined; everything it shows, its metadata included, comes from its public context."""
    if not isinstance(doc, PdfDoc):
        raise TypeError(f"a public PDF is planned as a PdfDoc, not {type(doc).__name__}")
    _require_public(doc.context)
    document = Public(title=doc.title, subject=doc.subject, keywords=doc.keywords)
    return _pdf_html(theme, doc.target, doc.template, doc.context, document, doc.page_size,
                     doc.palette)  # fmt: skip


def render_private_pdf(theme: Theme, doc: PrivatePdf) -> RenderedPdf:
    """A PDF of the private kit (build/private/ only)."""
    if not isinstance(doc, PrivatePdf):
        raise TypeError(f"a private PDF is planned as a PrivatePdf, not {type(doc).__name__}")
    document = {"title": doc.title, "subject": doc.title, "keywords": []}
    return _pdf_html(theme, doc.target, doc.template, doc.context, document, doc.page_size,
                     doc.palette)  # fmt: skip


def _pdf_html(
    theme: Theme,
    target: str,
    template: str,
    planned: Mapping[str, Any],
    document: Mapping[str, Any],
    page_size: str,
    palette: str,
) -> RenderedPdf:
    context = {
        **planned,
        "document": document,
        "page_size": page_size,
        "primary": PRINT_COLOURS[palette],
        "qr": qr_svg(planned["qr_target"]) if planned.get("qr_target") else None,
        "qr_caption": theme.locale("pdf.qr_caption"),
        "footer_note": None,
    }
    return RenderedPdf(target, render_template(theme, template, context))


def qr_svg(url: str) -> str:
    """A QR code as inline SVG: vector, made here, no service involved."""
    import segno

    return str(segno.make(url, error="m").svg_inline(omitsize=True, border=0, dark="#111111"))


# ---------------------------------------------------------------------------
# The private kit


def render_kit(
    kit: Kit,
    portfolio: Portfolio,
    status: StatusReport,
    theme: Theme,
    private: Path,
    site: Path,
    today: dt.date,
    attach: bool,
    write: Callable[[str, bytes], None],
) -> list[str]:
    """Drafts, calendar and dashboard, each handed to `write` with its path under
    build/private/; returns warnings."""
    warnings, links = [], {}
    profile = portfolio.profile.meta
    for draft in kit.drafts:
        context = {**draft.context, "t": theme.locale}
        text = render_template(theme, draft.template + ".txt", context).strip() + "\n"
        html = render_template(theme, draft.template + ".html", context)
        pdfs = []
        for attachment in draft.attachments if attach else ():
            if (site / attachment).is_file():
                pdfs.append(site / attachment)
            else:
                warnings.append(
                    theme.locale("cli.build.not_attached", draft=draft.path, pdf=attachment)
                )
        if not draft.recipient_email:
            warnings.append(
                theme.locale("cli.build.no_address", draft=draft.path, name=draft.recipient_name)
            )
        raw = message(draft, text, html, (profile.name, profile.email), pdfs).as_bytes()
        if too_big(raw):
            warnings.append(_too_big(theme, draft.path, len(raw)))
        write(draft.path, raw)
        links[draft.path] = _delivery(draft, text)
    write("calendar.ics", calendar(kit.events, theme.locale("status.calendar"), today))
    report = status
    context = {
        "today": today.isoformat(),
        "language": portfolio.site.language,
        "profile": {"meta": public_view(portfolio.profile.meta)},
        "rows": [
            {"slug": row.app.id, "meta": public_view(row.app.meta), "status": row.app.meta.status,
             "actions": [{"text": a.sentence(theme.locale), "due": a.due.isoformat() if a.due else None,
                          "overdue": a.overdue, "draft": a.draft,
                          "mailto": links[a.draft]["mailto"] if a.draft in links else None}
                         for a in row.actions],
             "drafts": [{"path": d.path, "to": display_name(d.recipient_name), "subject": d.subject, **links[d.path]}
                        for d in kit.drafts if d.path.startswith(row.app.id + "/")],
             "prep": f"{row.app.id}/prep.pdf" if (private / row.app.id / "prep.pdf").is_file() else None}
            for row in report.applications
        ],
        "always": [a.sentence(theme.locale) for a in report.always],
    }  # fmt: skip
    write("index.html", render_template(theme, "private/index.html", context).encode("utf-8"))
    return warnings


def _delivery(draft: Draft, text: str) -> dict[str, Any]:
    """What the dashboard offers for one draft besides the file: a mail link, and the text to
    copy when the link is too long to carry it."""
    link, whole = mailto(draft, text)
    return {"mailto": link, "whole": whole, "text": text, "email": draft.recipient_email}


def _too_big(theme: Theme, path: str, size: int) -> str:
    t = theme.locale
    return t("cli.build.too_big", draft=path, size=t.filesize(size),
             limit=t.filesize(MAIL_SIZE_LIMIT))  # fmt: skip
