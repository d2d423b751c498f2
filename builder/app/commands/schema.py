"""`secondround schema`: JSON Schemas of site.yml and every front-matter kind, for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.app.arguments import Parser
from builder.app.schema import write_schemas
from builder.app.terminal import EXIT_OK, console
from builder.core.words import Locale

NAME = "schema"


def arguments(parser: Parser, t: Locale) -> None:
    parser.add_argument(
        "--out", type=Path, metavar=t("cli.schema.out_metavar"), help=t("cli.schema.out")
    )


def run(args: argparse.Namespace, t: Locale) -> int:
    out = args.out or (args.root or Path.cwd()) / "schemas"
    written = write_schemas(out.resolve())
    for path in written:
        sys.stdout.write(f"{path}\n")
    console.print(t("cli.schema.wrote", count=len(written), out=out), markup=False)
    return EXIT_OK
