"""What may be published: the public view of a model, and the private values to look for.

The split itself is declared in `builder.core.models` (fields annotated with PRIVATE,
`visibility: private`, bodies of applications, references). This module is the
only reader of those declarations.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from builder.core.models import DATE_PATTERN, PrivateMarker
from builder.load.portfolio import Document, Portfolio, portfolio_relative

MIN_NEEDLE = 4
MIN_DIGITS = 6  # the shortest phone numbers people write have 6 or more digits
MIN_PHONE_DIGITS = 7
COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
PHONE_SEPARATORS = " \t\u00a0().\\-/\u2010-\u2015"
PHONE = re.compile(f"^(?:\\+|00)?[\\d{PHONE_SEPARATORS}]+$")
PHONE_IN_TEXT = re.compile(f"(?:\\+|\\b00)\\d[\\d{PHONE_SEPARATORS}]{{6,}}\\d")
EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# Country calling codes of one and two digits (ITU-T E.164); all others have three.
SHORT_COUNTRY_CODES = {"1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41",
                       "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56",
                       "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86",
                       "90", "91", "92", "93", "94", "95", "98"}  # fmt: skip


def is_private(info: FieldInfo) -> bool:
    return any(isinstance(item, PrivateMarker) for item in info.metadata)


class Public(Mapping[str, Any]):
    """A read-only view of values fit for the public site, and the only kind of context a
    public template receives.

    It holds text, numbers, dates, other public views and tuples of them, nothing else: a
    model, a document or a path is refused, so no private field can ride along inside
    something bigger. Models become public views through `public_view` alone, which leaves
    their private fields out. Templates read it as they read a dict (`doc.meta.title`,
    `doc["meta"]`, `links.items()`)."""

    __slots__ = ("_values",)
    _values: dict[str, Any]

    def __init__(self, values: Mapping[str, Any] | None = None, /, **more: Any) -> None:
        merged = {**(values or {}), **more}
        object.__setattr__(self, "_values", {_key(k): _public(v) for k, v in merged.items()})

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a public view is read-only ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a public view is read-only ({name})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Public, (self._values,))

    def __repr__(self) -> str:
        return f"Public({self._values!r})"


LEAVES = str | int | float | dt.date  # bool is an int; datetime a date


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError(f"a public view is keyed by text, not {type(key).__name__}")
    return key


def _public(value: Any) -> Any:
    """A planned value as a public view holds it: frozen, and only of the public kinds."""
    if value is None or isinstance(value, LEAVES | Public):
        return value
    if isinstance(value, BaseModel):
        raise TypeError(
            f"{type(value).__name__} is a model: make it public with public_view() first"
        )
    if isinstance(value, Mapping):
        return Public(value)
    if isinstance(value, list | tuple):
        return tuple(_public(item) for item in value)
    raise TypeError(f"a public view cannot hold {type(value).__name__}")


def public_view(model: BaseModel) -> Public:
    """The model without its private fields (recursively): the one way from a model to
    what a public page or PDF may show."""
    fields = type(model).model_fields
    return Public({
        name: _view_of(getattr(model, name))
        for name, info in fields.items()
        if not is_private(info)
    })  # fmt: skip


def _view_of(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return public_view(value)
    if isinstance(value, list | tuple):
        return tuple(_view_of(item) for item in value)
    if isinstance(value, dict):
        return Public({key: _view_of(item) for key, item in value.items()})
    return value


def public_document(doc: Document[Any], **planned: Any) -> Public:
    """A document as templates of the public site may see it, with values planned for it."""
    if not doc.public:
        raise ValueError(f"{doc.id} is private and cannot be published")
    body_private = getattr(type(doc.meta), "body_is_private", False)
    body = "" if body_private else doc.body
    return Public({"id": doc.id, "meta": public_view(doc.meta), "body": body, **planned})


@dataclass(frozen=True, order=True)
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
    private += _contacts_inside(private)
    public_folded = {fold(text) for text in public}
    wanted: dict[str, Secret] = {}
    for secret in private:
        normal = _normalise(secret.text)
        if is_telling(normal) and fold(normal) not in public_folded:
            wanted.setdefault(fold(normal), Secret(normal, secret.origin))
    return list(wanted.values())


def _contacts_inside(private: list[Secret]) -> list[Secret]:
    """Email addresses and phone numbers written inside longer private text (a note that says
    'call her on +34 600 234 567') are secrets of their own, to be found in any spelling."""
    found = []
    for secret in private:
        for pattern in (EMAIL_IN_TEXT, PHONE_IN_TEXT):
            found += [Secret(m.group(0), secret.origin) for m in pattern.finditer(secret.text)
                      if m.group(0) != secret.text.strip()]  # fmt: skip
    return found


def fold(text: str) -> str:
    """Text as the gate compares it: any case, with or without accents, any spacing."""
    if not text.isascii():
        text = COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(text.casefold().split())


def phone_digits(text: str) -> str | None:
    """The digits that identify a phone number however it is written: without spaces,
    dashes, dots or brackets, without its country code and without a trunk prefix 0
    (+34 600 234 567, 600234567 and 0034-600-234-567 all give 600234567). None for text
    that is not a phone number."""
    text = text.strip()
    digits = re.sub(r"\D", "", text)
    if not PHONE.match(text) or not MIN_PHONE_DIGITS <= len(digits) <= 15:
        return None
    if re.fullmatch(DATE_PATTERN, text):
        return None
    national = digits
    if text.startswith(("+", "00")):
        written = text[1:] if text.startswith("+") else text[2:]
        number = re.sub(r"\D", "", written)
        national = number[len(_country_code(written, number)) :]
    national = national.lstrip("0")
    return national if len(national) >= MIN_PHONE_DIGITS else digits


def _country_code(written: str, number: str) -> str:
    """The country code of an international number: the first group when the candidate
    separated it, otherwise the one the E.164 prefixes give."""
    group = re.match(r"\s*\(?(\d+)", written)
    if group and len(group.group(1)) <= 3 and len(group.group(1)) < len(number):
        return group.group(1)
    for length in (1, 2):
        if number[:length] in SHORT_COUNTRY_CODES:
            return number[:length]
    return number[:3]


def is_telling(text: str) -> bool:
    """Whether finding this value in public output would reveal something.

    A name, a sentence, an email address or a phone number does; a lone common
    word ('email', 'LinkedIn') or a bare date does not, and would only raise
    false alarms.
    """
    if len(text) < MIN_NEEDLE or re.fullmatch(DATE_PATTERN, text):
        return False
    if not re.search(r"[^\W\d_]", text) and len(re.findall(r"\d", text)) < MIN_DIGITS:
        return False  # '0000' or '2024': in every script and stylesheet, and too short for a phone
    return " " in text or "@" in text or bool(re.search(r"\d{3}", text)) or len(text) >= 16


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
