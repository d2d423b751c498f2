"""Stock briefs end to end: rating checks, the research-note page and PDF, the chart."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.analyse.analysis import analyse
from builder.load.read import load
from tests.conftest import REPO, numpy_figures, text_of, write

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


def test_unsorted_price_file_is_flagged_at_its_row_but_read(tiny: Path) -> None:
    with_brief(tiny)
    csv = tiny / "content/briefs/data/aapl.csv"
    header, *rows = csv.read_text().splitlines()
    rows[40], rows[41] = rows[41], rows[40]
    csv.write_text("\n".join([header, *rows]) + "\n")
    found = warnings_of(tiny)
    assert found == [
        "content/briefs/data/aapl.csv:43: Date: 2015-04-15 is earlier than 2015-04-16 on row 42:"
        " the rows are not in date order (they were sorted when read)"
        " — sort the file by date, oldest first"
    ]


def gapped(root: Path, first: str, last: str, language: str = "en") -> Path:
    """The demo's brief with the real rows dated `first` to `last` removed from its price file."""
    write(root, "site.yml", f"title: T\nurl: https://t.github.io/\nlanguage: {language}\n")
    with_brief(root)
    csv = root / "content/briefs/data/aapl.csv"
    header, *rows = csv.read_text().splitlines()
    kept = [r for r in rows if not first <= r[:10] <= last]
    csv.write_text("\n".join([header, *kept]) + "\n")
    return csv


def test_a_gap_is_flagged_at_its_row_and_strict_check_fails(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    gapped(tiny, "2016-03-01", "2016-04-15")
    result = run("check", "--root", tiny, "--strict")
    assert result.code == 1
    assert (
        "content/briefs/data/aapl.csv:263: Date: no prices between 2016-02-29 (row 262) and"
        " 2016-04-18: a gap of 49 days — the figures of the note use only the prices after the"
        " last gap before its date" in " ".join(result.err.split())
    )


def metric_cells(html: BeautifulSoup) -> dict[str, str]:
    heading = next(h for h in html.find_all("h2") if h.get_text().startswith(("Key", "Métricas")))
    rows = heading.find_next("table").find_all("tr")[1:]
    return {r.find_all("td")[0].get_text(" ", strip=True): r.find_all("td")[1].get_text(strip=True)
            for r in rows}  # fmt: skip


def test_page_and_pdf_of_a_gapped_series_say_what_the_figures_cover(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    csv = gapped(tiny, "2016-03-01", "2016-04-15")
    assert run("build", "--root", tiny).code == 0
    expected = numpy_figures(csv, 155.0)
    html = BeautifulSoup(
        (tiny / "build/site/briefs/aapl/index.html").read_text("utf-8"), "html.parser"
    )
    text = " ".join(html.find("article").get_text(" ").split())
    assert (
        "Prices before Apr 18, 2016 are left out: the file has none between Feb 29, 2016 and"
        " Apr 18, 2016." in text
    )
    assert "Figures from Apr 18, 2016 to Feb 16, 2017." in text
    cells = metric_cells(html)
    assert cells["10-month high"] == f"{expected['high']:.2f} USD"
    assert cells["10-month low"] == f"{expected['low']:.2f} USD"
    assert cells["10-month return"] == f"+{expected['return'] * 100:.1f}%"
    assert cells["Volatility (annualised)"] == f"{expected['volatility'] * 100:.1f}%"
    assert cells["Maximum drawdown (since Apr 18, 2016)"] == f"−{-expected['drawdown'] * 100:.1f}%"
    svg = html.select_one(".sr-chart svg")
    assert svg.find("title").get_text() == "Apple Inc. share price, Apr 18, 2016 to Feb 16, 2017"
    assert svg.find("path")["d"].count("L") == sum(1 for line in csv.read_text().splitlines()[1:]
                                                   if line[:10] >= "2016-04-18") - 1  # fmt: skip
    pdf = " ".join(text_of(tiny / "build/site/pdf/briefs/aapl.pdf").split())
    assert "Figures from Apr 18, 2016 to Feb 16, 2017." in pdf
    assert "the file has none between Feb 29, 2016 and Apr 18, 2016" in pdf
    assert f"{expected['high']:.2f}" in pdf and "10-month return" in pdf


def test_spanish_page_of_a_gapped_series(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    gapped(tiny, "2015-04-01", "2017-02-14", language="es")  # two days left after the gap
    assert run("build", "--root", tiny, "--no-pdf").code == 0
    html = BeautifulSoup(
        (tiny / "build/site/briefs/aapl/index.html").read_text("utf-8"), "html.parser"
    )
    text = " ".join(html.find("article").get_text(" ").split())
    assert (
        "Se omiten los precios anteriores al 15 feb 2017: el archivo no tiene ninguno entre el"
        " 31 mar 2015 y el 15 feb 2017." in text
    )
    assert "Cifras del 15 feb 2017 al 16 feb 2017." in text
    cells = metric_cells(html)
    assert cells["Volatilidad (anualizada)"] == "n. d."  # one daily return measures nothing
    assert cells["Máximo 1 meses"] == "135,51 USD" and cells["Mínimo 1 meses"] == "135,35 USD"


def test_a_single_price_after_a_gap_stops_the_build(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    gapped(tiny, "2015-04-01", "2017-02-15")
    result = run("build", "--root", tiny)
    assert result.code == 1 and not (tiny / "build").exists()
    assert (
        "content/briefs/data/aapl.csv:33: Date: 2017-02-16 is the only price after 688 days"
        " without prices (since 2015-03-31, row 32) — a brief needs at least two days of prices"
        " in a row" in " ".join(result.err.split())
    )


def test_as_of_before_the_prices_is_an_error_not_a_crash(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    with_brief(tiny, extra="as_of: 2014-06-30\nprice: 150\n")
    result = run("build", "--root", tiny)
    assert result.code == 1 and not (tiny / "build").exists()
    assert (
        "content/briefs/aapl.md:7:1: as_of: as of 2014-06-30, before the second price in"
        " content/briefs/data/aapl.csv (2015-02-18)" in " ".join(result.err.split())
    )


def test_as_of_long_after_the_last_price_is_flagged(tiny: Path) -> None:
    found = warnings_of(with_brief(tiny, extra="as_of: 2017-06-30\nprice: 150\n"))
    assert any(
        "content/briefs/aapl.md:7:1: as_of: as of 2017-06-30, 134 days after the last price"
        " (2017-02-16): the figures end on 2017-02-16" in w
        for w in found
    ), found


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
    assert {"Jul 2015", "Jan 2016", "Jul 2016", "Jan 2017"} <= set(labels)
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
    assert "ene 2017" in labels and "USD por acción" in labels
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
    from builder.core.errors import ContentError

    with pytest.raises(ContentError) as caught:
        load(tiny)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line, problem.field) == ("content/briefs/aapl.md", line, field)
    assert "greater than 0" in problem.message


# ---------------------------------------------------------------------------
# The research note: estimates, market data, derivation, peers, fine print


def demo_brief() -> dict:  # type: ignore[type-arg]
    """The demo brief's front matter as the candidate wrote it."""
    import yaml

    text = (REPO / "content/briefs/aapl-2017.md").read_text("utf-8")
    return yaml.safe_load(text.split("---")[1])


def table_after(html: BeautifulSoup, heading: str) -> list[list[str]]:
    """The cells of the first table after the heading, row by row."""
    found = next(h for h in html.find_all("h2") if h.get_text(strip=True) == heading)
    table = found.find_next("table")
    return [
        [c.get_text(" ", strip=True) for c in r.find_all(["th", "td"])]
        for r in table.find_all("tr")
    ]


def demo_volume() -> float:
    """Average daily volume of the last 63 rows of the demo's price file, in millions."""
    import csv

    with (REPO / "content/briefs/data/aapl.csv").open(newline="") as handle:
        volumes = [float(r["Volume"]) for r in csv.DictReader(handle)]
    return sum(volumes[-63:]) / len(volumes[-63:]) / 1e6


def test_research_note_tables(page: BeautifulSoup) -> None:
    meta = demo_brief()
    price, shares, cash = 135.35, meta["shares"], meta["net_cash"]
    market = dict(table_after(page, "Market data")[1:])
    assert market["Market cap (USD m)"] == f"{price * shares:,.0f}"
    assert market["Enterprise value (USD m)"] == f"{price * shares - cash:,.0f}"
    assert market["Shares, diluted (m)"] == f"{shares:,.0f}"
    assert market["Net cash (USD m)"] == f"{cash:,.0f}"
    assert market["Net cash per share (USD)"] == f"{cash / shares:.2f}"
    assert market["Avg. daily volume, 3M (m shares)"] == f"{demo_volume():.1f}"

    estimates = table_after(page, "Estimates")
    years = [("{year}A" if e.get("actual") else "{year}E").format(**e) for e in meta["estimates"]]
    assert estimates[0] == ["USD m", *years]
    rows = {r[0]: r[1:] for r in estimates[1:]}
    assert rows["Revenue"] == [f"{e['revenue']:,.0f}" for e in meta["estimates"]]
    assert rows["EBIT"] == [f"{e['ebit']:,.0f}" for e in meta["estimates"]]
    assert rows["EPS (USD)"] == [f"{e['eps']:.2f}" for e in meta["estimates"]]
    assert rows["EPS, consensus (USD)"] == [""] + [
        f"{e['consensus_eps']:.2f}" for e in meta["estimates"][1:]
    ]

    d = meta["derivation"]
    eps = next(e["eps"] for e in meta["estimates"] if e["year"] == d["year"])
    derivation = dict(table_after(page, "Price target derivation"))
    per_share = eps * d["multiple"]
    assert derivation[f"EPS (USD) {d['year']}E"] == f"{eps:.2f}"
    assert derivation["× multiple"] == f"{d['multiple']:.1f}×"
    assert derivation["= Value per share"] == f"{per_share:.2f}"
    assert (
        derivation["= Price target"]
        == f"{per_share + d['adjustments'][0]['value']:.2f}"
        == "155.00"
    )

    peers = table_after(page, "Valuation against peers")
    assert peers[0] == ["Metric", "AAPL", *[p["name"] for p in meta["peers"]], "Median"]
    import statistics
    from decimal import ROUND_HALF_EVEN, Decimal

    for row, wanted in zip(peers[1:], meta["valuation"], strict=True):
        values = [p["multiples"][wanted["metric"]] for p in meta["peers"]]
        assert row[0] == wanted["metric"] and row[1] == f"{wanted['value']:.1f}"
        median = Decimal(str(statistics.median(values))).quantize(Decimal("0.1"), ROUND_HALF_EVEN)
        assert row[-1] == str(median)
    fine = " ".join(page.select_one(".sr-fine").get_text(" ").split())
    assert "Buy: the price target is at least 10% above the price" in fine
    assert "Hold: the price target is between 10% below and 10% above the price." in fine
    assert "I, Ana García, certify that the views expressed in this note" in fine


def test_research_note_pdf_has_the_tables_and_fits_two_pages(built_demo: Path) -> None:
    from pypdf import PdfReader

    path = built_demo / "build/site/pdf/briefs/aapl-2017.pdf"
    assert len(PdfReader(path).pages) <= 2
    text = text_of(path)
    for part in ("MARKET DATA", "710,181", "553,181", "ESTIMATES", "FY2016A", "FY2018E", "215,639",
                 "PRICE TARGET DERIVATION", "= Price target 155.00", "Microsoft", "Samsung Electronics",
                 "RATING DEFINITIONS", "ANALYST CERTIFICATION", "I, Ana García, certify",
                 "Source: Yahoo Finance", "USD per share", "Jul 2016"):  # fmt: skip
        assert part in text, part


def test_chart_has_a_title_unit_source_and_a_target_label_inside(page: BeautifulSoup) -> None:
    from builder.plan.chart import label_width

    svg = page.select_one(".sr-chart svg")
    width = float(svg["viewbox"].split()[2])
    assert svg.select_one(".sr-chart-heading").get_text() == svg.find("title").get_text()
    assert svg.select_one(".sr-chart-unit").get_text() == "USD per share"
    # On the page the source is text under the drawing, where it wraps on a phone.
    assert svg.select_one(".sr-chart-source") is None
    source = page.select_one(".sr-chart > .sr-chart-source").get_text()
    assert source.startswith("Source: Yahoo Finance")
    label = svg.select_one(".sr-chart-target")
    x = float(label["x"])
    assert (
        label.get("text-anchor") is None and x >= 0 and x + label_width(label.get_text()) <= width
    )
    bottom = [t for t in svg.find_all("text") if t.get("text-anchor") == "middle"]
    assert bottom and all(t.get_text()[-4:].isdigit() for t in bottom)  # every date has its year


PROSE = """
Apple closed at $135.35 on 16 February 2017 and trades at 13.5 times earnings.
Services are on track for the target of $50bn by 2020; in May 2016 the stock closed at $90.34.
My {target} target adds net cash of $25 a share to 13 times EPS of $10.00 ($130).
"""


def prose_brief(root: Path, target: str, language: str = "en", body: str = PROSE) -> Path:
    write(root, "site.yml", f"title: T\nurl: https://t.github.io/\nlanguage: {language}\n")
    with_brief(root)
    path = root / "content/briefs/aapl.md"
    text = path.read_text().split("---\n")
    path.write_text("---\n".join([*text[:2], body.format(target=target).lstrip("\n")]))
    return path


def test_prose_that_agrees_with_the_box_passes(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    prose_brief(tiny, "$155")
    result = run("check", "--root", tiny)
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("language", "body", "stated", "message"),
    [
        ("en", PROSE, "$140", "the text states a price target of $140, but `price_target` is 155.00 USD"),
        ("en", "The price target of 140 USD stands.\n", "140 USD",
         "the text states a price target of 140 USD, but `price_target` is 155.00 USD"),
        ("es", "Fijamos un precio objetivo de 160,0 $ a doce meses.\n", "160,0 $",
         "el texto da un precio objetivo de 160,0 $, pero `price_target` es 155,00 USD"),
        ("es", "Mantengo un precio objetivo de 160 a doce meses.\n", "160",
         "el texto da un precio objetivo de 160, pero `price_target` es 155,00 USD"),
        ("es", "Apple cerró a 130,5 $ el 16 de febrero de 2017.\n", "130,5 $",
         "el texto da un precio de 130,5 $, pero el precio de la nota es 135,35 USD"),
    ],
)  # fmt: skip
def test_prose_that_contradicts_the_box_is_an_error_at_its_line(
    tiny: Path,
    run,
    language: str,
    body: str,
    stated: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    path = prose_brief(tiny, "$140", language, body)
    lines = path.read_text().splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if stated in text)
    column = lines[line - 1].index(stated) + 1
    result = run("check", "--root", tiny)
    err = " ".join(result.err.split())
    assert result.code == 1
    assert f"content/briefs/aapl.md:{line}:{column}: {message}" in err, err
    assert " — " in err.split(message)[1][:5]  # with a hint


def test_a_derivation_that_misses_the_target_is_an_error(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    extra = ("estimates: [{year: FY2018, eps: 10.0}]\n"
             "derivation: {year: FY2018, multiple: 14, adjustments: [{label: Net cash, value: 25}]}\n")  # fmt: skip
    with_brief(tiny, extra=extra)
    result = run("check", "--root", tiny)
    assert result.code == 1
    assert (
        "content/briefs/aapl.md:8:1: derivation: gives a target of 165.00, but `price_target` is 155.00"
        in " ".join(result.err.split())
    )
