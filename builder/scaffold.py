"""`secondround init`: a minimal portfolio that builds, commented in the chosen language."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from builder.errors import UserError
from builder.theme import BUILTIN, builtin_themes

RENDERED = {"site.yml"}


def scaffold(target: Path, language: str, publish_to: str | None) -> list[Path]:
    if target.exists() and any(target.iterdir()):
        raise UserError(f"{target} is not empty", "choose a new folder, or empty this one first")
    source = builtin_themes() / BUILTIN / "scaffold" / language
    created = []
    for path in sorted(source.rglob("*")):
        if path.is_dir():
            continue
        relative = path.relative_to(source)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if relative.as_posix() in RENDERED:
            template = jinja2.Template(path.read_text("utf-8"), keep_trailing_newline=True)
            text = template.render(language=language, repository=publish_to or "null")
            destination.write_text(text, "utf-8")
        else:
            shutil.copyfile(path, destination)
        created.append(destination)
    return created
