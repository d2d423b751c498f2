"""Stock briefs end to end: rating checks, the research-note page and PDF, the chart."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.analyse import analyse
from builder.load import load
from tests.conftest import REPO, write
from tests.test_pdf import text_of

BRIEF = """
---
ticker: AAPL
company: Apple Inc.
exchange: NASDAQ
rating: {rating}
price_target: {target}
prices: data/aapl.csv
valuation:
  - {{metric: P/E (fwd), value: 13.9, peers: 17.2}}
catalysts: [A new iPhone]
risks: [China]
disclosure: Personal work sample; not investment advice.
---
The thesis: services grow while the market prices a hardware cycle.
"""


def with_brief(root: Path, rating: str = "buy", target: float = 155, extra: str = "") -> Path:
    shutil.copy(
        REPO / "content/briefs/data/aapl.csv", write(root, "content/briefs/data/aapl.csv", "")
    )
    text = BRIEF.format(rating=rating, target=target).replace("prices:", extra + "prices:")
    write(root, "content/briefs/aapl.md", text)
    return root


def warnings_of(root: Path) -> list[str]:
    return [str(w) for w in analyse(load(root), today=dt.date(2026, 11, 25)).warnings]


@pytest.mark.parametrize(
    ("rating", "target", "message"),
    [
        ("buy", 140, "buy with an upside of +3.4%, below the buy band of +10%"),
        ("sell", 140, "sell with an upside of +3.4%, above the sell band of −10%"),
        ("hold", 160, "hold with an upside of +18.2%, outside −10% to +10%"),
        ("hold", 100, "hold with an upside of −26.1%, outside −10% to +10%"),
    ],
)  # fmt: skip
def test_a_rating_that_contradicts_its_upside_is_flagged(
    tiny: Path, rating: str, target: float, message: str
) -> None:
    found = warnings_of(with_brief(tiny, rating, target))
    assert len(found) == 1 and found[0].startswith(
        "content/briefs/aapl.md:5:1: rating: " + message
    ), found


@pytest.mark.parametrize(("rating", "target"), [("buy", 155), ("hold", 140), ("sell", 110)])
def test_a_consistent_rating_passes(tiny: Path, rating: str, target: float) -> None:
    assert warnings_of(with_brief(tiny, rating, target)) == []


def test_bands_come_from_site_yml(tiny: Path) -> None:
    write(
        tiny,
        "site.yml",
        "title: T\nurl: https://t.github.io/\nbriefs: {rating_bands: {buy: 0.2, sell: -0.2}}\n",
    )
    assert "below the buy band of +20%" in warnings_of(with_brief(tiny, "buy", 155))[0]


def test_as_of_in_the_future_is_flagged(tiny: Path) -> None:
    found = warnings_of(with_brief(tiny, extra="as_of: 2027-01-04\nprice: 150\n"))
    assert any("as_of: as of 2027-01-04, which is in the future" in w for w in found)


def test_unsorted_price_file_is_flagged_but_read(tiny: Path) -> None:
    with_brief(tiny)
    csv = tiny / "content/briefs/data/aapl.csv"
    header, *rows = csv.read_text().splitlines()
    csv.write_text("\n".join([header, *reversed(rows)]) + "\n")
    found = warnings_of(tiny)
    assert any("prices: the price file's rows are not in date order" in w for w in found)


def test_a_broken_price_file_stops_the_build_with_file_and_row(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    with_brief(tiny)
    csv = tiny / "content/briefs/data/aapl.csv"
    lines = csv.read_text().splitlines()
    lines[10] = lines[10].replace(lines[10].split(",")[4], "n/a", 1)
    lines[20] = lines[19]
    csv.write_text("\n".join(lines) + "\n")
    result = run("build", "--root", tiny)
    assert result.code == 1
    assert "content/briefs/data/aapl.csv:11: Close: 'n/a' is not a number" in result.err
    assert (
        "content/briefs/data/aapl.csv:21: Date: date 2015-03-13 appears twice (rows 20 and 21)"
        in result.err
    )
    assert not (tiny / "build").exists()


def test_check_json_reports_rating_problems(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(
        run("check", "--root", with_brief(tiny, "sell", 150), "--format", "json").out
    )
    assert [w["field"] for w in report["warnings"]] == ["rating"]


@pytest.fixture(scope="module")
def page(built_demo: Path) -> BeautifulSoup:
    html = BeautifulSoup(
        (built_demo / "build/site/briefs/aapl-2017/index.html").read_text("utf-8"), "html.parser"
    )
    for anchor in html.select("a.headerlink"):
        anchor.decompose()
    return html


def test_research_note_page(page: BeautifulSoup) -> None:
    article = page.find("article")
    text = " ".join(article.get_text(" ").split())
    call = " ".join(article.select_one(".sr-brief-call").get_text(" ").split())
    assert "Buy" in call and "135.35 USD" in call and "155.00 USD" in call and "+14.5%" in call
    headings = [h.get_text(strip=True) for h in article.find_all("h2")]
    for heading in (
        "Price history",
        "Key metrics",
        "Investment thesis",
        "Catalysts",
        "Risks",
        "Valuation against peers",
    ):
        assert heading in headings
    for figure in ("52-week high", "135.51 USD", "90.34 USD", "+40.9%", "20.4%", "−30.4%"):
        assert figure in text, figure
    assert "Prices as of Feb 16, 2017" in text
    assert "Personal work sample" in article.select_one(".sr-disclosure").get_text()


def test_chart_is_accessible_inline_svg_without_script(page: BeautifulSoup) -> None:
    svg = page.select_one(".sr-chart svg")
    assert svg["role"] == "img"
    assert svg.find("title").get_text() == "Apple Inc. share price, Feb 17, 2015 to Feb 16, 2017"
    assert "price target of 155.00 USD" in svg.find("desc").get_text()
    labels = [t.get_text() for t in svg.find_all("text")]
    assert "Target 155.00" in labels and "135.35" in labels
    assert {"Jul 15", "Jan 16", "Jul 16", "Jan 17"} <= set(labels)
    assert {"80", "100", "120", "140", "160"} <= set(labels)
    assert not svg.find("script") and not page.select(".sr-chart script")
    path = svg.find("path")["d"]
    assert path.startswith("M") and path.count("L") == 505
    assert 'stroke="currentColor"' in str(svg)  # follows the text colour: readable in dark mode


def test_brief_pdf(built_demo: Path) -> None:
    text = text_of(built_demo / "build/site/pdf/briefs/aapl-2017.pdf")
    for part in (
        "Apple Inc.",
        "AAPL",
        "BUY",
        "135.35 USD",
        "155.00 USD",
        "+14.5%",
        "52-week high",
        "+40.9%",
        "INVESTMENT THESIS",
        "CATALYSTS",
        "RISKS",
        "VALUATION AGAINST PEERS",
        "Personal work sample",
    ):
        assert part in text, part


def test_spanish_numbers_and_dates(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(tiny, "site.yml", "title: T\nurl: https://t.github.io/\nlanguage: es\n")
    with_brief(tiny, "buy", 1555.5, extra="price: 1234.56\n")
    assert run("build", "--root", tiny).code == 0
    html = BeautifulSoup(
        (tiny / "build/site/briefs/aapl/index.html").read_text("utf-8"), "html.parser"
    )
    call = " ".join(html.select_one(".sr-brief-call").get_text(" ").split())
    assert (
        "Comprar" in call
        and "1.234,56 USD" in call
        and "1.555,50 USD" in call
        and "+26,0 %" in call
    )
    assert "Precios a 16 feb 2017" in html.get_text(" ")
    labels = [t.get_text() for t in html.select(".sr-chart svg text")]
    assert "ene 17" in labels
    pdf = text_of(tiny / "build/site/pdf/briefs/aapl.pdf")
    assert "1.234,56 USD" in pdf and "RECOMENDACIÓN" in pdf


def test_a_brief_is_evidence_in_a_leave_behind(built_demo: Path) -> None:
    text = text_of(built_demo / "build/site/pdf/for/northwind-equity-research.pdf")
    assert "Apple — a product cycle" in text and "+14.5%" in text


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [("price_target", "0", 6), ("price_target", "-5", 6), ("price", "0", 7)],
)
def test_a_target_or_price_that_is_not_positive_is_an_error(
    tiny: Path, field: str, value: str, line: int
) -> None:
    with_brief(tiny, extra="price: 0\n" if field == "price" else "")
    path = tiny / "content/briefs/aapl.md"
    if field == "price_target":
        path.write_text(path.read_text().replace("price_target: 155", f"price_target: {value}"))
    from builder.errors import ContentError

    with pytest.raises(ContentError) as caught:
        load(tiny)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line, problem.field) == ("content/briefs/aapl.md", line, field)
    assert "greater than 0" in problem.message
