"""The follow-up timeline of each application, and the dated next actions that follow from it.

The rules are the hiring practice the product encodes: before an interview, cover
every must-have, reach the insiders and alert the references; after it, one
follow-up per interviewer within `followup.due_hours`, brief the references, and
check in no earlier than `followup.checkin_after_days` after the last interview;
and keep applying elsewhere until an offer is accepted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from builder.analyse.coverage import Coverage
from builder.analyse.match import terms
from builder.core.errors import Problem, format_loc
from builder.core.models import (
    Application,
    Interview,
    Interviewer,
    Reference,
    Requirement,
    parse_date,
)
from builder.core.text import fold
from builder.core.words import Locale
from builder.load.portfolio import Document, Portfolio, portfolio_relative

NOON = dt.time(12, 0)  # an interview dated without a time is taken to be at noon
CLOSED = {"accepted", "rejected", "withdrawn"}
ALERT_REFERENCES_DAYS = 2  # references hear about an interview this long before it
BRIEF_REFERENCES_DAYS = 1  # and about how it went the day after


def when(value: str) -> dt.datetime:
    parsed = parse_date(value)
    return parsed if isinstance(parsed, dt.datetime) else dt.datetime.combine(parsed, NOON)


@dataclass(frozen=True)
class Followup:
    """One interviewer's follow-up: when it is due and whether it went out."""

    interview: Interview
    interviewer: Interviewer
    due: dt.datetime
    sent: dt.date | None


@dataclass(frozen=True)
class Action:
    """Something the candidate should do, and by when."""

    slug: str
    kind: (
        str  # cover, reach, alert, followup, brief-references, checkin, wait, keep-applying, offer
    )
    due: dt.datetime | None
    text: dict[str, str | int] = field(default_factory=dict)  # values for the action's sentence
    overdue: bool = False
    draft: str | None = None  # the .eml that carries it out, relative to build/private/

    def sentence(self, t: Locale) -> str:
        """The action as a sentence in the portfolio's language."""
        values = dict(self.text)
        if isinstance(values.get("date"), str):
            values["date"] = t.long_date(str(values["date"]))
        return t(f"status.actions.{self.kind}", **values)


@dataclass(frozen=True)
class Meeting:
    """An interview and when it starts."""

    interview: Interview
    start: dt.datetime


@dataclass(frozen=True)
class Timeline:
    slug: str
    interviews: list[Interview]  # by start
    meetings: list[Meeting]  # as the application lists them
    held: list[Interview]  # those up to the end of the day, as the application lists them
    latest: Interview | None  # the last one held
    followups: list[Followup]
    last_interview: dt.datetime | None
    next_interview: dt.datetime | None
    checkin: dt.date | None
    happened: bool  # at least one interview is in the past
    applied: dt.datetime | None  # when the application went out, if the candidate says
    concerns: list[str]  # what worried the interviewers met so far, as the application lists them


def timeline(portfolio: Portfolio, app: Document[Application], today: dt.date) -> Timeline:
    """Interviews up to the end of `today` have happened; the rest are coming."""
    now = dt.datetime.combine(today, dt.time.max)
    meetings = [Meeting(interview, when(interview.date)) for interview in app.meta.interviews]
    held = [m for m in meetings if m.start <= now]
    interviews = sorted(app.meta.interviews, key=lambda i: when(i.date))
    hours = dt.timedelta(hours=portfolio.site.followup.due_hours)
    past = [i for i in interviews if when(i.date) <= now]
    upcoming = [i for i in interviews if when(i.date) > now]
    followups = [
        Followup(interview, person, when(interview.date) + hours, _day(person.followup_sent))
        for interview in past
        for person in interview.interviewers
    ]
    last = when(past[-1].date) if past else None
    days = dt.timedelta(days=portfolio.site.followup.checkin_after_days)
    return Timeline(
        slug=app.id,
        interviews=interviews,
        meetings=meetings,
        held=[m.interview for m in held],
        latest=max(held, key=lambda m: m.start).interview if held else None,
        followups=followups,
        last_interview=last,
        next_interview=when(upcoming[0].date) if upcoming else None,
        checkin=(last + days).date() if last else None,
        happened=bool(past),
        applied=when(app.meta.applied) if app.meta.applied else None,
        concerns=[c.text for m in held for p in m.interview.interviewers for c in p.concerns],
    )


@dataclass(frozen=True)
class Stress:
    """What a reference should speak to for one application: the requirements of that role
    they know first-hand, as the application writes them, and their other skills that none of
    those requirements already says. Each item once; those that answer a concern first."""

    requirements: list[str]
    skills: list[str]


def what_to_stress(
    app: Document[Application],
    reference: Reference,
    concerns: list[str],
    elsewhere: set[str],
) -> Stress:
    """`can_speak_to` holds requirement ids and skills; an id of another application's
    requirement (`elsewhere`) says nothing about this role and is left out, never shown raw."""
    requirements = {r.id: r.text for r in app.meta.requirements}
    worries = {stem for concern in concerns for stem in _stems(concern)}

    def overlap(item: str) -> int:
        return len(_stems(item) & worries)

    items = [
        i for i in dict.fromkeys(reference.can_speak_to) if i in requirements or i not in elsewhere
    ]
    texts = [requirements[i] for i in items if i in requirements]
    said = {stem for text in texts for stem in _stems(text)}
    skills = [i for i in items if i not in requirements and not _stems(i) <= said]
    return Stress(
        sorted(dict.fromkeys(texts), key=lambda item: -overlap(item)),
        sorted(skills, key=lambda item: -overlap(item)),
    )


def _stems(text: str) -> set[str]:
    """The meaningful words of a text, stemmed as English and as Spanish: the portfolio may
    mix both."""
    return {stem for stem, _ in terms(text, "en") + terms(text, "es")}


SAME_QUESTION = 0.6  # Dice coefficient of content words from which two questions are one


def same_question(a: str, b: str, language: str) -> bool:
    """Two questions that ask the same thing in other words ('¿Cómo se mide el éxito el primer
    año?', '¿Cómo se medirá el éxito en el primer año?'): their accent-folded, stemmed content
    words overlap by a Dice coefficient of at least SAME_QUESTION."""
    x = {stem for stem, _ in terms(a, language)}
    y = {stem for stem, _ in terms(b, language)}
    if not x or not y:
        return fold(a).strip() == fold(b).strip()
    return 2 * len(x & y) / (len(x) + len(y)) >= SAME_QUESTION


def distinct_questions(
    own: list[str], suggested: list[str], language: str, topics: dict[str, str]
) -> list[str]:
    """The candidate's questions, each once, after the product's `suggested` ones that none of
    them already asks. A suggestion also gives way to any own question on its topic
    (`topics`: suggestion → a stem, such as 'urgent' for the question about an urgent problem):
    the candidate's wording is the one to keep."""
    kept: list[str] = []
    for question in own:
        if not any(same_question(question, k, language) for k in kept):
            kept.append(question)
    added = []
    for question in suggested:
        topic = topics.get(question)
        on_topic = topic and any(topic in {s for s, _ in terms(k, language)} for k in kept)
        if not on_topic and not any(same_question(question, k, language) for k in kept):
            added.append(question)
    return added + kept


@dataclass(frozen=True)
class Questions:
    """The prep sheet's questions for one application, none asked twice: the interviewer's
    "tell me about a time" for each must-have (`probed`, requirement ids), and the
    candidate's own to ask, after the practice's question about an urgent problem unless they
    already ask one (`to_ask`)."""

    probed: list[str]
    to_ask: list[str]


def prep_questions(app: Document[Application], t: Locale) -> Questions:
    probed: list[Requirement] = []
    for requirement in app.meta.requirements:
        if requirement.kind == "must" and not any(
            same_question(requirement.text, other.text, t.language) for other in probed
        ):
            probed.append(requirement)
    urgent = t("prep.urgent_question")
    to_ask = distinct_questions(
        app.meta.questions, [urgent], t.language, {urgent: t("prep.urgent_topic")}
    )
    return Questions([r.id for r in probed], to_ask)


def _day(value: str | None) -> dt.date | None:
    return when(value).date() if value else None


def actions(
    portfolio: Portfolio,
    app: Document[Application],
    cover: Coverage,
    line: Timeline,
    today: dt.date,
) -> list[Action]:
    """The next actions for one application. Overdue means due before `today`."""
    meta = app.meta
    if meta.status in CLOSED:
        return []
    now = dt.datetime.combine(today, dt.time.min)
    found: list[Action] = []
    if meta.status == "offer":
        found.append(Action(app.id, "offer", None, {"company": meta.company}))
    if line.next_interview or not line.happened:
        found += _before(portfolio, app, cover, line.next_interview, now)
    for followup in line.followups:
        if followup.sent is None:
            found.append(Action(
                app.id, "followup", followup.due, {"name": followup.interviewer.name},
                overdue=followup.due < now, draft=f"{app.id}/followup-{followup.interviewer.id}.eml",
            ))  # fmt: skip
    if line.happened and line.last_interview and line.checkin:
        brief_by = line.last_interview + dt.timedelta(days=BRIEF_REFERENCES_DAYS)
        if today <= line.checkin:
            for ref in meta.references:
                if ref in portfolio.references:
                    found.append(Action(app.id, "brief-references", brief_by,
                                        {"name": portfolio.references[ref].name},
                                        overdue=brief_by < now, draft=f"{app.id}/reference-{ref}.eml"))  # fmt: skip
        checkin = dt.datetime.combine(line.checkin, dt.time(9, 0))
        kind = "wait" if today < line.checkin else "checkin"
        found.append(Action(app.id, kind, checkin, {"date": line.checkin.isoformat()}))
    return found


def _before(
    portfolio: Portfolio,
    app: Document[Application],
    cover: Coverage,
    interview: dt.datetime | None,
    now: dt.datetime,
) -> list[Action]:
    """Preparation: proof for every must-have, insiders reached, references alerted."""
    by = interview - dt.timedelta(days=1) if interview else None
    alert_by = interview - dt.timedelta(days=ALERT_REFERENCES_DAYS) if interview else None
    late = bool(by and by < now)
    found = []
    if cover.uncovered_must:
        # the requirements as the posting words them: an id like "r4" means nothing on a phone
        texts = {r.id: r.text for r in app.meta.requirements}
        missing = "; ".join(texts[id] for id in cover.uncovered_must)
        found.append(Action(app.id, "cover", by, {"requirements": missing}, overdue=late))
    for contact in app.meta.contacts:
        if not contact.contacted:
            words: dict[str, str | int] = {"name": contact.name, "channel": contact.channel or ""}
            found.append(Action(app.id, "reach", by, words, overdue=late))
    for ref in app.meta.references:
        if ref in portfolio.references:
            found.append(Action(app.id, "alert", alert_by, {"name": portfolio.references[ref].name},
                                overdue=bool(alert_by and alert_by < now), draft=f"{app.id}/reference-{ref}.eml"))  # fmt: skip
    return found


def keep_applying(portfolio: Portfolio) -> Action | None:
    """Until an offer is accepted, the search goes on."""
    if any(app.meta.status == "accepted" for app in portfolio.applications.values()):
        return None
    active = sum(app.meta.status not in CLOSED for app in portfolio.applications.values())
    return Action("", "keep-applying", None, {"count": active})


PRIORITY = ["offer", "followup", "cover", "reach", "alert", "brief-references", "checkin", "wait"]


def by_urgency(found: list[Action]) -> list[Action]:
    """Overdue first, then by due date (follow-ups before the rest); undated actions last."""
    far = dt.datetime.max
    return sorted(
        found, key=lambda a: (not a.overdue, a.due or far, PRIORITY.index(a.kind), a.slug)
    )


@dataclass(frozen=True)
class ApplicationStatus:
    app: Document[Application]
    actions: list[Action]

    @property
    def urgency(self) -> tuple[bool, dt.datetime]:
        first = self.actions[0] if self.actions else None
        return (
            not (first and first.overdue),
            (first.due if first and first.due else dt.datetime.max),
        )


@dataclass(frozen=True)
class StatusReport:
    today: dt.date
    applications: list[ApplicationStatus]
    always: list[Action]


def status_report(
    portfolio: Portfolio,
    coverage: dict[str, Coverage],
    timelines: dict[str, Timeline],
    today: dt.date,
) -> StatusReport:
    """Every application with its dated next actions, the most urgent first."""
    rows = [
        ApplicationStatus(
            app, by_urgency(actions(portfolio, app, coverage[slug], timelines[slug], today))
        )
        for slug, app in portfolio.applications.items()
    ]
    rows.sort(key=lambda row: (*row.urgency, row.app.id))
    always = [a for a in [keep_applying(portfolio)] if a is not None]
    return StatusReport(today, rows, always)


def late_followups(portfolio: Portfolio, today: dt.date, t: Locale) -> list[Problem]:
    """Follow-ups due before today and not marked as sent, located at the interviewer."""
    found = []
    for app in portfolio.applications.values():
        if app.meta.status in CLOSED:
            continue
        line = timeline(portfolio, app, today)
        for followup in line.followups:
            if followup.sent is None and followup.due.date() < today:
                i = app.meta.interviews.index(followup.interview)
                j = followup.interview.interviewers.index(followup.interviewer)
                loc: list[str | int] = ["interviews", i, "interviewers", j]
                row, column = app.source.position(loc)
                found.append(Problem(
                    portfolio_relative(portfolio, app.path), row, column, format_loc(loc),
                    t("check.late", name=followup.interviewer.name, due=f"{followup.due:%Y-%m-%d %H:%M}"),
                    t("check.late_hint", file=f"{app.id}/followup-{followup.interviewer.id}.eml", today=today),
                ))  # fmt: skip
    return found
