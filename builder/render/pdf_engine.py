"""The PDF engine: WeasyPrint, in parallel processes. Everything WeasyPrint-specific lives here.

Jobs are self-contained HTML documents (styles and font URLs inlined), so a
worker needs nothing but the string. Output is reproducible: WeasyPrint
writes no wall-clock date, and SOURCE_DATE_EPOCH pins the timestamps that
fontTools would otherwise stamp into subsetted fonts.
"""

from __future__ import annotations

import ctypes
import logging
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from builder.core.workers import end_with_parent

VARIANT = "pdf/ua-1"  # tagged PDF for screen readers and applicant-tracking systems


@dataclass(frozen=True)
class PdfJob:
    target: str  # path under the output folder, e.g. "pdf/for/acme.pdf"
    html: str


@dataclass
class PdfRun:
    """PDFs rendering in the background while the rest of the build goes on."""

    out: Path
    futures: list[tuple[str, Future[list[str]]]] = field(default_factory=list)
    executor: ProcessPoolExecutor | None = None
    warnings: list[str] = field(default_factory=list)

    def wait(self) -> list[str]:
        """Block until every PDF is written; raise EngineError naming the first that failed."""
        try:
            for target, future in self.futures:
                try:
                    self.warnings += [f"{target}: {w}" for w in future.result()]
                except OSError:
                    raise  # a full disk or a folder that cannot be written: not a theme bug
                except Exception as error:
                    raise EngineError(f"{target}: {type(error).__name__}: {error}") from error
        finally:
            if self.executor is not None:
                self.executor.shutdown(cancel_futures=True)
        return self.warnings


class EngineError(Exception):
    """WeasyPrint could not render a document (a theme bug, or a broken font or image)."""


@cache
def fingerprint() -> str:
    """What, besides the HTML, decides the bytes of a PDF: engine versions and font subsetter."""
    versions = "; ".join(f"{name} {metadata.version(name)}" for name in ("weasyprint", "pydyf"))
    return f"{versions}; {VARIANT}; {_subsetter()}"


# The names WeasyPrint tries, in its order, for the library that subsets fonts (text/ffi.py).
HARFBUZZ_SUBSET = ("libharfbuzz-subset-0", "harfbuzz-subset", "harfbuzz-subset-0.0",
                   "libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib",
                   "libharfbuzz-subset-0.dll")  # fmt: skip


@cache
def _subsetter() -> str:
    """Which subsetter WeasyPrint will use, found as it finds it but without importing it:
    the build decides which PDFs to render before any worker has loaded the engine."""
    for name in HARFBUZZ_SUBSET:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return "harfbuzz"
    return "fonttools"


def stamp(epoch: int) -> str:
    """The part of SOURCE_DATE_EPOCH that reaches a PDF's bytes: fontTools writes it into the
    fonts it subsets, harfbuzz writes no time at all (then the variable changes nothing)."""
    return str(epoch) if _subsetter() == "fonttools" else ""


def start(
    jobs: Sequence[PdfJob],
    out: Path,
    workers: int,
    epoch: int,
    inherited: int = -1,
    readable: Sequence[Path] = (),
    warmed: ProcessPoolExecutor | None = None,
) -> PdfRun:
    """Begin rendering `jobs` into `out`, in `warmed` workers if `warm` started some; with
    one worker, render right here.

    The documents may read files in `readable` (the theme's fonts) and nothing else: images
    come inlined, and the network is never used."""
    global _lock
    _lock = inherited  # a worker forked from now on lets go of the build lock
    run = PdfRun(out, executor=warmed)
    if not jobs:
        return run
    folders = tuple(str(folder) for folder in readable)
    if workers <= 1:
        saved = os.environ.get("SOURCE_DATE_EPOCH")
        _prepare(epoch, readable=folders)
        try:
            for job in jobs:
                future: Future[list[str]] = Future()
                try:
                    future.set_result(_render(job.html, str(out / job.target)))
                except Exception as error:  # reported by wait(), like a worker's failure
                    future.set_exception(error)
                run.futures.append((job.target, future))
        finally:
            _restore("SOURCE_DATE_EPOCH", saved)
        return run
    if run.executor is None:
        run.executor = ProcessPoolExecutor(
            max_workers=worker_count(workers, len(jobs)),
            initializer=_prepare_worker,
            initargs=(epoch, os.getpid(), folders),
        )
    # Longest documents first, so that no worker is left with a big one at the end.
    for job in sorted(jobs, key=lambda j: -len(j.html)):
        run.futures.append(
            (job.target, run.executor.submit(_render, job.html, str(out / job.target)))
        )
    return run


def warm(workers: int, epoch: int, readable: Sequence[Path]) -> ProcessPoolExecutor | None:
    """Start a worker before the documents are known: it loads WeasyPrint while the build
    plans, which is most of what rendering one changed document costs. Hand it to `start`,
    or shut it down."""
    global _lock
    if workers <= 1:
        return None
    _lock = -1  # not taken yet: this build takes it later, and a past build's is closed
    executor = ProcessPoolExecutor(
        max_workers=workers,
        initializer=_prepare_worker,
        initargs=(epoch, os.getpid(), tuple(str(folder) for folder in readable)),
    )
    executor.submit(_loaded)  # makes the first worker now
    return executor


def _loaded() -> None:
    """Nothing to do: the worker's initializer has loaded the engine."""


# Each worker loads WeasyPrint (about as long as rendering a few documents), so a worker is
# started for every few documents only: one changed story makes one worker, not one per core.
DOCUMENTS_PER_WORKER = 4


def worker_count(workers: int, documents: int) -> int:
    """Workers for `documents` PDFs, at most `workers`: the build goes on beside them (the
    site engine runs in this process meanwhile), so even one document gets its own worker."""
    return max(1, min(workers, -(-documents // DOCUMENTS_PER_WORKER)))


def _restore(name: str, value: str | None) -> None:
    """Rendering here must not leave this process with a changed environment."""
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


_collected: list[str] = []
_readable: tuple[Path, ...] | None = None  # folders a document may read files from; None: any


class _Collect(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _collected.append(record.getMessage())


_lock = -1  # the build lock's descriptor, once the build holds it


def _prepare_worker(epoch: int, parent: int, readable: Sequence[str]) -> None:
    """A forked worker lets go of the build lock, if it was held when the worker was forked,
    and ends with the build (see builder.core.workers), then prepares like the build would."""
    end_with_parent(_lock, parent)
    _prepare(epoch, readable)


def _prepare(epoch: int, readable: Sequence[str] | None = None) -> None:
    """Per process: pin timestamps, import WeasyPrint once, keep its warnings for the report,
    and say which folders documents may read."""
    global _readable
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    _readable = None if readable is None else tuple(Path(f).resolve() for f in readable)
    import weasyprint  # noqa: F401

    logger = logging.getLogger("weasyprint")
    logger.handlers = [_Collect(logging.WARNING)]
    logger.propagate = False
    logger.setLevel(logging.WARNING)


def _render(html: str, target: str) -> list[str]:
    _collected.clear()
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    fitted(html, str(Path(target).parent)).write_pdf(target, pdf_variant=VARIANT)
    # A remote image is left out (its alt text shows); `check` has said so, with its line.
    # Each tighter step lays the document out again and says its warnings again.
    return list(dict.fromkeys(m for m in _collected if OFFLINE not in m))


# How much tighter a document may be set, in steps the theme's print.css defines as
# html[data-fit="1"] to html[data-fit="3"] (closer lines, smaller gaps and margins, never
# smaller body text): a CV that spills by a few lines fits its page, and no document ends
# on a page that holds only its last few lines.
FIT_STEPS = 3
# At most this share of a page's height is won back by the tightest step: a last page
# fuller than that, for each page before it, cannot be saved, and is not tried.
FIT_GAIN = 0.3


def fitted(html: str, base_url: str) -> Any:
    """The document laid out on as few pages as its tightest step allows, at the loosest
    step that needs no more: a document that tightening cannot shorten keeps its own look."""
    loosest = _layout(html, base_url, 0)
    pages = len(loosest.pages)
    if pages == 1 or filled(loosest.pages[-1]) > FIT_GAIN * (pages - 1):
        return loosest
    tightest = _layout(html, base_url, FIT_STEPS)
    if len(tightest.pages) >= len(loosest.pages):
        return loosest
    for step in range(1, FIT_STEPS):
        layout = _layout(html, base_url, step)
        if len(layout.pages) == len(tightest.pages):
            return layout
    return tightest


def _layout(html: str, base_url: str, step: int) -> Any:
    """The document laid out at one step of tightness (0: as the stylesheet sets it)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=_fetcher())
    if step:
        document.etree_element.set("data-fit", str(step))
    return document.render(pdf_variant=VARIANT)


def filled(page: Any) -> float:
    """How far down its content area a laid-out page is printed, from 0 to 1: its lowest
    line or image, against the height between the top and bottom margins."""
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox, ReplacedBox

    box = page._page_box
    top = box.content_box_y()
    bottoms = [
        child.position_y + child.margin_height()
        for root in box.children
        if not isinstance(root, MarginBox)
        for child in root.descendants()
        if isinstance(child, LineBox | ReplacedBox)
    ]
    return (max(bottoms, default=top) - top) / box.height


OFFLINE = "not fetched: builds are offline"
OFF_LIMITS = "not read: a PDF reads only its inlined images and the theme's fonts"


def _fetcher() -> object:
    """WeasyPrint's fetcher, kept offline and away from the disk.

    A document holds the candidate's raw Markdown, whose HTML may name any address: a
    remote image would make the build depend on the network, and a file (an image, a
    stylesheet, an attachment link) could carry anything on the machine into a public PDF."""
    from weasyprint.urls import URLFetcher

    readable = _readable

    class Guarded(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> object:
            if url.split(":", 1)[0].lower() not in ("data", "file"):
                raise ValueError(OFFLINE)
            if not may_read(url, readable):
                raise ValueError(OFF_LIMITS)
            return super().fetch(url, headers)

    return Guarded()


def may_read(url: str, readable: Sequence[Path] | None) -> bool:
    """Inlined data always; a file only inside `readable` (None: anywhere); the network never."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "data":
        return True
    if scheme != "file":
        return False
    path = Path(url2pathname(urlsplit(url).path)).resolve()
    return readable is None or any(path.is_relative_to(folder) for folder in readable)
