"""Text that stays text: what a candidate, a posting or an imported résumé writes is shown as
written, never read as Markdown or HTML.

The site's pages are Markdown templates. Jinja's autoescape makes a value safe for HTML, but
Markdown would still read `**x**`, `[a](javascript:…)`, `{: onclick=… }`, `:smile:` or a
leading `1.` as syntax. `markdown_text` writes every character that Markdown (with the site's
extensions) could take for syntax as an HTML character reference: the browser shows the
character, and Markdown sees nothing to act on.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

import markupsafe

# Syntax anywhere in a line: HTML (& < > " '), escapes and code (\ `), emphasis (* always, _ at
# the edge of a word: inside one it is a plain character), links, footnotes and abbreviations
# ([ ]), attribute lists ({ }), the closing hashes of a heading (#), tables (|), strikethrough
# and subscripts (~), emoji shortcodes (:) and images (!).
_INLINE = r"""[\\`*{}\[\]#|~:!]|_(?![^\W_])|(?<![^\W_])_"""
_HTML = r"""[&<>"']"""
# Syntax only at the start of a block: lists, rules and headings underlined (- + =), collapsible
# blocks (?), quotes (>), and a number followed by a full stop (an ordered list).
_BLOCK_START = re.compile(r"^([-+=?>])|^(\d+)([.)])")

_IN_PAGE = re.compile(f"{_INLINE}|{_HTML}")
_IN_SOURCE = re.compile(f"{_INLINE}|[&<]")


def _reference(character: str) -> str:
    return f"&#{ord(character)};"


def _escape_block_start(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match[1]:
            return _reference(match[1])
        return match[2] + _reference(match[3])

    return _BLOCK_START.sub(replace, text, count=1)


def markdown_text(value: object) -> markupsafe.Markup:
    """A value for a Markdown page: one line, shown exactly as written, safe in HTML too."""
    text = " ".join(str(value).split())
    return markupsafe.Markup(_escape_block_start(_IN_PAGE.sub(lambda m: _reference(m[0]), text)))


def markdown_source(text: str) -> str:
    """Text written into a Markdown file (an imported bio, a list item) so that it reads as text
    in every Markdown renderer; quotes and apostrophes stay as they are, for the candidate
    who edits the file."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(
        _escape_block_start(_IN_SOURCE.sub(lambda m: _reference(m[0]), line)) for line in lines
    )


def path_target(path: str) -> markupsafe.Markup:
    """A relative path inside a Markdown link's parentheses or an HTML attribute: every
    character but the slash that is not a plain letter or digit is percent-encoded, a '#' or
    '?' in a file name included."""
    return markupsafe.Markup(quote(str(path), safe="/"))


def link_target(url: str) -> markupsafe.Markup:
    """A web address inside a Markdown link's parentheses: characters that would end the link
    or start a title are percent-encoded; the address stays the same."""
    return markupsafe.Markup(quote(str(url), safe=":/?#@!$&'*+,;=%~"))


# ---------------------------------------------------------------------------
# Characters that have no place in text


LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def unwanted_character(text: str, allow: str = "") -> str | None:
    """The first control character, line or paragraph separator or lone surrogate in `text`
    that `allow` does not list: invisible, and able to break a mail header or a file."""
    for character in text:
        if character in allow:
            continue
        if unicodedata.category(character) in ("Cc", "Cs", "Zl", "Zp"):
            return character
    return None


def describe_character(character: str) -> str:
    """U+000A, as people can look it up."""
    return f"U+{ord(character):04X}"


def plain_line(value: object) -> str:
    """Text from outside (a posting, a résumé file) as one clean line: control characters
    dropped, any run of spaces or line breaks made one space."""
    text = "".join(" " if c in LINE_BREAKS or c == "\t" else c for c in str(value))
    return " ".join("".join(c for c in text if unwanted_character(c) is None).split())
