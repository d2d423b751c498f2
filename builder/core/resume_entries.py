"""Entries of the CV as evidence: the readable ids by which an application cites them.

Education, certifications, languages and skills of content/resume.yml prove requirements
as stories, samples and briefs do ("Master's degree in Finance", "CFA", "fluent English",
"Python"). Each entry gets an id that starts with `resume-`, then its section, then a slug
of what it is called:

- a degree: `resume-education-` + degree and field (`resume-education-master-finance`);
  the institution when neither is written;
- a certification: `resume-certification-` + its name
  (`resume-certification-cfa-program-level-ii-candidate`);
- a language: `resume-language-` + the language (`resume-language-english`);
- a group of skills: `resume-skills-` + the group's name (`resume-skills-tools`);
- one skill of a group: `resume-skill-` + the skill (`resume-skill-python`).

A slug leaves out what is in brackets and what follows a comma ("CFA Program Level I,
passed" → `cfa-program-level-i`) and keeps six words at most, so that an id stays short
and does not change when a detail of the entry does. An education, certification,
language or skill group may set its own `id:` (which starts with `resume-` too). Ids are
unique: `load` reports two entries with the same id, and an entry whose id is also the id
of a story, a sample or a brief. A skill listed twice (under two groups) is one skill: its
id names the first mention.

The CV is public as a whole (its page shows every field), so an entry cited as proof shows
nothing that the CV page does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from builder.core.models import (
    Certification,
    Education,
    Resume,
    SkillGroup,
    SpokenLanguage,
    slugify,
)

PREFIX = "resume-"
SLUG_WORDS = 6  # words of a name kept in its id

EntryKind = Literal["education", "certification", "language", "skills", "skill"]
Entry = Education | Certification | SpokenLanguage | SkillGroup


@dataclass(frozen=True)
class ResumeEntry:
    """One entry of the CV that an application can cite as evidence."""

    id: str
    kind: EntryKind
    loc: tuple[str | int, ...]
    """Where the entry is in resume.yml: ("education", 0), ("skills", 2, "keywords", 1)."""
    item: Entry
    """The entry; for one skill, the group it belongs to."""
    skill: str | None = None
    """For one skill of a group, the skill as the CV writes it."""

    public: ClassVar[bool] = True  # the CV is public as a whole, as its page shows it


def short_slug(text: str) -> str:
    """A slug of a name without its details: brackets, what follows a comma, words past six."""
    main = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text).split(",")[0]
    kept = "-".join(slugify(main).split("-")[:SLUG_WORDS])
    return kept if kept != "x" else slugify(text)


def resume_entries(resume: Resume | None) -> list[ResumeEntry]:
    """Every entry of the CV that can be evidence, in the CV's order; two may share an id
    (load reports it, see builder.load.crosscheck)."""
    if resume is None:
        return []
    found = []
    for index, degree in enumerate(resume.education):
        name = " ".join(filter(None, [degree.degree, degree.field])) or degree.institution
        found.append(_entry("education", degree, ("education", index), name))
    for index, certificate in enumerate(resume.certifications):
        found.append(
            _entry("certification", certificate, ("certifications", index), certificate.name)
        )
    for index, language in enumerate(resume.languages):
        found.append(_entry("language", language, ("languages", index), language.language))
    for index, group in enumerate(resume.skills):
        found.append(_entry("skills", group, ("skills", index), group.name))
        for k_index, keyword in enumerate(group.keywords):
            loc = ("skills", index, "keywords", k_index)
            found.append(ResumeEntry(_id("skill", keyword), "skill", loc, group, keyword))
    return found


def _entry(kind: EntryKind, item: Entry, loc: tuple[str | int, ...], name: str) -> ResumeEntry:
    return ResumeEntry(item.id or _id(kind, name), kind, loc, item)


def _id(kind: EntryKind, name: str) -> str:
    return f"{PREFIX}{kind}-{short_slug(name)}"
