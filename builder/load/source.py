"""Reading the candidate's files: text, YAML and Markdown front matter, with positions.

ruamel.yaml keeps the line and column of every key and item, so a validation
error deep inside a list can still point at the exact line the candidate wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from builder.core.errors import Problem, Problems
from builder.core.yaml12 import FastLoader

FENCE = "---"


@dataclass(frozen=True)
class Source:
    """A parsed file: its YAML data, its Markdown body, and where each starts."""

    path: Path
    data: Any
    body: str
    data_line: int  # 1-based line of the file on which the YAML starts
    body_line: int  # 1-based line of the file on which the body's first line is
    yaml_text: str = ""

    def position(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """Line and column (1-based) of the deepest node of `loc` that exists in the file."""
        line, column = locate(self.tree, loc)
        return line + self.data_line, column + 1

    @cached_property
    def tree(self) -> Any:
        """The YAML again, with the position of every node; parsed only when a message needs it."""
        if isinstance(self.data, CommentedMap | CommentedSeq):
            return self.data
        return _round_trip().load(self.yaml_text)


def locate(node: Any, loc: Sequence[str | int]) -> tuple[int, int]:
    """0-based line and column within the YAML text of the node at `loc`, or its nearest parent."""
    line, column = _start_of(node)
    for step in loc:
        if isinstance(node, CommentedMap) and step in node:
            line, column = node.lc.key(step)
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line, column = node.lc.item(step)
            node = node[step]
        else:
            break
    return line, column


def _start_of(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is not None and lc.line is not None:
        return lc.line, lc.col or 0
    return 0, 0


MAX_BYTES = 2 * 1024 * 1024  # content is written by hand: anything larger is a mistake


def read_text(path: Path, problems: Problems) -> str | None:
    """The file as text, or None after recording why it cannot be read as UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            problems.say(path, "too_large", size=size // 1024, limit=MAX_BYTES // 1024)
            return None
        raw = path.read_bytes()
    except OSError as error:
        problems.say(path, "unreadable", reason=error.strerror)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.say(path, "not_utf8", line=line, byte=f"0x{raw[error.start]:02x}")
        return None
    if text.startswith("\ufeff"):
        problems.say(path, "bom", line=1)
        return None
    return text.replace("\r\n", "\n")


def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1) -> Any:
    """YAML data; None (and a recorded problem) when the text is not valid YAML.

    LibYAML reads valid files fast; anything it refuses is read again by ruamel.yaml,
    whose errors say exactly where and what.
    """
    try:
        return yaml.load(text, Loader=FastLoader)  # noqa: S506 — a safe loader with YAML 1.2 types
    except yaml.YAMLError:
        pass
    try:
        return _round_trip().load(text)
    except MarkedYAMLError as error:
        problems.extend([_yaml_problem(error, path, problems, first_line)])
    except YAMLError as error:
        problems.say(path, "yaml_invalid", line=first_line, error=error)
    return None


TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _round_trip() -> YAML:
    parser = YAML(typ="rt")
    parser.constructor.add_constructor(TIMESTAMP, _timestamp_as_text)
    return parser


def _timestamp_as_text(constructor: Any, node: Any) -> str:
    """Dates stay text until the model validates them, so '2024-02-30' gets a located message."""
    return str(node.value)


def _yaml_problem(
    error: MarkedYAMLError, path: Path, problems: Problems, first_line: int
) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = (mark.line if mark else 0) + first_line
    column = (mark.column if mark else 0) + 1
    what = (error.problem or "invalid YAML").strip()
    hint = problems.words(_yaml_hint(what))[0]
    if error.context and error.context_mark and error.context_mark.line + first_line != line:
        hint += (
            " "
            + problems.words(
                "yaml_started",
                what=error.context.removeprefix("while "),
                line=error.context_mark.line + first_line,
            )[0]
        )
    message = problems.words("yaml_syntax", what=what)[0]
    return Problem(problems.relative(path), line, column, "", message, hint)


def _yaml_hint(what: str) -> str:
    if "\\t" in what or "'\\t'" in what:
        return "yaml_tab"
    if "duplicate key" in what:
        return "yaml_duplicate"
    if "end of stream" in what or "<stream end>" in what:
        return "yaml_unclosed"
    return "yaml_other"


def parse_front_matter(text: str, path: Path, problems: Problems) -> Source | None:
    """Split a Markdown file into YAML front matter and body, and parse the YAML."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        problems.say(path, "no_front_matter", line=1)
        return None
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.rstrip() == FENCE)
    except StopIteration:
        problems.say(path, "front_matter_open", line=1)
        return None
    before = len(problems.items)
    yaml_text = "\n".join(lines[1:end])
    data = parse_yaml(yaml_text, path, problems, first_line=2)
    if len(problems.items) > before:
        return None
    rest = "\n".join(lines[end + 1 :])
    body = rest.strip("\n")
    first_line = end + 2 + len(rest) - len(rest.lstrip("\n"))  # blank lines before the body
    return Source(path, data if data is not None else {}, body, 2, first_line, yaml_text)


def load_yaml_file(path: Path, problems: Problems) -> Source | None:
    text = read_text(path, problems)
    if text is None:
        return None
    before = len(problems.items)
    data = parse_yaml(text, path, problems)
    if len(problems.items) > before:
        return None
    return Source(path, data, "", 1, 0, text)


def plain(node: Any) -> Any:
    """ruamel's position-carrying containers and scalars as plain Python values for validation."""
    if isinstance(node, dict):
        return {
            str(key) if not isinstance(key, str) else str(key): plain(v) for key, v in node.items()
        }
    if isinstance(node, list):
        return [plain(item) for item in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, dt.datetime):
        return dt.datetime(*node.timetuple()[:6])
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node
