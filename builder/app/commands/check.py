"""`secondround check`: validate all content and report coverage, writing nothing."""

from __future__ import annotations

import argparse

from rich.markup import escape

from builder.analyse.analysis import analyse
from builder.analyse.coverage import Coverage
from builder.analyse.followup import late_followups
from builder.app.arguments import Parser, add_format, root_of
from builder.app.terminal import EXIT_INVALID, EXIT_OK, console, print_json
from builder.core.errors import ContentError
from builder.core.words import Locale
from builder.load.portfolio import Portfolio
from builder.load.read import load

NAME = "check"


def arguments(parser: Parser, t: Locale) -> None:
    parser.add_argument("--strict", action="store_true", help=t("cli.check.strict"))
    add_format(parser, t)


def run(args: argparse.Namespace, t: Locale) -> int:
    root = root_of(args, t)
    try:
        portfolio = load(root)
    except ContentError as error:
        if args.format == "json":
            print_json(
                {"ok": False, "errors": [p.as_dict() for p in error.problems], "warnings": []}
            )
            return EXIT_INVALID
        raise
    analysis = analyse(portfolio, t=t)
    analysis.warnings.extend(late_followups(portfolio, analysis.today, t))
    failed = bool(analysis.errors or (args.strict and analysis.warnings))
    if args.format == "json":
        print_json({
            "ok": not failed,
            "errors": [p.as_dict() for p in analysis.errors],
            "warnings": [p.as_dict() for p in analysis.warnings],
            "counts": counts(portfolio),
            "coverage": {slug: c.as_dict() for slug, c in analysis.coverage.items()},
        })  # fmt: skip
        return EXIT_INVALID if failed else EXIT_OK
    for problem in analysis.errors:
        console.print(f"[red]{t('check.error')}[/red] {escape(str(problem))}")
    for problem in analysis.warnings:
        console.print(f"[yellow]{t('check.warning')}[/yellow] {escape(str(problem))}")
    for slug, cover in analysis.coverage.items():
        console.print(describe_coverage(slug, cover, t), markup=False)
    summary = t(
        "check.summary",
        **{kind: t(f"counts.{kind}", count=n) for kind, n in counts(portfolio).items()},
    )
    verdict = f"[red]{t('check.failed')}[/red]" if failed else f"[green]{t('check.ok')}[/green]"
    console.print(f"{verdict} {summary}")
    if not portfolio.site.deploy.repository and analysis.holds_private_data:
        console.print(f"[cyan]{t('check.note')}[/cyan] {escape(t('check.reminder'))}")
    return EXIT_INVALID if failed else EXIT_OK


def describe_coverage(slug: str, cover: Coverage, t: Locale) -> str:
    parts = [t("check.coverage", slug=slug, covered=cover.covered, count=cover.total)]
    for label, items in (
        ("check.must_missing", cover.uncovered_must),
        ("check.not_quantified", cover.unquantified_evidence),
        ("check.private_list", cover.private_evidence),
    ):
        if items:
            parts.append(f"{t(label)}: {', '.join(items)}")
    return "; ".join(parts)


def counts(portfolio: Portfolio) -> dict[str, int]:
    return {
        "achievements": len(portfolio.achievements),
        "samples": len(portfolio.samples),
        "briefs": len(portfolio.briefs),
        "applications": len(portfolio.applications),
        "references": len(portfolio.references),
    }
