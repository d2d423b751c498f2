"""The `secondround` command line: assemble the commands' parsers, run one command, map
failures to exit codes — in the language of the portfolio (see terminal.py for the rule).

Exit status: 0 success; 1 invalid content or failed checks; 2 usage error;
3 internal error (a bug: re-run with --debug for the traceback).
"""

from __future__ import annotations

import argparse
import gc
import sys
import traceback
from collections.abc import Sequence

from rich.markup import escape

from builder import __version__
from builder.app.arguments import Parser, common_options, named_root
from builder.app.commands import (
    apply,
    build,
    check,
    deploy,
    import_,
    init,
    match,
    schema,
    serve,
    status,
)
from builder.app.terminal import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, console, words_for
from builder.core.errors import ContentError, UserError
from builder.core.words import Locale
from builder.publish.stage import PrivacyError

COMMANDS = (build, check, schema, init, apply, match, serve, deploy, import_, status)


# A build makes many objects that live until it ends. Looking for reference cycles after
# every 700 new objects, Python's default, costs a tenth of a rebuild; after every 100,000,
# nothing measurable, and the memory held meanwhile is a few megabytes.
GC_THRESHOLDS = (100_000, 50, 100)


def main(argv: Sequence[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    gc.freeze()  # what the imports made lives as long as the program: never scan it again
    argv = list(sys.argv[1:] if argv is None else argv)
    args = make_parser(words_for(named_root(argv))).parse_args(argv)
    t = words_for(args.root)
    try:
        return int(args.run(args, t) or EXIT_OK)
    except ContentError as error:
        t = error.locale or t
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
        console.print(f"[red]{t('cli.error')}[/red] {escape(str(error))}")
        return EXIT_INVALID
    except KeyboardInterrupt:
        console.print(t("cli.interrupted"), markup=False)
        return 130
    except Exception as error:  # noqa: BLE001 — the last line of defence, with an honest message
        if args.debug:
            traceback.print_exc()
        else:
            console.print(
                f"[red]{t('cli.internal')}[/red] {escape(f'{type(error).__name__}: {error}')}\n"
                f"{escape(t('cli.internal_hint'))}"
            )
        return EXIT_INTERNAL


def make_parser(t: Locale) -> argparse.ArgumentParser:
    """The parser of every command, its words from `t`."""
    parser = Parser(
        prog="secondround", description=t("cli.program"), parents=[common_options(t)], words=t
    )
    parser.add_argument(
        "--version", action="version", version=f"secondround {__version__}", help=t("cli.version")
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar=t("cli.command"))
    common = common_options(t, after_command=True)
    for command in COMMANDS:
        summary = t(f"cli.{command.NAME}.help")
        sub = commands.add_parser(command.NAME, parents=[common], help=summary, description=summary)
        command.arguments(sub, t)
        sub.set_defaults(run=command.run)
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
