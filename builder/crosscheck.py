"""Checks that span files: unique ids, references between documents, attached files."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path

from builder.errors import Problems
from builder.load import format_loc
from builder.models import Application
from builder.portfolio import Document, Portfolio
from builder.source import Source


def cross_check(portfolio: Portfolio, problems: Problems) -> None:
    check_unique_ids(portfolio, problems)
    check_attachments(portfolio, problems)
    check_applications(portfolio, problems)
    check_resume(portfolio, problems)


def _report(
    problems: Problems, source: Source, loc: Sequence[str | int], message: str, hint: str
) -> None:
    line, column = source.position(loc)
    problems.add(source.path, message, hint, line=line, column=column, field=format_loc(loc))


def check_unique_ids(portfolio: Portfolio, problems: Problems) -> None:
    seen: dict[str, Path] = {}
    for kind in (portfolio.achievements, portfolio.samples, portfolio.briefs):
        for doc in kind.values():
            if doc.id in seen:
                other = problems.relative(seen[doc.id])
                problems.add(
                    doc.path,
                    f"id '{doc.id}' is already used by {other}",
                    "ids are file names and must be unique across achievements, samples and briefs;"
                    " rename one of the files",
                    line=1,
                )
            else:
                seen[doc.id] = doc.path


def check_attachments(portfolio: Portfolio, problems: Problems) -> None:
    content = portfolio.content
    profile = portfolio.profile
    if profile.meta.photo:
        check_file(problems, profile.source, ["photo"], content, profile.meta.photo, content)
    for sample in portfolio.samples.values():
        for index, name in enumerate(sample.meta.files):
            check_file(problems, sample.source, ["files", index], sample.folder, name, content)
    for brief in portfolio.briefs.values():
        if brief.meta.prices:
            check_file(problems, brief.source, ["prices"], brief.folder, brief.meta.prices, content)


def check_file(
    problems: Problems,
    source: Source,
    loc: Sequence[str | int],
    base: Path,
    name: str,
    content: Path,
) -> None:
    """An attached file must exist and stay inside content/, symlinks resolved."""
    if Path(name).is_absolute():
        _report(
            problems,
            source,
            loc,
            f"'{name}' is an absolute path",
            "write the path relative to this file",
        )
        return
    target = (base / name).resolve()
    if not target.is_relative_to(content.resolve()):
        _report(
            problems, source, loc, f"'{name}' points outside content/",
            "keep attached files inside the portfolio's content/ folder",
        )  # fmt: skip
    elif not target.is_file():
        where = problems.relative(base / name)
        _report(
            problems,
            source,
            loc,
            f"file '{name}' not found ({where})",
            "check the spelling or add the file",
        )


def check_applications(portfolio: Portfolio, problems: Problems) -> None:
    for app in portfolio.applications.values():
        requirement_ids = _check_requirements(portfolio, app, problems)
        _check_leave_behind(portfolio, app, problems)
        _check_interviews(app, requirement_ids, problems)
        for index, ref in enumerate(app.meta.references):
            if ref not in portfolio.references:
                _report(
                    problems, app.source, ["references", index], f"unknown reference '{ref}'",
                    _suggest(ref, portfolio.references, "content/references.yml"),
                )  # fmt: skip


def _check_requirements(
    portfolio: Portfolio, app: Document[Application], problems: Problems
) -> set[str]:
    ids: set[str] = set()
    for r_index, requirement in enumerate(app.meta.requirements):
        if requirement.id in ids:
            _report(
                problems, app.source, ["requirements", r_index, "id"],
                f"requirement id '{requirement.id}' is used twice", "give each requirement its own id",
            )  # fmt: skip
        ids.add(requirement.id)
        for e_index, evidence in enumerate(requirement.evidence):
            loc: list[str | int] = ["requirements", r_index, "evidence", e_index]
            _check_evidence(portfolio, app.source, loc, evidence, problems)
    return ids


def _check_evidence(
    portfolio: Portfolio, source: Source, loc: list[str | int], evidence: str, problems: Problems
) -> None:
    doc = portfolio.evidence(evidence)
    if doc is None:
        known = {**portfolio.achievements, **portfolio.samples, **portfolio.briefs}
        hint = _suggest(evidence, known, "content/achievements/, samples/ or briefs/")
        _report(
            problems, source, loc, f"no achievement, sample or brief with id '{evidence}'", hint
        )


def _check_leave_behind(
    portfolio: Portfolio, app: Document[Application], problems: Problems
) -> None:
    for kind, known in (("samples", portfolio.samples), ("briefs", portfolio.briefs)):
        for index, item in enumerate(getattr(app.meta.leave_behind, kind)):
            loc: list[str | int] = ["leave_behind", kind, index]
            if item not in known:
                _report(
                    problems,
                    app.source,
                    loc,
                    f"unknown {kind[:-1]} '{item}'",
                    _suggest(item, known, f"content/{kind}/"),
                )
            elif not known[item].public:
                _report(
                    problems,
                    app.source,
                    loc,
                    f"'{item}' is private",
                    "leave it out of the leave-behind",
                )


def _check_interviews(
    app: Document[Application], requirement_ids: set[str], problems: Problems
) -> None:
    seen: set[str] = set()
    for i_index, interview in enumerate(app.meta.interviews):
        for p_index, person in enumerate(interview.interviewers):
            base: list[str | int] = ["interviews", i_index, "interviewers", p_index]
            if person.id in seen:
                _report(
                    problems, app.source, [*base, "name"], f"interviewer id '{person.id}' is used twice",
                    "set a distinct `id:` for one of them (it names their follow-up email)",
                )  # fmt: skip
            seen.add(person.id or "")
            for index, priority in enumerate(person.priorities):
                if priority not in requirement_ids:
                    _report(
                        problems, app.source, [*base, "priorities", index],
                        f"'{priority}' is not a requirement id of this application",
                        _suggest(priority, requirement_ids, "requirements"),
                    )  # fmt: skip


def check_resume(portfolio: Portfolio, problems: Problems) -> None:
    resume = portfolio.resume
    if resume is None:
        return
    source = _resume_source(portfolio)
    for j_index, job in enumerate(resume.experience):
        for index, item in enumerate(job.achievements):
            loc: list[str | int] = ["experience", j_index, "achievements", index]
            doc = portfolio.achievements.get(item)
            if doc is None:
                _report(
                    problems,
                    source,
                    loc,
                    f"unknown achievement '{item}'",
                    _suggest(item, portfolio.achievements, "content/achievements/"),
                )
            elif not doc.public:
                _report(
                    problems,
                    source,
                    loc,
                    f"'{item}' is private",
                    "the CV is public; link a public story",
                )


def _resume_source(portfolio: Portfolio) -> Source:
    from builder.source import load_yaml_file

    path = portfolio.content / "resume.yml"
    source = load_yaml_file(path, Problems(portfolio.root))
    assert source is not None, "resume.yml was readable a moment ago"
    return source


def _suggest(value: str, known: Iterable[str], where: str) -> str:
    names = sorted(known)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"use an id defined in {where}" + (f" ({', '.join(names[:8])})" if names else "")
