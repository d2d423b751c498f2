"""The site engine: MkDocs with Material. Everything MkDocs-specific lives in this module.

The rest of the builder hands over neutral data (Markdown pages, files, a
navigation tree, colours and words); swapping the engine for another that reads
the same kind of configuration touches this file alone.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markupsafe

from builder.core.outputs import Folders, link_file, link_files
from builder.core.urls import page_url
from builder.render.palette import STYLESHEET as PALETTE_STYLESHEET
from builder.render.palette import palette_stylesheet
from builder.render.theme import CompiledTemplates

ENGINE_FOLDER = "mkdocs"  # folder of a theme's site part holding Material template overrides


@dataclass(frozen=True)
class SitePage:
    path: str
    markdown: str
    title: str
    listed: bool = True


@dataclass(frozen=True)
class SiteNav:
    title: str
    path: str | None = None
    children: Sequence[SiteNav] = ()


@dataclass(frozen=True)
class SiteSpec:
    """What the engine needs to know about the site, free of engine vocabulary."""

    title: str
    url: str
    language: str
    author: str
    description: str
    primary: str
    accent: str
    words: dict[str, str]
    links: dict[str, str] = field(default_factory=dict)
    theme_folders: Sequence[Path] = ()  # most specific first; each may hold mkdocs/ and assets/
    stylesheets: Sequence[str] = ()


def engine_fingerprint() -> str:
    """The versions that decide the bytes of the site besides its sources."""
    from importlib import metadata

    return f"mkdocs {metadata.version('mkdocs')}; material {metadata.version('mkdocs-material')}"


class EngineError(Exception):
    """MkDocs refused the generated site (a bug of the builder or the theme, or a bad link)."""


@dataclass(frozen=True)
class SiteReuse:
    """The previous build of the same frame (settings, navigation, set of pages, theme and
    engine): the site it wrote, and what this build would not write the same. Everything else
    (pages, files, the theme's own assets) is linked from it instead of going through the engine."""

    folder: Path
    changed: frozenset[str]  # page sources ("achievements/x.md") and file targets that differ
    warnings: Mapping[str, Sequence[str]] = field(default_factory=dict)  # what each page said


@dataclass(frozen=True)
class SiteBuild:
    warnings: list[str]  # the site's warnings, those of the pages taken as they were included
    page_warnings: dict[str, list[str]]  # page source → its warnings, for the next build
    rendered: int  # pages that went through the engine
    reused: int  # pages linked from the previous site


def build_site(
    spec: SiteSpec,
    pages: Sequence[SitePage],
    nav: Sequence[SiteNav],
    files: Sequence[tuple[Path, str]],
    work: Path,
    out: Path,
    verbose: bool = False,
    reuse: SiteReuse | None = None,
    compiled: CompiledTemplates | None = None,
) -> SiteBuild:
    """Build the static site into `out`, an empty folder, and return what the engine said
    (broken links and the like). With `reuse`, only what changed is rendered; the result is
    the same, byte for byte, as a build from scratch."""
    from mkdocs.utils import is_markdown_file

    if reuse is not None and _search_index(reuse.folder) is None:
        reuse = None  # without the previous search index, reused pages could not be found
    docs = work / "docs"
    as_pages = [(source, target) for source, target in files if is_markdown_file(target)]
    # A page taken from the previous site is never read: its source is not written either.
    unread = {p.path for p in pages if reuse is not None and _reusable(reuse, p.path)}
    _write_sources(docs, [p for p in pages if p.path not in unread], [
        item for item in files if item not in as_pages
    ])  # fmt: skip
    overrides = _merge_overrides(spec.theme_folders, work / "overrides", docs)
    _write_palette(docs, spec)
    config_file = work / "mkdocs.yml"
    config_file.write_text(json.dumps({"site_name": "site"}), "utf-8")  # the real one: _config
    options = _config(spec, nav, pages, docs, overrides, out)
    partial = _Partial(reuse, compiled, unread)
    with _quiet(verbose, partial):
        _run_mkdocs(config_file, options, partial)
    if reuse is not None:
        link_files(reuse.folder, out, partial.taken)
        _merge_search_index(reuse.folder, out, partial)
        for relative in FRAME_FILES:  # made from every page's settings, which were not all read
            if (reuse.folder / relative).is_file():
                (out / relative).unlink(missing_ok=True)
                link_file(reuse.folder / relative, out / relative)
    # A Markdown file attached to a sample is a file to download, not a page to render.
    _copy_files(out, as_pages)
    (out / "sitemap.xml.gz").unlink(missing_ok=True)
    said = dict(partial.said)
    for page in partial.reused_pages:
        said[page] = list(reuse.warnings.get(page, ())) if reuse else []
    return SiteBuild(
        warnings=partial.site_warnings
        + [w for page, _ in partial.order for w in said.get(page, ())],
        page_warnings={page: found for page, found in said.items() if found},
        rendered=len(pages) - len(partial.reused_pages),
        reused=len(partial.reused_pages),
    )


class _Partial:
    """Rides along the engine's build as a plugin would: marks each file the previous site
    already holds as unmodified, so that a dirty build leaves it alone, and files each warning
    under the page being read when it was logged."""

    DIRTY_NOTICE = "A 'dirty' build is being performed"

    def __init__(
        self, reuse: SiteReuse | None, compiled: CompiledTemplates | None, unread: set[str]
    ) -> None:
        self.reuse = reuse
        self.compiled = compiled
        self.unread = unread  # pages taken as they were, whose sources were not written
        self.taken: list[str] = []  # files to link from the previous site, relative to it
        self.reused_pages: list[str] = []
        self.order: list[tuple[str, str]] = []  # (source, url) of every page, in build order
        self.current: str | None = None
        self.said: dict[str, list[str]] = {}
        self.site_warnings: list[str] = []

    def on_files(self, files: Any, config: Any) -> Any:
        files = self._with_unread_pages(files, config)
        for file in files:
            if file.is_documentation_page():  # the page's URL as the search index writes it
                self.order.append((file.src_uri, "" if file.url in (".", "./") else file.url))
            if self.reuse is None:
                continue
            same = file.src_uri in self.unread or (
                file.src_uri not in self.reuse.changed
                and (self.reuse.folder / file.dest_uri).is_file()
            )
            file.is_modified = _constant(not same)
            if same:
                self.taken.append(file.dest_uri)
                if file.is_documentation_page():
                    self.reused_pages.append(file.src_uri)
        return files

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """The theme's templates compiled once, not at every build."""
        if self.compiled is not None:
            env.bytecode_cache = self.compiled
        return env

    def _with_unread_pages(self, files: Any, config: Any) -> Any:
        """The pages whose sources were not written, in the order the engine lists a folder
        (which decides the order of the search index)."""
        if not self.unread:
            return files
        from mkdocs.structure.files import File, Files, file_sort_key

        docs = config["docs_dir"]
        ours = [f for f in files if f.src_dir == docs]
        ours += [File(source, docs, config["site_dir"], config["use_directory_urls"])
                 for source in sorted(self.unread)]  # fmt: skip
        return Files(sorted(ours, key=file_sort_key) + [f for f in files if f.src_dir != docs])

    def on_pre_page(self, page: Any, config: Any, files: Any) -> Any:
        self.current = page.file.src_uri
        return page

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        self.current = page.file.src_uri
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        self.current = None
        return output

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        self.current = None
        return html

    def heard(self, message: str) -> None:
        if self.reuse is not None and message.startswith(self.DIRTY_NOTICE):
            return
        if self.current is None:
            self.site_warnings.append(message)
        else:
            self.said.setdefault(self.current, []).append(message)


def _constant(value: bool) -> Callable[[], bool]:
    return lambda: value


SEARCH_INDEX = "search/search_index.json"
# Pages made from the frame alone (navigation, set of pages and their settings): the same as
# the previous build's whenever the frame is.
FRAME_FILES = ("sitemap.xml", "404.html")


def _search_index(site: Path) -> dict[str, Any] | None:
    try:
        index = json.loads((site / SEARCH_INDEX).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return index if isinstance(index, dict) and isinstance(index.get("docs"), list) else None


def _merge_search_index(previous: Path, out: Path, partial: _Partial) -> None:
    """The engine indexed only the pages it rendered: add back the entries of those taken from
    the previous site, in the order a whole build writes them (page by page)."""
    index, before = _search_index(out), _search_index(previous)
    if index is None or before is None:
        return
    old, new = _by_page(before["docs"]), _by_page(index["docs"])
    reused = set(partial.reused_pages)
    index["docs"] = [
        entry
        for source, url in partial.order
        for entry in (old if source in reused else new).get(url, [])
    ]
    # As the search plugin writes it, so that the bytes match a build from scratch.
    (out / SEARCH_INDEX).write_bytes(
        json.dumps(index, separators=(",", ":"), default=str).encode("utf-8")
    )


def _by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        pages.setdefault(str(entry.get("location", "")).split("#")[0], []).append(entry)
    return pages


def _reusable(reuse: SiteReuse, source: str) -> bool:
    """Whether the previous site holds this page or file as this build would make it."""
    output = page_url(source) + "index.html" if is_page(source) else source
    return source not in reuse.changed and (reuse.folder / output).is_file()


def is_page(source: str) -> bool:
    return source.endswith(".md")


def _write_sources(
    docs: Path, pages: Sequence[SitePage], files: Sequence[tuple[Path, str]]
) -> None:
    folders = Folders()
    for page in pages:
        target = folders.ready(docs / page.path)
        target.write_text(page.markdown if page.listed else _unlisted(page.markdown), "utf-8")
    _copy_files(docs, files, folders)


def _copy_files(
    folder: Path, files: Sequence[tuple[Path, str]], folders: Folders | None = None
) -> None:
    folders = folders or Folders()
    for source, relative in files:
        shutil.copyfile(source, folders.ready(folder / relative))


UNLISTED_META = "robots: noindex\nsearch:\n  exclude: true\n"


def _unlisted(markdown: str) -> str:
    """Keep a page out of search engines (robots meta, sitemap) and out of the site's search."""
    if markdown.startswith("---\n"):
        return "---\n" + UNLISTED_META + markdown[4:]
    return "---\n" + UNLISTED_META + "---\n" + markdown


def _merge_overrides(folders: Sequence[Path], overrides: Path, docs: Path) -> Path:
    """Material takes one custom_dir; layer the built-in theme under the portfolio's."""
    overrides.mkdir(parents=True, exist_ok=True)
    for folder in reversed(folders):
        if (folder / ENGINE_FOLDER).is_dir():
            shutil.copytree(folder / ENGINE_FOLDER, overrides, dirs_exist_ok=True)
        if (folder / "assets").is_dir():
            shutil.copytree(folder / "assets", docs / "assets", dirs_exist_ok=True)
    return overrides


def _write_palette(docs: Path, spec: SiteSpec) -> None:
    """The palette in shades that pass contrast, before the theme's stylesheets (which may
    change it further)."""
    target = docs / PALETTE_STYLESHEET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(palette_stylesheet(spec.primary, spec.accent), "utf-8")


def _config(
    spec: SiteSpec,
    nav: Sequence[SiteNav],
    pages: Sequence[SitePage],
    docs: Path,
    overrides: Path,
    out: Path,
) -> dict[str, Any]:
    return {
        "site_name": _html(spec.title),
        "site_url": spec.url,
        "site_author": _html(spec.author),
        "site_description": _html(spec.description),
        "docs_dir": str(docs),
        "site_dir": str(out),
        "use_directory_urls": True,
        "nav": [_nav_entry(entry) for entry in nav],
        "not_in_nav": "\n".join("/" + p.path for p in pages if not p.listed),
        "theme": _theme(spec, overrides),
        "plugins": [{"search": {"lang": spec.language}}],
        "markdown_extensions": _markdown_extensions(spec.words["permalink"]),
        "extra_css": [PALETTE_STYLESHEET, *spec.stylesheets],
        "extra": {"generator": False, "social": _social(spec.links), "words": _words(spec)},
        "copyright": _html(spec.words["copyright"]),
        "validation": {"links": {"absolute_links": "info", "unrecognized_links": "info"}},
    }


def _html(text: str) -> markupsafe.Markup:
    """Text for Material's templates, which print titles, names and words as HTML: escaped
    once here, and as Markup so that a template's own `| e` leaves it as it is."""
    return markupsafe.escape(text)


def _words(spec: SiteSpec) -> dict[str, markupsafe.Markup]:
    return {key: _html(text) for key, text in spec.words.items()}


def _nav_entry(entry: SiteNav) -> Any:
    if entry.children:
        return {_html(entry.title): [_nav_entry(child) for child in entry.children]}
    return {_html(entry.title): entry.path}


def _theme(spec: SiteSpec, overrides: Path) -> dict[str, Any]:
    return {
        "name": "material",
        "custom_dir": str(overrides),
        "language": spec.language,
        "font": False,  # no web fonts: the site must render with no outside server reachable
        "palette": [
            _scheme(
                "(prefers-color-scheme: light)",
                "default",
                spec,
                "material/weather-night",
                _html(spec.words["to_dark"]),
            ),
            _scheme(
                "(prefers-color-scheme: dark)",
                "slate",
                spec,
                "material/weather-sunny",
                _html(spec.words["to_light"]),
            ),
        ],
        "features": [
            "navigation.tabs",
            "navigation.indexes",
            "navigation.top",
            "navigation.footer",
            "search.suggest",
            "search.highlight",
            "toc.follow",
            "content.code.copy",
        ],
        "icon": {"logo": "material/briefcase-account"},
    }


def _scheme(media: str, scheme: str, spec: SiteSpec, icon: str, label: str) -> dict[str, Any]:
    return {
        "media": media,
        "scheme": scheme,
        "primary": spec.primary,
        "accent": spec.accent,
        "toggle": {"icon": icon, "name": label},
    }


def _markdown_extensions(permalink_title: str) -> list[Any]:
    """The Markdown extensions; `permalink_title` is the headings' link tooltip, in the site's
    language."""
    from material.extensions import emoji

    return [
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "footnotes",
        "md_in_html",
        "tables",
        {"toc": {"permalink": True, "permalink_title": permalink_title}},
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tilde",
        {"pymdownx.emoji": {"emoji_index": emoji.twemoji, "emoji_generator": emoji.to_svg}},
    ]


SOCIAL_ICONS = {
    "linkedin": "fontawesome/brands/linkedin",
    "github": "fontawesome/brands/github",
    "gitlab": "fontawesome/brands/gitlab",
    "x": "fontawesome/brands/x-twitter",
    "twitter": "fontawesome/brands/x-twitter",
    "mastodon": "fontawesome/brands/mastodon",
    "orcid": "fontawesome/brands/orcid",
    "scholar": "fontawesome/solid/graduation-cap",
    "kaggle": "fontawesome/brands/kaggle",
}


def _social(links: dict[str, str]) -> list[dict[str, str]]:
    social = []
    for label, url in links.items():
        key = next((k for k in SOCIAL_ICONS if k in label.lower().replace(" ", "")), None)
        icon = SOCIAL_ICONS[key] if key else "material/link-variant"
        social.append({"icon": icon, "link": _html(url), "name": _html(label)})
    return social


def _run_mkdocs(config_file: Path, options: dict[str, Any], partial: _Partial) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(config_file=str(config_file), **options)
        config.plugins["secondround-partial"] = partial  # type: ignore[assignment]
        build(config, dirty=partial.reuse is not None)
    except MkDocsException as error:
        raise EngineError(str(error)) from error


class _Collect(logging.Handler):
    def __init__(self, partial: _Partial) -> None:
        super().__init__(logging.WARNING)
        self.partial = partial

    def emit(self, record: logging.LogRecord) -> None:
        self.partial.heard(record.getMessage())


@contextlib.contextmanager
def _quiet(verbose: bool, partial: _Partial) -> Iterator[None]:
    """Hide MkDocs' log lines and banners unless asked; keep its warnings to report them."""
    logger = logging.getLogger("mkdocs")
    collect = _Collect(partial)
    saved = logger.level, logger.propagate, list(logger.handlers)
    logger.addHandler(collect)
    try:
        if verbose:
            logger.setLevel(logging.DEBUG)
            if not saved[2]:
                logger.addHandler(logging.StreamHandler())
            yield
        else:
            logger.setLevel(logging.WARNING)
            logger.propagate = False
            logger.handlers = [collect]
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                yield
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]
