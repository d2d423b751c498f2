"""Follow-ups read as each interviewer reads them: what they asked to see, their priorities
with proof and plan, their concerns answered in the candidate's words, and nothing of the
candidate's notes; two emails to one company share at most a third of their sentences."""

from __future__ import annotations

import datetime as dt
import email
import os
import re
from email import policy
from email.message import EmailMessage
from itertools import combinations
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import MARKED_APPLICATION, MARKED_REFERENCES, MARKERS, write

BASE = "https://tester.github.io/portfolio/"

ANSWER = (
    "He defendido previsiones y valoraciones ante el consejo y ante los bancos financiadores "
    "cada trimestre desde 2021, y sé sostener un número cuando me lo discuten."
)

APPLICATION = f"""
---
company: Atalaya Capital
role: Analista de renta variable
motivation: Quiero hacer desde el análisis el trabajo que hoy hago desde la empresa.
career_fit: Mi objetivo es cubrir un sector como analista principal.
requirements:
  - id: valoracion
    text: Construir y mantener modelos de valoración por descuento de flujos
    evidence: [venta-fabricante]
    plan: >-
      Asumir el mantenimiento de los modelos existentes el primer mes, con un formato
      común para toda la cobertura. Después, revisar las hipótesis de cada compañía.
  - id: redaccion
    text: Redactar informes claros con recomendación y precio objetivo
    evidence: [modelo-dcf]
    plan: Redactar informes en el formato de la casa desde la primera semana.
  - id: automatizacion
    text: Automatizar la recogida de datos con Python
    evidence: [cierre-rapido]
    plan: Automatizar los datos semanales de precios de la electricidad en un solo conjunto.
  - id: comite
    text: Experiencia defendiendo recomendaciones ante un comité de inversión
    plan: Preparar cada recomendación con los números que la desmentirían, y presentarla primero al analista principal.
  - id: bloomberg
    text: Manejo avanzado de Bloomberg
    kind: nice
status: interviewing
interviews:
  - date: 2026-11-18T10:00
    round: 1
    interviewers:
      - name: Marta Ruiz
        role: Directora de análisis
        email: marta.ruiz@atalaya.example
        priorities: [redaccion, valoracion, comite]
        asked_for: [modelo-dcf, cierre-rapido]
        concerns:
          - text: Duda de que haya defendido precios objetivo ante un comité grande marcaqx01
            answer: >-
              {ANSWER}
        notes: Pidió una muestra de redacción; nota privada marcaqx02.
      - name: Ortega, Javier
        role: Analista sénior de renovables
        email: javier.ortega@atalaya.example
        priorities: [automatizacion, comite, bloomberg]
        concerns:
          - Le preocupa que no tenga el CFA nivel II marcaqx03
        notes: Actualiza a mano los precios cada lunes; nota privada marcaqx04.
      - name: Lucía Gómez
        role: Responsable de selección
        email: lucia.gomez@atalaya.example
        priorities: [valoracion]
        opening: Gracias por organizar la entrevista del miércoles y por la claridad sobre los plazos del proceso.
        closing: Quedo pendiente de tus noticias sobre la segunda ronda.
  - date: 2026-11-20T16:00
    round: 2
    interviewers:
      - name: Pedro Sanz
        role: Socio
        email: pedro.sanz@atalaya.example
        body: |-
          Gracias por el **café** del viernes y por contarme cómo nació Atalaya.

          Te dejo el [modelo]({BASE}samples/modelo-dcf/) del que hablamos: el escenario
          de precios bajos es el que más mueve la valoración. Si te parece útil, lo
          repasamos con el equipo la semana que viene.

          Me quedo con la idea de la cobertura de Italia; me encantaría formar parte de ella.
contacts:
  - name: Contacto Marcaqx05
    relation: excompañera marcaqx06
    channel: LinkedIn marcaqx07
    contacted: 2026-11-01
    notes: Dice que el equipo crece; marcaqx08.
questions:
  - ¿Qué compañía de la cobertura preocupa más al equipo? marcaqx09
---
Notas privadas del cuerpo marcaqx10.
"""

PRIVATE_MARKERS = [f"marcaqx{n:02d}" for n in range(1, 11)]

STORIES = {
    "venta-fabricante": ("Valoración para la venta de un fabricante de alimentación",
                         "Valor de empresa de 142 M€, 9,1 veces el EBITDA"),
    "cierre-rapido": ("Automatización del cierre mensual en 38 sociedades",
                      "Cierre de 7 a 3 días hábiles (−57 %)"),
}  # fmt: skip


def build_portfolio(root: Path, *extra: str) -> None:
    """The Spanish portfolio, built as on 2026-11-21."""
    from builder.app.cli import main

    write(root, "site.yml", f"title: Prueba\nurl: {BASE}\nlanguage: es\n")
    write(root, "content/profile.md",
          "---\nname: Ana Candidata\nemail: ana@example.com\n---\nBio.\n")  # fmt: skip
    for id, (title, metric) in STORIES.items():
        write(root, f"content/achievements/{id}.md",
              f"---\ntitle: {title}\nresult: {metric}\nmetrics: ['{metric}']\n---\n")  # fmt: skip
    write(root, "content/samples/modelo-dcf.md",
          "---\ntitle: Modelo DCF de una eléctrica\nsummary: Un modelo de tres estados con DCF.\n---\nEl modelo.\n")  # fmt: skip
    write(root, "content/applications/atalaya.md", APPLICATION)
    os.environ["SOURCE_DATE_EPOCH"] = str(
        int(dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC).timestamp())
    )
    try:
        assert main(["build", "--root", str(root), *extra]) == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("es") / "portfolio"
    build_portfolio(root, "--attach")
    return root


def read(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


def body(msg: EmailMessage, kind: str = "plain") -> str:
    return msg.get_body((kind,)).get_content()  # type: ignore[union-attr]


def mail(root: Path, slug: str, person: str, kind: str = "plain") -> str:
    return body(read(root / f"build/private/{slug}/followup-{person}.eml"), kind)


def flat(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str, sender: str) -> list[str]:
    """A body as sentences: the greeting line and the sender's name left out, then each line
    split at the end of every sentence, whitespace normalised. Lines count apart, so the
    signature's lines are sentences shared by every email."""
    lines = [line.strip() for line in text.splitlines()[1:]]
    found = []
    for line in lines:
        if line and line != sender:
            found += [s for s in re.split(r"(?<=[.!?])\s+", flat(line)) if s]
    return found


def overlaps(folder: Path, sender: str) -> list[tuple[str, str, int, int]]:
    """For each pair of follow-ups in a folder: the sentences they share and the count of the
    shorter one."""
    bodies = {
        p.name: sentences(body(read(p)), sender) for p in sorted(folder.glob("followup-*.eml"))
    }
    found = []
    for a, b in combinations(bodies, 2):
        shared = set(bodies[a]) & set(bodies[b])
        found.append((a, b, len(shared), min(len(set(bodies[a])), len(set(bodies[b])))))
    return found


def assert_varied(folder: Path, sender: str) -> None:
    pairs = overlaps(folder, sender)
    assert pairs, folder
    for a, b, shared, fewer in pairs:
        print(f"{folder.name}: {a} ~ {b}: {shared}/{fewer} sentences shared ({shared / fewer:.0%})")
        assert shared / fewer <= 1 / 3, (a, b, shared, fewer)


def test_two_emails_to_one_company_share_at_most_a_third_of_their_sentences(spanish: Path) -> None:
    assert_varied(spanish / "build/private/atalaya", "Ana Candidata")


def test_the_demos_emails_share_at_most_a_third_of_their_sentences(built_demo: Path) -> None:
    for folder in sorted((built_demo / "build/private").iterdir()):
        if len(list(folder.glob("followup-*.eml"))) > 1:
            assert_varied(folder, "Ana García")


def test_what_they_asked_for_is_linked_in_their_email_only(spanish: Path) -> None:
    marta, javier = (
        mail(spanish, "atalaya", "marta-ruiz"),
        mail(spanish, "atalaya", "ortega-javier"),
    )
    asked = marta.split("Como te prometí")[1].split("\r\n\r\n")[0]
    assert BASE + "samples/modelo-dcf/" in asked and BASE + "achievements/cierre-rapido/" in asked
    assert "«Modelo DCF de una eléctrica»" in asked
    assert "samples/modelo-dcf/" not in javier


def test_attach_sends_the_pdfs_of_what_they_asked_for(spanish: Path) -> None:
    def attached(person: str) -> list[str | None]:
        msg = read(spanish / f"build/private/atalaya/followup-{person}.eml")
        return [part.get_filename() for part in msg.iter_attachments()]

    assert attached("marta-ruiz") == ["atalaya.pdf", "modelo-dcf.pdf"]  # a story has no PDF
    assert attached("ortega-javier") == ["atalaya.pdf"]


def test_a_concern_is_answered_in_the_candidates_words_never_quoted(spanish: Path) -> None:
    marta = flat(mail(spanish, "atalaya", "marta-ruiz"))
    assert ": " + ANSWER[0].lower() + ANSWER[1:] in marta  # after a colon, in lower case
    assert "comité grande" not in marta and "Duda de que" not in marta


def test_a_concern_without_answer_is_left_out_and_check_asks_for_one(spanish: Path, run) -> None:  # type: ignore[no-untyped-def]
    javier = mail(spanish, "atalaya", "ortega-javier")
    assert "CFA" not in javier and "duda" not in javier.lower()
    result = run("check", "--root", spanish)
    warning = [line for line in result.out.splitlines() + result.err.splitlines()
               if "interviews[0].interviewers[1].concerns[0]" in line]  # fmt: skip
    assert warning and "content/applications/atalaya.md:" in warning[0], result.out + result.err
    assert "Javier" in warning[0] and "no tiene respuesta" in warning[0]
    assert "interviewers[0].concerns" not in result.out + result.err  # Marta's has an answer


def test_each_priority_with_its_proof_and_one_sentence_of_the_plan(spanish: Path) -> None:
    marta = mail(spanish, "atalaya", "marta-ruiz")
    point = marta.split("- Construir y mantener modelos de valoración por descuento de flujos.")[1]
    point = point.split("\r\n- ")[0]
    assert BASE + "achievements/venta-fabricante/" in point and "142 M€" in point
    assert "con un formato común para toda la cobertura." in point
    assert "revisar las hipótesis" not in point  # the plan's first sentence only


def test_a_priority_without_proof_shows_only_its_plan(spanish: Path) -> None:
    javier = mail(spanish, "atalaya", "ortega-javier")
    point = javier.split("- Experiencia defendiendo recomendaciones ante un comité de inversión.")[
        1
    ]
    point = point.split("\r\n\r\n")[0].split("\r\n- ")[0]
    assert ": preparar cada recomendación con los números que la desmentirían" in point
    assert "https://" not in point
    assert "Bloomberg" not in javier  # neither proof nor plan: left out


def test_how_they_would_work_with_the_hire_follows_their_role(spanish: Path) -> None:
    marta = mail(spanish, "atalaya", "marta-ruiz")
    javier = mail(spanish, "atalaya", "ortega-javier")
    lucia = mail(spanish, "atalaya", "lucia-gomez")
    assert "Como Directora de análisis, serías quien revise mi trabajo" in marta
    assert "Analista sénior de renovables" in javier and "revise mi trabajo" not in javier
    assert "candidaturas" in lucia or "valoración" in lucia.split("\r\n- ")[0]
    for text in (marta, javier, lucia):
        assert "trabajarás de cerca con quien se incorpore" not in text


def test_spanish_reads_as_a_native_writes_it(spanish: Path) -> None:
    marta = mail(spanish, "atalaya", "marta-ruiz")
    javier = mail(spanish, "atalaya", "ortega-javier")
    assert marta.startswith(
        "Hola, Marta:\r\n\r\nMuchas gracias por la conversación del miércoles 18 de noviembre."
    )
    assert javier.startswith(
        "Hola, Javier:\r\n\r\nGracias por recibirme el miércoles 18 de noviembre."
    )
    for text in (marta, javier):
        assert "Disfruté" not in text and "Gracias por tu tiempo el" not in text
        assert "nov 2026" not in text and "2026" not in text.split("\r\n\r\n")[1]


def test_opening_and_closing_in_the_candidates_own_words(spanish: Path) -> None:
    lucia = mail(spanish, "atalaya", "lucia-gomez")
    paragraphs = lucia.split("\r\n\r\n")
    assert (
        paragraphs[1]
        == "Gracias por organizar la entrevista del miércoles y por la claridad sobre los plazos del proceso."
    )
    assert "Quedo pendiente de tus noticias sobre la segunda ronda." in paragraphs
    assert "Muchas gracias por la conversación" not in lucia


def test_a_body_in_markdown_replaces_the_generated_one(spanish: Path) -> None:
    text = mail(spanish, "atalaya", "pedro-sanz")
    html = BeautifulSoup(mail(spanish, "atalaya", "pedro-sanz", "html"), "html.parser")
    assert text.startswith("Hola, Pedro:\r\n\r\nGracias por el café del viernes y por contarme")
    assert (
        "Te dejo el modelo ("
        + BASE
        + "samples/modelo-dcf/) del que hablamos: el escenario de precios"
        in text
    )
    assert html.find("strong").get_text() == "café"
    assert html.find("a", href=BASE + "samples/modelo-dcf/") is not None
    assert "Como te prometí" not in text and "Ana Candidata" in text


def test_no_email_shows_the_candidates_notes(spanish: Path) -> None:
    for path in (spanish / "build/private").rglob("*.eml"):
        msg = read(path)
        everything = body(msg) + body(msg, "html")
        assert not [m for m in PRIVATE_MARKERS if m in everything], path.name


def test_no_follow_up_quotes_notes_concerns_contacts_or_questions(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """The recipient's own name, role and address belong in their email; nothing else the
    candidate noted does. References hear about the concerns raised, by design, but not the
    notes, contacts or questions."""
    from tests.conftest import TINY_PROFILE, TINY_SITE

    root = tmp_path / "marked"
    write(root, "site.yml", TINY_SITE)
    write(root, "content/profile.md", TINY_PROFILE)
    write(root, "content/achievements/faster-reporting.md",
          "---\ntitle: Faster reporting\nresult: Reports from 5 days to 1\n---\n")  # fmt: skip
    write(root, "content/applications/acme.md", MARKED_APPLICATION)
    write(root, "content/references.yml", MARKED_REFERENCES)
    assert run("build", "--root", root, "--no-pdf").code == 0
    sender = {"699 000 111"}  # the candidate's own phone, in their signature
    recipient = sender | {"Interviewername", "marker-interviewer-id-qx", "Marker Interviewer Role",
                          "marker.interviewer.qx", "2019-03-21"}  # fmt: skip
    referee = sender | {"marker-ref-qx", "Referencename", "marker.reference.qx", "concern about tenure", "speaks to qx",
               "2019-03-21", "Interviewername", "Marker Interviewer Role"}  # fmt: skip
    mails = list((root / "build/private").rglob("*.eml"))
    assert len(mails) == 2
    for path in mails:
        msg = read(path)
        everything = (body(msg) + body(msg, "html")).lower()
        allowed = recipient if path.name.startswith("followup-") else referee
        leaked = [m for m in MARKERS if m not in allowed and m.lower() in everything]
        assert not leaked, (path.name, leaked)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Asumir el mantenimiento de los modelos.", "asumir el mantenimiento de los modelos."),
        ("A rating follows the numbers.", "a rating follows the numbers."),
        ("I passed Level I.", "I passed Level I."),
        ("SQL first, then the rest.", "SQL first, then the rest."),
        ("Python para todo lo que se repite.", "Python para todo lo que se repite."),
    ],
)
def test_after_a_colon_a_sentence_goes_on_in_lower_case_but_names_keep_their_capital(
    text: str, expected: str
) -> None:
    from builder.core.words import english
    from builder.plan.kit import after_colon

    corpus = "Automatizar la recogida de datos con Python"  # the application names it mid-sentence
    assert after_colon(text, english(), corpus) == expected


def test_a_plan_gives_its_first_sentence_only() -> None:
    from builder.plan.kit import first_sentence

    assert first_sentence("Map the forecast. Then move it to drivers.") == "Map the forecast."
    assert first_sentence("Bring the operator's view (e.g. capture prices)") == (
        "Bring the operator's view (e.g. capture prices)."
    )
