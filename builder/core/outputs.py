"""Outputs taken as they are from the last build: hard links, so that reusing costs nothing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path


def link_tree(source: Path, target: Path, skip: str | None = None) -> None:
    """Reuse an unchanged folder of outputs (all but its `skip` subfolder)."""
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if skip and relative.parts[:1] == (skip,):
            continue
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            link_file(path, destination)


class Folders:
    """Folders made so far: on a slow file system, asking to make one that exists costs
    as much as making it, and a site has a folder per page."""

    def __init__(self) -> None:
        self.made: set[Path] = set()

    def ready(self, path: Path) -> Path:
        """`path`, with its folder made."""
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        return path


def link_files(source: Path, target: Path, names: Iterable[str]) -> None:
    """Link each of `names` (paths relative to `source`) to the same path under `target`."""
    folders = Folders()
    for name in names:
        _link(source / name, folders.ready(target / name))


def link_file(source: Path, destination: Path) -> None:
    """A hard link (a copy where links are not possible: another file system)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    _link(source, destination)


def _link(source: Path, destination: Path) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
