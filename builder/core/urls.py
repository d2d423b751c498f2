"""Where things are served on the public site (the URL layout of DESIGN.md)."""

from __future__ import annotations

import posixpath


def page_url(source: str) -> str:
    """Where a page's source is served: 'achievements/x.md' → 'achievements/x/', 'index.md' → ''."""
    path = source.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def relative_url(target: str, from_source: str) -> str:
    """A link from the page made from `from_source` to a file of the site, e.g. a PDF."""
    return posixpath.relpath(target, page_url(from_source) or ".")
