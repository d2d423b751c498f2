"""HTML from a file the candidate did not write line by line (a notebook's outputs and cells),
cut down to what a page may show: text, tables, lists, links and inline images.

A notebook's HTML output can hold anything a browser runs: scripts, event handlers, frames,
styles that hide or overlay the page, images fetched from elsewhere. Only the tags below
survive, with only the attributes named for them; the contents of scripts, styles and
embedded documents are dropped whole, and an image must be inline data of a raster format, so
that nothing is fetched from outside and nothing runs. Headings step down three levels, so a
notebook's title does not compete with the page's own.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

ALLOWED = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre",
    "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
VOID = {"br", "hr", "img"}
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
    "textarea", "select", "title", "head", "frame", "frameset", "canvas", "audio", "video",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
SAFE_LINK = re.compile(r"^(?:https?://|mailto:|#)", re.I)
INLINE_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$", re.I)
NUMBER = re.compile(r"^\d{1,4}$")
HEADING_STEP = 3


def sanitize(markup: str) -> str:
    """The markup with every tag, attribute and address that could run, fetch or restyle
    anything taken out; text is kept, escaped."""
    cleaner = _Cleaner()
    cleaner.feed(markup)
    cleaner.close()
    return cleaner.result()


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping: list[str] = []

    def result(self) -> str:
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag in DROPPED_WITH_CONTENT:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag not in ALLOWED:
            return
        shown = _heading(tag)
        kept = "".join(
            f' {name}="{html.escape(value, quote=True)}"'
            for name, value in attrs
            if value is not None and _allowed(tag, name, value)
        )
        if tag == "img" and " src=" not in kept:
            return  # an image from outside is not fetched, nor shown
        if tag == "a" and " href=" not in kept:
            return  # a link to a script is no link: its text stays
        self.out.append(f"<{shown}{kept}>")
        if tag not in VOID:
            self.open.append(shown)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and not self.skipping and self.open and self.open[-1] == _heading(tag):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        shown = _heading(tag)
        if shown not in self.open:
            return
        while self.open:
            last = self.open.pop()
            self.out.append(f"</{last}>")
            if last == shown:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))


def _heading(tag: str) -> str:
    if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
        return f"h{min(6, int(tag[1]) + HEADING_STEP)}"
    return tag


def _allowed(tag: str, name: str, value: str) -> bool:
    if name not in ATTRIBUTES.get(tag, ()):
        return False
    if name == "href":
        return bool(SAFE_LINK.match(value.strip()))
    if name == "src":
        return bool(INLINE_IMAGE.match(value.strip()))
    if name in ("width", "height", "colspan", "rowspan"):
        return bool(NUMBER.match(value.strip()))
    return True
