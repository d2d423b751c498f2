"""Property-based tests: whatever text comes in, the outcome is a valid model or a clean user error."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from builder.app.posting import parse_posting
from builder.core.errors import Problems
from builder.core.models import Achievement, Application
from builder.load.prices import read_prices
from builder.load.read import load_document

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
    st.sampled_from(["2024-06", "2024-02-30", "https://x.example", "no", "~", "[", "{a: 1}", "- x", "\t"]),
)  # fmt: skip
structures = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)
keys = st.sampled_from(["title", "result", "date", "skills", "metrics", "visibility", "company", "role",
                        "requirements", "interviews", "status", "evidence", "id", "text", "kind", "tittle"])  # fmt: skip


def outcome(path: Path, model: type) -> None:  # type: ignore[type-arg]
    problems = Problems(path.parent)
    document = load_document(path, model, problems)
    assert (document is None) == bool(problems.items)
    for problem in problems.items:
        assert problem.path == path.name and problem.message


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_as_a_content_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "story.md"
    path.write_text(text, "utf-8")
    outcome(path, Achievement)


@SETTINGS
@given(st.dictionaries(keys, structures, max_size=8), st.text(max_size=60))
def test_any_structure_as_front_matter(tmp_path: Path, data: dict, body: str) -> None:  # type: ignore[type-arg]
    import io

    out = io.StringIO()
    YAML(typ="safe").dump(data, out)
    path = tmp_path / "app.md"
    path.write_text(f"---\n{out.getvalue()}---\n{body}", "utf-8")
    outcome(path, Application)
    outcome(path, Achievement)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_as_a_content_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "story.md"
    path.write_bytes(b"---\n" + data)
    outcome(path, Achievement)


headings = st.sampled_from(["Requirements", "## Nice to have", "**Qualifications**", "BENEFITS:", "Requisitos",
                            "Se valorará:", "<h3>Responsibilities</h3>", "About us", "", "Funciones"])  # fmt: skip
items = st.text(alphabet=string.printable + "áéíóúñ€•–", max_size=60).map(lambda t: "- " + t)


@SETTINGS
@given(st.lists(st.one_of(headings, items, st.text(max_size=80)), max_size=25))
def test_any_posting_gives_requirements_with_unique_ids(lines: list[str]) -> None:
    found = parse_posting("\n".join(lines))
    ids = [r.id for r in found]
    assert len(ids) == len(set(ids))
    assert all(r.text.strip() and r.kind in {"must", "nice"} and r.id for r in found)


@SETTINGS
@given(st.text(max_size=2000))
def test_any_text_as_a_posting(text: str) -> None:
    for requirement in parse_posting(text):
        assert requirement.text == requirement.text.strip()


cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2024-01-02", "2024-13-01", "10.5", "-3", "0", "null", "1e309", "nan"]),
)


@SETTINGS
@given(st.lists(st.lists(cells, min_size=1, max_size=7), max_size=30), st.booleans())
def test_any_csv_as_prices(tmp_path: Path, rows: list[list[str]], header: bool) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"])
    writer.writerows(rows)
    path = tmp_path / "p.csv"
    path.write_text(out.getvalue(), "utf-8")
    problems = Problems(tmp_path)
    series = read_prices(path, problems)
    assert (series is None) == bool(problems.items)
    if series is not None:
        assert len(series.dates) >= 2 and list(series.dates) == sorted(set(series.dates))
        assert all(price > 0 for price in series.close + series.adjusted)


@SETTINGS
@given(st.binary(max_size=500))
def test_any_bytes_as_prices(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(data)
    problems = Problems(tmp_path)
    assert (read_prices(path, problems) is None) == bool(problems.items)


# ---------------------------------------------------------------------------
# Whole builds: any name or title ends in a site and one-recipient drafts, or in a clean error

HOSTILE_NAMES = [
    "Ortega, Javier", "Dra. María José García López", "山田太郎", "Prince", "<script>x</script>",
    "[a](javascript:b)", "**x** _y_ `z`", "Ana\nRuiz", "Ana\r\nBcc: x@y.z", "A\u2028B", "\x00",
    "   ", "a" * 300, "Ruiz, PhD", ", ,", "=?utf-8?q?x?=", '"Quoted" <x@y.z>', "-", "1. x", "#",
]  # fmt: skip
# Mostly text a person could type (so that most builds get as far as the mail), sometimes
# anything at all, sometimes a known troublemaker.
typed = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
).filter(str.strip)
KINDS = {"typed": typed, "any": st.text(max_size=40), "hostile": st.sampled_from(HOSTILE_NAMES)}
texts = st.sampled_from(["typed"] * 10 + ["any", "hostile"]).flatmap(KINDS.__getitem__)


def _yaml(data: object) -> str:
    import io

    out = io.StringIO()
    YAML(typ="safe").dump(data, out)
    return out.getvalue()


def _portfolio(root: Path, site: str, person: str, title: str, company: str, role: str,
               interviewer: str, reference: str) -> None:  # fmt: skip
    (root / "content/achievements").mkdir(parents=True)
    (root / "content/applications").mkdir()
    (root / "site.yml").write_text(
        _yaml({"title": site, "url": "https://x.example.org/", "language": "es"}), "utf-8"
    )
    front = {"name": person, "email": "me@example.org"}
    (root / "content/profile.md").write_text(f"---\n{_yaml(front)}---\n", "utf-8")
    story = {"title": title, "result": title}
    (root / "content/achievements/story.md").write_text(f"---\n{_yaml(story)}---\n", "utf-8")
    app = {
        "company": company, "role": role, "references": ["ref"],
        "interviews": [{"date": "2024-01-10", "interviewers": [
            {"id": "person", "name": interviewer, "email": "them@example.org"}]}],
    }  # fmt: skip
    (root / "content/applications/job.md").write_text(f"---\n{_yaml(app)}---\n", "utf-8")
    references = [{"id": "ref", "name": reference, "email": "ref@example.org"}]
    (root / "content/references.yml").write_text(_yaml(references), "utf-8")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts, texts, texts, texts, texts, texts, texts)
def test_any_names_and_titles_build_or_fail_cleanly(
    tmp_path: Path, site: str, person: str, title: str, company: str, role: str,
    interviewer: str, reference: str,
) -> None:  # fmt: skip
    import email
    import tempfile
    from email import policy
    from email.utils import getaddresses

    from bs4 import BeautifulSoup

    from builder.app.cli import main

    root = Path(tempfile.mkdtemp(dir=tmp_path))
    _portfolio(root, site, person, title, company, role, interviewer, reference)
    code = main(["build", "--root", str(root), "--no-pdf"])
    assert code in (0, 1)  # never 3, an internal error
    event(f"exit {code}")
    if code == 1:  # a content error, or the privacy check refusing to publish
        assert not (root / "build/site").exists()
        return
    drafts = sorted((root / "build/private/job").glob("*.eml"))
    assert [d.name for d in drafts] == ["followup-person.eml", "reference-ref.eml"]
    for draft in drafts:
        msg = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
        recipients = getaddresses(msg.get_all("To", []) + msg.get_all("Cc", []))
        assert len(recipients) == 1 and recipients[0][1].endswith("@example.org")
        assert len(getaddresses(msg.get_all("From", []))) == 1
        assert msg.get_body(("plain",)).get_content().splitlines()[0].strip()  # type: ignore[union-attr]
    page = root / "build/site/achievements/story/index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    flat = " ".join(title.split())
    assert soup.title.get_text() == f"{flat} - {' '.join(site.split())}"
    for permalink in soup.select("h1 a.headerlink"):
        permalink.decompose()
    assert " ".join(soup.find("h1").get_text().split()) == flat
