"""The privacy gate: every published byte is read and searched for private values.

It runs after every build, on the staged site before it replaces the old one,
and again before every deploy, on the files as they are then. Each file is
read by what its bytes are (`builder.publish.extract`), whatever its name; a file that
cannot be read is refused unless the candidate vouches for it in site.yml
(`privacy.unscanned`). Private values are found in any case, with or without
accents and whatever the spacing; phone numbers also without separators or
country code.

What a file says, and that a file was found clean, is remembered by the digest
of its bytes in build/.cache/gate.json (the verdicts with the digest of the
private values they were reached with), so an unchanged file is not read again.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import ahocorasick

from builder.core.digests import digest
from builder.core.workers import end_with_parent
from builder.plan.privacy import PHONE_SEPARATORS, Secret, Shown, fold, phone_digits, whole_word
from builder.publish import extract

CACHE_FILE = "gate.json"
DIGIT_RUN = re.compile(f"\\d(?:[{PHONE_SEPARATORS}]{{0,3}}\\d){{6,}}")


@dataclass(frozen=True, order=True)
class Leak:
    """A private value found in a published file (`where`: the part of the file, if any)."""

    file: str
    where: str
    secret: Secret

    def describe(self, t: Any) -> str:
        shown = f"{self.file} ({self.where})" if self.where else self.file
        return str(
            t("privacy.leak", file=shown, value=_short(self.secret.text), origin=self.secret.origin)
        )


@dataclass(frozen=True, order=True)
class Refusal:
    """A published file the gate cannot read, and that nobody vouched for."""

    file: str
    where: str
    reason: str
    values: tuple[tuple[str, Any], ...] = ()

    def describe(self, t: Any) -> str:
        shown = f"{self.file} ({self.where})" if self.where else self.file
        reason = t(f"privacy.reason_{self.reason}", **dict(self.values))
        message = t("privacy.unreadable", file=shown, reason=reason)
        return f"{message} — {t('privacy.unreadable_hint', file=self.file)}"


@dataclass
class Verdict:
    leaks: list[Leak] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)  # vouched-for paths the site does not publish

    def __bool__(self) -> bool:
        """True when the site may be published."""
        return not self.leaks and not self.refusals


class Needles:
    """The private values, folded, in one automaton; phone numbers also as bare digits; and
    the private dates, numbers and fixed values (`Secret.word`) in another, found as whole
    words in the files a template may have written (`Shown.templated`). Without knowing what
    the site shows (`shown`), those are not searched: a date or a common word in a script
    or in a price series cannot be told from a private one."""

    def __init__(self, found: Sequence[Secret], shown: Shown | None = None) -> None:
        texts: dict[str, Secret] = {}
        words: dict[str, Secret] = {}
        for secret in found:
            if secret.word:
                if shown is not None:
                    words.setdefault(fold(secret.text), secret)
                continue
            texts.setdefault(fold(secret.text), secret)
            digits = phone_digits(secret.text)
            if digits:
                texts.setdefault(digits, secret)
        self.shown = shown or Shown()
        self.key = digest(*sorted(texts), *sorted("\0" + word for word in words))
        self.texts, self.words = _automaton(texts), _automaton(words)

    def search(self, text: str, templated: bool = True) -> set[Secret]:
        if not text:
            return set()
        found: set[Secret] = set()
        folded = fold(text)
        if self.texts is not None:
            runs = "|".join(re.sub(r"\D", "", run) for run in DIGIT_RUN.findall(text))
            found.update(secret for haystack in (folded, runs)
                         for _, secret in self.texts.iter(haystack))  # fmt: skip
        if self.words is not None and templated:
            found.update(secret for end, secret in self.words.iter(folded)
                         if whole_word(folded, end - len(fold(secret.text)) + 1, end + 1))  # fmt: skip
        return found

    def verdict_key(self, key: str, name: str) -> str:
        """A file found clean is clean for the needles it was searched with: in a file no
        template writes, the words are not searched."""
        return key if self.words is None or self.shown.templated(name) else key + ":as-is"


def _automaton(words: dict[str, Secret]) -> Any:
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for word, secret in words.items():
        automaton.add_word(word, secret)
    automaton.make_automaton()
    return automaton


@dataclass
class Memory:
    """What the gate remembers between runs (see the module's docstring)."""

    needles: str = ""
    clean: set[str] = field(default_factory=set)
    readings: dict[str, list[list[str]]] = field(default_factory=dict)
    unreadable: dict[str, list[Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    costly: set[str] = field(default_factory=set)  # readings worth keeping on disk

    def remember(self, key: str, result: extract.Reading | tuple[str, str, dict[str, Any]]) -> None:
        if isinstance(result, extract.Reading):
            self.readings[key] = [[p.where, p.text] for p in _merged(result.pieces)]
            if result.costly:
                self.costly.add(key)
        else:
            self.unreadable[key] = list(result)

    @classmethod
    def load(cls, folder: Path | None, needles: str) -> Memory:
        memory = cls(needles=needles)
        if folder is None:
            return memory
        try:
            data = json.loads((folder / CACHE_FILE).read_text("utf-8"))
            if data.get("code") != code_version():
                return memory
            memory.readings, memory.unreadable = data["readings"], data["unreadable"]
            memory.costly = set(memory.readings)
            if data.get("needles") == needles:
                memory.clean = set(data["clean"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(needles=needles)
        return memory

    def save(self, folder: Path | None) -> None:
        """Written whole to a temporary file and renamed: a reader never sees half of it."""
        if folder is None:
            return
        data = {
            "code": code_version(),
            "needles": self.needles,
            "clean": sorted(k for k in self.clean if k.split(":")[0] in self.used),
            "readings": {
                k: v for k, v in self.readings.items() if k in self.used and k in self.costly
            },
            "unreadable": {k: v for k, v in self.unreadable.items() if k in self.used},
        }
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".gate-", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(name, folder / CACHE_FILE)


def code_version() -> str:
    """Cached readings are only as good as the readers that made them."""
    package = Path(__file__).resolve().parent.parent
    sources = [
        package / name
        for name in ("publish/gate.py", "publish/extract.py", "core/images.py", "plan/privacy.py")
    ]
    try:
        pypdf = metadata.version("pypdf")
    except metadata.PackageNotFoundError:
        pypdf = "?"
    return digest(pypdf, *(path.read_bytes() for path in sources))


def inspect(
    site: Path,
    found: Sequence[Secret],
    *,
    shown: Shown | None = None,
    unscanned: Iterable[str] = (),
    sources: dict[str, str] | None = None,
    cache: Path | None = None,
    cache_out: Path | None = None,
    jobs: int = 1,
    inherited: int = -1,
) -> Verdict:
    """Search every file of `site`, its name and its contents, for the private values `found`
    (dates, numbers and fixed values only in the files a template may have written: `shown`).

    `sources` maps the PDFs a build has just rendered to the HTML they were rendered from:
    their page text is searched there, where it is plain (pypdf takes tens of milliseconds
    a page to extract it again), and the rest of their bytes as in any PDF. A PDF changed
    after the build no longer has the remembered digest and is read in full.

    `cache` is the folder of the remembered readings, `cache_out` where the updated ones
    go (the same folder unless a build writes a new one). Files that need parsing (PDFs,
    archives) are read by `jobs` processes, which close `inherited` (the build lock)."""
    needles = Needles(found, shown)
    memory = Memory.load(cache, needles.key)
    vouched = set(unscanned)
    verdict = Verdict()
    published: dict[str, str] = {}
    unread: dict[str, tuple[bytes, str | None]] = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        templated = needles.shown.templated(name)
        verdict.leaks += [Leak(name, "", s) for s in needles.search(_name_text(name), templated)]
        if path.is_file():
            data = path.read_bytes()
            published[name] = key = hashlib.sha256(data).hexdigest()
            clean = needles.verdict_key(key, name) in memory.clean
            if clean or key in memory.readings or key in memory.unreadable:
                continue
            if extract.needs_parsing(data):
                unread.setdefault(key, (data, (sources or {}).get(name)))
            else:  # text: read now, so that only files to parse wait in memory
                memory.remember(key, _read((data, None)))
    _read_all(unread, memory, jobs, inherited)
    for name, key in published.items():
        _judge(name, key, needles, memory, name in vouched, verdict)
    verdict.leaks = sorted(set(verdict.leaks))
    verdict.unused = sorted(vouched - set(published))
    memory.used = set(published.values())
    memory.save(cache_out if cache_out is not None else cache)
    return verdict


def _name_text(name: str) -> str:
    return f"{name}\n{unquote(name)}"


def _read_all(
    unread: dict[str, tuple[bytes, str | None]], memory: Memory, jobs: int, inherited: int
) -> None:
    """Read the files that need parsing (a PDF takes pypdf tens of milliseconds) in `jobs`
    processes."""
    if jobs > 1 and len(unread) >= 4:
        context = multiprocessing.get_context("fork")
        workers = min(jobs, len(unread))
        with ProcessPoolExecutor(
            workers, context, end_with_parent, (inherited, os.getpid())
        ) as pool:
            results = pool.map(_read, unread.values(), chunksize=4)
            for key, result in zip(unread, results, strict=True):
                memory.remember(key, result)
    else:
        for key, task in unread.items():
            memory.remember(key, _read(task))


def _read(task: tuple[bytes, str | None]) -> extract.Reading | tuple[str, str, dict[str, Any]]:
    """A file's reading, or why it cannot be read (as plain values, to cross processes).

    A PDF the build has just rendered comes with its HTML: its page text is read there,
    the rest from its bytes, and the reading is not kept on disk (the HTML is at hand
    whenever the same PDF is built again)."""
    data, html = task
    try:
        reading = extract.read(data, page_text=html is None)
    except extract.Unreadable as error:
        return error.reason, error.where, _plain_values(error.values)
    if html is None:
        return reading
    return extract.Reading(reading.pieces + extract.read_text(html), costly=False)


def _judge(
    name: str, key: str, needles: Needles, memory: Memory, vouched: bool, verdict: Verdict
) -> None:
    verdict_key = needles.verdict_key(key, name)
    if verdict_key in memory.clean:
        return
    if key in memory.unreadable:
        reason, where, values = memory.unreadable[key]
        if not vouched:
            verdict.refusals.append(Refusal(name, where, reason, tuple(sorted(values.items()))))
        return
    pieces = [extract.Piece(where, text) for where, text in memory.readings[key]]
    leaks = _leaks(name, pieces, needles)
    verdict.leaks += leaks
    if not leaks:
        memory.clean.add(verdict_key)


def _merged(pieces: list[extract.Piece]) -> list[extract.Piece]:
    """One piece per part of the file, to keep the memory small."""
    parts: dict[str, list[str]] = {}
    for piece in pieces:
        parts.setdefault(piece.where, []).append(piece.text)
    return [extract.Piece(where, "\n".join(texts)) for where, texts in parts.items()]


def _plain_values(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, int | float) else str(v) for k, v in values.items()}


def _leaks(name: str, pieces: Iterable[extract.Piece], needles: Needles) -> list[Leak]:
    found: set[Leak] = set()
    templated = needles.shown.templated(name)
    for piece in pieces:
        found.update(
            Leak(name, piece.where, secret) for secret in needles.search(piece.text, templated)
        )
    return sorted(found)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"
