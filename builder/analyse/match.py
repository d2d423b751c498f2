"""Evidence matching: rank achievements, samples and briefs for each requirement of a job.

BM25 over fielded documents (skills and titles weigh more than narrative), with Snowball
stemming in English or Spanish, accent folding and stop words, all offline. Words are read
as units where they are one: a hyphenated compound ("sell-side"), a run of capitalised
names ("App Store"), or a phrase of the curated lexicon (lexicon.yml: "month-end close",
"cierre contable" and "FP&A" are one concept in both languages). A word inside such a unit
matches a lone word of a requirement only weakly: "sell-side" is not "sell". Idioms
("deal with ambiguity") are dropped.

Each match carries the terms that produced it and a calibrated confidence: the
probability that a careful reader accepts it as proof, fitted on the labelled matching set
(tests/fixtures/match/labels.yml). Only confident matches are written or offered.
"""

from __future__ import annotations

import io
import math
import re
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
GENERIC_WEIGHT = 0.3  # a word every posting uses counts this much of an informative one
PART_WEIGHT = 0.25  # a lone word of a requirement, found only inside a story's compound or phrase
# A word found in one of three stories tells as much as one found in one of a dozen: scores,
# and the confidence computed from them, do not depend on how many stories a portfolio has yet.
SMALLEST_CORPUS = 12
CONCEPT_WEIGHT = 1.5  # a concept of the lexicon is what a requirement is about: it counts more
# A skill the CV lists claims what a story, a sample or a brief shows: a reader accepts the
# claim as proof only when nothing shows it, so it scores this share of what it matches.
CLAIM_WEIGHT = 0.6

# Field weights: what a document says it proves (skills, title, result) counts more than its story.
HEADLINE = {"title", "result", "summary", "skills", "kind"}  # what a document is about
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
    "equity research; stock analysis; investment thesis; valuation; rating; price target;"
    " recommendation; research note; written research; análisis bursátil; informe de análisis;"
    " tesis de inversión; valoración; recomendación; precio objetivo"
)

LANGUAGES = {"en": "english", "es": "spanish"}
LEXICON = Path(__file__).with_name("lexicon.yml")
IDIOM = ""  # the concept of a phrase that says nothing about the work


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(LANGUAGES[language])


ANY_STOPWORD = STOPWORDS["en"] | STOPWORDS["es"]


@cache
def _unsaid() -> frozenset[str]:
    """Words that say nothing in a requirement or a concern: the shared stop words, and the
    pronouns and auxiliaries of questions ("Has she ...?") the lexicon adds."""
    return ANY_STOPWORD | frozenset(fold(w) for w in str(_lexicon()["stopwords"]).split())


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


# --- reading text as units -------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+(?:[+#]+)?")
BREAK = re.compile(r"[^\s\-/]")  # anything but spaces, hyphens and slashes ends a phrase


@dataclass(frozen=True)
class Token:
    """One word of a text, with what a phrase needs to know about it."""

    stem: str
    surface: str
    weak: bool  # a stop word, a number or a letter: part of phrases, never a term alone
    group: int  # the compound or run of names it belongs to
    broken: bool  # punctuation before it: no phrase runs across
    joined: bool  # hyphenated or slashed to the word before: a phrase takes the compound whole
    start: int  # where it is in the text
    end: int


@dataclass(frozen=True)
class Unit:
    """What a text says, as matching sees it: a word, a compound, a concept, or a word that
    only appears inside one of those (a part)."""

    key: str
    kind: str  # word, part, compound, concept
    surface: str


def _is_name(raw: str, broken: bool) -> bool:
    """A capitalised word that may belong to a name ("App Store"); a capital after a full stop
    only when the word is capitalised inside too ("BigQuery", "AWS")."""
    if len(raw) < 2 or not raw[0].isupper():
        return False
    return not broken or any(c.isupper() for c in raw[1:])


def _tokens(text: str, language: str) -> list[Token]:
    """The words of a text in order, each with its stem, its compound or name, and whether
    punctuation stands before it."""
    text = re.sub(r"(?<=\w)&(?=\w)", "", text)
    tokens: list[Token] = []
    group, end, previous_name = -1, 0, False
    for match in WORD.finditer(text):
        raw, between = match.group(), text[end : match.start()]
        end = match.end()
        surface = _folded(raw)
        weak = surface in _unsaid() or len(surface) < 2 or surface.isdigit()
        broken = not tokens or bool(BREAK.search(between)) or "\n" in between
        name = not weak and _is_name(raw, broken)
        joined = tokens and between in ("-", "/") and not weak and not tokens[-1].weak
        if not (joined or (name and previous_name and between == " ")):
            group += 1
        previous_name = name
        stem = surface if weak else _stem(raw.lower(), language)
        tokens.append(
            Token(stem, surface, weak, group, broken, bool(joined), match.start(), match.end())
        )
    return tokens


@cache
def _lexicon() -> dict[str, object]:
    return YAML(typ="safe").load(LEXICON.read_text("utf-8"))


@cache
def _phrases(language: str) -> tuple[dict[tuple[str, ...], str], int]:
    """Every phrase of the lexicon as stems in `language`, with its concept, and the longest."""
    table: dict[tuple[str, ...], str] = {}
    data = _lexicon()
    concepts: dict[str, list[str]] = data["concepts"]  # type: ignore[assignment]
    for concept, phrases in concepts.items():
        for phrase in phrases:
            table.setdefault(_phrase_key(_tokens(str(phrase), language), language), concept)
    for idiom in data["idioms"]:  # type: ignore[attr-defined]
        table[_phrase_key(_tokens(str(idiom), language), language)] = IDIOM
    table.pop((), None)
    return table, max(len(k) for k in table)


def _phrase_key(tokens: list[Token] | tuple[Token, ...], language: str) -> tuple[str, ...]:
    """A phrase of several words is matched on their stems; a single word on itself, since
    stemming one word alone reaches too far ("clustering" is not a "cluster", a "sale" is not
    "sales"): the lexicon lists the English forms it means. Spanish inflects for number and
    gender, so there a single word drops those endings ("hospitalarios" is "hospitalaria")."""
    if len(tokens) == 1:
        surface = tokens[0].surface
        return ("=" + (_uninflected(surface) if language == "es" else surface),)
    return tuple(t.stem for t in tokens)


def _uninflected(word: str) -> str:
    """A Spanish word without its plural and gender endings."""
    if len(word) > 5 and word.endswith("es") and word[-3] not in "aeiou":
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    return word[:-1] if len(word) > 4 and word[-1] in "oa" else word


@cache
def generic_stems(language: str) -> frozenset[str]:
    """Stems of the words every posting uses, in `language`."""
    listed = set(GENERIC) | set(str(_lexicon()["generic"]).split())
    return frozenset(_stem(w, language) for w in listed) | frozenset(fold(w) for w in listed)


def _concepts(tokens: list[Token], language: str) -> dict[int, tuple[str, int]]:
    """For the first token of each lexicon phrase in the text: its concept and length
    (the longest phrase wins where several start)."""
    table, longest = _phrases(language)
    found: dict[int, tuple[str, int]] = {}
    i = 0
    while i < len(tokens):
        for length in range(min(longest, len(tokens) - i), 0, -1):
            span = tokens[i : i + length]
            after = tokens[i + length] if i + length < len(tokens) else None
            if (
                any(t.broken for t in span[1:])
                or (span[0].weak and length == 1)
                or span[0].joined
                or (length == 1 and after is not None and after.joined)
            ):
                continue
            concept = table.get(_phrase_key(span, language))
            if concept is not None:
                found[i] = (concept, length)
                i += length
                break
        else:
            i += 1
    return found


@lru_cache(maxsize=1 << 12)
def units(text: str, language: str) -> tuple[Unit, ...]:
    """The text as matching reads it: concepts of the lexicon, compounds and names as wholes,
    the words inside those as parts, other words as words; idioms dropped."""
    tokens = _tokens(text, language)
    plain = re.sub(r"(?<=\w)&(?=\w)", "", text).lower()  # the text the tokens point into
    result: list[Unit] = []
    covered: set[int] = set()
    for start, (concept, length) in _concepts(tokens, language).items():
        span = range(start, start + length)
        covered.update(span)
        if concept != IDIOM:
            surface = plain[tokens[start].start : tokens[start + length - 1].end]
            result.append(Unit("@" + concept, "concept", surface))
            result += [_part(tokens[i]) for i in span if not tokens[i].weak]
    groups: defaultdict[int, list[Token]] = defaultdict(list)
    for token in tokens:
        if not token.weak:
            groups[token.group].append(token)
    # A compound is one even inside a phrase: the "month-end" of "month-end close".
    for members in groups.values():
        if len(members) > 1:
            key = "=" + " ".join(t.stem for t in members)
            result.append(Unit(key, "compound", plain[members[0].start : members[-1].end]))
    for i, token in enumerate(tokens):
        if token.weak or i in covered:
            continue
        if len(groups[token.group]) > 1:
            result.append(_part(token))
        else:
            result.append(Unit(token.stem, "word", token.surface))
    return tuple(result)


def _part(token: Token) -> Unit:
    return Unit("~" + token.stem, "part", token.surface)


# --- the index ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Indexed:
    """One candidate document, as weighted term frequencies."""

    id: str
    kind: str
    title: str
    weights: dict[str, float]
    skill_terms: frozenset[str]
    length: float
    headline: frozenset[str] = frozenset()  # keys of the title, result, summary and skills
    claim: bool = False  # a skill the CV lists: it says, where a story shows


@dataclass(frozen=True)
class QueryTerm:
    """One thing a requirement asks, and the keys of a document that would say it: the
    word itself, the word inside a compound (weakly), the word as the other language stems it."""

    keys: tuple[tuple[str, float], ...]
    surface: str
    emphasis: float  # less for the words every posting uses
    counts: bool  # part of what the requirement asks (a compound only adds when it matches)
    kind: str  # concept, compound or word


@dataclass(frozen=True)
class Match:
    id: str
    kind: str
    title: str
    score: float
    matched: list[str]
    skills: list[str]
    strength: float  # share of the requirement's information that the document matches, 0 to 1
    confidence: float = 0.0  # probability that the match is acceptable proof, 0 to 1
    features: tuple[float, ...] = ()  # what the confidence is computed from


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
        count = max(len(stories) + (1 if cv else 0), SMALLEST_CORPUS)
        self.idf = {t: math.log(1 + (count - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}
        self.unseen = math.log(1 + (count + 0.5) / 0.5)

    def rank(self, text: str, top: int = 3) -> list[Match]:
        """The `top` documents that best answer a requirement's text, each with its confidence."""
        query = _query(text)
        total = sum(self._information(q) for q in query if q.counts) or 1.0
        scored = [self._score(doc, query, total) for doc in self.documents]
        ranked = sorted((m for m in scored if m.score > 0), key=lambda m: (-m.score, m.id))
        best = ranked[0].score if ranked else 1.0
        runner = ranked[1].score if len(ranked) > 1 else 0.0
        return [_with_confidence(m, best, runner) for m in ranked[:top]]

    def _information(self, term: QueryTerm) -> float:
        return self.idf.get(term.keys[0][0], self.unseen) * term.emphasis

    def _score(self, doc: Indexed, query: list[QueryTerm], total: float) -> Match:
        norm = K1 * (1 - B + B * doc.length / self.average)
        claimed = CLAIM_WEIGHT if doc.claim else 1.0
        found = []  # (contribution, term, factor, key)
        for term in query:
            best = (0.0, 0.0, "")
            for key, factor in term.keys:
                tf = doc.weights.get(key, 0.0)
                if tf:
                    value = factor * self.idf[key] * tf * (K1 + 1) / (tf + norm)
                    best = max(best, (value, factor, key))
            if best[0]:
                found.append((best[0] * term.emphasis * claimed, term, best[1], best[2]))
        found.sort(key=lambda f: -f[0])
        score = sum(f[0] for f in found)
        matched, skills = _reasons(found, doc.skill_terms)
        informed = sum(self._information(t) * factor for _, t, factor, _ in found if t.counts)
        strength = min(1.0, informed / total)
        features = _features(found, skills, strength, score, doc.headline)
        return Match(
            doc.id, doc.kind, doc.title, round(score, 3), matched, skills, round(strength, 3),
            features=features,
        )  # fmt: skip


def _reasons(
    found: list[tuple[float, QueryTerm, float, str]], skill_terms: frozenset[str]
) -> tuple[list[str], list[str]]:
    """The requirement's words a document matched, strongest first, and those among its
    skills: whole matches only when there are some, and a word not again after its phrase."""
    shown = [f for f in found if f[2] == 1.0] or found
    inside = {w for _, t, _, _ in shown if t.kind != "word" for w in re.findall(r"\w+", t.surface)}
    kept = [(t, key) for _, t, _, key in shown if t.kind != "word" or t.surface not in inside]
    matched = list(dict.fromkeys(t.surface for t, _ in kept))
    return matched, [t.surface for t, key in kept if key in skill_terms]


def _query(text: str) -> list[QueryTerm]:
    """What a requirement asks, as terms to look up: concepts, compounds, and the words that
    no concept covers."""
    language = detect_language(text)
    other = "es" if language == "en" else "en"
    generic = generic_stems(language)
    query: dict[str, QueryTerm] = {}
    for unit in units(text, language):
        if unit.kind == "concept":
            term = QueryTerm(((unit.key, 1.0),), unit.surface, CONCEPT_WEIGHT, True, "concept")
        elif unit.kind == "compound":
            term = QueryTerm(((unit.key, 1.0),), unit.surface, 1.0, False, "compound")
        elif unit.key.startswith("~") and _inside_concept(unit, text, language):
            continue  # the concept stands for its words
        else:
            stem = unit.key.lstrip("~")
            translated = _stem(unit.surface, other)
            keys = ((stem, 1.0), ("~" + stem, PART_WEIGHT), (translated, 1.0))
            emphasis = GENERIC_WEIGHT if stem in generic or unit.surface in generic else 1.0
            term = QueryTerm(tuple(dict.fromkeys(keys)), unit.surface, emphasis, True, "word")
        query.setdefault(term.keys[0][0], term)
    return list(query.values())


def _inside_concept(unit: Unit, text: str, language: str) -> bool:
    """Whether a part of the requirement is a word of one of its concepts (not of a compound)."""
    return unit.surface in _concept_words(text, language)


@lru_cache(maxsize=1 << 10)
def _concept_words(text: str, language: str) -> frozenset[str]:
    tokens = _tokens(text, language)
    return frozenset(
        tokens[i].surface
        for start, (_, length) in _concepts(tokens, language).items()
        for i in range(start, start + length)
    )


# --- confidence ----------------------------------------------------------------------------

# The confidence of a match is fitted once on the development part of the labelled matching
# set (tests/fixtures/match/labels.yml: every top-3 match of every requirement, right when a
# careful reader accepts it as proof), in two steps:
#  1. a logistic regression of "right" on FEATURES (INTERCEPT, WEIGHTS);
#  2. isotonic calibration of its output: the matches sorted by it, cut into blocks of 15,
#     adjacent blocks pooled until the share right rises from block to block; CALIBRATION
#     holds each block's mean output and its share right ((right + 0.5) / (count + 1), so
#     that no block claims certainty), and a match's confidence is interpolated between them.
# tests/analyse/test_match.py::test_the_confidence_constants_are_the_fitted_ones refits both
# and prints them; the constants below are its output, rounded.
FEATURES = (
    "strength", "log score", "strong terms", "share of best score", "skill match", "specific terms",
    "share of the score from the headline",
)  # fmt: skip
INTERCEPT = -6.92
WEIGHTS = (1.0, 1.91, -0.12, 1.65, 0.81, 0.55, 0.7)
CALIBRATION = (
    (0.013, 0.004), (0.044, 0.016), (0.077, 0.031), (0.147, 0.12), (0.271, 0.177),
    (0.393, 0.281), (0.535, 0.656), (0.668, 0.726), (0.758, 0.844), (0.805, 0.906),
    (0.913, 0.988),
)  # fmt: skip


def _features(
    found: list[tuple[float, QueryTerm, float, str]],
    skills: list[str],
    strength: float,
    score: float,
    headline: frozenset[str],
) -> tuple[float, ...]:
    strong = sum(1 for _, term, factor, _ in found if factor == 1.0 and term.emphasis >= 1.0)
    specific = sum(1 for _, term, _, _ in found if term.kind != "word")
    central = sum(value for value, _, _, key in found if key in headline) / (score or 1.0)
    return (
        strength, math.log1p(score), float(min(strong, 4)), 0.0, float(bool(skills)),
        float(min(specific, 3)), central,
    )  # fmt: skip


def _with_confidence(match: Match, best: float, runner: float) -> Match:
    features = (*match.features[:3], match.score / best if best else 0.0, *match.features[4:])
    return Match(
        match.id, match.kind, match.title, match.score, match.matched, match.skills,
        match.strength, round(confidence(features), 3), features,
    )  # fmt: skip


def confidence(features: tuple[float, ...]) -> float:
    """The probability that a match with these features is acceptable proof."""
    return calibrated(logistic(features))


def logistic(features: tuple[float, ...]) -> float:
    """Step 1 of the confidence: the fitted logistic function of the features."""
    z = INTERCEPT + sum(w * x for w, x in zip(WEIGHTS, features, strict=True))
    return 1 / (1 + math.exp(-z))


def calibrated(raw: float) -> float:
    """Step 2: the share of matches right at that output of the logistic function, on the
    labelled set (linear between the calibration points, flat beyond them)."""
    points = CALIBRATION
    if raw <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if raw <= x1:
            return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)
    return points[-1][1]


# --- building the index ----------------------------------------------------------------------


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
RESUME_FIELDS = {"title": 3.0, "skills": 3.0, "section": 2.0, "detail": 1.0}
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
    texts = _resume_texts(entry)
    fields = {name: weight for name, weight in RESUME_FIELDS.items() if name in texts}
    title = texts.get("title") or texts.get("skills", "")
    document = index_fields(entry.id, "resume", title, texts, fields)
    return replace(document, claim=entry.kind in ("skill", "skills"))


def _resume_texts(entry: ResumeEntry) -> dict[str, str]:
    """Each field of an entry's document: what it names (a skill's name is a skill), the words
    postings use for its section, its details. Names are the same word in both languages
    ('Master', 'SQL', 'CUNEF'); a language is named in both ('English', 'inglés')."""
    item = entry.item
    if entry.skill is not None:
        return {"skills": entry.skill}
    if isinstance(item, SkillGroup):
        return {"title": item.name, "skills": "; ".join(item.keywords)}
    if isinstance(item, Education):
        name = " ".join(filter(None, [item.degree, item.field])) or item.institution
        return {"title": name, "section": "; ".join(RESUME_WORDS["education"])}
    if isinstance(item, Certification):
        return {"title": item.name}
    known = fold(item.language).strip()
    english_name = SPANISH_NAMES.get(known, known)
    names = f"{english_name}; {LANGUAGE_NAMES.get(english_name, item.language)}"
    return {"title": names, "detail": item.fluency or ""}


def _index(
    doc: Document[Achievement] | Document[Sample] | Document[Brief],
    kind: str,
    fields: dict[str, float],
) -> Indexed:
    meta = doc.meta
    title = getattr(meta, "title", None) or f"{getattr(meta, 'company', doc.id)}"
    return index_fields(doc.id, kind, title, _field_texts(doc, kind), fields)


def index_fields(
    evidence_id: str, kind: str, title: str, texts: dict[str, str], fields: dict[str, float]
) -> Indexed:
    """A piece of evidence as the index holds it, from the texts of its fields and the weight
    of each field: what every kind of evidence goes through (a field named in HEADLINE says
    what the evidence is about; "skills" lists what it proves)."""
    language = detect_language(" ".join(texts.values()))
    weights: defaultdict[str, float] = defaultdict(float)
    length = 0.0
    skills: set[str] = set()
    headline: set[str] = set()
    for name, weight in fields.items():
        for unit in _with_broader(units(texts.get(name, ""), language)):
            weights[unit.key] += weight
            if unit.kind != "compound":
                length += weight
            if name == "skills":
                skills.add(unit.key)
            if name in HEADLINE:
                headline.add(unit.key)
    return Indexed(
        evidence_id, kind, title, dict(weights), frozenset(skills), length, frozenset(headline)
    )


def _with_broader(found: tuple[Unit, ...]) -> list[Unit]:
    """A document's units, and the broader concepts its concepts imply (lexicon.yml)."""
    broader: dict[str, list[str]] = _lexicon()["broader"]  # type: ignore[assignment]
    result = list(found)
    for unit in found:
        if unit.kind == "concept":
            implied = broader.get(unit.key[1:], [])
            result += [Unit("@" + concept, "concept", unit.surface) for concept in implied]
    return result


def _field_texts(
    doc: Document[Achievement] | Document[Sample] | Document[Brief], kind: str
) -> dict[str, str]:
    meta = doc.meta.model_dump()
    texts = {name: _flatten(value) for name, value in meta.items()}
    texts["body"] = doc.body
    if kind == "brief":
        texts["kind"] = BRIEF_WORDS
        texts["title"] = "; ".join(
            filter(None, [texts.get("title"), texts.get("company"), texts.get("ticker")])
        )
    return texts


def _flatten(value: object) -> str:
    """A field as text; the items of a list stay apart (two skills are not one phrase)."""
    if isinstance(value, list):
        return "; ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(_flatten(item) for item in value.values())
    return str(value) if isinstance(value, str) else ""


# Chosen on the development part of the labelled set: written proof stays right 98% of the
# time there and 87% of provable requirements get proof at any bar from 0.55 to 0.65; of bars
# that do equally well, the highest, since no proof is better than wrong proof
# (tests/analyse/test_match.py prints the figures).
WRITE_CONFIDENCE = 0.65  # a match less likely than this to be acceptable proof is only shown
WRITE_STRENGTH = 0.25  # nor one that matches less than this share of what the requirement asks
SECOND_CONFIDENCE = 0.9  # a second match is written too when it is this likely to be right
SECOND_SHARE = 0.8  # and scores at least this share of the best


def convincing(match: Match, confidence: float = WRITE_CONFIDENCE) -> bool:
    """Whether a match is good enough to be written as proof or offered as an answer."""
    return match.confidence >= confidence and match.strength >= WRITE_STRENGTH


def answering(index: EvidenceIndex, concern: str) -> str | None:
    """The public evidence that answers a concern an interviewer raised, if one does clearly:
    the same bar as proof written into an application."""
    best = index.rank(concern, 1)
    return best[0].id if best and convincing(best[0]) else None


def choose_evidence(matches: list[Match]) -> list[str]:
    """What `match --write` suggests: the best match when it convinces, and the second when
    it is nearly as good and more convincing still; nothing when no match convinces."""
    if not matches or not convincing(matches[0]):
        return []
    best = matches[0]
    chosen = [best.id]
    second = matches[1] if len(matches) > 1 else None
    if (
        second
        and convincing(second, SECOND_CONFIDENCE)
        and second.score >= SECOND_SHARE * best.score
    ):
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
