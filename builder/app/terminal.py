"""What every command shares with the terminal: exit statuses, the console and JSON output.

Exit status: 0 success; 1 invalid content or failed checks; 2 usage error; 3 internal
error (a bug: re-run with --debug for the traceback).
"""

from __future__ import annotations

import json
import sys

from rich.console import Console

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

console = Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
