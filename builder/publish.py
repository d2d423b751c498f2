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

from builder.errors import UserError
from builder.gate import Verdict, inspect
from builder.incremental import CACHE, MANIFEST
from builder.portfolio import Portfolio
from builder.privacy import secrets

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
def staged(out: Path) -> Iterator[Stage]:
    """A fresh staging folder; on success its parts replace those of `out`, else it vanishes."""
    out.mkdir(parents=True, exist_ok=True)
    with build_lock(out) as lock_fd:
        for stale in out.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
        stage = Stage(Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out)), lock_fd)
        try:
            for folder in (stage.site, stage.private, stage.work, stage.pdfs, stage.cache):
                folder.mkdir()
            yield stage
            # The manifest goes first and comes back last: an interrupted swap leaves none,
            # and the next build then renders everything instead of trusting a stale record.
            (out / CACHE / MANIFEST).unlink(missing_ok=True)
            for part in PARTS:
                swap_in(stage.folder / part, out / part)
            swap_in(stage.cache, out / CACHE)
        finally:
            shutil.rmtree(stage.folder, ignore_errors=True)


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[int]:
    """An exclusive lock on build/, yielding its file descriptor."""
    with open(out / LOCK_NAME, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(
                f"another build is writing to {out}",
                "wait for it to finish, or build elsewhere with --out DIR",
            ) from None
        try:
            yield handle.fileno()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def swap_in(new: Path, target: Path) -> None:
    """Put `new` at `target` in one step; the previous `target` ends up at `new` (then removed)."""
    if target.exists() and _exchange(new, target):
        return
    if target.exists():
        old = target.with_name(target.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


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
    locale: Any,
    sources: dict[str, str] | None = None,
    cache: Path | None = None,
    cache_out: Path | None = None,
    jobs: int = 1,
    lock_fd: int = -1,
) -> Verdict:
    """Fail if any private value is in a published file, name or URL, or if a published file
    cannot be read and nobody vouched for it (`sources`: see `builder.gate.inspect`)."""
    verdict = inspect(
        site,
        secrets(portfolio),
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
