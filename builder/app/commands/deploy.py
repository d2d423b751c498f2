"""`secondround deploy`: build/site/ as a new commit on a branch of a public repository
(the checks and the commit are builder/publish/deploy.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from builder.app.arguments import Parser, root_of
from builder.app.terminal import EXIT_OK, console
from builder.core.words import Locale
from builder.publish.deploy import deploy

NAME = "deploy"


def arguments(parser: Parser, t: Locale) -> None:
    parser.add_argument(
        "--remote", metavar=t("cli.deploy.remote_metavar"), help=t("cli.deploy.remote")
    )
    parser.add_argument(
        "--branch", metavar=t("cli.deploy.branch_metavar"), help=t("cli.deploy.branch")
    )
    parser.add_argument(
        "--message", metavar=t("cli.deploy.message_metavar"), help=t("cli.deploy.message")
    )
    parser.add_argument(
        "--out", type=Path, metavar=t("cli.deploy.out_metavar"), help=t("cli.deploy.out")
    )


def run(args: argparse.Namespace, t: Locale) -> int:
    root = root_of(args, t)
    done = deploy(
        root, args.remote, args.branch, args.message, args.out.resolve() if args.out else None
    )
    where = {"remote": done.remote, "branch": done.branch}
    if done.commit is None:
        console.print(t("deploy.unchanged", **where), markup=False)
    else:
        files = t("counts.files", count=done.files)
        console.print(
            t("deploy.published", files=files, commit=done.commit[:12], **where), markup=False
        )
    return EXIT_OK
