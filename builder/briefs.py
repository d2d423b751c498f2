"""Stock briefs in the analyse stage: the note's numbers, and whether its call is consistent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.errors import Problem
from builder.load import format_loc
from builder.models import Brief, RatingBands, parse_date
from builder.portfolio import Document, Portfolio
from builder.prices import BriefMetrics, metrics
from builder.privacy import portfolio_relative
from builder.theme import Locale


@dataclass(frozen=True)
class BriefFacts:
    """Price, date and upside of every brief; the full metrics when it has a price series."""

    price: float
    as_of: dt.date | None
    upside: float
    metrics: BriefMetrics | None


def brief_facts(portfolio: Portfolio, doc: Document[Brief]) -> BriefFacts:
    meta = doc.meta
    as_of = _day(meta.as_of)
    series = portfolio.prices.get(doc.id)
    if series is not None:
        computed = metrics(series, meta.price_target, meta.price, as_of)
        return BriefFacts(computed.price, computed.as_of, computed.upside, computed)
    assert meta.price is not None, "load() requires `price` when there is no price series"
    return BriefFacts(meta.price, as_of, meta.price_target / meta.price - 1, None)


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    return parsed.date() if isinstance(parsed, dt.datetime) else parsed


def rating_problems(
    portfolio: Portfolio, doc: Document[Brief], facts: BriefFacts, today: dt.date, t: Locale
) -> list[Problem]:
    """A call that contradicts its own upside, a date in the future, prices out of order."""
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
    series = portfolio.prices.get(doc.id)
    if series is not None and not series.was_sorted:
        found.append((["prices"], t("check.unsorted"), t("check.unsorted_hint")))
    problems = []
    for loc, message, hint in found:
        line, column = doc.source.position(loc)
        problems.append(Problem(path, line, column, format_loc(loc), message, hint))
    return problems
