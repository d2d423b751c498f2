"""What a Markdown body refers to and does: the images it shows, and raw HTML that runs code.

Bodies are the candidate's own Markdown, published as written. Two things in them need
the builder's attention: images (a file must be found, published and linked from where
the page ends up) and HTML that would run code on the candidate's site. Code blocks,
code spans and HTML comments show text, not markup, so they are read as blank.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

Where = Literal["local", "remote", "inline", "foreign", "absolute", "none"]


@dataclass(frozen=True)
class Image:
    """The address of one image written in a body, and where it stands in the body."""

    url: str  # as written (without angle brackets)
    start: int  # offset of the address in the body
    end: int
    line: int  # 1-based, within the body
    column: int  # 1-based
    html: bool  # in an <img> tag: relative to the page's address, not to its Markdown source

    @property
    def where(self) -> Where:
        return classify(self.url)

    @property
    def path(self) -> str:
        """The file an address names, as a path relative to the document."""
        address = re.sub(r"\\(.)", r"\1", html.unescape(self.url))
        return unquote(address.split("#")[0].split("?")[0])


def classify(url: str) -> Where:
    """What kind of address an image has: a file of the portfolio, or something else."""
    text = html.unescape(url).strip()
    if not text or text.startswith(("#", "?")):
        return "none"
    if text.startswith("//") or re.match(r"(?i)https?:", text):
        return "remote"
    if re.match(r"(?i)data:", text):
        return "inline"
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", text):
        return "foreign"  # file:, C:\…, and other schemes no reader can follow
    if text.startswith(("/", "\\")):
        return "absolute"
    return "local"


# ---------------------------------------------------------------------------
# Reading the body as a browser would: code and comments are not markup

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def masked(body: str) -> str:
    """The body with fenced code, code spans and HTML comments blanked, offsets kept."""
    lines = body.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            lines[index] = " " * len(line)
        elif opening:
            fence = opening.group(1)
            lines[index] = " " * len(line)
    text = "\n".join(lines)
    for pattern in (COMMENT, CODE_SPAN):
        text = pattern.sub(_blank, text)
    return text


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def position(body: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset in the body."""
    line = body.count("\n", 0, offset) + 1
    return line, offset - (body.rfind("\n", 0, offset) + 1) + 1


# ---------------------------------------------------------------------------
# Images

_ADDRESS = r"(?:<(?P<angle>[^<>\n]*)>|(?P<bare>(?:\\.|[^\s()\\]|\([^\s()]*\))+))"
IMAGE_START = re.compile(r"!\[(?:\\.|[^\\\]])*\]\(")
TITLE = re.compile(r"""\s+(?:"[^"\n]*"|'[^'\n]*')\s*$""")
REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>(?:\\.|[^\\\]])*)\](?:\[(?P<label>[^\]]*)\])?(?![(\[])")
DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:[ \t]*" + _ADDRESS, re.M)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
SRC = re.compile(r"""\ssrc\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'>]+))""", re.I)


def images(body: str) -> list[Image]:
    """Every image of a body: `![alt](path)`, `![alt][label]` with its definition, `<img src>`."""
    text = masked(body)
    found = [image for m in IMAGE_START.finditer(text) if (image := _inline(body, text, m.end()))]
    definitions = {_label(m.group("label")): m for m in DEFINITION.finditer(text)}
    for match in REFERENCE_IMAGE.finditer(text):
        label = _label(match.group("label") or match.group("alt"))
        if label in definitions:
            found.append(_address(body, definitions[label]))
    for tag in IMG_TAG.finditer(text):
        src = SRC.search(tag.group(0))
        if src:
            group = next(name for name in ("dq", "sq", "uq") if src.group(name) is not None)
            start = tag.start() + src.start(group)
            found.append(_located(body, start, tag.start() + src.end(group), True))
    unique = {image.start: image for image in found}
    return [unique[start] for start in sorted(unique)]


def _inline(body: str, text: str, start: int) -> Image | None:
    """The address of `![alt](…)` as Python-Markdown reads it: up to the matching parenthesis,
    spaces allowed, without a quoted title at the end; `<…>` keeps everything inside."""
    depth, index = 1, start
    while index < len(text) and depth:
        char = text[index]
        if char == "\\":
            index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif text.startswith("\n\n", index):
            return None
        index += 1
    if depth:
        return None
    inside = text[start : index - 1]
    first = start + len(inside) - len(inside.lstrip())
    address = inside.strip()
    if address.startswith("<") and ">" in address:
        return _located(body, first + 1, first + address.index(">"), False)
    title = TITLE.search(address)
    end = first + (title.start() if title else len(address))
    return _located(body, first, end, False) if end > first else None


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _address(body: str, match: re.Match[str]) -> Image:
    group = "angle" if match.group("angle") is not None else "bare"
    return _located(body, match.start(group), match.end(group), False)


def _located(body: str, start: int, end: int, in_tag: bool) -> Image:
    line, column = position(body, start)
    return Image(body[start:end], start, end, line, column, in_tag)


def replace_images(body: str, addresses: Mapping[Image, str]) -> str:
    """The body with the address of each image (found by `images`) replaced."""
    parts, last = [], 0
    for image in sorted(addresses, key=lambda found: found.start):
        parts += [body[last : image.start], addresses[image]]
        last = image.end
    return "".join(parts) + body[last:]


# ---------------------------------------------------------------------------
# Raw HTML that runs code

Risk = Literal["script", "frame", "handler", "javascript"]


@dataclass(frozen=True)
class Danger:
    """Markup in a body that makes the candidate's site run code."""

    risk: Risk
    what: str  # the tag, attribute or address, as written
    line: int
    column: int


TAG = re.compile(
    r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attributes>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
)
FRAMES = {"iframe", "frame", "frameset", "object", "embed"}
ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'>]+)))?"""
)
ATTR_LIST = re.compile(
    r"""\{:?(?:\s*(?:[#.][\w-]+|[\w:-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+)))+\s*\}"""
)
HANDLER = re.compile(r"(?<![\w-])(?P<name>on[a-z]+)\s*=", re.I)
MARKDOWN_LINK = re.compile(
    r"\]\(\s*<?(?P<url>[^)\s>]+)|^ {0,3}\[[^\]]+\]:[ \t]*<?(?P<def>\S+)", re.M
)


def code_that_runs(body: str) -> list[Danger]:
    """Scripts, frames, event-handler attributes and javascript: links, in reading order."""
    text = masked(body)
    found = list(_tags(body, text)) + list(_markdown(body, text))
    return sorted(found, key=lambda d: (d.line, d.column))


def _tags(body: str, text: str) -> Iterator[Danger]:
    for tag in TAG.finditer(text):
        name = tag.group("name").lower()
        line, column = position(body, tag.start())
        if name == "script":
            yield Danger("script", "<script>", line, column)
        elif name in FRAMES:
            yield Danger("frame", f"<{name}>", line, column)
        for attribute in ATTRIBUTE.finditer(tag.group("attributes")):
            key = attribute.group("name").lower()
            value = next((v for v in attribute.group("dq", "sq", "uq") if v is not None), "")
            if key.startswith("on") and len(key) > 2:
                yield Danger("handler", attribute.group("name"), line, column)
            elif runs_script(value):
                yield Danger("javascript", value, line, column)


def _markdown(body: str, text: str) -> Iterator[Danger]:
    for match in MARKDOWN_LINK.finditer(text):
        url = match.group("url") or match.group("def") or ""
        if runs_script(url):
            line, column = position(body, match.start())
            yield Danger("javascript", url, line, column)
    for attributes in ATTR_LIST.finditer(text):
        for handler in HANDLER.finditer(attributes.group(0)):
            line, column = position(body, attributes.start())
            yield Danger("handler", handler.group("name"), line, column)


def runs_script(url: str) -> bool:
    """Whether a link runs code: browsers ignore spaces, tabs and entities inside the scheme."""
    text = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    return text.startswith(("javascript:", "vbscript:"))
