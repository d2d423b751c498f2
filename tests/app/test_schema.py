"""`secondround schema`: JSON Schemas generated from the models validate real content."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from builder.core.errors import Problems
from builder.load.source import parse_front_matter, parse_yaml, plain
from tests.conftest import REPO


def as_json(value: Any) -> Any:
    """What an editor sees: YAML read as JSON types (dates are strings)."""
    return json.loads(json.dumps(plain(value), default=str))


def front_matter(path: Path) -> Any:
    source = parse_front_matter(path.read_text("utf-8"), path, Problems(path.parent))
    assert source is not None
    return as_json(source.data)


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from builder.app.cli import main

    out = tmp_path_factory.mktemp("schemas")
    assert main(["schema", "--out", str(out)]) == 0
    return {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text()) for p in out.glob("*.json")
    }


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_one_schema_per_kind(schemas: dict[str, Any]) -> None:
    assert set(schemas) == {
        "site", "profile", "achievement", "sample", "brief", "application", "references", "resume",
    }  # fmt: skip
    assert schemas["site"]["properties"]["url"]["description"].startswith("Public base URL")
    assert schemas["profile"]["properties"]["private"]["x-private"] is True


def test_demo_content_validates_against_the_schemas(schemas: dict[str, Any]) -> None:
    content = REPO / "content"
    site = as_json(parse_yaml((REPO / "site.yml").read_text(), REPO / "site.yml", Problems(REPO)))
    validator(schemas["site"]).validate(site)
    validator(schemas["profile"]).validate(front_matter(content / "profile.md"))
    for kind, folder in [
        ("achievement", "achievements"),
        ("brief", "briefs"),
        ("application", "applications"),
    ]:
        files = sorted((content / folder).glob("*.md"))
        assert files
        for path in files:
            validator(schemas[kind]).validate(front_matter(path))
    for path in sorted((content / "samples").glob("*/index.md")):
        validator(schemas["sample"]).validate(front_matter(path))
    for name in ("references", "resume"):
        path = content / f"{name}.yml"
        validator(schemas[name]).validate(
            as_json(parse_yaml(path.read_text(), path, Problems(REPO)))
        )


def test_schema_rejects_a_typo(schemas: dict[str, Any]) -> None:
    story = front_matter(REPO / "content/achievements/close-automation.md")
    story["reslt"] = story.pop("result")
    errors = sorted(validator(schemas["achievement"]).iter_errors(story), key=str)
    messages = " ".join(e.message for e in errors)
    assert "'result' is a required property" in messages
    assert "'reslt' was unexpected" in messages
