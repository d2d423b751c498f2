"""Publishing into build/: atomic swaps, a lock against concurrent builds, no leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.errors import UserError
from builder.publish import build_lock, staged, swap_in
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
    with build_lock(out), pytest.raises(UserError) as refused, build_lock(out):
        pass
    assert "another build is writing" in str(refused.value)
