"""Stage 5, publish: stage the output beside build/, check privacy, swap it in atomically.

A build never leaves build/site/ half written: everything is produced in a
staging folder under the output folder and exchanged with the previous
output in one rename, so a reader (or a deploy) sees the old site or the new
one, never a mix. A lock serialises concurrent builds.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.analyse.analysis import analyse
from builder.core.errors import UserError
from builder.core.words import Locale, english
from builder.load.portfolio import Portfolio
from builder.plan.privacy import Shown, secrets
from builder.plan.site import PdfDoc, SitePlan, plan_pdfs, plan_site, shown
from builder.publish.gate import Verdict, inspect
from builder.publish.incremental import CACHE, MANIFEST

STAGING_PREFIX = ".staging-"
LOCK_NAME = ".lock"
PARTS = ("site", "private")


class PrivacyError(Exception):
    """Private values were found in the public output, or a file there could not be read;
    nothing was published."""

    def __init__(self, verdict: Verdict, locale: Any) -> None:
        self.verdict = verdict
        self.locale = locale  # the portfolio's words, to report in its language
        self.lines = [leak.describe(locale) for leak in verdict.leaks] + [
            refusal.describe(locale) for refusal in verdict.refusals
        ]
        super().__init__("\n".join(self.lines))


@dataclass(frozen=True)
class Stage:
    folder: Path
    lock_fd: int = -1  # the build lock; processes forked during the build must close it

    @property
    def site(self) -> Path:
        return self.folder / "site"

    @property
    def private(self) -> Path:
        return self.folder / "private"

    @property
    def work(self) -> Path:
        return self.folder / "work"

    @property
    def pdfs(self) -> Path:
        """PDFs render here while the site engine (which empties its own folder) runs."""
        return self.folder / "pdfs"

    @property
    def cache(self) -> Path:
        return self.folder / CACHE


@contextlib.contextmanager
def staged(out: Path, t: Locale | None = None) -> Iterator[Stage]:
    """A fresh staging folder; on success its parts replace those of `out`, else it vanishes.

    Output that cannot be written (a read-only folder, a full disk) is a clean error naming
    the path, in the words of `t`, and the previous build stays as it was, manifest included."""
    t = t or english()
    with writing(out, t):
        require_writable(out, t)
        created = not out.exists()
        out.mkdir(parents=True, exist_ok=True)
        try:
            with build_lock(out, t) as lock_fd:
                for stale in out.glob(STAGING_PREFIX + "*"):
                    shutil.rmtree(stale, ignore_errors=True)
                stage = Stage(Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out)), lock_fd)
                try:
                    for folder in (stage.site, stage.private, stage.work, stage.pdfs, stage.cache):
                        folder.mkdir()
                    yield stage
                    swap_all(stage, out)
                finally:
                    shutil.rmtree(stage.folder, ignore_errors=True)
        except BaseException:
            if created:  # a first build that failed leaves no build/ behind, not even its lock
                shutil.rmtree(out, ignore_errors=True)
            raise


def swap_all(stage: Stage, out: Path) -> None:
    """Swap every part in, or none: a part that cannot be swapped puts back those that were.

    The manifest goes first and comes back last: an interrupted swap leaves none, and the
    next build then renders everything instead of trusting a stale record."""
    manifest, kept = out / CACHE / MANIFEST, stage.folder / MANIFEST
    if manifest.exists():
        os.replace(manifest, kept)
    done: list[tuple[Path, Path]] = []
    try:
        for new, target in [(stage.folder / p, out / p) for p in PARTS] + [
            (stage.cache, out / CACHE)
        ]:
            swap_in(new, target)
            done.append((new, target))
    except OSError:
        for new, target in reversed(done):
            swap_back(new, target)
        if kept.exists():
            os.replace(kept, manifest)
        raise


@contextlib.contextmanager
def writing(out: Path, t: Locale) -> Iterator[None]:
    """A failed write into `out`, or a full or read-only disk, is the user's to fix, not a bug."""
    try:
        yield
    except OSError as error:
        path = Path(os.fsdecode(error.filename)) if error.filename else out
        if error.errno not in DISK_ERRORS and not path.resolve().is_relative_to(out.resolve()):
            raise  # not the output: a theme file that cannot be read, say, is another story
        raise cannot_write(path, error.errno, t) from error


DISK_ERRORS = {errno.EROFS, errno.ENOSPC, errno.EDQUOT}  # only ever a failed write


WRITE_ERRORS = {
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EROFS: "read_only",
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
}


def cannot_write(path: Path, code: int | None, t: Locale) -> UserError:
    kind = WRITE_ERRORS.get(code or 0, "other")
    reason = os.strerror(code) if code else ""
    shown = _shown(path)
    return UserError(
        t(f"errors.cannot_write_{kind}", path=shown, reason=reason),
        t(f"errors.cannot_write_{kind}_hint", path=shown),
    )


def require_writable(out: Path, t: Locale) -> None:
    """Fail before anything is rendered when a folder the build replaces cannot be written to
    (renaming a folder into place needs write access to the folder itself)."""
    existing = next(folder for folder in (out, *out.parents) if folder.exists())
    places = [out / part for part in (*PARTS, CACHE)] + [out, existing]
    for place in places:
        if place.is_dir() and not os.access(place, os.W_OK):
            raise cannot_write(place, errno.EACCES, t)


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@contextlib.contextmanager
def build_lock(out: Path, t: Locale) -> Iterator[int]:
    """An exclusive lock on build/, yielding its file descriptor."""
    with open(out / LOCK_NAME, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(t("cli.another_build", out=out), t("cli.another_build_hint")) from None
        try:
            yield handle.fileno()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def swap_in(new: Path, target: Path) -> None:
    """Put `new` at `target` in one step; the previous `target`, if any, ends up at `new`."""
    if target.exists() and _exchange(new, target):
        return
    if target.exists():
        old = new.with_name(new.name + ".old")
        os.replace(target, old)
        os.replace(new, target)
        os.replace(old, new)
    else:
        os.replace(new, target)


def swap_back(new: Path, target: Path) -> None:
    """Undo `swap_in`: the previous `target` back in place, or none if there was none."""
    if new.exists():
        swap_in(new, target)
    else:
        os.replace(target, new)


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): swap two directories atomically. False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def finish_site(site: Path, cname: str | None) -> None:
    """Files GitHub Pages needs: .nojekyll (serve folders starting with _) and CNAME."""
    (site / ".nojekyll").write_text("", "utf-8")
    if cname:
        (site / "CNAME").write_text(cname + "\n", "utf-8")


def check_privacy(
    site: Path,
    portfolio: Portfolio,
    locale: Locale,
    sources: dict[str, str] | None = None,
    cache: Path | None = None,
    cache_out: Path | None = None,
    jobs: int = 1,
    lock_fd: int = -1,
    plan: SitePlan | None = None,
    pdfs: list[PdfDoc] | None = None,
) -> Verdict:
    """Fail if any private value is in a published file, name or URL, or if a published file
    cannot be read and nobody vouched for it (`sources`: see `builder.publish.gate.inspect`).

    What the site is planned to show (`plan`, `pdfs`: planned again when not given, as for a
    deploy) tells private dates and words from the same ones shown on purpose."""
    planned = shown(plan, pdfs or []) if plan is not None else planned_again(portfolio, locale)
    verdict = inspect(
        site,
        secrets(portfolio, locale, planned),
        shown=planned,
        unscanned=portfolio.site.privacy.unscanned,
        sources=sources,
        cache=cache,
        cache_out=cache_out,
        jobs=jobs,
        inherited=lock_fd,
    )
    if not verdict:
        raise PrivacyError(verdict, locale)
    return verdict


def planned_again(portfolio: Portfolio, t: Locale) -> Shown:
    """What the site shows, planned from the sources (they are those of the build: deploy
    checks that first)."""
    analysis = analyse(portfolio, t=t)
    return shown(plan_site(portfolio, analysis, t), plan_pdfs(portfolio, analysis, t))
