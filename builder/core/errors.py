"""The three kinds of failure: a problem in the content, a usage mistake, and a bug.

Content problems are collected, never raised one at a time, so that a candidate
sees every mistake of a build in one pass and fixes them together.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.core.words import english


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the candidate's files, located as precisely as we can."""

    path: str
    line: int | None = None
    column: int | None = None
    field: str = ""
    message: str = ""
    hint: str = ""

    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" — {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class Problems:
    """A collector that stages of the pipeline append to instead of raising.

    Messages come from the locale (`errors.KEY` and `errors.KEY_hint`), in the
    portfolio's language once site.yml has been read, in English before that.
    """

    root: Path
    items: list[Problem] = field(default_factory=list)
    locale: Any = None

    def words(self, key: str, **values: Any) -> tuple[str, str]:
        if self.locale is None:
            self.locale = english()
        return self.locale(f"errors.{key}", **values), self.locale.get(
            f"errors.{key}_hint", **values
        )

    def say(
        self,
        path: Path | str,
        key: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str = "",
        **values: Any,
    ) -> None:
        message, hint = self.words(key, **values)
        self.add(path, message, hint, line=line, column=column, field=field)

    def add(
        self,
        path: Path | str,
        message: str,
        hint: str = "",
        *,
        line: int | None = None,
        column: int | None = None,
        field: str = "",
    ) -> None:
        self.items.append(Problem(self.relative(path), line, column, field, message, hint))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    def relative(self, path: Path | str) -> str:
        """The path from the portfolio's root, as written: a symbolic link is named, not followed."""
        path = Path(path)
        for candidate, root in (
            (Path(os.path.abspath(path)), Path(os.path.abspath(self.root))),
            (path.resolve(), self.root.resolve()),
        ):
            with contextlib.suppress(ValueError):
                return candidate.relative_to(root).as_posix()
        return path.as_posix()

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(sorted(set(self.items), key=_reading_order), self.locale)


def format_loc(loc: Sequence[str | int]) -> str:
    """A field's path as the candidate would write it: requirements[0].evidence[1]."""
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _reading_order(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.path, problem.line or 0, problem.column or 0, problem.field)


class ContentError(Exception):
    """The candidate's content is invalid; every problem found is attached."""

    def __init__(self, problems: list[Problem], locale: Any = None) -> None:
        self.problems = problems
        self.locale = locale  # the portfolio's words, to report in its language
        super().__init__("\n".join(str(p) for p in problems))


class UserError(Exception):
    """A mistake in how the command was used or in the environment (not a bug)."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} — {hint}" if hint else message)
