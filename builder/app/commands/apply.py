"""`secondround apply`: content/applications/SLUG.md from a job posting or a JSON Resume job
(the reading and writing are in builder/app/apply.py and posting.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.app.apply import job_from_json_resume, job_from_posting, write_application
from builder.app.arguments import Parser, root_of
from builder.app.posting_page import fetch, is_web_address
from builder.app.reading import read_text
from builder.app.terminal import EXIT_OK, console
from builder.core.words import Locale

NAME = "apply"


def arguments(parser: Parser, t: Locale) -> None:
    parser.add_argument("slug", metavar=t("cli.apply.slug_metavar"), help=t("cli.apply.slug"))
    parser.add_argument(
        "--company", metavar=t("cli.apply.company_metavar"), help=t("cli.apply.company")
    )
    parser.add_argument("--role", metavar=t("cli.apply.role_metavar"), help=t("cli.apply.role"))
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--posting", metavar=t("cli.apply.posting_metavar"), help=t("cli.apply.posting")
    )
    source.add_argument(
        "--job", type=Path, metavar=t("cli.apply.job_metavar"), help=t("cli.apply.job")
    )
    parser.add_argument("--force", action="store_true", help=t("cli.apply.force"))


def run(args: argparse.Namespace, t: Locale) -> int:
    root = root_of(args, t)
    if args.job:
        job = job_from_json_resume(args.job, t)
    else:
        url = args.posting if is_web_address(args.posting) else None
        job = job_from_posting(read_posting(args.posting, t), t, url)
    path = write_application(root, args.slug, job, args.company, args.role, t, args.force)
    must = sum(r.kind == "must" for r in job.requirements)
    requirements = t("cli.apply.requirements", count=len(job.requirements))
    console.print(
        t("cli.apply.wrote", path=path.relative_to(root), requirements=requirements,
          must=t("cli.apply.must", count=must),
          nice=t("cli.apply.nice", count=len(job.requirements) - must)),
        markup=False,
    )  # fmt: skip
    console.print(t("cli.apply.next", slug=args.slug), markup=False)
    return EXIT_OK


def read_posting(name: str, t: Locale) -> str:
    """The posting's text, from a file, from stdin for '-', or from the web for an http(s)
    address (the one network access of the product)."""
    if name == "-":
        return sys.stdin.read()
    if is_web_address(name):
        return fetch(name.strip(), t)
    return read_text(Path(name), t, t("cli.apply.posting_hint"))
