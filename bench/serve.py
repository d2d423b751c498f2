"""Live-preview latency: from saving one file of the demo to the rebuilt page being served.

    python bench/serve.py [--runs 5]

Prints, for each run, the time from the write to the moment the server reports a new
version (the browser reloads at its next poll, at most 0.4 s later) and the page shows
the edit.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import demo_copy  # noqa: E402

from builder.app.serve import VERSION_PATH, Preview  # noqa: E402


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — local server
        return response.read().decode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = demo_copy(Path(scratch))
        preview = Preview(root, "127.0.0.1", 0, 2, lambda _: None)
        preview.start()
        time.sleep(3)  # let the first full build with PDFs finish
        story = root / "content/achievements/close-automation.md"
        page = preview.url + "achievements/close-automation/"
        times = []
        for run in range(args.runs):
            before = fetch(preview.url.rstrip("/") + VERSION_PATH)
            marker = f"Edit number {run}"
            started = time.perf_counter()
            story.write_text(
                story.read_text("utf-8").replace("title: ", f"title: {marker} ", 1), "utf-8"
            )
            while fetch(preview.url.rstrip("/") + VERSION_PATH) == before or marker not in fetch(
                page
            ):
                time.sleep(0.02)
            times.append(time.perf_counter() - started)
            time.sleep(2)  # the background PDF build
        preview.stop()
    print(f"edit → rebuilt page served: median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s over {len(times)} edits (+ up to 0.4 s until the browser's next poll)")  # fmt: skip


if __name__ == "__main__":
    main()
