"""`secondround apply`: a new application file from a job posting or a JSON Resume job."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from builder.app.posting import PostedRequirement, looks_like_html, parse_posting, with_ids
from builder.app.posting_page import header_facts, read_page
from builder.app.reading import read_json
from builder.core.errors import UserError
from builder.core.literal import plain_line, unwanted_character
from builder.core.models import Application, is_url, slugify
from builder.core.words import Locale


@dataclass(frozen=True)
class Job:
    """What a posting tells us: who, what, where, and the requirements."""

    company: str | None
    role: str | None
    requirements: list[PostedRequirement]
    posting_url: str | None = None
    location: str | None = None
    text: str = ""


def job_from_posting(text: str, t: Locale, url: str | None = None) -> Job:
    """A posting as text, Markdown or a web page (saved, or fetched from `url`): its
    requirements and what it says of the role, the company and the place."""
    if looks_like_html(text):
        page = read_page(text, t)
        requirements, facts, readable = page.requirements, page.facts, page.text
    else:
        requirements, facts, readable = parse_posting(text), header_facts(text), text
    return Job(
        company=facts.company,
        role=facts.role,
        requirements=requirements,
        posting_url=url or facts.url,
        location=facts.location,
        text=readable.strip(),
    )


def job_from_json_resume(path: Path, t: Locale) -> Job:
    """A job in the JSON Resume job schema: responsibilities, qualifications and skills."""
    data = read_json(path, t, t("cli.apply.job_hint"))
    if not isinstance(data, dict):
        raise UserError(
            t("cli.apply.job_not_object", path=path), t("cli.apply.job_not_object_hint")
        )
    items = [(text, "must") for text in _strings(data, path, "responsibilities", t)]
    items += [(text, "must") for text in _strings(data, path, "qualifications", t)]
    items += [
        (_skill_text(skill), "must")
        for skill in _list(data, path, "skills", t)
        if _skill_text(skill)
    ]
    return Job(
        company=_text(data.get("company")),
        role=_text(data.get("title")),
        requirements=with_ids(items),  # type: ignore[arg-type]
        posting_url=_url(data),
        location=_location(data),
        text=_text(data.get("description")) or "",
    )


def _list(data: dict[str, Any], path: Path, key: str, t: Locale) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise UserError(
            t("cli.apply.job_not_list", path=path, field=key), t("cli.apply.job_not_list_hint")
        )
    return value


def _strings(data: dict[str, Any], path: Path, key: str, t: Locale) -> list[str]:
    return [text for item in _list(data, path, key, t) if (text := plain_line(item))]


def _skill_text(skill: Any) -> str:
    """{"name": "Web Development", "keywords": ["HTML", "CSS"]} → 'Web Development (HTML, CSS)'."""
    if isinstance(skill, str):
        return plain_line(skill)
    if not isinstance(skill, dict):
        return ""
    name = _text(skill.get("name")) or ""
    keywords = ", ".join(text for k in skill.get("keywords") or [] if (text := plain_line(k)))
    return f"{name} ({keywords})" if name and keywords else name or keywords


def _text(value: Any) -> str | None:
    """A job file's text as one clean line, as a YAML field of the application needs it."""
    return (plain_line(value) or None) if isinstance(value, str | int | float) else None


def _url(data: dict[str, Any]) -> str | None:
    for value in (data.get("url"), (data.get("meta") or {}).get("canonical")):
        if is_url(value):
            return str(value)
    return None


def _location(data: dict[str, Any]) -> str | None:
    place = data.get("location")
    parts = []
    if isinstance(place, dict):
        parts = [plain_line(place[k]) for k in ("city", "region", "countryCode") if place.get(k)]
    elif isinstance(place, str):
        parts = [plain_line(place)]
    remote = _text(data.get("remote"))
    text = ", ".join(dict.fromkeys(parts))
    return f"{text} ({remote})" if text and remote else text or remote


def write_application(
    root: Path,
    slug: str,
    job: Job,
    company: str | None,
    role: str | None,
    t: Locale,
    force: bool = False,
) -> Path:
    """content/applications/SLUG.md with the requirements found; never overwrites by accident."""
    if slugify(slug) != slug:
        raise UserError(
            t("cli.apply.bad_slug", slug=slug), t("cli.apply.bad_slug_hint", example=slugify(slug))
        )
    company, role = plain_line(company or job.company or ""), plain_line(role or job.role or "")
    missing = [name for name, value in (("company", company), ("role", role)) if not value]
    if missing:
        key = "no_company_role" if len(missing) == 2 else f"no_{missing[0]}"
        raise UserError(t(f"cli.apply.{key}"), t(f"cli.apply.{key}_hint"))
    if not job.requirements:
        raise UserError(t("cli.apply.no_requirement"), t("cli.apply.no_requirement_hint"))
    path = root / "content" / "applications" / f"{slug}.md"
    if path.exists() and not force:
        raise UserError(
            t("cli.apply.exists", path=path.relative_to(root)), t("cli.apply.exists_hint")
        )
    text = application_text(job, company, role, t)
    Application.model_validate(YAML(typ="safe").load(text.split("---\n")[1]))  # a bug if it fails
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def application_text(job: Job, company: str, role: str, t: Locale) -> str:
    """The application's front matter, commented in the portfolio's language, and the posting
    as its notes."""
    data = CommentedMap()
    data["company"] = company
    data["role"] = role
    if job.posting_url:
        data["posting_url"] = job.posting_url
    if job.location:
        data["location"] = job.location
    data["motivation"] = None
    data.yaml_add_eol_comment(t("cli.apply.motivation"), "motivation")
    data["career_fit"] = None
    data.yaml_add_eol_comment(t("cli.apply.career_fit"), "career_fit")
    requirements = CommentedSeq()
    for requirement in job.requirements:
        item = CommentedMap()
        item["id"] = requirement.id
        item["text"] = requirement.text
        item["kind"] = requirement.kind
        item["evidence"] = CommentedSeq()
        item["evidence"].fa.set_flow_style()
        item["plan"] = None
        requirements.append(item)
    data["requirements"] = requirements
    data.yaml_set_comment_before_after_key("requirements", before=t("cli.apply.fill"))
    data["status"] = "researching"
    yaml = YAML()
    yaml.width = 4096  # one line per requirement, however long
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(data, out)
    heading = t("cli.apply.posting_heading")
    notes = f"\n## {heading}\n\n{literal_block(job.text)}\n" if job.text.strip() else ""
    return f"---\n{out.getvalue()}---\n{notes}"


def literal_block(text: str) -> str:
    """The posting as written, in a fenced block: readable in the file, and never Markdown or
    HTML wherever the notes are shown (the fence is longer than any inside the text)."""
    lines = ["".join(c for c in line if c == "\t" or unwanted_character(c) is None).rstrip()
             for line in text.strip("\n").splitlines()]  # fmt: skip
    longest = max((len(m) for line in lines for m in re.findall(r"^\s*(~+)", line)), default=0)
    fence = "~" * max(3, longest + 1)
    return "\n".join([f"{fence} text", *lines, fence])
