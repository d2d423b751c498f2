"""Dates as the private kit writes them: long, with the weekday, the same way in every output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builder.core.words import load_locale
from tests.conftest import REPO, write


def test_long_dates_read_as_each_language_writes_them() -> None:
    english, spanish = load_locale(REPO, "default", "en"), load_locale(REPO, "default", "es")
    assert english.long_date("2026-11-18") == "Wednesday 18 November 2026"
    assert english.long_date("2026-11-18T10:00") == "Wednesday 18 November 2026"
    assert spanish.long_date(dt.date(2026, 11, 18)) == "miércoles 18 de noviembre de 2026"
    assert spanish.long_date("2026-11") == "nov 2026"  # a month has no weekday
    assert english.join(["A", "B", "C"]) == "A, B and C"
    assert spanish.join(["A", "B", "C"]) == "A, B y C"


def test_a_theme_writes_american_dates(tmp_path: Path) -> None:
    write(tmp_path, "themes/us/locales/en.yml",
          "formats:\n  locale: en_US\n  long_date: 'EEEE, MMMM d, y'\n")  # fmt: skip
    assert (
        load_locale(tmp_path, "us", "en").long_date("2026-11-18") == "Wednesday, November 18, 2026"
    )
