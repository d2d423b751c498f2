"""One function per command of the CLI; each returns its exit status."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from builder.analyse.analysis import analyse
from builder.analyse.coverage import Coverage
from builder.analyse.followup import Action, late_followups
from builder.analyse.match import Match, choose_evidence, fill_evidence, index_portfolio
from builder.app.apply import job_from_json_resume, job_from_posting, write_application
from builder.app.importer import import_json_resume
from builder.app.scaffold import scaffold
from builder.app.schema import write_schemas
from builder.app.serve import Preview
from builder.app.terminal import EXIT_INVALID, EXIT_OK, console, print_json
from builder.build import BuildOptions, BuildReport, build
from builder.core.errors import ContentError, UserError
from builder.core.models import Application
from builder.core.words import Locale, load_locale
from builder.core.workers import cores
from builder.load.portfolio import Document, Portfolio
from builder.load.read import find_root, load, locale_of
from builder.publish.deploy import deploy

STEP_LABELS = {
    "load": "Reading content",
    "plan": "Planning pages",
    "render": "Rendering the site",
    "privacy": "Checking that nothing private is public",
    "publish": "Publishing into place",
}


def root_of(args: argparse.Namespace) -> Path:
    return (args.root or find_root(Path.cwd())).resolve()


def run_build(args: argparse.Namespace) -> int:
    root = root_of(args)
    options = BuildOptions(
        out=args.out.resolve() if args.out else None,
        jobs=args.jobs or cores(),
        pdf=args.pdf,
        clean=args.clean,
        attach=args.attach,
        verbose=args.verbose,
    )
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
        console=console, transient=True, disable=args.verbose or not console.is_terminal,
    ) as progress:  # fmt: skip
        task = progress.add_task("Starting", total=None)
        report = build(
            root, options, lambda step: progress.update(task, description=STEP_LABELS[step])
        )
    label = report.locale("check.warning") if report.locale else "warning"
    for warning in report.warnings:
        console.print(f"[yellow]{label}[/yellow] {escape(warning)}")
    if report.analysis:
        for problem in report.analysis.warnings:
            console.print(f"[yellow]{label}[/yellow] {escape(str(problem))}")
    if report.remind and report.locale is not None:
        console.print(
            f"[cyan]{report.locale('check.note')}[/cyan] {escape(report.locale('check.reminder'))}"
        )
    site = _shown(report.out / "site", root)
    t = report.locale
    assert t is not None, "every build reports in the portfolio's language"
    if report.unchanged:
        console.print(
            t("cli.unchanged", site=site, seconds=t.number(report.seconds, 2)), markup=False
        )
        return EXIT_OK
    console.print(
        built_summary(report, t, site, _shown(report.out / "private", root)), markup=False
    )
    return EXIT_OK


def built_summary(report: BuildReport, t: Locale, site: str, private: str) -> str:
    """'Built 18 pages and 10 PDFs (7 rendered, 3 unchanged) …', in the forms each count needs."""
    pdfs = report.pdfs_rendered + report.pdfs_reused
    pdf_note = (
        t("cli.built_pdfs", pdfs=t("counts.pdfs", count=pdfs),
          rendered=t("counts.rendered", count=report.pdfs_rendered),
          reused=t("counts.reused", count=report.pdfs_reused))
        if pdfs else ""
    )  # fmt: skip
    return t(
        "cli.built",
        pages=t("counts.pages", count=report.pages),
        site_note=t("cli.site_unchanged") if report.site_reused else "",
        pdfs=pdf_note,
        site=site,
        seconds=t.number(report.seconds, 1),
        private=private,
    )


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return path.as_posix() + "/"


def remind_to_keep_private(portfolio: Portfolio, t: Locale) -> None:
    """The one reminder of the privacy model: private sources, public site elsewhere."""
    if not portfolio.site.deploy.repository and analyse(portfolio, t=t).holds_private_data:
        console.print(f"[cyan]{t('check.note')}[/cyan] {escape(t('check.reminder'))}")


def run_check(args: argparse.Namespace) -> int:

    root = root_of(args)
    try:
        portfolio = load(root)
    except ContentError as error:
        if args.format == "json":
            print_json(
                {"ok": False, "errors": [p.as_dict() for p in error.problems], "warnings": []}
            )
            return EXIT_INVALID
        raise
    t = load_locale(root, portfolio.site.theme, portfolio.site.language)
    analysis = analyse(portfolio, t=t)
    analysis.warnings.extend(late_followups(portfolio, dt.date.today(), t))
    failed = bool(analysis.errors or (args.strict and analysis.warnings))
    if args.format == "json":
        print_json({
            "ok": not failed,
            "errors": [p.as_dict() for p in analysis.errors],
            "warnings": [p.as_dict() for p in analysis.warnings],
            "counts": counts(portfolio),
            "coverage": {slug: c.as_dict() for slug, c in analysis.coverage.items()},
        })  # fmt: skip
        return EXIT_INVALID if failed else EXIT_OK
    for problem in analysis.errors:
        console.print(f"[red]{t('check.error')}[/red] {escape(str(problem))}")
    for problem in analysis.warnings:
        console.print(f"[yellow]{t('check.warning')}[/yellow] {escape(str(problem))}")
    for slug, cover in analysis.coverage.items():
        console.print(describe_coverage(slug, cover, t), markup=False)
    summary = t(
        "check.summary",
        **{kind: t(f"counts.{kind}", count=n) for kind, n in counts(portfolio).items()},
    )
    console.print(
        f"{'[red]' + t('check.failed') + '[/red]' if failed else '[green]' + t('check.ok') + '[/green]'} {summary}"
    )
    remind_to_keep_private(portfolio, t)
    return EXIT_INVALID if failed else EXIT_OK


def describe_coverage(slug: str, cover: Coverage, t: Locale) -> str:
    parts = [t("check.coverage", slug=slug, covered=cover.covered, count=cover.total)]
    for label, items in (
        ("check.must_missing", cover.uncovered_must),
        ("check.not_quantified", cover.unquantified_evidence),
        ("check.private_list", cover.private_evidence),
    ):
        if items:
            parts.append(f"{t(label)}: {', '.join(items)}")
    return "; ".join(parts)


def counts(portfolio: Portfolio) -> dict[str, int]:
    return {
        "achievements": len(portfolio.achievements),
        "samples": len(portfolio.samples),
        "briefs": len(portfolio.briefs),
        "applications": len(portfolio.applications),
        "references": len(portfolio.references),
    }


def run_schema(args: argparse.Namespace) -> int:

    out = args.out or (args.root or Path.cwd()) / "schemas"
    written = write_schemas(out.resolve())
    for path in written:
        sys.stdout.write(f"{path}\n")
    console.print(f"Wrote {len(written)} JSON Schemas into {out}.")
    return EXIT_OK


def run_init(args: argparse.Namespace) -> int:

    created = scaffold(args.dir.resolve(), args.language, args.publish_to)
    console.print(f"Created a portfolio in {args.dir} ({len(created)} files). Next:")
    console.print(f"  cd {args.dir} && secondround build")
    return EXIT_OK


def run_apply(args: argparse.Namespace) -> int:

    root = root_of(args)
    if args.job:
        job = job_from_json_resume(args.job)
    else:
        job = job_from_posting(read_posting(args.posting))
    path = write_application(root, args.slug, job, args.company, args.role, args.force)
    must = sum(r.kind == "must" for r in job.requirements)
    console.print(
        f"Wrote {path.relative_to(root)}: {len(job.requirements)} requirements"
        f" ({must} must-have, {len(job.requirements) - must} nice-to-have)."
    )
    console.print(f"Next: secondround match {args.slug} --write")
    return EXIT_OK


def read_posting(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text("utf-8")
    except FileNotFoundError:
        raise UserError(
            f"posting file {name} not found", "check the path, or pass - to read stdin"
        ) from None
    except UnicodeDecodeError:
        raise UserError(
            f"posting file {name} is not UTF-8 text", "save it as UTF-8 and try again"
        ) from None


def run_match(args: argparse.Namespace) -> int:

    root = root_of(args)
    portfolio = load(root)
    app = portfolio.applications.get(args.slug)
    if app is None:
        known = ", ".join(sorted(portfolio.applications)) or "none yet"
        raise UserError(f"no application '{args.slug}'", f"known applications: {known}")
    index = index_portfolio(portfolio)
    ranked = {r.id: index.rank(r.text, args.top) for r in app.meta.requirements}
    if args.format == "json":
        print_json({r.id: {
            "text": r.text, "kind": r.kind, "evidence": r.evidence,
            "matches": [{"id": m.id, "kind": m.kind, "score": m.score, "matched": m.matched}
                        for m in ranked[r.id]],
        } for r in app.meta.requirements})  # fmt: skip
    else:
        print_matches(app, ranked)
    if args.write:
        chosen = {
            r.id: choose_evidence(ranked[r.id]) for r in app.meta.requirements if not r.evidence
        }
        filled = fill_evidence(app.path, chosen)
        console.print(
            f"Filled evidence for {len(filled)} requirement(s): {', '.join(filled)}" if filled
            else "No requirement without evidence had a match; nothing written."
        )  # fmt: skip
    return EXIT_OK


def print_matches(app: Document[Application], ranked: dict[str, list[Match]]) -> None:
    lines = [f"{app.meta.role} — {app.meta.company}"]
    for requirement in app.meta.requirements:
        chosen = f"  evidence: {', '.join(requirement.evidence)}" if requirement.evidence else ""
        lines += ["", f"{requirement.id} [{requirement.kind}] {requirement.text}{chosen}"]
        if not ranked[requirement.id]:
            lines.append(
                "   no match: write a story for it, or say in `plan` how you would learn it"
            )
        for rank, match in enumerate(ranked[requirement.id], start=1):
            lines.append(
                f"   {rank}. {match.score:6.2f}  {match.id} ({match.kind})  matched: {match.reason}"
            )
    sys.stdout.write("\n".join(lines) + "\n")


def run_status(args: argparse.Namespace) -> int:

    root = root_of(args)
    portfolio = load(root)
    t = load_locale(root, portfolio.site.theme, portfolio.site.language)
    today = args.today or dt.date.today()
    report = analyse(portfolio, today, t).status
    if args.format == "json":
        print_json({
            "today": today.isoformat(),
            "applications": [{
                "slug": row.app.id, "company": row.app.meta.company, "role": row.app.meta.role,
                "status": row.app.meta.status,
                "actions": [_action_json(a, t) for a in row.actions],
            } for row in report.applications],
            "always": [_action_json(a, t) for a in report.always],
        })  # fmt: skip
        return EXIT_OK
    lines = [t("status.title", date=t.date(today.isoformat()))]
    for row in report.applications:
        meta = row.app.meta
        stage = t(f"status.stages.{meta.status}")
        lines += [
            "",
            f"{row.app.id} · {t('application.title', role=meta.role, company=meta.company)} · {stage}",
        ]
        if not row.actions:
            lines.append("    " + t("status.no_actions"))
        for action in row.actions:
            mark = "!" if action.overdue else " "
            due = _due(action, t)
            late = f" ({t('status.overdue')})" if action.overdue else ""
            draft = f"  → build/private/{action.draft}" if action.draft else ""
            lines.append(f"  {mark} {due:<20} {action.sentence(t)}{late}{draft}")
    for action in report.always:
        lines += ["", action.sentence(t)]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _due(action: Action, t: Locale) -> str:
    if action.due is None:
        return ""
    day = t.date(action.due.date().isoformat())
    return (
        day if action.due.time() in (dt.time(9, 0), dt.time(12, 0)) else f"{day} {action.due:%H:%M}"
    )


def _action_json(action: Action, t: Locale) -> dict[str, object]:
    return {
        "kind": action.kind,
        "due": action.due.isoformat(timespec="minutes") if action.due else None,
        "overdue": action.overdue,
        "text": action.sentence(t),
        "draft": f"build/private/{action.draft}" if action.draft else None,
    }


def run_deploy(args: argparse.Namespace) -> int:

    root = root_of(args)
    done = deploy(
        root, args.remote, args.branch, args.message, args.out.resolve() if args.out else None
    )
    t = locale_of(root)
    where = {"remote": done.remote, "branch": done.branch}
    if done.commit is None:
        console.print(t("deploy.unchanged", **where), markup=False)
    else:
        files = t("counts.files", count=done.files)
        console.print(
            t("deploy.published", files=files, commit=done.commit[:12], **where), markup=False
        )
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:

    root = root_of(args)
    try:
        preview = Preview(
            root,
            args.host,
            args.port,
            args.jobs or cores(),
            lambda line: console.print(line, markup=False),
        )
    except OSError as error:
        raise UserError(
            f"cannot listen on {args.host}:{args.port} ({error.strerror})", "pass another --port"
        ) from None
    preview.start()
    console.print(
        f"Serving {root.name} at {preview.url} — edits to content/, themes/ and site.yml reload the page. Ctrl+C stops."
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        preview.stop()
    return EXIT_OK


def run_import_(args: argparse.Namespace) -> int:

    root = (args.root or Path.cwd()).resolve()
    if not (root / "site.yml").is_file():
        root = root_of(args)
    report = import_json_resume(root, args.file, args.force)
    for label, items in (
        ("created", report.created),
        ("updated", report.updated),
        ("unchanged", report.unchanged),
    ):
        for item in items:
            console.print(f"{label:<9} {item}", markup=False)
    for item, why in report.skipped:
        console.print(f"skipped   {item}: {why}", markup=False)
    console.print(
        f"{len(report.created)} created, {len(report.updated)} updated, {len(report.unchanged)} unchanged,"
        f" {len(report.skipped)} skipped. Next: secondround check"
    )
    return EXIT_OK
