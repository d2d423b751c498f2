"""`secondround init`: a new portfolio, commented in its language, that builds as it is.

It speaks the language asked for with --language (the one of the portfolio it creates),
else the language of the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from builder.app.arguments import Parser
from builder.app.scaffold import scaffold
from builder.app.terminal import EXIT_OK, console
from builder.core.words import BUILTIN, Locale, builtin_themes, load_locale

NAME = "init"


def arguments(parser: Parser, t: Locale) -> None:
    parser.add_argument("dir", type=Path, metavar=t("cli.init.dir_metavar"), help=t("cli.init.dir"))
    parser.add_argument("--language", choices=["en", "es"], help=t("cli.init.language"))
    parser.add_argument(
        "--publish-to", metavar=t("cli.init.publish_to_metavar"), help=t("cli.init.publish_to")
    )


def run(args: argparse.Namespace, t: Locale) -> int:
    if args.language:
        t = load_locale(builtin_themes(), BUILTIN, args.language)
    created = scaffold(args.dir.resolve(), args.language or "en", args.publish_to, t)
    files = t("counts.files", count=len(created))
    console.print(t("cli.init.created", dir=args.dir, files=files), markup=False)
    console.print(t("cli.init.next", dir=args.dir), markup=False)
    return EXIT_OK
