"""The build, as the table of contents of the program: load, analyse, plan, render, publish."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from builder.analyse.analysis import Analysis, analyse
from builder.core.errors import ContentError
from builder.core.outputs import link_file, link_tree
from builder.core.words import Locale, builtin_themes, load_locale
from builder.load.portfolio import Portfolio
from builder.load.read import load, locale_of
from builder.plan.kit import plan_kit
from builder.plan.site import plan_pdfs, plan_site
from builder.publish.incremental import CACHE, Artifacts, Inputs, Manifest, is_pdf, read_inputs
from builder.publish.stage import Stage, check_privacy, finish_site, staged
from builder.render import pdf_engine
from builder.render.pages import (
    render_kit,
    render_site_sources,
    without_metadata,
)
from builder.render.site_engine import build_site
from builder.render.theme import CompiledTemplates, Theme

Step = Callable[[str], None]
COMPILED, ENGINE = "templates", "site-engine"  # compiled templates, kept in build/.cache/


@dataclass(frozen=True)
class BuildOptions:
    out: Path | None = None
    jobs: int = 1
    pdf: bool = True
    clean: bool = False
    attach: bool = False
    verbose: bool = False
    preview: bool = False  # with pdf=False: keep the previous PDFs and the links to them (serve)


@dataclass
class BuildReport:
    out: Path
    pages: int = 0
    files: int = 0
    pdfs_rendered: int = 0
    pdfs_reused: int = 0
    pages_rendered: int = 0
    pages_reused: int = 0
    site_reused: bool = False
    unchanged: bool = False
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    analysis: Analysis | None = None
    portfolio: Portfolio | None = None
    remind: bool = False
    locale: Locale | None = None


def build(root: Path, options: BuildOptions, step: Step = lambda _: None) -> BuildReport:
    """Check everything, then write only what changed; invalid content leaves build/ untouched."""
    started = time.perf_counter()
    root = root.resolve()
    out = (options.out or root / "build").resolve()
    report = BuildReport(out)
    manifest = Manifest() if options.clean else Manifest.read(out)
    today, stamp = build_day(), epoch()
    inputs = read_inputs(
        root, builtin_themes(), Path(__file__).resolve().parent, published_options(options)
    )
    settings = f"attach={options.attach};today={today}"
    if _current(manifest, inputs, settings, stamp) and (out / "site").is_dir():
        report.unchanged, report.remind, report.locale = True, manifest.remind, locale_of(root)
        report.seconds = time.perf_counter() - started
        return report

    step("load")
    portfolio = load(root)
    words = load_locale(root, portfolio.site.theme, portfolio.site.language)
    analysis = analyse(portfolio, today, words)
    if analysis.errors:
        raise ContentError(analysis.errors, words)
    compiled = None if options.clean else out / CACHE / COMPILED
    theme = Theme(root, portfolio.site.theme, words, compiled)
    engine_templates = CompiledTemplates(compiled / ENGINE if compiled else None)
    fonts = theme.folders("pdf/fonts")
    warmed = pdf_engine.warm(options.jobs, stamp, fonts) if options.pdf else None
    step("plan")
    plan = plan_site(portfolio, analysis, theme.locale, pdfs=options.pdf or options.preview)
    site = render_site_sources(plan, theme)
    kit = plan_kit(portfolio, analysis, theme.locale)
    documents = plan_pdfs(portfolio, analysis, theme.locale) if options.pdf else []
    prep = kit.prep if options.pdf else []
    record = Manifest(
        inputs=inputs,
        settings=settings,
        stamp=stamp,
        site_options=portfolio.site.model_dump(mode="json"),
        remind=_remind(portfolio, analysis),
    )
    artifacts = Artifacts(manifest, out)
    with staged(out, theme.locale) as stage:
        step("render")
        fresh = artifacts.pdfs([*documents, *prep], theme, stamp, stage.pdfs)
        run = pdf_engine.start(
            [pdf_engine.PdfJob(p.target, p.html) for p in fresh],
            stage.pdfs,
            options.jobs,
            stamp,
            stage.lock_fd,
            readable=fonts,
            warmed=warmed,
        )
        try:
            files = without_metadata(site.files, stage.work / "files")
            taken = artifacts.site(site, files, theme.files("site"))
            if taken.whole:
                link_tree(out / "site", stage.site, skip="pdf")
                report.site_reused, report.pages_reused = True, len(site.pages)
                record.page_warnings = manifest.page_warnings
            else:
                made = build_site(
                    site.spec,
                    site.pages,
                    site.nav,
                    files,
                    stage.work,
                    stage.site,
                    options.verbose,
                    taken.reuse,
                    engine_templates,
                )
                report.warnings += made.warnings
                report.pages_rendered, report.pages_reused = made.rendered, made.reused
                record.page_warnings = made.page_warnings
        finally:
            report.warnings += run.wait()
        if options.preview and not options.pdf:
            _keep_previous_pdfs(out, stage)
        if (stage.pdfs / "pdf").is_dir():
            (stage.pdfs / "pdf").rename(stage.site / "pdf")
        if (stage.pdfs / "private").is_dir():
            link_tree(stage.pdfs / "private", stage.private)
        finish_site(stage.site, portfolio.site.deploy.cname)
        report.warnings += render_kit(
            kit,
            portfolio,
            analysis.status,
            theme,
            stage.private,
            stage.site,
            today,
            options.attach,
            lambda name, data: artifacts.write(f"private/{name}", data, stage.private / name),
        )
        step("privacy")
        public_pdfs = {p.target: p.html for p in fresh if not p.target.startswith("private/")}
        remembered = None if options.clean else out / CACHE
        verdict = check_privacy(stage.site, portfolio, words, public_pdfs, remembered,
                                stage.cache, options.jobs, stage.lock_fd, plan, documents)  # fmt: skip
        report.warnings += [words("privacy.unused", file=name) for name in verdict.unused]
        if options.preview and not options.pdf:
            artifacts.keep(name for name in manifest.artifacts if is_pdf(name))
        record.artifacts = artifacts.keys
        record.write(stage.cache)
        theme.save_compiled(stage.cache / COMPILED)
        engine_templates.save(stage.cache / COMPILED / ENGINE)
        step("publish")
    report.pages = len(plan.pages)
    report.files = sum(1 for p in (out / "site").rglob("*") if p.is_file())
    report.pdfs_rendered = len(fresh)
    report.pdfs_reused = len(documents) + len(prep) - len(fresh)
    report.analysis, report.portfolio, report.remind = analysis, portfolio, record.remind
    report.locale = words
    report.seconds = time.perf_counter() - started
    return report


def published_options(options: BuildOptions) -> dict[str, bool]:
    """The options that change build/site/: with or without PDFs, or a quick preview that kept
    the previous build's PDFs without checking them (`serve`), which is not fit to publish."""
    return {"pdf": options.pdf, "preview": options.preview and not options.pdf}


def _current(manifest: Manifest, inputs: Inputs, settings: str, stamp: int) -> bool:
    """Nothing to do: the same sources and options, the kit planned for the same day, and PDFs
    that would carry the same time (a different SOURCE_DATE_EPOCH often changes none of them)."""
    return (
        manifest.inputs == inputs
        and manifest.settings == settings
        and (
            manifest.stamp == stamp
            or pdf_engine.stamp(manifest.stamp or 0) == pdf_engine.stamp(stamp)
        )
    )


def _keep_previous_pdfs(out: Path, stage: Stage) -> None:
    """A quick preview build renders no PDF: the last ones stay until the full build replaces them."""
    if (out / "site" / "pdf").is_dir():
        link_tree(out / "site" / "pdf", stage.pdfs / "pdf")
    for prep in (out / "private").glob("*/prep.pdf"):
        link_file(prep, stage.pdfs / "private" / prep.relative_to(out / "private"))


def build_day() -> dt.date:
    """The day the private kit is planned for: SOURCE_DATE_EPOCH's, else today."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return (
        dt.datetime.fromtimestamp(int(value), tz=dt.UTC).date()
        if value.isdigit()
        else dt.date.today()
    )


def epoch() -> int:
    """Timestamps inside PDFs: SOURCE_DATE_EPOCH, else a fixed date, never the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else 946684800  # 2000-01-01


def _remind(portfolio: Portfolio, analysis: Analysis) -> bool:
    return analysis.holds_private_data and not portfolio.site.deploy.repository
