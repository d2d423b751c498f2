"""What every command shares with the terminal: exit statuses, the console, JSON output, and
the language it speaks.

Exit status: 0 success; 1 invalid content or failed checks; 2 usage error; 3 internal
error (a bug: re-run with --debug for the traceback).

The command line speaks the language of the portfolio it works on: the folder --root names,
else the nearest folder at or above the working folder that holds site.yml (its `language`,
with the words of its theme). Outside a portfolio, or when site.yml cannot be read, it speaks
the language of the environment (LC_ALL, LC_MESSAGES, then LANG, as gettext reads them) if
the built-in theme has it, else English.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from rich.console import Console

from builder.core.words import BUILTIN, Locale, builtin_themes
from builder.load.read import locale_of, nearest_root

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

console = Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def words_for(root: Path | None) -> Locale:
    """The words of the portfolio at `root` (or around the working folder), else of the
    environment's language."""
    folder = root if root is not None else nearest_root(Path.cwd()) or Path.cwd()
    return locale_of(folder, environment_language())


def environment_language() -> str:
    """The language the environment asks for ('es' for LANG=es_ES.UTF-8), if the built-in
    theme speaks it; else 'en'. The first of LC_ALL, LC_MESSAGES and LANG that is set wins."""
    setting = next(
        (os.environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(name)),
        "",
    )
    language = setting.split(".")[0].split("@")[0].split("_")[0].lower()
    spoken = builtin_themes() / BUILTIN / "locales" / f"{language}.yml"
    return language if language and spoken.is_file() else "en"
