"""Reading a file named on the command line (a posting, a job, a résumé): when it cannot be
read, a UserError that says why in the portfolio's language. The operating system's and the
JSON parser's own complaints are English, so the common ones are worded from the locale."""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any

from builder.core.errors import UserError
from builder.core.words import Locale

# errno → `cli.read.os.*`; any other error keeps the operating system's words.
OS_REASONS = {
    errno.ENOENT: "missing",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EISDIR: "folder",
    errno.EADDRINUSE: "address_in_use",
    errno.EADDRNOTAVAIL: "address_not_here",
    errno.ECONNREFUSED: "refused",
    errno.ECONNRESET: "reset",
    errno.ENETUNREACH: "unreachable",
    errno.EHOSTUNREACH: "unreachable",
    errno.ETIMEDOUT: "timeout",
}
# The messages of Python's JSON parser (json.decoder) → `cli.read.json.*`, by their start.
JSON_REASONS = {
    "Expecting value": "value",
    "Expecting property name": "name",
    "Expecting ':' delimiter": "colon",
    "Expecting ',' delimiter": "comma",
    "Extra data": "extra",
    "Unterminated string": "unterminated",
    "Invalid control character": "control",
    "Invalid \\": "escape",
    "Illegal trailing comma": "trailing_comma",
}


def read_text(path: Path, t: Locale, hint: str = "") -> str:
    """The file's UTF-8 text; `hint` says what to do when there is no such file."""
    try:
        return path.read_text("utf-8")
    except OSError as error:
        raise UserError(
            t("cli.read.unreadable", path=path, reason=os_reason(error, t)),
            hint or t("cli.read.unreadable_hint"),
        ) from None
    except UnicodeDecodeError:
        raise UserError(t("cli.read.not_utf8", path=path), t("cli.read.not_utf8_hint")) from None


def read_json(path: Path, t: Locale, hint: str) -> Any:
    """The file's JSON data; `hint` says how to get a good file when this one is not JSON."""
    text = read_text(path, t)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        reason = json_reason(error.msg, t)
        where = {"path": path, "line": error.lineno, "column": error.colno}
        raise UserError(t("cli.read.not_json", reason=reason, **where), hint) from None


def os_reason(error: OSError, t: Locale) -> str:
    key = OS_REASONS.get(error.errno or 0)
    return t(f"cli.read.os.{key}") if key else error.strerror or str(error)


def json_reason(message: str, t: Locale) -> str:
    key = next((k for start, k in JSON_REASONS.items() if message.startswith(start)), None)
    return t(f"cli.read.json.{key}") if key else message
