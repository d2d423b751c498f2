"""Publishing into build/: atomic swaps, a lock against concurrent builds, no leftovers, and
output that cannot be written answered cleanly with the previous build kept."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.core.errors import UserError
from builder.core.words import english
from builder.publish import stage as publish
from builder.publish.stage import build_lock, staged, swap_in
from tests.conftest import snapshot, write


def test_swap_in_replaces_a_folder_whole(tmp_path: Path) -> None:
    write(tmp_path, "site/old.html", "old")
    write(tmp_path, "new/new.html", "new")
    swap_in(tmp_path / "new", tmp_path / "site")
    assert snapshot(tmp_path / "site") == {"new.html": b"new"}


def test_swap_in_creates_the_target_the_first_time(tmp_path: Path) -> None:
    write(tmp_path, "new/index.html", "x")
    swap_in(tmp_path / "new", tmp_path / "site")
    assert (tmp_path / "site/index.html").read_text() == "x"
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
@pytest.mark.parametrize("existed", [True, False])
def test_swap_back_undoes_swap_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool, existed: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    if existed:
        write(tmp_path, "site/old.html", "old")
    write(tmp_path, "new/new.html", "new")
    swap_in(tmp_path / "new", tmp_path / "site")
    assert snapshot(tmp_path / "site") == {"new.html": b"new"}
    assert snapshot(tmp_path / "new") == ({"old.html": b"old"} if existed else {})
    publish.swap_back(tmp_path / "new", tmp_path / "site")
    assert snapshot(tmp_path / "site") == ({"old.html": b"old"} if existed else {})
    assert snapshot(tmp_path / "new") == {"new.html": b"new"}


def test_staging_is_swapped_in_on_success_and_removed_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "build"
    with staged(out) as stage:
        write(stage.site, "index.html", "first")
    assert (out / "site/index.html").read_text() == "first"
    with pytest.raises(RuntimeError), staged(out) as stage:
        write(stage.site, "index.html", "second")
        raise RuntimeError("render failed")
    assert (out / "site/index.html").read_text() == "first"
    assert not list(out.glob(".staging-*"))


def test_leftovers_of_a_killed_build_are_cleared(tmp_path: Path) -> None:
    out = tmp_path / "build"
    write(out, ".staging-dead/site/index.html", "half")
    with staged(out) as stage:
        write(stage.site, "index.html", "whole")
    assert not (out / ".staging-dead").exists()


def test_a_second_build_at_once_is_refused_clearly(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    t = english()
    with build_lock(out, t), pytest.raises(UserError) as refused, build_lock(out, t):
        pass
    assert "another build is writing" in str(refused.value)


# ---------------------------------------------------------------------------
# Output that cannot be written: exit 1 naming the path, the previous build kept whole


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` made unwritable for real: by its mode, or, for root (whom modes do not stop),
    by the immutable attribute; the test is skipped where neither holds."""
    if os.geteuid() == 0:
        protect, release = ["chattr", "+i", str(folder)], ["chattr", "-i", str(folder)]
    else:
        protect, release = ["chmod", "a-w", str(folder)], ["chmod", "u+w", str(folder)]
    if subprocess.run(protect, capture_output=True, check=False).returncode != 0:
        pytest.skip(f"cannot make {folder} read-only here")
    try:
        try:
            (folder / "probe").touch()
        except OSError:
            yield
        else:
            (folder / "probe").unlink()
            pytest.skip(f"{folder} stays writable here")
    finally:
        subprocess.run(release, check=True)


@pytest.fixture
def built(tiny: Path, run, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """A good build of the tiny portfolio, then an edit that the next build must publish."""
    monkeypatch.chdir(tiny)
    assert run("build", "--root", tiny).code == 0
    assert (tiny / "build/.cache/manifest.json").is_file()
    profile = tiny / "content/profile.md"
    profile.write_text(profile.read_text().replace("carefully", "very carefully"))
    return tiny


def assert_untouched(root: Path, before: dict[str, bytes]) -> None:
    assert snapshot(root / "build") == before  # site, private kit and manifest as they were
    assert not list((root / "build").glob(".staging-*"))


@pytest.mark.parametrize("part", ["", "site", "private", ".cache"])
def test_a_read_only_output_folder_is_a_clean_error(built: Path, run, part: str) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(built / "build")
    folder = built / "build" / part
    with read_only(folder):
        result = run("build", "--root", built)
    assert result.code == 1, result.err
    shown = ("build/" + part).rstrip("/")
    assert result.err.startswith(
        f"error cannot write {shown}: permission denied — make it writable again"
        f" (for example `chmod -R u+w {shown}`), or build elsewhere with --out DIR;"
        " the previous build is untouched"
    ), result.err
    assert_untouched(built, before)
    after = run("build", "--root", built)  # writable again: the edit is published
    assert after.code == 0 and "very carefully" in (built / "build/site/index.html").read_text()


def test_a_swap_that_fails_halfway_puts_the_previous_build_back(
    built: Path,
    run,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    """The disk fills up after the new site is in place but before the private kit is."""
    real = publish.swap_in

    def full_at_private(new: Path, target: Path) -> None:
        if target.name == "private" and new.name == "private":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        real(new, target)

    before = snapshot(built / "build")
    monkeypatch.setattr(publish, "swap_in", full_at_private)
    result = run("build", "--root", built)
    assert result.code == 1
    assert result.err.startswith(
        "error cannot write build/private: the disk is full — free some disk space,"
        " or build elsewhere with --out DIR; the previous build is untouched"
    ), result.err
    assert_untouched(built, before)


def test_a_full_disk_while_rendering_speaks_spanish(
    built: Path,
    run,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from builder import build as build_module

    site = built / "site.yml"
    site.write_text(site.read_text() + "language: es\n")
    before = snapshot(built / "build")

    def full(folder: Path, cname: str | None) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # a write() has no file name

    monkeypatch.setattr(build_module, "finish_site", full)
    result = run("build", "--root", built)
    assert result.code == 1
    assert result.err.startswith(
        "error no se puede escribir en build: el disco está lleno — libera espacio en el disco"
        " o construye en otra carpeta con --out DIR; la construcción anterior sigue intacta"
    ), result.err
    assert_untouched(built, before)


def test_an_output_folder_inside_a_read_only_one(tiny: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    locked = tmp_path / "locked"
    locked.mkdir()
    with read_only(locked):
        result = run("build", "--root", tiny, "--out", locked / "build")
    assert result.code == 1 and not (locked / "build").exists()
    assert result.err.startswith(f"error cannot write {locked}: permission denied"), result.err
