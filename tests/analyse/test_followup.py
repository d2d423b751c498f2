"""Questions for the prep sheet: each asked once, in the candidate's own words."""

from __future__ import annotations

from builder.analyse.followup import distinct_questions, same_question

URGENT = (
    "¿Cuál es el problema más urgente que el equipo necesita resolver en los próximos tres meses?"
)


def test_near_duplicates_in_spanish_are_one_question() -> None:
    assert same_question(
        "¿Cómo se mide el éxito del puesto en el primer año?",
        "¿Cómo se mide el éxito en el primer año?",
        "es",
    )
    assert same_question(
        "¿Cuáles son los mayores retos del equipo este año?",
        "¿Cuáles son los principales retos del equipo para este año?",
        "es",
    )
    assert not same_question(
        "¿Cómo se mide el éxito en el primer año?", "¿Quién decide los precios a clientes?", "es"
    )


def test_the_candidates_wording_wins_and_comes_after_the_suggestions() -> None:
    own = [
        "¿Cómo se mide el éxito en el primer año?",
        "¿Cómo se mide el éxito del puesto en el primer año?",
        "¿Quién decide los precios a clientes?",
    ]
    assert distinct_questions(own, [URGENT], "es", {URGENT: "urgent"}) == [
        URGENT, own[0], own[2],
    ]  # fmt: skip
    mine = "¿Qué problema urgente debería resolver quien se incorpore?"
    assert distinct_questions([mine], [URGENT], "es", {URGENT: "urgent"}) == [mine]
