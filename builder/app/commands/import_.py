"""`secondround import jsonresume FILE`: profile, CV, stories, samples and references from a
JSON Resume file (the conversion is builder/app/importer.py). The module's name has an
underscore because `import` is a word of Python."""

from __future__ import annotations

import argparse
from pathlib import Path

from builder.app.arguments import Parser, root_of
from builder.app.importer import ImportReport, import_json_resume
from builder.app.terminal import EXIT_OK, console
from builder.core.words import Locale

NAME = "import"


def arguments(parser: Parser, t: Locale) -> None:
    formats = ["jsonresume"]  # named as they are typed, in every language
    parser.add_argument(
        "format",
        choices=formats,
        metavar="{" + ",".join(formats) + "}",
        help=t("cli.import.format"),
    )
    parser.add_argument(
        "file", type=Path, metavar=t("cli.import.file_metavar"), help=t("cli.import.file")
    )
    parser.add_argument("--force", action="store_true", help=t("cli.import.force"))


def run(args: argparse.Namespace, t: Locale) -> int:
    root = (args.root or Path.cwd()).resolve()
    if not (root / "site.yml").is_file():
        root = root_of(args, t)
    report = import_json_resume(root, args.file, t, args.force)
    show_report(report, t)
    return EXIT_OK


def show_report(report: ImportReport, t: Locale) -> None:
    """One line per file or section, its verdict in a column, and the counts."""
    labels = {
        kind: t(f"cli.import.{kind}") for kind in ("created", "updated", "unchanged", "skipped")
    }
    width = max(len(label) for label in labels.values())
    for kind, items in (
        ("created", report.created),
        ("updated", report.updated),
        ("unchanged", report.unchanged),
    ):
        for item in items:
            console.print(f"{labels[kind]:<{width}} {item}", markup=False)
    for item, why in report.skipped:
        console.print(
            f"{labels['skipped']:<{width}} {item}: {t(f'cli.import.{why}')}", markup=False
        )
    console.print(
        t("cli.import.summary", created=len(report.created), updated=len(report.updated),
          unchanged=len(report.unchanged), skipped=len(report.skipped)),
        markup=False,
    )  # fmt: skip
