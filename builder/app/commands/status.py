"""`secondround status`: every application with its stage and dated next actions."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from builder.analyse.analysis import analyse
from builder.analyse.followup import Action
from builder.app.arguments import Parser, add_format, day, root_of
from builder.app.terminal import EXIT_OK, print_json
from builder.core.words import Locale
from builder.load.read import load

NAME = "status"


def arguments(parser: Parser, t: Locale) -> None:
    parser.add_argument(
        "--today", type=day(t), metavar=t("cli.status.today_metavar"), help=t("cli.status.today")
    )
    add_format(parser, t)


def run(args: argparse.Namespace, t: Locale) -> int:
    portfolio = load(root_of(args, t))
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
        title = t("application.title", role=meta.role, company=meta.company)
        lines += ["", f"{row.app.id} · {title} · {stage}"]
        if not row.actions:
            lines.append("    " + t("status.no_actions"))
        for action in row.actions:
            mark = "!" if action.overdue else " "
            late = f" ({t('status.overdue')})" if action.overdue else ""
            draft = f"  → build/private/{action.draft}" if action.draft else ""
            lines.append(f"  {mark} {_due(action, t):<20} {action.sentence(t)}{late}{draft}")
    for action in report.always:
        lines += ["", action.sentence(t)]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _due(action: Action, t: Locale) -> str:
    if action.due is None:
        return ""
    date = t.date(action.due.date().isoformat())
    return (
        date
        if action.due.time() in (dt.time(9, 0), dt.time(12, 0))
        else f"{date} {action.due:%H:%M}"
    )


def _action_json(action: Action, t: Locale) -> dict[str, object]:
    return {
        "kind": action.kind,
        "due": action.due.isoformat(timespec="minutes") if action.due else None,
        "overdue": action.overdue,
        "text": action.sentence(t),
        "draft": f"build/private/{action.draft}" if action.draft else None,
    }
