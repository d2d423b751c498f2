"""The command line speaks the portfolio's language: on a Spanish portfolio, no command prints
an English word of the program's own — not in its help, its usage errors, its progress and
summaries, nor in the refusals of apply, match, import and deploy.

The detector is a list of English words that are not Spanish words ("the", "with", "found",
"file", "usage", "required"…), matched as whole words in what a command prints, minus the
words of the candidate's own files (a Spanish portfolio has few of them) and minus what is
code rather than prose: option names, paths, `backticked` text and the command after
`secondround`.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import socket
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from builder.app import cli
from builder.app.commands import build as build_command
from tests.conftest import REPO, Result

ENGLISH = frozenset(
    """
    the and with without not was were is are be been being this that these those from into
    for of to by on at in it its or but if then than when where which what who whom why how
    there here you your we our us they their them she his her will would can cannot could
    should must may might do does did done have having nothing none yet already again also
    only just each every all any some more most other another such same found file files
    folders usage required following argument arguments options option show help
    message exit version number invalid choice choose expected unrecognized ambiguous
    allowed wrote write written created updated unchanged skipped next first run running
    check path missing exists empty warning note built build pages page site portfolio
    requirement requirements evidence matched story stories application applications company
    role posting job draft attached address recipient serving stops reload quick full
    interrupted internal bug report since last known command nice listen another folder
    programme program valid value date least one two three words
""".split()  # noqa: SIM905 — a list of words reads best as words
)


PROPER_NAMES = ("GitHub Pages", "JSON Resume")


def words_of(text: str) -> set[str]:
    """The words of prose in `text`, lowercase. Not prose: `code`, 'quoted values', the names
    a help lists at the start of its lines, the command after `secondround`, options, paths."""
    text = re.sub(r"`[^`\n]*`|(?<!\w)'[^'\n]*'(?!\w)|«[^»\n]*»", " ", text)
    text = re.sub(r"(?m)^[ \t]{2,}\S+[ \t]{2,}", " ", text)
    text = re.sub("|".join(PROPER_NAMES), " ", text)
    text = re.sub(r"\bsecondround\s+\S+", " ", text)
    found: set[str] = set()
    for token in text.split():
        token = token.strip("()[]«»“”\"',;:!?¿¡.…—–*")
        if not token or token.startswith("-") or re.search(r"[/\\.=_{}\[\]<>@|+#%&$~]", token):
            continue
        found |= {word.lower() for word in re.findall(r"[^\W\d_]+", token)}
    return found


def english_in(text: str, own: frozenset[str] = frozenset()) -> set[str]:
    """English words in what a command printed that are not the candidate's own words."""
    return (words_of(text) & ENGLISH) - own


def test_the_detector_finds_english_and_passes_spanish() -> None:
    english = (
        "usage: secondround apply [-h] [--root ROOT] SLUG\n"
        "secondround apply: error: the following arguments are required: SLUG, FILE\n"
        "Wrote content/applications/x.md: 3 requirements. Next: secondround match x --write"
    )
    assert english_in(english) >= {"usage", "the", "following", "required", "file", "wrote"}
    spanish = (
        "uso: secondround apply [-h] [--root CARPETA] SLUG\n"
        "secondround apply: error: faltan argumentos obligatorios: SLUG, ARCHIVO\n"
        "Escrito content/applications/x.md: 3 requisitos. Siguiente paso: secondround match x --write"
    )
    assert english_in(spanish) == set()


JOB = {
    "company": "Transportes Ibéricos Almagro",
    "title": "Analista de datos",
    "description": "Buscamos una persona analista para el equipo de operaciones.",
    "qualifications": ["Dominio de SQL", "Experiencia con Power BI"],
}
RESUME = {
    "basics": {"name": "Lucía Prieto", "label": "Analista financiera", "email": "lucia@example.com",
               "summary": "Analista con seis años de experiencia en control de gestión."},
    "work": [{"name": "Solenta", "position": "Analista", "startDate": "2019-03",
              "highlights": ["Cierre mensual reducido de ocho a cinco días"]}],
    "awards": [{"title": "Premio a la mejor analista"}],
}  # fmt: skip
INTERVIEW = """
interviews:
  - date: 2026-11-23T10:00
    round: 1
    interviewers:
      - name: Marta Gil
        role: Jefa de operaciones
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Spanish portfolio made by `init`, with one application from a Spanish posting, built."""
    folder = tmp_path_factory.mktemp("es")
    root = folder / "portafolio"
    assert cli.main(["init", str(root), "--language", "es"]) == 0
    shutil.copy(REPO / "tests/fixtures/postings/es-analista.md", root / "oferta.md")
    (root / "empleo.json").write_text(json.dumps(JOB, ensure_ascii=False), "utf-8")
    (root / "cv.json").write_text(json.dumps(RESUME, ensure_ascii=False), "utf-8")
    (root / "lista.json").write_text("[1, 2]", "utf-8")
    (root / "sin-lista.json").write_text('{"qualifications": "SQL"}', "utf-8")
    (root / "roto.json").write_text('{"title": ', "utf-8")
    (root / "vacía.txt").write_text("Somos una gran empresa.\n", "utf-8")
    (root / "latin1.txt").write_bytes("Requisitos\n- Contabilidad de gestión\n".encode("latin-1"))
    assert cli.main(["apply", "almagro", "--root", str(root), "--posting", str(root / "oferta.md"),
                     "--company", "Transportes Ibéricos Almagro", "--role", "Analista"]) == 0  # fmt: skip
    application = root / "content/applications/almagro.md"
    head, rest = application.read_text("utf-8").split("\n---\n", 1)
    application.write_text(f"{head}{INTERVIEW}---\n{rest}", "utf-8")
    assert cli.main(["build", "--root", str(root)]) == 0
    return root


def own_words(root: Path) -> frozenset[str]:
    """Every word the candidate wrote or gave to a command (a proper name may look English):
    the values of their files, not the names of fields nor the comments the program wrote."""
    sources = [root / "site.yml", root / "oferta.md", *(root / "content").rglob("*")]
    texts = [values(p.read_text("utf-8")) for p in sources if p.is_file()]
    texts += [p.stem for p in sources]  # ids
    texts += [json.dumps(data, ensure_ascii=False) for data in (JOB, RESUME)]
    return frozenset(words_of("\n".join(texts)) - set(JOB) - set(RESUME))


def values(text: str) -> str:
    """A YAML or Markdown file without field names and comments."""
    text = re.sub(r"(?m)(^|\s)#.*$", " ", text)
    return re.sub(r"(?m)^[\s-]*[\w-]+:", " ", text)


@dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]  # {root} is the portfolio, {port} a port that is taken
    code: int
    inside: bool = False  # run from inside the portfolio, without --root
    setup: Callable[[Path], object] = field(default=lambda root: None)


def edited(relative: str) -> Callable[[Path], object]:
    """A source changed after the build or the import."""

    def edit(root: Path) -> None:
        path = root / relative
        path.write_text(path.read_text("utf-8") + "\nOtro párrafo.\n", "utf-8")

    return edit


def imported_then_edited(root: Path) -> None:
    """A second import finds a file the candidate has changed since the first."""
    assert cli.main(["import", "jsonresume", str(root / "cv.json"), "--root", str(root)]) == 0
    edited("content/resume.yml")(root)


def public_repository(root: Path) -> None:
    subprocess.run(
        ["git", "init", "--bare", "--quiet", str(root.parent / "publico.git")], check=True
    )


COMMANDS = ["build", "check", "schema", "init", "apply", "match", "serve", "deploy", "import",
            "status"]  # fmt: skip
CASES = {
    "help": Case(("--help",), 0, inside=True),
    "help-with-root": Case(("--root", "{root}", "--help"), 0),
    **{f"help-{name}": Case((name, "--help"), 0, inside=True) for name in COMMANDS},
    "no-command": Case((), 2, inside=True),
    "unknown-command": Case(("publicar",), 2, inside=True),
    "unknown-option": Case(("build", "--rapido"), 2, inside=True),
    "missing-value": Case(("build", "--out"), 2, inside=True),
    "not-a-number": Case(("build", "--jobs", "muchos"), 2, inside=True),
    "not-positive": Case(("build", "--jobs", "0"), 2, inside=True),
    "bad-port": Case(("serve", "--port", "ocho"), 2, inside=True),
    "bad-choice": Case(("check", "--format", "xml"), 2, inside=True),
    "bad-date": Case(("status", "--today", "mañana"), 2, inside=True),
    "apply-without-slug": Case(("apply",), 2, inside=True),
    "apply-without-posting": Case(("apply", "nueva"), 2, inside=True),
    "apply-posting-and-job": Case(
        ("apply", "nueva", "--posting", "a", "--job", "b"), 2, inside=True
    ),
    "match-without-slug": Case(("match",), 2, inside=True),
    "import-unknown-format": Case(("import", "xml", "cv.json"), 2, inside=True),
    "check": Case(("check", "--root", "{root}"), 0),
    "check-strict": Case(("check", "--root", "{root}", "--strict"), 1),
    "build-unchanged": Case(("build", "--root", "{root}"), 0),
    "build-warnings": Case(("build", "--root", "{root}", "--no-pdf", "--attach", "--clean"), 0),
    "status": Case(("status", "--root", "{root}", "--today", "2026-11-25"), 0),
    "schema": Case(("schema", "--out", "{root}/esquemas"), 0, inside=True),
    "init-not-empty": Case(("init", "{root}"), 1, inside=True),
    "init": Case(("init", "{root}/nuevo", "--language", "es"), 0),
    "serve-port-taken": Case(("serve", "--root", "{root}", "--port", "{port}"), 1),
    "apply": Case(
        (
            "apply",
            "nueva",
            "--root",
            "{root}",
            "--posting",
            "{root}/oferta.md",
            "--company",
            "Almagro",
            "--role",
            "Analista",
        ),
        0,
    ),  # fmt: skip
    "apply-job": Case(("apply", "empleo", "--root", "{root}", "--job", "{root}/empleo.json"), 0),
    "apply-exists": Case(
        (
            "apply",
            "almagro",
            "--root",
            "{root}",
            "--posting",
            "{root}/oferta.md",
            "--company",
            "Almagro",
            "--role",
            "Analista",
        ),
        1,
    ),  # fmt: skip
    "apply-bad-slug": Case(
        (
            "apply",
            "Nueva Oferta",
            "--root",
            "{root}",
            "--posting",
            "{root}/oferta.md",
            "--company",
            "A",
            "--role",
            "B",
        ),
        1,
    ),  # fmt: skip
    "apply-no-company": Case(
        ("apply", "nueva", "--root", "{root}", "--posting", "{root}/oferta.md"), 1
    ),
    "apply-no-requirement": Case(
        (
            "apply",
            "nueva",
            "--root",
            "{root}",
            "--posting",
            "{root}/vacía.txt",
            "--company",
            "A",
            "--role",
            "B",
        ),
        1,
    ),  # fmt: skip
    "apply-posting-missing": Case(
        (
            "apply",
            "nueva",
            "--root",
            "{root}",
            "--posting",
            "{root}/no-existe.md",
            "--company",
            "A",
            "--role",
            "B",
        ),
        1,
    ),  # fmt: skip
    "apply-posting-latin1": Case(
        (
            "apply",
            "nueva",
            "--root",
            "{root}",
            "--posting",
            "{root}/latin1.txt",
            "--company",
            "A",
            "--role",
            "B",
        ),
        1,
    ),  # fmt: skip
    "apply-job-missing": Case(("apply", "nueva", "--root", "{root}", "--job", "{root}/no.json"), 1),
    "apply-job-broken": Case(
        ("apply", "nueva", "--root", "{root}", "--job", "{root}/roto.json"), 1
    ),
    "apply-job-list": Case(("apply", "nueva", "--root", "{root}", "--job", "{root}/lista.json"), 1),
    "apply-job-not-list": Case(
        ("apply", "nueva", "--root", "{root}", "--job", "{root}/sin-lista.json"), 1
    ),
    "match": Case(("match", "almagro", "--root", "{root}"), 0),
    "match-write": Case(("match", "almagro", "--root", "{root}", "--write"), 0),
    "match-unknown": Case(("match", "otra", "--root", "{root}"), 1),
    "import": Case(("import", "jsonresume", "{root}/cv.json", "--root", "{root}"), 0),
    "import-edited": Case(
        ("import", "jsonresume", "{root}/cv.json", "--root", "{root}"),
        0,
        setup=imported_then_edited,
    ),
    "import-not-resume": Case(
        ("import", "jsonresume", "{root}/empleo.json", "--root", "{root}"), 1
    ),
    "import-broken": Case(("import", "jsonresume", "{root}/roto.json", "--root", "{root}"), 1),
    "import-missing": Case(("import", "jsonresume", "{root}/no.json", "--root", "{root}"), 1),
    "deploy-no-build": Case(("deploy", "--root", "{root}", "--out", "{root}/otra"), 1),
    "deploy-stale": Case(
        ("deploy", "--root", "{root}"), 1, setup=edited("content/achievements/first-result.md")
    ),
    "deploy-no-remote": Case(("deploy", "--root", "{root}", "--remote", "publico"), 1),
    "deploy": Case(
        ("deploy", "--root", "{root}", "--remote", "{root}/../publico.git"),
        0,
        setup=public_repository,
    ),
}


@pytest.fixture
def say(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the command line in-process; help and usage errors end in SystemExit, as they do
    for the installed script."""

    def invoke(*argv: str | Path) -> Result:
        capsys.readouterr()
        try:
            code = cli.main([str(a) for a in argv])
        except SystemExit as exit:
            code = int(exit.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


@pytest.mark.parametrize("name", list(CASES))
def test_the_command_line_speaks_spanish(
    name: str, base: Path, tmp_path: Path, port: int, say, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    case = CASES[name]
    root = tmp_path / "portafolio"
    shutil.copytree(base, root, symlinks=True)
    case.setup(root)
    own = own_words(root)
    assert len(ENGLISH - own) > 0.9 * len(ENGLISH), "the portfolio's words hide the detector"
    monkeypatch.chdir(root if case.inside else tmp_path)
    result: Result = say(*(a.format(root=root, port=port) for a in case.argv))
    said = result.out + result.err
    assert result.code == case.code, said
    assert said.strip(), "the command printed nothing"
    assert english_in(said, own) == set(), said


def test_internal_errors_and_interruptions_speak_spanish(
    base: Path, say, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    own = own_words(base)
    for failure, code in ((RuntimeError("boom"), 3), (KeyboardInterrupt(), 130)):

        def fail(*_: object, failure: BaseException = failure) -> None:
            raise failure

        monkeypatch.setattr(build_command, "build", fail)
        result = say("build", "--root", base)
        assert result.code == code, result.err
        assert english_in(result.err, own - {"boom"}) == set(), result.err


def test_outside_a_portfolio_the_command_line_speaks_the_language_of_lang(
    tmp_path: Path, say, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    missing = say("check")
    assert missing.code == 1 and "site.yml" in missing.err
    assert english_in(missing.err) == set(), missing.err
    assert english_in(say("--help").out) == set()
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert say("--help").out.startswith("usage: secondround")
    assert "no site.yml found" in say("check").err


def test_a_spanish_portfolio_wins_over_an_english_lang(
    base: Path, say, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.chdir(base / "content")
    assert say("status", "--help").out.startswith("uso: secondround status")


def test_the_written_application_speaks_the_portfolio_language(base: Path) -> None:
    """apply writes comments and a heading into the candidate's file (its fields are named in
    English, like every field): the comments and the heading are in Spanish here."""
    text = (base / "content/applications/almagro.md").read_text("utf-8")
    remarks = "\n".join(line.split("#", 1)[1] for line in text.splitlines() if "#" in line)
    assert words_of(remarks), text
    assert english_in(remarks) == set(), remarks


# The mechanical check: prose handed straight to what prints, raises for the user, writes a
# comment or defines an option, in every module the command line runs. Words come from the
# locale (t("key") is a call, so its key is not an argument of these); a literal of three words
# or more is English written in Python.
SAYING = {
    "print", "say", "write", "append", "add", "update", "add_task", "error", "exit",
    "UserError", "ArgumentTypeError", "ArgumentParser", "Parser", "add_argument", "add_parser",
    "add_subparsers", "yaml_add_eol_comment", "yaml_set_comment_before_after_key",
}  # fmt: skip
PACKAGE = REPO / "builder"


def module_file(module: str) -> Path:
    path = REPO.joinpath(*module.split("."))
    return path.with_suffix(".py") if path.with_suffix(".py").is_file() else path / "__init__.py"


def run_by_the_command_line() -> list[Path]:
    """builder.app.cli and every module of the package it imports, directly or not."""
    seen: set[str] = set()
    waiting = ["builder.app.cli"]
    while waiting:
        module = waiting.pop()
        if module in seen or not module_file(module).is_file():
            continue
        seen.add(module)
        for node in ast.walk(ast.parse(module_file(module).read_text("utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("builder")
            ):
                waiting += [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                waiting += [a.name for a in node.names if a.name.startswith("builder")]
    return [module_file(module) for module in sorted(seen)]


def literal_text(node: ast.AST) -> str:
    """The literal words of an argument: a string, the fixed parts of an f-string, the strings
    of an expression that joins or chooses them; not what a call inside it returns."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr | ast.BinOp | ast.IfExp | ast.BoolOp | ast.Tuple | ast.List):
        return " ".join(literal_text(child) for child in ast.iter_child_nodes(node))
    return " "


def is_prose(text: str) -> bool:
    text = re.sub(r"\[/?[a-z ]+\]", " ", text)  # rich's markup
    kept = [w for w in text.split() if not w.startswith("-") and not re.search(r"[/._={}<>%\\]", w)]
    return len(re.findall(r"[A-Za-z]{2,}", " ".join(kept))) >= 3


def test_no_english_prose_is_written_in_python() -> None:
    modules = run_by_the_command_line()
    assert PACKAGE / "app/commands/import_.py" in modules and len(modules) > 50
    found = []
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            name = name or (node.func.id if isinstance(node.func, ast.Name) else "")
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                if name in SAYING and is_prose(text := literal_text(argument)):
                    found.append(f"{path.relative_to(REPO)}:{argument.lineno}: {text!r}")
    assert found == []


def test_the_mechanical_check_finds_prose() -> None:
    assert is_prose("the company and the role are needed")
    assert is_prose(" has no email address; the draft has no recipient")
    assert not is_prose("[red] [/red] ") and not is_prose("--root DIR --out build/site/")
