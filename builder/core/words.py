"""The words of a language: every word the builder writes, from `locales/LANG.yml` of the
theme (the portfolio's first, then the built-in one), with dates and numbers formatted for
the language by Babel. Data, not rendering: every stage may read them, and no template
engine comes with them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel import Locale as BabelLocale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from builder.core.models import parse_date
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

    @property
    def region(self) -> str:
        """The Babel locale whose calendar the long dates follow: `formats.locale` of the locale
        file ('en_GB', 'es_ES'), else the bare language."""
        return self.get("formats.locale") or self.language

    def long_date(self, value: str | dt.date | None) -> str:
        """A day as a letter or a briefing writes it, weekday included: 'Wednesday 18 November
        2026', 'miércoles 18 de noviembre de 2026'. The pattern is `formats.long_date` of the
        locale file, else the full form of `region` in CLDR; one place for every date the private
        kit writes, so a language reads the same in every email, briefing and sheet."""
        if value is None or value == "":
            return ""
        if isinstance(value, str) and len(value) == 7:
            return self.date(value)  # a month has no weekday
        day = parse_date(value) if isinstance(value, str) else value
        day = day.date() if isinstance(day, dt.datetime) else day
        pattern = self.get("formats.long_date") or "full"
        return format_date(day, pattern, locale=self.region)

    def long_day(self, value: str | dt.date) -> str:
        """A day of this year as a letter writes it, without the year it goes without saying:
        'Monday 23 November', 'Monday, November 23', 'lunes 23 de noviembre'. The pattern of
        `long_date` with its year cut off the end."""
        pattern = self.get("formats.long_date") or "full"
        if pattern in ("full", "long", "medium", "short"):
            pattern = BabelLocale.parse(self.region).date_formats[pattern].pattern
        short = re.sub(r"(,?\s*'de'|,)?\s*y+\s*$", "", pattern)
        day = parse_date(value) if isinstance(value, str) else value
        day = day.date() if isinstance(day, dt.datetime) else day
        return format_date(day, short, locale=self.region)

    def join(self, items: list[str]) -> str:
        """Items inside a sentence as the language lists them: 'A, B and C', 'A, B y C'."""
        return format_list(items, locale=self.region) if items else ""

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
