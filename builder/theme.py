"""Themes: template lookup (the portfolio's theme first, then the built-in one) and locales.

Every word the builder writes comes from `locales/LANG.yml` of the theme, and
every date or number is formatted for the portfolio's language with Babel.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from ruamel.yaml import YAML

from builder.models import parse_date

BUILTIN = "default"


def builtin_themes() -> Path:
    """Installed wheels carry the theme inside the package; a source checkout has it at the top."""
    here = Path(__file__).resolve().parent
    packaged = here / "themes"
    return packaged if (packaged / BUILTIN).is_dir() else here.parent / "themes"


def theme_exists(root: Path, name: str) -> bool:
    return (root / "themes" / name).is_dir() or (builtin_themes() / name).is_dir()


def theme_dirs(root: Path, name: str) -> list[Path]:
    """Folders searched for a template, most specific first, without duplicates."""
    candidates = [root / "themes" / name, builtin_themes() / name, builtin_themes() / BUILTIN]
    unique: list[Path] = []
    for folder in candidates:
        if folder.is_dir() and folder.resolve() not in [u.resolve() for u in unique]:
            unique.append(folder)
    return unique


class MissingWord(KeyError):
    """A template asked for a locale key that no locale file defines (a theme bug)."""


@dataclass(frozen=True)
class Locale:
    """The words and formats of one language."""

    language: str
    words: Mapping[str, Any]

    def __call__(self, key: str, **values: Any) -> str:
        node: Any = self.words
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise MissingWord(f"locale '{self.language}' has no entry '{key}'")
            node = node[part]
        return str(node).format(**values) if values else str(node)

    def date(self, value: str | dt.date | None, style: str = "medium") -> str:
        """A content date at its own precision: 'Jun 2024' for a month, '18 Nov 2026' for a day."""
        if value is None:
            return ""
        if isinstance(value, str):
            precise = parse_date(value)
            if len(value) == 7:
                return format_date(precise, self("formats.month"), locale=self.language)
            value = precise
        day = value.date() if isinstance(value, dt.datetime) else value
        return format_date(day, style, locale=self.language)

    def number(self, value: float, digits: int = 2) -> str:
        pattern = "#,##0." + "0" * digits if digits else "#,##0"
        return format_decimal(value, format=pattern, locale=self.language)

    def filesize(self, size: int) -> str:
        if size < 1000:
            return self("units.bytes", size=self.number(size, 0))
        if size < 1_000_000:
            return self("units.kilobytes", size=self.number(size / 1000, 1))
        return self("units.megabytes", size=self.number(size / 1_000_000, 1))

    def percent(self, value: float, digits: int = 1) -> str:
        return format_percent(value, format="#,##0." + "0" * digits + " %", locale=self.language)


def load_locale(root: Path, theme: str, language: str) -> Locale:
    """Built-in words first, then any the portfolio's theme overrides."""
    words: dict[str, Any] = {}
    for folder in reversed(theme_dirs(root, theme)):
        path = folder / "locales" / f"{language}.yml"
        if path.is_file():
            _merge(words, YAML(typ="safe").load(path.read_text("utf-8")) or {})
    return Locale(language, words)


def _merge(into: dict[str, Any], update: Mapping[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


@jinja2.pass_context
def relative_link(context: jinja2.runtime.Context, target: str) -> str:
    """A link from the page being rendered (`here`) to another page's source path."""
    return posixpath.relpath(target, posixpath.dirname(context["here"]) or ".")


def table_cell(text: str | None) -> str:
    """Text that stays inside one Markdown table cell."""
    return " ".join(str(text or "").split()).replace("|", "\\|")


@dataclass(frozen=True)
class Theme:
    """Templates of one part of the theme (site, pdf, mail), with the locale as globals."""

    root: Path
    name: str
    locale: Locale

    def folders(self, part: str) -> list[Path]:
        return [
            folder / part for folder in theme_dirs(self.root, self.name) if (folder / part).is_dir()
        ]

    @cached_property
    def environment(self) -> jinja2.Environment:
        loader = jinja2.FileSystemLoader([str(f) for f in theme_dirs(self.root, self.name)])
        env = jinja2.Environment(
            loader=loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.globals["t"] = self.locale
        env.filters["date"] = self.locale.date
        env.filters["number"] = self.locale.number
        env.filters["percent"] = self.locale.percent
        env.filters["filesize"] = self.locale.filesize
        env.filters["rel"] = relative_link
        env.filters["cell"] = table_cell
        return env

    def render(self, template: str, **context: Any) -> str:
        return self.environment.get_template(template).render(**context)
