"""Checks that span files: unique ids, references between documents, attached files."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from builder.core.errors import Problems, format_loc
from builder.core.models import Application
from builder.core.resume_entries import PREFIX, ResumeEntry, resume_entries
from builder.load.portfolio import Document, Portfolio
from builder.load.source import Source, load_yaml_file


def cross_check(portfolio: Portfolio, problems: Problems) -> None:
    check_unique_ids(portfolio, problems)
    check_applications(portfolio, problems)
    check_resume(portfolio, problems)


def _report(
    problems: Problems,
    source: Source,
    loc: Sequence[str | int],
    key: str,
    hint: str | None = None,
    **values: Any,
) -> None:
    """A problem at `loc` of a file; `hint` replaces the locale's own hint (a suggestion)."""
    line, column = source.position(loc)
    message, own_hint = problems.words(key, **values)
    problems.add(source.path, message, hint if hint is not None else own_hint,
                 line=line, column=column, field=format_loc(loc))  # fmt: skip


def check_unique_ids(portfolio: Portfolio, problems: Problems) -> None:
    seen: dict[str, Path] = {}
    for kind in (portfolio.achievements, portfolio.samples, portfolio.briefs):
        for doc in kind.values():
            if doc.id in seen:
                problems.say(
                    doc.path, "id_taken", line=1, id=doc.id, other=problems.relative(seen[doc.id])
                )
            else:
                seen[doc.id] = doc.path
    for kind in (portfolio.achievements, portfolio.briefs):
        if "index" in kind:  # achievements/index.md is the list of all of them
            problems.say(kind["index"].path, "id_reserved", line=1)


def check_applications(portfolio: Portfolio, problems: Problems) -> None:
    for app in portfolio.applications.values():
        requirement_ids = _check_requirements(portfolio, app, problems)
        _check_leave_behind(portfolio, app, problems)
        _check_interviews(app, requirement_ids, problems)
        _check_asked_for(portfolio, app, problems)
        for index, ref in enumerate(app.meta.references):
            if ref not in portfolio.references:
                hint = _suggest(problems, ref, portfolio.references, "content/references.yml")
                _report(
                    problems, app.source, ["references", index], "unknown_reference", hint, id=ref
                )


def _check_requirements(
    portfolio: Portfolio, app: Document[Application], problems: Problems
) -> set[str]:
    ids: set[str] = set()
    for r_index, requirement in enumerate(app.meta.requirements):
        if requirement.id in ids:
            _report(
                problems,
                app.source,
                ["requirements", r_index, "id"],
                "requirement_twice",
                id=requirement.id,
            )
        ids.add(requirement.id)
        for field in ("evidence", "suggested"):
            for e_index, evidence in enumerate(getattr(requirement, field)):
                if portfolio.evidence(evidence) is None:
                    if evidence.startswith(PREFIX) and _resume_unreadable(portfolio):
                        continue  # resume.yml has problems of its own, reported already
                    hint = _suggest_evidence(portfolio, problems, evidence)
                    loc: list[str | int] = ["requirements", r_index, field, e_index]
                    _report(problems, app.source, loc, "unknown_evidence", hint, id=evidence)
    return ids


def _resume_unreadable(portfolio: Portfolio) -> bool:
    """resume.yml is there, but could not be read or validated."""
    return portfolio.resume is None and (portfolio.content / "resume.yml").is_file()


def _suggest_evidence(portfolio: Portfolio, problems: Problems, id: str) -> str:
    """For a story, sample or brief, the closest id or those that exist; for a CV entry, the
    entry it most likely means, else the entries of its section of the CV (or all of them)."""
    if not id.startswith(PREFIX):
        known = {**portfolio.achievements, **portfolio.samples, **portfolio.briefs}
        return _suggest(problems, id, known, "content/achievements/, samples/ or briefs/")
    cv = list(portfolio.resume_entries)
    if not cv:
        return problems.words("no_resume_entries")[0]
    meant = _closest_entry(id, cv)
    if meant:
        return problems.words("did_you_mean", name=meant)[0]
    same = [i for i in cv if _section(i) == _section(id)]
    listed = f" ({', '.join(same or cv)})"
    return problems.words("use_known_id", where="content/resume.yml", names=listed)[0]


def _closest_entry(id: str, ids: list[str]) -> str | None:
    """The one id that continues `id` (a name cut short), else the id of the same section
    whose name is close ('resume-language-german' is not 'resume-language-french'), else one
    of another section with the same name or nearly ('resume-skills-python')."""
    longer = [i for i in ids if i.startswith(id + "-")]
    if len(longer) == 1:
        return longer[0]
    same = [i for i in ids if _section(i) == _section(id)]
    for candidates, cutoff in ((same, 0.6), (ids, 0.85)):
        names = {_name(i): i for i in reversed(candidates)}
        close = difflib.get_close_matches(_name(id), list(names), n=1, cutoff=cutoff)
        if close:
            return names[close[0]]
    return None


def _section(id: str) -> str:
    """'resume-skill-python' → 'skill'."""
    return id.removeprefix(PREFIX).split("-")[0]


def _name(id: str) -> str:
    """'resume-skill-python' → 'python'; an id of the candidate's own without a section, whole."""
    rest = id.removeprefix(PREFIX)
    return rest.split("-", 1)[1] if "-" in rest else rest


def _check_leave_behind(
    portfolio: Portfolio, app: Document[Application], problems: Problems
) -> None:
    for kind, known in (("samples", portfolio.samples), ("briefs", portfolio.briefs)):
        for index, item in enumerate(getattr(app.meta.leave_behind, kind)):
            loc: list[str | int] = ["leave_behind", kind, index]
            if item not in known:
                hint = _suggest(problems, item, known, f"content/{kind}/")
                _report(problems, app.source, loc, f"unknown_{kind[:-1]}", hint, id=item)
            elif not known[item].public:
                _report(problems, app.source, loc, "private_in_leave_behind", id=item)


def _check_asked_for(portfolio: Portfolio, app: Document[Application], problems: Problems) -> None:
    """What an interviewer asked to see is linked in their follow-up: it must exist, and be
    public, or the link would lead nowhere."""
    for i_index, interview in enumerate(app.meta.interviews):
        for p_index, person in enumerate(interview.interviewers):
            for index, id in enumerate(person.asked_for):
                loc: list[str | int] = ["interviews", i_index, "interviewers", p_index,
                                        "asked_for", index]  # fmt: skip
                doc = portfolio.evidence(id)
                if doc is None:
                    if id.startswith(PREFIX) and _resume_unreadable(portfolio):
                        continue  # resume.yml has problems of its own, reported already
                    hint = _suggest_evidence(portfolio, problems, id)
                    _report(problems, app.source, loc, "unknown_asked_for", hint, id=id)
                elif not doc.public:
                    _report(problems, app.source, loc, "private_asked_for", id=id)


def _check_interviews(
    app: Document[Application], requirement_ids: set[str], problems: Problems
) -> None:
    seen: set[str] = set()
    for i_index, interview in enumerate(app.meta.interviews):
        for p_index, person in enumerate(interview.interviewers):
            base: list[str | int] = ["interviews", i_index, "interviewers", p_index]
            if person.id in seen:
                _report(problems, app.source, [*base, "name"], "interviewer_twice", id=person.id)
            seen.add(person.id or "")
            for index, priority in enumerate(person.priorities):
                if priority not in requirement_ids:
                    hint = _suggest(problems, priority, requirement_ids, "requirements")
                    _report(
                        problems,
                        app.source,
                        [*base, "priorities", index],
                        "unknown_priority",
                        hint,
                        id=priority,
                    )


def check_resume(portfolio: Portfolio, problems: Problems) -> None:
    resume = portfolio.resume
    if resume is None:
        return
    source = _resume_source(portfolio)
    _check_resume_ids(portfolio, source, problems)
    for j_index, job in enumerate(resume.experience):
        for index, item in enumerate(job.achievements):
            loc: list[str | int] = ["experience", j_index, "achievements", index]
            doc = portfolio.achievements.get(item)
            if doc is None:
                hint = _suggest(problems, item, portfolio.achievements, "content/achievements/")
                _report(problems, source, loc, "unknown_achievement", hint, id=item)
            elif not doc.public:
                _report(problems, source, loc, "private_in_cv", id=item)


def _check_resume_ids(portfolio: Portfolio, source: Source, problems: Problems) -> None:
    """Each CV entry's evidence id names one entry, and no story, sample or brief. A skill
    written twice is one skill, not a clash: a CV imported from elsewhere often lists a skill
    under two groups."""
    documents: dict[str, Document[Any]] = {
        **portfolio.achievements,
        **portfolio.samples,
        **portfolio.briefs,
    }
    seen: dict[str, ResumeEntry] = {}
    for entry in resume_entries(portfolio.resume):
        loc = _id_loc(entry)
        first = seen.setdefault(entry.id, entry)
        if first is not entry:
            if entry.kind == first.kind == "skill":
                continue  # one skill listed twice (under two groups): its id names the first
            line, _ = source.position(_id_loc(first))
            _report(problems, source, loc, "resume_id_taken", id=entry.id,
                    other=format_loc(first.loc), line=line)  # fmt: skip
        elif entry.id in documents:
            other = problems.relative(documents[entry.id].path)
            _report(problems, source, loc, "resume_id_document", id=entry.id, other=other)


def _id_loc(entry: ResumeEntry) -> list[str | int]:
    """Where an entry's id comes from: its own `id:`, else the field it is made from."""
    if entry.kind == "skill":
        return list(entry.loc)
    if entry.item.id:
        return [*entry.loc, "id"]
    names = {"education": "degree", "certification": "name", "language": "language"}
    field = names.get(entry.kind, "name")
    if entry.kind == "education" and not getattr(entry.item, "degree", None):
        field = "field" if getattr(entry.item, "field", None) else "institution"
    return [*entry.loc, field]


def _resume_source(portfolio: Portfolio) -> Source:

    path = portfolio.content / "resume.yml"
    source = load_yaml_file(path, Problems(portfolio.root))
    assert source is not None, "resume.yml was readable a moment ago"
    return source


def _suggest(problems: Problems, value: str, known: Iterable[str], where: str) -> str:
    names = sorted(known)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    if close:
        return problems.words("did_you_mean", name=close[0])[0]
    listed = f" ({', '.join(names[:8])})" if names else ""
    return problems.words("use_known_id", where=where, names=listed)[0]
