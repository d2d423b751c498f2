"""The README's content reference is generated from the models and must be current."""

from __future__ import annotations

from builder.app.reference import END, START, reference
from tests.conftest import REPO

README = REPO / "README.md"


def test_readme_reference_matches_the_models() -> None:
    text = README.read_text("utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    assert text[start:end] == reference(), (
        "run `python -m builder.app.reference` to update README.md"
    )


def test_reference_names_every_field_and_marks_private_ones() -> None:
    text = reference()
    assert (
        "| `private` | empty | Anything never to be published (phone, home address). **Private.** |"
        in text
    )
    assert "| `interviews` |" in text and "| `can_speak_to` |" in text
    assert "One of `buy`, `hold`, `sell`." in text
