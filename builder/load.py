"""Stage 1, load: the candidate's files → a validated `Portfolio`, or every problem at once."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from builder.errors import Problem, Problems, UserError
from builder.models import (
    Achievement,
    Application,
    Brief,
    Model,
    Profile,
    Reference,
    Resume,
    Sample,
    Site,
)
from builder.portfolio import Document, Portfolio
from builder.prices import PriceSeries, read_prices
from builder.source import Source, load_yaml_file, parse_front_matter, plain, read_text
from builder.theme import theme_exists

M = TypeVar("M", bound=Model)
SITE_FILE = "site.yml"


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds site.yml."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / SITE_FILE).is_file():
            return folder
    raise UserError(
        f"no {SITE_FILE} found in {start} or any folder above it",
        "run the command inside a portfolio, pass --root DIR, or create one with `secondround init DIR`",
    )


def load(root: Path) -> Portfolio:
    """Read and validate everything; raise ContentError listing all problems found."""
    problems = Problems(root)
    site = load_site(root, problems)
    content = root / "content"
    profile = load_document(content / "profile.md", Profile, problems)
    achievements = load_folder(content / "achievements", Achievement, problems)
    samples = load_samples(content / "samples", problems)
    briefs = load_folder(content / "briefs", Brief, problems)
    applications = load_folder(content / "applications", Application, problems)
    references, references_source = load_references(content / "references.yml", problems)
    resume = load_resume(content / "resume.yml", problems)
    if site is None or profile is None:
        problems.raise_if_any()
        raise AssertionError("site or profile missing without a problem recorded")
    portfolio = Portfolio(
        root, site, profile, achievements, samples, briefs, applications,
        references, resume, references_source,
    )  # fmt: skip
    from builder.crosscheck import cross_check

    cross_check(portfolio, problems)
    prices = read_brief_prices(portfolio, problems)
    problems.raise_if_any()
    return replace(portfolio, prices=prices)


def read_brief_prices(portfolio: Portfolio, problems: Problems) -> dict[str, PriceSeries]:
    """Each brief's price file (already checked to exist inside content/), read and validated."""
    series = {}
    for brief in portfolio.briefs.values():
        if brief.meta.prices:
            path = (brief.folder / brief.meta.prices).resolve()
            if path.is_file() and path.is_relative_to(portfolio.content.resolve()):
                found = read_prices(path, problems)
                if found is not None:
                    series[brief.id] = found
        elif brief.meta.price is None:
            line, column = brief.source.position(["price_target"])
            problems.add(
                brief.path, "needs a current price", "add `prices:` (a CSV of daily prices) or `price:`",
                line=line, column=column, field="prices",
            )  # fmt: skip
    return series


def load_site(root: Path, problems: Problems) -> Site | None:
    path = root / SITE_FILE
    if not path.is_file():
        problems.add(path, "is missing", "create it with at least `title:` and `url:`")
        return None
    source = load_yaml_file(path, problems)
    if source is None:
        return None
    if source.data is None:
        problems.add(path, "is empty", "write at least `title:` and `url:` in it", line=1)
        return None
    site = validate(source, Site, problems)
    if site is not None and not theme_exists(root, site.theme):
        line, column = source.position(["theme"])
        problems.add(
            path,
            f"theme '{site.theme}' does not exist",
            f"create themes/{site.theme}/ or use `theme: default`",
            line=line,
            column=column,
            field="theme",
        )
    return site


def load_document(path: Path, model: type[M], problems: Problems) -> Document[M] | None:
    """One Markdown file with front matter, validated against `model`."""
    if not path.is_file():
        problems.add(
            path, "is missing", f"create it with a front matter block of {model.__name__} fields"
        )
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.add(
            path, "is empty", "start it with '---', the front matter fields, and '---'", line=1
        )
        return None
    source = parse_front_matter(text, path, problems)
    if source is None:
        return None
    meta = validate(source, model, problems)
    if meta is None:
        return None
    return Document(document_id(path), meta, source.body, source)


def document_id(path: Path) -> str:
    return path.parent.name if path.name == "index.md" else path.stem


def load_folder(folder: Path, model: type[M], problems: Problems) -> dict[str, Document[M]]:
    documents: dict[str, Document[M]] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        doc = load_document(path, model, problems)
        if doc is not None:
            documents[doc.id] = doc
    return documents


def load_samples(folder: Path, problems: Problems) -> dict[str, Document[Sample]]:
    """Samples are either samples/ID.md or samples/ID/index.md (with files beside it)."""
    samples = load_folder(folder, Sample, problems)
    for path in sorted(folder.glob("*/index.md")) if folder.is_dir() else []:
        doc = load_document(path, Sample, problems)
        if doc is None:
            continue
        if doc.id in samples:
            problems.add(
                path,
                f"sample id '{doc.id}' is also defined by samples/{doc.id}.md",
                "keep one of the two files",
                line=1,
            )
            continue
        samples[doc.id] = doc
    return samples


def load_references(path: Path, problems: Problems) -> tuple[dict[str, Reference], Source | None]:
    if not path.is_file():
        return {}, None
    source = load_yaml_file(path, problems)
    if source is None or source.data is None:
        return {}, source
    adapter = TypeAdapter(list[Reference])
    try:
        items = adapter.validate_python(plain(source.data))
    except ValidationError as error:
        problems.extend(explain(error, source, list[Reference], problems))
        return {}, source
    references: dict[str, Reference] = {}
    for index, ref in enumerate(items):
        if ref.id in references:
            line, column = source.position([index, "id"])
            problems.add(
                path, f"reference id '{ref.id}' is used twice", "give each reference its own id",
                line=line, column=column, field=f"[{index}].id",
            )  # fmt: skip
        references[ref.id] = ref
    return references, source


def load_resume(path: Path, problems: Problems) -> Resume | None:
    if not path.is_file():
        return None
    source = load_yaml_file(path, problems)
    if source is None:
        return None
    if source.data is None:
        problems.add(
            path, "is empty", "add `experience:` and `education:`, or delete the file", line=1
        )
        return None
    return validate(source, Resume, problems)


def validate(source: Source, model: type[M], problems: Problems) -> M | None:
    if not isinstance(source.data, dict):
        problems.add(
            source.path,
            "must be a mapping of `field: value` lines",
            f"see the fields of {model.__name__} in the README",
            line=source.data_line or 1,
        )
        return None
    try:
        return model.model_validate(plain(source.data))
    except ValidationError as error:
        problems.extend(explain(error, source, model, problems))
        return None


# ---------------------------------------------------------------------------
# Turning pydantic's errors into messages for people


def explain(
    error: ValidationError, source: Source, model: Any, problems: Problems
) -> list[Problem]:
    return [_explain_one(item, source, model, problems) for item in error.errors()]


def _explain_one(item: Any, source: Source, model: Any, problems: Problems) -> Problem:
    loc = tuple(step for step in item["loc"] if not _is_union_tag(step))
    line, column = source.position(loc)
    message, hint = _message(item, loc, model)
    return Problem(problems.relative(source.path), line, column, format_loc(loc), message, hint)


def _is_union_tag(step: Any) -> bool:
    """pydantic adds type names such as 'str' or 'function-after[...]' to the loc of unions."""
    return isinstance(step, str) and ("[" in step or step in {"str", "int", "float", "none"})


def format_loc(loc: Sequence[str | int]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _message(item: Any, loc: Sequence[str | int], model: Any) -> tuple[str, str]:
    kind, value = item["type"], item.get("input")
    name = next((step for step in reversed(loc) if isinstance(step, str)), "")
    if kind == "missing":
        return "is required but missing", f"add `{name}: …`"
    if kind == "extra_forbidden":
        known = fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "known fields: " + ", ".join(known)
        return f"unknown field '{loc[-1]}'", hint
    if kind == "value_error":
        message = str(item["ctx"]["error"])
        what, _, hint = message.partition(" — ")
        return what, hint
    if kind in {"string_type"}:
        return f"must be text, not {_kind_of(value)}", "write a single value (quote it if needed)"
    if kind == "list_type":
        return f"must be a list, not {_kind_of(value)}", "write one `- item` per line under the key"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return (
            f"must be a mapping, not {_kind_of(value)}",
            "write `key: value` lines indented under it",
        )
    if kind == "literal_error":
        return f"'{value}' is not allowed", f"use one of {item['ctx']['expected']}"
    if kind in {"int_type", "int_parsing", "float_type", "float_parsing", "int_from_float"}:
        return f"must be a number, not {value!r}", "write digits only, e.g. 155 or 12.5"
    if kind in {"bool_type", "bool_parsing"}:
        return f"must be true or false, not {value!r}", "write true or false"
    if kind == "string_too_short":
        return "must not be empty", f"write a value for `{name}` or remove the line"
    if kind == "string_pattern_mismatch":
        return f"'{value}' has the wrong form", PATTERN_HINTS.get(
            name, "see the README for this field"
        )
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        return f"{value!r} is out of range: {item['msg'].lower()}", "change the number"
    return item["msg"], "see the README for this field"


PATTERN_HINTS = {
    "ticker": "write the ticker symbol in capitals, e.g. AAPL",
    "currency": "write a three-letter ISO code such as USD or EUR",
    "repository": "write OWNER/NAME (e.g. ana/ana.github.io) or a git URL",
    "cname": "write a bare domain such as ana.example.com",
    "theme": "write the name of a folder under themes/",
}


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    return f"{type(value).__name__} {value!r}"


def fields_at(model: Any, loc: Sequence[str | int]) -> list[str]:
    """Names of the fields allowed at `loc` inside `model`, for 'did you mean' hints."""
    current = _find_model(model)
    for step in loc:
        if isinstance(step, int) or current is None:
            continue
        info = current.model_fields.get(step)
        current = _find_model(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None
