"""The models: documented, strict, and the single place where public and private are split."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from builder.core import models
from builder.core.models import Achievement, Application, Interviewer, Profile, Site
from builder.plan.privacy import is_private, public_view


def all_models() -> list[type[BaseModel]]:
    return [m for m in vars(models).values() if isinstance(m, type) and issubclass(m, models.Model)]


@pytest.mark.parametrize("model", all_models(), ids=lambda m: m.__name__)
def test_every_field_is_described_and_unknown_keys_are_rejected(model: type[BaseModel]) -> None:
    assert model.model_config.get("extra") == "forbid"
    for name, info in model.model_fields.items():
        assert info.description, f"{model.__name__}.{name} has no description"


def test_private_fields_are_declared_in_the_model() -> None:
    private = {
        (model.__name__, name)
        for model in all_models()
        for name, info in model.model_fields.items()
        if is_private(info)
    }
    assert private == {
        ("Profile", "private"),
        ("Application", "status"),
        ("Application", "applied"),
        ("Application", "interviews"),
        ("Application", "contacts"),
        ("Application", "references"),
        ("Application", "questions"),
    }
    assert Application.body_is_private


def test_public_view_drops_private_fields_recursively() -> None:
    app = Application.model_validate({
        "company": "Acme", "role": "Analyst", "status": "interviewing",
        "requirements": [{"id": "sql", "text": "SQL"}],
        "interviews": [{"date": "2026-11-20T10:00", "interviewers": [{"name": "Pat Doe"}]}],
        "questions": ["What is urgent?"],
    })  # fmt: skip
    view = public_view(app)
    assert view["company"] == "Acme" and view["requirements"][0]["id"] == "sql"
    assert not {"status", "interviews", "questions", "contacts", "references", "applied"} & set(
        view
    )
    profile = Profile.model_validate({"name": "A", "private": {"phone": "1"}})
    assert "private" not in public_view(profile)


def test_dates_keep_their_precision() -> None:
    story = Achievement.model_validate({"title": "t", "result": "r 1", "date": dt.date(2024, 6, 1)})
    assert story.date == "2024-06-01"
    assert (
        Achievement.model_validate({"title": "t", "result": "r", "date": "2024-06"}).date
        == "2024-06"
    )
    assert models.parse_date("2026-11-18T10:00") == dt.datetime(2026, 11, 18, 10, 0)


def test_interviewer_id_defaults_to_a_slug_of_the_name() -> None:
    assert Interviewer.model_validate({"name": "María José Pérez"}).id == "maria-jose-perez"
    assert Interviewer.model_validate({"name": "X", "id": "boss"}).id == "boss"


def test_site_defaults_match_the_design() -> None:
    site = Site.model_validate({"title": "T", "url": "https://a.github.io/p"})
    assert site.base_url == "https://a.github.io/p/"
    assert (site.language, site.theme, site.applications.pages) == ("en", "default", "unlisted")
    assert (site.followup.due_hours, site.followup.checkin_after_days) == (24, 10)
    assert (site.briefs.rating_bands.buy, site.briefs.rating_bands.sell) == (0.10, -0.10)
    assert (site.pdf.page_size, site.pdf.qr_code, site.deploy.branch) == ("A4", True, "gh-pages")
    with pytest.raises(ValidationError):
        Site.model_validate({"title": "T", "url": "https://a.github.io/", "languge": "es"})


@pytest.mark.parametrize(
    "url",
    [
        "https://a.github.io/p/?utm_source=cv",
        "https://a.github.io/p/#top",
        "https://a.github.io/p?x",
        "https://a.github.io/p/index.html",
    ],
)
def test_the_site_url_is_a_base_that_every_link_can_extend(url: str) -> None:
    with pytest.raises(ValidationError):
        Site.model_validate({"title": "T", "url": url})
    # Elsewhere an address is only followed, never extended: a query is fine there.
    assert Profile.model_validate({"name": "N", "links": {"CV": url}}).links["CV"] == url


def test_an_http_site_url_is_a_check_warning_at_its_line(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import write

    write(tiny, "site.yml", "title: T\nlanguage: es\nurl: http://t.example.com/cv/\n")
    result = run("check", "--root", tiny, "--format", "json")
    warnings = [w for w in json.loads(result.out)["warnings"] if w["field"] == "url"]
    assert [(w["path"], w["line"], w["column"]) for w in warnings] == [("site.yml", 3, 1)]
    assert warnings[0]["message"] == (
        "http://t.example.com/cv/ empieza por http://, pero GitHub Pages sirve los sitios por https"
    )
    assert "https://t.example.com/cv/" in warnings[0]["hint"]
    assert run("check", "--root", tiny, "--strict").code == 1
    write(tiny, "site.yml", "title: T\nlanguage: es\nurl: https://t.example.com/cv/\n")
    result = run("check", "--root", tiny, "--format", "json")
    assert [w for w in json.loads(result.out)["warnings"] if w["field"] == "url"] == []


def test_quantified_means_a_number_in_result_or_metrics() -> None:
    assert Achievement.model_validate({"title": "t", "result": "Saved 3 days"}).quantified
    assert not Achievement.model_validate({"title": "t", "result": "Happier team"}).quantified
    assert Achievement.model_validate(
        {"title": "t", "result": "Happier", "metrics": ["NPS +12"]}
    ).quantified


def test_models_are_frozen(tiny: Path) -> None:
    story = Achievement.model_validate({"title": "t", "result": "r"})
    with pytest.raises(ValidationError):
        story.title = "changed"  # type: ignore[misc]
