"""Evidence matching: rank achievements, samples and briefs for each requirement of a job.

BM25 over fielded documents (skills and titles weigh more than narrative),
with Snowball stemming in English or Spanish, accent folding and stop words,
all offline. Each match carries the terms that produced it, so the candidate
can judge it in one glance.
"""

from __future__ import annotations

import io
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq

from builder.core.models import Achievement, Brief, Certification, Education, Sample, SkillGroup
from builder.core.resume_entries import ResumeEntry
from builder.core.text import GENERIC, STOPWORDS, fold, words
from builder.load.portfolio import Document, Portfolio

K1, B = 1.2, 0.75
# The shortest length a CV entry is weighed at, as a share of the average story's: an entry
# is short because a CV is terse, not because it is about one thing, and at its own length
# any one word it shares with a requirement ("capital", "financiera") would outrank stories.
CV_LENGTH = 0.5
GENERIC_WEIGHT = 0.3

# Field weights: what a document says it proves (skills, title, result) counts more than its story.
ACHIEVEMENT_FIELDS = {
    "title": 2.0, "result": 2.0, "metrics": 1.0, "skills": 3.0, "situation": 0.7,
    "task": 1.0, "action": 1.0, "role": 0.5, "body": 0.5,
}  # fmt: skip
SAMPLE_FIELDS = {"title": 2.0, "summary": 2.0, "skills": 3.0, "body": 0.7}
BRIEF_FIELDS = {
    "title": 1.5, "company": 1.0, "sector": 1.0, "catalysts": 0.5, "risks": 0.5, "body": 0.5,
    "kind": 2.0,
}  # fmt: skip
# What every brief is, whatever its subject: the words postings use for that kind of work.
BRIEF_WORDS = (
    "equity research stock analysis investment thesis valuation rating price target"
    " recommendation research note written research análisis bursátil informe de análisis"
    " tesis de inversión valoración recomendación precio objetivo"
)

LANGUAGES = {"en": "english", "es": "spanish"}


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(LANGUAGES[language])


ANY_STOPWORD = STOPWORDS["en"] | STOPWORDS["es"]


@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    """A word without case or accents: a portfolio says the same words again and again."""
    return fold(word)


def detect_language(text: str) -> str:
    found = [_folded(w) for w in words(text)]
    en = sum(w in STOPWORDS["en"] for w in found)
    es = sum(w in STOPWORDS["es"] for w in found)
    return "es" if es > en else "en"


def terms(text: str, language: str) -> list[tuple[str, str]]:
    """(stem, surface word) for every meaningful word of the text."""
    result = []
    for word in words(text):
        if _folded(word) in ANY_STOPWORD or len(word) < 2 or word.isdigit():
            continue
        result.append((_stem(word, language), word))
    return result


@cache
def _stem(word: str, language: str) -> str:
    """Stemming is the costly part of matching, and a portfolio repeats its words."""
    return fold(_stemmer(language).stemWord(word))


@dataclass(frozen=True)
class Indexed:
    """One candidate document, as weighted term frequencies."""

    id: str
    kind: str
    title: str
    weights: dict[str, float]
    skill_terms: frozenset[str]
    length: float


@dataclass(frozen=True)
class Match:
    id: str
    kind: str
    title: str
    score: float
    matched: list[str]
    skills: list[str]
    strength: float  # share of the requirement's information that the document matches, 0 to 1


class EvidenceIndex:
    """BM25F over the portfolio's public achievements, samples, briefs and CV entries."""

    def __init__(self, documents: Iterable[Indexed]) -> None:
        self.documents = list(documents)
        # The entries of the CV count as one document, the CV, for how rare a word is and how
        # long a document is: a CV that lists thirty skills must not make the words of the
        # stories look rarer (and their matches stronger) than they are. No entry is weighed
        # as shorter than CV_LENGTH of a story.
        stories = [d for d in self.documents if d.kind != "resume"]  # and samples, briefs
        cv = [d for d in self.documents if d.kind == "resume"]
        self.count = len(stories) + (1 if cv else 0) or 1
        measured = stories or cv
        self.average = sum(d.length for d in measured) / (len(measured) or 1) or 1.0
        self.documents = [
            replace(d, length=max(d.length, CV_LENGTH * self.average)) if d.kind == "resume" else d
            for d in self.documents
        ]
        frequency: Counter[str] = Counter()
        for doc in stories:
            frequency.update(doc.weights.keys())
        frequency.update({t for doc in cv for t in doc.weights})
        count = self.count
        self.idf = {t: math.log(1 + (count - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}

    def rank(self, text: str, top: int = 3) -> list[Match]:
        """The `top` documents that best answer a requirement's text."""
        surface: dict[str, str] = {}
        for stem, word in terms(text, detect_language(text)):
            surface.setdefault(stem, word)
        emphasis = {s: GENERIC_WEIGHT if fold(w) in GENERIC else 1.0 for s, w in surface.items()}
        unseen = math.log(1 + (self.count + 0.5) / 0.5)
        total = sum(self.idf.get(stem, unseen) * emphasis[stem] for stem in surface) or 1.0
        matches = [self._score(doc, surface, emphasis, total) for doc in self.documents]
        ranked = sorted((m for m in matches if m.score > 0), key=lambda m: (-m.score, m.id))
        return ranked[:top]

    def _score(
        self, doc: Indexed, surface: dict[str, str], query: dict[str, float], total: float
    ) -> Match:
        contributions = []
        norm = K1 * (1 - B + B * doc.length / self.average)
        for stem, word in surface.items():
            tf = doc.weights.get(stem, 0.0)
            if tf:
                weight = self.idf[stem] * query[stem]
                contributions.append((weight * tf * (K1 + 1) / (tf + norm), word, stem))
        contributions.sort(key=lambda c: -c[0])
        score = sum(c[0] for c in contributions)
        matched = list(dict.fromkeys(word for _, word, _ in contributions))
        skills = [word for _, word, stem in contributions if stem in doc.skill_terms]
        strength = sum(self.idf[s] * query[s] for _, _, s in contributions) / total
        return Match(
            doc.id, doc.kind, doc.title, round(score, 3), matched, skills, round(strength, 3)
        )


def index_achievements(stories: Iterable[Document[Achievement]]) -> EvidenceIndex:
    """An index of some stories only (a CV job's, to link its highlights)."""
    return EvidenceIndex(_index(story, "achievement", ACHIEVEMENT_FIELDS) for story in stories)


def index_portfolio(portfolio: Portfolio) -> EvidenceIndex:
    documents: list[Indexed] = []
    for achievement in portfolio.achievements.values():
        if achievement.public:
            documents.append(_index(achievement, "achievement", ACHIEVEMENT_FIELDS))
    for sample in portfolio.samples.values():
        if sample.public:
            documents.append(_index(sample, "sample", SAMPLE_FIELDS))
    for brief in portfolio.briefs.values():
        if brief.public:
            documents.append(_index(brief, "brief", BRIEF_FIELDS))
    documents += index_resume(portfolio)
    return EvidenceIndex(documents)


# An entry of the CV: what it names weighs most, the words postings use for its section next,
# its details (a language's fluency, the skills of a group) least. Where a degree or a
# certificate was earned is left out: "Universidad Carlos III de Madrid" does not prove
# "based in Madrid", nor "CFA Institute" "institutional investors".
RESUME_FIELDS = {"name": 3.0, "section": 2.0, "detail": 1.0}
# What every degree is, whatever it is in, in English and in Spanish: "a university degree"
# asks for any. Degree names (master, bachelor, máster, grado…) are left out: they tell one
# degree from another. A certification or a language is asked for by its name ("CFA",
# "German"): the word "certification" or "fluent" alone proves nothing.
RESUME_WORDS = {
    "education": (
        "degree university graduate education qualification",
        "titulación titulado universitaria universitario universidad licenciatura formación",
    ),
}
# A language entry is asked for by name in either language: "fluent English", "inglés C1".
LANGUAGE_NAMES = {
    "english": "inglés", "spanish": "español castellano", "french": "francés",
    "german": "alemán", "italian": "italiano", "portuguese": "portugués", "catalan": "catalán",
    "dutch": "neerlandés holandés", "chinese": "chino", "mandarin": "mandarín",
    "japanese": "japonés", "arabic": "árabe", "russian": "ruso", "polish": "polaco",
}  # fmt: skip
SPANISH_NAMES = {fold(spanish): english for english, names in LANGUAGE_NAMES.items()
                 for spanish in names.split()}  # fmt: skip


def index_resume(portfolio: Portfolio) -> list[Indexed]:
    """The CV's education, certifications, languages and skills, as documents of kind "resume"
    (their evidence ids are builder.core.resume_entries'): "Master's degree in Finance", "CFA",
    "fluent English" or "Python" is proved by an entry of the CV that no story repeats."""
    return [_resume_document(entry) for entry in portfolio.resume_entries.values()]


def _resume_document(entry: ResumeEntry) -> Indexed:
    fields = _resume_texts(entry)
    weights: defaultdict[str, float] = defaultdict(float)
    length = 0.0
    for name, weight in RESUME_FIELDS.items():
        for text, language in fields.get(name, []):
            for stem in _stems(text, language):
                weights[stem] += weight
                length += weight
    skills: frozenset[str] = frozenset()
    if entry.kind in ("skill", "skills"):
        named = [*fields["name"], *fields.get("detail", [])]
        skills = frozenset(stem for text, language in named for stem in _stems(text, language))
    title = " ".join(text for text, _ in fields["name"])
    return Indexed(entry.id, "resume", title, dict(weights), skills, length)


def _stems(text: str, language: str | None) -> list[str]:
    """The stems of a text in its language; of a name, in both ('Máster' and 'Master')."""
    if language is not None:
        return [stem for stem, _ in terms(text, language)]
    pairs = zip(terms(text, "en"), terms(text, "es"), strict=True)
    return [stem for (en, _), (es, _) in pairs for stem in dict.fromkeys((en, es))]


def _resume_texts(entry: ResumeEntry) -> dict[str, list[tuple[str, str | None]]]:
    """Each field of an entry's document, as (text, language) pairs; the language of a name
    the candidate wrote is None: 'Master', 'SQL' or 'CUNEF' is the same word in both."""
    item = entry.item

    def own(*texts: str | None) -> list[tuple[str, str | None]]:
        return [(text, None) for text in texts if text]

    if entry.skill is not None:
        return {"name": own(entry.skill)}
    if isinstance(item, SkillGroup):
        return {"name": own(item.name), "detail": own(*item.keywords)}
    if isinstance(item, Education):
        english, spanish = RESUME_WORDS["education"]
        section: list[tuple[str, str | None]] = [(english, "en"), (spanish, "es")]
        name = " ".join(filter(None, [item.degree, item.field])) or item.institution
        return {"name": own(name), "section": section}
    if isinstance(item, Certification):
        return {"name": own(item.name)}
    known = fold(item.language).strip()
    english_name = SPANISH_NAMES.get(known, known)
    names: list[tuple[str, str | None]] = [
        (english_name, "en"),
        (LANGUAGE_NAMES.get(english_name, item.language), "es"),
    ]
    return {"name": names, "detail": own(item.fluency)}


def _index(
    doc: Document[Achievement] | Document[Sample] | Document[Brief],
    kind: str,
    fields: dict[str, float],
) -> Indexed:
    texts = _field_texts(doc, kind)
    language = detect_language(" ".join(texts.values()))
    weights: defaultdict[str, float] = defaultdict(float)
    length = 0.0
    for name, weight in fields.items():
        for stem, _ in terms(texts.get(name, ""), language):
            weights[stem] += weight
            length += weight
    skills = frozenset(stem for stem, _ in terms(texts.get("skills", ""), language))
    meta = doc.meta
    title = getattr(meta, "title", None) or f"{getattr(meta, 'company', doc.id)}"
    return Indexed(doc.id, kind, title, dict(weights), skills, length)


def _field_texts(
    doc: Document[Achievement] | Document[Sample] | Document[Brief], kind: str
) -> dict[str, str]:
    meta = doc.meta.model_dump()
    texts = {name: _flatten(value) for name, value in meta.items()}
    texts["body"] = doc.body
    if kind == "brief":
        texts["kind"] = BRIEF_WORDS
        texts["title"] = " ".join(
            filter(None, [texts.get("title"), texts.get("company"), texts.get("ticker")])
        )
    return texts


def _flatten(value: object) -> str:
    if isinstance(value, list):
        return " ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_flatten(item) for item in value.values())
    return str(value) if isinstance(value, str) else ""


CONCERN_STRENGTH = 0.15  # how well a piece of evidence must match a concern to be offered
CONCERN_TERMS = 2  # and with at least this many words in common


def answering(index: EvidenceIndex, concern: str) -> str | None:
    """The public evidence that answers a concern an interviewer raised, if one does clearly."""
    matches = [
        m
        for m in index.rank(concern, 1)
        if m.strength >= CONCERN_STRENGTH and len(m.matched) >= CONCERN_TERMS
    ]
    return matches[0].id if matches else None


WRITE_STRENGTH = 0.12  # weaker matches are shown, but not written into the application


def choose_evidence(matches: list[Match]) -> list[str]:
    """What `match --write` fills in: the best match, and the second if it is nearly as good."""
    if not matches or matches[0].strength < WRITE_STRENGTH:
        return []
    best = matches[0]
    chosen = [best.id]
    second = matches[1] if len(matches) > 1 else None
    if second and second.score >= 0.75 * best.score and second.strength >= WRITE_STRENGTH:
        chosen.append(second.id)
    return chosen


def fill_evidence(path: Path, chosen: dict[str, list[str]]) -> list[str]:
    """Write `chosen` ids as `suggested` proof of the requirements that have neither proof
    nor suggestions; return the requirements filled.

    A suggestion counts for nothing until the candidate moves it to `evidence`: no proof
    is better than wrong proof on a leave-behind. What the candidate wrote is never
    touched, and the rest of the file (comments, order, the body) is kept as it was.
    """
    text = path.read_text("utf-8")
    lines = text.split("\n")
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.rstrip() == "---")
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load("\n".join(lines[1:end]))
    filled = []
    for requirement in data.get("requirements") or []:
        ids = chosen.get(requirement.get("id"), [])
        if ids and not requirement.get("evidence") and not requirement.get("suggested"):
            suggested = CommentedSeq(ids)
            suggested.fa.set_flow_style()
            requirement["suggested"] = suggested
            filled.append(requirement["id"])
    if filled:
        out = io.StringIO()
        yaml.dump(data, out)
        front = out.getvalue().rstrip("\n").split("\n")
        path.write_text("\n".join([lines[0], *front, *lines[end:]]), "utf-8")
    return filled
