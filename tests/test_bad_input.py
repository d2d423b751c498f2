"""A catalogue of bad input: each case exits 1 with the file, line and field, no traceback,
and leaves the previous build exactly as it was."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import snapshot, write

Mutation = Callable[[Path], None]

APP = "content/applications/acme.md"
STORY = "content/achievements/faster-reporting.md"
GOOD_APP = """---
company: Acme
role: Analyst
requirements:
  - id: sql
    text: Strong SQL
    evidence: [faster-reporting]
interviews:
  - date: 2026-11-20T10:00
    interviewers:
      - name: Pat Doe
        priorities: [sql]
references: [ref]
---
"""
REFS = "- id: ref\n  name: Rita Ref\n  email: rita@example.org\n"


def text(relative: str, content: str | bytes) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    return mutate


def replace(relative: str, old: str, new: str) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / relative
        before = path.read_text("utf-8")
        assert old in before, f"{old!r} not in {relative}"
        path.write_text(before.replace(old, new, 1), "utf-8")

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(root: Path) -> None:
        for mutation in mutations:
            mutation(root)

    return mutate


def sample(files: str) -> Mutation:
    return both(
        text("content/samples/model/index.md", f"---\ntitle: M\nsummary: S\nfiles: {files}\n---\n"),
        text("content/samples/model/model.csv", "a,b\n1,2\n"),
    )


def symlink_outside(root: Path) -> None:
    sample("[leak.txt]")(root)
    (root / "secret.txt").write_text("outside content/")
    os.symlink(root / "secret.txt", root / "content/samples/model/leak.txt")


def brief(prices: str, extra: str = "") -> Mutation:
    return both(
        text("content/briefs/acme.md",
             f"---\nticker: ACME\ncompany: Acme\nrating: hold\nprice_target: 100\nprices: data/p.csv\n{extra}---\n"),
        text("content/briefs/data/p.csv", prices),
    )  # fmt: skip


def theme(template: str, content: str) -> Mutation:
    return both(
        replace("site.yml", "url:", "theme: mine\nurl:"),
        text(f"themes/mine/{template}", content),
    )


# (id, mutation, expected location "file:line[:column]: field", words of the message)
CASES: list[tuple[str, Mutation, str, str]] = [
    ("yaml-tab", text(STORY, "---\ntitle: T\nresult: 1 x\nskills:\n\t- SQL\n---\n"), f"{STORY}:5:", "tab"),
    ("yaml-unclosed-quote", text(STORY, '---\ntitle: "T\nresult: 1 x\n---\n'), f"{STORY}:", "YAML syntax"),
    ("yaml-unclosed-bracket", text(STORY, "---\ntitle: T\nresult: 1 x\nskills: [SQL\n---\n"), f"{STORY}:4:", "close the"),
    ("yaml-duplicate-key", text(STORY, "---\ntitle: A\nresult: 2 x\ntitle: B\n---\n"), f"{STORY}:4:", "duplicate key"),
    ("front-matter-not-closed", text(STORY, "---\ntitle: A\nresult: 2 x\n"), f"{STORY}:1:", "not closed"),
    ("front-matter-missing", text(STORY, "# Just a heading\n"), f"{STORY}:1:", "no front matter"),
    ("front-matter-a-list", text(STORY, "---\n- a\n- b\n---\n"), f"{STORY}:2:", "mapping"),
    ("wrong-type-list", replace(STORY, "skills: [SQL]", "skills: SQL"), f"{STORY}:5:1: skills:", "must be a list"),
    ("wrong-type-text", replace(STORY, "title: Faster reporting", "title: [a, b]"), f"{STORY}:2:1: title:", "must be text"),
    ("wrong-type-number", brief("Date,Close\n2024-01-02,10\n2024-01-03,11\n", "horizon_months: soon\n"), "content/briefs/acme.md:7:1: horizon_months:", "must be a number"),
    ("wrong-type-bool", replace("site.yml", "url:", "pdf: {qr_code: maybe}\nurl:"), "site.yml:2:7: pdf.qr_code:", "true or false"),
    ("unknown-key", replace(STORY, "metrics:", "metrcs:"), f"{STORY}:6:1: metrcs:", "did you mean `metrics`"),
    ("unknown-key-in-site", replace("site.yml", "url:", "langauge: es\nurl:"), "site.yml:2:1: langauge:", "did you mean `language`"),
    ("missing-required", replace(STORY, "result: Report cut from 5 to 2 days\n", ""), f"{STORY}:2:1: result:", "required"),
    ("missing-required-name", replace("content/profile.md", "name: Test Person\n", ""), "content/profile.md:2:1: name:", "required"),
    ("bad-date", replace(STORY, "date: 2024-06", "date: June 2024"), f"{STORY}:4:1: date:", "not an ISO date"),
    ("impossible-date", replace(STORY, "date: 2024-06", "date: 2024-02-30"), f"{STORY}:4:1: date:", "not a real date"),
    ("bad-url", replace("content/profile.md", "https://github.com/tester", "github.com/tester"), "content/profile.md:6:3: links.GitHub:", "https://"),
    ("bad-site-url", replace("site.yml", "https://tester.github.io/portfolio/", "tester.github.io"), "site.yml:2:1: url:", "web address"),
    ("bad-email", replace("content/profile.md", "test@example.com", "test-at-example"), "content/profile.md:4:1: email:", "email address"),
    ("bad-choice", both(text(APP, GOOD_APP.replace("text: Strong SQL", "text: Strong SQL\n    kind: maybe")), text("content/references.yml", REFS)), f"{APP}:7:5: requirements[0].kind:", "'must'"),
    ("duplicate-id-across-kinds", text("content/samples/faster-reporting.md", "---\ntitle: S\nsummary: S\n---\n"), "content/samples/faster-reporting.md:1:", "already used"),
    ("duplicate-requirement-id", both(text(APP, GOOD_APP.replace("    evidence: [faster-reporting]\n", "    evidence: [faster-reporting]\n  - id: sql\n    text: Again\n")), text("content/references.yml", REFS)), f"{APP}:8:5: requirements[1].id:", "used twice"),
    ("unknown-evidence", both(text(APP, GOOD_APP.replace("[faster-reporting]", "[faster-reportin]")), text("content/references.yml", REFS)), f"{APP}:7:16: requirements[0].evidence[0]:", "did you mean 'faster-reporting'"),
    ("unknown-priority", both(text(APP, GOOD_APP.replace("priorities: [sql]", "priorities: [python]")), text("content/references.yml", REFS)), f"{APP}:12:22: interviews[0].interviewers[0].priorities[0]:", "not a requirement id"),
    ("unknown-reference", text(APP, GOOD_APP), f"{APP}:13:14: references[0]:", "unknown reference"),
    ("private-evidence", both(text(APP, GOOD_APP), text("content/references.yml", REFS), replace(STORY, "skills:", "visibility: private\nskills:")), f"{APP}:7:16: requirements[0].evidence[0]:", "private"),
    ("missing-attachment", sample("[model.csv, gone.csv]"), "content/samples/model/index.md:4:", "not found"),
    ("attachment-escapes", both(sample("[../../../secret.txt]"), text("secret.txt", "x")), "content/samples/model/index.md:4:", "outside content/"),
    ("attachment-absolute", sample("[/etc/hostname]"), "content/samples/model/index.md:4:", "absolute path"),
    ("attachment-symlink-outside", symlink_outside, "content/samples/model/index.md:4:9: files[0]:", "symbolic link"),
    ("missing-photo", replace("content/profile.md", "email:", "photo: me.jpg\nemail:"), "content/profile.md:4:1: photo:", "not found"),
    ("not-utf8", text(STORY, b"---\ntitle: Caf\xe9\nresult: 2 x\n---\n"), f"{STORY}:2:", "not UTF-8"),
    ("byte-order-mark", text(STORY, "\ufeff---\ntitle: T\nresult: 2 x\n---\n"), f"{STORY}:1:", "byte-order mark"),
    ("empty-file", text(STORY, ""), f"{STORY}:1:", "is empty"),
    ("empty-profile", text("content/profile.md", "---\n---\n"), "content/profile.md:", "name"),
    ("very-large-file", text(STORY, "---\ntitle: T\nresult: 2 x\n---\n" + "x" * (3 * 1024 * 1024)), f"{STORY}:", "too large"),
    ("prices-garbage", brief("this is not a csv\x00\x01\n"), "content/briefs/data/p.csv:1:", "no Date and Close"),
    ("prices-bad-number", brief("Date,Close\n2024-01-02,10\n2024-01-03,1O.5\n"), "content/briefs/data/p.csv:3: Close:", "not a number"),
    ("prices-bad-date", brief("Date,Close\n2024-01-02,10\n03/01/2024,11\n"), "content/briefs/data/p.csv:3: Date:", "not a date"),
    ("prices-duplicate-date", brief("Date,Close\n2024-01-02,10\n2024-01-02,11\n"), "content/briefs/data/p.csv:3: Date:", "appears twice"),
    ("prices-not-positive", brief("Date,Close\n2024-01-02,10\n2024-01-03,-1\n"), "content/briefs/data/p.csv:3: Close:", "not positive"),
    ("prices-one-row", brief("Date,Close\n2024-01-02,10\n"), "content/briefs/data/p.csv:", "at least two days"),
    ("prices-missing-file", both(text("content/briefs/acme.md", "---\nticker: ACME\ncompany: Acme\nrating: hold\nprice_target: 100\nprices: data/none.csv\n---\n")), "content/briefs/acme.md:6:1: prices:", "not found"),
    ("unknown-theme", replace("site.yml", "url:", "theme: fancy\nurl:"), "site.yml:2:1: theme:", "does not exist"),
    ("template-syntax", theme("site/achievement.md", "# {{ doc.meta.title }\n"), "themes/mine/site/achievement.md:1:", "template"),
    ("template-unknown-word", theme("site/achievement.md", "# {{ t('no.such.word') }}\n"), "themes/mine/site/achievement.md:1: template:", "no entry 'no.such.word'"),
    ("site-yml-empty", text("site.yml", ""), "site.yml:1:", "is empty"),
    ("site-yml-missing", lambda root: (root / "site.yml").unlink(), "site.yml", "missing"),
]  # fmt: skip


@pytest.fixture(scope="module")
def built_tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small portfolio with a good build, copied for each case."""
    from builder.cli import main
    from tests.conftest import TINY_ACHIEVEMENT, TINY_PROFILE, TINY_SITE

    root = tmp_path_factory.mktemp("good") / "tiny"
    write(root, "site.yml", TINY_SITE)
    write(root, "content/profile.md", TINY_PROFILE)
    write(root, "content/achievements/faster-reporting.md", TINY_ACHIEVEMENT)
    assert main(["build", "--root", str(root)]) == 0
    return root


def test_the_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 40 and len({case[0] for case in CASES}) == len(CASES)


@pytest.mark.parametrize(
    ("name", "mutate", "where", "words"), CASES, ids=[case[0] for case in CASES]
)
def test_bad_input_is_answered_and_nothing_is_lost(
    built_tiny: Path,
    tmp_path: Path,
    run,
    name: str,
    mutate: Mutation,
    where: str,
    words: str,  # type: ignore[no-untyped-def]
) -> None:
    root = tmp_path / "tiny"
    shutil.copytree(built_tiny, root, symlinks=True)
    before = snapshot(root / "build")
    mutate(root)
    result = run("build", "--root", root)
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if where in line]
    assert lines, f"no line names {where!r}:\n{result.err}"
    assert any(words in line for line in lines), result.err
    assert snapshot(root / "build") == before
    assert not list((root / "build").glob(".staging-*"))
