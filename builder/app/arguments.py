"""The command line's parser, speaking the portfolio's language.

argparse writes some words of its own: "usage:", "error:", the titles of the help's
sections, the help of -h, and its messages about wrong arguments ("the following arguments
are required", "invalid choice"…). It looks each of them up through gettext, by the English
text; `Parser` answers those look-ups from the locale (`cli.argparse.*`) while it parses or
formats help, so that a Spanish portfolio gets Spanish usage errors. A message argparse adds
in a later Python stays English until the locale names it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from builder.core.words import Locale
from builder.load.read import find_root

# argparse's messages, as gettext keys, and the entries of `cli.argparse` that say them.
ARGPARSE_WORDS = {
    "usage: ": "usage",
    "%(prog)s: error: %(message)s\n": "error",
    "positional arguments": "positionals",
    "options": "options",
    "show this help message and exit": "help",
    "argument %(argument_name)s: %(message)s": "argument",
    "the following arguments are required: %s": "required",
    "one of the arguments %s is required": "one_required",
    "unrecognized arguments: %s": "unrecognized",
    "not allowed with argument %s": "not_allowed",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "invalid %(type)s value: %(value)r": "invalid_value",
    "expected one argument": "expected_one",
    "expected at most one argument": "expected_at_most_one",
    "expected at least one argument": "expected_at_least_one",
    "expected %s argument": "expected_count",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous",
    "ignored explicit argument %r": "ignored",
}


@contextlib.contextmanager
def speaking(t: Locale) -> Iterator[None]:
    """argparse's own words from `t` for as long as the block runs (argparse reads them
    through its module's `_` and `ngettext`, which are gettext's)."""

    def gettext(message: str) -> str:
        key = ARGPARSE_WORDS.get(message)
        return t(f"cli.argparse.{key}") if key else message

    def ngettext(singular: str, plural: str, count: int) -> str:
        key = ARGPARSE_WORDS.get(singular)
        if key:
            return t(f"cli.argparse.{key}", count=count)
        return singular if count == 1 else plural

    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own words, and its subcommands', come from `words`."""

    def __init__(self, *args: Any, words: Locale, **kwargs: Any) -> None:
        self.words = words
        with speaking(words):
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", functools.partial(type(self), words=self.words))
        with speaking(self.words):
            return super().add_subparsers(**kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with speaking(self.words):
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with speaking(self.words):
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with speaking(self.words):
            return super().format_usage()

    def format_help(self) -> str:
        with speaking(self.words):
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with speaking(self.words):
            super().error(message)


def common_options(t: Locale, after_command: bool = False) -> Parser:
    """The options every command takes, before or after its name. After it, they have no
    default: a command's parser would otherwise reset what was given before its name."""
    common = Parser(add_help=False, words=t)
    root: object = argparse.SUPPRESS if after_command else None
    debug: object = argparse.SUPPRESS if after_command else False
    common.add_argument(
        "--root", type=Path, default=root, metavar=t("cli.root_metavar"), help=t("cli.root")
    )
    common.add_argument("--debug", action="store_true", default=debug, help=t("cli.debug"))
    return common


def add_format(parser: argparse.ArgumentParser, t: Locale) -> None:
    """--format text|json, for the commands whose report a program may read."""
    parser.add_argument("--format", choices=["text", "json"], default="text", help=t("cli.format"))


def root_of(args: argparse.Namespace, t: Locale) -> Path:
    """The portfolio a command works on: --root, else the nearest folder with site.yml."""
    return (args.root or find_root(Path.cwd(), t)).resolve()


def named_root(argv: Sequence[str]) -> Path | None:
    """The folder --root names, read before the arguments are parsed (to choose the
    language the parser speaks)."""
    for index, argument in enumerate(argv):
        if argument == "--root" and index + 1 < len(argv):
            return Path(argv[index + 1])
        if argument.startswith("--root="):
            return Path(argument.removeprefix("--root="))
    return None


def positive(t: Locale) -> Callable[[str], int]:
    """A count such as --jobs or --top: a whole number, 1 or more."""

    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli.not_whole", value=text)) from None
        if value < 1:
            raise argparse.ArgumentTypeError(t("cli.not_positive"))
        return value

    return number


def day(t: Locale) -> Callable[[str], dt.date]:
    """A date such as --today, written 2026-11-25."""

    def date(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli.not_a_date", value=text)) from None

    return date
