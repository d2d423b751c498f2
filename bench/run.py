"""Build-time figures: the demo portfolio, and a large synthetic one, built several times.

    python bench/run.py [--runs N] [--stories N]

Prints the median and the spread of wall-clock seconds for `check` and `build`
on the demo, and for `build` on a portfolio with many stories and samples.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def demo_copy(folder: Path) -> Path:
    root = folder / "demo"
    root.mkdir()
    shutil.copy(REPO / "site.yml", root / "site.yml")
    shutil.copytree(REPO / "content", root / "content")
    return root


def synthetic(folder: Path, stories: int) -> Path:
    """The demo plus `stories` generated achievements and stories/10 samples."""
    root = demo_copy(_fresh(folder / "big"))
    for index in range(stories):
        (root / f"content/achievements/story-{index:04d}.md").write_text(
            "---\n"
            f"title: Generated story number {index}\n"
            f"result: Cost cut by {index % 40 + 5}% across {index % 9 + 2} teams\n"
            f"date: 20{10 + index % 15}-{index % 12 + 1:02d}\n"
            "organization: Example Co\nskills: [SQL, Python, Forecasting]\n"
            f"metrics: ['{index} reports automated', 'Close {index % 5 + 1} days faster']\n"
            "situation: A slow process.\ntask: Make it fast.\naction: Rewrote it.\n"
            "---\n" + "A paragraph of narrative about the work. " * 20 + "\n",
            "utf-8",
        )
    for index in range(stories // 10):
        sample = root / f"content/samples/gen-{index:03d}"
        sample.mkdir()
        (sample / "data.csv").write_text("a,b\n" + "1,2\n" * 200, "utf-8")
        (sample / "index.md").write_text(
            f"---\ntitle: Generated sample {index}\nsummary: A file to download.\nfiles: [data.csv]\n---\nBody.\n",
            "utf-8",
        )
    return root


def _fresh(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def report(label: str, times: list[float]) -> None:
    print(
        f"{label:<42} median {statistics.median(times):6.2f} s"
        f"   min {min(times):6.2f} s   max {max(times):6.2f} s   ({len(times)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stories", type=int, default=300)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "builder"]
    with tempfile.TemporaryDirectory() as scratch:
        demo = demo_copy(Path(scratch))
        report("check, demo", timed([*cli, "check", "--root", str(demo)], args.runs))
        report("build, demo", timed([*cli, "build", "--root", str(demo)], args.runs))
        big = synthetic(Path(scratch), args.stories)
        pages = len(list((big / "content/achievements").glob("*.md")))
        report(
            f"build, {pages} stories + {args.stories // 10 + 3} samples",
            timed([*cli, "build", "--root", str(big)], max(1, args.runs // 2)),
        )


if __name__ == "__main__":
    main()
