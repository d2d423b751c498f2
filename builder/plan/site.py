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
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath
from typing import Any

from builder.analyse.analysis import Analysis
from builder.core import images as images_format
from builder.core.markup import images, replace_images
from builder.core.models import (
    Achievement,
    Application,
    Brief,
    Certification,
    Education,
    Sample,
    SkillGroup,
    SpokenLanguage,
)
from builder.core.resume_entries import ResumeEntry, resume_entries
from builder.core.text import fold
from builder.core.urls import (
    HOME,
    PDFS,
    PROFILE_IMAGES,
    PROFILE_PDF,
    RESUME,
    RESUME_PDF,
    STATIC_FOLDER,
    file_path,
    index_path,
    page_url,
    pdf_path,
    relative_url,
    source_path,
)
from builder.core.words import Locale
from builder.load.portfolio import ContentFile, Document, Portfolio
from builder.plan.chart import price_chart
from builder.plan.preview import preview
from builder.plan.privacy import Public, Shown, public_document, public_view

HIGHLIGHTS = 6
# The site engine renders the whole navigation into every page: past this many items a
# section lists only its index page (which lists the items), so build time stays linear.
NAV_ITEMS = 15


def require_public(context: object, what: str) -> None:
    """A public page or PDF is made from public views only (see builder.plan.privacy)."""
    if not isinstance(context, Public):
        raise TypeError(f"{what}: the context must be a public view, not {type(context).__name__}")


@dataclass(frozen=True)
class Page:
    """One Markdown page handed to the site engine."""

    path: str  # relative to the site's source folder, e.g. "achievements/close-automation.md"
    template: str
    title: str
    context: Public
    listed: bool = True

    def __post_init__(self) -> None:
        require_public(self.context, self.path)


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
    site: Public  # what the site engine shows on every page: title, author, colours, links

    def __post_init__(self) -> None:
        require_public(self.site, "site")


PDF_HIGHLIGHTS = 5
PHOTO_FOLDER = STATIC_FOLDER  # the profile photo, beside the theme's own files


def plan_site(portfolio: Portfolio, analysis: Analysis, t: Locale, pdfs: bool = True) -> SitePlan:
    achievements = [_achievement_view(portfolio, d) for d in analysis.public_achievements]
    samples = [_sample_view(portfolio, d, t) for d in analysis.public_samples]
    briefs = [brief_view(portfolio, analysis, d, t) for d in analysis.public_briefs]
    common = Public(
        profile=_profile_view(portfolio, for_pdf=False),
        site=public_view(portfolio.site),
        pdfs=pdfs,
    )

    home = Page("index.md", "site/home.md", t("nav.home"), Public(
        common, highlights=achievements[:HIGHLIGHTS], samples=samples, briefs=briefs,
    ))  # fmt: skip
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
            RESUME,
            "site/resume.md",
            t("nav.resume"),
            Public({**common, **resume_context(portfolio, analysis, t)}),
        )
        nav.append(cv)
        pages.append(cv)
    tailored = _tailored_pages(portfolio, analysis, common, t)
    pages += tailored
    listed = [page for page in tailored if page.listed]
    if listed:
        nav.append(NavSection(t("nav.applications"), listed))
    return SitePlan(pages, _assets(portfolio, analysis), nav, site_facts(portfolio))


def site_facts(portfolio: Portfolio) -> Public:
    """What the site engine writes on every page, from the public fields only."""
    site, profile = public_view(portfolio.site), public_view(portfolio.profile.meta)
    return Public(
        title=site.title,
        url=portfolio.site.base_url,
        language=site.language,
        author=profile.name,
        description=profile.headline or "",
        primary=site.palette.primary,
        accent=site.palette.accent,
        links=profile.links,
    )


def _section(kind: str, title: str, items: list[Public], common: Public) -> NavSection:
    """An index page listing the items, then one page per item."""
    listing = index_path(kind)
    template = "site/" + listing.removesuffix("/index.md") + ".md"  # site/achievements.md
    index = Page(listing, template, title, Public(common, items=items))
    return NavSection(title, [index] + [
        Page(source_path(kind, item["id"]), f"site/{kind}.md", _title(kind, item), Public(common, doc=item))
        for item in items
    ])  # fmt: skip


def _title(kind: str, item: Public) -> str:
    meta = item["meta"]
    if kind == "brief":
        return str(meta["title"] or f"{meta['company']} ({meta['ticker']})")
    return str(meta["title"])


def _tailored_pages(
    portfolio: Portfolio, analysis: Analysis, common: Public, t: Locale
) -> list[Page]:
    mode = portfolio.site.applications.pages
    if mode == "off":
        return []
    return [
        _tailored_page(Public({**common, **tailored_context(portfolio, analysis, app, t)}), mode)
        for app in portfolio.applications.values()
    ]


def _tailored_page(context: Public, mode: str) -> Page:
    job = context.doc
    return Page(source_path("application", job.id), "site/application.md",
                f"{job.meta.role} — {job.meta.company}", context, listed=mode == "listed")  # fmt: skip


def tailored_context(
    portfolio: Portfolio, analysis: Analysis, app: Document[Application], t: Locale
) -> Public:
    """Requirement → evidence → plan, and the work worth opening, for one job."""
    rows = [
        Public(
            requirement=public_view(r),
            evidence=[evidence_view(portfolio, analysis, i, t) for i in r.evidence],
        )
        for r in app.meta.requirements
    ]
    work = relevant_work(portfolio, analysis, app, t)
    return Public(doc=public_document(app), rows=rows, work=work)


def evidence_view(portfolio: Portfolio, analysis: Analysis, id: str, t: Locale) -> Public:
    """A piece of evidence as a page or a PDF shows it: title, links, headline number."""
    doc = portfolio.evidence(id)
    assert doc is not None and doc.public, f"{id} was checked to exist and be public"
    if isinstance(doc, ResumeEntry):
        return resume_evidence(portfolio, doc, t)
    kind = _kind_of(portfolio, id)
    public = public_view(doc.meta)
    return Public(
        id=id,
        kind=kind,
        entry=None,  # the section of the CV, for an entry of the CV
        source=source_path(kind, id),
        anchor=None,  # where on its page the evidence is, for an entry of the CV
        url=portfolio.site.base_url + page_url(source_path(kind, id)),
        pdf_url=portfolio.site.base_url + pdf_path(kind, id) if kind in PDFS else None,
        meta=public,
        title=_title(kind, Public(meta=public)),
        headline=headline(public) if kind == "achievement" else None,
        upside=analysis.briefs[id].upside if kind == "brief" else None,
    )


def headline(story: Public) -> str:
    """The number a reader should see first: the first metric, else the result."""
    return str(story.metrics[0] if story.metrics else story.result)


def resume_evidence(portfolio: Portfolio, entry: ResumeEntry, t: Locale) -> Public:
    """An entry of the CV as proof: what it is in one line, under a label that says it comes
    from the CV, linked to its place on the CV page. The CV page shows all of it already."""
    item = entry.item
    meta = Public(public_view(item), skills=_skills_of(entry))
    label = [t("nav.resume"), t(f"resume.kinds.{entry.kind}")]
    if isinstance(item, Education) and item.grade:
        label.append(item.grade)
    if entry.skill is not None and isinstance(item, SkillGroup):
        label.append(item.name)
    page = page_url(RESUME)
    return Public(
        id=entry.id,
        kind="resume",
        entry=entry.kind,
        source=RESUME,
        anchor=entry.id,
        url=f"{portfolio.site.base_url}{page}#{entry.id}",
        pdf_url=None,
        meta=meta,
        title=resume_entry_title(entry, t),
        headline=" · ".join(label),
        upside=None,
    )


def resume_entry_title(entry: ResumeEntry, t: Locale) -> str:
    """'Master in Finance — CUNEF Universidad, 2016', 'English (C2)', 'Python'."""
    item = entry.item
    if entry.skill is not None:
        return entry.skill
    if isinstance(item, Education):
        name = (
            t("resume.degree_in", degree=item.degree, field=item.field)
            if item.degree and item.field
            else item.degree or item.field or item.institution
        )
        where = item.institution if name != item.institution else None
        return _entry_line(name, where, item.end or item.start)
    if isinstance(item, Certification):
        return _entry_line(item.name, item.issuer, item.date)
    if isinstance(item, SpokenLanguage):
        return f"{item.language} ({item.fluency})" if item.fluency else item.language
    return f"{item.name}: {', '.join(item.keywords)}" if item.keywords else item.name


def _entry_line(name: str, where: str | None, date: str | None) -> str:
    """'Name — Where, 2016': the year is enough to place an entry in a line of proof."""
    line = f"{name} — {where}" if where else name
    return f"{line}, {date[:4]}" if date else line


def _skills_of(entry: ResumeEntry) -> tuple[str, ...]:
    """The skills an entry names, for the keywords of the PDF that cites it."""
    if entry.skill is not None:
        return (entry.skill,)
    return tuple(entry.item.keywords) if isinstance(entry.item, SkillGroup) else ()


def relevant_work(
    portfolio: Portfolio, analysis: Analysis, app: Document[Application], t: Locale
) -> list[Public]:
    """Samples and briefs for this job: those chosen for the leave-behind, then those cited."""
    chosen = [*app.meta.leave_behind.samples, *app.meta.leave_behind.briefs]
    cited = [i for r in app.meta.requirements for i in r.evidence if _kind_of(portfolio, i) in PDFS]
    unique = list(dict.fromkeys(chosen + cited))
    return [
        evidence_view(portfolio, analysis, i, t)
        for i in unique
        if (d := portfolio.evidence(i)) and d.public
    ]


def _kind_of(portfolio: Portfolio, id: str) -> str:
    if id in portfolio.achievements:
        return "achievement"
    if id in portfolio.samples:
        return "sample"
    return "brief" if id in portfolio.briefs else "resume"


def brief_view(
    portfolio: Portfolio,
    analysis: Analysis,
    doc: Document[Brief],
    t: Locale,
    for_pdf: bool = False,
) -> Public:
    """A brief with its computed numbers and chart, for its page or its PDF."""
    facts = analysis.briefs[doc.id]
    series, m = portfolio.prices.get(doc.id), facts.metrics
    chart = None
    if series is not None and m is not None:
        shown = series.until(m.period_end).since(m.series_start)  # what the figures use: no gap
        meta = doc.meta
        source = (
            t("brief.chart_source", source=meta.source)
            if meta.source
            else t("brief.chart_source_file", file=PurePosixPath(meta.prices or "").name)
        )
        chart = asdict(
            price_chart(shown, meta.price_target, meta.currency, meta.company, t, source)
        )
    body = _body(portfolio, doc, "brief", for_pdf)
    bands = portfolio.site.briefs.rating_bands
    return public_document(
        doc,
        body=body,
        facts=asdict(facts),
        chart=chart,
        bands={"buy": bands.buy, "sell": bands.sell},
    )


def _profile_view(portfolio: Portfolio, for_pdf: bool) -> Public:
    photo = portfolio.files.photo
    planned: dict[str, Any] = {"photo": PHOTO_FOLDER + photo.name if photo else None}
    if not for_pdf:  # PDFs show the bio as text only, without its images
        planned["body"] = _body(portfolio, portfolio.profile, "profile", for_pdf)
    return public_document(portfolio.profile, **planned)


def _achievement_view(portfolio: Portfolio, doc: Document[Achievement]) -> Public:
    return public_document(doc, body=_body(portfolio, doc, "achievement", for_pdf=False))


def _sample_view(
    portfolio: Portfolio,
    doc: Document[Sample],
    t: Locale,
    for_pdf: bool = False,
    base: str | None = None,
) -> Public:
    """A sample with its files: shown by the name the candidate gave, served by a clean one
    (and, with the site's `base` address, linked from a PDF), each with a preview of what
    it holds where it is code, a table, a notebook or an image (builder.plan.preview)."""
    files = [
        {"name": file.label, "path": file.name, "size": file.size}
        | ({"url": base + file_path(doc.id, file.name)} if base is not None else {})
        | {"preview": _preview(file, t, for_pdf)}
        for file in portfolio.files.attachments.get(doc.path, ())
    ]
    return public_document(doc, body=_body(portfolio, doc, "sample", for_pdf), files=files)


def _preview(file: ContentFile, t: Locale, for_pdf: bool) -> dict[str, str] | None:
    shown = preview(file, t, for_pdf)
    return asdict(shown) if shown is not None else None


def _image_folder(kind: str, id: str) -> str:
    """Where the images of a body are published: beside the page that shows them."""
    return PROFILE_IMAGES if kind == "profile" else page_url(source_path(kind, id))


def _page_source(kind: str, id: str) -> str:
    return HOME if kind == "profile" else source_path(kind, id)


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
        Asset(file, file_path(doc.id, file.name))
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
    """One public PDF: where it goes, its template, its metadata and what it shows."""

    target: str
    template: str
    title: str
    subject: str
    keywords: tuple[str, ...]
    context: Public
    page_size: str  # A4 or Letter
    palette: str  # the site's primary colour, printed

    def __post_init__(self) -> None:
        require_public(self.context, self.target)
        if self.target.startswith("private/"):
            raise ValueError(f"{self.target}: a public PDF goes to the public site")


def plan_pdfs(portfolio: Portfolio, analysis: Analysis, t: Locale) -> list[PdfDoc]:
    """Every public PDF; titles, subjects and keywords (the PDF's metadata) come from public
    views, as their pages do."""
    base = portfolio.site.base_url
    common = Public(
        profile=_profile_view(portfolio, for_pdf=True),
        site_url=base,
        language=portfolio.site.language,
    )
    docs = [_profile_pdf(portfolio, analysis, t, common)]
    if portfolio.resume is not None:
        docs.append(resume_pdf(portfolio, analysis, t, common))
    docs += [_leave_behind(portfolio, analysis, t, common, app)
             for app in portfolio.applications.values()]  # fmt: skip
    docs += [_brief_pdf(portfolio, analysis, t, common, brief) for brief in analysis.public_briefs]
    docs += [_sample_pdf(portfolio, t, common, sample) for sample in analysis.public_samples]
    return docs


def _leave_behind(
    portfolio: Portfolio, analysis: Analysis, t: Locale, common: Public, app: Document[Application]
) -> PdfDoc:
    base, name = portfolio.site.base_url, common.profile.meta.name
    tailored = tailored_context(portfolio, analysis, app, t)
    listed_page = portfolio.site.applications.pages != "off"
    page = base + page_url(source_path("application", app.id)) if listed_page else base
    context = Public({**common, **tailored}, page_url=page, qr_target=_qr(portfolio, page))
    keywords = sorted(
        {s for r in tailored.rows for e in r.evidence for s in e.meta.get("skills", ())}
    )
    job = {"role": tailored.doc.meta.role, "company": tailored.doc.meta.company}
    return _pdf(portfolio, pdf_path("application", app.id), "pdf/leave-behind.html",
                t("application.title", **job) + f" — {name}", t("pdf.subject_leave_behind", **job),
                keywords, context)  # fmt: skip


def _brief_pdf(
    portfolio: Portfolio, analysis: Analysis, t: Locale, common: Public, brief: Document[Brief]
) -> PdfDoc:
    view = brief_view(portfolio, analysis, brief, t, for_pdf=True)
    page = portfolio.site.base_url + page_url(source_path("brief", brief.id))
    context = Public(common, doc=view, page_url=page, qr_target=_qr(portfolio, page))
    meta = view.meta
    subject = t("pdf.subject_brief", company=meta.company, ticker=meta.ticker,
                rating=t(f"brief.ratings.{meta.rating}"))  # fmt: skip
    keywords = [meta.ticker, meta.company, *filter(None, [meta.sector, meta.exchange])]
    return _pdf(portfolio, pdf_path("brief", brief.id), "pdf/brief.html",
                f"{_title('brief', view)} — {common.profile.meta.name}", subject, keywords, context)  # fmt: skip


def _sample_pdf(
    portfolio: Portfolio, t: Locale, common: Public, sample: Document[Sample]
) -> PdfDoc:
    base, name = portfolio.site.base_url, common.profile.meta.name
    view = _sample_view(portfolio, sample, t, for_pdf=True, base=base)
    page = base + page_url(source_path("sample", sample.id))
    context = Public(common, doc=view, page_url=page, qr_target=_qr(portfolio, page))
    title = view.meta.title
    return _pdf(portfolio, pdf_path("sample", sample.id), "pdf/sample.html", f"{title} — {name}",
                t("pdf.subject_sample", name=name, title=title), view.meta.skills, context)  # fmt: skip


def _pdf(
    portfolio: Portfolio,
    target: str,
    template: str,
    title: str,
    subject: str,
    keywords: Iterable[str],
    context: Public,
) -> PdfDoc:
    """A public PDF on the site's paper, in its colour."""
    site = portfolio.site
    return PdfDoc(target, template, title, subject, tuple(keywords), context,
                  site.pdf.page_size, site.palette.primary)  # fmt: skip


def _qr(portfolio: Portfolio, page: str) -> str | None:
    """Where a PDF's QR code leads: its own web page (absolute), unless site.yml turns it off."""
    return page if portfolio.site.pdf.qr_code else None


def _profile_pdf(portfolio: Portfolio, analysis: Analysis, t: Locale, common: Public) -> PdfDoc:
    highlights = [
        _with_new_metrics(evidence_view(portfolio, analysis, d.id, t))
        for d in analysis.public_achievements[:PDF_HIGHLIGHTS]
    ]
    samples = [evidence_view(portfolio, analysis, d.id, t) for d in analysis.public_samples]
    body = str(common.profile.body).strip()
    about = " ".join(body.split("\n\n")[0].split()) if body else ""
    name = common.profile.meta.name
    keywords = sorted({s for a in highlights for s in a.meta.skills})
    context = Public(
        common,
        highlights=highlights,
        samples=samples,
        about=about,
        page_url=common.site_url,
        qr_target=_qr(portfolio, common.site_url),
    )
    return _pdf(
        portfolio,
        PROFILE_PDF,
        "pdf/profile.html",
        name,
        t("pdf.subject_profile", name=name),
        keywords,
        context,
    )


def _with_new_metrics(story: Public) -> Public:
    """A result with the metrics that add to its headline: a metric that restates the
    result (the same figures, or two of them) would print the same line twice."""
    result = str(story.meta.result)
    return Public(story, new_metrics=[m for m in story.meta.metrics if not _restates(m, result)])


def _restates(metric: str, result: str) -> bool:
    """Whether a metric says what the result says: all its figures, or two of them, are the
    result's (±11% and 11 are the same figure); without figures, the same words."""
    figures, said = _figures(metric), _figures(result)
    if not figures:
        return fold(metric) in fold(result)
    return figures <= said or len(figures & said) >= 2


def _figures(text: str) -> set[str]:
    """The numbers a sentence states, as written."""
    return set(re.findall(r"\d+(?:[.,]\d+)?", text))


# ---------------------------------------------------------------------------
# The CV


def resume_context(portfolio: Portfolio, analysis: Analysis, t: Locale) -> Public:
    """The CV as public data, each highlight with the STAR story behind it where one exists,
    and each entry that can be proof with its evidence id (the page's anchor for it)."""
    assert portfolio.resume is not None
    resume = portfolio.resume
    jobs = [
        Public(public_view(job), highlights=[
            Public(text=h.text, story=evidence_view(portfolio, analysis, h.story, t) if h.story else None)
            for h in highlights
        ])
        for job, highlights in zip(resume.experience, analysis.cv, strict=True)
    ]  # fmt: skip
    return Public(
        resume=Public(public_view(resume), experience=jobs, **_entries_with_ids(portfolio)),
        pdf_url=portfolio.site.base_url + RESUME_PDF,
    )


def _entries_with_ids(portfolio: Portfolio) -> dict[str, list[Public]]:
    """Education, certifications, languages and skills, each entry with its evidence id as
    `id`, each skill group with the ids of its skills as `skill_ids` (None for a repeat)."""
    sections: dict[str, list[Public]] = {}
    skill_ids: dict[int, list[str | None]] = {}
    for entry in resume_entries(portfolio.resume):
        section, index = entry.loc[0], entry.loc[1]
        if entry.kind == "skill":  # a skill listed twice is cited, and anchored, at its first
            first = portfolio.resume_entries[entry.id] == entry
            skill_ids.setdefault(int(index), []).append(entry.id if first else None)
        else:
            sections.setdefault(str(section), []).append(
                Public(public_view(entry.item), id=entry.id)
            )
    sections["skills"] = [
        Public(group, skill_ids=skill_ids.get(index, []))
        for index, group in enumerate(sections.get("skills", []))
    ]
    return sections


def resume_pdf(portfolio: Portfolio, analysis: Analysis, t: Locale, common: Public) -> PdfDoc:
    name = common.profile.meta.name
    cv = resume_context(portfolio, analysis, t)
    page = common.site_url + page_url(RESUME)
    context = Public({**common, **cv}, page_url=page, qr_target=_qr(portfolio, page))
    skills = sorted({k for group in cv.resume.skills for k in group.keywords})
    return _pdf(
        portfolio,
        RESUME_PDF,
        "pdf/resume.html",
        f"{name} — CV",
        t("pdf.subject_resume", name=name),
        skills,
        context,
    )


# ---------------------------------------------------------------------------
# What the site shows, for the privacy check


def shown(plan: SitePlan, pdfs: list[PdfDoc]) -> Shown:
    """The public views of every page and PDF, and the files published as they are."""
    views = [plan.site, *(page.context for page in plan.pages), *(doc.context for doc in pdfs)]
    return Shown(tuple(views), frozenset(asset.target for asset in plan.assets), (STATIC_FOLDER,))
