"""`secondround serve`: a live preview that rebuilds when content/, themes/ or site.yml change
(the rebuild loop and the server are builder/app/serve.py)."""

from __future__ import annotations

import argparse
import time

from builder.app.arguments import Parser, positive, root_of
from builder.app.reading import os_reason
from builder.app.serve import Preview
from builder.app.terminal import EXIT_OK, console
from builder.core.errors import UserError
from builder.core.words import Locale
from builder.core.workers import cores

NAME = "serve"


def arguments(parser: Parser, t: Locale) -> None:
    parser.add_argument(
        "--host", default="127.0.0.1", metavar=t("cli.serve.host_metavar"), help=t("cli.serve.host")
    )
    parser.add_argument(
        "--port", type=int, default=8000, metavar=t("cli.serve.port_metavar"),
        help=t("cli.serve.port"),
    )  # fmt: skip
    parser.add_argument(
        "--jobs", type=positive(t), metavar=t("cli.serve.jobs_metavar"), help=t("cli.serve.jobs")
    )


def run(args: argparse.Namespace, t: Locale) -> int:
    root = root_of(args, t)
    try:
        preview = Preview(
            root,
            args.host,
            args.port,
            args.jobs or cores(),
            lambda line: console.print(line, markup=False),
        )
    except OSError as error:
        raise UserError(
            t(
                "cli.serve.cannot_listen",
                host=args.host,
                port=args.port,
                reason=os_reason(error, t),
            ),
            t("cli.serve.cannot_listen_hint"),
        ) from None
    preview.start()
    console.print(t("cli.serve.serving", name=root.name, url=preview.url), markup=False)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        preview.stop()
    return EXIT_OK
