"""`secondround import jsonresume FILE`: a JSON Resume file → profile, CV, stories, samples, references.

Every file written is recorded with a digest of what was written
(.secondround-import.json). On a second run a file is rewritten only if the
candidate has not touched it since; an edited or foreign file is skipped (and
said so) unless --force is given.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from builder.app.reading import read_json
from builder.core.errors import UserError
from builder.core.literal import markdown_source, plain_line
from builder.core.models import is_url, slugify
from builder.core.words import Locale

RECORD = ".secondround-import.json"
SKIPPED_SECTIONS = ("volunteer", "awards", "publications", "interests")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # (what, why): why is `no_place` (a section with no place in the portfolio), `edited` (the
    # candidate changed the file since the last import) or `foreign` (no import wrote it)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def import_json_resume(root: Path, source: Path, t: Locale, force: bool = False) -> ImportReport:
    data = _read(source, t)
    files = convert(data, t)
    report = ImportReport()
    for section in SKIPPED_SECTIONS:
        if data.get(section):
            report.skipped.append((section, "no_place"))
    record_path = root / RECORD
    record = json.loads(record_path.read_text("utf-8")) if record_path.is_file() else {}
    for relative, text in files.items():
        _write(root, relative, text, record, report, force)
    record_path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", "utf-8")
    return report


def _read(source: Path, t: Locale) -> dict[str, Any]:
    data = read_json(source, t, t("cli.import.resume_hint"))
    if not isinstance(data, dict) or not isinstance(data.get("basics"), dict):
        raise UserError(t("cli.import.not_resume", path=source), t("cli.import.not_resume_hint"))
    return data


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _write(
    root: Path, relative: str, text: str, record: dict[str, str], report: ImportReport, force: bool
) -> None:
    path = root / relative
    if path.exists():
        current = path.read_text("utf-8", errors="replace")
        if current == text:
            report.unchanged.append(relative)
            record[relative] = _digest(text)
            return
        ours = record.get(relative) == _digest(current)
        if not ours and not force:
            report.skipped.append((relative, "edited" if relative in record else "foreign"))
            return
        report.updated.append(relative)
    else:
        report.created.append(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    record[relative] = _digest(text)


# ---------------------------------------------------------------------------
# JSON Resume → our content


def convert(data: dict[str, Any], t: Locale) -> dict[str, str]:
    """File path (relative to the portfolio) → text, for everything the résumé holds (`t`
    names what the résumé leaves unnamed)."""
    files = {"content/profile.md": _profile(data["basics"], t)}
    resume, stories = _resume(data)
    files["content/resume.yml"] = _yaml(resume)
    files.update(stories)
    for project in _list(data, "projects"):
        if _text(project.get("name")):
            files[f"content/samples/{slugify(project['name'])}.md"] = _project(project)
    references = [_reference(r) for r in _list(data, "references") if _text(r.get("name"))]
    if references:
        files["content/references.yml"] = _yaml(references)
    return files


def _profile(basics: dict[str, Any], t: Locale) -> str:
    meta: dict[str, Any] = {"name": _text(basics.get("name")) or t("cli.import.your_name")}
    for key, source in (("headline", "label"), ("email", "email")):
        if _text(basics.get(source)):
            meta[key] = _text(basics[source])
    location = basics.get("location") or {}
    place = ", ".join(
        _text(location.get(k)) or ""
        for k in ("city", "region", "countryCode")
        if _text(location.get(k))
    )
    if place:
        meta["location"] = place
    links = {}
    if _url(basics.get("url")):
        links[t("cli.import.website")] = basics["url"]
    for profile in basics.get("profiles") or []:
        if isinstance(profile, dict) and _url(profile.get("url")):
            links[_text(profile.get("network")) or t("cli.import.profile")] = profile["url"]
    if links:
        meta["links"] = links
    if _text(basics.get("phone")):
        meta["private"] = {"phone": _text(basics["phone"])}
    return _document(meta, markdown_source(_text(basics.get("summary")) or ""))


def _resume(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    experience: list[dict[str, Any]] = []
    stories: dict[str, str] = {}
    for job in _list(data, "work"):
        organization, role = (
            _text(job.get("name")) or _text(job.get("company")),
            _text(job.get("position")),
        )
        if not organization or not role:
            continue
        ids = []
        for highlight in job.get("highlights") or []:
            if not _text(highlight):
                continue
            id = _unique(
                f"{slugify(organization)}-{slugify(' '.join(highlight.split()[:4]))}", stories
            )
            ids.append(id)
            stories[f"content/achievements/{id}.md"] = _story(highlight, organization, role, job)
        entry = _clean({
            "organization": organization, "role": role, "location": _text(job.get("location")),
            "start": _date(job.get("startDate")) or "1900-01", "end": _date(job.get("endDate")),
            "summary": _text(job.get("summary")), "highlights": [_text(h) for h in job.get("highlights") or [] if _text(h)],
            "achievements": ids,
        }, keep=("end",))  # fmt: skip
        experience.append(entry)
    resume = _clean({
        "experience": experience,
        "education": [_clean({
            "institution": _text(e.get("institution")), "degree": _text(e.get("studyType")),
            "field": _text(e.get("area")), "start": _date(e.get("startDate")), "end": _date(e.get("endDate")),
            "grade": _text(e.get("score")), "highlights": [_text(c) for c in e.get("courses") or [] if _text(c)],
        }) for e in _list(data, "education") if _text(e.get("institution"))],
        "skills": [_clean({"name": _text(s.get("name")), "keywords": [_text(k) for k in s.get("keywords") or [] if _text(k)]})
                   for s in _list(data, "skills") if _text(s.get("name"))],
        "languages": [_clean({"language": _text(lang.get("language")), "fluency": _text(lang.get("fluency"))})
                      for lang in _list(data, "languages") if _text(lang.get("language"))],
        "certifications": [_clean({"name": _text(c.get("name")), "issuer": _text(c.get("issuer")),
                                   "date": _date(c.get("date")), "url": c.get("url") if _url(c.get("url")) else None})
                           for c in _list(data, "certificates") if _text(c.get("name"))],
    })  # fmt: skip
    return resume, stories


def _story(highlight: str, organization: str, role: str, job: dict[str, Any]) -> str:
    text = _text(highlight) or ""
    title = text if len(text) <= 80 else text[:77].rsplit(" ", 1)[0] + "…"
    meta = _clean({"title": title, "result": text, "date": _date(job.get("endDate")) or _date(job.get("startDate")),
                   "organization": organization, "role": role})  # fmt: skip
    return _document(meta, "")


def _project(project: dict[str, Any]) -> str:
    name = _text(project["name"]) or "Project"
    meta = _clean({
        "title": name, "summary": _text(project.get("description")) or _text(project.get("summary")) or name,
        "date": _date(project.get("startDate")), "skills": [_text(k) for k in project.get("keywords") or [] if _text(k)],
        "link": project.get("url") if _url(project.get("url")) else None,
    })  # fmt: skip
    highlights = [_text(h) for h in project.get("highlights") or []]
    body = "\n".join(f"- {markdown_source(h)}" for h in highlights if h)
    return _document(meta, body)


def _reference(reference: dict[str, Any]) -> dict[str, Any]:
    name = _text(reference["name"]) or "Reference"
    return _clean(
        {"id": slugify(name), "name": name, "relation": _text(reference.get("reference"))}
    )


def _list(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [item for item in data.get(key) or [] if isinstance(item, dict)]


def _text(value: Any) -> str | None:
    """A résumé's text as one clean line (it becomes a YAML field or a line of Markdown)."""
    return (plain_line(value) or None) if isinstance(value, str | int | float) else None


def _url(value: Any) -> bool:
    return is_url(value)


def _date(value: Any) -> str | None:
    """JSON Resume dates (2014, 2014-06, 2014-06-29) at the precision we keep."""
    text = _text(value)
    if not text:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2}))?", text)
    if not match:
        return None
    return f"{match[1]}-{match[2] or '01'}"


def _unique(id: str, taken: dict[str, str]) -> str:
    candidate, n = id.strip("-") or "story", 2
    while f"content/achievements/{candidate}.md" in taken:
        candidate, n = f"{id}-{n}", n + 1
    return candidate


def _clean(data: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in keep or (v not in (None, [], {}, ""))}


def _yaml(data: Any) -> str:
    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.representer.sort_base_mapping_type_on_output = False  # type: ignore[attr-defined]
    yaml.dump(data, out)
    return out.getvalue()


def _document(meta: dict[str, Any], body: str) -> str:
    return f"---\n{_yaml(meta)}---\n{body}\n" if body else f"---\n{_yaml(meta)}---\n"
