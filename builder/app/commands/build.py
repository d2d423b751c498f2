"""`secondround build`: build/site/ (public) and build/private/ (never published)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from builder.app.arguments import Parser, positive, root_of
from builder.app.terminal import EXIT_OK, console
from builder.build import BuildOptions, BuildReport, build
from builder.core.words import Locale
from builder.core.workers import cores

NAME = "build"


def arguments(parser: Parser, t: Locale) -> None:
    parser.add_argument(
        "--out", type=Path, metavar=t("cli.build.out_metavar"), help=t("cli.build.out")
    )
    parser.add_argument(
        "--jobs", type=positive(t), metavar=t("cli.build.jobs_metavar"), help=t("cli.build.jobs")
    )
    parser.add_argument("--no-pdf", dest="pdf", action="store_false", help=t("cli.build.no_pdf"))
    parser.add_argument("--clean", action="store_true", help=t("cli.build.clean"))
    parser.add_argument("--attach", action="store_true", help=t("cli.build.attach"))
    parser.add_argument("--verbose", action="store_true", help=t("cli.build.verbose"))


def run(args: argparse.Namespace, t: Locale) -> int:
    root = root_of(args, t)
    options = BuildOptions(
        out=args.out.resolve() if args.out else None,
        jobs=args.jobs or cores(),
        pdf=args.pdf,
        clean=args.clean,
        attach=args.attach,
        verbose=args.verbose,
    )
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
        console=console, transient=True, disable=args.verbose or not console.is_terminal,
    ) as progress:  # fmt: skip
        task = progress.add_task(t("cli.build.starting"), total=None)
        report = build(
            root,
            options,
            lambda step: progress.update(task, description=t(f"cli.build.steps.{step}")),
        )
    show_warnings(report, t)
    site = shown(report.out / "site", root)
    if report.unchanged:
        console.print(
            t("cli.unchanged", site=site, seconds=t.number(report.seconds, 2)), markup=False
        )
        return EXIT_OK
    console.print(built_summary(report, t, site, shown(report.out / "private", root)), markup=False)
    return EXIT_OK


def show_warnings(report: BuildReport, t: Locale) -> None:
    """The build's warnings, the analysis' warnings, and the reminder to keep sources private."""
    label = t("check.warning")
    for warning in report.warnings:
        console.print(f"[yellow]{label}[/yellow] {escape(warning)}")
    if report.analysis:
        for problem in report.analysis.warnings:
            console.print(f"[yellow]{label}[/yellow] {escape(str(problem))}")
    if report.remind:
        console.print(f"[cyan]{t('check.note')}[/cyan] {escape(t('check.reminder'))}")


def built_summary(report: BuildReport, t: Locale, site: str, private: str) -> str:
    """'Built 18 pages (1 rendered, 17 unchanged) and 10 PDFs (7 rendered, 3 unchanged) …', in
    the forms each count needs."""
    pdfs = report.pdfs_rendered + report.pdfs_reused
    pdf_note = (
        t("cli.built_pdfs", pdfs=t("counts.pdfs", count=pdfs),
          rendered=t("counts.rendered", count=report.pdfs_rendered),
          reused=t("counts.reused", count=report.pdfs_reused))
        if pdfs else ""
    )  # fmt: skip
    return t(
        "cli.built",
        pages=t("counts.pages", count=report.pages),
        site_note=_site_note(report, t),
        pdfs=pdf_note,
        site=site,
        seconds=t.number(report.seconds, 1),
        private=private,
    )


def _site_note(report: BuildReport, t: Locale) -> str:
    """The site was taken as it was, rebuilt page by page, or built from scratch (no note)."""
    if report.site_reused:
        return str(t("cli.site_unchanged"))
    if not report.pages_reused:
        return ""
    return str(t("cli.built_pages", rendered=t("counts.rendered", count=report.pages_rendered),
                 reused=t("counts.reused", count=report.pages_reused)))  # fmt: skip


def shown(path: Path, root: Path) -> str:
    """A folder as the user would type it: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return path.as_posix() + "/"
