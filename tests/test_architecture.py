"""The package reads as the pipeline, and the arrows between its stages run one way.

Rules (checked on the import graph, read from the source with `ast`):
- core imports only core; a stage imports only itself and earlier stages
  (core < load < analyse < plan < render < publish < build.py < app); nothing imports app;
- no import of the package inside a function: lazy imports are for heavy optional
  third-party libraries only;
- jinja2 appears only in render/ and app/; MkDocs in one module, WeasyPrint in one module;
- plan/ and render/ read the Analysis and call no analysis function.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "builder"
ORDER = ["core", "load", "analyse", "plan", "render", "publish", "build", "app"]


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. builder.plan.site
    target: str  # what it imports from, e.g. builder.analyse.match
    names: tuple[str, ...]
    line: int
    in_function: bool


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "build"


def _imports() -> list[Import]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        tree = ast.parse(path.read_text("utf-8"))
        functions = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        inside = {id(child) for f in functions for child in ast.walk(f) if child is not f}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = tuple(alias.name for alias in node.names)
                if node.module == "builder":  # from builder import x → builder.x (a module)
                    for name in names:
                        if not (PACKAGE / name).is_dir() and not (PACKAGE / f"{name}.py").is_file():
                            continue  # a name such as __version__
                        found.append(
                            Import(module, f"builder.{name}", (), node.lineno, id(node) in inside)
                        )
                else:
                    found.append(
                        Import(module, node.module, names, node.lineno, id(node) in inside)
                    )
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    found.append(Import(module, alias.name, (), node.lineno, id(node) in inside))
    return found


IMPORTS = _imports()
OWN = [i for i in IMPORTS if i.target.startswith("builder.") and i.module != "builder.__main__"]


def _where(i: Import) -> str:
    return f"{i.module}:{i.line} imports {i.target}"


def test_the_package_is_laid_out_as_the_pipeline() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders == {"core", "load", "analyse", "plan", "render", "publish", "app"}
    assert (PACKAGE / "build.py").is_file()
    for folder in folders:
        assert ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text())), folder


def test_core_imports_only_core() -> None:
    wrong = [
        _where(i)
        for i in OWN
        if stage_of(i.module) == "core"
        and stage_of(i.target) not in ("core",)
        and i.target != "builder"
    ]
    assert wrong == []


def test_each_stage_imports_only_itself_and_earlier_stages() -> None:
    wrong = [
        _where(i)
        for i in OWN
        if i.target != "builder"
        and ORDER.index(stage_of(i.target)) > ORDER.index(stage_of(i.module))
    ]
    assert wrong == []


def test_nothing_imports_the_command_line() -> None:
    assert [
        _where(i) for i in OWN if stage_of(i.target) == "app" and stage_of(i.module) != "app"
    ] == []


def test_the_package_is_not_imported_inside_functions() -> None:
    lazy = [_where(i) for i in OWN if i.in_function]
    assert lazy == [], "import it at the top of the module"


def _modules_importing(prefix: str) -> set[str]:
    return {i.module for i in IMPORTS if i.target == prefix or i.target.startswith(prefix + ".")}


def test_jinja_lives_in_render_and_app_only() -> None:
    assert {stage_of(m) for m in _modules_importing("jinja2")} <= {"render", "app"}


@pytest.mark.parametrize("engine", ["mkdocs", "material", "weasyprint"])
def test_each_engine_sits_behind_one_module(engine: str) -> None:
    assert len(_modules_importing(engine)) == 1, sorted(_modules_importing(engine))


def test_plan_and_render_read_the_analysis_and_call_no_analysis_function() -> None:
    calls = {
        (i.module, i.target, name)
        for i in OWN
        if stage_of(i.module) in ("plan", "render") and stage_of(i.target) == "analyse"
        for name in i.names
        if not name[:1].isupper()  # types (Analysis, Coverage, BriefFacts) may be read
    }
    assert calls == set(), "read it from the Analysis"


def test_the_tests_mirror_the_package_and_share_helpers_only_through_conftest() -> None:
    tests = REPO / "tests"
    folders = {p.name for p in tests.iterdir() if (p / "__init__.py").is_file()}
    assert folders == {"core", "load", "analyse", "plan", "render", "publish", "app"}
    borrowed = []
    for path in sorted(tests.rglob("test_*.py")):
        if "tools" in path.relative_to(tests).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            module = node.module or "" if isinstance(node, ast.ImportFrom) else ""
            if module.startswith("tests.") and module != "tests.conftest":
                borrowed.append(f"{path.relative_to(REPO)}:{node.lineno} {module}")
    assert borrowed == [], "shared helpers belong in tests/conftest.py"
