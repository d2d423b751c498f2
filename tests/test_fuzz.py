"""Property-based tests: whatever text comes in, the outcome is a valid model or a clean user error."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from builder.errors import Problems
from builder.load import load_document
from builder.models import Achievement, Application
from builder.posting import parse_posting
from builder.prices import read_prices

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
