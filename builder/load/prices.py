"""Daily prices from the CSV exports people actually have, and the metrics of a research note.

Accepted layouts: Yahoo (`Date,Open,High,Low,Close,Adj Close,Volume`), Stooq
(`Date,Open,High,Low,Close,Volume`), a plain `Date,Close`, and prefixed columns such
as `AAPL.Close` / `AAPL.Adjusted`; rows in any order, blank lines ignored. Prices
shown and compared with the target are closes; returns, volatility and drawdown
use adjusted closes when the file has them (dividends and splits included).

Duplicate dates and weekly or monthly files are refused. Rows out of order are
sorted and remembered, and a gap (weeks without a price) is remembered too: the
figures of a note then use only the prices after it, never a return across it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import statistics
from dataclasses import dataclass, replace
from pathlib import Path

from builder.core.errors import Problems

TRADING_DAYS = 252
YEAR = dt.timedelta(days=365)
GAP = dt.timedelta(days=14)
"""Two rows further apart than this have a gap between them, not a market holiday: the longest
regular closures (Lunar New Year and Golden Week in Shanghai and Shenzhen) leave 11 days
between two rows, 9/11 left 7. No figure of a note is computed across a gap."""
DAILY = 5
"""A file whose typical step between rows is longer than this many days holds weekly or monthly
prices: annualised volatility and the 52-week figures assume one row per trading day."""


@dataclass(frozen=True)
class Disorder:
    """The first row whose date is earlier than the row above it."""

    row: int
    day: dt.date
    previous_row: int
    previous_day: dt.date


@dataclass(frozen=True)
class Gap:
    """Two consecutive prices (in date order) further apart than `GAP`."""

    before: dt.date
    after: dt.date
    before_row: int
    after_row: int

    @property
    def days(self) -> int:
        return (self.after - self.before).days


@dataclass(frozen=True)
class PriceSeries:
    """Daily closes in date order; `adjusted` equals `close` when the file has no adjusted column.

    `rows` are the lines of the file the prices came from, so that a problem found later
    (a gap, rows out of order) can still be shown at its place in the file."""

    dates: tuple[dt.date, ...]
    close: tuple[float, ...]
    adjusted: tuple[float, ...]
    rows: tuple[int, ...] = ()
    disorder: Disorder | None = None
    date_column: str = "Date"
    volume: tuple[float | None, ...] = ()
    """Shares traded each day, when the file has a Volume column (a blank or odd cell: None)."""

    def row(self, index: int) -> int:
        """The line of the file of the price at `index` (a sorted file with a header without `rows`)."""
        return self.rows[index] if self.rows else index + 2

    def until(self, day: dt.date) -> PriceSeries:
        """The series up to and including `day` (the note's as-of date)."""
        return self._slice(0, sum(1 for d in self.dates if d <= day))

    def since(self, day: dt.date) -> PriceSeries:
        """The series from `day` on."""
        return self._slice(sum(1 for d in self.dates if d < day), len(self.dates))

    def _slice(self, start: int, stop: int) -> PriceSeries:
        return replace(
            self,
            dates=self.dates[start:stop],
            close=self.close[start:stop],
            adjusted=self.adjusted[start:stop],
            rows=self.rows[start:stop],
            volume=self.volume[start:stop],
        )


def gaps(series: PriceSeries) -> list[Gap]:
    """Every stretch without prices longer than `GAP`, in date order."""
    return [
        Gap(a, b, series.row(i), series.row(i + 1))
        for i, (a, b) in enumerate(zip(series.dates, series.dates[1:], strict=False))
        if b - a > GAP
    ]


def contiguous(series: PriceSeries) -> tuple[PriceSeries, Gap | None]:
    """The prices after the last gap, and that gap: the only part a figure may be computed on."""
    found = gaps(series)
    if not found:
        return series, None
    return series.since(found[-1].after), found[-1]


# ---------------------------------------------------------------------------
# Reading


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _find(header: list[str], accept: tuple[str, ...]) -> int | None:
    """The first column whose name is, or ends with, one of `accept` (normalised)."""
    keys = [_key(h) for h in header]
    for wanted in accept:
        for index, key in enumerate(keys):
            if key == wanted or key.endswith(wanted):
                return index
    return None


def read_prices(path: Path, problems: Problems) -> PriceSeries | None:
    """The price series in `path`, or None after recording every problem with its row."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.say(path, "prices_not_utf8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    try:
        rows = [
            (number, row)
            for number, row in enumerate(csv.reader(io.StringIO(text)), start=1)
            if any(c.strip() for c in row)
        ]
    except csv.Error as error:
        problems.say(path, "prices_csv", error=error)
        return None
    if not rows:
        problems.say(path, "prices_empty")
        return None
    header_line, header = rows[0]
    date_col = _find(header, ("date", "fecha", "datetime", "timestamp"))
    close_col = _find(header, ("close", "cierre", "price", "last"))
    adjusted_col = _find(header, ("adjclose", "adjustedclose", "adjusted"))
    if close_col is not None and close_col == adjusted_col:
        close_col = _find(
            [h if i != adjusted_col else "" for i, h in enumerate(header)],
            ("close", "price", "last"),
        )
    if date_col is None or (close_col is None and adjusted_col is None):
        problems.say(
            path, "prices_columns", line=header_line, found=", ".join(h.strip() for h in header)
        )
        return None
    close_col = close_col if close_col is not None else adjusted_col
    adjusted_col = adjusted_col if adjusted_col is not None else close_col
    series = _rows(path, header, rows[1:], date_col, close_col, adjusted_col, problems)  # type: ignore[arg-type]
    volume_col = _find(header, ("volume", "volumen"))
    if series is None or volume_col is None:
        return series
    by_line = {line: _volume(_cell(row, volume_col)) for line, row in rows[1:]}
    return replace(series, volume=tuple(by_line.get(line) for line in series.rows))


def _volume(text: str) -> float | None:
    """A day's volume; the figures that use it skip a blank or unreadable cell rather than fail."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def _rows(
    path: Path,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    date_col: int,
    close_col: int,
    adjusted_col: int,
    problems: Problems,
) -> PriceSeries | None:
    before = len(problems.items)
    date_column = header[date_col].strip()
    seen: dict[dt.date, int] = {}
    parsed: list[tuple[dt.date, int, float, float]] = []
    for line, row in rows:
        day = _date(path, line, row, date_col, header, problems)
        close = _price(path, line, row, close_col, header, problems)
        adjusted = (
            close
            if adjusted_col == close_col
            else _price(path, line, row, adjusted_col, header, problems)
        )
        if day is None or close is None or adjusted is None:
            continue
        if day in seen:
            problems.say(
                path,
                "prices_twice",
                line=line,
                field=date_column,
                day=day,
                first=seen[day],
                second=line,
            )
            continue
        seen[day] = line
        parsed.append((day, line, close, adjusted))
    if len(problems.items) > before:
        return None
    if len(parsed) < 2:
        problems.say(path, "prices_few", count=len(parsed))
        return None
    disorder = _disorder(parsed)
    parsed.sort()
    step = statistics.median((b[0] - a[0]).days for a, b in zip(parsed, parsed[1:], strict=False))
    if step > DAILY:
        problems.say(path, "prices_not_daily", field=date_column, days=round(step))
        return None
    return PriceSeries(
        tuple(p[0] for p in parsed),
        tuple(p[2] for p in parsed),
        tuple(p[3] for p in parsed),
        tuple(p[1] for p in parsed),
        disorder,
        date_column,
    )


def _disorder(parsed: list[tuple[dt.date, int, float, float]]) -> Disorder | None:
    """Rows in any order are read, but the first one out of order is remembered for `check`."""
    for above, below in zip(parsed, parsed[1:], strict=False):
        if below[0] < above[0]:
            return Disorder(below[1], below[0], above[1], above[0])
    return None


def _cell(row: list[str], column: int) -> str:
    return row[column].strip() if column < len(row) else ""


def _date(
    path: Path, line: int, row: list[str], column: int, header: list[str], problems: Problems
) -> dt.date | None:
    text = _cell(row, column)
    match = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T][0-9:.+\-Z]*)?", text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    problems.say(path, "prices_date", line=line, field=header[column].strip(), value=text)
    return None


def _price(
    path: Path, line: int, row: list[str], column: int, header: list[str], problems: Problems
) -> float | None:
    text = _cell(row, column)
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    name = header[column].strip()
    if not math.isfinite(value):
        problems.say(path, "prices_number", line=line, field=name, value=text)
        return None
    if value <= 0:
        problems.say(path, "prices_positive", line=line, field=name, value=text)
        return None
    return value


# ---------------------------------------------------------------------------
# Metrics


@dataclass(frozen=True)
class BriefMetrics:
    """What a research note states about the stock, all computed here and nowhere else.

    Every figure comes from the prices after the last gap on or before the note's date
    (`series_start` to `period_end`), so none of them spans a stretch without prices."""

    price: float
    as_of: dt.date
    target: float
    upside: float
    window_start: dt.date  # first day of the window of the 52-week figures
    full_year: bool  # False when the usable prices cover less than a year before as_of
    window_months: int
    high: float
    low: float
    period_return: float
    volatility: float | None  # None with fewer than two daily returns: there is nothing to measure
    max_drawdown: float
    series_start: dt.date  # first price the figures use: the file's first, or the first after a gap
    period_end: dt.date  # last price on or before as_of
    gap: Gap | None  # the gap that left the older prices out, if any
    average_volume: float | None = None  # shares a day over the last VOLUME_DAYS prices, if known


def usable(series: PriceSeries, as_of: dt.date | None = None) -> tuple[PriceSeries, Gap | None]:
    """The prices a note's figures may use: up to `as_of`, after the last gap before it."""
    return contiguous(series.until(as_of) if as_of is not None else series)


def metrics(
    series: PriceSeries, target: float, price: float | None = None, as_of: dt.date | None = None
) -> BriefMetrics:
    part, gap = usable(series, as_of)
    assert len(part.dates) >= 2, "load() refuses a brief with fewer than two usable prices"
    last_day = part.dates[-1]
    current = price if price is not None else part.close[-1]
    start = last_day - YEAR  # the 52 weeks up to the last price on or before as_of
    full_year = part.dates[0] <= start
    window = (
        [i for i, d in enumerate(part.dates) if d >= start]
        if full_year
        else list(range(len(part.dates)))
    )
    base = _index_at_or_before(part.dates, start) if full_year else 0
    closes = [part.close[i] for i in window]
    adjusted = part.adjusted[base:]
    returns = [math.log(b / a) for a, b in zip(adjusted, adjusted[1:], strict=False)]
    volatility = statistics.stdev(returns) * math.sqrt(TRADING_DAYS) if len(returns) > 1 else None
    return BriefMetrics(
        price=current,
        as_of=as_of or last_day,
        target=target,
        upside=target / current - 1,
        window_start=part.dates[window[0]],
        full_year=full_year,
        window_months=_months(part.dates[window[0]], last_day),
        high=max(closes),
        low=min(closes),
        period_return=part.adjusted[-1] / part.adjusted[base] - 1,
        volatility=volatility,
        max_drawdown=max_drawdown(part.adjusted),
        series_start=part.dates[0],
        period_end=last_day,
        gap=gap,
        average_volume=average_volume(part),
    )


VOLUME_DAYS = 63
"""Three months of trading days: the average daily volume a research note quotes."""


def average_volume(series: PriceSeries) -> float | None:
    """Mean shares traded a day over the last three months of prices, when the file says."""
    known = [v for v in series.volume[-VOLUME_DAYS:] if v is not None]
    return statistics.fmean(known) if known else None


def _index_at_or_before(dates: tuple[dt.date, ...], day: dt.date) -> int:
    """The last trading day on or before `day` (the base of a one-year return)."""
    return max(i for i, d in enumerate(dates) if d <= day)


def _months(start: dt.date, end: dt.date) -> int:
    return max(1, round((end - start).days / 30.44))


def max_drawdown(values: tuple[float, ...] | list[float]) -> float:
    """The worst fall from a previous peak, as a negative fraction (0.0 if it never fell)."""
    peak, worst = values[0], 0.0
    for value in values:
        peak = max(peak, value)
        worst = min(worst, value / peak - 1)
    return worst
