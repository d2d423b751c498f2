"""Requirement coverage: is every requirement of a job answered with public, quantified proof?"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from builder.core.errors import Problem, format_loc
from builder.core.models import Application, Requirement
from builder.core.words import Locale
from builder.load.portfolio import Document, Portfolio, portfolio_relative


@dataclass(frozen=True)
class RequirementCoverage:
    id: str
    kind: str
    evidence: list[str]
    unquantified: list[str]
    private: list[str]

    @property
    def covered(self) -> bool:
        """Covered means at least one piece of public evidence."""
        return any(item not in self.private for item in self.evidence)


@dataclass(frozen=True)
class Coverage:
    """What `check` reports for one application."""

    slug: str
    requirements: list[RequirementCoverage]

    @property
    def total(self) -> int:
        return len(self.requirements)

    @property
    def covered(self) -> int:
        return sum(r.covered for r in self.requirements)

    @property
    def uncovered_must(self) -> list[str]:
        return [r.id for r in self.requirements if r.kind == "must" and not r.covered]

    @property
    def unquantified_evidence(self) -> list[str]:
        return sorted({item for r in self.requirements for item in r.unquantified})

    @property
    def private_evidence(self) -> list[str]:
        return sorted({item for r in self.requirements for item in r.private})

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "covered": self.covered,
            "uncovered_must": self.uncovered_must,
            "unquantified_evidence": self.unquantified_evidence,
            "private_evidence": self.private_evidence,
            "requirements": [{**asdict(r), "covered": r.covered} for r in self.requirements],
        }


def coverage(portfolio: Portfolio, app: Document[Application]) -> Coverage:
    return Coverage(app.id, [_requirement(portfolio, r) for r in app.meta.requirements])


def _requirement(portfolio: Portfolio, requirement: Requirement) -> RequirementCoverage:
    unquantified, private = [], []
    for item in requirement.evidence:
        doc = portfolio.evidence(item)
        if doc is None:
            continue
        if not doc.public:
            private.append(item)
        if item in portfolio.achievements and not portfolio.achievements[item].meta.quantified:
            unquantified.append(item)
    return RequirementCoverage(
        requirement.id, requirement.kind, list(requirement.evidence), unquantified, private
    )


def coverage_problems(
    portfolio: Portfolio, app: Document[Application], t: Locale
) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings): private evidence is an error; a must-have without proof or without
    a plan, and interviews under way with no motivation or career fit written, are warnings
    (the leave-behind and the follow-ups would show a blank where they belong)."""
    errors, warnings = [], []
    path = portfolio_relative(portfolio, app.path)
    for index, requirement in enumerate(app.meta.requirements):
        for e_index, item in enumerate(requirement.evidence):
            doc = portfolio.evidence(item)
            if doc is not None and not doc.public:
                loc: list[str | int] = ["requirements", index, "evidence", e_index]
                line, column = app.source.position(loc)
                errors.append(Problem(
                    path, line, column, format_loc(loc),
                    t("check.private_evidence", id=item), t("check.private_evidence_hint"),
                ))  # fmt: skip
        if requirement.kind == "must" and not _has_public(portfolio, requirement):
            loc = ["requirements", index]
            line, column = app.source.position(loc)
            warnings.append(Problem(
                path, line, column, format_loc(loc),
                t("check.must_uncovered", id=requirement.id), t("check.must_uncovered_hint", slug=app.id),
            ))  # fmt: skip
        if requirement.suggested:
            loc = ["requirements", index, "suggested"]
            line, column = app.source.position(loc)
            warnings.append(Problem(
                path, line, column, format_loc(loc),
                t("check.suggested", id=requirement.id, ids=", ".join(requirement.suggested)),
                t("check.suggested_hint"),
            ))  # fmt: skip
        if requirement.kind == "must" and not (requirement.plan or "").strip():
            loc = ["requirements", index]
            line, column = app.source.position(loc)
            warnings.append(Problem(
                path, line, column, format_loc([*loc, "plan"]),
                t("check.must_without_plan", id=requirement.id), t("check.must_without_plan_hint"),
            ))  # fmt: skip
    if app.meta.interviews:
        for name in ("motivation", "career_fit"):
            if not (getattr(app.meta, name) or "").strip():
                line, column = app.source.position(["interviews"])
                warnings.append(Problem(
                    path, line, column, name,
                    t("check.interviews_without", field=name), t(f"check.{name}_missing_hint"),
                ))  # fmt: skip
    return errors, warnings


def _has_public(portfolio: Portfolio, requirement: Requirement) -> bool:
    return any(
        (doc := portfolio.evidence(i)) is not None and doc.public for i in requirement.evidence
    )
