"""People's names as a letter needs them: whom to greet, and how to show them in a To: line.

Names come as people write them: "Javier Ortega", "Ortega, Javier", "Dr. Ana Ruiz",
"María José García López", "Ludwig van Beethoven", "Prince", "山田太郎". The rules are few
and predictable; the `greeting` of an interviewer or a reference overrides them.

- "Family, Given" (a comma) greets the given names; a comma followed by a suffix or a degree
  ("John Smith, Jr.", "Ana Ruiz, PhD") is not that form.
- A title written before the name ("Dr.", "Prof.", "Sra.") is kept, with the family name:
  "Dr. Ana Ruiz" → "Dr. Ruiz".
- Otherwise the given name: the first word in English; in Spanish, where people carry two
  surnames, every word before the last two ("María José García López" → "María José"), and
  after "Family," every given name.
- A particle ("de", "van", "von", "da", "bin"…) starts the family name, and "y" or "i"
  joins two surnames ("José Ortega y Gasset" → "José").
- A name in Chinese, Japanese or Korean script, written family name first, is greeted whole.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from builder.core.text import fold

_HONORIFICS = """
dr dra drs prof profa mr mrs ms miss mx sir dame sr sra srta don dona dna ing lic herr frau
mme mlle rev fr
"""
_PARTICLES = """
de del della der den di da das do dos du la las le les los van von ter ten zu bin ibn binti
bint al el
"""
_SUFFIXES = "jr sr ii iii iv phd md mba cfa cpa esq msc bsc mphil dphil llm jd"
HONORIFICS = frozenset(_HONORIFICS.split())  # titles written before a name, folded, no dots
PARTICLES = frozenset(_PARTICLES.split())  # words that start a family name
JOINERS = frozenset({"y", "e", "i"})  # Spanish and Catalan join two surnames with them
SUFFIXES = frozenset(_SUFFIXES.split())  # generations and degrees written after a comma


@dataclass(frozen=True)
class PersonName:
    """A name read into its parts; `family` may be empty (a single name)."""

    display: str  # in reading order, for a To: line ("Ortega, Javier" → "Javier Ortega")
    title: str
    given: str
    family: str

    @property
    def greeting(self) -> str:
        """How a letter addresses the person after "Dear" or "Hola,"."""
        if self.title and self.family:
            return f"{self.title} {self.family}"
        return self.given or self.family or self.display


def read_name(written: str, language: str = "en") -> PersonName:
    text = " ".join(written.split())
    if _east_asian(text):
        return PersonName(text, "", text, "")
    parts = [part.strip() for part in _without_suffixes(text).split(",") if part.strip()]
    if len(parts) >= 2:
        title, given_names = _title(parts[1].split())
        first = " ".join(given_names) if language == "es" else given_names[0]
        return PersonName(f"{parts[1]} {parts[0]}", title, first, parts[0])
    title, words = _title(parts[0].split() if parts else [])
    given, family = _split(words, language, titled=bool(title))
    return PersonName(text, title, given, family)


def greeting_name(written: str, language: str = "en") -> str:
    return read_name(written, language).greeting


def display_name(written: str) -> str:
    return read_name(written).display


def _key(word: str) -> str:
    return fold(word).strip(".")


def _without_suffixes(text: str) -> str:
    """'John Smith, Jr.' → 'John Smith'; 'Ana Ruiz, PhD, CFA' → 'Ana Ruiz'."""
    parts = text.split(",")
    while len(parts) > 1 and all(_key(w) in SUFFIXES for w in parts[-1].split()):
        parts.pop()
    return ",".join(parts)


def _title(words: list[str]) -> tuple[str, list[str]]:
    """Titles before the name ('Prof. Dr. Ana Ruiz'), kept as written, and the rest."""
    count = 0
    while count < len(words) - 1 and _key(words[count]) in HONORIFICS:
        count += 1
    return " ".join(words[:count]), words[count:]


def _split(words: list[str], language: str, titled: bool) -> tuple[str, str]:
    """Given names and the family name used to address someone formally."""
    if not words:
        return "", ""
    if len(words) == 1:
        return ("", words[0]) if titled else (words[0], "")
    if titled and _key(words[0]) in PARTICLES:
        return "", _first_surname(words)
    particle = next(
        (i for i, word in enumerate(words[1:], start=1) if _key(word) in PARTICLES), None
    )
    if particle is not None:
        return " ".join(words[:particle]), _first_surname(words[particle:])
    joined = next((i for i, word in enumerate(words[2:], start=2) if _key(word) in JOINERS), None)
    if joined is not None:  # "José Ortega y Gasset": the family name is "Ortega y Gasset"
        return " ".join(words[: joined - 1]), words[joined - 1]
    if language == "es" and len(words) >= 3:
        return " ".join(words[:-2]), words[-2]
    return words[0], words[-1]


def _first_surname(words: list[str]) -> str:
    """'de la Fuente García' → 'de la Fuente': the particles and the word they lead to."""
    end = next((i for i, word in enumerate(words) if _key(word) not in PARTICLES), len(words) - 1)
    return " ".join(words[: end + 1])


def _east_asian(text: str) -> bool:
    return any(
        unicodedata.name(c, "").startswith(("CJK", "HANGUL", "HIRAGANA", "KATAKANA")) for c in text
    )
