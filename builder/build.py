"""The build, as the table of contents of the program: load, analyse, plan, render, publish."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from builder.analyse import Analysis, analyse
from builder.errors import ContentError
from builder.load import load
from builder.plan import plan_site
from builder.portfolio import Portfolio
from builder.publish import check_privacy, finish_site, staged
from builder.render import render_site
from builder.theme import Theme, load_locale

Step = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    out: Path | None = None
    jobs: int | None = None
    pdf: bool = True
    clean: bool = False
    attach: bool = False
    verbose: bool = False


@dataclass
class BuildReport:
    out: Path
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    analysis: Analysis | None = None
    portfolio: Portfolio | None = None


def build(root: Path, options: BuildOptions, step: Step = lambda _: None) -> BuildReport:
    """Check everything, then write everything; invalid content leaves build/ untouched."""
    started = time.perf_counter()
    out = options.out or root / "build"
    step("load")
    portfolio = load(root)
    analysis = analyse(portfolio)
    if analysis.errors:
        raise ContentError(analysis.errors)
    site = portfolio.site
    theme = Theme(root, site.theme, load_locale(root, site.theme, site.language))
    step("plan")
    plan = plan_site(portfolio, analysis, theme.locale)
    report = BuildReport(out, analysis=analysis, portfolio=portfolio)
    with staged(out) as stage:
        step("render")
        report.warnings = render_site(
            plan, portfolio, theme, stage.site, stage.work, options.verbose
        )
        finish_site(stage.site, site.deploy.cname)
        step("privacy")
        check_privacy(stage.site, portfolio)
        step("publish")
    report.pages = len(plan.pages)
    report.files = sum(1 for p in (out / "site").rglob("*") if p.is_file())
    report.seconds = time.perf_counter() - started
    return report
