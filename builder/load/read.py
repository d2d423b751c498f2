"""Stage 1, load: the candidate's files → a validated `Portfolio`, or every problem at once."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from builder.core.errors import Problem, Problems, UserError, format_loc
from builder.core.models import (
    Achievement,
    Application,
    Brief,
    Model,
    Profile,
    Reference,
    Resume,
    Sample,
    Site,
    parse_date,
    slugify,
)
from builder.core.words import BUILTIN, Locale, builtin_themes, english, load_locale, theme_exists
from builder.core.yaml12 import FastLoader
from builder.load.crosscheck import cross_check
from builder.load.files import find_files
from builder.load.portfolio import Document, Files, Portfolio
from builder.load.prices import PriceSeries, metrics, read_prices, usable
from builder.load.research import check_brief
from builder.load.source import Source, load_yaml_file, parse_front_matter, plain, read_text

M = TypeVar("M", bound=Model)
SITE_FILE = "site.yml"


def find_root(start: Path, t: Locale | None = None) -> Path:
    """The nearest folder at or above `start` that holds site.yml."""
    found = nearest_root(start)
    if found is None:
        t = t or english()
        raise UserError(t("cli.no_site", start=start.resolve()), t("cli.no_site_hint"))
    return found


def nearest_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds site.yml, if there is one."""
    start = start.resolve()
    return next((f for f in [start, *start.parents] if (f / SITE_FILE).is_file()), None)


def load(root: Path) -> Portfolio:
    """Read and validate everything; raise ContentError listing all problems found."""
    problems = Problems(root, locale=locale_of(root))
    site, site_source = load_site(root, problems) or (None, None)
    content = root / "content"
    if is_link(content, problems):
        problems.raise_if_any()
    profile = load_document(content / "profile.md", Profile, problems)
    achievements = load_folder(content / "achievements", Achievement, problems)
    samples = load_samples(content / "samples", problems)
    briefs = load_folder(content / "briefs", Brief, problems)
    applications = load_folder(content / "applications", Application, problems)
    references = load_references(content / "references.yml", problems)
    resume = load_resume(content / "resume.yml", problems)
    if site is None or profile is None:
        problems.raise_if_any()
        raise AssertionError("site or profile missing without a problem recorded")
    portfolio = Portfolio(
        root, site, profile, achievements, samples, briefs, applications,
        references, resume, site_source=site_source,
    )  # fmt: skip

    cross_check(portfolio, problems)
    files = find_files(portfolio, problems)
    prices = read_brief_prices(portfolio, files, problems)
    check_briefs(portfolio, prices, problems)
    problems.raise_if_any()
    return replace(portfolio, prices=prices, files=files)


def read_brief_prices(
    portfolio: Portfolio, files: Files, problems: Problems
) -> dict[str, PriceSeries]:
    """Each brief's price file (already found and checked by `find_files`), read and validated."""
    series = {}
    for brief in portfolio.briefs.values():
        if brief.meta.prices:
            path = files.prices.get(brief.path)
            if path is None:
                continue
            found = read_prices(path, problems)
            if found is not None and enough_prices(brief, found, path, problems):
                series[brief.id] = found
        elif brief.meta.price is None:
            line, column = brief.source.position(["price_target"])
            problems.say(brief.path, "needs_price", line=line, column=column, field="prices")
    return series


def check_briefs(portfolio: Portfolio, prices: dict[str, PriceSeries], problems: Problems) -> None:
    """Each brief's derivation and peers against its other fields, and its prose against its box,
    at the price the note shows (the last close on or before `as_of` unless `price` says)."""
    for brief in portfolio.briefs.values():
        series, as_of = prices.get(brief.id), as_day(brief.meta.as_of)
        price, day = brief.meta.price, as_of
        if series is not None:
            computed = metrics(series, brief.meta.price_target, brief.meta.price, as_of)
            price, day = computed.price, computed.as_of
        check_brief(brief, price, day.year if day else None, problems)


def enough_prices(
    brief: Document[Brief], series: PriceSeries, path: Path, problems: Problems
) -> bool:
    """A note needs two days of prices in a row on or before its date: its figures use no other."""
    as_of = as_day(brief.meta.as_of)
    if as_of is not None and as_of < series.dates[1]:
        line, column = brief.source.position(["as_of"])
        problems.say(brief.path, "prices_as_of_early", line=line, column=column, field="as_of",
                     as_of=as_of, second=series.dates[1], file=problems.relative(path))  # fmt: skip
        return False
    part, gap = usable(series, as_of)
    if len(part.dates) < 2 and gap is not None:
        problems.say(path, "prices_alone", line=gap.after_row, field=series.date_column,
                     day=gap.after, days=gap.days, before=gap.before, before_row=gap.before_row)  # fmt: skip
        return False
    return True


def as_day(value: str | None) -> dt.date | None:
    """A front-matter date of any precision as the calendar day it falls on."""
    if value is None:
        return None
    parsed = parse_date(value)
    return parsed.date() if isinstance(parsed, dt.datetime) else parsed


def locale_of(root: Path, fallback: str = "en") -> Any:
    """The words of the portfolio's language, read from site.yml before anything is validated
    (those of the built-in `fallback` language when site.yml cannot tell)."""
    import yaml

    try:
        data = yaml.load((root / SITE_FILE).read_text("utf-8"), Loader=FastLoader)  # noqa: S506
        language = data.get("language", "en") if isinstance(data, dict) else "en"
        theme = data.get("theme", "default") if isinstance(data, dict) else "default"
        if language in ("en", "es") and isinstance(theme, str) and theme_exists(root, theme):
            return load_locale(root, theme, language)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        pass
    return load_locale(builtin_themes(), BUILTIN, fallback)


def load_site(root: Path, problems: Problems) -> tuple[Site, Source] | None:
    """site.yml, validated, with its source (where `check` points at a field it warns about)."""
    path = root / SITE_FILE
    if not path.is_file():
        problems.say(path, "site_missing")
        return None
    source = load_yaml_file(path, problems)
    if source is None:
        return None
    if source.data is None:
        problems.say(path, "site_empty", line=1)
        return None
    site = validate(source, Site, problems)
    if site is None:
        return None
    if not theme_exists(root, site.theme):
        line, column = source.position(["theme"])
        problems.say(
            path, "theme_missing", line=line, column=column, field="theme", theme=site.theme
        )
    return site, source


def is_link(path: Path, problems: Problems) -> bool:
    """Content is read from real files and folders only: a symbolic link could bring in, and
    publish, anything on the machine."""
    if path.is_symlink():
        problems.say(path, "symlink")
        return True
    return False


def load_document(path: Path, model: type[M], problems: Problems) -> Document[M] | None:
    """One Markdown file with front matter, validated against `model`."""
    if is_link(path, problems):
        return None
    if not path.is_file():
        problems.say(path, "document_missing", kind=model.__name__)
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.say(path, "document_empty", line=1)
        return None
    source = parse_front_matter(text, path, problems)
    if source is None:
        return None
    meta = validate(source, model, problems)
    if meta is None:
        return None
    return Document(document_id(path), meta, source.body, source)


def document_id(path: Path) -> str:
    """The file name as a clean id and URL: 'Cierre contable ñ.md' → 'cierre-contable-n'."""
    return slugify(path.parent.name if path.name == "index.md" else path.stem)


def load_folder(folder: Path, model: type[M], problems: Problems) -> dict[str, Document[M]]:
    documents: dict[str, Document[M]] = {}
    for path in _markdown_files(folder, "*.md", problems):
        doc = load_document(path, model, problems)
        if doc is not None and _unique(doc, documents, problems):
            documents[doc.id] = doc
    return documents


def _markdown_files(folder: Path, pattern: str, problems: Problems) -> list[Path]:
    """The files of a content folder in a stable order; a linked folder is refused."""
    if is_link(folder, problems) or not folder.is_dir():
        return []
    found = sorted(folder.glob(pattern))
    return [
        path for path in found if not (path.parent != folder and is_link(path.parent, problems))
    ]


def _unique(doc: Document[Any], documents: dict[str, Document[M]], problems: Problems) -> bool:
    """Two files whose names differ only by case, accents or spaces would share one page."""
    other = documents.get(doc.id)
    if other is None:
        return True
    problems.say(doc.path, "id_taken", line=1, id=doc.id, other=problems.relative(other.path))
    return False


def load_samples(folder: Path, problems: Problems) -> dict[str, Document[Sample]]:
    """Samples are either samples/ID.md or samples/ID/index.md (with files beside it)."""
    samples = load_folder(folder, Sample, problems)
    for path in _markdown_files(folder, "*/index.md", problems):
        doc = load_document(path, Sample, problems)
        if doc is None:
            continue
        if doc.id in samples:
            other = problems.relative(samples[doc.id].path)
            problems.say(path, "sample_twice", line=1, id=doc.id, other=other)
            continue
        samples[doc.id] = doc
    return samples


def load_references(path: Path, problems: Problems) -> dict[str, Reference]:
    if is_link(path, problems) or not path.is_file():
        return {}
    source = load_yaml_file(path, problems)
    if source is None or source.data is None:
        return {}
    adapter = TypeAdapter(list[Reference])
    try:
        items = adapter.validate_python(plain(source.data))
    except ValidationError as error:
        problems.extend(explain(error, source, list[Reference], problems))
        return {}
    references: dict[str, Reference] = {}
    for index, ref in enumerate(items):
        if ref.id in references:
            line, column = source.position([index, "id"])
            problems.say(
                path, "reference_twice", line=line, column=column, field=f"[{index}].id", id=ref.id
            )
        references[ref.id] = ref
    return references


def load_resume(path: Path, problems: Problems) -> Resume | None:
    if is_link(path, problems) or not path.is_file():
        return None
    source = load_yaml_file(path, problems)
    if source is None:
        return None
    if source.data is None:
        problems.say(path, "resume_empty", line=1)
        return None
    return validate(source, Resume, problems)


def validate(source: Source, model: type[M], problems: Problems) -> M | None:
    if not isinstance(source.data, dict):
        problems.say(source.path, "not_mapping", line=source.data_line or 1, kind=model.__name__)
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
    message, hint = _message(item, loc, model, problems)
    return Problem(problems.relative(source.path), line, column, format_loc(loc), message, hint)


def _is_union_tag(step: Any) -> bool:
    """pydantic adds type names such as 'str' or 'function-after[...]' to the loc of unions."""
    return isinstance(step, str) and ("[" in step or step in {"str", "int", "float", "none"})


def _message(
    item: Any, loc: Sequence[str | int], model: Any, problems: Problems
) -> tuple[str, str]:
    kind, value = item["type"], item.get("input")
    name = next((step for step in reversed(loc) if isinstance(step, str)), "")
    words = problems.words
    if kind == "missing":
        return words("missing", name=name)
    if kind == "extra_forbidden":
        known = fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        message = words("unknown_field", name=loc[-1])[0]
        if close:
            return message, words("did_you_mean_field", name=close[0])[0]
        return message, words("known_fields", names=", ".join(known))[0]
    if kind == "value_error":
        code, _, detail = str(item["ctx"]["error"]).partition("|")
        return words(f"value_{code}", value=detail) if detail or code in VALUE_CODES else (code, "")
    simple = {
        "string_type": "not_text", "list_type": "not_list", "model_type": "not_map", "dict_type": "not_map",
        "model_attributes_type": "not_map", "int_type": "not_number", "int_parsing": "not_number",
        "float_type": "not_number", "float_parsing": "not_number", "int_from_float": "not_number",
        "bool_type": "not_bool", "bool_parsing": "not_bool", "string_too_short": "empty_value",
    }  # fmt: skip
    if kind in simple:
        return words(simple[kind], kind=_kind_of(value, problems), value=repr(value), name=name)
    if kind == "string_unicode":
        return words("value_invalid_unicode")
    if kind == "literal_error":
        return words("not_allowed", value=value, expected=item["ctx"]["expected"])
    if kind == "string_pattern_mismatch":
        message = words("wrong_form", value=value)[0]
        hint = words(f"pattern_{name}")[0] if name in PATTERN_FIELDS else words("see_readme")[0]
        return message, hint
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        limit = next(iter(item.get("ctx", {}).values()), "")
        return words(f"range_{kind}", value=repr(value), limit=limit)
    return item["msg"], words("see_readme")[0]


VALUE_CODES = {
    "date_type", "date_not_iso", "date_not_real", "url", "url_character", "email", "slug",
    "line_break", "control_character", "base_url_query", "base_url_page", "resume_id",
}  # fmt: skip
PATTERN_FIELDS = {"ticker", "currency", "repository", "cname", "theme", "unscanned"}


def _kind_of(value: Any, problems: Problems) -> str:
    if isinstance(value, dict):
        return problems.words("kind_mapping")[0]
    if isinstance(value, list):
        return problems.words("kind_list")[0]
    if value is None:
        return problems.words("kind_empty")[0]
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
