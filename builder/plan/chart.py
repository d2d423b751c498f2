"""The price chart of a brief: geometry and labels computed here, drawn by the theme's SVG template."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from babel.dates import format_date

from builder.core.words import Locale
from builder.load.prices import PriceSeries

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = (
    52,
    78,
    44,
    46,
)  # room for the title and unit, price labels, dates, source
TITLE_Y, UNIT_Y = 14, 32  # baselines of the title and of the unit above the price axis
FONT_SIZE = 11
CHAR_WIDTH = 0.62
"""Width of a character of the chart's bold sans-serif labels, in ems, rounded up: enough to keep
a label inside the chart whatever font the reader has."""
MAX_POINTS = 700


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    path: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    target_y: float
    target_label: str
    target_label_y: (
        float  # the label sits just above the line inside the plot, or below it at the top
    )
    last_x: float
    last_y: float
    last_label: str
    title: str
    description: str
    unit: str
    source: list[str]  # the source line, wrapped to the chart's width
    source_y: float
    target_label_x: float  # where the target label starts: it ends at the plot's right edge
    title_y: float = TITLE_Y
    unit_y: float = UNIT_Y


SOURCE_SIZE, SOURCE_LEADING = 10, 13


def wrap(text: str, width: float, size: float) -> list[str]:
    """Words into lines no wider than `width` by `label_width`'s estimate (SVG text never wraps)."""
    lines: list[str] = []
    for word in text.split():
        if lines and label_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def label_width(text: str, size: float = FONT_SIZE) -> float:
    """A generous estimate of the width of a label, so that placing it never clips it."""
    return len(text) * size * CHAR_WIDTH


LABEL_GAP, LABEL_HEIGHT = 5, 11


def label_beside(line_y: float) -> float:
    """The baseline of a label written along a horizontal line, inside the plot, so that it is
    never cut off by the edge of the chart: above the line, or below it when there is no room."""
    above = line_y - LABEL_GAP
    return above if above - LABEL_HEIGHT >= TOP else line_y + LABEL_GAP + LABEL_HEIGHT


def price_chart(
    series: PriceSeries, target: float, currency: str, company: str, t: Locale, source: str = ""
) -> Chart:
    dates, closes = series.dates, series.close
    low, high = min(min(closes), target), max(max(closes), target)
    y_min, y_max, step = nice_range(low, high)
    first, last = dates[0].toordinal(), dates[-1].toordinal()
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(day: dt.date) -> float:
        return LEFT + (day.toordinal() - first) / max(1, last - first) * (right - LEFT)

    def y(value: float) -> float:
        return bottom - (value - y_min) / (y_max - y_min) * (bottom - TOP)

    points = [(x(d), y(c)) for d, c in thin(dates, closes)]
    path = "M" + " L".join(f"{px:.1f},{py:.1f}" for px, py in points)
    digits = 0 if step >= 1 else 2
    y_ticks = [Tick(y(v), t.number(v, digits)) for v in _steps(y_min, y_max, step)]
    x_ticks = [
        Tick(x(d), format_date(d, t("formats.chart_month"), locale=t.language))
        for d in month_ticks(dates[0], dates[-1])
    ]
    words = {"company": company, "start": t.date(dates[0].isoformat()), "end": t.date(dates[-1].isoformat()),
             "low": t.number(min(closes)), "high": t.number(max(closes)),
             "target": f"{t.number(target)} {currency}", "currency": currency}  # fmt: skip
    target_label = t("brief.chart_target", target=t.number(target))
    source_lines = wrap(source, WIDTH, SOURCE_SIZE)
    height = HEIGHT + SOURCE_LEADING * max(0, len(source_lines) - 1)
    return Chart(
        WIDTH, height, LEFT, right, TOP, bottom, path, x_ticks, y_ticks,
        target_y=y(target),
        target_label=target_label,
        target_label_x=max(LEFT, right - label_width(target_label)),
        target_label_y=label_beside(y(target)),
        last_x=points[-1][0],
        last_y=points[-1][1],
        last_label=t.number(closes[-1]),
        title=t("brief.chart_title", **words),
        description=t("brief.chart_description", **words),
        unit=t("brief.chart_unit", currency=currency),
        source=source_lines,
        source_y=bottom + 36,
    )  # fmt: skip


def nice_range(low: float, high: float, ticks: int = 5) -> tuple[float, float, float]:
    """Axis bounds on round numbers (1, 2, 2.5 or 5 × a power of ten) around [low, high]."""
    span = (high - low) or abs(high) or 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _steps(start: float, stop: float, step: float) -> list[float]:
    count = round((stop - start) / step)
    return [start + i * step for i in range(count + 1)]


def month_ticks(start: dt.date, end: dt.date, most: int = 7) -> list[dt.date]:
    """First days of months on a round step (1, 2, 3, 6, 12… months), at most `most` of them."""
    first = start.year * 12 + start.month  # the month after `start`, counted from year 0
    last = end.year * 12 + end.month - 1
    months = range(first, last + 1)
    every = next(
        n for n in (1, 2, 3, 6, 12, 24, 60, 120) if len([m for m in months if m % n == 0]) <= most
    )
    return [dt.date(m // 12, m % 12 + 1, 1) for m in months if m % every == 0]


def thin(dates: tuple[dt.date, ...], values: tuple[float, ...]) -> list[tuple[dt.date, float]]:
    """At most MAX_POINTS points, keeping each bucket's low and high so no spike disappears."""
    pairs = list(zip(dates, values, strict=True))
    if len(pairs) <= MAX_POINTS:
        return pairs
    size = math.ceil(len(pairs) / (MAX_POINTS / 2))
    kept: list[tuple[dt.date, float]] = []
    for i in range(0, len(pairs), size):
        bucket = pairs[i : i + size]
        extremes = sorted({min(bucket, key=lambda p: p[1]), max(bucket, key=lambda p: p[1])})
        kept += extremes
    if kept[-1] != pairs[-1]:
        kept.append(pairs[-1])
    return kept
