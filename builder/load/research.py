"""The figures of a research note beyond prices, and the checks that keep a note consistent.

Market data, the price-target derivation and the peer medians are computed here from the brief's
structured fields, so that the page, the PDF and `check` use the same numbers. A note whose prose
states a target or a price that its own box contradicts is an error: a reader who finds a 140
target in the thesis and 160 in the box trusts neither.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from builder.core.errors import Problems, format_loc
from builder.core.models import Brief, Estimate
from builder.core.words import Locale, english
from builder.load.portfolio import Document
from builder.load.source import Source

TOLERANCE = 0.01
"""A derivation within 1% of the price target agrees with it: targets are rounded."""


@dataclass(frozen=True)
class MarketData:
    """Size of the company at the note's price; each figure is None when the brief cannot tell."""

    market_cap: float | None  # millions of the currency
    shares: float | None  # millions
    enterprise_value: float | None  # millions of the currency
    net_cash: float | None  # millions of the currency
    net_cash_per_share: float | None
    average_volume: float | None  # millions of shares a day


def market_data(meta: Brief, price: float, average_volume: float | None) -> MarketData:
    cap = price * meta.shares if meta.shares is not None else None
    ev = cap - meta.net_cash if cap is not None and meta.net_cash is not None else None
    per_share = (
        meta.net_cash / meta.shares
        if meta.net_cash is not None and meta.shares is not None
        else None
    )
    volume = average_volume / 1e6 if average_volume is not None else None
    return MarketData(cap, meta.shares, ev, meta.net_cash, per_share, volume)


@dataclass(frozen=True)
class TargetDerivation:
    """multiple × figure (→ enterprise value → equity per share for an EV multiple) + adjustments."""

    metric: str
    year: str
    figure: float
    multiple: float
    enterprise_value: float | None  # EV multiples only, in millions
    net_cash: float | None
    equity_value: float | None
    shares: float | None
    per_share: float
    adjustments: list[tuple[str, float]]
    target: float


def estimate_for(meta: Brief, year: str) -> Estimate | None:
    return next((e for e in meta.estimates if e.year.casefold() == year.casefold()), None)


def derive_target(meta: Brief) -> TargetDerivation | None:
    """The target the derivation gives, or None when it has no figure to start from."""
    d = meta.derivation
    estimate = estimate_for(meta, d.year) if d else None
    figure = getattr(estimate, d.metric) if d and estimate else None
    if d is None or figure is None:
        return None
    adjustments = [(a.label, a.value) for a in d.adjustments]
    if d.metric == "eps":
        per_share = figure * d.multiple
        ev = equity = None
    elif meta.shares is None or meta.net_cash is None:
        return None
    else:
        ev = figure * d.multiple
        equity = ev + meta.net_cash
        per_share = equity / meta.shares
    target = per_share + sum(v for _, v in adjustments)
    return TargetDerivation(d.metric, d.year, figure, d.multiple, ev, meta.net_cash, equity,
                            meta.shares, per_share, adjustments, target)  # fmt: skip


def peer_medians(meta: Brief) -> list[float | None]:
    """For each valuation row, the median of the named peers' figures (else the row's own)."""
    medians: list[float | None] = []
    for row in meta.valuation:
        values = [p.multiples[row.metric] for p in meta.peers if row.metric in p.multiples]
        medians.append(statistics.median(values) if values else row.peers)
    return medians


# ---------------------------------------------------------------------------
# Checks at load


def check_brief(
    doc: Document[Brief], price: float | None, year: int | None, problems: Problems
) -> None:
    """Structured fields that contradict each other, and prose that contradicts the box."""
    _check_derivation(doc, problems)
    _check_peers(doc, problems)
    t = _words(problems)
    for found in stated_figures(doc.source.body, t.language):
        actual = doc.meta.price_target if found.kind == "target" else price
        if actual is None or agrees(found, actual):
            continue
        if found.kind == "price" and year is not None and found.other_year(year):
            continue  # a price of another year: history, not the current price
        line, column = body_position(doc.source, found.start)
        stated = found.text.strip()
        shown = t.number(actual)
        problems.say(doc.path, f"prose_{found.kind}", line=line, column=column,
                     stated=stated, actual=f"{shown} {doc.meta.currency}")  # fmt: skip


def _words(problems: Problems) -> Locale:
    if problems.locale is None:
        problems.locale = english()
    return problems.locale  # type: ignore[no-any-return]


def _say_at(
    problems: Problems, source: Source, loc: list[str | int], key: str, **values: object
) -> None:
    line, column = source.position(loc)
    problems.say(source.path, key, line=line, column=column, field=format_loc(loc), **values)


def _check_derivation(doc: Document[Brief], problems: Problems) -> None:
    meta, d = doc.meta, doc.meta.derivation
    if d is None:
        return
    estimate = estimate_for(meta, d.year)
    t = _words(problems)
    if estimate is None:
        years = ", ".join(e.year for e in meta.estimates) or "—"
        _say_at(
            problems,
            doc.source,
            ["derivation", "year"],
            "derivation_year",
            year=d.year,
            years=years,
        )
        return
    if getattr(estimate, d.metric) is None:
        _say_at(problems, doc.source, ["derivation", "metric"], "derivation_figure",
                year=d.year, metric=d.metric)  # fmt: skip
        return
    if d.metric != "eps" and (meta.shares is None or meta.net_cash is None):
        _say_at(problems, doc.source, ["derivation", "metric"], "derivation_needs", metric=d.metric)
        return
    derived = derive_target(meta)
    assert derived is not None
    if abs(derived.target / meta.price_target - 1) > TOLERANCE:
        _say_at(problems, doc.source, ["derivation"], "derivation_target",
                derived=t.number(derived.target), target=t.number(meta.price_target))  # fmt: skip


def _check_peers(doc: Document[Brief], problems: Problems) -> None:
    metrics = [row.metric for row in doc.meta.valuation]
    for index, peer in enumerate(doc.meta.peers):
        for name in peer.multiples:
            if name not in metrics:
                _say_at(problems, doc.source, ["peers", index, "multiples", name], "peer_metric",
                        metric=name, metrics=", ".join(metrics) or "—")  # fmt: skip


# ---------------------------------------------------------------------------
# Numbers the prose states


@dataclass(frozen=True)
class Stated:
    """An amount the prose ties to the price target or to the current price."""

    kind: str  # "target" or "price"
    value: float
    decimals: int
    start: int  # offset of the amount in the body
    text: str
    sentence: str

    def other_year(self, year: int) -> bool:
        """The sentence names a year, and not the note's: it speaks of another time."""
        years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", self.sentence)}
        return bool(years) and year not in years


_CURRENCY = r"(?:US\$|\$|€|£|USD|EUR|GBP|CHF|JPY|dólares|dollars|euros)"
_NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_AMOUNT = rf"(?P<amount>(?P<pre>{_CURRENCY}\s?)?(?P<number>{_NUMBER})(?P<post>\s?{_CURRENCY})?)"
_SCALE = r"\s?(?:%|‰|bn\b|billion|mn\b|m\b|million|millones|mil\b|k\b|x\b|×|times|veces|shares|acciones|units|unidades|-?\s?(?:months?|years?|weeks?|days?|quarters?|meses|mes|años?|semanas?|días?|trimestres?)\b)"
_CONNECT = r"(?:\s+(?:of|is|at|to|was|now|stands|set|sets|raised|lowered|cut|de|del|es|en|a|al|se|sitúa|situamos|fijamos|hasta))"
_TARGET = r"(?:price\s+target|target\s+price|target|precio\s+objetivo|objetivo)"
_PRICE = (r"(?:closed\s+at|closes\s+at|closing\s+at|trades\s+at|trading\s+at|last\s+close\s+of|"
          r"share\s+price\s+of|stock\s+price\s+of|current\s+price\s+of|priced\s+at|"
          r"cerró\s+(?:a|en)|cierra\s+(?:a|en)|cotiza\s+(?:a|en)|cotizaba\s+(?:a|en)|"
          r"precio\s+actual\s+de|cotización\s+de|último\s+cierre\s+de)")  # fmt: skip
_PATTERNS = [
    ("target", re.compile(rf"\b{_TARGET}\s*:?{_CONNECT}{{0,3}}\s*{_AMOUNT}", re.IGNORECASE)),
    ("target", re.compile(rf"{_AMOUNT}\s+(?:price\s+)?target\b", re.IGNORECASE)),
    ("price", re.compile(rf"\b{_PRICE}\s*{_AMOUNT}", re.IGNORECASE)),
]


def stated_figures(body: str, language: str) -> list[Stated]:
    """Every target or price amount the prose states, with where it starts in `body`."""
    found: dict[int, Stated] = {}
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(body):
            if _not_a_price(body, match, kind):
                continue
            value, decimals = parse_number(match["number"], language)
            start = match.start("amount")
            found.setdefault(start, Stated(kind, value, decimals, start, match["amount"],
                                           _sentence(body, start)))  # fmt: skip
    return [found[k] for k in sorted(found)]


def _not_a_price(body: str, match: re.Match[str], kind: str) -> bool:
    """A multiple, a percentage, a size in millions, a year: not a price per share."""
    if re.match(_SCALE, body[match.end("number") :], re.IGNORECASE) and not match["post"]:
        return True
    marked = match["pre"] or match["post"]
    if kind == "price" and not marked:
        return True
    return not marked and re.fullmatch(r"(?:19|20)\d\d", match["number"]) is not None


def parse_number(text: str, language: str) -> tuple[float, int]:
    """'1,234.5' or '1.234,5' → (1234.5, 1): the last separator followed by other than three
    digits is the decimal one; a lone separator before three digits follows the language."""
    text = re.sub(r"[\u00a0\u202f ]", "", text)
    separators = re.findall(r"[.,]", text)
    if not separators:
        return float(text), 0
    last = text.rfind(separators[-1])
    tail = text[last + 1 :]
    thousands_like = len(tail) == 3 and (
        len(set(separators)) == 1
        and (len(separators) > 1 or _lone_is_thousands(separators[-1], language))
    )
    if thousands_like:
        return float(re.sub(r"[.,]", "", text)), 0
    whole = re.sub(r"[.,]", "", text[:last])
    return float(f"{whole}.{tail}"), len(tail)


def _lone_is_thousands(separator: str, language: str) -> bool:
    return separator == ("," if language == "en" else ".")


def agrees(found: Stated, actual: float) -> bool:
    """Equal once `actual` is rounded as the prose rounds it ('$135' for 135.35 agrees)."""
    return abs(found.value - actual) <= 0.5 * 10**-found.decimals + 1e-9


def _sentence(body: str, start: int) -> str:
    """The sentence around `start`: from the end of the one before to its own full stop."""
    ends = [m.end() for m in re.finditer(r"[.!?](?:\s|$)", body)]
    left = max((e for e in ends if e <= start), default=0)
    right = min((e for e in ends if e > start), default=len(body))
    return body[left:right]


def body_position(source: Source, offset: int) -> tuple[int, int]:
    """Line and column in the file of a character of the body."""
    before = source.body[:offset]
    return source.body_line + before.count("\n"), offset - (before.rfind("\n") + 1) + 1
