"""A fresh install works: `init` writes a requirements.txt that installs, as written, into a new
virtual environment, and that install builds and serves the new portfolio.

Nothing here borrows this test run's packages: a dependency missing from pyproject.toml
fails these tests, as it would fail a candidate's workflow.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import builder
from tests.conftest import require_tool


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A portfolio made by `init`, and a new environment with its requirements.txt installed."""
    base = tmp_path_factory.mktemp("fresh")
    portfolio = base / "portfolio"
    subprocess.run(
        [sys.executable, "-m", "builder", "init", str(portfolio), "--language", "es"],
        check=True,
        capture_output=True,
    )
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True, clear=True)
    python = env_dir / "bin" / "python"
    pip = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
        cwd=portfolio,
        capture_output=True,
        text=True,
    )
    offline = "NewConnectionError" in pip.stderr or "Temporary failure" in pip.stderr
    require_tool(not offline, "a package index (to install requirements.txt)")
    assert pip.returncode == 0, pip.stderr
    return portfolio, env_dir / "bin"


def test_requirements_pin_the_exact_version_that_wrote_the_portfolio(
    installed: tuple[Path, Path],
) -> None:
    portfolio, bin_dir = installed
    lines = [
        line
        for line in (portfolio / "requirements.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(lines) == 1
    version = builder.__version__
    assert lines[0] in (f"secondround=={version}", f"./vendor/secondround-{version}-py3-none-any.whl") or re.fullmatch(r"secondround @ \S+", lines[0])  # fmt: skip
    shown = subprocess.run(
        [str(bin_dir / "secondround"), "--version"], capture_output=True, text=True
    )
    assert shown.stdout.strip() == f"secondround {version}"


def test_a_vendored_wheel_is_a_regular_install_with_the_theme(installed: tuple[Path, Path]) -> None:
    portfolio, bin_dir = installed
    wheels = list((portfolio / "vendor").glob("*.whl"))
    if not wheels:
        pytest.skip("this secondround was installed from a public source; nothing is vendored")
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "builder/themes/default/locales/es.yml" in names
    assert any(name.endswith(".dist-info/RECORD") for name in names)
    found = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import builder.core.words as t; print(t.builtin_themes())",
        ],
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert "site-packages" in found.stdout  # the installed copy, not this checkout


def test_the_fresh_install_builds_the_new_portfolio(installed: tuple[Path, Path]) -> None:
    portfolio, bin_dir = installed
    result = subprocess.run(
        [str(bin_dir / "secondround"), "build"], cwd=portfolio, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Sitio construido" in result.stderr
    assert (portfolio / "build/site/index.html").is_file()
    assert (portfolio / "build/site/pdf/profile.pdf").is_file()


@pytest.fixture
def served(installed: tuple[Path, Path]) -> Iterator[tuple[str, Path]]:
    portfolio, bin_dir = installed
    process = subprocess.Popen(
        [str(bin_dir / "secondround"), "serve", "--port", "0", "--jobs", "1"],
        cwd=portfolio,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "COLUMNS": "300"},
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")))  # type: ignore[union-attr]
    reader.start()
    try:
        url = _wait(
            lambda: next(
                (m.group(0) for line in lines if (m := re.search(r"http://\S+/", line))), None
            )
        )
        yield url, portfolio
    finally:
        process.terminate()
        process.wait(timeout=30)
        reader.join(timeout=10)
    assert not any("Traceback" in line for line in lines), "".join(lines)


def test_the_fresh_install_serves_and_shows_an_edit(served: tuple[str, Path]) -> None:
    url, portfolio = served
    assert "Tu Nombre" in _get(url)
    profile = portfolio / "content/profile.md"
    profile.write_text(profile.read_text("utf-8").replace("Tu Nombre", "Lucía Fernández"), "utf-8")
    _wait(lambda: "Lucía Fernández" in _get(url) or None)


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — a local server
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait(found, seconds: float = 120.0):  # type: ignore[no-untyped-def]
    """Poll until `found()` gives a value; a generous limit, so a slow machine does not fail."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")
