"""A catalogue of bad input: each case exits 1 with the file, line and field, no traceback,
and leaves the previous build exactly as it was."""

from __future__ import annotations

import io
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


def png(colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(stream, "PNG")
    return stream.getvalue()


def link(relative: str, target: str, folder: bool = False) -> Mutation:
    """A symbolic link in content/ to something outside the portfolio."""

    def mutate(root: Path) -> None:
        outside = root.parent / "elsewhere" / target
        outside.parent.mkdir(parents=True, exist_ok=True)
        if folder:
            outside.mkdir(exist_ok=True)
            (outside / "index.md").write_text("---\ntitle: L\nsummary: S\n---\n")
            (outside / "leak.md").write_text("---\ntitle: L\nresult: 1 x\n---\n")
        else:
            outside.write_bytes(png() if target.endswith(".png") else b"Date,Close\n2024-01-02,1\n")
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(outside, path)

    return mutate


def big(relative: str, mib: int) -> Mutation:
    """A large file that takes no room on the disk."""

    def mutate(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            stream.truncate(mib * 1024 * 1024 + 1)

    return mutate


def hard_link(relative: str, target: str) -> Mutation:
    def mutate(root: Path) -> None:
        os.link(root / target, root / relative)

    return mutate


def moved_content(root: Path) -> None:
    """content/ kept elsewhere and linked in: the whole portfolio could then be anything."""
    elsewhere = root.parent / "elsewhere" / "content"
    elsewhere.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(root / "content", elsewhere)
    os.symlink(elsewhere, root / "content")


def story_body(body: str) -> Mutation:
    """The story with this body: its first line is line 5 of the file."""
    return text(STORY, f"---\ntitle: T\nresult: 2 x\n---\n{body}")


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
    ("site-url-query", replace("site.yml", "portfolio/", "portfolio/?utm_source=cv"), "site.yml:2:1: url:", "query or a fragment"),
    ("site-url-fragment", replace("site.yml", "portfolio/", "portfolio/#top"), "site.yml:2:1: url:", "the address of the site's home page only"),
    ("site-url-page", replace("site.yml", "portfolio/", "portfolio/index.html"), "site.yml:2:1: url:", "not of the site"),
    ("bad-email", replace("content/profile.md", "test@example.com", "test-at-example"), "content/profile.md:4:1: email:", "email address"),
    ("bad-choice", both(text(APP, GOOD_APP.replace("text: Strong SQL", "text: Strong SQL\n    kind: maybe")), text("content/references.yml", REFS)), f"{APP}:7:5: requirements[0].kind:", "'must'"),
    ("duplicate-id-across-kinds", text("content/samples/faster-reporting.md", "---\ntitle: S\nsummary: S\n---\n"), "content/samples/faster-reporting.md:1:", "already used"),
    ("duplicate-requirement-id", both(text(APP, GOOD_APP.replace("    evidence: [faster-reporting]\n", "    evidence: [faster-reporting]\n  - id: sql\n    text: Again\n")), text("content/references.yml", REFS)), f"{APP}:8:5: requirements[1].id:", "used twice"),
    ("unknown-evidence", both(text(APP, GOOD_APP.replace("[faster-reporting]", "[faster-reportin]")), text("content/references.yml", REFS)), f"{APP}:7:16: requirements[0].evidence[0]:", "did you mean 'faster-reporting'"),
    ("unknown-priority", both(text(APP, GOOD_APP.replace("priorities: [sql]", "priorities: [python]")), text("content/references.yml", REFS)), f"{APP}:12:22: interviews[0].interviewers[0].priorities[0]:", "not a requirement id"),
    ("unknown-asked-for", both(text(APP, GOOD_APP.replace("priorities: [sql]", "priorities: [sql]\n        asked_for: [faster-reportin]")), text("content/references.yml", REFS)), f"{APP}:13:21: interviews[0].interviewers[0].asked_for[0]:", "did you mean 'faster-reporting'"),
    ("private-asked-for", both(text(APP, GOOD_APP.replace("priorities: [sql]", "priorities: [sql]\n        asked_for: [faster-reporting]")), text("content/references.yml", REFS), replace(STORY, "skills:", "visibility: private\nskills:")), f"{APP}:13:21: interviews[0].interviewers[0].asked_for[0]:", "cannot link it"),
    ("concern-without-text", both(text(APP, GOOD_APP.replace("priorities: [sql]", "priorities: [sql]\n        concerns: [{answer: I have done it.}]")), text("content/references.yml", REFS)), f"{APP}:13:20: interviews[0].interviewers[0].concerns[0].text:", "required"),
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
    ("prices-weekly", brief("Date,Close\n2024-01-02,10\n2024-01-09,11\n2024-01-16,12\n"), "content/briefs/data/p.csv: Date:", "one price every 7 days"),
    ("prices-one-after-gap", brief("Date,Close\n2024-01-02,10\n2024-01-03,11\n2024-01-04,12\n2024-01-05,11\n2024-03-01,12\n"), "content/briefs/data/p.csv:6: Date:", "the only price after 56 days without prices"),
    ("prices-as-of-too-early", brief("Date,Close\n2024-01-02,10\n2024-01-03,11\n", "as_of: 2023-12-29\nprice: 9\n"), "content/briefs/acme.md:7:1: as_of:", "before the second price"),
    ("prices-missing-file", both(text("content/briefs/acme.md", "---\nticker: ACME\ncompany: Acme\nrating: hold\nprice_target: 100\nprices: data/none.csv\n---\n")), "content/briefs/acme.md:6:1: prices:", "not found"),
    ("unknown-theme", replace("site.yml", "url:", "theme: fancy\nurl:"), "site.yml:2:1: theme:", "does not exist"),
    ("template-syntax", theme("site/achievement.md", "# {{ doc.meta.title }\n"), "themes/mine/site/achievement.md:1:", "template"),
    ("template-unknown-word", theme("site/achievement.md", "# {{ t('no.such.word') }}\n"), "themes/mine/site/achievement.md:1: template:", "no entry 'no.such.word'"),
    ("site-yml-empty", text("site.yml", ""), "site.yml:1:", "is empty"),
    ("site-yml-missing", lambda root: (root / "site.yml").unlink(), "site.yml", "missing"),
]  # fmt: skip

PHOTO = "content/profile.md"
SAMPLE = "content/samples/model/index.md"
REFERENCES = text("content/references.yml", REFS)
HIDDEN = text(
    "content/samples/hidden/index.md",
    "---\ntitle: H\nsummary: S\nvisibility: private\nfiles: [plan.csv]\n---\n",
)
# What may be published from content/, and how a file the content names is found.
PATH_CASES: list[tuple[str, Mutation, str, str]] = [
    ("attachment-references", both(sample("[../../references.yml]"), REFERENCES), f"{SAMPLE}:4:9: files[0]:", "is private (content/references.yml)"),
    ("attachment-hard-link-to-references", both(sample("[refs.txt]"), REFERENCES, hard_link("content/samples/model/refs.txt", "content/references.yml")), f"{SAMPLE}:4:9: files[0]:", "is private"),
    ("attachment-application", both(sample("[../../applications/acme.md]"), text(APP, GOOD_APP), REFERENCES), f"{SAMPLE}:4:9: files[0]:", "is private (content/applications/acme.md)"),
    ("attachment-application-folder", both(sample("[../../applications/notes.txt]"), text("content/applications/notes.txt", "call Rita")), f"{SAMPLE}:4:9: files[0]:", "is private"),
    ("attachment-document-source", sample("[../../achievements/faster-reporting.md]"), f"{SAMPLE}:4:9: files[0]:", "source file of content/achievements/faster-reporting.md"),
    ("attachment-own-source", sample("[index.md]"), f"{SAMPLE}:4:9: files[0]:", "source file"),
    ("attachment-of-private-sample", both(sample("[../hidden/plan.csv]"), HIDDEN, text("content/samples/hidden/plan.csv", "x")), f"{SAMPLE}:4:9: files[0]:", "private document content/samples/hidden/index.md"),
    ("attachment-in-private-folder", both(sample("[../hidden/other.csv]"), HIDDEN, text("content/samples/hidden/plan.csv", "x"), text("content/samples/hidden/other.csv", "y")), f"{SAMPLE}:4:9: files[0]:", "private document"),
    ("attachment-elsewhere", both(sample("[../../achievements/table.csv]"), text("content/achievements/table.csv", "x")), f"{SAMPLE}:4:9: files[0]:", "outside content/samples/model/"),
    ("attachment-folder", both(sample("[data]"), text("content/samples/model/data/x.csv", "x")), f"{SAMPLE}:4:9: files[0]:", "is a folder"),
    ("attachment-names-collide", both(sample("[Model.csv, model.csv]"), text("content/samples/model/Model.csv", "x")), f"{SAMPLE}:4:20: files[1]:", "published as model.csv"),
    ("attachment-accents-collide", both(sample("[Año 1.csv, ano-1.csv]"), text("content/samples/model/Año 1.csv", "x"), text("content/samples/model/ano-1.csv", "y")), f"{SAMPLE}:4:20: files[1]:", "published as ano-1.csv"),
    ("attachment-replaces-page", both(sample("[index.html]"), text("content/samples/model/index.html", "<p>x</p>")), f"{SAMPLE}:4:9: files[0]:", "replace the page"),
    ("attachment-too-large", both(sample("[huge.zip]"), big("content/samples/model/huge.zip", 25)), f"{SAMPLE}:4:9: files[0]:", "over the limit of 25 MiB"),
    ("attachment-over-configured-limit", both(sample("[model.csv, two.zip]"), big("content/samples/model/two.zip", 2), replace("site.yml", "url:", "attachments: {max_size_mib: 2}\nurl:")), f"{SAMPLE}:4:20: files[1]:", "over the limit of 2 MiB"),
    ("size-limit-above-github", replace("site.yml", "url:", "attachments: {max_size_mib: 150}\nurl:"), "site.yml:2:", "at most 100"),
    ("attachment-through-symlinked-folder", both(sample("[data/x.png]"), link("content/samples/model/data", "dir", folder=True)), f"{SAMPLE}:4:9: files[0]:", "symbolic link (content/samples/model/data)"),
    ("photo-references", both(replace(PHOTO, "email:", "photo: references.yml\nemail:"), REFERENCES), f"{PHOTO}:4:1: photo:", "is private (content/references.yml)"),
    ("photo-profile-source", replace(PHOTO, "email:", "photo: profile.md\nemail:"), f"{PHOTO}:4:1: photo:", "source file"),
    ("photo-not-an-image", both(replace(PHOTO, "email:", "photo: me.jpg\nemail:"), text("content/me.jpg", "not a picture")), f"{PHOTO}:4:1: photo:", "not a JPEG, PNG, WebP, GIF or AVIF image"),
    ("photo-in-a-subfolder", both(replace(PHOTO, "email:", "photo: samples/model/me.png\nemail:"), text("content/samples/model/me.png", png())), f"{PHOTO}:4:1: photo:", "in a subfolder of content/"),
    ("photo-symlink", both(replace(PHOTO, "email:", "photo: me.png\nemail:"), link("content/me.png", "me.png")), f"{PHOTO}:4:1: photo:", "symbolic link"),
    ("photo-too-large", both(replace(PHOTO, "email:", "photo: me.jpg\nemail:"), big("content/me.jpg", 25)), f"{PHOTO}:4:1: photo:", "over the limit"),
    ("content-symlink", moved_content, "error content: ", "symbolic link"),
    ("story-symlink", link("content/achievements/leak.md", "leak.md"), "content/achievements/leak.md: ", "symbolic link"),
    ("folder-symlink", both(lambda root: shutil.rmtree(root / "content/achievements"), link("content/achievements", "stories", folder=True)), "content/achievements: ", "symbolic link"),
    ("sample-folder-symlink", link("content/samples/model", "model", folder=True), "content/samples/model: ", "symbolic link"),
    ("references-symlink", link("content/references.yml", "refs.yml"), "content/references.yml: ", "symbolic link"),
    ("prices-symlink", both(brief("Date,Close\n2024-01-02,10\n2024-01-03,11\n"), lambda root: (root / "content/briefs/data/p.csv").unlink(), link("content/briefs/data/p.csv", "p.csv")), "content/briefs/acme.md:6:1: prices:", "symbolic link"),
    ("ids-differ-by-case", text("content/achievements/Faster-Reporting.md", "---\ntitle: T\nresult: 2 x\n---\n"), f"{STORY}:1:", "already used by content/achievements/Faster-Reporting.md"),
    ("ids-differ-by-accent-and-space", both(text("content/briefs/Café Co.md", "---\nticker: C\ncompany: C\nrating: hold\nprice_target: 1\nprice: 1\n---\n"), text("content/samples/cafe-co.md", "---\ntitle: S\nsummary: S\n---\n")), "content/briefs/Café Co.md:1:", "already used by content/samples/cafe-co.md"),
    ("id-of-the-list-page", text("content/achievements/Index.md", "---\ntitle: T\nresult: 2 x\n---\n"), "content/achievements/Index.md:1:", "reserved for the page that lists them all"),
    ("application-ids-differ-by-case", both(text(APP, GOOD_APP), text("content/applications/ACME.md", GOOD_APP), REFERENCES), f"{APP}:1:", "already used by content/applications/ACME.md"),
    ("image-missing", story_body("Intro.\n\n![Chart](chart.png)\n"), f"{STORY}:7:10: body:", "file 'chart.png' not found (content/achievements/chart.png)"),
    ("image-missing-html", story_body('<img src="gone.png" alt="x">\n'), f"{STORY}:5:11: body:", "not found"),
    ("image-missing-reference-style", story_body("![Chart][c]\n\n[c]: charts/c.png\n"), f"{STORY}:7:6: body:", "not found"),
    ("image-not-an-image", both(story_body("![x](notes.png)\n"), text("content/achievements/notes.png", "text")), f"{STORY}:5:6: body:", "not a JPEG, PNG, WebP, GIF, AVIF or SVG image"),
    ("image-references", both(story_body("![x](../references.yml)\n"), REFERENCES), f"{STORY}:5:6: body:", "is private"),
    ("image-escapes", both(story_body("![x](../../../secret.png)\n"), text("secret.png", png())), f"{STORY}:5:6: body:", "outside content/"),
    ("image-absolute", story_body("![x](/etc/hostname)\n"), f"{STORY}:5:6: body:", "absolute path"),
    ("image-file-address", story_body('<img src="file:///etc/hostname">\n'), f"{STORY}:5:11: body:", "neither a path inside content/ nor a web address"),
    ("image-symlink", both(story_body("![x](chart.png)\n"), link("content/achievements/chart.png", "chart.png")), f"{STORY}:5:6: body:", "symbolic link"),
    ("image-of-another-sample", both(text("content/samples/solo.md", "---\ntitle: S\nsummary: S\n---\n![x](model/c.png)\n"), sample("[model.csv]"), text("content/samples/model/c.png", png())), "content/samples/solo.md:5:6: body:", "folder of another sample (content/samples/model/)"),
    ("image-too-large", both(story_body("![x](huge.png)\n"), big("content/achievements/huge.png", 25)), f"{STORY}:5:6: body:", "over the limit"),
]  # fmt: skip
CASES += PATH_CASES


@pytest.fixture(scope="module")
def built_tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small portfolio with a good build, copied for each case."""
    from builder.app.cli import main
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
