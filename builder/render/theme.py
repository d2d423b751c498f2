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
import markupsafe
import yaml
from babel import Locale as BabelLocale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from builder.core.literal import link_target, markdown_text, path_target
from builder.core.models import parse_date
from builder.core.urls import relative_url
from builder.core.yaml12 import FastLoader

BUILTIN = "default"


def builtin_themes() -> Path:
    """Installed wheels carry the theme inside the package; a source checkout has it at the top."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "themes"
    return packaged if (packaged / BUILTIN).is_dir() else package.parent / "themes"


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
        if isinstance(node, Mapping) and "other" in node:
            node = self._plural(node, key, values)
        return str(node).format(**values) if values else str(node)

    def _plural(self, forms: Mapping[str, Any], key: str, values: dict[str, Any]) -> Any:
        """An entry with plural forms ({one: …, other: …}) in the form `count` needs in this
        language (CLDR rules: '1 brief', '2 briefs'; Spanish 'many' falls back to other)."""
        if "count" not in values:
            raise MissingWord(f"locale entry '{key}' has plural forms and needs a count")
        form = BabelLocale.parse(self.language).plural_form(values["count"])
        return forms.get(form, forms["other"])

    def get(self, key: str, **values: Any) -> str:
        """The entry, or "" when the locale has none (optional words such as hints)."""
        try:
            return self(key, **values)
        except MissingWord:
            return ""

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
        pattern = self("formats.percent").replace("0.0", "0." + "0" * digits if digits else "0")
        return format_percent(value, format=pattern, locale=self.language)

    def signed_percent(self, value: float, digits: int = 1) -> str:
        """An upside or a return: always with its sign, '+14.5%' or '−30.4%'."""
        text = self.percent(abs(value), digits)
        return ("+" if value > 0 else "−" if value < 0 else "") + text


def load_locale(root: Path, theme: str, language: str) -> Locale:
    """Built-in words first, then any the portfolio's theme overrides."""
    words: dict[str, Any] = {}
    for folder in reversed(theme_dirs(root, theme)):
        path = folder / "locales" / f"{language}.yml"
        if path.is_file():
            _merge(words, yaml.load(path.read_text("utf-8"), Loader=FastLoader) or {})  # noqa: S506
    return Locale(language, words)


def english() -> Locale:
    """The built-in English words, for messages given before a portfolio's language is known."""
    return load_locale(builtin_themes(), BUILTIN, "en")


def _merge(into: dict[str, Any], update: Mapping[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


@jinja2.pass_context
def relative_link(context: jinja2.runtime.Context, target: str) -> markupsafe.Markup:
    """A Markdown link from the page being rendered (`here`) to another page's source path."""
    return path_target(posixpath.relpath(target, posixpath.dirname(context["here"]) or "."))


@jinja2.pass_context
def relative_file_url(context: jinja2.runtime.Context, target: str) -> markupsafe.Markup:
    """An HTML link from the page being rendered to a published file such as a PDF."""
    return path_target(relative_url(target, context["here"]))


def table_cell(text: str | None) -> markupsafe.Markup:
    """Text that stays inside one Markdown table cell, as written."""
    return markdown_text(text or "")


def page_value(value: object) -> object:
    """What a Markdown page prints: text as written (see builder.core.literal); markup that a filter
    or the candidate's own Markdown body produced passes unchanged."""
    return value if isinstance(value, markupsafe.Markup) else markdown_text(value)


def css_string(text: str) -> markupsafe.Markup:
    """Text safe inside a CSS string literal in a <style> element (running footers)."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return markupsafe.Markup(escaped.replace("<", "\\3c ").replace(">", "\\3e "))


def display_url(url: str) -> str:
    """An address as people write it on paper: no scheme, no trailing slash."""
    return (
        str(url)
        .removeprefix("https://")
        .removeprefix("http://")
        .removeprefix("mailto:")
        .rstrip("/")
    )


def markdown_html(text: str) -> markupsafe.Markup:
    """The candidate's own Markdown, for PDFs (the site engine renders it for the web)."""
    import markdown

    return markupsafe.Markup(markdown.markdown(text, extensions=["extra", "sane_lists"]))


# Material for MkDocs' palette, as print colours for the PDFs.
PRINT_COLOURS = {
    "red": "#d32f2f", "pink": "#c2185b", "purple": "#7b1fa2", "deep purple": "#512da8",
    "indigo": "#3949ab", "blue": "#1565c0", "light blue": "#0277bd", "cyan": "#00838f",
    "teal": "#00796b", "green": "#2e7d32", "light green": "#558b2f", "lime": "#827717",
    "yellow": "#8d6e00", "amber": "#a15c00", "orange": "#c43e00", "deep orange": "#bf360c",
    "brown": "#5d4037", "grey": "#616161", "blue grey": "#455a64", "black": "#212121",
    "white": "#37474f",
}  # fmt: skip


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
        """HTML and plain-text templates: PDFs, mails, the dashboard."""
        return self._environment()

    @cached_property
    def markdown_environment(self) -> jinja2.Environment:
        """The site's Markdown pages: every value printed stays text, never Markdown."""
        return self._environment(page_value)

    def _environment(self, finalize: Any = None) -> jinja2.Environment:
        loader = jinja2.FileSystemLoader([str(f) for f in theme_dirs(self.root, self.name)])
        env = jinja2.Environment(
            loader=loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=finalize,
        )
        env.globals["t"] = self.locale
        env.filters["date"] = self.locale.date
        env.filters["number"] = self.locale.number
        env.filters["percent"] = self.locale.percent
        env.filters["signed_percent"] = self.locale.signed_percent
        env.filters["filesize"] = self.locale.filesize
        env.filters["rel"] = relative_link
        env.filters["file_url"] = relative_file_url
        env.filters["cell"] = table_cell
        env.filters["css_string"] = css_string
        env.filters["display_url"] = display_url
        env.filters["markdown"] = markdown_html
        env.filters["link"] = link_target
        env.globals["font"] = self.font_url
        return env

    def font_url(self, name: str) -> str:
        """A font file of the theme (the portfolio's first), as a file:// URL for the PDF engine."""
        for folder in self.folders("pdf/fonts"):
            if (folder / name).is_file():
                return (folder / name).resolve().as_uri()
        raise jinja2.TemplateError(f"font '{name}' not found in any theme's pdf/fonts/")

    def files(self, part: str) -> list[Path]:
        """Every file of a part of the theme (for the fingerprints of incremental builds)."""
        return sorted(p for folder in self.folders(part) for p in folder.rglob("*") if p.is_file())

    def render(self, template: str, **context: Any) -> str:
        markdown = template.endswith(".md")
        environment = self.markdown_environment if markdown else self.environment
        return environment.get_template(template).render(**context)
