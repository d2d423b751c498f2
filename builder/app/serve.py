"""`secondround serve`: a live preview that rebuilds on every edit and reloads the browser.

Each change first gets a quick build (no PDF rendered: the previous ones stay) so the
page reloads at once; the full build with PDFs follows in the background. A content
error is printed and shown in the browser in place of the page; the server keeps running.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from watchfiles import watch

from builder.build import BuildOptions, BuildReport, build
from builder.core.errors import ContentError, UserError
from builder.load.read import locale_of
from builder.publish.stage import PrivacyError

VERSION_PATH = "/__secondround__/version"
RELOAD = (
    "<script>(function(){var seen=null;setInterval(function(){"
    "fetch('" + VERSION_PATH + "',{cache:'no-store'}).then(function(r){return r.text();})"
    ".then(function(v){if(seen===null){seen=v;}else if(v!==seen){location.reload();}})"
    ".catch(function(){});},400);})();</script>"
)


@dataclass
class PreviewState:
    """What the server shows: the build's version, or the errors that stop it."""

    version: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def published(self) -> None:
        with self.lock:
            self.version += 1
            self.errors = []

    def failed(self, errors: list[str]) -> None:
        with self.lock:
            self.version += 1
            self.errors = errors


class Preview:
    """The rebuild loop and the HTTP server, startable and stoppable (for tests and the CLI)."""

    def __init__(
        self, root: Path, host: str, port: int, jobs: int, say: Callable[[str], None]
    ) -> None:
        self.root, self.jobs, self.say = root, jobs, say
        self.state = PreviewState()
        self.out = root / "build"
        handler = partial(_Handler, directory=str(self.out / "site"), preview=self)
        self.server = ThreadingHTTPServer((host, port), handler)
        self.stopping = threading.Event()
        self.pending = threading.Event()  # a full build with PDFs is wanted
        self.watching = threading.Event()  # the watcher is ready: no edit can be missed
        self.building = threading.Lock()  # one build at a time
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> None:
        self.rebuild(quick=True)
        for target in (self.server.serve_forever, self._watch, self._full_build):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self.threads.append(thread)
        self.watching.wait(timeout=10)

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=10)

    def rebuild(self, quick: bool) -> BuildReport | None:
        options = BuildOptions(jobs=self.jobs, pdf=not quick, preview=True)
        started = time.perf_counter()
        t = locale_of(self.root)  # read again: the language may be what was just edited
        try:
            with self.building:
                report = build(self.root, options)
        except ContentError as error:
            self.state.failed([str(p) for p in error.problems])
            for problem in error.problems:
                self.say(f"{t('cli.error')} {problem}")
            return None
        except (PrivacyError, UserError) as error:
            self.state.failed([str(error)])
            self.say(f"{t('cli.error')} {error}")
            return None
        if quick or not report.site_reused or self.state.errors:
            self.state.published()
        if not report.unchanged:
            seconds = t.number(time.perf_counter() - started, 1)
            self.say(t("cli.serve.quick" if quick else "cli.serve.full", seconds=seconds))
        return report

    def _watch(self) -> None:
        paths = [
            p
            for p in (self.root / "content", self.root / "themes", self.root / "site.yml")
            if p.exists()
        ]
        changes = watch(
            *paths,
            stop_event=self.stopping,
            debounce=150,
            step=50,
            yield_on_timeout=True,
            rust_timeout=200,
        )
        for changed in changes:
            self.watching.set()
            if changed and self.rebuild(quick=True) is not None:
                self.pending.set()

    def _full_build(self) -> None:
        self.pending.set()
        while not self.stopping.is_set():
            if self.pending.wait(timeout=0.2):
                self.pending.clear()
                self.rebuild(quick=False)


class _Handler(SimpleHTTPRequestHandler):
    """Static files from build/site/, with the reload script in every page and errors shown."""

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — quiet by design
        return

    def do_GET(self) -> None:  # noqa: N802 — the name http.server calls
        state = self.preview.state
        if self.path.split("?")[0] == VERSION_PATH:
            self._send(200, str(state.version).encode(), "text/plain")
            return
        if state.errors:
            self._send(
                500, _error_page(self.preview, state.errors).encode(), "text/html; charset=utf-8"
            )
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            page = target.read_text("utf-8").replace("</body>", RELOAD + "</body>", 1)
            self._send(200, page.encode(), "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _error_page(preview: Preview, errors: list[str]) -> str:
    t = locale_of(preview.root)  # English when site.yml is what is broken
    items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in errors)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(t("serve.title"))}</title>'
        "<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d22}h1{color:#b71c1c}"
        "li{margin:.5rem 0}code{white-space:pre-wrap}</style></head><body>"
        f"<h1>{html.escape(t('serve.title'))}</h1><p>{html.escape(t('serve.explain'))}</p><ul>{items}</ul>"
        f"{RELOAD}</body></html>"
    )
