"""The Jinja side of a theme: templates looked up in the portfolio's theme first, then the
built-in one, with the words of the portfolio's language (builder.core.words) as globals
and filters. The only place, with the command line, where the template engine lives."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from builder.core.literal import link_target, markdown_text, path_target
from builder.core.outputs import link_file
from builder.core.urls import PATHS_LANGUAGE, relative_url
from builder.core.words import Locale, theme_dirs
from builder.plan.privacy import Public


class NotPublic(jinja2.UndefinedError):
    """A template asked a public view for something it does not hold: a private field (which
    never reaches a public template) or a misspelt one."""

    def __init__(self, name: str) -> None:
        super().__init__(f"'{name}' is not in the public view")
        self.name = name


class Undefined(jinja2.StrictUndefined):
    """Jinja's strict undefined, which says when the missing name was asked of a public view."""

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        if isinstance(self._undefined_obj, Public) and isinstance(self._undefined_name, str):
            raise NotPublic(self._undefined_name)
        return super()._fail_with_undefined_error(*args, **kwargs)


# Jinja binds printing, testing, comparing and arithmetic on an undefined value to its
# failing method directly: they are pointed at the one above.
for _base in (jinja2.Undefined, jinja2.StrictUndefined):
    for _name, _value in vars(_base).items():
        if _value is jinja2.Undefined._fail_with_undefined_error and _name.startswith("__"):
            setattr(Undefined, _name, Undefined._fail_with_undefined_error)


@jinja2.pass_context
def relative_link(context: jinja2.runtime.Context, target: str) -> markupsafe.Markup:
    """A Markdown link from the page being rendered (`here`) to another page's source path."""
    return path_target(posixpath.relpath(target, posixpath.dirname(context["here"]) or "."))


@jinja2.pass_context
def relative_file_url(context: jinja2.runtime.Context, target: str) -> markupsafe.Markup:
    """An HTML link from the page being rendered to a published file such as a PDF."""
    return path_target(relative_url(target, context["here"]))


def table_cell(text: str | None) -> markupsafe.Markup:
    """Text that stays inside one Markdown table cell, as written."""
    return markdown_text(text or "")


def page_value(value: object) -> object:
    """What a Markdown page prints: text as written (see builder.core.literal); markup that a filter
    or the candidate's own Markdown body produced passes unchanged."""
    return value if isinstance(value, markupsafe.Markup) else markdown_text(value)


def css_string(text: str) -> markupsafe.Markup:
    """Text safe inside a CSS string literal in a <style> element (running footers)."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return markupsafe.Markup(escaped.replace("<", "\\3c ").replace(">", "\\3e "))


def display_url(url: str) -> str:
    """An address as people write it on paper: no scheme, no trailing slash."""
    return (
        str(url)
        .removeprefix("https://")
        .removeprefix("http://")
        .removeprefix("mailto:")
        .rstrip("/")
    )


def printed_url(context: Any, url: str) -> str:
    """The address a document prints for a link: as written, except a page of the site in a
    document whose language is not the one of the site's paths ('/for/', '/achievements/'):
    that prints nothing, and the link itself and the QR code lead to the page."""
    site = str(context.get("site_url") or "")
    foreign = context.get("language", PATHS_LANGUAGE) != PATHS_LANGUAGE
    if foreign and site and str(url).startswith(site) and str(url) != site:
        return ""
    return display_url(url)


def markdown_html(text: str) -> markupsafe.Markup:
    """The candidate's own Markdown, for PDFs (the site engine renders it for the web)."""
    import markdown

    return markupsafe.Markup(markdown.markdown(text, extensions=["extra", "sane_lists"]))


def markdown_plain(text: str) -> str:
    """The candidate's own Markdown as the plain-text part of an email shows it: each
    paragraph on one line, emphasis marks dropped, a link as its words and its address."""
    text = re.sub(r"\[([^\]]+)\]\((\S+?)\)", r"\1 (\2)", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(_unwrapped(p) for p in paragraphs)


def _unwrapped(paragraph: str) -> str:
    """A paragraph's lines joined, unless it is a list, whose items stay one a line."""
    lines = paragraph.splitlines()
    if any(re.match(r"\s*([-*+]|\d+\.)\s", line) for line in lines):
        return paragraph
    return " ".join(line.strip() for line in lines)


# Material for MkDocs' palette, as print colours for the PDFs.
PRINT_COLOURS = {
    "red": "#d32f2f", "pink": "#c2185b", "purple": "#7b1fa2", "deep purple": "#512da8",
    "indigo": "#3949ab", "blue": "#1565c0", "light blue": "#0277bd", "cyan": "#00838f",
    "teal": "#00796b", "green": "#2e7d32", "light green": "#50832c", "lime": "#827717",
    "yellow": "#8d6e00", "amber": "#a15c00", "orange": "#c43e00", "deep orange": "#bf360c",
    "brown": "#5d4037", "grey": "#616161", "blue grey": "#455a64", "black": "#212121",
    "white": "#37474f",
}  # fmt: skip


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates as the last build compiled them, and those this build compiles, kept for the
    next one. Read from the last build's folder and written to the new build's only when it
    succeeds, so that a failed build leaves the last one as it was. Jinja checks each against
    its source; one memory per environment, since their settings shape the compiled code."""

    def __init__(self, previous: Path | None) -> None:
        self.previous = previous
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is None and self.previous is not None:
            try:
                data = (self.previous / f"{bucket.key}.cache").read_bytes()
            except OSError:
                return
        if data is not None:
            bucket.bytecode_from_string(data)
            if bucket.code is not None:  # still the template's source
                self.compiled[bucket.key] = data

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def save(self, folder: Path) -> None:
        """Keep what this build compiled, and what the last one did that this one did not need."""
        folder.mkdir(parents=True, exist_ok=True)
        for key, data in self.compiled.items():
            (folder / f"{key}.cache").write_bytes(data)
        if self.previous is not None and self.previous.is_dir():
            for kept in self.previous.glob("*.cache"):
                if kept.stem not in self.compiled:
                    link_file(kept, folder / kept.name)


@dataclass(frozen=True)
class Theme:
    """Templates of one part of the theme (site, pdf, mail), with the locale as globals."""

    root: Path
    name: str
    locale: Locale
    compiled_before: Path | None = None  # where the last build kept its compiled templates

    @cached_property
    def compiled(self) -> dict[str, CompiledTemplates]:
        before = self.compiled_before
        return {kind: CompiledTemplates(before / kind if before else None)
                for kind in ("html", "markdown")}  # fmt: skip

    def save_compiled(self, folder: Path) -> None:
        for kind, memory in self.compiled.items():
            memory.save(folder / kind)

    def folders(self, part: str) -> list[Path]:
        return [
            folder / part for folder in theme_dirs(self.root, self.name) if (folder / part).is_dir()
        ]

    @cached_property
    def environment(self) -> jinja2.Environment:
        """HTML and plain-text templates: PDFs, mails, the dashboard."""
        return self._environment(memory=self.compiled["html"])

    @cached_property
    def markdown_environment(self) -> jinja2.Environment:
        """The site's Markdown pages: every value printed stays text, never Markdown."""
        return self._environment(page_value, self.compiled["markdown"])

    def _environment(
        self, finalize: Any = None, memory: CompiledTemplates | None = None
    ) -> jinja2.Environment:
        loader = jinja2.FileSystemLoader([str(f) for f in theme_dirs(self.root, self.name)])
        env = jinja2.Environment(
            loader=loader,
            autoescape=True,
            undefined=Undefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=finalize,
            bytecode_cache=memory,
        )
        env.globals["t"] = self.locale
        env.filters["date"] = self.locale.date
        env.filters["long_date"] = self.locale.long_date
        env.filters["join_list"] = self.locale.join
        env.filters["number"] = self.locale.number
        env.filters["percent"] = self.locale.percent
        env.filters["signed_percent"] = self.locale.signed_percent
        env.filters["filesize"] = self.locale.filesize
        env.filters["rel"] = relative_link
        env.filters["file_url"] = relative_file_url
        env.filters["cell"] = table_cell
        env.filters["css_string"] = css_string
        env.filters["display_url"] = display_url
        env.filters["printed_url"] = jinja2.pass_context(printed_url)
        env.filters["markdown"] = markdown_html
        env.filters["markdown_plain"] = markdown_plain
        env.filters["link"] = link_target
        env.globals["font"] = self.font_url
        return env

    def font_url(self, name: str) -> str:
        """A font file of the theme (the portfolio's first), as a file:// URL for the PDF engine."""
        for folder in self.folders("pdf/fonts"):
            if (folder / name).is_file():
                return (folder / name).resolve().as_uri()
        raise jinja2.TemplateError(f"font '{name}' not found in any theme's pdf/fonts/")

    def files(self, part: str) -> list[Path]:
        """Every file of a part of the theme (for the fingerprints of incremental builds)."""
        return sorted(p for folder in self.folders(part) for p in folder.rglob("*") if p.is_file())

    def render(self, template: str, **context: Any) -> str:
        markdown = template.endswith(".md")
        environment = self.markdown_environment if markdown else self.environment
        return environment.get_template(template).render(**context)
