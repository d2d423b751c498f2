"""Where things are served on the public site: the URL layout of DESIGN.md, in one place.

Every page is written as a Markdown source (`achievements/x.md`) and served as a folder
(`achievements/x/`); PDFs and published files keep their paths. Nothing else in the
package spells a path of the site.
"""

from __future__ import annotations

import posixpath

# Where each kind of page lives in the site's sources.
SOURCES = {
    "achievement": "achievements/{id}.md",
    "sample": "samples/{id}/index.md",
    "brief": "briefs/{id}.md",
    "application": "for/{id}/index.md",
}
# Where each kind of document is published as a PDF.
PDFS = {
    "sample": "pdf/samples/{id}.pdf",
    "brief": "pdf/briefs/{id}.pdf",
    "application": "pdf/for/{id}.pdf",
}
HOME = "index.md"
RESUME = "resume/index.md"
PROFILE_PDF = "pdf/profile.pdf"
RESUME_PDF = "pdf/resume.pdf"
PROFILE_IMAGES = "images/"  # where the images of the profile's body are published
# The language the paths above are written in: a document in another language does not print
# them (see builder.render.theme.printed_url).
PATHS_LANGUAGE = "en"
# The site engine's scripts, stylesheets and favicon, the theme's stylesheet and the photo:
# no page goes here, so no template writes a file of this folder.
STATIC_FOLDER = "assets/"


def source_path(kind: str, id: str) -> str:
    """The source of a page: source_path('achievement', 'x') → 'achievements/x.md'."""
    return SOURCES[kind].format(id=id)


def index_path(kind: str) -> str:
    """The source of the page listing every item of a kind: 'achievements/index.md'."""
    return SOURCES[kind].split("/")[0] + "/index.md"


def pdf_path(kind: str, id: str) -> str:
    return PDFS[kind].format(id=id)


def file_path(sample: str, name: str) -> str:
    """A file published with a sample, beside its page."""
    return f"samples/{sample}/{name}"


def page_url(source: str) -> str:
    """Where a page's source is served: 'achievements/x.md' → 'achievements/x/', 'index.md' → ''."""
    path = source.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def relative_url(target: str, from_source: str) -> str:
    """A link from the page made from `from_source` to a file of the site, e.g. a PDF."""
    return posixpath.relpath(target, page_url(from_source) or ".")
