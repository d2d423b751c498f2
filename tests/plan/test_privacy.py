"""Private stays private: public pages and PDFs are planned from public views only, the
public renderers take nothing else, and the privacy check after the build also knows a
private date, number or status in the forms the theme prints them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from pydantic import BaseModel

from builder.analyse.analysis import analyse
from builder.core.models import (
    KINDS,
    Application,
    PrivateMarker,
    Profile,
    Reference,
    Status,
)
from builder.core.words import load_locale
from builder.load.read import load
from builder.plan.kit import plan_kit
from builder.plan.privacy import Public, Secret, fold, public_view, secrets, whole_word
from builder.plan.site import Page, plan_pdfs, plan_site
from builder.publish import extract
from builder.publish.gate import inspect
from builder.publish.stage import planned_again
from builder.render.pages import render_page, render_pdf, render_private_pdf, site_spec
from builder.render.theme import Theme
from tests.conftest import REPO, TINY_ACHIEVEMENT, TINY_SITE, snapshot, write

# ---------------------------------------------------------------------------
# A portfolio with a value planted in every private field, in two variants that differ in
# every private value and in nothing public.

MARK = ("Quixhollow", "Zyntharo")  # every private text holds its variant's mark
DAY = (dt.date(2031, 3, 14), dt.date(2032, 8, 27))  # private dates are days after these
TARGET = (4321.87, 6543.21)
STATUS = ("second-round", "withdrawn")
RATING = ("sell", "hold")


def day(variant: int, plus: int) -> str:
    return (DAY[variant] + dt.timedelta(days=plus)).isoformat()


def plant(root: Path, variant: int, language: str = "en") -> Path:
    """The tiny portfolio, a public application, and private values of every kind."""
    m = MARK[variant]
    write(root, "site.yml", TINY_SITE + f"language: {language}\n")
    write(root, "content/profile.md", f"""
        ---
        name: Test Person
        headline: Analyst who counts things
        email: test@example.com
        private:
          phone: "+34 699 {variant}00 111"
          birthday: "{day(variant, 0)}"
          salary: "{98765 + variant}"
          note: {m} keeps the real reason private
        ---
        I count things carefully.
        """)  # fmt: skip
    write(root, "content/achievements/faster-reporting.md", TINY_ACHIEVEMENT)
    write(root, "content/achievements/hidden-story.md", f"""
        ---
        title: {m} turnaround
        result: {m} margin up {31 + variant}%
        date: {day(variant, 1)[:7]}
        organization: {m} Ltd
        role: {m} analyst
        skills: [{m} modelling]
        metrics: ["{m} cost down {17 + variant}%"]
        situation: {m} was losing money.
        task: {m} needed a plan.
        action: {m} got a new model.
        visibility: private
        ---
        The whole {m} story, long enough to be a line of its own.
        """)  # fmt: skip
    write(root, f"content/samples/hidden-sample/{m.lower()}.txt", f"{m} data\n")
    write(root, "content/samples/hidden-sample/index.md", f"""
        ---
        title: {m} model
        summary: {m} summary of the model.
        date: {day(variant, 2)}
        skills: [{m} skills]
        files: [{m.lower()}.txt]
        link: https://{m.lower()}.example.com/model
        visibility: private
        ---
        What the {m} model does, long enough to be a line.
        """)  # fmt: skip
    write(root, f"content/briefs/data/{m.lower()}.csv",
          f"Date,Close\n{day(variant, 3)},{TARGET[variant] - 100}\n{day(variant, 4)},{TARGET[variant] - 99}\n")  # fmt: skip
    write(root, "content/briefs/hidden-brief.md", f"""
        ---
        ticker: QX{variant}
        company: {m} Holdings
        rating: {RATING[variant]}
        price_target: {TARGET[variant]}
        title: {m} is overvalued
        exchange: {m} Exchange
        currency: {("EUR", "GBP")[variant]}
        sector: {m} industry
        price: {TARGET[variant] + 1111.11}
        as_of: {day(variant, 4)}
        horizon_months: {18 + variant}
        prices: data/{m.lower()}.csv
        valuation:
          - {{metric: {m} multiple, value: {12345.67 + variant}, peers: {23456.78 + variant}}}
        peers:
          - {{name: {m} Peer, ticker: QXP{variant}, multiples: {{{m} multiple: {21098.7 + variant}}}}}
        shares: {98761.4 + variant}
        net_cash: {87651.3 + variant}
        estimates:
          - {{year: {m}FY, actual: true, revenue: {76543.2 + variant}, ebitda: {65432.1 + variant},
              ebit: {54321.9 + variant}, eps: {1234.5 + variant}, consensus_revenue: {43219.8 + variant},
              consensus_eps: {32198.7 + variant}}}
        derivation:
          metric: eps
          year: {m}FY
          multiple: {2 + variant}
          adjustments: [{{label: {m} adjustment, value: {TARGET[variant] - (2 + variant) * (1234.5 + variant):.2f}}}]
        source: {m} source
        catalysts: [{m} catalyst]
        risks: [{m} risk]
        disclosure: {m} disclosure.
        visibility: private
        ---
        The {m} thesis, long enough to be a line of its own.
        """)  # fmt: skip
    write(root, "content/applications/acme.md", f"""
        ---
        company: Acme Analytics
        role: Senior analyst
        requirements:
          - {{id: sql, text: Strong SQL, evidence: [faster-reporting]}}
        status: {STATUS[variant]}
        applied: {day(variant, 5)}
        interviews:
          - date: {day(variant, 6)}T09:30
            round: {3 + variant}
            interviewers:
              - id: {m.lower()}-cfo
                name: Zora {m}
                role: {m} CFO
                email: zora@{m.lower()}.example.org
                greeting: Dear {m},
                priorities: [sql]
                concerns:
                  - {m} worries about scale
                  - {{text: {m} doubts the tenure, answer: {m} answer in my own words}}
                asked_for: [faster-reporting]
                notes: {m} notes about the interview
                opening: {m} opening in my own words
                closing: {m} closing in my own words
                body: "{m} body in **my** own words"
                followup_sent: {day(variant, 7)}
        contacts:
          - name: Ulric {m}
            relation: {m} college friend
            channel: {m} channel
            contacted: {day(variant, 8)}
            notes: {m} notes about the contact
        references: [{m.lower()}-ref]
        questions: [How does {m} plan the team?]
        ---
        {m} private notes, long enough to be a line.
        """)  # fmt: skip
    write(root, "content/references.yml", f"""
        - id: {m.lower()}-ref
          name: Vesna {m}
          relation: {m} former boss
          email: vesna@{m.lower()}.example.net
          greeting: Querida {m}
          phone: "+44 20 7946 09{58 + variant}"
          can_speak_to: [sql, {m} leadership]
        """)  # fmt: skip
    return root


def private_fields(model: type[BaseModel], hidden: bool, prefix: str = "") -> set[str]:
    """The field paths (without list indices) of a model that hold private values."""
    found = set()
    for name, info in model.model_fields.items():
        private = hidden or any(isinstance(m, PrivateMarker) for m in info.metadata)
        path = f"{prefix}{name}"
        args = [get_args(a)[0] if get_origin(a) is Annotated else a
                for a in get_args(info.annotation) or [info.annotation]]  # fmt: skip
        inner = [a for a in args if isinstance(a, type)]
        models = [a for a in inner if issubclass(a, BaseModel)]
        for nested in models:
            found |= private_fields(nested, private, path + ".")
        if private and not models and name != "visibility":
            found.add(path)
    return found


def every_private_value(root: Path) -> dict[str, list[Any]]:
    """Every private value of the portfolio, by kind of document and field."""
    portfolio = load(root)
    found: dict[str, list[Any]] = {}
    documents = [("profile", portfolio.profile)]
    documents += [(kind, doc) for kind, docs in (
        ("achievement", portfolio.achievements), ("sample", portfolio.samples),
        ("brief", portfolio.briefs), ("application", portfolio.applications),
    ) for doc in docs.values()]  # fmt: skip
    for kind, doc in documents:
        for path, values in _dotted(doc.meta, not doc.public).items():
            found.setdefault(f"{kind}:{path}", []).extend(values)
    for reference in portfolio.references.values():
        for path, values in _dotted(reference, True).items():
            found.setdefault(f"reference:{path}", []).extend(values)
    return found


def _dotted(value: Any, hidden: bool, prefix: str = "") -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}

    def add(path: str, items: list[Any]) -> None:
        found.setdefault(path, []).extend(items)

    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            private = hidden or any(isinstance(m, PrivateMarker) for m in info.metadata)
            field = getattr(value, name)
            dot = "." if isinstance(field, BaseModel) else ""  # a nested model: derivation.year
            for path, items in _dotted(field, private, f"{prefix}{name}{dot}").items():
                add(path, items)
        return found
    if isinstance(value, list):
        for item in value:
            inner = _dotted(item, hidden, prefix + "." if isinstance(item, BaseModel) else prefix)
            for path, items in inner.items():
                add(path, items)
        return found
    if hidden and isinstance(value, dict) and value:
        add(prefix, list(value.values()))
    elif hidden and value is not None and not isinstance(value, dict):
        add(prefix, [value])
    return found


def test_every_private_field_of_every_model_is_planted(tmp_path: Path) -> None:
    """The portfolio below holds a value in each private field; a new private field fails
    this test until it gets one (and so is checked by the tests that follow)."""
    wanted = {f"profile:{p}" for p in private_fields(Profile, False)}
    wanted |= {f"reference:{p}" for p in private_fields(Reference, True)}
    wanted |= {f"application:{p}" for p in private_fields(Application, False)}
    for kind in ("achievement", "sample", "brief"):
        wanted |= {f"{kind}:{p}" for p in private_fields(KINDS[kind], True)}
    held = {path for path, values in every_private_value(plant(tmp_path, 0)).items() if values}
    assert wanted - held == set()
    assert "application:interviews.interviewers.followup_sent" in wanted
    assert "brief:valuation.peers" in wanted and "application:status" in wanted


# ---------------------------------------------------------------------------
# The built site holds none of them, in any form


def forms_of(value: Any, language: str) -> list[str]:
    """How a template could print a value: as it is, and dates and numbers as the locale
    writes them (made here with Babel, not with the builder's own functions)."""
    if isinstance(value, float):
        found = [str(value), format_decimal(value, format="#,##0.00", locale=language)]
        return found + [format_decimal(value, format="#,##0.0#", locale=language)]
    if isinstance(value, int):
        return []  # an interview's round or a horizon in months: too short to tell anything
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", text):
        date = dt.date.fromisoformat(text[:10])
        styles = [format_date(date, s, locale=language) for s in ("short", "medium", "long")]
        return [text, text[:10], *styles]
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return [text, format_date(dt.date.fromisoformat(text + "-01"), "MMM y", locale=language)]
    return [text]


def published_text(site: Path) -> dict[str, str]:
    """Every file of the site as the privacy check reads it (page text and metadata of PDFs,
    members of archives, metadata of images) and as raw bytes, with its name; folded (any
    case, accents and spacing), as the check compares."""
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            pieces = [piece.text for piece in extract.read(data).pieces]
            name = path.relative_to(site).as_posix()
            found[name] = fold("\n".join([name, *pieces, data.decode("latin-1")]))
    return found


def found_as_word(needle: str, texts: dict[str, str]) -> list[str]:
    wanted = re.compile(re.escape(fold(needle)))
    return [name for name, text in texts.items()
            if any(whole_word(text, m.start(), m.end()) for m in wanted.finditer(text))]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_private_value_reaches_the_site_in_any_form(tmp_path: Path, run, language: str) -> None:  # type: ignore[no-untyped-def]
    """Two portfolios that differ in every private value, and in nothing else, build the
    same site byte for byte; and no private value is in it, in any form a template prints."""
    sites = []
    for variant in (0, 1):
        root = plant(tmp_path / f"v{variant}", variant, language)
        result = run("build", "--root", root)
        assert result.code == 0, result.err  # and the privacy check refused nothing
        sites.append(snapshot(root / "build/site"))
    assert sites[0] == sites[1]
    assert any(name.endswith(".pdf") for name in sites[0])
    texts = published_text(tmp_path / "v0/build/site")
    labels = load_locale(tmp_path / "v0", "default", language)
    for variant in (0, 1):
        assert all(fold(MARK[variant]) not in text for text in texts.values())
        for path, values in every_private_value(tmp_path / f"v{variant}").items():
            if path.endswith(("rating", "currency", "visibility", "asked_for")):
                continue  # 'sell', 'EUR', 'private', ids of public work: words of every site; the sites are the same
            for value in values:
                for form in forms_of(value, language):
                    if len(re.sub(r"\W", "", form)) >= 4:
                        assert found_as_word(form, texts) == [], (path, form)
        status = STATUS[variant]
        for word in (status, labels(f"status.stages.{status}")):
            assert found_as_word(word, texts) == [], word


# ---------------------------------------------------------------------------
# Public views: what public templates receive


def walk(value: Any, where: str = "") -> list[tuple[str, Any]]:
    """Every leaf of a public view, with its path."""
    if isinstance(value, Public):
        return [leaf for key, item in value.items() for leaf in walk(item, f"{where}.{key}")]
    if isinstance(value, tuple):
        return [leaf for i, item in enumerate(value) for leaf in walk(item, f"{where}[{i}]")]
    return [(where, value)]


def planned_views(root: Path) -> list[tuple[str, Public]]:
    portfolio = load(root)
    t = load_locale(root, portfolio.site.theme, portfolio.site.language)
    analysis = analyse(portfolio, dt.date(2031, 1, 1), t)
    plan = plan_site(portfolio, analysis, t)
    views = [("site", plan.site)] + [(page.path, page.context) for page in plan.pages]
    return views + [(doc.target, doc.context) for doc in plan_pdfs(portfolio, analysis, t)]


PUBLIC_LEAVES = (str, int, float, dt.date, type(None))


@pytest.mark.parametrize("portfolio", ["demo", "planted"])
def test_public_pages_and_pdfs_are_planned_from_public_values_only(
    tmp_path: Path, demo: Path, portfolio: str
) -> None:
    root = demo if portfolio == "demo" else plant(tmp_path / "p", 0)
    private = every_private_value(root)
    secret_dates = {str(v)[:10] for values in private.values() for v in values
                    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?(T.*)?", str(v))}  # fmt: skip
    secret_numbers = {v for values in private.values() for v in values if isinstance(v, float)}
    views = planned_views(root)
    assert len(views) > 5
    for name, view in views:
        assert isinstance(view, Public), name
        for where, value in walk(view):
            assert isinstance(value, PUBLIC_LEAVES), (name, where, type(value))
            assert not isinstance(value, BaseModel)
            if isinstance(value, dt.date):
                assert value.isoformat()[:10] not in secret_dates, (name, where)
            if isinstance(value, str):
                assert fold(MARK[0]) not in fold(value), (name, where)
                assert value[:10] not in secret_dates or value in {"", None}, (name, where)
            if isinstance(value, float):
                assert value not in secret_numbers, (name, where)
            assert where.rsplit(".", 1)[-1] not in {"status", "interviews", "contacts",
                                                    "references", "questions", "applied"}  # fmt: skip


def test_a_public_view_holds_only_public_kinds_of_values(tiny: Path) -> None:
    portfolio = load(tiny)
    profile = public_view(portfolio.profile.meta)
    assert "private" not in profile and profile.name == "Test Person" == profile["name"]
    assert dict(profile.links) == {"GitHub": "https://github.com/tester"}
    with pytest.raises(TypeError, match="public_view"):
        Public(meta=portfolio.profile.meta)
    with pytest.raises(TypeError):
        Public(path=tiny)
    with pytest.raises(AttributeError):
        profile.name = "Someone else"  # type: ignore[misc]
    nested = Public(rows=[{"a": [1, 2], "when": dt.date(2024, 6, 1)}])
    assert nested.rows[0].a == (1, 2) and isinstance(nested["rows"][0], Public)


def test_public_renderers_refuse_anything_but_a_public_view(tmp_path: Path) -> None:
    root = plant(tmp_path / "p", 0)
    portfolio = load(root)
    t = load_locale(root, "default", "en")
    theme = Theme(root, "default", t)
    analysis = analyse(portfolio, dt.date(2031, 1, 1), t)
    plan = plan_site(portfolio, analysis, t)
    page, pdf = plan.pages[0], plan_pdfs(portfolio, analysis, t)[0]
    assert render_page(theme, page).markdown and render_pdf(theme, pdf).html
    prep = plan_kit(portfolio, analysis, t).prep[0]
    assert "Zora " + MARK[0] in render_private_pdf(theme, prep).html
    for wrong in ({"profile": {"meta": {"name": "x"}}}, portfolio.profile.meta, prep):
        with pytest.raises(TypeError):
            render_page(theme, wrong)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            render_pdf(theme, wrong)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            site_spec(wrong, theme)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        render_private_pdf(theme, pdf)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Page("x.md", "site/home.md", "x", dict(page.context))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        dataclasses.replace(pdf, context=prep.context)
    with pytest.raises(ValueError):
        dataclasses.replace(pdf, target=prep.target)
    forged = object.__new__(Page)
    object.__setattr__(forged, "__dict__", {**page.__dict__, "context": {"doc": "x"}})
    with pytest.raises(TypeError):
        render_page(theme, forged)


# ---------------------------------------------------------------------------
# The privacy check after the build: private dates, numbers and statuses


def with_theme(root: Path, template: str, text: str) -> None:
    site = (root / "site.yml").read_text("utf-8")
    (root / "site.yml").write_text(site + "theme: mine\n", "utf-8")
    original = (REPO / "themes/default" / template).read_text("utf-8")
    write(root, f"themes/mine/{template}", original + "\n" + text + "\n")


JOB = "content/applications/acme.md"


@pytest.mark.parametrize(
    ("language", "printed", "value", "origin"),
    [
        ("en", '{{ t("status.stages.second-round") }}', "second round", f"{JOB} (status)"),
        ("en", "{{ '2031-03-20' | date }}", "Mar 20, 2031", f"{JOB} (interviews[0].date)"),
        ("en", "{{ '2031-03-20' | date('long') }}", "March 20, 2031", f"{JOB} (interviews[0].date)"),
        ("en", "Interview: 2031-03-20T09:30", "2031-03-20", f"{JOB} (interviews[0].date)"),
        ("en", "Applied {{ '2031-03-19' | date('short') }}", "3/19/31", f"{JOB} (applied)"),
        ("es", '{{ t("status.stages.second-round") }}', "segunda ronda", f"{JOB} (status)"),
        ("es", "{{ '2031-03-20' | date }}", "20 mar 2031", f"{JOB} (interviews[0].date)"),
        ("en", "{{ 12345.67 | number }}", "12,345.67",
         "content/briefs/hidden-brief.md (valuation[0].value)"),
        ("es", "{{ 4321.87 | number }} EUR", "4.321,87",
         "content/briefs/hidden-brief.md (price_target)"),
    ],
)  # fmt: skip
def test_a_theme_that_prints_a_private_date_number_or_status_is_refused(  # type: ignore[no-untyped-def]
    tmp_path: Path, run, language: str, printed: str, value: str, origin: str
) -> None:
    """A template cannot reach the status or the interviews (they are not in its public
    view), but a theme that writes them in anyway is caught by the check after the build."""
    root = plant(tmp_path / "p", 0, language)
    with_theme(root, "site/application.md", f"Stage: {printed}")
    result = run("build", "--root", root, "--no-pdf")  # the page is enough
    assert result.code == 1
    said = {
        "en": f"contains private value '{value}' from",
        "es": f"contiene el dato privado «{value}» de",
    }
    assert f"for/acme/index.html: {said[language]} {origin}" in result.err
    assert not (root / "build").exists()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "'status' is not among what this page or PDF may show: public templates get the "
               "public fields only"),
        ("es", "'status' no está entre lo que esta página o este PDF pueden mostrar: las "
               "plantillas públicas solo reciben los campos públicos"),
    ],
)  # fmt: skip
def test_a_template_asking_for_the_status_fails_with_its_file(  # type: ignore[no-untyped-def]
    tmp_path: Path, run, language: str, said: str
) -> None:
    """The first lock: the status is not in a public view, so a template naming it fails
    as a template, named with its file and line, before anything is written."""
    root = plant(tmp_path / "p", 0, language)
    with_theme(root, "site/application.md", "Stage: {{ doc.meta.status }}")
    result = run("build", "--root", root)
    assert result.code == 1
    written = (root / "themes/mine/site/application.md").read_text("utf-8").splitlines()
    line = written.index("Stage: {{ doc.meta.status }}") + 1
    assert f"themes/mine/site/application.md:{line}: template: {said}" in result.err
    assert "`secondround schema`" in result.err
    assert not (root / "build").exists()


def with_status(portfolio: Any, status: str) -> Any:
    apps = {slug: dataclasses.replace(app, meta=app.meta.model_copy(update={"status": status}))
            for slug, app in portfolio.applications.items()}  # fmt: skip
    return dataclasses.replace(portfolio, applications=apps)


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_status_is_refused_when_no_template_prints_it(  # type: ignore[no-untyped-def]
    tmp_path: Path, demo: Path, run, language: str
) -> None:
    """The demo's site, with its applications in each status in turn: the names of the
    statuses are common words ('offer', 'applied'), but none is refused where the site does
    not print it."""
    site = (demo / "site.yml").read_text().replace("language: en", f"language: {language}")
    (demo / "site.yml").write_text(site)
    assert run("build", "--root", demo).code == 0
    portfolio = load(demo)
    t = load_locale(demo, "default", language)
    shown = planned_again(portfolio, t)
    searched = []
    for status in get_args(Status):
        needles = secrets(with_status(portfolio, status), t, shown)
        words = {s.text for s in needles if s.word}
        searched += [status] if {status, t(f"status.stages.{status}")} & words else []
        verdict = inspect(demo / "build/site", needles, shown=shown, cache=tmp_path, jobs=2)
        assert verdict, (status, [leak.secret.text for leak in verdict.leaks])
    assert len(searched) >= 5, searched  # the others are words the site shows anyway


def test_a_private_date_also_shown_on_purpose_is_no_secret(tiny: Path) -> None:
    """A story dated the day of an interview: the date is public, and not refused."""
    write(tiny, "content/applications/acme.md",
          "---\ncompany: Acme\nrole: Analyst\ninterviews: [{date: 2024-06-12, round: 1}]\n"
          "applied: 2024-06-03\n---\n")  # fmt: skip
    story = (tiny / "content/achievements/faster-reporting.md").read_text()
    (tiny / "content/achievements/faster-reporting.md").write_text(
        story.replace("date: 2024-06", "date: 2024-06-12")
    )
    words = {s.text for s in secrets(load(tiny)) if s.word}
    assert "2024-06-12" not in words and "Jun 12, 2024" not in words
    assert {"2024-06-03", "Jun 3, 2024", "June 3, 2024", "6/3/24"} <= words


def test_a_date_or_number_is_found_as_a_whole_word_only() -> None:
    text = fold("Met on 18 nov 2026 · target 1,187.50 or 187.505 · 2026-11-08T10:00")
    assert not any(whole_word(text, m.start(), m.end()) for m in re.finditer("8 nov 2026", text))
    assert not any(whole_word(text, m.start(), m.end()) for m in re.finditer(r"187\.50", text))
    hit = re.search("2026-11-08", text)
    assert hit and whole_word(text, hit.start(), hit.end())


def test_files_published_as_they_are_are_not_searched_for_dates(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A price series holds every trading day: an interview on one of them is no leak,
    while the same date written into a page by a template is."""
    write(tiny, "content/applications/acme.md",
          "---\ncompany: Acme\nrole: Analyst\ninterviews: [{date: 2026-11-18, round: 1}]\n---\n")  # fmt: skip
    write(tiny, "content/samples/prices/index.md",
          "---\ntitle: Prices\nsummary: Daily closes.\nfiles: [closes.csv]\n---\nThe series.\n")  # fmt: skip
    earlier = "".join(f"2026-10-{day:02},10\n" for day in range(1, 26))  # the preview's rows
    write(tiny, "content/samples/prices/closes.csv",
          f"Date,Close\n{earlier}2026-11-17,10\n2026-11-18,11\n")  # fmt: skip
    assert run("build", "--root", tiny).code == 0
    found = [Secret("2026-11-18", "x", word=True)]
    site = tiny / "build/site"
    portfolio = load(tiny)
    shown = planned_again(portfolio, load_locale(tiny, "default", "en"))
    assert inspect(site, found, shown=shown)
    (site / "index.html").write_text((site / "index.html").read_text() + "2026-11-18")
    leaks = inspect(site, found, shown=shown).leaks
    assert [leak.file for leak in leaks] == ["index.html"]


def test_a_number_too_long_to_format_is_searched_as_written() -> None:
    from builder.core.words import english
    from builder.plan.privacy import number_forms

    huge = "99999999999999999999999999"  # a reference's "name" once crashed the check
    assert number_forms(float(huge), english(), huge)[0] == huge
