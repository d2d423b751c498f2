"""The `secondround` command line: parse arguments, run one command, map failures to exit codes.

Exit status: 0 success; 1 invalid content or failed checks; 2 usage error;
3 internal error (a bug: re-run with --debug for the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import traceback
from collections.abc import Sequence
from pathlib import Path

from rich.markup import escape

from builder import __version__
from builder.app import commands as handlers
from builder.app.terminal import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, console
from builder.core.errors import ContentError, UserError
from builder.core.words import english
from builder.publish.stage import PrivacyError


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or EXIT_OK)
    except ContentError as error:
        t = error.locale or english()
        for problem in error.problems:
            console.print(f"[red]{t('cli.error')}[/red] {escape(str(problem))}", highlight=False)
        console.print(t("cli.problems_found", count=len(error.problems)))
        return EXIT_INVALID
    except PrivacyError as error:
        t = error.locale
        for line in error.lines:
            console.print(f"[red]{t('privacy.label')}[/red] {escape(line)}", highlight=False)
        console.print(t("privacy.nothing_published"))
        return EXIT_INVALID
    except UserError as error:
        console.print(f"[red]error[/red] {error}")
        return EXIT_INVALID
    except KeyboardInterrupt:
        console.print("interrupted; build/ is unchanged")
        return 130
    except Exception as error:  # noqa: BLE001 — the last line of defence, with an honest message
        if args.debug:
            traceback.print_exc()
        else:
            console.print(
                f"[red]internal error[/red] {type(error).__name__}: {error}\n"
                "This is a bug in secondround, not in your content. "
                "Re-run with --debug to see the traceback, and report it."
            )
        return EXIT_INTERNAL


def make_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root", type=Path, help="portfolio folder (default: nearest with site.yml)"
    )
    common.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    parser = argparse.ArgumentParser(
        prog="secondround",
        description="Build a candidate's portfolio site, leave-behinds and follow-up kit.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"secondround {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build", parents=[common], help="build build/site and build/private"
    )
    build.add_argument("--out", type=Path, help="output folder (default: ROOT/build)")
    build.add_argument("--jobs", type=_positive, help="parallel workers (default: number of cores)")
    build.add_argument("--no-pdf", dest="pdf", action="store_false", help="skip PDFs")
    build.add_argument("--clean", action="store_true", help="rebuild everything from scratch")
    build.add_argument("--attach", action="store_true", help="attach leave-behinds to follow-ups")
    build.add_argument("--verbose", action="store_true", help="show the site engine's log")
    build.set_defaults(run=handlers.run_build)

    check = commands.add_parser("check", parents=[common], help="validate content, write nothing")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.set_defaults(run=handlers.run_check)

    schema = commands.add_parser("schema", parents=[common], help="write JSON Schemas for editors")
    schema.add_argument("--out", type=Path, help="folder for the schemas (default: ROOT/schemas)")
    schema.set_defaults(run=handlers.run_schema)

    init = commands.add_parser("init", parents=[common], help="scaffold a new portfolio")
    init.add_argument("dir", type=Path, help="folder to create (must be empty or missing)")
    init.add_argument("--language", choices=["en", "es"], default="en")
    init.add_argument("--publish-to", metavar="OWNER/NAME", help="public repository to deploy to")
    init.set_defaults(run=handlers.run_init)

    apply = commands.add_parser(
        "apply", parents=[common], help="start an application from a posting"
    )
    apply.add_argument("slug", metavar="SLUG", help="id of the application, e.g. northwind-analyst")
    apply.add_argument("--company", help="employer (default: from --job)")
    apply.add_argument("--role", help="job title (default: from --job)")
    source = apply.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--posting", metavar="FILE", help="posting as text, Markdown or HTML; - for stdin"
    )
    source.add_argument(
        "--job", metavar="FILE.json", type=Path, help="a JSON Resume job description"
    )
    apply.add_argument("--force", action="store_true", help="replace an existing application file")
    apply.set_defaults(run=handlers.run_apply)

    match = commands.add_parser(
        "match", parents=[common], help="rank evidence for each requirement"
    )
    match.add_argument("slug", metavar="SLUG", help="id of the application")
    match.add_argument(
        "--top", type=_positive, default=3, help="matches per requirement (default 3)"
    )
    match.add_argument("--write", action="store_true", help="fill `evidence` where it is empty")
    match.add_argument("--format", choices=["text", "json"], default="text")
    match.set_defaults(run=handlers.run_match)

    serve = commands.add_parser(
        "serve", parents=[common], help="live preview that rebuilds on edits"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--jobs", type=_positive, help="parallel PDF workers (default: number of cores)"
    )
    serve.set_defaults(run=handlers.run_serve)

    deploy = commands.add_parser(
        "deploy", parents=[common], help="publish build/site to GitHub Pages"
    )
    deploy.add_argument("--remote", metavar="NAME|URL", help="remote name, git URL or OWNER/NAME")
    deploy.add_argument("--branch", help="branch to publish to (default: deploy.branch, gh-pages)")
    deploy.add_argument("--message", help="commit message")
    deploy.add_argument("--out", type=Path, help="build folder (default: ROOT/build)")
    deploy.set_defaults(run=handlers.run_deploy)

    importer = commands.add_parser(
        "import", parents=[common], help="create content from a JSON Resume file"
    )
    importer.add_argument("format", choices=["jsonresume"], help="the file's format")
    importer.add_argument("file", type=Path, metavar="FILE", help="the résumé, e.g. resume.json")
    importer.add_argument("--force", action="store_true", help="also replace files you have edited")
    importer.set_defaults(run=handlers.run_import_)

    status = commands.add_parser(
        "status", parents=[common], help="applications and dated next actions"
    )
    status.add_argument("--today", type=_day, help="the date to plan from (default: today)")
    status.add_argument("--format", choices=["text", "json"], default="text")
    status.set_defaults(run=handlers.run_status)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-25") from None


if __name__ == "__main__":
    raise SystemExit(main())
