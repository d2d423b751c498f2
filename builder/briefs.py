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
    portfolio: Portfolio, doc: Document[Brief], facts: BriefFacts, today: dt.date
) -> list[Problem]:
    """A call that contradicts its own upside, a date in the future, prices out of order."""
    bands: RatingBands = portfolio.site.briefs.rating_bands
    meta, path = doc.meta, portfolio_relative(portfolio, doc.path)
    upside = f"{facts.upside:+.1%}"
    found: list[tuple[list[str | int], str, str]] = []
    if meta.rating == "buy" and facts.upside < bands.buy:
        found.append((["rating"], f"buy with an upside of {upside}, below the buy band of {bands.buy:+.0%}",
                      "raise the target, or rate it hold"))  # fmt: skip
    elif meta.rating == "sell" and facts.upside > bands.sell:
        found.append((["rating"], f"sell with an upside of {upside}, above the sell band of {bands.sell:+.0%}",
                      "lower the target, or rate it hold"))  # fmt: skip
    elif meta.rating == "hold" and not bands.sell <= facts.upside <= bands.buy:
        better = "buy" if facts.upside > bands.buy else "sell"
        found.append((["rating"], f"hold with an upside of {upside}, outside {bands.sell:+.0%} to {bands.buy:+.0%}",
                      f"rate it {better}, or revise the target"))  # fmt: skip
    if facts.as_of is not None and facts.as_of > today:
        found.append((["as_of"] if meta.as_of else ["prices"], f"as of {facts.as_of}, which is in the future",
                      "use the date of the last price"))  # fmt: skip
    series = portfolio.prices.get(doc.id)
    if series is not None and not series.was_sorted:
        found.append((["prices"], "the price file's rows are not in date order (they were sorted when read)",
                      "sort the file by date, oldest first"))  # fmt: skip
    problems = []
    for loc, message, hint in found:
        line, column = doc.source.position(loc)
        problems.append(Problem(path, line, column, format_loc(loc), message, hint))
    return problems
