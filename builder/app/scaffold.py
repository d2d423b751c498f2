"""`secondround init`: a minimal portfolio that builds, commented in the chosen language,
with a GitHub workflow that publishes it without exposing the private sources."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import asdict
from pathlib import Path

import jinja2

from builder.app.distribution import VENDOR, pin, write_wheel
from builder.app.schema import write_schemas
from builder.core.errors import UserError
from builder.core.words import BUILTIN, Locale, builtin_themes

RENDERED = {"site.yml", "README.md", "requirements.txt"}
WORKFLOW = Path(".github/workflows/pages.yml")


def scaffold(target: Path, language: str, publish_to: str | None, t: Locale) -> list[Path]:
    """The portfolio in `target`, its comments in `language`; `t` words the refusals."""
    if target.exists() and any(target.iterdir()):
        raise UserError(t("cli.init.not_empty", dir=target), t("cli.init.not_empty_hint"))
    if publish_to and not re.fullmatch(r"[\w.-]+/[\w.-]+", publish_to):
        raise UserError(
            t("cli.init.not_repository", name=publish_to), t("cli.init.not_repository_hint")
        )
    scaffolds = builtin_themes() / BUILTIN / "scaffold"
    source = scaffolds / language
    pinned = pin()
    values = {"language": language, "repository": publish_to, **asdict(pinned)}
    created = [write_wheel(target / VENDOR)] if pinned.wheel else []
    for path in sorted(source.rglob("*")):
        if path.is_dir():
            continue
        relative = path.relative_to(source)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if relative.as_posix() in RENDERED:
            template = jinja2.Template(
                path.read_text("utf-8"), keep_trailing_newline=True, trim_blocks=True
            )
            text = template.render(**values)
            destination.write_text(text.replace("repository: None", "repository: null"), "utf-8")
        else:
            shutil.copyfile(path, destination)
        created.append(destination)
    workflow = scaffolds / "workflows" / ("publish-to.yml" if publish_to else "same-repository.yml")
    (target / WORKFLOW).parent.mkdir(parents=True)
    (target / WORKFLOW).write_text(
        workflow.read_text("utf-8").replace("@REPOSITORY@", publish_to or ""), "utf-8"
    )
    return [*created, target / WORKFLOW, *editor_support(target)]


EDITOR_SCHEMAS = {
    "site": "site.yml",
    "resume": "content/resume.yml",
    "references": "content/references.yml",
}
MODELINE = "# yaml-language-server: $schema=schemas/{kind}.schema.json\n"


def editor_support(target: Path) -> list[Path]:
    """JSON Schemas and the settings that make an editor (VS Code's YAML extension, or any
    YAML language server) complete and check the fields as the candidate types."""
    written = write_schemas(target / "schemas")
    settings = {
        "yaml.schemas": {
            f"schemas/{kind}.schema.json": path for kind, path in EDITOR_SCHEMAS.items()
        }
    }
    path = target / ".vscode" / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2) + "\n", "utf-8")
    site = target / "site.yml"
    site.write_text(MODELINE.format(kind="site") + site.read_text("utf-8"), "utf-8")
    return [*written, path]
