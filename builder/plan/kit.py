"""The private kit, planned: follow-up drafts, reference briefings, prep sheets, the calendar.

Facts are decided here (who gets what, which evidence answers which priority or
concern, when each thing is due); the theme's templates write the words.
Everything here goes to build/private/ and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from builder.analyse.analysis import Analysis
from builder.analyse.followup import (
    ALERT_REFERENCES_DAYS,
    BRIEF_REFERENCES_DAYS,
    Followup,
    Timeline,
)
from builder.core.models import Application, Interview, Reference, Requirement
from builder.core.names import display_name, greeting_name
from builder.core.urls import page_url, pdf_path, source_path
from builder.core.words import Locale
from builder.load.portfolio import Document, Portfolio
from builder.plan.privacy import Public, public_view
from builder.plan.site import evidence_view, relevant_work, tailored_context

PRIVATE_FOLDER = "private/"  # where the kit's PDFs go: build/private/, never the site


@dataclass(frozen=True)
class Draft:
    """One email draft: a single recipient, text and HTML bodies from the theme."""

    path: str  # relative to build/private/
    template: str  # mail/followup, mail/reference-before, mail/reference-after
    recipient_name: str
    recipient_email: str | None
    subject: str
    date: dt.datetime
    context: dict[str, Any]
    attachment: str | None = None  # a public PDF (path under build/site/) for --attach


@dataclass(frozen=True)
class Event:
    """A calendar entry; the uid stays the same across builds so re-imports update it."""

    uid: str
    summary: str
    start: dt.datetime | dt.date
    description: str
    minutes: int = 30


@dataclass(frozen=True)
class PrivatePdf:
    """A PDF of the private kit (a prep sheet): private values may reach its template, so it
    is a type of its own, which the public PDF renderer refuses, and it goes to
    build/private/ only."""

    target: str  # under private/
    template: str
    title: str
    context: dict[str, Any]
    page_size: str
    palette: str

    def __post_init__(self) -> None:
        if not self.target.startswith(PRIVATE_FOLDER):
            raise ValueError(f"{self.target}: a private PDF goes to {PRIVATE_FOLDER}")


@dataclass
class Kit:
    drafts: list[Draft] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    prep: list[PrivatePdf] = field(default_factory=list)


def plan_kit(portfolio: Portfolio, analysis: Analysis, t: Locale) -> Kit:
    """The kit as of the analysis's day, whose timelines it reads."""
    kit = Kit()
    for app in portfolio.applications.values():
        line = analysis.timelines[app.id]
        links = _links(portfolio, app)
        for followup in line.followups:
            kit.drafts.append(followup_draft(portfolio, analysis, app, followup, links, t))
        for ref_id in app.meta.references:
            reference = portfolio.references.get(ref_id)
            if reference is not None:
                kit.drafts.append(reference_draft(portfolio, analysis, app, reference, t))
        kit.events += events(portfolio, app, line, t)
        kit.prep.append(prep_sheet(portfolio, analysis, app, t))
    return kit


def _links(portfolio: Portfolio, app: Document[Application]) -> dict[str, str | None]:
    base = portfolio.site.base_url
    listed = portfolio.site.applications.pages != "off"
    page = base + page_url(source_path("application", app.id)) if listed else None
    return {"page": page, "leave_behind": base + pdf_path("application", app.id), "site": base}


def _sender(portfolio: Portfolio) -> dict[str, Any]:
    profile = portfolio.profile.meta
    return {"name": profile.name, "email": profile.email, "phone": profile.private.get("phone"),
            "headline": profile.headline}  # fmt: skip


# ---------------------------------------------------------------------------
# Follow-ups


def followup_draft(
    portfolio: Portfolio,
    analysis: Analysis,
    app: Document[Application],
    followup: Followup,
    links: dict[str, str | None],
    t: Locale,
) -> Draft:
    person, meta = followup.interviewer, app.meta
    requirements = {r.id: r for r in meta.requirements}
    priorities = [requirements[p] for p in person.priorities if p in requirements]
    answers = [_answer(portfolio, analysis, requirement, t) for requirement in priorities]
    concerns = [_address(portfolio, analysis, concern, t) for concern in person.concerns]
    briefs = _relevant_briefs(portfolio, analysis, app, priorities, t)
    context = {
        "person": person.model_dump(),
        "first_name": greeting_name(person.name, t.language),
        "greeting": salutation(person.name, person.greeting, t),
        "interview": {"date": followup.interview.date, "round": followup.interview.round},
        "application": {**public_view(meta), "slug": app.id},
        "answers": answers,
        "concerns": [c for c in concerns if c["evidence"]],
        "briefs": briefs,
        "links": links,
        "sender": _sender(portfolio),
    }
    return Draft(
        path=f"{app.id}/followup-{person.id}.eml",
        template="mail/followup",
        recipient_name=person.name,
        recipient_email=person.email,
        subject=t("mail.followup_subject", role=meta.role, company=meta.company),
        date=followup.due,
        context=context,
        attachment=pdf_path("application", app.id),
    )


def salutation(name: str, greeting: str | None, t: Locale) -> str:
    """The opening line of a mail. A `greeting` that ends like a salutation (a comma, a colon,
    an exclamation mark) is the whole line; any other is the name to greet."""
    if greeting and greeting[-1] in ",:!":
        return greeting
    return t("mail.greeting", name=greeting or greeting_name(name, t.language))


def _answer(
    portfolio: Portfolio, analysis: Analysis, requirement: Requirement, t: Locale
) -> dict[str, Any]:
    """A priority of the interviewer, with the strongest public proof of it."""
    return {
        "requirement": public_view(requirement),
        "evidence": strongest(portfolio, analysis, requirement.evidence, t),
    }


def strongest(portfolio: Portfolio, analysis: Analysis, ids: list[str], t: Locale) -> Public | None:
    """The best proof among `ids`: a quantified story first, then a brief, then a sample, then
    a story without a number, then an entry of the CV."""
    public = [i for i in ids if (doc := portfolio.evidence(i)) is not None and doc.public]

    def rank(id: str) -> int:
        story = portfolio.achievements.get(id)
        if story is not None:
            return 0 if story.meta.quantified else 3
        if id in portfolio.briefs:
            return 1
        return 2 if id in portfolio.samples else 4

    return evidence_view(portfolio, analysis, min(public, key=rank), t) if public else None


def _address(portfolio: Portfolio, analysis: Analysis, concern: str, t: Locale) -> dict[str, Any]:
    """A concern raised in the interview, and the evidence that answers it, if any."""
    answer = analysis.answers.get(concern)
    return {
        "concern": concern,
        "evidence": evidence_view(portfolio, analysis, answer, t) if answer else None,
    }


def _relevant_briefs(
    portfolio: Portfolio,
    analysis: Analysis,
    app: Document[Application],
    priorities: list[Requirement],
    t: Locale,
) -> list[Public]:
    ids = [i for r in priorities for i in r.evidence if i in portfolio.briefs]
    ids += [i for i in app.meta.leave_behind.briefs if i in portfolio.briefs]
    return [
        evidence_view(portfolio, analysis, i, t)
        for i in dict.fromkeys(ids)
        if portfolio.briefs[i].public
    ]


# ---------------------------------------------------------------------------
# References


def reference_draft(
    portfolio: Portfolio,
    analysis: Analysis,
    app: Document[Application],
    reference: Reference,
    t: Locale,
) -> Draft:
    """Before any interview, a heads-up; after one, who was met, what worried them, what to stress."""
    meta, line = app.meta, analysis.timelines[app.id]
    stress = analysis.stress[(app.id, reference.id)]
    context = {
        "reference": reference.model_dump(),
        "first_name": greeting_name(reference.name, t.language),
        "greeting": salutation(reference.name, reference.greeting, t),
        "application": {**public_view(meta), "slug": app.id},
        "must_haves": [
            r.text for r in meta.requirements
            if r.kind == "must" and r.text not in stress.requirements
        ][:4],
        "meetings": [_met(interview, t) for interview in line.held],
        # as before, for a theme's own briefing templates:
        "interviewers": [p.model_dump() for i in line.held for p in i.interviewers],
        "interview_date": line.latest.date if line.latest else None,
        "concerns": line.concerns,
        "stress": stress.requirements,
        "skills": stress.skills,
        "sender": _sender(portfolio),
    }  # fmt: skip
    if line.happened and line.last_interview is not None:
        date = line.last_interview + dt.timedelta(days=BRIEF_REFERENCES_DAYS)
        template, subject = (
            "mail/reference-after",
            t("mail.reference_after_subject", role=meta.role, company=meta.company),
        )
    else:
        first = (
            line.next_interview - dt.timedelta(days=ALERT_REFERENCES_DAYS)
            if line.next_interview
            else _applied(line)
        )
        date, template = first, "mail/reference-before"
        subject = t("mail.reference_before_subject", role=meta.role, company=meta.company)
    return Draft(f"{app.id}/reference-{reference.id}.eml", template, reference.name, reference.email,
                 subject, date, context)  # fmt: skip


def _met(interview: Interview, t: Locale) -> dict[str, Any]:
    """One interview as a briefing tells it: the day, who was there with their role in one
    sentence, and each person's concerns in one sentence of their own."""
    names = [
        t("mail.person_role", name=display_name(p.name), role=p.role)
        if p.role
        else display_name(p.name)
        for p in interview.interviewers
    ]
    concerned = []
    for person in interview.interviewers:
        quoted = [t("mail.quoted", text=c.rstrip(".")) for c in dict.fromkeys(person.concerns)]
        if quoted:
            said = t("mail.ref_after_concerns", count=len(quoted), name=display_name(person.name),
                     concerns=t.join(quoted))  # fmt: skip
            concerned.append(_stop(said, t))
    return {"date": interview.date, "people": t.join(names), "concerned": concerned}


def _stop(sentence: str, t: Locale) -> str:
    """English ends a sentence on a quoted question with its question mark ('… before?”'),
    Spanish still writes the full stop after the quotes ('… plazos?».'): the locale says."""
    if t("formats.stop_after_quoted_question") == "yes" or not sentence.endswith("."):
        return sentence
    body = sentence[:-1]
    return body if body[-1:] in "”»\"'’" and body[-2:-1] in "?!" else sentence


def _applied(line: Timeline) -> dt.datetime:
    return line.applied or dt.datetime(2000, 1, 1, 9, 0)


# ---------------------------------------------------------------------------
# Calendar


def events(
    portfolio: Portfolio, app: Document[Application], line: Timeline, t: Locale
) -> list[Event]:
    """Follow-ups due, reference reminders and the polite check-in; the same on every build."""
    meta, found = app.meta, []
    hours = dt.timedelta(hours=portfolio.site.followup.due_hours)
    for meeting in line.meetings:
        interview, start = meeting.interview, meeting.start
        for person in interview.interviewers:
            if person.followup_sent is None:
                found.append(Event(
                    f"{app.id}-r{interview.round}-followup-{person.id}@secondround",
                    t("calendar.followup", name=person.name, company=meta.company), start + hours,
                    t("calendar.followup_description", name=person.name, role=person.role or "",
                      file=f"{app.id}/followup-{person.id}.eml"),
                ))  # fmt: skip
        for ref in meta.references:
            if ref in portfolio.references:
                name = portfolio.references[ref].name
                found.append(Event(f"{app.id}-r{interview.round}-alert-{ref}@secondround",
                                   t("calendar.alert", name=name, company=meta.company),
                                   (start - dt.timedelta(days=ALERT_REFERENCES_DAYS)).date(),
                                   t("calendar.alert_description", role=meta.role)))  # fmt: skip
                found.append(Event(f"{app.id}-r{interview.round}-brief-{ref}@secondround",
                                   t("calendar.brief", name=name, company=meta.company),
                                   (start + dt.timedelta(days=BRIEF_REFERENCES_DAYS)).date(),
                                   t("calendar.brief_description", file=f"{app.id}/reference-{ref}.eml")))  # fmt: skip
    if line.meetings:
        last = max(m.start for m in line.meetings)
        day = (last + dt.timedelta(days=portfolio.site.followup.checkin_after_days)).date()
        found.append(Event(f"{app.id}-checkin@secondround", t("calendar.checkin", company=meta.company), day,
                           t("calendar.checkin_description", role=meta.role)))  # fmt: skip
    return found


# ---------------------------------------------------------------------------
# Prep sheet


def prep_sheet(
    portfolio: Portfolio, analysis: Analysis, app: Document[Application], t: Locale
) -> PrivatePdf:
    """What to say and ask: stories per requirement, the questions behind the must-haves."""
    meta = app.meta
    context: dict[str, Any] = dict(tailored_context(portfolio, analysis, app, t))
    stories: list[dict[str, Any]] = []
    told: dict[str, str] = {}  # story id → the requirement it was first told for
    questions = analysis.questions[app.id]
    for requirement in meta.requirements:
        best = strongest(portfolio, analysis, requirement.evidence, t)
        story = portfolio.achievements.get(best["id"]) if best else None
        question = None
        if requirement.id in questions.probed:
            question = t("prep.question", requirement=requirement.text)
        first = story is not None and story.id not in told
        stories.append({
            "requirement": public_view(requirement),
            "question": question,
            "story": public_view(story.meta) if first and story else None,
            "told": told.get(story.id) if story and not first else None,
            "evidence": best,
        })  # fmt: skip
        if story is not None and first:
            told[story.id] = requirement.text
    people = [
        {"interview": _interview(i), "person": p.model_dump(), "name": display_name(p.name),
         "priorities": [r.text for r in meta.requirements if r.id in p.priorities]}
        for i in meta.interviews for p in i.interviewers
    ]  # fmt: skip
    context.update({
        "profile": {"meta": public_view(portfolio.profile.meta)},
        "language": portfolio.site.language,
        "site_url": portfolio.site.base_url,
        "application": public_view(meta),
        "stories": stories,
        "people": people,
        "questions": questions.to_ask,
        "contacts": [c.model_dump() for c in meta.contacts],
        "work": relevant_work(portfolio, analysis, app, t),
        "status": meta.status,
    })  # fmt: skip
    title = t("prep.title", role=meta.role, company=meta.company)
    site = portfolio.site
    return PrivatePdf(f"{PRIVATE_FOLDER}{app.id}/prep.pdf", "pdf/prep.html", title, context,
                      site.pdf.page_size, site.palette.primary)  # fmt: skip


def _interview(interview: Interview) -> dict[str, Any]:
    return {"date": interview.date, "round": interview.round}
