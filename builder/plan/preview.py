"""A sample's files shown, not only linked: what a reader sees of each before downloading it.

- Code and text: a highlighted excerpt with the file's own line numbers: the first
  `CODE_LINES` lines, or the regions the candidate marks. A line holding `show-start` opens
  a region and a line holding `show-end` closes it (written as a comment in the file's own
  language: `# show-start`, `-- show-end`, `<!-- show-start -->`); the marker lines are not
  shown, and several regions are shown in order, a gap between them.
- CSV and spreadsheets (.csv, .tsv, .xlsx): a table of the first `TABLE_ROWS` rows under the
  header row, numbers right-aligned, with a note of how many rows (and columns) there are.
- Jupyter notebooks (.ipynb): Markdown cells, code cells highlighted, and their outputs:
  text, PNG/JPEG/GIF images, and HTML cut down to safe tags (builder.core.sanitize).
- Images: shown inline.

A preview is made only from a file already published with its sample, so it shows nothing
the download does not; the page or PDF that holds it goes through the privacy check like any
other. A file that cannot be read as any of these has no preview: the download stays.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import datetime
import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import markdown
import openpyxl
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name, get_lexer_for_filename
from pygments.util import ClassNotFound

from builder.core import images as images_format
from builder.core.sanitize import sanitize
from builder.core.words import Locale
from builder.load.files import IMAGE_FORMATS, image_format
from builder.load.portfolio import ContentFile

CODE_LINES = 30
TABLE_ROWS = 20
TABLE_COLUMNS = 12
WIDE_TABLE = 8  # columns past which a PDF prints the table smaller
OUTPUT_LINES = 30
CELL_CHARACTERS = 80
MARKER = re.compile(r"\bshow-(start|end)\b")
NUMBER = re.compile(
    r"^[(+\-−]?[€$£¥]?\s?[(+\-−]?\d[\d,.' \u00a0\u202f]*(?:[eE][+-]?\d+)?\s?[%x×)]*\s?[€$£¥]?$"
)
TABLES = {".csv": None, ".tsv": "\t"}
SHEETS = {".xlsx", ".xlsm"}
NOTEBOOK = ".ipynb"
PRINT_STYLE = "friendly"
OUTPUT_IMAGES = ("image/png", "image/jpeg", "image/gif")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True)
class Preview:
    """What a page or a PDF shows of one file: `kind` is code, table, notebook or image;
    `html` is ready to insert (escaped, highlighted, sanitized); `note` says what part it is."""

    kind: str
    html: str
    note: str = ""


def preview(file: ContentFile, t: Locale, for_pdf: bool) -> Preview | None:
    """The preview of a published file, or None when it is none of the kinds shown."""
    suffix = file.source.suffix.lower()
    try:
        if suffix == NOTEBOOK:
            return _notebook(file, t, for_pdf)
        if suffix in TABLES:
            return _csv_table(file, t, TABLES[suffix], for_pdf)
        if suffix in SHEETS:
            return _sheet(file, t, for_pdf)
        if image_format(file.source, IMAGE_FORMATS) is not None:
            return _image(file, for_pdf)
        text = _text(file.source.read_bytes())
        return _code(file.label, text, t, for_pdf) if text is not None else None
    except Exception:  # noqa: BLE001 — a file that does not read as its kind is offered for download only
        return None


# ---------------------------------------------------------------------------
# Code and text


def _text(data: bytes) -> str | None:
    """The file as text, or None for a binary file (a NUL byte in its first 8 KiB)."""
    if b"\x00" in data[:8192]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def regions(lines: list[str]) -> list[tuple[int, int]]:
    """The (first, last) line numbers to show, counted from 1: the marked regions, or else
    the first CODE_LINES lines without the blank ones at the end."""
    marked: list[tuple[int, int]] = []
    start: int | None = None
    for number, line in enumerate(lines, 1):
        found = MARKER.search(line)
        if found is None:
            continue
        if found.group(1) == "start" and start is None:
            start = number + 1
        elif found.group(1) == "end" and start is not None:
            if number > start:
                marked.append((start, number - 1))
            start = None
    if start is not None and start <= len(lines):
        marked.append((start, len(lines)))
    if marked:
        return marked
    last = min(CODE_LINES, len(lines))
    while last > 0 and not lines[last - 1].strip():
        last -= 1
    return [(1, last)] if last else []


def _code(label: str, text: str, t: Locale, for_pdf: bool) -> Preview | None:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    shown = regions(lines)
    if not shown:
        return None
    # Lexing runs forward, so the lines up to the last one shown highlight as in the whole file.
    needed = "\n".join(lines[: shown[-1][1]]) + "\n"
    highlighted = highlight_lines(needed, _lexer(label, text), for_pdf)
    parts = []
    for index, (first, last) in enumerate(shown):
        if index:
            parts.append('<span class="sr-gap">⋯</span>')  # a block: it ends its own line
        parts += [
            f'<span class="sr-ln">{n}</span>{highlighted[n - 1]}\n' for n in range(first, last + 1)
        ]
    return Preview("code", _code_block(parts, for_pdf), _lines_note(shown, len(lines), t))


def _lines_note(shown: list[tuple[int, int]], total: int, t: Locale) -> str:
    if shown == [(1, total)]:
        return t("sample.preview.lines_all", count=total)
    ranges = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in shown)
    return t("sample.preview.lines", ranges=ranges, total=t.number(total, 0))


def _lexer(label: str, text: str, language: str | None = None) -> Lexer:
    options = {"stripnl": False, "ensurenl": True}
    with contextlib.suppress(ClassNotFound):
        if language:
            return get_lexer_by_name(language, **options)
        return get_lexer_for_filename(label, text, **options)
    return TextLexer(**options)


def highlight_lines(text: str, lexer: Lexer, for_pdf: bool) -> list[str]:
    """The text highlighted, one string of HTML per line: Pygments closes every span at the
    end of a line, so any line can be shown without the others. The site colours the classes
    with its palette (light or dark); a PDF gets the colours written inline."""
    formatter = HtmlFormatter(nowrap=True, noclasses=for_pdf, style=PRINT_STYLE)
    return highlight(text, lexer, formatter).split("\n")


def _code_block(lines: Iterable[str], for_pdf: bool) -> str:
    return f'<div class="highlight sr-excerpt"><pre><code>{"".join(lines)}</code></pre></div>'


# ---------------------------------------------------------------------------
# Tables


def _csv_table(
    file: ContentFile, t: Locale, delimiter: str | None, for_pdf: bool
) -> Preview | None:
    text = _text(file.source.read_bytes())
    if text is None:
        return None
    if delimiter is None:
        delimiter = _delimiter(text[:8192])
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(row)]
    return _table(rows, t, for_pdf)


def _delimiter(start: str) -> str:
    try:
        return csv.Sniffer().sniff(start, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _sheet(file: ContentFile, t: Locale, for_pdf: bool) -> Preview | None:
    """The first sheet of a workbook, with the values it last calculated (not its formulas),
    each written as its cell's format asks: decimals, percentages, dates."""
    book = openpyxl.load_workbook(file.source, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows = [
            [_cell(cell, t) for cell in row]
            for row in sheet.iter_rows()
            if any(cell.value not in (None, "") for cell in row)
        ]
        name = sheet.title
    finally:
        book.close()
    table = _table(rows, t, for_pdf)
    if table is None:
        return None
    note = " · ".join(filter(None, [t("sample.preview.sheet", name=name), table.note]))
    return Preview(table.kind, table.html, note)


def _cell(cell: Any, t: Locale) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, datetime.datetime | datetime.date):
        return (
            value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()
        )
    if not isinstance(value, int | float):
        return str(value)
    style = str(getattr(cell, "number_format", "") or "")
    digits = _decimals(style, value)
    if "%" in style:
        return t.percent(value, digits)
    if isinstance(value, int) and abs(value) < 10000 and "," not in style:
        return str(value)  # a year, a count
    return t.number(value, digits)


def _decimals(style: str, value: float) -> int:
    found = re.search(r"\.(0+)", style)
    if found:
        return min(len(found.group(1)), 6)
    return 0 if float(value).is_integer() else 2


def _table(rows: list[list[str]], t: Locale, for_pdf: bool) -> Preview | None:
    """The header row and the first TABLE_ROWS rows under it; a column whose cells are all
    numbers is right-aligned, header included. In a PDF a header may break after an
    underscore (`terminal_value_eur_m`), so that a wide table fits the page; the site
    scrolls a wide table sideways instead."""
    rows = _trimmed(rows)
    if not rows:
        return None
    width = max(len(row) for row in rows)
    columns = min(width, TABLE_COLUMNS)
    header, body = _padded(rows[0], columns), [_padded(row, columns) for row in rows[1:]]
    shown = body[:TABLE_ROWS]
    numeric = [
        any(row[i].strip() for row in shown)
        and all(NUMBER.match(row[i].strip()) for row in shown if row[i].strip())
        for i in range(columns)
    ]
    head = "".join(
        _cell_html("th", cell, numeric[i]).replace("_", "_\u200b" if for_pdf else "_")
        for i, cell in enumerate(header)
    )
    lines = [
        "<tr>" + "".join(_cell_html("td", cell, numeric[i]) for i, cell in enumerate(row)) + "</tr>"
        for row in shown
    ]
    wide = " sr-table-preview--wide" if columns > WIDE_TABLE else ""
    markup = (
        f'<div class="sr-table-preview{wide}"><table>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table></div>"
    )
    return Preview("table", markup, _rows_note(len(shown), len(body), columns, width, t))


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    """Rows without the empty cells at their ends (a spreadsheet's unused columns)."""
    trimmed = []
    for row in rows:
        cells = [str(cell) for cell in row]
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            trimmed.append(cells)
    return trimmed


def _padded(row: list[str], columns: int) -> list[str]:
    cells = [_short(cell) for cell in row[:columns]]
    return cells + [""] * (columns - len(cells))


def _short(cell: str) -> str:
    cell = " ".join(cell.split())
    return cell if len(cell) <= CELL_CHARACTERS else cell[: CELL_CHARACTERS - 1] + "…"


def _cell_html(tag: str, text: str, number: bool) -> str:
    shown = html.escape(text)
    return f'<{tag} class="sr-num">{shown}</{tag}>' if number else f"<{tag}>{shown}</{tag}>"


def _rows_note(shown: int, rows: int, columns: int, width: int, t: Locale) -> str:
    if shown < rows:
        note = t("sample.preview.rows_first", shown=shown, total=t.number(rows, 0))
    else:
        note = t("sample.preview.rows_all", count=rows)
    if columns < width:
        note += ", " + t("sample.preview.columns_first", shown=columns, total=width)
    return note


# ---------------------------------------------------------------------------
# Notebooks


def _notebook(file: ContentFile, t: Locale, for_pdf: bool) -> Preview | None:
    """A Jupyter notebook (format 4) as it reads in Jupyter, without anything it could run."""
    notebook = json.loads(file.source.read_bytes().decode("utf-8-sig"))
    meta = notebook.get("metadata", {})
    language = (meta.get("language_info") or {}).get("name") or (meta.get("kernelspec") or {}).get(
        "language"
    )
    parts = [
        part
        for number, cell in enumerate(notebook.get("cells", []), 1)
        for part in _cell_parts(cell, number, language, t, for_pdf)
    ]
    if not parts:
        return None
    return Preview("notebook", '<div class="sr-notebook">' + "".join(parts) + "</div>")


def _source(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _cell_parts(
    cell: dict[str, Any], number: int, language: str | None, t: Locale, for_pdf: bool
) -> Iterator[str]:
    """A cell and its outputs; `number` names an output image when the cell has no run count."""
    kind = cell.get("cell_type")
    source = _source(cell.get("source"))
    if kind == "markdown" and source.strip():
        yield f'<div class="sr-cell sr-markdown">{_markdown(source)}</div>'
    elif kind == "code":
        if source.strip():
            lines = highlight_lines(source, _lexer("cell", source, language), for_pdf)
            text = "\n".join(lines[: source.rstrip("\n").count("\n") + 1]) + "\n"
            yield f'<div class="sr-cell sr-code">{_code_block([text], for_pdf)}</div>'
        for output in cell.get("outputs", []):
            label = t("sample.preview.output", number=cell.get("execution_count") or number)
            shown = _output(output, t, label)
            if shown:
                yield f'<div class="sr-output">{shown}</div>'


def _markdown(source: str) -> str:
    return sanitize(markdown.markdown(source, extensions=["extra", "sane_lists"]))


def _output(output: dict[str, Any], t: Locale, label: str) -> str:
    """One output, the safest rich form first: an image, then sanitized HTML, then text.
    SVG and JavaScript outputs are never shown (an SVG can hold a script)."""
    kind = output.get("output_type")
    if kind == "stream":
        return _text_output(_source(output.get("text")), t)
    if kind == "error":
        trace = (
            "\n".join(output.get("traceback") or [])
            or f"{output.get('ename')}: {output.get('evalue')}"
        )
        return _text_output(ANSI.sub("", trace), t)
    data = output.get("data") or {}
    for media in OUTPUT_IMAGES:
        if media in data:
            image = _output_image(media, _source(data[media]), label)
            if image:
                return image
    if "text/html" in data:
        return f'<div class="sr-html">{sanitize(_source(data["text/html"]))}</div>'
    if "text/markdown" in data:
        return _markdown(_source(data["text/markdown"]))
    if "text/plain" in data:
        return _text_output(ANSI.sub("", _source(data["text/plain"])), t)
    return ""


def _output_image(media: str, encoded: str, label: str) -> str:
    """An image output inline, its metadata taken out as from any published image."""
    data = base64.b64decode("".join(encoded.split()), validate=True)
    if images_format.kind(data) is None:
        return ""
    with contextlib.suppress(images_format.BadImage):
        data = images_format.strip(data)
    source = base64.b64encode(data).decode("ascii")
    return f'<img src="data:{media};base64,{source}" alt="{html.escape(label)}">'


def _text_output(text: str, t: Locale) -> str:
    lines = text.rstrip("\n").split("\n")
    if not text.strip():
        return ""
    more = len(lines) - OUTPUT_LINES
    shown = "\n".join(lines[:OUTPUT_LINES])
    tail = f"\n{t('sample.preview.more_lines', count=more)}" if more > 0 else ""
    return f"<pre>{html.escape(shown)}{html.escape(tail)}</pre>"


# ---------------------------------------------------------------------------
# Images


def _image(file: ContentFile, for_pdf: bool) -> Preview:
    """An image: the site shows the published file (the template writes its address); a PDF
    reads nothing from the disk, so it gets the image inline, without its metadata."""
    if not for_pdf:
        return Preview("image", "")
    data = file.source.read_bytes()
    kind = image_format(file.source, IMAGE_FORMATS)
    media = IMAGE_FORMATS[kind] if kind else "application/octet-stream"
    if kind != "SVG":
        with contextlib.suppress(images_format.BadImage):
            data = images_format.strip(data)
    source = base64.b64encode(data).decode("ascii")
    return Preview(
        "image", f'<img src="data:{media};base64,{source}" alt="{html.escape(file.label)}">'
    )
