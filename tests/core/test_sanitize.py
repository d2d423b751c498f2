"""HTML from a notebook keeps its text and tables, and loses whatever could run or fetch."""

from __future__ import annotations

from bs4 import BeautifulSoup

from builder.core.sanitize import sanitize

PIXEL = "data:image/png;base64,iVBORw0KGgo="


def _tags(markup: str) -> BeautifulSoup:
    return BeautifulSoup(sanitize(markup), "html.parser")


def test_tables_and_text_survive() -> None:
    shown = _tags('<table class="dataframe"><thead><tr><th>a</th></tr></thead>'
                  '<tbody><tr><td colspan="2">1 &amp; 2</td></tr></tbody></table>')  # fmt: skip
    assert shown.select_one("td").get_text() == "1 & 2"
    assert shown.select_one("td")["colspan"] == "2"
    assert shown.select_one("table").attrs == {}


def test_scripts_styles_and_frames_go_with_their_content() -> None:
    markup = (
        "<p>kept</p><script>alert('x')</script><style>body{display:none}</style>"
        "<iframe src='https://evil.example'>inside</iframe><svg><script>x()</script></svg>"
        "<SCRIPT>upper()</SCRIPT>"
    )
    assert sanitize(markup) == "<p>kept</p>"


def test_handlers_and_dangerous_addresses_are_dropped() -> None:
    shown = _tags(
        '<a href="javascript:alert(1)" onclick="x()">bad</a>'
        '<a href="https://example.com/doc">good</a>'
        '<img src="https://evil.example/p.png" onerror="x()">'
        f'<img src="{PIXEL}" alt="chart" onload="x()">'
    )
    assert [(a.attrs, a.get_text()) for a in shown.select("a")] == [
        ({"href": "https://example.com/doc"}, "good")
    ]
    assert shown.get_text().startswith("badgood"), "a link's text stays when the link goes"
    images = shown.select("img")
    assert [img.attrs for img in images] == [{"src": PIXEL, "alt": "chart"}]


def test_headings_step_down_and_open_tags_are_closed() -> None:
    assert sanitize("<h1>Title</h1><div><p>open") == "<h4>Title</h4><div><p>open</p></div>"
    assert sanitize("<h5>Deep</h5>") == "<h6>Deep</h6>"


def test_text_that_looks_like_markup_stays_text() -> None:
    assert sanitize("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
