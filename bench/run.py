"""Build-time figures on a large synthetic portfolio, and the floor they are measured against.

    python bench/run.py [--scale 1.0] [--runs 3] [--jobs N]

The portfolio (at scale 1): 40 applications, 300 achievements, 40 samples and
10 briefs, on top of the demo candidate. Printed, for the same content:

- cold build, no-change rebuild, rebuild after one achievement changed (medians);
- peak memory of the whole build (the main process and its PDF workers together);
- the privacy gate alone on the built site, as deploy runs it: planning what the site shows
  and listing the private values, reading every file, and with what it remembers;
- the floor: the same PDF documents rendered by WeasyPrint one after another in a
  single process, plus a plain MkDocs build of the same pages;
- the site part at twice the content (--no-pdf), to show it grows linearly.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def demo_copy(folder: Path) -> Path:
    root = folder / "portfolio"
    root.mkdir(parents=True)
    shutil.copy(REPO / "site.yml", root / "site.yml")
    shutil.copytree(REPO / "content", root / "content")
    return root


SKILLS = ["SQL", "Python", "Forecasting", "Valuation", "Excel", "Power BI", "Budgeting", "DCF",
          "Stakeholder management", "Automation", "Pricing", "Treasury", "M&A", "Reporting"]  # fmt: skip


def synthetic(folder: Path, scale: float) -> Path:
    """The demo plus generated achievements, samples, briefs and applications."""
    root = demo_copy(folder)
    content = root / "content"
    stories, samples, briefs, apps = (round(n * scale) for n in (300, 40, 10, 40))
    for i in range(stories):
        skills = ", ".join(SKILLS[(i + k) % len(SKILLS)] for k in range(3))
        (content / f"achievements/story-{i:04d}.md").write_text(
            f"---\ntitle: Generated result number {i} in {SKILLS[i % len(SKILLS)]}\n"
            f"result: Cost cut by {i % 40 + 5}% across {i % 9 + 2} teams in {i % 11 + 2} months\n"
            f"date: 20{10 + i % 15}-{i % 12 + 1:02d}\norganization: Example Co {i % 7}\n"
            f"role: Analyst\nskills: [{skills}]\n"
            f"metrics: ['{i} reports automated', 'Close {i % 5 + 1} days faster', 'Savings of €{i * 3}k']\n"
            "situation: The process was slow and manual across several entities.\n"
            "task: Make it fast, reliable and auditable within a quarter.\n"
            "action: Rewrote the queries, automated the checks and trained the team.\n"
            "---\n" + "A paragraph of narrative about the work and what it changed. " * 12 + "\n",
            "utf-8",
        )
    for i in range(samples):
        sample = content / f"samples/gen-{i:03d}"
        sample.mkdir()
        (sample / "data.csv").write_text(
            "month,value\n" + "".join(f"2024-{m:02d},{m * i}\n" for m in range(1, 13))
        )
        (sample / "index.md").write_text(
            f"---\ntitle: Generated sample {i}\nsummary: A model with its data, ready to open.\n"
            f"skills: [{SKILLS[i % len(SKILLS)]}]\nfiles: [data.csv]\n---\n"
            + "What the sample shows and how it was built. " * 20
            + "\n",
            "utf-8",
        )
    for i in range(briefs):
        (content / f"briefs/gen-{i:02d}.md").write_text(
            f"---\nticker: GEN{i}\ncompany: Generated Company {i}\nrating: hold\nprice_target: {100 + i}\n"
            "prices: data/aapl.csv\n---\nThe thesis in a few sentences. " * 3 + "\n",
            "utf-8",
        )
    for i in range(apps):
        requirements = "".join(
            f"  - id: req-{k}\n    text: Experience with {SKILLS[(i + k) % len(SKILLS)]} in a fast-moving team\n"
            f"    kind: {'must' if k < 5 else 'nice'}\n"
            f"    evidence: [story-{(i * 7 + k) % stories:04d}, gen-{(i + k) % samples:03d}]\n"
            f"    plan: Start with the highest-value report and automate it in the first quarter.\n"
            for k in range(7)
        )
        (content / f"applications/job-{i:02d}.md").write_text(
            f"---\ncompany: Employer {i}\nrole: Senior Analyst {i}\nlocation: Madrid\n"
            "motivation: The role joins analysis and decisions, which is the work I do best.\n"
            "career_fit: It is the next step towards leading a finance team.\n"
            f"requirements:\n{requirements}leave_behind: {{samples: [gen-{i % samples:03d}]}}\n"
            "status: applied\n---\nPrivate notes.\n",
            "utf-8",
        )
    return root


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def peak_memory(command: list[str]) -> tuple[float, int]:
    """Wall time and the peak of the summed resident memory of the process and its children."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.02)

    started = time.perf_counter()
    watcher = threading.Thread(target=sample)
    watcher.start()
    process.wait()
    done.set()
    watcher.join()
    return time.perf_counter() - started, peak


def _tree_rss(pid: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack += children.get(current, [])
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def floor(root: Path, scratch: Path) -> tuple[float, float, int]:
    """Serial WeasyPrint over the same documents, and a plain MkDocs build of the same pages."""
    from builder.analyse.analysis import analyse
    from builder.core.words import load_locale
    from builder.load.read import load
    from builder.plan.site import plan_pdfs, plan_site
    from builder.render.pages import render_pdf, render_private_pdf, render_site_sources
    from builder.render.site_engine import build_site
    from builder.render.theme import Theme

    portfolio = load(root)
    theme = Theme(root, "default", load_locale(root, "default", portfolio.site.language))
    from builder.build import build_day
    from builder.plan.kit import plan_kit

    analysis = analyse(portfolio, build_day(), theme.locale)
    documents = [render_pdf(theme, d) for d in plan_pdfs(portfolio, analysis, theme.locale)]
    documents += [  # the same PDFs a build renders
        render_private_pdf(theme, d) for d in plan_kit(portfolio, analysis, theme.locale).prep
    ]
    site = render_site_sources(plan_site(portfolio, analysis, theme.locale), theme)
    os.environ["SOURCE_DATE_EPOCH"] = "946684800"
    from weasyprint import HTML

    out = scratch / "floor-pdf"
    out.mkdir()
    started = time.perf_counter()
    for index, document in enumerate(documents):
        HTML(string=document.html, base_url=str(out)).write_pdf(
            out / f"{index}.pdf", pdf_variant="pdf/ua-1"
        )
    pdf_seconds = time.perf_counter() - started
    (scratch / "floor-work").mkdir()
    started = time.perf_counter()
    build_site(
        site.spec, site.pages, site.nav, site.files, scratch / "floor-work", scratch / "floor-site"
    )
    return pdf_seconds, time.perf_counter() - started, len(documents)


def gate(root: Path, jobs: int) -> tuple[float, float, float, int]:
    """The privacy gate alone on the built site, as deploy runs it: what the site shows
    planned again from the sources and the private values listed, then every file read from
    its bytes (with no memory: rendered PDFs too), then with what the build remembered."""
    from builder.core.words import load_locale
    from builder.load.read import load
    from builder.plan.privacy import secrets
    from builder.publish.gate import inspect
    from builder.publish.stage import planned_again

    portfolio = load(root)
    t = load_locale(root, portfolio.site.theme, portfolio.site.language)
    started = time.perf_counter()
    shown = planned_again(portfolio, t)
    found = secrets(portfolio, t, shown)
    planning = time.perf_counter() - started
    site, memory = root / "build/site", root / "build/.cache"
    started = time.perf_counter()
    inspect(site, found, shown=shown, cache=None, cache_out=root / "build/bench-gate", jobs=jobs)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    inspect(site, found, shown=shown, cache=memory, cache_out=root / "build/bench-gate", jobs=jobs)
    warm = time.perf_counter() - started
    return planning, cold, warm, sum(1 for p in site.rglob("*") if p.is_file())


def line(label: str, value: str) -> None:
    print(f"  {label:<48} {value}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = 300 achievements, 40 applications"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each timed build (median)")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    cli = [sys.executable, "-m", "builder", "build", "--jobs", str(args.jobs)]
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        root = synthetic(scratch / "one", args.scale)
        base = [*cli, "--root", str(root)]
        cold, peak = [], 0
        for _ in range(args.runs):
            seconds, memory = peak_memory([*base, "--clean"])
            cold.append(seconds)
            peak = max(peak, memory)
        unchanged = [timed(base) for _ in range(args.runs)]
        story = root / "content/achievements/story-0007.md"
        changed = []
        for n in range(args.runs):
            story.write_text(
                re.sub(
                    r"^title: .*$",
                    f"title: Changed result, edit {n}",
                    story.read_text("utf-8"),
                    count=1,
                    flags=re.M,
                ),
                "utf-8",
            )
            changed.append(timed(base))
        gate_plan, gate_cold, gate_warm, published = gate(root, args.jobs)
        pdf_floor, site_floor, documents = floor(root, scratch)
        total_floor = pdf_floor + site_floor
        site_only = [timed([*base, "--no-pdf", "--clean"]) for _ in range(args.runs)]
        double = synthetic(scratch / "two", args.scale * 2)
        site_double = [
            timed([*cli, "--root", str(double), "--no-pdf", "--clean"]) for _ in range(args.runs)
        ]

    median = statistics.median
    print(f"secondround build benchmark: scale {args.scale}, {documents} PDFs, jobs={args.jobs}, "
          f"{os.cpu_count()} CPUs, median of {args.runs} runs")  # fmt: skip
    line("cold build (--clean)", f"{median(cold):7.2f} s")
    line(
        "no-change rebuild",
        f"{median(unchanged):7.2f} s  ({median(unchanged) / median(cold):.1%} of cold)",
    )
    line(
        "rebuild after one achievement changed",
        f"{median(changed):7.2f} s  ({median(changed) / median(cold):.1%} of cold)",
    )
    line("peak memory, whole build", f"{peak / 2**20:7.0f} MiB")
    line("privacy gate, planning what the site shows", f"{gate_plan:7.2f} s")
    line(f"privacy gate, all {published} files read", f"{gate_cold:7.2f} s")
    line("privacy gate, unchanged files (remembered)", f"{gate_warm:7.2f} s")
    line("floor: WeasyPrint serial, one process", f"{pdf_floor:7.2f} s")
    line("floor: plain MkDocs build of the same pages", f"{site_floor:7.2f} s")
    line(
        "floor: total",
        f"{total_floor:7.2f} s  (cold build = {median(cold) / total_floor:.2f} × floor)",
    )
    line("site only (--no-pdf), this content", f"{median(site_only):7.2f} s")
    line("site only (--no-pdf), twice the content", f"{median(site_double):7.2f} s  "
         f"(× {median(site_double) / median(site_only):.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
