"""Outputs taken as they are from the last build: hard links, so that reusing costs nothing."""

from __future__ import annotations

import os
import shutil
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


def link_file(source: Path, destination: Path) -> None:
    """A hard link (a copy where links are not possible: another file system)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
