"""Which STAR story stands behind each highlight of the CV.

A highlight links to the public story of the same job that it matches best (and each
story to one highlight at most); stories no highlight matched are added as highlights of
their own, so that every story of a job is on the CV.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.analyse.match import index_achievements
from builder.load.portfolio import Portfolio

LINK_STRENGTH = 0.15  # how closely a CV highlight must match a story to link to it


@dataclass(frozen=True)
class Highlight:
    text: str
    story: str | None  # the id of the public story behind it


def cv_highlights(portfolio: Portfolio) -> list[list[Highlight]]:
    """For each job of resume.yml, in order, its highlights with their stories."""
    if portfolio.resume is None:
        return []
    return [
        _job_highlights(portfolio, job.highlights, job.achievements)
        for job in portfolio.resume.experience
    ]


def _job_highlights(portfolio: Portfolio, texts: list[str], ids: list[str]) -> list[Highlight]:
    stories = [portfolio.achievements[i] for i in ids if i in portfolio.achievements]
    stories = [s for s in stories if s.public]
    index = index_achievements(stories)
    used: set[str] = set()
    highlights = []
    for text in texts:
        found = [
            m
            for m in index.rank(text, len(stories))
            if m.id not in used and m.strength >= LINK_STRENGTH
        ]
        linked = found[0].id if found else None
        if linked:
            used.add(linked)
        highlights.append(Highlight(text, linked))
    highlights += [Highlight(doc.meta.result, doc.id) for doc in stories if doc.id not in used]
    return highlights
