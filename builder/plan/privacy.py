"""What may be published: the public view of a model, and the private values to look for.

The split itself is declared in `builder.core.models` (fields annotated with PRIVATE,
`visibility: private`, bodies of applications, references). This module is the
only reader of those declarations.

Two locks. The first is a type: public pages and PDFs are planned from `Public` views,
which hold only text, numbers, dates and other public views, and which `public_view`
alone makes from a model, without its private fields; the public renderers take nothing
else. The second is the check after every build (`builder.publish.gate`), which searches
every published byte for the private values `secrets` lists.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

import ahocorasick
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from builder.core.models import DATE_PATTERN, PrivateMarker
from builder.core.words import Locale, load_locale
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
    """A private value and where the candidate wrote it, to name it when it leaks.

    A `word` is a date, a number or a value from a fixed list (an application's status) in
    one of the forms a template prints it: it is found only as a whole word ('8 nov 2026'
    is not inside '18 nov 2026'), and not in files published as they are from content/
    (a price series holds every trading day) nor in the engine's scripts and stylesheets."""

    text: str
    origin: str
    word: bool = False


@dataclass(frozen=True)
class Shown:
    """What the public site is planned to show: the public views its templates are handed,
    and the files it publishes as they are (no template writes those)."""

    views: tuple[Public, ...] = ()
    as_is: frozenset[str] = frozenset()
    static: tuple[str, ...] = ()  # folders of the engine's and the theme's own static files

    def templated(self, path: str) -> bool:
        """Whether a template may have written this published file (or named it)."""
        return path not in self.as_is and not path.startswith(self.static)


def secrets(
    portfolio: Portfolio, t: Locale | None = None, shown: Shown | None = None
) -> list[Secret]:
    """Every private value worth searching for, minus any that is also public on purpose.

    Dates, numbers and values from fixed lists are looked for in the forms the theme prints
    them in `t`'s language (see `Secret`); one that the public site shows anyway (a story's
    date, a word of the candidate's public text or of the theme) is no secret."""
    t = t or load_locale(portfolio.root, portfolio.site.theme, portfolio.site.language)
    private: list[Secret] = []
    public: set[str] = set()
    words: list[Secret] = []
    seen = Seen(t)
    for doc in _documents(portfolio):
        origin = portfolio_relative(portfolio, doc.path)
        for leaf in _walk(doc.meta, hidden=not doc.public):
            if not leaf.hidden:
                seen.leaf(leaf)
                if isinstance(leaf.value, str) and leaf.choice is None:
                    public.add(leaf.value)
                continue
            shown_as = f"{origin} ({leaf.where})"
            if _is_text(leaf):
                private.append(Secret(str(leaf.value), shown_as))
            words += [Secret(form, shown_as, word=True) for form in forms(leaf, t)]
        body_private = not doc.public or getattr(type(doc.meta), "body_is_private", False)
        if body_private:
            private.extend(Secret(line, f"{origin} (body)") for line in _body_lines(doc.body))
        else:
            seen.text(doc.body)
    for ref in portfolio.references.values():
        for leaf in _walk(ref, hidden=True):
            shown_as = f"content/references.yml ({ref.id}.{leaf.where})"
            if _is_text(leaf):
                private.append(Secret(str(leaf.value), shown_as))
            words += [Secret(form, shown_as, word=True) for form in forms(leaf, t)]
    if portfolio.resume is not None:
        for leaf in _walk(portfolio.resume, hidden=False):
            seen.leaf(leaf)
    for view in (shown or Shown()).views:
        seen.view(view)
    seen.theme(t)
    private += _contacts_inside(private)
    public_folded = {fold(text) for text in public}
    wanted: dict[str, Secret] = {}
    for secret in private:
        normal = _normalise(secret.text)
        if is_telling(normal) and fold(normal) not in public_folded:
            wanted.setdefault(fold(normal), Secret(normal, secret.origin))
    hidden_words = seen.hiding(words)
    for secret in words:
        if fold(secret.text) in hidden_words:
            wanted.setdefault("\0" + fold(secret.text), secret)
    return list(wanted.values())


# Values from fixed lists that the locale names: a template shows the name, or the value.
LABELS = {"status": "status.stages", "rating": "brief.ratings"}
# `visibility` is the switch that makes a document private, the same in every private one:
# its value says nothing.
NOT_A_VALUE = {"visibility"}
# Sections of the locale that no page or PDF of the public site prints (the private kit's,
# the command line's, the messages'); every other word of the theme may appear in public.
UNPUBLISHED_WORDS = {"status", "mail", "calendar", "prep", "serve", "deploy", "check", "errors",
                     "cli", "counts", "privacy"}  # fmt: skip
MIN_NUMBER_DIGITS = 5  # shorter numbers are in every icon, stylesheet and chart of the site
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
DATE_STYLES = ("short", "medium", "long")  # 'full' is 'long' with the day of the week before it


@dataclass(frozen=True)
class Leaf:
    """One value inside a model, with its field path."""

    value: str | int | float
    where: str
    hidden: bool  # private
    choice: str | None  # a value from a fixed list: the locale section naming it ("": none)


def _is_text(leaf: Leaf) -> bool:
    return (
        isinstance(leaf.value, str)
        and leaf.choice is None
        and not re.fullmatch(DATE_PATTERN, leaf.value)
    )


def forms(leaf: Leaf, t: Locale) -> list[str]:
    """The ways a template may print a date, a number or a value from a fixed list, in the
    site's language: '2026-11-18', '11/18/26', 'Nov 18, 2026', 'November 18, 2026'; '4,321.87'
    and '4321.87'; 'second round' for the status `second-round`. Free text has no other form.

    A value from a fixed list is looked for by its name only: its raw value ('sell') is in
    the theme's stylesheets as a class name, and no public view holds it to print."""
    value = leaf.value
    if leaf.choice is not None:  # the name the locale shows ('second round'), else the value
        label = t.get(f"{leaf.choice}.{value}") if leaf.choice else ""
        return [label or str(value)]
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return number_forms(value, t)
    if re.fullmatch(DATE_PATTERN, value):
        return date_forms(value, t)
    if NUMBER.fullmatch(value.strip()):
        return number_forms(float(value.strip().replace(",", ".")), t, value.strip())
    return []


def date_forms(text: str, t: Locale) -> list[str]:
    """An ISO date as written and as the theme's `date` filter prints it, at its precision."""
    if len(text) == 7:
        return [text, t.date(text)]
    day = text[:10]
    return list(dict.fromkeys([text, day, *(t.date(day, style) for style in DATE_STYLES)]))


def number_forms(value: float, t: Locale, written: str | None = None) -> list[str]:
    """A number as Python and the theme's `number` filter print it, long enough to tell."""
    whole = float(value).is_integer()
    plain = str(int(value)) if whole and not isinstance(value, float) else str(value)
    decimals = 0 if whole else len(repr(float(value)).split(".")[1])
    try:
        printed = [t.number(value, 2), t.number(value, decimals)]
    except (ArithmeticError, ValueError):  # too long for the number filter: it prints none
        printed = []
    found = [written or plain, plain, *printed]
    return [f for f in dict.fromkeys(found) if len(re.findall(r"\d", f)) >= MIN_NUMBER_DIGITS]


class Seen:
    """What the public site shows anyway: every form of its dates, numbers and fixed values,
    and the text of its pages and of the theme, where a private word is no secret."""

    def __init__(self, t: Locale) -> None:
        self.t = t
        self.forms: set[str] = set()
        self.texts: dict[str, None] = {}  # each text once: the same body is on many pages
        self.views: set[int] = set()
        self.done: set[tuple[type, object, str | None]] = set()  # the same value on many pages

    def leaf(self, leaf: Leaf) -> None:
        key = (type(leaf.value), leaf.value, leaf.choice)
        if key in self.done:
            return
        self.done.add(key)
        self.forms.update(fold(form) for form in forms(leaf, self.t))
        if isinstance(leaf.value, str):
            self.texts[leaf.value] = None

    def text(self, text: str) -> None:
        self.texts[text] = None

    def view(self, view: Public) -> None:
        for value in _values(view, self.views):
            if isinstance(value, dt.date):
                value = value.isoformat()
            self.leaf(Leaf(value, "", hidden=False, choice=None))

    def theme(self, t: Locale) -> None:
        """The words public templates may print (see UNPUBLISHED_WORDS), without the names of
        private values: 'second round' is a secret even though the locale spells it."""
        labels = {tuple(section.split(".")) for section in LABELS.values()}
        self.texts.update(dict.fromkeys(_locale_texts(t.words, (), labels)))

    def hiding(self, words: list[Secret]) -> set[str]:
        """The folded words that are secrets: not shown anyway, as forms or as whole words."""
        wanted = {fold(w.text) for w in words} - self.forms
        if not wanted:
            return wanted
        automaton = ahocorasick.Automaton()
        for word in wanted:
            automaton.add_word(word, word)
        automaton.make_automaton()
        for text in self.texts:
            haystack = fold(text)
            for end, word in automaton.iter(haystack):
                if whole_word(haystack, end - len(word) + 1, end + 1):
                    wanted.discard(word)
        return wanted


def whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands on its own: not a piece of a longer word or number
    ('8 nov 2026' in '18 nov 2026', '187.50' in '1,187.50' or in '187.505')."""
    return _apart(text, start - 1, -1) and _apart(text, end, 1)


def _apart(text: str, at: int, step: int) -> bool:
    if at < 0 or at >= len(text):
        return True
    edge = text[at - step]
    beside = text[at]
    if edge.isdigit():
        after = at + step
        joined = beside in ".,/-" and 0 <= after < len(text) and text[after].isdigit()
        return not beside.isdigit() and not joined
    return not beside.isalnum()


def _values(value: Any, visited: set[int]) -> Iterator[Any]:
    """Every value inside a public view, each view once (pages share the same views)."""
    if isinstance(value, Public):
        if id(value) in visited:
            return
        visited.add(id(value))
        for item in value.values():
            yield from _values(item, visited)
    elif isinstance(value, tuple):
        for item in value:
            yield from _values(item, visited)
    elif value is not None:
        yield value


def _locale_texts(node: Any, path: tuple[str, ...], labels: set[tuple[str, ...]]) -> list[str]:
    if path[:1] and path[0] in UNPUBLISHED_WORDS or path in labels:
        return []
    if isinstance(node, Mapping):
        return [text for key, item in node.items()
                for text in _locale_texts(item, (*path, str(key)), labels)]  # fmt: skip
    return [str(node)]


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


def _walk(value: Any, hidden: bool, where: str = "", choice: str | None = None) -> Iterator[Leaf]:
    """Every text, number and value from a fixed list inside a model, with its field path and
    whether it is private."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            if name in NOT_A_VALUE:
                continue
            path = f"{where}.{name}" if where else name
            named = LABELS.get(name, "") if _is_choice(info) else None
            yield from _walk(getattr(value, name), hidden or is_private(info), path, named)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, hidden, f"{where}[{index}]", choice)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, hidden, f"{where}.{key}", choice)
    elif isinstance(value, str | int | float):
        yield Leaf(value, where, hidden, choice)


def _is_choice(info: FieldInfo) -> bool:
    """A field whose values come from a fixed list (status, kind, rating)."""
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
