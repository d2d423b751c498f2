"""Stock briefs in the analyse stage: the note's numbers, and whether its call is consistent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.core.errors import Problem, format_loc
from builder.core.models import Brief, RatingBands
from builder.core.words import Locale
from builder.load.portfolio import Document, Portfolio, portfolio_relative
from builder.load.prices import GAP, BriefMetrics, gaps, metrics
from builder.load.read import as_day
from builder.load.research import (
    MarketData,
    TargetDerivation,
    derive_target,
    market_data,
    peer_medians,
)


@dataclass(frozen=True)
class BriefFacts:
    """Price, date and upside of every brief; the full metrics when it has a price series; the
    market data, target derivation and peer medians its structured fields allow."""

    price: float
    as_of: dt.date | None
    upside: float
    metrics: BriefMetrics | None
    market: MarketData | None = None
    derivation: TargetDerivation | None = None
    peer_medians: tuple[float | None, ...] = ()


def brief_facts(portfolio: Portfolio, doc: Document[Brief]) -> BriefFacts:
    meta = doc.meta
    as_of = as_day(meta.as_of)
    series = portfolio.prices.get(doc.id)
    derivation, medians = derive_target(meta), tuple(peer_medians(meta))
    if series is not None:
        computed = metrics(series, meta.price_target, meta.price, as_of)
        market = market_data(meta, computed.price, computed.average_volume)
        return BriefFacts(
            computed.price, computed.as_of, computed.upside, computed, market, derivation, medians
        )
    assert meta.price is not None, "load() requires `price` when there is no price series"
    market = market_data(meta, meta.price, None)
    upside = meta.price_target / meta.price - 1
    return BriefFacts(meta.price, as_of, upside, None, market, derivation, medians)


def rating_problems(
    portfolio: Portfolio, doc: Document[Brief], facts: BriefFacts, today: dt.date, t: Locale
) -> list[Problem]:
    """A call that contradicts its own upside, a date in the future."""
    bands: RatingBands = portfolio.site.briefs.rating_bands
    meta, path = doc.meta, portfolio_relative(portfolio, doc.path)
    upside = t.signed_percent(facts.upside)
    buy, sell = t.signed_percent(bands.buy, 0), t.signed_percent(bands.sell, 0)
    found: list[tuple[list[str | int], str, str]] = []
    if meta.rating == "buy" and facts.upside < bands.buy:
        found.append(
            (["rating"], t("check.buy_low", upside=upside, band=buy), t("check.buy_low_hint"))
        )
    elif meta.rating == "sell" and facts.upside > bands.sell:
        found.append(
            (["rating"], t("check.sell_high", upside=upside, band=sell), t("check.sell_high_hint"))
        )
    elif meta.rating == "hold" and not bands.sell <= facts.upside <= bands.buy:
        better = t(
            "brief.ratings.buy" if facts.upside > bands.buy else "brief.ratings.sell"
        ).lower()
        found.append((["rating"], t("check.hold_outside", upside=upside, low=sell, high=buy),
                      t("check.hold_outside_hint", better=better)))  # fmt: skip
    if facts.as_of is not None and facts.as_of > today:
        where: list[str | int] = ["as_of"] if meta.as_of else ["prices"]
        found.append(
            (where, t("check.future", date=facts.as_of.isoformat()), t("check.future_hint"))
        )
    problems = []
    for loc, message, hint in found:
        line, column = doc.source.position(loc)
        problems.append(Problem(path, line, column, format_loc(loc), message, hint))
    return problems


def price_problems(
    portfolio: Portfolio, doc: Document[Brief], facts: BriefFacts, t: Locale
) -> list[Problem]:
    """Rows out of date order and gaps, at their row of the price file, and a note dated long
    after its last price: all read and computed correctly, but worth a look."""
    series, meta = portfolio.prices.get(doc.id), doc.meta
    if series is None or meta.prices is None:
        return []
    path = portfolio_relative(portfolio, doc.folder / meta.prices)
    found = []
    if series.disorder is not None:
        d = series.disorder
        message = t(
            "check.unsorted", day=d.day, previous=d.previous_day, previous_row=d.previous_row
        )
        found.append(
            Problem(path, d.row, None, series.date_column, message, t("check.unsorted_hint"))
        )
    for gap in gaps(series):
        message = t("check.gap", days=gap.days, before=gap.before, after=gap.after,
                    before_row=gap.before_row)  # fmt: skip
        found.append(
            Problem(path, gap.after_row, None, series.date_column, message, t("check.gap_hint"))
        )
    return found + _stale(portfolio, doc, facts, t)


def _stale(
    portfolio: Portfolio, doc: Document[Brief], facts: BriefFacts, t: Locale
) -> list[Problem]:
    """`as_of` weeks after the last price: the 52-week figures end on that price, not on `as_of`."""
    m = facts.metrics
    if m is None or doc.meta.as_of is None or m.as_of - m.period_end <= GAP:
        return []
    line, column = doc.source.position(["as_of"])
    days = (m.as_of - m.period_end).days
    message = t("check.stale", date=m.as_of, last=m.period_end, days=days)
    hint = t("check.stale_hint", date=m.as_of, last=m.period_end)
    return [Problem(portfolio_relative(portfolio, doc.path), line, column, "as_of", message, hint)]
