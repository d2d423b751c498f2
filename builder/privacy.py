"""What may be published: the public view of a model, and the private values to look for.

The split itself is declared in `builder.models` (fields annotated with PRIVATE,
`visibility: private`, bodies of applications, references). This module is the
only reader of those declarations.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import ahocorasick
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from builder.models import DATE_PATTERN, PrivateMarker
from builder.portfolio import Document, Portfolio

TEXT_SUFFIXES = {".html", ".htm", ".xml", ".json", ".js", ".txt", ".svg", ".css", ".md", ".csv"}
MIN_NEEDLE = 4


def is_private(info: FieldInfo) -> bool:
    return any(isinstance(item, PrivateMarker) for item in info.metadata)


def public_view(model: BaseModel) -> dict[str, Any]:
    """The model as plain data without its private fields (recursively)."""
    fields = type(model).model_fields
    return {
        name: _public_value(getattr(model, name))
        for name, info in fields.items()
        if not is_private(info)
    }


def _public_value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return public_view(value)
    if isinstance(value, list | tuple):
        return [_public_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _public_value(item) for key, item in value.items()}
    return value


def public_document(doc: Document[Any]) -> dict[str, Any]:
    """A document as templates of the public site may see it."""
    if not doc.public:
        raise ValueError(f"{doc.id} is private and cannot be published")
    body_private = getattr(type(doc.meta), "body_is_private", False)
    return {"id": doc.id, "meta": public_view(doc.meta), "body": "" if body_private else doc.body}


@dataclass(frozen=True)
class Secret:
    """A private value and where the candidate wrote it, to name it when it leaks."""

    text: str
    origin: str


def secrets(portfolio: Portfolio) -> list[Secret]:
    """Every private value worth searching for, minus any that is also public on purpose."""
    private: list[Secret] = []
    public: set[str] = set()
    for doc in _documents(portfolio):
        origin = portfolio_relative(portfolio, doc.path)
        for text, where, is_secret in _walk(doc.meta, hidden=not doc.public):
            (private.append(Secret(text, f"{origin} ({where})")) if is_secret else public.add(text))
        body_private = not doc.public or getattr(type(doc.meta), "body_is_private", False)
        if body_private:
            private.extend(Secret(line, f"{origin} (body)") for line in _body_lines(doc.body))
    for ref in portfolio.references.values():
        for text, where, _ in _walk(ref, hidden=True):
            private.append(Secret(text, f"content/references.yml ({ref.id}.{where})"))
    wanted: dict[str, Secret] = {}
    for secret in private:
        normal = _normalise(secret.text)
        if is_telling(normal) and normal not in public:
            wanted.setdefault(normal, Secret(normal, secret.origin))
    return list(wanted.values())


def is_telling(text: str) -> bool:
    """Whether finding this value in public output would reveal something.

    A name, a sentence, an email address or a phone number does; a lone common
    word ('email', 'LinkedIn') or a bare date does not, and would only raise
    false alarms.
    """
    if len(text) < MIN_NEEDLE or re.fullmatch(DATE_PATTERN, text):
        return False
    return " " in text or "@" in text or bool(re.search(r"\d{3}", text)) or len(text) >= 16


def portfolio_relative(portfolio: Portfolio, path: Path) -> str:
    try:
        return path.resolve().relative_to(portfolio.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _documents(portfolio: Portfolio) -> Iterator[Document[Any]]:
    yield portfolio.profile
    for kind in (
        portfolio.achievements,
        portfolio.samples,
        portfolio.briefs,
        portfolio.applications,
    ):
        yield from kind.values()


def _walk(value: Any, hidden: bool, where: str = "") -> Iterator[tuple[str, str, bool]]:
    """(text, field path, is private) for every string inside a model."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            if _is_choice(info):
                continue
            path = f"{where}.{name}" if where else name
            yield from _walk(getattr(value, name), hidden or is_private(info), path)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, hidden, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, hidden, f"{where}.{key}")
    elif isinstance(value, str):
        yield value, where, hidden


def _is_choice(info: FieldInfo) -> bool:
    """Fixed vocabularies (status, kind, visibility) are not secrets, only free text is."""
    annotation = info.annotation
    options = [annotation, *get_args(annotation)]
    return any(get_origin(option) is Literal for option in options)


def _body_lines(body: str) -> Iterator[str]:
    for line in body.splitlines():
        text = re.sub(r"[*_`#>\[\]]", "", line).strip(" -")
        if len(text) >= 20:
            yield text


def _normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Leak:
    secret: Secret
    file: str

    def __str__(self) -> str:
        return f"{self.file}: contains private value '{_short(self.secret.text)}' from {self.secret.origin}"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def find_leaks(
    site: Path, found_in: list[Secret], extra: dict[str, str] | None = None
) -> list[Leak]:
    """Private values in any published file's text, file name or URL, or in `extra` documents
    (the HTML each PDF is made from, metadata included)."""
    if not found_in:
        return []
    automaton = ahocorasick.Automaton()
    for secret in found_in:
        automaton.add_word(secret.text, secret)
    automaton.make_automaton()
    documents = [(p.relative_to(site).as_posix(), p) for p in sorted(site.rglob("*"))]
    leaks: list[Leak] = []
    for name, path in documents:
        haystack = _normalise(name)
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
            haystack += "\n" + _readable(path.read_text("utf-8", errors="replace"), path.suffix)
        leaks += _found(automaton, haystack, name)
    for name, text in sorted((extra or {}).items()):
        leaks += _found(automaton, _readable(text, ".html"), name)
    return leaks


def _found(automaton: ahocorasick.Automaton, haystack: str, name: str) -> list[Leak]:
    secrets_found = {secret.text: secret for _, secret in automaton.iter(haystack)}
    return [Leak(secrets_found[text], name) for text in sorted(secrets_found)]


def _readable(raw: str, suffix: str) -> str:
    """A file's text as a reader would see it: unescaped, with and without its tags."""
    unescaped = html.unescape(raw)
    parts = [unescaped, html.unescape(re.sub(r"<[^>]+>", " ", raw))]
    if suffix == ".json":
        with contextlib.suppress(ValueError):
            parts.append(" ".join(_json_strings(json.loads(raw))))
    return "\n".join(_normalise(part) for part in parts)


def _json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
        yield html.unescape(re.sub(r"<[^>]+>", " ", value))
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
