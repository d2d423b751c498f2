"""Chart geometry: round axis steps, month ticks, and no spike lost when thinning."""

from __future__ import annotations

import datetime as dt

import pytest

import builder.plan.chart as chart_module
from builder.plan.chart import MAX_POINTS, month_ticks, nice_range, thin


def test_nice_range_covers_the_data_on_round_steps() -> None:
    assert nice_range(90.34, 155) == (80, 160, 20)
    low, high, step = nice_range(0.512, 0.893)
    assert low <= 0.512 and high >= 0.893 and step == 0.1
    assert nice_range(1234, 1555) == (1200, 1600, 100)


def test_month_ticks_are_round_and_few() -> None:
    two_years = month_ticks(dt.date(2015, 2, 17), dt.date(2017, 2, 16))
    assert two_years == [
        dt.date(2015, 7, 1),
        dt.date(2016, 1, 1),
        dt.date(2016, 7, 1),
        dt.date(2017, 1, 1),
    ]
    ten_years = month_ticks(dt.date(2010, 1, 4), dt.date(2020, 1, 2))
    assert len(ten_years) <= 7 and all(d.month == 1 for d in ten_years)
    assert month_ticks(dt.date(2024, 1, 10), dt.date(2024, 3, 5)) == [
        dt.date(2024, 2, 1),
        dt.date(2024, 3, 1),
    ]


def test_thinning_keeps_extremes_and_the_last_point() -> None:
    start = dt.date(2000, 1, 1)
    dates = tuple(start + dt.timedelta(days=i) for i in range(5000))
    values = tuple(100.0 + (i % 50) for i in range(5000))
    spiky = values[:2500] + (999.0,) + values[2501:]
    kept = thin(dates, spiky)
    assert len(kept) <= MAX_POINTS + 1
    assert (dates[2500], 999.0) in kept and kept[-1] == (dates[-1], spiky[-1])
    assert kept == sorted(kept)


@pytest.mark.parametrize("line_y", [chart_module.TOP, chart_module.TOP + 3, 120.0, 230.0])
def test_the_target_label_stays_inside_the_plot(line_y: float) -> None:
    """Written along the target line and ending at the plot's right edge, it is never clipped."""
    baseline = chart_module.label_beside(line_y)
    assert baseline - chart_module.LABEL_HEIGHT >= chart_module.TOP
    assert abs(baseline - line_y) <= chart_module.LABEL_GAP + chart_module.LABEL_HEIGHT
