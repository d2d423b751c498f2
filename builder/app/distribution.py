"""The running secondround, as something a new portfolio can install exactly.

`init` pins the version that wrote a portfolio, so that its workflow builds it with
the same code. Where that version came from decides how: a release from the package
index is pinned by version, a git checkout by its commit; a build with no public
source (a local clone, an editable install) is packed as a wheel into the portfolio,
byte for byte the code that is running.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import builder
from builder.core.words import BUILTIN, builtin_themes

NAME = "secondround"
VENDOR = "vendor"
WHEEL_TAG = "py3-none-any"
EPOCH = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: a wheel made twice is the same bytes


@dataclass(frozen=True)
class Pin:
    """A line of requirements.txt, and the wheel it points to when there is one to write."""

    requirement: str
    wheel: str | None = None  # path of the wheel inside the portfolio


def pin() -> Pin:
    """How a portfolio's workflow installs exactly this secondround."""
    version = builder.__version__
    try:
        origin = metadata.distribution(NAME).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        origin = ""
    if not origin:
        return Pin(f"{NAME}=={version}")  # installed from a package index: a release
    info = json.loads(origin)
    url = str(info.get("url", ""))
    vcs = info.get("vcs_info")
    if vcs and vcs.get("commit_id") and url.startswith(("https://", "ssh://")):
        return Pin(f"{NAME} @ {vcs['vcs']}+{url}@{vcs['commit_id']}")
    if "archive_info" in info and url.startswith("https://"):
        return Pin(f"{NAME} @ {url}")
    wheel = f"{VENDOR}/{wheel_name(version)}"
    return Pin(f"./{wheel}", wheel)


def wheel_name(version: str) -> str:
    return f"{NAME}-{version}-{WHEEL_TAG}.whl"


def write_wheel(folder: Path) -> Path:
    """This secondround (code, theme, metadata and command) as an installable wheel."""
    version = builder.__version__
    info = f"{NAME}-{version}.dist-info"
    entries = [*_package_files(), *_metadata_files(info)]
    record = [f"{name},sha256={_hash(data)},{len(data)}" for name, data in entries]
    entries.append((f"{info}/RECORD", ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / wheel_name(version)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, EPOCH)
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, zipfile.ZIP_DEFLATED)
    return target


def _package_files() -> list[tuple[str, bytes]]:
    package = Path(builder.__file__).resolve().parent
    files = [(f"builder/{p.relative_to(package).as_posix()}", p) for p in _files(package)]
    if not (package / "themes" / BUILTIN).is_dir():  # a source checkout keeps it at the top
        theme = builtin_themes() / BUILTIN
        files += [(f"builder/themes/{BUILTIN}/{p.relative_to(theme).as_posix()}", p) for p in _files(theme)]  # fmt: skip
    return [(name, path.read_bytes()) for name, path in sorted(files)]


def _files(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    ]


def _metadata_files(info: str) -> list[tuple[str, bytes]]:
    dist = metadata.distribution(NAME)
    wheel = f"Wheel-Version: 1.0\nGenerator: {NAME} {builder.__version__}\nRoot-Is-Purelib: true\nTag: {WHEEL_TAG}\n"
    return [
        (f"{info}/METADATA", (dist.read_text("METADATA") or "").encode()),
        (f"{info}/WHEEL", wheel.encode()),
        (f"{info}/entry_points.txt", (dist.read_text("entry_points.txt") or "").encode()),
    ]


def _hash(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
