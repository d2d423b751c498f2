"""Evidence matching: ranked, explained, calibrated, measured on a labelled set, careful when
writing.

`python -m pytest tests/analyse/test_match.py -s -k figures` prints the figures of the labelled
matching set (tests/fixtures/match/labels.yml) per language and overall, on the development
part and on the held-out part (every 5th item, never tuned on).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from builder.analyse.match import (
    CALIBRATION,
    INTERCEPT,
    LEXICON,
    WEIGHTS,
    WRITE_CONFIDENCE,
    EvidenceIndex,
    Match,
    answering,
    choose_evidence,
    convincing,
    detect_language,
    index_fields,
    index_portfolio,
    logistic,
    terms,
    units,
)
from builder.app.commands.match import reason
from builder.core.words import english
from builder.load.read import load
from tests.conftest import FIXTURES, REPO, write

MATCH_SET = FIXTURES / "match"
PORTFOLIOS = {"demo": REPO, "es": MATCH_SET / "es", "en": MATCH_SET / "en"}
LABELS = YAML(typ="safe").load((MATCH_SET / "labels.yml").read_text("utf-8"))
TOP = 3  # the ranking the MRR is measured on, and the matches the confidence is fitted on


@pytest.fixture(scope="module")
def indexes() -> dict[str, EvidenceIndex]:
    return {name: index_portfolio(load(root)) for name, root in PORTFOLIOS.items()}


@dataclass(frozen=True)
class Labelled:
    """One labelled requirement, with what the matcher made of it."""

    requirement: str
    expected: tuple[str, ...]
    portfolio: str
    held_out: bool
    language: str
    needs_resume: bool
    ranked: tuple[Match, ...]

    def right(self, evidence_id: str) -> bool:
        """Whether an id is acceptable proof (an expected CV entry is a prefix of ids)."""
        return any(evidence_id == e or evidence_id.startswith(e + "-") for e in self.expected)


@pytest.fixture(scope="module")
def labelled(indexes: dict[str, EvidenceIndex]) -> list[Labelled]:
    """Every labelled requirement that can be judged: those only CV entries prove wait until
    the portfolio indexes CV entries."""
    result = []
    for number, item in enumerate(LABELS, start=1):
        index = indexes[item["portfolio"]]
        needs_resume = item.get("needs") == "resume"
        if needs_resume and not any(d.kind == "resume" for d in index.documents):
            continue
        result.append(
            Labelled(
                item["requirement"], tuple(item["expected"]), item["portfolio"], number % 5 == 0,
                detect_language(item["requirement"]), needs_resume,
                tuple(index.rank(item["requirement"], TOP)),
            )
        )  # fmt: skip
    return result


@dataclass(frozen=True)
class Figures:
    precision: float  # share of written proof that is acceptable
    proved: float  # share of provable requirements that get acceptable proof written
    abstained: float  # share of unprovable requirements with nothing written
    mrr: float  # mean reciprocal rank of the first acceptable match, provable requirements
    count: int
    written: int

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f} ({self.written} written)  proved {self.proved:.3f}"
            f"  abstained {self.abstained:.3f}  MRR {self.mrr:.3f}  (n={self.count})"
        )


def figures(items: list[Labelled]) -> Figures:
    written = right = 0
    proved, abstained, ranks = [], [], []
    for item in items:
        chosen = choose_evidence(list(item.ranked))
        written += len(chosen)
        right += sum(item.right(i) for i in chosen)
        if item.expected:
            proved.append(any(item.right(i) for i in chosen))
            rank = next((r for r, m in enumerate(item.ranked, 1) if item.right(m.id)), None)
            ranks.append(1 / rank if rank else 0.0)
        else:
            abstained.append(not chosen)
    return Figures(
        right / written if written else 1.0,
        sum(proved) / len(proved) if proved else 1.0,
        sum(abstained) / len(abstained) if abstained else 1.0,
        sum(ranks) / len(ranks) if ranks else 1.0,
        len(items),
        written,
    )


def parts(labelled: list[Labelled]) -> dict[tuple[str, str], list[Labelled]]:
    """The labelled set cut by split (development, held-out) and language (en, es, all)."""
    cut: dict[tuple[str, str], list[Labelled]] = {}
    for split in ("development", "held-out"):
        items = [i for i in labelled if i.held_out == (split == "held-out") and not i.needs_resume]
        for language in ("en", "es", "all"):
            cut[split, language] = [i for i in items if language in ("all", i.language)]
    return cut


# The figures reached, rounded down: (precision, proved, abstained, MRR). They only go up.
FLOORS = {
    ("development", "en"): (0.98, 0.87, 0.97, 0.98),
    ("development", "es"): (1.00, 0.86, 1.00, 1.00),
    ("development", "all"): (0.98, 0.87, 0.98, 0.98),
    ("held-out", "en"): (0.91, 0.84, 0.88, 1.00),
    ("held-out", "es"): (1.00, 0.91, 1.00, 1.00),
    ("held-out", "all"): (0.95, 0.88, 0.93, 1.00),
}
TARGETS = (0.95, 0.80, 0.95)  # precision of written proof, provable proved, unprovable abstained
REACHED = {  # where the targets hold today; not yet on English held-out requirements
    ("development", "en"), ("development", "es"), ("development", "all"), ("held-out", "es"),
}  # fmt: skip


def test_the_labelled_set_is_large_and_balanced() -> None:
    items = [i for i in LABELS if i.get("needs") != "resume"]
    unprovable = [i for i in items if not i["expected"]]
    spanish = [i for i in items if detect_language(i["requirement"]) == "es"]
    assert len(items) >= 120
    assert len(unprovable) >= 0.4 * len(items) and len(spanish) >= 0.3 * len(items)
    for portfolio in PORTFOLIOS:
        mine = [i for i in items if i["portfolio"] == portfolio]
        assert any(i["expected"] for i in mine) and any(not i["expected"] for i in mine)
    held_out = items[4::5]
    assert any(not i["expected"] for i in held_out) and any(i["expected"] for i in held_out)


def test_figures_on_development_and_held_out(labelled: list[Labelled]) -> None:
    cut = parts(labelled)
    print()
    for (split, language), items in cut.items():
        print(f"{split:<12} {language:<3} {figures(items)}")
    cv = [i for i in labelled if i.needs_resume]
    if cv:
        print(f"{'CV entries':<16} {figures(cv)}")
    for key, items in cut.items():
        reached = figures(items)
        values = (reached.precision, reached.proved, reached.abstained, reached.mrr)
        assert all(v >= f for v, f in zip(values, FLOORS[key], strict=True)), f"{key}: {reached}"
        if key in REACHED:
            assert all(v >= t for v, t in zip(values, TARGETS, strict=False)), f"{key}: {reached}"


def fit_confidence(items: list[Labelled]) -> np.ndarray:
    """The logistic regression of "acceptable proof" on the features of every top match of
    the development set (Newton's method, a little L2 on the weights so that it converges
    when a feature separates the classes): how INTERCEPT and WEIGHTS were derived."""
    rows = [(m.features, item.right(m.id)) for item in items for m in item.ranked]
    x = np.hstack([np.ones((len(rows), 1)), np.array([f for f, _ in rows])])
    y = np.array([float(r) for _, r in rows])
    ridge = np.diag([0.0] + [1.0] * (x.shape[1] - 1)) * 0.01
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) / len(y) + ridge @ w
        hessian = (x.T * (p * (1 - p))) @ x / len(y) + ridge
        w -= np.linalg.solve(hessian, gradient)
    return w


CALIBRATION_BLOCK = 15  # matches per block before pooling, in the isotonic calibration


def fit_calibration(items: list[Labelled]) -> list[tuple[float, float]]:
    """Isotonic calibration of the logistic output (pool adjacent violators over blocks of
    CALIBRATION_BLOCK matches): each block's mean output and its smoothed share right."""
    rows = sorted((logistic(m.features), item.right(m.id)) for item in items for m in item.ranked)
    blocks = [rows[i : i + CALIBRATION_BLOCK] for i in range(0, len(rows), CALIBRATION_BLOCK)]

    def share(block: list[tuple[float, bool]]) -> float:
        return (sum(r for _, r in block) + 0.5) / (len(block) + 1)

    pooled: list[list[tuple[float, bool]]] = []
    for block in blocks:
        pooled.append(block)
        while len(pooled) > 1 and share(pooled[-2]) >= share(pooled[-1]):
            last = pooled.pop()
            pooled[-1] = pooled[-1] + last
    return [(sum(x for x, _ in b) / len(b), share(b)) for b in pooled]


def test_the_confidence_constants_are_the_fitted_ones(labelled: list[Labelled]) -> None:
    development = parts(labelled)["development", "all"]
    fitted = fit_confidence(development)
    print("\nINTERCEPT =", round(float(fitted[0]), 2))
    print("WEIGHTS =", tuple(round(float(w), 2) for w in fitted[1:]))
    assert np.allclose(fitted, (INTERCEPT, *WEIGHTS), atol=0.01)
    points = fit_calibration(development)
    print("CALIBRATION =", tuple((round(x, 3), round(y, 3)) for x, y in points))
    assert np.allclose(points, CALIBRATION, atol=0.002)


# How far the share right may be from the mean confidence, per bin: 0.15, or two standard
# errors of a share of that many matches when the bin is small (the held-out part has few).
CALIBRATION_TOLERANCE = 0.15


@pytest.mark.parametrize("split", ["development", "held-out"])
def test_the_confidence_is_calibrated(labelled: list[Labelled], split: str) -> None:
    """In bins of confidence, the share of matches that are acceptable proof is close to the
    mean confidence (bins with fewer than 8 matches say too little to judge)."""
    matches = [
        (m.confidence, i.right(m.id)) for i in parts(labelled)[split, "all"] for m in i.ranked
    ]
    print()
    for low, high in ((0.0, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 1.01)):
        inside = [(c, r) for c, r in matches if low <= c < high]
        if len(inside) < 8:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        share = sum(r for _, r in inside) / len(inside)
        print(
            f"{split} [{low:.1f}, {high:.1f}): {len(inside)} matches, mean {mean:.2f}, right {share:.2f}"
        )
        noise = 2 * math.sqrt(mean * (1 - mean) / len(inside))
        assert abs(mean - share) <= max(CALIBRATION_TOLERANCE, noise), (low, high, mean, share)


def concepts(text: str, language: str = "en") -> set[str]:
    """What a text says as wholes: the lexicon's concepts and its compounds."""
    return {u.key for u in units(text, language) if u.kind in ("concept", "compound")}


def test_phrases_are_units_that_meet_across_languages() -> None:
    close = concepts("Owns the month-end close")
    assert "@month-end-close" in close
    assert close & concepts("Experiencia en el cierre contable mensual", "es")
    assert "@fpa" in concepts("FP&A") & concepts("financial planning and analysis")
    assert "@fpa" in concepts("planificación financiera", "es")
    assert "@three-statement-model" in concepts("Builds three-statement models")
    assert "@machine-learning" in concepts("machine learning") & concepts(
        "aprendizaje automático", "es"
    )
    assert "@degree" in concepts("Bachelor's degree") & concepts("Licenciatura o grado", "es")
    assert "@degree" in concepts("Master in Finance") & concepts("Máster en Finanzas", "es")
    # Plurals and inflections are the same phrase.
    assert "@month-end-close" in concepts("speeds up month-end closes")


def test_a_word_inside_a_compound_or_name_is_not_the_word() -> None:
    """'sell-side' is not 'sell', 'App Store' is not 'App Engine', the 'close' of 'month-end
    close' is not the 'close' of 'close deals': such words match a lone word only weakly."""
    plain = {
        u.key for u in units("Sell-side valuation of a food company", "en") if u.kind == "word"
    }
    assert "sell" not in plain
    assert not concepts("App Store") & concepts("Google App Engine")
    assert "@month-end-close" not in concepts("Build close relationships and close deals")


def test_idioms_and_generic_words_say_nothing() -> None:
    assert units("deal with ambiguity", "en") == ()
    assert not [u for u in units("Capacidad de trabajar bajo presión", "es") if u.kind != "word"]
    # What the words of "mejora continua de los procesos" may still match weighs little.
    query = "Mejora continua de los procesos y procedimientos para lograr una mayor eficiencia"
    assert not [u for u in units(query, "es") if u.kind == "concept"]
    from builder.analyse.match import generic_stems

    assert {"proced", "logr", "mayor"} <= generic_stems("es")


TRAPS = [
    (
        "demo",
        "Whether I will be comfortable with a sell rating on a company I know from the inside",
    ),
    ("demo", "Comfortable with a sell rating"),
    ("demo", "Experience deploying services on Google App Engine"),
    ("demo", "Ability to deal with ambiguity"),
    ("demo", "Mejora continua de los procesos y procedimientos para lograr una mayor eficiencia"),
    ("es", "Mejora continua de los procesos y procedimientos para lograr una mayor eficiencia"),
    ("en", "Experience publishing apps to the App Store"),
    ("demo", "Build close relationships with the sales team and help them close deals"),
]


@pytest.mark.parametrize(("portfolio", "text"), TRAPS)
def test_traps_get_no_proof(indexes: dict[str, EvidenceIndex], portfolio: str, text: str) -> None:
    index = indexes[portfolio]
    assert choose_evidence(index.rank(text, 3)) == []
    assert answering(index, text) is None
    for match in index.rank(text, 3):
        assert not convincing(match)
        if {"sell", "app", "deal", "procedimientos", "lograr", "mayor"} & set(match.matched):
            assert match.confidence < 0.1, match  # shown, for what it is worth: nearly nothing


def test_concerns_are_answered_with_the_same_confidence(indexes: dict[str, EvidenceIndex]) -> None:
    demo = indexes["demo"]
    assert answering(demo, "Can she build a DCF valuation model on her own?") in {
        "dcf-model",
        "food-manufacturer-sale",
    }
    best = demo.rank("Can she build a DCF valuation model on her own?", 1)[0]
    assert convincing(best)


def test_any_kind_of_evidence_goes_through_the_same_index() -> None:
    """A CV entry (or any other evidence) indexed from its fields meets requirements in both
    languages on the lexicon's concepts, like a story."""
    degree = index_fields(
        "resume-education-master-finance",
        "resume",
        "Master in Finance",
        {"title": "Master in Finance", "body": "CUNEF Universidad, 2015 to 2016"},
        {"title": 2.0, "body": 0.5},
    )
    stories = [d for d in index_portfolio(load(REPO)).documents if d.kind != "resume"]
    index = EvidenceIndex([*stories, degree])
    for asked in ("Master's degree in Finance or Economics", "Máster en Finanzas o similar"):
        assert index.rank(asked, 1)[0].id == "resume-education-master-finance"


def test_the_lexicon_ships_with_the_package() -> None:
    assert LEXICON.parent == Path(__import__("builder.analyse.match").analyse.match.__file__).parent
    assert LEXICON.is_file()


def test_stemming_and_accent_folding() -> None:
    assert [s for s, _ in terms("Conciliaciones bancarias automáticas", "es")] == [
        s for s, _ in terms("conciliación bancaria automatica", "es")
    ]
    assert [s for s, _ in terms("Forecasting models", "en")] == [
        s for s, _ in terms("forecast model", "en")
    ]
    assert [w for _, w in terms("FP&A and the month-end close", "en")] == [
        "fpa",
        "month",
        "end",
        "close",
    ]


def test_a_match_says_which_terms_matched(indexes: dict[str, EvidenceIndex]) -> None:
    best = indexes["demo"].rank("Automate the month-end close with Python", 1)[0]
    assert best.id == "close-automation"
    assert "python (skill)" in reason(best, english()) and "month-end close" in best.matched


def test_private_stories_are_never_proposed(indexes: dict[str, EvidenceIndex]) -> None:
    kestrel = load(REPO).achievements["project-kestrel"]
    assert not kestrel.public
    matches = indexes["demo"].rank(kestrel.meta.title + " " + kestrel.meta.result, 20)
    assert "project-kestrel" not in [m.id for m in matches]


@pytest.mark.parametrize(
    ("requirement", "expected"),
    [
        ("CFA charterholder or progress toward it", "resume-certification-cfa-program-level-"),
        ("Master's degree in Finance or related field", "resume-education-master-finance"),
        ("BA/BS degree in a quantitative field (finance, economics)", "resume-education-"),
        ("Fluent English", "resume-language-english"),
        ("Nivel de inglés C1 o superior", "resume-language-english"),
        ("Máster en Finanzas o similar", "resume-education-master-finance"),
        ("Microsoft Power BI certification", "resume-certification-microsoft-certified-power-bi"),
    ],
)
def test_entries_of_the_cv_prove_what_no_story_does(
    indexes: dict[str, EvidenceIndex], requirement: str, expected: str
) -> None:
    best = indexes["demo"].rank(requirement, 1)[0]
    assert best.kind == "resume" and best.id.startswith(expected), best


def test_a_skill_the_cv_lists_ranks_after_the_stories_that_show_it(
    indexes: dict[str, EvidenceIndex],
) -> None:
    """A CV's list of skills claims what a story shows: it is proposed where no story shows
    the skill, and after the stories where some do."""
    assert indexes["demo"].rank("SAP S/4HANA", 1)[0].id == "resume-skill-sap-s-4hana"
    python = [m.id for m in indexes["demo"].rank("Python", 5)]
    assert "resume-skill-python" in python
    assert python.index("resume-skill-python") > python.index("recon-script")
    # A story that shows the skill at work comes first where the requirement says more.
    best = indexes["demo"].rank("Automate the month-end close with Python", 1)[0]
    assert best.id == "close-automation"


@pytest.mark.parametrize(
    "requirement",
    ["Fluent German", "Nivel alto de alemán hablado y escrito", "Based in Madrid",
     "Experience with institutional investors", "AWS certification"],
)  # fmt: skip
def test_an_entry_of_the_cv_is_not_proposed_for_what_it_does_not_name(
    indexes: dict[str, EvidenceIndex], requirement: str
) -> None:
    """Another language, the city of a university, the word Institute in an issuer's name,
    the word certification alone: none of them is proof."""
    assert [m.id for m in indexes["demo"].rank(requirement, 5) if m.kind == "resume"] == []


def test_match_command_prints_ranked_evidence(demo: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("match", "northwind-equity-research", "--root", demo, "--top", "2")
    assert result.code == 0
    lines = result.out.splitlines()
    block = lines[
        lines.index(next(line for line in lines if line.startswith("data-automation "))) :
    ][:3]
    assert block[1].lstrip().startswith("1.") and "close-automation (achievement)" in block[1]
    assert "matched:" in block[1] and block[2].lstrip().startswith("2.")
    assert "confidence" in block[1] and "%" in block[1]
    assert "`--write` suggests only the best match" in result.out and "65%" in result.out


def test_match_json(demo: Path, run) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(run("match", "lumen-fpa", "--root", demo, "--format", "json").out)
    first = report["forecasting"]
    assert first["kind"] == "must" and len(first["matches"]) == 3
    assert first["matches"][0]["score"] >= first["matches"][1]["score"] > 0
    confidences = [m["confidence"] for m in first["matches"]]
    assert all(0 <= c <= 1 for c in confidences) and confidences[0] >= WRITE_CONFIDENCE
    assert first["confident"] == ["rolling-forecast"]
    assert report["languages"]["confident"] == []  # no story proves a language


SPANISH_APP = """---
company: Datalia
role: Ingeniera de datos sénior
requirements:
  - id: nube
    text: Experiencia liderando migraciones de almacenes de datos a la nube (BigQuery)
  - id: movil
    text: Desarrollo de aplicaciones móviles nativas
    kind: nice
---
"""


def test_match_speaks_the_portfolio_language(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    import shutil

    root = tmp_path / "es"
    shutil.copytree(MATCH_SET / "es", root)
    write(root, "content/applications/datalia.md", SPANISH_APP)
    result = run("match", "datalia", "--root", root, "--write")
    assert result.code == 0
    assert "[imprescindible]" in result.out and "[deseable]" in result.out
    assert "confianza" in result.out and "coincide en:" in result.out
    assert "ninguna es lo bastante convincente" in result.out  # the mobile apps
    assert "--write` solo sugiere" in result.out
    assert "Pruebas sugeridas para 1 requisito: nube." in result.err
    for english_word in ("confidence", "matched:", "must", "nice", "Suggested", "none convincing"):
        assert english_word not in result.out + result.err
    requirements = {r.id: r for r in load(root).applications["datalia"].meta.requirements}
    assert requirements["nube"].suggested[0] == "dwh-migracion-nube"
    assert requirements["movil"].suggested == []


APP = """---
company: Acme
role: Analyst
# a comment the candidate wrote
requirements:
  - id: close
    text: Automate the month-end close and bank reconciliations with Python
    evidence: []
  - id: chosen
    text: Build DCF valuation models
    evidence: [store-profitability]   # my choice
  - id: nothing
    text: Juggling flaming torches while cycling
---
Private notes stay as they are.
"""


def test_write_suggests_proof_that_counts_only_once_confirmed(demo: Path, run) -> None:  # type: ignore[no-untyped-def]
    path = write(demo, "content/applications/acme.md", APP)
    result = run("match", "acme", "--root", demo, "--write")
    assert result.code == 0
    assert "Suggested proof for 1 requirement: close." in result.err
    requirements = {r.id: r for r in load(demo).applications["acme"].meta.requirements}
    assert requirements["close"].suggested[0] == "close-automation"
    assert requirements["close"].evidence == []  # not proof until the candidate says so
    assert requirements["chosen"].evidence == ["store-profitability"]
    assert requirements["chosen"].suggested == []
    assert requirements["nothing"].evidence == requirements["nothing"].suggested == []
    text = path.read_text()
    assert "# a comment the candidate wrote" in text and "# my choice" in text
    assert text.endswith("---\nPrivate notes stay as they are.\n")
    again = run("match", "acme", "--root", demo, "--write")
    assert "nothing written" in again.err
    assert path.read_text() == text
    # A suggestion counts for nothing: check says what to confirm, coverage and pages ignore it.
    check = run("check", "--root", demo, "--format", "json")
    report = json.loads(check.out)
    assert report["coverage"]["acme"]["uncovered_must"] == ["close", "nothing"]
    assert any("'close' has suggested proof to confirm: close-automation" in w["message"]
               for w in report["warnings"])  # fmt: skip
    assert run("build", "--root", demo, "--no-pdf").code == 0
    html = (demo / "build/site/for/acme/index.html").read_text("utf-8")
    article = str(BeautifulSoup(html, "html.parser").find("article"))
    assert "Automate the month-end close" in article  # the requirement is there, unproven
    assert "close-automation" not in article and "Month-end close automation" not in article


def test_unknown_application(demo: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("match", "nope", "--root", demo)
    assert result.code == 1 and "lumen-fpa" in result.err


CV_APP = """---
company: Acme
role: Analyst
requirements:
  - id: degree
    text: Master's degree in Finance or related field
  - id: cfa
    text: CFA charterholder or progress toward it
---
"""


def test_match_shows_and_suggests_entries_of_the_cv(demo: Path, run) -> None:  # type: ignore[no-untyped-def]
    write(demo, "content/applications/acme.md", CV_APP)
    printed = run("match", "acme", "--root", demo, "--top", "1").out
    assert "1." in printed and "resume-education-master-finance (CV entry)" in printed
    report = json.loads(run("match", "acme", "--root", demo, "--format", "json").out)
    best = report["degree"]["matches"][0]
    assert (best["id"], best["kind"]) == ("resume-education-master-finance", "resume")
    assert {"master", "finance"} <= set(best["matched"])
    assert report["cfa"]["matches"][0]["id"].startswith("resume-certification-cfa-")
    assert run("match", "acme", "--root", demo, "--write").code == 0
    requirements = {r.id: r for r in load(demo).applications["acme"].meta.requirements}
    assert requirements["degree"].suggested == ["resume-education-master-finance"]
    assert requirements["degree"].evidence == []
    spanish = (demo / "site.yml").read_text().replace("language: en", "language: es")
    (demo / "site.yml").write_text(spanish)
    assert "resume-education-master-finance (entrada del CV)" in run(
        "match", "acme", "--root", demo, "--top", "1").out  # fmt: skip
