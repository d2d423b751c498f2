"""JSON Schemas for editors, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from builder.core.models import (
    Achievement,
    Application,
    Brief,
    Profile,
    Reference,
    Resume,
    Sample,
    Site,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, Any] = {
    "site": Site,
    "profile": Profile,
    "achievement": Achievement,
    "sample": Sample,
    "brief": Brief,
    "application": Application,
    "references": list[Reference],
    "resume": Resume,
}


def schema_for(name: str) -> dict[str, Any]:
    schema = TypeAdapter(SCHEMAS[name]).json_schema()
    return {"$schema": DIALECT, "title": schema.get("title", name), **schema}


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(schema_for(name), indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
    return written
