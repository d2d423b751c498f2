"""Stage 3, plan: which pages and files the public site has, and what each is made from.

Only public views of the models reach a page's context (see builder.plan.privacy).
Links between pages are written as paths of the site's Markdown sources
(`achievements/ID.md`); the site engine turns them into URLs that work under
any sub-path.
"""

from __future__ import annotations

import base64
import contextlib
import posixpath
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from builder.analyse.analysis import Analysis
from builder.analyse.briefs import brief_facts
from builder.core import images as images_format
from builder.core.markup import images, replace_images
from builder.core.models import Achievement, Application, Brief, Sample
from builder.core.urls import page_url, relative_url
from builder.core.words import Locale
from builder.load.portfolio import ContentFile, Document, Portfolio
from builder.plan.chart import price_chart
from builder.plan.privacy import public_document, public_view

HIGHLIGHTS = 6
# The site engine renders the whole navigation into every page: past this many items a
# section lists only its index page (which lists the items), so build time stays linear.
NAV_ITEMS = 15


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
    """A file published as is (a sample's attachment, the profile photo, an image of a body)."""

    file: ContentFile
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


# Where each kind of evidence lives in the site's sources.
SOURCE_PATH: dict[str, Callable[[str], str]] = {
    "achievement": lambda id: f"achievements/{id}.md",
    "sample": lambda id: f"samples/{id}/index.md",
    "brief": lambda id: f"briefs/{id}.md",
}


PDF_PATH: dict[str, Callable[[str], str]] = {
    "sample": lambda id: f"pdf/samples/{id}.pdf",
    "brief": lambda id: f"pdf/briefs/{id}.pdf",
    "application": lambda id: f"pdf/for/{id}.pdf",
}
PROFILE_PDF = "pdf/profile.pdf"
PDF_HIGHLIGHTS = 5
PROFILE_IMAGES = "images/"  # where the images of the profile's body are published
PHOTO_FOLDER = "assets/"


def plan_site(portfolio: Portfolio, analysis: Analysis, t: Locale, pdfs: bool = True) -> SitePlan:
    achievements = [_achievement_view(portfolio, d) for d in analysis.public_achievements]
    samples = [_sample_view(portfolio, d) for d in analysis.public_samples]
    briefs = [brief_view(portfolio, analysis, d, t) for d in analysis.public_briefs]
    common = {
        "profile": _profile_view(portfolio, for_pdf=False),
        "site": public_view(portfolio.site),
        "pdfs": pdfs,
    }

    home = Page("index.md", "site/home.md", t("nav.home"), {
        **common, "highlights": achievements[:HIGHLIGHTS], "samples": samples, "briefs": briefs,
    })  # fmt: skip
    nav: list[Page | NavSection] = [home]
    pages = [home]
    for kind, title, items in (
        ("achievement", t("nav.achievements"), achievements),
        ("sample", t("nav.samples"), samples),
        ("brief", t("nav.briefs"), briefs),
    ):
        if items:
            section = _section(kind, title, items, common)
            pages += section.pages
            nav.append(section if len(items) <= NAV_ITEMS else NavSection(title, section.pages[:1]))
    if portfolio.resume is not None:
        cv = Page(
            "resume/index.md",
            "site/resume.md",
            t("nav.resume"),
            {**common, **resume_context(portfolio, analysis)},
        )
        nav.append(cv)
        pages.append(cv)
    tailored = _tailored_pages(portfolio, common)
    pages += tailored
    listed = [page for page in tailored if page.listed]
    if listed:
        nav.append(NavSection(t("nav.applications"), listed))
    return SitePlan(pages, _assets(portfolio, analysis), nav)


def _section(
    kind: str, title: str, items: list[dict[str, Any]], common: dict[str, Any]
) -> NavSection:
    """An index page listing the items, then one page per item."""
    folder = SOURCE_PATH[kind]("x").split("/")[0]
    index = Page(f"{folder}/index.md", f"site/{folder}.md", title, {**common, "items": items})
    return NavSection(title, [index] + [
        Page(SOURCE_PATH[kind](item["id"]), f"site/{kind}.md", _title(kind, item), {**common, "doc": item})
        for item in items
    ])  # fmt: skip


def _title(kind: str, item: dict[str, Any]) -> str:
    meta = item["meta"]
    if kind == "brief":
        return str(meta["title"] or f"{meta['company']} ({meta['ticker']})")
    return str(meta["title"])


def _tailored_pages(portfolio: Portfolio, common: dict[str, Any]) -> list[Page]:
    mode = portfolio.site.applications.pages
    if mode == "off":
        return []
    return [
        Page(f"for/{app.id}/index.md", "site/application.md", f"{app.meta.role} — {app.meta.company}",
             {**common, **tailored_context(portfolio, app)}, listed=mode == "listed")
        for app in portfolio.applications.values()
    ]  # fmt: skip


def tailored_context(portfolio: Portfolio, app: Document[Application]) -> dict[str, Any]:
    """Requirement → evidence → plan, and the work worth opening, for one job."""
    rows = [
        {
            "requirement": public_view(r),
            "evidence": [evidence_view(portfolio, i) for i in r.evidence],
        }
        for r in app.meta.requirements
    ]
    return {"doc": public_document(app), "rows": rows, "work": relevant_work(portfolio, app)}


def evidence_view(portfolio: Portfolio, id: str) -> dict[str, Any]:
    """A piece of evidence as a page or a PDF shows it: title, links, headline number."""
    doc = portfolio.evidence(id)
    assert doc is not None and doc.public, f"{id} was checked to exist and be public"
    kind = _kind_of(portfolio, id)
    meta = doc.meta
    public = public_view(meta)
    return {
        "id": id,
        "kind": kind,
        "source": SOURCE_PATH[kind](id),
        "url": portfolio.site.base_url + page_url(SOURCE_PATH[kind](id)),
        "pdf_url": portfolio.site.base_url + PDF_PATH[kind](id) if kind in PDF_PATH else None,
        "meta": public,
        "title": _title(kind, {"meta": public}),
        "headline": headline(meta) if isinstance(meta, Achievement) else None,
        "upside": brief_facts(portfolio, portfolio.briefs[id]).upside if kind == "brief" else None,
    }


def headline(story: Achievement) -> str:
    """The number a reader should see first: the first metric, else the result."""
    return story.metrics[0] if story.metrics else story.result


def relevant_work(portfolio: Portfolio, app: Document[Application]) -> list[dict[str, Any]]:
    """Samples and briefs for this job: those chosen for the leave-behind, then those cited."""
    chosen = [*app.meta.leave_behind.samples, *app.meta.leave_behind.briefs]
    cited = [
        i
        for r in app.meta.requirements
        for i in r.evidence
        if _kind_of(portfolio, i) != "achievement"
    ]
    unique = list(dict.fromkeys(chosen + cited))
    return [
        evidence_view(portfolio, i) for i in unique if (d := portfolio.evidence(i)) and d.public
    ]


def _kind_of(portfolio: Portfolio, id: str) -> str:
    if id in portfolio.achievements:
        return "achievement"
    return "sample" if id in portfolio.samples else "brief"


def brief_view(
    portfolio: Portfolio,
    analysis: Analysis,
    doc: Document[Brief],
    t: Locale,
    for_pdf: bool = False,
) -> dict[str, Any]:
    """A brief with its computed numbers and chart, for its page or its PDF."""
    view = public_document(doc)
    view["body"] = _body(portfolio, doc, "brief", for_pdf)
    facts = analysis.briefs[doc.id]
    view["facts"] = asdict(facts)
    series, m = portfolio.prices.get(doc.id), facts.metrics
    if series is not None and m is not None:
        shown = series.until(m.period_end).since(m.series_start)  # what the figures use: no gap
        view["chart"] = asdict(
            price_chart(shown, doc.meta.price_target, doc.meta.currency, doc.meta.company, t)
        )
    else:
        view["chart"] = None
    return view


def _profile_view(portfolio: Portfolio, for_pdf: bool) -> dict[str, Any]:
    view = public_document(portfolio.profile)
    if not for_pdf:  # PDFs show the bio as text only, without its images
        view["body"] = _body(portfolio, portfolio.profile, "profile", for_pdf)
    photo = portfolio.files.photo
    view["photo"] = PHOTO_FOLDER + photo.name if photo else None
    return view


def _achievement_view(portfolio: Portfolio, doc: Document[Achievement]) -> dict[str, Any]:
    view = public_document(doc)
    view["body"] = _body(portfolio, doc, "achievement", for_pdf=False)
    return view


def _sample_view(
    portfolio: Portfolio, doc: Document[Sample], for_pdf: bool = False
) -> dict[str, Any]:
    """A sample with its files: shown by the name the candidate gave, served by a clean one."""
    view = public_document(doc)
    view["body"] = _body(portfolio, doc, "sample", for_pdf)
    view["files"] = [
        {"name": file.label, "path": file.name, "size": file.size}
        for file in portfolio.files.attachments.get(doc.path, ())
    ]
    return view


def _image_folder(kind: str, id: str) -> str:
    """Where the images of a body are published: beside the page that shows them."""
    return PROFILE_IMAGES if kind == "profile" else page_url(SOURCE_PATH[kind](id))


def _page_source(kind: str, id: str) -> str:
    return "index.md" if kind == "profile" else SOURCE_PATH[kind](id)


def _body(portfolio: Portfolio, doc: Document[Any], kind: str, for_pdf: bool) -> str:
    """The body with each image's address pointing at the published file: relative to the
    page for the site (Markdown links from the page's source, HTML ones from its address),
    or the image itself, inlined, for a PDF, whose renderer reads nothing from the disk."""
    files = portfolio.files.images.get(doc.path, {})
    source = _page_source(kind, doc.id)
    addresses = {}
    for image in images(doc.body):
        file = files.get(image.url)
        if file is None:
            continue
        target = _image_folder(kind, doc.id) + file.name
        if for_pdf:
            addresses[image] = data_url(file)
        elif image.html:
            addresses[image] = relative_url(target, source)
        else:
            addresses[image] = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return replace_images(doc.body, addresses)


def data_url(file: ContentFile) -> str:
    """An image inside the HTML of a PDF, without its metadata as on the site: the PDF's key
    is the digest of that HTML, so a changed image renders the PDF again."""
    data = file.source.read_bytes()
    with contextlib.suppress(images_format.BadImage):  # left whole: the privacy check reads it
        data = images_format.strip(data)
    encoded = base64.b64encode(data).decode("ascii")
    return f"data:{file.media};base64,{encoded}"


def _assets(portfolio: Portfolio, analysis: Analysis) -> list[Asset]:
    files = portfolio.files
    assets = [
        Asset(file, f"samples/{doc.id}/{file.name}")
        for doc in analysis.public_samples
        for file in files.attachments.get(doc.path, ())
    ]
    if files.photo is not None:
        assets.append(Asset(files.photo, PHOTO_FOLDER + files.photo.name))
    shown: list[tuple[str, Document[Any]]] = [("profile", portfolio.profile)]
    shown += [("achievement", doc) for doc in analysis.public_achievements]
    shown += [("sample", doc) for doc in analysis.public_samples]
    shown += [("brief", doc) for doc in analysis.public_briefs]
    for kind, doc in shown:
        folder = _image_folder(kind, doc.id)
        assets += [
            Asset(file, folder + file.name) for file in files.images.get(doc.path, {}).values()
        ]
    return list({asset.target: asset for asset in assets}.values())


# ---------------------------------------------------------------------------
# PDFs


@dataclass(frozen=True)
class PdfDoc:
    """One PDF: where it goes, its template, its metadata and what it shows."""

    target: str
    template: str
    title: str
    subject: str
    keywords: list[str]
    context: dict[str, Any] = field(default_factory=dict)


def plan_pdfs(portfolio: Portfolio, analysis: Analysis, t: Locale) -> list[PdfDoc]:
    base = portfolio.site.base_url
    profile = _profile_view(portfolio, for_pdf=True)
    name = portfolio.profile.meta.name
    common = {"profile": profile, "site_url": base, "language": portfolio.site.language}
    docs = [_profile_pdf(portfolio, analysis, t, common)]
    if portfolio.resume is not None:
        docs.append(resume_pdf(portfolio, analysis, t, common))
    for app in portfolio.applications.values():
        meta = app.meta
        context = {**common, **tailored_context(portfolio, app)}
        listed_page = portfolio.site.applications.pages != "off"
        context["page_url"] = base + f"for/{app.id}/" if listed_page else base
        context["qr_target"] = (
            context["page_url"] if listed_page and portfolio.site.pdf.qr_code else None
        )
        keywords = sorted(
            {s for r in context["rows"] for e in r["evidence"] for s in e["meta"].get("skills", [])}
        )
        docs.append(PdfDoc(
            PDF_PATH["application"](app.id), "pdf/leave-behind.html",
            t("application.title", role=meta.role, company=meta.company) + f" — {name}",
            t("pdf.subject_leave_behind", role=meta.role, company=meta.company), keywords, context,
        ))  # fmt: skip
    for brief in analysis.public_briefs:
        view = brief_view(portfolio, analysis, brief, t, for_pdf=True)
        context = {
            **common,
            "doc": view,
            "page_url": base + page_url(SOURCE_PATH["brief"](brief.id)),
        }
        title = brief.meta.title or f"{brief.meta.company} ({brief.meta.ticker})"
        subject = t("pdf.subject_brief", company=brief.meta.company, ticker=brief.meta.ticker,
                    rating=t(f"brief.ratings.{brief.meta.rating}"))  # fmt: skip
        keywords = [
            brief.meta.ticker,
            brief.meta.company,
            *filter(None, [brief.meta.sector, brief.meta.exchange]),
        ]
        docs.append(
            PdfDoc(
                PDF_PATH["brief"](brief.id),
                "pdf/brief.html",
                f"{title} — {name}",
                subject,
                keywords,
                context,
            )
        )
    for sample in analysis.public_samples:
        view = _sample_view(portfolio, sample, for_pdf=True)
        for item in view["files"]:
            item["url"] = base + f"samples/{sample.id}/{item['path']}"
        context = {
            **common,
            "doc": view,
            "page_url": base + page_url(SOURCE_PATH["sample"](sample.id)),
        }
        docs.append(PdfDoc(
            PDF_PATH["sample"](sample.id), "pdf/sample.html", f"{sample.meta.title} — {name}",
            t("pdf.subject_sample", name=name, title=sample.meta.title), list(sample.meta.skills), context,
        ))  # fmt: skip
    return docs


def _profile_pdf(
    portfolio: Portfolio, analysis: Analysis, t: Locale, common: dict[str, Any]
) -> PdfDoc:
    highlights = [
        evidence_view(portfolio, d.id) for d in analysis.public_achievements[:PDF_HIGHLIGHTS]
    ]
    samples = [evidence_view(portfolio, d.id) for d in analysis.public_samples]
    body = portfolio.profile.body.strip()
    about = " ".join(body.split("\n\n")[0].split()) if body else ""
    name = portfolio.profile.meta.name
    keywords = sorted({s for a in highlights for s in a["meta"]["skills"]})
    context = {
        **common,
        "highlights": highlights,
        "samples": samples,
        "about": about,
        "page_url": common["site_url"],
    }
    return PdfDoc(
        PROFILE_PDF,
        "pdf/profile.html",
        name,
        t("pdf.subject_profile", name=name),
        keywords,
        context,
    )


# ---------------------------------------------------------------------------
# The CV

RESUME_PDF = "pdf/resume.pdf"


def resume_context(portfolio: Portfolio, analysis: Analysis) -> dict[str, Any]:
    """The CV as public data, each highlight with the STAR story behind it where one exists."""
    assert portfolio.resume is not None
    resume = portfolio.resume
    jobs = [
        {
            **public_view(job),
            "highlights": [
                {"text": h.text, "story": evidence_view(portfolio, h.story) if h.story else None}
                for h in highlights
            ],
        }
        for job, highlights in zip(resume.experience, analysis.cv, strict=True)
    ]
    return {
        "resume": {**public_view(resume), "experience": jobs},
        "pdf_url": portfolio.site.base_url + RESUME_PDF,
    }


def resume_pdf(
    portfolio: Portfolio, analysis: Analysis, t: Locale, common: dict[str, Any]
) -> PdfDoc:
    name = portfolio.profile.meta.name
    context = {
        **common,
        **resume_context(portfolio, analysis),
        "page_url": common["site_url"] + "resume/",
    }
    skills = (
        sorted({k for group in portfolio.resume.skills for k in group.keywords})
        if portfolio.resume
        else []
    )
    return PdfDoc(
        RESUME_PDF,
        "pdf/resume.html",
        f"{name} — CV",
        t("pdf.subject_resume", name=name),
        skills,
        context,
    )
