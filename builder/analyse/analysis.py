"""Stage 2, analyse: facts computed from the validated portfolio, for pages and for `check`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

from builder.analyse.briefs import BriefFacts, brief_facts, price_problems, rating_problems
from builder.analyse.coverage import Coverage, coverage, coverage_problems
from builder.analyse.cv import Highlight, cv_highlights
from builder.analyse.followup import (
    Questions,
    StatusReport,
    Stress,
    Timeline,
    prep_questions,
    status_report,
    timeline,
    what_to_stress,
)
from builder.analyse.match import answering, index_portfolio
from builder.core.errors import Problem, format_loc
from builder.core.markup import code_that_runs, images
from builder.core.models import Achievement, Brief, Sample, parse_date
from builder.core.names import display_name
from builder.core.words import Locale, english
from builder.load.files import body_documents
from builder.load.portfolio import Document, Portfolio, portfolio_relative


@dataclass(frozen=True)
class Analysis:
    """Everything the later stages read about the portfolio, computed once, for one day."""

    today: dt.date  # the build's day: every date-dependent fact below is as of it
    public_achievements: list[Document[Achievement]]
    public_samples: list[Document[Sample]]
    public_briefs: list[Document[Brief]]
    coverage: dict[str, Coverage]
    briefs: dict[str, BriefFacts]
    errors: list[Problem]
    warnings: list[Problem]
    holds_private_data: bool
    status: StatusReport  # every application's dated next actions, as of the analysis's day
    cv: list[list[Highlight]]  # for each job of the CV, its highlights and the stories behind them
    timelines: dict[str, Timeline]  # each application's interviews and follow-ups, as of the day
    answers: dict[
        tuple[str, str], str
    ]  # (application, concern text) → confirmed proof answering it
    stress: dict[tuple[str, str], Stress]  # (application, reference) → what they should stress
    questions: dict[str, Questions]  # each application's prep-sheet questions, none twice


def analyse(
    portfolio: Portfolio, today: dt.date | None = None, t: Locale | None = None
) -> Analysis:
    """Facts for the pages, the kit and `check` (problems in the portfolio's language, `t`),
    as of `today`: the build's day, which dates the rating checks and the next actions."""
    t = t or english()
    today = today or dt.date.today()
    errors: list[Problem] = []
    warnings = unquantified(portfolio, t) + insecure_url(portfolio, t) + body_warnings(portfolio, t)
    briefs = {id: brief_facts(portfolio, doc) for id, doc in portfolio.briefs.items()}
    for id, doc in portfolio.briefs.items():
        warnings += rating_problems(portfolio, doc, briefs[id], today, t)
        warnings += price_problems(portfolio, doc, briefs[id], t)
    for app in portfolio.applications.values():
        app_errors, app_warnings = coverage_problems(portfolio, app, t)
        errors += app_errors
        warnings += app_warnings
    answers = concern_answers(portfolio)
    warnings += unanswered_concerns(portfolio, answers, t)
    covered = {slug: coverage(portfolio, app) for slug, app in portfolio.applications.items()}
    timelines = {
        slug: timeline(portfolio, app, today) for slug, app in portfolio.applications.items()
    }
    return Analysis(
        today=today,
        public_achievements=quantified_first(
            newest_first([d for d in portfolio.achievements.values() if d.public])
        ),
        public_samples=newest_first([d for d in portfolio.samples.values() if d.public]),
        public_briefs=newest_first([d for d in portfolio.briefs.values() if d.public]),
        coverage=covered,
        briefs=briefs,
        errors=errors,
        warnings=warnings,
        holds_private_data=holds_private_data(portfolio),
        status=status_report(portfolio, covered, timelines, today),
        cv=cv_highlights(portfolio),
        timelines=timelines,
        answers=answers,
        stress=stress(portfolio, timelines),
        questions={slug: prep_questions(app, t) for slug, app in portfolio.applications.items()},
    )


def concern_answers(portfolio: Portfolio) -> dict[tuple[str, str], str]:
    """For each concern an interviewer raised without an answer of the candidate's, the public
    evidence that answers it clearly, if it is confirmed proof of that application: the
    follow-up to that interviewer offers it. A match on shared words with anything else in
    the portfolio is no answer."""
    concerns = [
        (slug, concern.text)
        for slug, app in portfolio.applications.items()
        for interview in app.meta.interviews
        for person in interview.interviewers
        for concern in person.concerns
        if not concern.answer
    ]
    if not concerns:
        return {}
    index = index_portfolio(portfolio)
    found = {}
    for slug, text in dict.fromkeys(concerns):
        confirmed = {i for r in portfolio.applications[slug].meta.requirements for i in r.evidence}
        answer = answering(index, text)
        if answer is not None and answer in confirmed:
            found[(slug, text)] = answer
    return found


def unanswered_concerns(
    portfolio: Portfolio, answers: dict[tuple[str, str], str], t: Locale
) -> list[Problem]:
    """A concern with neither an answer of the candidate's nor confirmed proof that answers
    it is left out of the follow-up: the candidate should write the answer."""
    found = []
    for slug, app in portfolio.applications.items():
        for i, interview in enumerate(app.meta.interviews):
            for j, person in enumerate(interview.interviewers):
                for k, concern in enumerate(person.concerns):
                    if concern.answer or (slug, concern.text) in answers:
                        continue
                    loc: list[str | int] = ["interviews", i, "interviewers", j, "concerns", k]
                    line, column = app.source.position(loc)
                    found.append(Problem(
                        portfolio_relative(portfolio, app.path), line, column, format_loc(loc),
                        t("check.unanswered", name=display_name(person.name)), t("check.unanswered_hint"),
                    ))  # fmt: skip
    return found


def stress(portfolio: Portfolio, timelines: dict[str, Timeline]) -> dict[tuple[str, str], Stress]:
    """For each reference of each application, what they can vouch for, the points that answer
    the concerns raised so far first."""
    ids = {r.id for app in portfolio.applications.values() for r in app.meta.requirements}
    return {
        (slug, ref_id): what_to_stress(
            app, portfolio.references[ref_id], timelines[slug].concerns, ids
        )
        for slug, app in portfolio.applications.items()
        for ref_id in app.meta.references
        if ref_id in portfolio.references
    }


D = TypeVar("D", bound=Document[Any])


def newest_first(docs: list[D]) -> list[D]:
    """Most recent first; undated last; ties by id so the order never depends on the disk."""

    def key(doc: D) -> tuple[int, str, str]:
        date = getattr(doc.meta, "date", None)
        return (0 if date else 1, _negated(date) if date else "", doc.id)

    return sorted(docs, key=key)


def quantified_first(docs: list[Document[Achievement]]) -> list[Document[Achievement]]:
    """Stories with a number before those without, each group in its order: the indexes
    promise measurable results, so the first cards a reader sees keep that promise."""
    return sorted(docs, key=lambda doc: not doc.meta.quantified)


def _negated(date: str) -> str:
    """A sort key that puts later dates first."""
    ordinal = parse_date(date).toordinal()
    return f"{10**7 - ordinal:08d}"


def unquantified(portfolio: Portfolio, t: Locale) -> list[Problem]:
    """Achievements with no number in `result` or `metrics`: recruiters skim for numbers."""
    found = []
    for doc in portfolio.achievements.values():
        if not doc.meta.quantified:
            line, column = doc.source.position(["result"])
            path = doc.path.relative_to(portfolio.root).as_posix()
            found.append(Problem(
                path, line, column, "result", t("check.unquantified"), t("check.unquantified_hint"),
            ))  # fmt: skip
    return found


def insecure_url(portfolio: Portfolio, t: Locale) -> list[Problem]:
    """An http:// address: GitHub Pages serves https, so every link in a PDF or email would
    make a reader go through a redirect, or reach nothing where https is enforced."""
    url = portfolio.site.url
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname in ("localhost", "127.0.0.1"):
        return []
    source = portfolio.site_source
    line, column = source.position(["url"]) if source else (None, None)
    secure = "https://" + url.removeprefix("http://")
    return [Problem("site.yml", line, column, "url", t("check.http", url=url),
                    t("check.http_hint", url=secure))]  # fmt: skip


def body_warnings(portfolio: Portfolio, t: Locale) -> list[Problem]:
    """What a published body does that the candidate may not mean: show an image from another
    server (the site stops being self-contained), or run code on the candidate's site."""
    found = []
    for doc in body_documents(portfolio):
        if doc.public:
            found += sorted(_body_warnings(portfolio, doc, t))
    return found


def _body_warnings(portfolio: Portfolio, doc: Document[Any], t: Locale) -> Iterator[Problem]:
    path = doc.path.relative_to(portfolio.root).as_posix()
    first = doc.source.body_line - 1
    for image in images(doc.body):
        if image.where == "remote":
            message = t("check.remote_image", url=image.url)
            hint = t("check.remote_image_hint")
            yield Problem(path, first + image.line, image.column, "body", message, hint)
    for danger in code_that_runs(doc.body):
        key = f"check.runs_code_{danger.risk}"
        message = t(key, what=_short(" ".join(danger.what.split())))
        yield Problem(path, first + danger.line, danger.column, "body", message, t(key + "_hint"))


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def holds_private_data(portfolio: Portfolio) -> bool:
    """Whether the repository itself must stay private (it holds notes, contacts or private stories)."""
    return bool(
        portfolio.references
        or portfolio.applications
        or portfolio.profile.meta.private
        or any(
            not doc.public
            for kind in (portfolio.achievements, portfolio.samples, portfolio.briefs)
            for doc in kind.values()
        )
    )
