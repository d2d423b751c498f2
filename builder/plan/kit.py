"""The private kit, planned: follow-up drafts, reference briefings, prep sheets, the calendar.

Facts are decided here (who gets what, which evidence answers which priority or
concern, when each thing is due); the theme's templates write the words.
Everything here goes to build/private/ and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from builder.analyse.analysis import Analysis
from builder.analyse.followup import (
    ALERT_REFERENCES_DAYS,
    BRIEF_REFERENCES_DAYS,
    Followup,
    Timeline,
)
from builder.core.models import (
    Application,
    Interview,
    Interviewer,
    Reference,
    Requirement,
    parse_date,
)
from builder.core.names import display_name, greeting_name
from builder.core.text import fold
from builder.core.urls import RESUME_PDF, page_url, pdf_path, source_path
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
    attachments: tuple[str, ...] = ()  # public PDFs (paths under build/site/) for --attach


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
    """One interviewer's email, built from what they care about: what they asked to see,
    their priorities with confirmed proof and one sentence of the plan, the concerns the
    candidate answered, then the links. Two people of one company get different phrasings
    (`turn`: the interviewer's place in the application), so no two read as one template."""
    person, meta = followup.interviewer, app.meta
    turn = _turn(app, person)
    write = Writer(t, turn, _corpus(meta))
    asked = [evidence_view(portfolio, analysis, i, t) for i in dict.fromkeys(person.asked_for)
             if (doc := portfolio.evidence(i)) is not None and doc.public]  # fmt: skip
    blocks = [] if person.body else _blocks(portfolio, analysis, app, followup, asked, links, write)
    context = {
        "person": {"name": person.name, "role": person.role},
        "first_name": greeting_name(person.name, t.language),
        "greeting": salutation(person.name, person.greeting, t),
        "interview": {"date": followup.interview.date, "round": followup.interview.round},
        "application": {**public_view(meta), "slug": app.id},
        "blocks": blocks,
        "body": person.body,
        "signoff": write("signoff"),
        "links": links,
        "sender": _sender(portfolio),
    }
    attachments = [pdf_path("application", app.id)]
    attachments += [pdf for view in asked if (pdf := _pdf_of(view)) is not None]
    return Draft(
        path=f"{app.id}/followup-{person.id}.eml",
        template="mail/followup",
        recipient_name=person.name,
        recipient_email=person.email,
        subject=t("mail.followup_subject", role=meta.role, company=meta.company),
        date=followup.due,
        context=context,
        attachments=tuple(dict.fromkeys(attachments)),
    )


def _blocks(
    portfolio: Portfolio,
    analysis: Analysis,
    app: Document[Application],
    followup: Followup,
    asked: list[Public],
    links: dict[str, str | None],
    write: Writer,
) -> list[Block]:
    """The paragraphs in the order the content gives: the thanks, what they asked to see,
    their priorities, the answers to their concerns, the links, the closing."""
    person, t = followup.interviewer, write.t
    blocks = [_opening(person.opening, followup.interview, followup.due, app.meta, write)]
    blocks += _asked_block(asked, write)
    above = {view.url for view in asked}
    blocks += _priorities_block(portfolio, analysis, app, person, above, write, t)
    blocks += _concerns_block(portfolio, analysis, app, person, write, t)
    blocks.append(_links_block(portfolio, analysis, app, person, links, blocks, write, t))
    blocks.append(Block([Line(person.closing or write("closing"))]))
    return blocks


@dataclass(frozen=True)
class Line:
    """A sentence of a follow-up, and the address it ends with, if any."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class Item:
    """A point of a list in a follow-up: what it is about (`lead`), the sentence that names
    its proof (`before`, the proof's `title`, `rest`), the proof's address, and what follows
    (the plan). The HTML part links the title, the plain text gives the address."""

    lead: str = ""
    before: str = ""
    title: str = ""
    rest: str = ""
    url: str | None = None
    after: str = ""


TITLE = "\x00"  # where the title goes in a sentence, until it is split around it


def _around(sentence: str, title: str, url: str | None) -> dict[str, Any]:
    """A sentence written with TITLE in place of the title, as the pieces an Item holds."""
    before, _, rest = sentence.partition(TITLE)
    return {"before": before, "title": title, "rest": rest, "url": url}


@dataclass(frozen=True)
class Block:
    """A paragraph of a follow-up: sentences, then a list."""

    lines: list[Line]
    items: list[Item] = field(default_factory=list)


class Writer:
    """The words of one interviewer's follow-up: each group of variants in the locale turns by
    the interviewer's place in the application, and by the point's place in a list, so the
    same kind of sentence reads differently from one person, and one point, to the next."""

    def __init__(self, t: Locale, turn: int, corpus: str = "") -> None:
        self.t, self.turn = t, turn
        self.corpus = corpus  # the application's own sentences, which tell names from words

    def __call__(self, key: str, offset: int = 0, **values: Any) -> str:
        node = _node(self.t, f"mail.followup.{key}")
        if not isinstance(node, Mapping):  # one way of saying it
            return self.t(f"mail.followup.{key}", **values)
        variants = sorted(node)
        chosen = variants[(self.turn + offset) % len(variants)]
        return self.t(f"mail.followup.{key}.{chosen}", **values)


def _corpus(meta: Application) -> str:
    """Everything the candidate wrote for the application that an email may quote from."""
    texts = [meta.motivation, meta.career_fit]
    texts += [text for r in meta.requirements for text in (r.text, r.plan)]
    texts += [c.answer for i in meta.interviews for p in i.interviewers for c in p.concerns]
    return "\n".join(text for text in texts if text)


def _with_own_words(
    write: Writer, key: str, offset: int, name: str, own: str, **values: Any
) -> str:
    """A sentence of ours around the candidate's own (`own`, in the value `name`): after a colon
    their sentence goes on as the language continues one (see after_colon), after a full
    stop it starts as written."""
    sentence = write(key, offset, **{name: TITLE}, **values)
    text = after_colon(own, write.t, write.corpus) if ": " + TITLE in sentence else own
    return sentence.replace(TITLE, text)


def _node(t: Locale, key: str) -> Any:
    node: Any = t.words
    for part in key.split("."):
        node = node[part]
    return node


def _turn(app: Document[Application], person: Interviewer) -> int:
    """The interviewer's place among everyone the candidate met for this application."""
    everyone = [p.id for interview in app.meta.interviews for p in interview.interviewers]
    return everyone.index(person.id)


def _opening(
    own: str | None, interview: Interview, sent: dt.datetime, meta: Application, write: Writer
) -> Block:
    """The thanks with the day (its year only when it is not this year's), and the interest
    in the role; or the candidate's own words."""
    day = parse_date(interview.date)
    date = write.t.long_day(day) if day.year == sent.year else write.t.long_date(day)
    text = own or write("opening", date=date, role=meta.role, company=meta.company)
    return Block([Line(text)])


def _asked_block(asked: list[Public], write: Writer) -> list[Block]:
    """What they asked to see comes first: it is what they are waiting for."""
    if not asked:
        return []
    items = [Item(**_around(_quoted(TITLE, write.t) + _headline(view, write), view.title, view.url))
             for view in asked]  # fmt: skip
    return [Block([Line(write("asked_for"))], items)]


def _priorities_block(
    portfolio: Portfolio,
    analysis: Analysis,
    app: Document[Application],
    person: Interviewer,
    above: set[str],
    write: Writer,
    t: Locale,
) -> list[Block]:
    """Each priority with its strongest confirmed proof and one sentence of the plan; one
    without confirmed proof shows only its plan, and one with neither is left out. Proof
    they asked to see is linked above (`above`), and named here without its link again."""
    requirements = {r.id: r for r in app.meta.requirements}
    items = []
    order = {r.id: place for place, r in enumerate(app.meta.requirements)}
    for id in dict.fromkeys(person.priorities):
        if id in requirements:  # its place in the application: two people, two phrasings
            proof = strongest(portfolio, analysis, requirements[id].evidence, t)
            item = _priority(requirements[id], proof, above, app.meta.company, order[id], write)
            items += [item] if item else []
    if not items:
        return []
    opening = write("with_you." + _relation(person.role, t), role=person.role or "")
    return [Block([Line(opening)], items)]


def _priority(
    requirement: Requirement,
    proof: Public | None,
    above: set[str],
    company: str,
    place: int,
    write: Writer,
) -> Item | None:
    """One point of the list: the requirement as written, what shows it, the plan's first
    sentence; the variants turn with the requirement's `place` in the application."""
    plan = first_sentence(requirement.plan or "")
    after = _with_own_words(write, "plan", place, "plan", plan, company=company) if plan else ""
    lead = _sentence(requirement.text)
    if proof is None:
        return Item(lead, after=after) if plan else None
    title = _quoted(TITLE, write.t)
    if proof.url in above:
        return Item(
            lead, **_around(write("proof_above", title=title), proof.title, None), after=after
        )
    shown = write("proof", place, title=title, headline=_headline(proof, write))
    return Item(lead, **_around(shown, proof.title, proof.url), after=after)


def _relation(role: str | None, t: Locale) -> str:
    """How this hire would work with them, from the words of their job title: the one who
    reviews the work (lead), a colleague on the same work (peer), the one who runs the hiring
    (hiring), or, for a title that says none of these, other."""
    words = set(re.findall(r"\w+", fold(role or "").lower()))
    roles = _node(t, "mail.followup.roles")
    for kind in ("hiring", "lead", "peer"):
        if words & {fold(w).lower() for w in roles[kind]}:
            return kind
    return "other" if not role else "peer"


def _concerns_block(
    portfolio: Portfolio,
    analysis: Analysis,
    app: Document[Application],
    person: Interviewer,
    write: Writer,
    t: Locale,
) -> list[Block]:
    """A concern is answered in the candidate's own words, or by confirmed proof that answers
    it clearly; its text is never quoted, and one with neither is left out."""
    blocks = []
    for place, concern in enumerate(person.concerns):  # two each, two people: four phrasings
        if concern.answer:
            answer = " ".join(concern.answer.split())
            blocks.append(
                Block(
                    [Line(_with_own_words(write, "answer", write.turn + place, "answer", answer))]
                )
            )
            continue
        id = analysis.answers.get((app.id, concern.text))
        if id is not None:
            view = evidence_view(portfolio, analysis, id, t)
            text = write("answer_proof", place, title=_quoted(view.title, t),
                         headline=_headline(view, write))  # fmt: skip
            blocks.append(Block([Line(text, view.url)]))
    return blocks


def _links_block(
    portfolio: Portfolio,
    analysis: Analysis,
    app: Document[Application],
    person: Interviewer,
    links: dict[str, str | None],
    said: list[Block],
    write: Writer,
    t: Locale,
) -> Block:
    """The tailored page and the leave-behind, and the briefs not linked already."""
    company = app.meta.company
    lines = []
    if links["page"]:
        lines.append(Line(write("page", company=company), links["page"]))
    lines.append(Line(write("leave_behind"), links["leave_behind"]))
    linked = {
        u for block in said for u in [*(x.url for x in block.lines), *(i.url for i in block.items)]
    }
    for place, brief in enumerate(_relevant_briefs(portfolio, analysis, app, person, t)):
        if brief.url not in linked:
            lines.append(Line(write("brief", place, company=brief.meta.company), brief.url))
    return Block(lines)


def _headline(view: Public, write: Writer) -> str:
    """The number behind a proof, in brackets; brackets of its own become a comma
    ('Close cut from 7 to 3 days (−57%)' → '(Close cut from 7 to 3 days, −57%)')."""
    if not view.headline:
        return ""
    text = re.sub(r"\s*\(([^()]*)\)$", r", \1", view.headline.strip())
    return write.t("mail.followup.headline", text=text)


def after_colon(text: str, t: Locale, corpus: str = "") -> str:
    """The candidate's sentence after a colon of ours: English and Spanish go on in lower
    case (`formats.lower_after_colon`), unless the first word is an acronym, the English 'I',
    or a name, which the text or the rest of the application (`corpus`) writes capitalised
    within a sentence too ('Python', 'Solenta')."""
    words = text.split(maxsplit=1)
    if not words or t.get("formats.lower_after_colon") != "yes":
        return text
    first = words[0]
    plain = first != "I" and first[0].isupper() and first[1:] == first[1:].lower()
    within = rf"[^\s.!?:¿¡][ \t]+{re.escape(first)}\b"
    named = re.search(within, f"{text}\n{corpus}") is not None
    return first[0].lower() + text[1:] if plain and not named else text


def _quoted(text: str, t: Locale) -> str:
    return t("mail.quoted", text=text)


def _sentence(text: str) -> str:
    """A requirement as written, ending as a sentence does."""
    text = text.strip()
    return text if text[-1:] in ".?!…" else text + "."


def first_sentence(text: str) -> str:
    """The plan's first sentence: enough for an email, the rest is on the tailored page."""
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?…])(\s+(?=[A-ZÁÉÍÓÚÑ¿¡])|$)", text)
    return match.group(1) if match else (_sentence(text) if text else "")


def _pdf_of(view: Public) -> str | None:
    """The public PDF of something asked for: a sample's or a brief's own, the CV's for an
    entry of the CV; a story has none."""
    if view.kind in ("sample", "brief"):
        return pdf_path(view.kind, view.id)
    return RESUME_PDF if view.kind == "resume" else None


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


def _relevant_briefs(
    portfolio: Portfolio,
    analysis: Analysis,
    app: Document[Application],
    person: Interviewer,
    t: Locale,
) -> list[Public]:
    """Briefs that prove their priorities, then those of the leave-behind."""
    priorities = [r for r in app.meta.requirements if r.id in person.priorities]
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
        doubts = dict.fromkeys(c.text for c in person.concerns)
        quoted = [t("mail.quoted", text=c.rstrip(".")) for c in doubts]
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
