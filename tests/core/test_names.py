"""Whom a letter greets, and how the To: line shows a name, for names as people write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.core.names import display_name, greeting_name, read_name


@pytest.mark.parametrize(
    ("written", "language", "greeted"),
    [
        ("Javier Ortega", "en", "Javier"),
        ("Ortega, Javier", "en", "Javier"),
        ("Ortega, Javier", "es", "Javier"),
        ("García López, María José", "es", "María José"),
        ("María José García López", "es", "María José"),
        ("Ana Ruiz Gómez", "es", "Ana"),
        ("Ana de la Fuente García", "es", "Ana"),
        ("José Ortega y Gasset", "es", "José"),
        ("Josep Puig i Cadafalch", "es", "Josep"),
        ("Ludwig van Beethoven", "en", "Ludwig"),
        ("Jean-Luc Picard", "en", "Jean-Luc"),
        ("Dr. Ana Ruiz", "en", "Dr. Ruiz"),
        ("Dra. Ana Ruiz", "es", "Dra. Ruiz"),
        ("Dra. María José García López", "es", "Dra. García"),
        ("Prof. Dr. Hans van der Berg", "en", "Prof. Dr. van der Berg"),
        ("Ruiz, Dra. Ana", "es", "Dra. Ruiz"),
        ("John Smith, Jr.", "en", "John"),
        ("Ana Ruiz, PhD, CFA", "en", "Ana"),
        ("Prince", "en", "Prince"),
        ("Sr. Ortega", "es", "Sr. Ortega"),
        ("山田太郎", "en", "山田太郎"),
        ("김 민준", "es", "김 민준"),
        ("Иван Петров", "en", "Иван"),
        ("محمد علي", "en", "محمد"),
    ],
)
def test_the_name_a_letter_greets(written: str, language: str, greeted: str) -> None:
    assert greeting_name(written, language) == greeted


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Ortega, Javier", "Javier Ortega"),
        ("García López, María José", "María José García López"),
        ("Javier Ortega", "Javier Ortega"),
        ("John Smith, Jr.", "John Smith, Jr."),
        ("Dr. Ana Ruiz", "Dr. Ana Ruiz"),
        ("山田太郎", "山田太郎"),
    ],
)
def test_the_name_a_to_line_shows(written: str, shown: str) -> None:
    assert display_name(written) == shown


@settings(max_examples=500)
@given(st.text(min_size=1, max_size=40), st.sampled_from(["en", "es"]))
def test_any_name_gives_words_of_the_name_to_greet(written: str, language: str) -> None:
    name = read_name(written, language)
    if not written.split():
        return
    assert name.greeting.strip() and name.display.strip()
    whole = " ".join(written.split())
    words = set(whole.replace(",", " ").split())
    assert name.greeting == whole or set(name.greeting.split()) <= words
