"""Price files as people export them, and the metrics of a note, checked against numpy."""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

import numpy as np
import pytest

from builder.core.errors import Problems
from builder.load.prices import (
    Disorder,
    Gap,
    PriceSeries,
    contiguous,
    gaps,
    max_drawdown,
    metrics,
    read_prices,
)
from tests.conftest import FIXTURES, REPO, numpy_figures, write

YAHOO = REPO / "content/briefs/data/aapl.csv"  # the real AAPL series, Feb 2015 to Feb 2017
PLOTLY = FIXTURES / "prices/aapl-2015-2017-plotly.csv"


def read(path: Path) -> tuple[PriceSeries | None, list[str]]:
    problems = Problems(path.parent)
    series = read_prices(path, problems)
    return series, [str(p) for p in problems.items]


def test_yahoo_export_prefers_adjusted_close_for_returns() -> None:
    series, problems = read(YAHOO)
    assert problems == [] and series is not None
    assert len(series.dates) == 506
    assert (series.dates[0], series.dates[-1]) == (dt.date(2015, 2, 17), dt.date(2017, 2, 16))
    assert series.close[-1] == 135.350006
    assert series.adjusted[0] == 122.905254


def test_prefixed_columns_and_crlf_line_endings() -> None:
    series, problems = read(PLOTLY)
    assert problems == [] and series is not None
    yahoo, _ = read(YAHOO)
    assert series.close == yahoo.close and series.adjusted == yahoo.adjusted


@pytest.mark.parametrize(
    ("text", "close", "adjusted"),
    [
        ("Date,Open,High,Low,Close,Volume\n2024-01-02,1,1,1,10.5,100\n2024-01-03,1,1,1,11,100\n", 11.0, 11.0),
        ("Date,Close\n2024-01-03,11\n2024-01-02,10.5\n\n\n", 11.0, 11.0),
        ("date;close\n", None, None),
    ],
)  # fmt: skip
def test_stooq_plain_and_unsorted_files(
    tmp_path: Path, text: str, close: float | None, adjusted: float | None
) -> None:
    path = write(tmp_path, "p.csv", text)
    series, problems = read(path)
    if close is None:
        assert series is None and "no Date and Close columns" in problems[0]
        return
    assert series is not None and series.close[-1] == close and series.adjusted[-1] == adjusted
    assert series.dates == (dt.date(2024, 1, 2), dt.date(2024, 1, 3))


def test_unsorted_rows_are_accepted_and_remembered_with_their_rows(tmp_path: Path) -> None:
    text = "Date,Close\n2024-01-02,10\n2024-01-04,11\n2024-01-03,10.5\n2024-01-05,12\n"
    series, _ = read(write(tmp_path, "p.csv", text))
    assert series is not None
    assert series.disorder == Disorder(4, dt.date(2024, 1, 3), 3, dt.date(2024, 1, 4))
    assert series.rows == (2, 4, 3, 5)  # each price keeps its line, in date order
    in_order, _ = read(write(tmp_path, "q.csv", "Date,Close\n2024-01-02,10\n2024-01-03,11\n"))
    assert in_order is not None and in_order.disorder is None


@pytest.mark.parametrize(
    ("rows", "line", "field", "message"),
    [
        ("2024-01-02,10\n02/01/2024,11\n", 3, "Date", "'02/01/2024' is not a date"),
        ("2024-01-02,10\n2024-01-03,abc\n", 3, "Close", "'abc' is not a number"),
        ("2024-01-02,10\n2024-01-03,null\n", 3, "Close", "'null' is not a number"),
        ("2024-01-02,10\n2024-01-02,11\n", 3, "Date", "appears twice (rows 2 and 3)"),
        ("2024-01-02,10\n2024-01-03,0\n", 3, "Close", "price 0 is not positive"),
        ("2024-01-02,10\n2024-01-03,-4\n", 3, "Close", "price -4 is not positive"),
        ("2024-01-02,10\n", None, "", "has only 1 price row"),
        ("2024-02-30,10\n2024-03-01,11\n", 2, "Date", "'2024-02-30' is not a date"),
    ],
)  # fmt: skip
def test_bad_files_name_the_row_and_column(
    tmp_path: Path, rows: str, line: int | None, field: str, message: str
) -> None:
    path = write(tmp_path, "p.csv", "Date,Close\n" + rows)
    series, problems = read(path)
    assert series is None and len(problems) == 1
    expected = f"p.csv:{line}: {field}: " if line else "p.csv: "
    assert problems[0].startswith(expected) and message in problems[0], problems[0]


def independent(series: PriceSeries, target: float) -> dict[str, float]:
    """The same figures computed another way: numpy, positional slicing, cumulative maxima."""
    dates = np.array([d.toordinal() for d in series.dates])
    close, adjusted = np.array(series.close), np.array(series.adjusted)
    cutoff = dates[-1] - 365
    in_window = dates >= cutoff
    base = np.nonzero(dates <= cutoff)[0][-1]
    log_returns = np.diff(np.log(adjusted[base:]))
    return {
        "upside": target / close[-1] - 1,
        "high": close[in_window].max(),
        "low": close[in_window].min(),
        "return": adjusted[-1] / adjusted[base] - 1,
        "volatility": log_returns.std(ddof=1) * math.sqrt(252),
        "drawdown": (adjusted / np.maximum.accumulate(adjusted) - 1).min(),
    }


def test_metrics_of_the_real_series_match_an_independent_calculation() -> None:
    series, _ = read(YAHOO)
    assert series is not None
    computed = metrics(series, 155.0)
    expected = independent(series, 155.0)
    assert computed.price == 135.350006 and computed.as_of == dt.date(2017, 2, 16)
    assert computed.full_year
    assert computed.upside == pytest.approx(expected["upside"], rel=1e-12)
    assert computed.high == pytest.approx(expected["high"]) and computed.low == pytest.approx(
        expected["low"]
    )
    assert computed.period_return == pytest.approx(expected["return"], rel=1e-12)
    assert computed.volatility == pytest.approx(expected["volatility"], rel=1e-9)
    assert computed.max_drawdown == pytest.approx(expected["drawdown"], rel=1e-12)
    # Known facts of this series: the May 2016 low and a one-year gain of about 41%.
    assert computed.low == pytest.approx(90.339996) and 0.40 < computed.period_return < 0.42


def test_metrics_on_random_walks_match_numpy() -> None:
    rng = random.Random(7)
    for _ in range(20):
        days = rng.randint(380, 900)
        start = dt.date(2010, 1, 4)
        dates = tuple(start + dt.timedelta(days=i + i // 5 * 2) for i in range(days))
        values, price = [], 50.0
        for _ in range(days):
            price *= math.exp(rng.gauss(0.0003, 0.02))
            values.append(round(price, 4))
        series = PriceSeries(dates, tuple(values), tuple(v * 0.97 for v in values))
        computed, expected = metrics(series, 60.0), independent(series, 60.0)
        assert computed.volatility == pytest.approx(expected["volatility"], rel=1e-9)
        assert computed.max_drawdown == pytest.approx(expected["drawdown"], rel=1e-9)
        assert computed.period_return == pytest.approx(expected["return"], rel=1e-9)
        assert (computed.high, computed.low) == (
            pytest.approx(expected["high"]),
            pytest.approx(expected["low"]),
        )


def test_a_series_shorter_than_a_year_says_so() -> None:
    series, _ = read(YAHOO)
    assert series is not None
    short = PriceSeries(series.dates[-120:], series.close[-120:], series.adjusted[-120:])
    computed = metrics(short, 155.0)
    assert not computed.full_year and computed.window_months == 6
    assert computed.period_return == pytest.approx(short.adjusted[-1] / short.adjusted[0] - 1)
    assert computed.high == max(short.close)


def test_as_of_and_price_override_the_series() -> None:
    series, _ = read(YAHOO)
    assert series is not None
    computed = metrics(series, 155.0, price=140.0, as_of=dt.date(2016, 6, 30))
    assert computed.as_of == dt.date(2016, 6, 30) and computed.price == 140.0
    assert computed.upside == pytest.approx(155 / 140 - 1)
    assert computed.high == max(c for d, c in zip(series.dates, series.close, strict=True)
                                if dt.date(2015, 7, 1) <= d <= dt.date(2016, 6, 30))  # fmt: skip


def test_max_drawdown() -> None:
    assert max_drawdown([100, 120, 60, 90, 130, 65]) == pytest.approx(-0.5)
    assert max_drawdown([1, 2, 3]) == 0.0


# ---------------------------------------------------------------------------
# Gaps: no figure may span weeks without prices


def without(path: Path, rows: list[str], first: str, last: str) -> Path:
    """The real series with the rows dated `first` to `last` (inclusive) removed."""
    header, *body = rows
    kept = [r for r in body if not first <= r.split(",")[0] <= last]
    path.write_text("\n".join([header, *kept]) + "\n", "utf-8")
    return path


def assert_same_figures(path: Path, target: float, as_of: dt.date | None = None) -> None:
    series, problems = read(path)
    assert series is not None and problems == []
    computed, expected = metrics(series, target, as_of=as_of), numpy_figures(path, target, as_of)
    assert (computed.series_start, computed.period_end) == (expected["first"], expected["last"])
    assert computed.full_year == expected["full_year"]
    assert computed.upside == pytest.approx(expected["upside"], rel=1e-12)
    assert computed.high == pytest.approx(expected["high"], rel=1e-12)
    assert computed.low == pytest.approx(expected["low"], rel=1e-12)
    assert computed.period_return == pytest.approx(expected["return"], rel=1e-12)
    assert computed.max_drawdown == pytest.approx(expected["drawdown"], rel=1e-12)
    if expected["volatility"] is None:
        assert computed.volatility is None
    else:
        assert computed.volatility == pytest.approx(expected["volatility"], rel=1e-9)


@pytest.mark.parametrize(
    ("first", "last", "before", "after", "full_year"),
    [
        ("2016-03-01", "2016-04-15", "2016-02-29", "2016-04-18", False),  # 7 weeks, late
        ("2015-03-02", "2015-03-31", "2015-02-27", "2015-04-01", True),  # a month, early
        ("2015-04-01", "2017-02-13", "2015-03-31", "2017-02-14", False),  # two years: 3 rows left
        ("2015-04-01", "2017-02-14", "2015-03-31", "2017-02-15", False),  # 2 rows: 1 return
    ],
)  # fmt: skip
def test_figures_use_only_the_prices_after_the_last_gap(
    tmp_path: Path, first: str, last: str, before: str, after: str, full_year: bool
) -> None:
    rows = YAHOO.read_text("utf-8").splitlines()
    path = without(tmp_path / "gap.csv", rows, first, last)
    series, _ = read(path)
    assert series is not None
    lines = path.read_text("utf-8").splitlines()
    after_row = next(n for n, line in enumerate(lines, start=1) if line.startswith(after))
    assert gaps(series) == [
        Gap(dt.date.fromisoformat(before), dt.date.fromisoformat(after), after_row - 1, after_row)
    ]
    computed = metrics(series, 155.0)
    assert computed.gap == gaps(series)[0] and computed.full_year == full_year
    assert computed.series_start == dt.date.fromisoformat(after)
    assert_same_figures(path, 155.0)
    # No figure reaches back across the gap: the numbers are those of the part after it alone.
    part, _ = contiguous(series)
    alone = metrics(part, 155.0)
    assert (alone.high, alone.low, alone.period_return, alone.max_drawdown, alone.volatility) == (
        computed.high, computed.low, computed.period_return, computed.max_drawdown, computed.volatility)  # fmt: skip


def test_the_reported_case_a_long_gap_no_longer_makes_high_equal_low(tmp_path: Path) -> None:
    """Two years without prices then three days: the figures are those of the three days."""
    rows = YAHOO.read_text("utf-8").splitlines()
    path = without(tmp_path / "gap.csv", rows, "2015-04-01", "2017-02-13")
    series, _ = read(path)
    assert series is not None
    computed = metrics(series, 155.0)
    assert (
        computed.high == 135.509995 and computed.low == 135.020004 and computed.high != computed.low
    )
    assert computed.period_return == pytest.approx(
        135.350006 / 135.020004 - 1
    )  # 2 days, not 2 years
    assert computed.volatility is not None and computed.volatility > 0
    assert computed.window_months == 1 and not computed.full_year


def test_a_gap_after_the_notes_date_changes_nothing(tmp_path: Path) -> None:
    rows = YAHOO.read_text("utf-8").splitlines()
    path = without(tmp_path / "gap.csv", rows, "2016-09-01", "2016-10-31")
    series, _ = read(path)
    full, _ = read(YAHOO)
    assert series is not None and full is not None
    as_of = dt.date(2016, 8, 31)
    assert metrics(series, 155.0, as_of=as_of) == metrics(full, 155.0, as_of=as_of)
    assert_same_figures(path, 155.0, as_of)


@pytest.mark.parametrize(
    ("step", "is_gap"), [(3, False), (11, False), (14, False), (15, True), (1826, True)]
)
def test_a_gap_is_more_than_two_weeks_between_rows(step: int, is_gap: bool) -> None:
    """Lunar New Year closures leave 11 days between rows: a holiday, not a gap."""
    start = dt.date(2020, 1, 2)
    dates = (start, start + dt.timedelta(days=1), start + dt.timedelta(days=1 + step))
    series = PriceSeries(dates, (1.0, 2.0, 3.0), (1.0, 2.0, 3.0))
    assert bool(gaps(series)) == is_gap


def test_weekly_prices_are_refused(tmp_path: Path) -> None:
    header, *rows = YAHOO.read_text("utf-8").splitlines()
    path = write(tmp_path, "weekly.csv", "\n".join([header, *rows[::5]]) + "\n")
    series, problems = read(path)
    assert series is None
    assert problems == [
        "weekly.csv: Date: holds one price every 7 days, not daily prices — export daily prices"
        " (interval 1 day); the volatility and the 52-week figures count trading days"
    ]
