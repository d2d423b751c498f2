"""Digests of texts and files: what every output's reuse key, and the privacy check's
memory, are made of."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """A digest of files' names and bytes (names relative to `root` when given)."""
    parts: list[str | bytes] = []
    for path in sorted(paths):
        name = path.relative_to(root).as_posix() if root else path.as_posix()
        parts += [name, path.read_bytes()]
    return digest(*parts)
