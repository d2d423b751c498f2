"""`secondround match`: rank the portfolio's evidence for each requirement of an application,
with the confidence of each match, and with --write suggest the confident ones in `suggested`
where a requirement has no proof yet (the ranking is builder/analyse/match.py)."""

from __future__ import annotations

import argparse
import sys

from builder.analyse.match import (
    WRITE_CONFIDENCE,
    WRITE_STRENGTH,
    Match,
    choose_evidence,
    fill_evidence,
    index_portfolio,
)
from builder.app.arguments import Parser, add_format, positive, root_of
from builder.app.terminal import EXIT_OK, console, print_json
from builder.core.errors import UserError
from builder.core.models import Application
from builder.core.words import Locale
from builder.load.portfolio import Document
from builder.load.read import load

NAME = "match"


def arguments(parser: Parser, t: Locale) -> None:
    parser.add_argument("slug", metavar=t("cli.match.slug_metavar"), help=t("cli.match.slug"))
    parser.add_argument(
        "--top",
        type=positive(t),
        default=3,
        metavar=t("cli.match.top_metavar"),
        help=t("cli.match.top"),
    )
    parser.add_argument("--write", action="store_true", help=t("cli.match.write"))
    add_format(parser, t)


def run(args: argparse.Namespace, t: Locale) -> int:
    portfolio = load(root_of(args, t))
    app = portfolio.applications.get(args.slug)
    if app is None:
        known = ", ".join(sorted(portfolio.applications)) or t("cli.match.none_yet")
        raise UserError(
            t("cli.match.unknown", slug=args.slug), t("cli.match.unknown_hint", known=known)
        )
    index = index_portfolio(portfolio)
    ranked = {r.id: index.rank(r.text, args.top) for r in app.meta.requirements}
    if args.format == "json":
        print_json({r.id: {
            "text": r.text, "kind": r.kind, "evidence": r.evidence,
            "matches": [{"id": m.id, "kind": m.kind, "score": m.score,
                         "confidence": m.confidence, "matched": m.matched}
                        for m in ranked[r.id]],
            "confident": choose_evidence(ranked[r.id]),
        } for r in app.meta.requirements})  # fmt: skip
    else:
        print_matches(app, ranked, t)
    if args.write:
        write_evidence(app, ranked, t)
    return EXIT_OK


def print_matches(app: Document[Application], ranked: dict[str, list[Match]], t: Locale) -> None:
    lines = [f"{app.meta.role} — {app.meta.company}"]
    for requirement in app.meta.requirements:
        kind = t(f"cli.match.kinds.{requirement.kind}")
        ids = ", ".join(requirement.evidence)
        chosen = "  " + t("cli.match.evidence", ids=ids) if requirement.evidence else ""
        lines += ["", f"{requirement.id} [{kind}] {requirement.text}{chosen}"]
        if not ranked[requirement.id]:
            lines.append("   " + t("cli.match.no_match"))
        elif not choose_evidence(ranked[requirement.id]):
            lines.append("   " + t("cli.match.unconvincing"))
        for rank, match in enumerate(ranked[requirement.id], start=1):
            kind = t(f"cli.match.documents.{match.kind}")
            matched = t("cli.match.matched", reason=reason(match, t))
            confidence = t("cli.match.confidence", percent=percent(match.confidence))
            lines.append(f"   {rank}. {confidence}  {match.id} ({kind})  {matched}")
    bar = {"percent": round(WRITE_CONFIDENCE * 100), "share": round(WRITE_STRENGTH * 100)}
    lines += ["", t("cli.match.threshold", **bar)]
    sys.stdout.write("\n".join(lines) + "\n")


def percent(share: float) -> str:
    """A confidence as a whole percentage, padded so that the columns line up."""
    return f"{round(share * 100):3d}"


def reason(match: Match, t: Locale) -> str:
    """The terms a document matched on, a skill of its own marked as such."""
    skill = t("cli.match.skill")
    return ", ".join(f"{w} ({skill})" if w in match.skills else w for w in match.matched[:6])


def write_evidence(app: Document[Application], ranked: dict[str, list[Match]], t: Locale) -> None:
    """`evidence` for each requirement that has none, where a match convinces."""
    chosen = {r.id: choose_evidence(ranked[r.id]) for r in app.meta.requirements if not r.evidence}
    filled = fill_evidence(app.path, chosen)
    if filled:
        console.print(t("cli.match.filled", count=len(filled), ids=", ".join(filled)), markup=False)
    else:
        console.print(t("cli.match.nothing"), markup=False)
