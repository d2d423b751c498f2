"""Job postings → requirements, on real-looking postings in English and Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from builder.app.posting import (
    classify_heading,
    html_to_text,
    looks_like_html,
    parse_posting,
    requirement_id,
)
from builder.app.posting_asks import split_asks
from tests.conftest import FIXTURES

POSTINGS = FIXTURES / "postings"
CASES = sorted(
    p for p in POSTINGS.iterdir() if p.is_file() and not p.name.endswith(".expected.yml")
)


@pytest.mark.parametrize("posting", CASES, ids=lambda p: p.name)
def test_finds_every_requirement_and_nothing_else(posting: Path) -> None:
    expected = YAML(typ="safe").load(
        posting.with_name(posting.name.split(".")[0] + ".expected.yml")
    )
    found = parse_posting(posting.read_text("utf-8"))
    assert [r.text for r in found if r.kind == "must"] == expected["must"]
    assert [r.text for r in found if r.kind == "nice"] == (expected.get("nice") or [])


@pytest.mark.parametrize("posting", CASES, ids=lambda p: p.name)
def test_ids_are_short_unique_and_stable(posting: Path) -> None:
    found = parse_posting(posting.read_text("utf-8"))
    ids = [r.id for r in found]
    assert len(set(ids)) == len(ids)
    assert all(len(i) <= 45 and i.count("-") <= 3 for i in ids), ids
    assert ids == [r.id for r in parse_posting(posting.read_text("utf-8"))]


def test_an_id_depends_on_the_text_alone() -> None:
    assert requirement_id("Strong SQL and Python skills") == "sql-python"
    assert requirement_id("Experiencia demostrable con Power BI") == "power-bi"
    assert requirement_id("Más de 5 años en control de gestión") == "control-gestion"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Requirements", "must"), ("What you'll do", "must"), ("Must have", "must"),
        ("Qualifications", "must"), ("Responsibilities:", "must"), ("About you", "must"),
        ("Nice to have", "nice"), ("Bonus points", "nice"), ("Preferred Qualifications", "nice"),
        ("Requisitos", "must"), ("Funciones", "must"), ("Responsabilidades", "must"),
        ("Imprescindible", "must"), ("Qué harás", "must"), ("Se valorará", "nice"),
        ("Deseable", "nice"), ("Requisitos deseados", "nice"),
        ("What we offer", "skip"), ("Benefits", "skip"), ("About us", "skip"),
        ("Salary", "skip"), ("How to apply", "skip"), ("Qué ofrecemos", "skip"),
        ("Beneficios sociales", "skip"), ("Sobre nosotros", "skip"),
        ("Senior Backend Engineer", None),
    ],
)  # fmt: skip
def test_headings_in_english_and_spanish(heading: str, kind: str | None) -> None:
    assert classify_heading(heading) == kind


def test_a_plus_inside_a_requirement_makes_it_nice() -> None:
    found = parse_posting("Requirements\n- SQL\n- Tableau is a plus\n- Se valorará Qlik\n")
    assert [(r.text, r.kind) for r in found] == [
        ("SQL", "must"), ("Tableau is a plus", "nice"), ("Se valorará Qlik", "nice"),
    ]  # fmt: skip


def test_bullets_outside_requirement_sections_are_ignored() -> None:
    text = "About us\n- 300 staff\n\nBenefits\n- Gym\n\nRequirements\n- Excel\n\nHow to apply\n- Email us\n"
    assert [r.text for r in parse_posting(text)] == ["Excel"]


def test_a_posting_without_headings_has_no_requirements() -> None:
    assert parse_posting("We are hiring! Great team, great pay.\n- Free lunch\n") == []


def test_html_is_reduced_to_text() -> None:
    markup = (
        "<h3>Requirements</h3><ul><li>SQL &amp; <b>Python</b></li>"
        '<li onclick="x()">R&nbsp;or&nbsp;SAS</li></ul><script>alert(1)</script>'
    )
    found = parse_posting(markup)
    assert [r.text for r in found] == ["SQL & Python", "R or SAS"]
    assert "alert" not in html_to_text(markup)


def test_a_list_of_lines_without_bullet_marks_gives_one_requirement_per_line() -> None:
    # Copied from a careers site whose lists lose their bullets when pasted (Workday style).
    text = (
        "Requisitos:\nGrado en ADE\n3 años de experiencia en control de gestión\n"
        "Excel avanzado\n\nQué ofrecemos:\nSeguro médico\nTeletrabajo\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "Grado en ADE", "3 años de experiencia en control de gestión", "Excel avanzado",
    ]  # fmt: skip


def test_a_line_wrapped_by_the_board_stays_one_requirement() -> None:
    text = (
        "Minimum qualifications:\nBachelor's degree in Computer Science, or\n"
        "equivalent practical experience.\n5 years of experience with Java.\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "Bachelor's degree in Computer Science, or equivalent practical experience.",
        "5 years of experience with Java.",
    ]


def test_a_label_and_its_value_on_one_line_is_neither_heading_nor_requirement() -> None:
    text = "Experiencia mínima: Al menos 3 años\nTipo de contrato: Indefinido | Jornada completa\n"
    assert parse_posting(text) == []


def test_a_section_is_judged_by_what_its_items_say() -> None:
    # Startup postings on job boards often title sections in their own words.
    text = (
        "## Your toolkit\n- Strong SQL skills\n- Experience with dbt or Airflow\n\n"
        "## About the role\n- Build the data models behind our pricing\n"
        "- Own the quality of the events pipeline\n\n"
        "## Perks of the job\n- Private health insurance\n- 25 days of vacation\n\n"
        "## Our story\n- Founded in 2019\n- 80 people in Berlin and Madrid\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "Strong SQL skills", "Experience with dbt or Airflow",
        "Build the data models behind our pricing", "Own the quality of the events pipeline",
    ]  # fmt: skip


def test_cualificaciones_and_bold_lead_ins_are_requirement_headings() -> None:
    assert classify_heading("CUALIFICACIONES") == "must"
    assert classify_heading("Como Ingeniero de Datos, estas serán tus tareas encomendadas") == (
        "must"
    )


def test_a_requirements_paragraph_gives_one_requirement_per_sentence() -> None:
    # Written as prose, as small companies do on Indeed.
    text = (
        "Requirements\n"
        "You have a degree in economics, 3+ years of experience in FP&A, English B2, Excel. "
        "Strong communication skills (e.g. presenting to the board). "
        "We are a friendly team of twelve.\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "A degree in economics", "3+ years of experience in FP&A", "English B2", "Excel",
        "Strong communication skills (e.g. presenting to the board).",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("Título universitario, 3 años de experiencia e inglés B2",
         ["Título universitario", "3 años de experiencia", "Inglés B2"]),
        ("Excel, R y Python deseable", ["Excel, R y Python deseable"]),
        ("Grado en ADE, Economía, Finanzas o similar.",
         ["Grado en ADE, Economía, Finanzas o similar."]),
        ("Bachelor's degree in Computer Science, Engineering or equivalent practical experience",
         ["Bachelor's degree in Computer Science, Engineering or equivalent practical experience"]),
        ("2 years of experience in Go, or 1 year with an advanced degree",
         ["2 years of experience in Go, or 1 year with an advanced degree"]),
        ("Español fluido e inglés profesional.", ["Español fluido e inglés profesional."]),
        ("Experience with Kafka (3 years, ideally in fintech) and English C1",
         ["Experience with Kafka (3 years, ideally in fintech)", "English C1"]),
    ],
)  # fmt: skip
def test_a_list_in_a_sentence_is_split_only_between_asks_of_different_kinds(
    sentence: str, asks: list[str]
) -> None:
    assert split_asks(sentence) == asks


def test_a_bullet_listing_asks_of_different_kinds_is_split() -> None:
    text = "Requisitos\n- Título universitario, 3 años de experiencia e inglés B2\n"
    assert [r.text for r in parse_posting(text)] == [
        "Título universitario", "3 años de experiencia", "Inglés B2",
    ]  # fmt: skip


def test_a_markdown_posting_with_a_stray_tag_stays_markdown() -> None:
    text = "# Analyst<br>\n\n## Requirements\n\n- <b>SQL</b>\n- Python\n"
    assert not looks_like_html(text)
    assert [r.text for r in parse_posting(text)] == ["SQL", "Python"]
    assert looks_like_html("<h2>Requirements</h2>\n# not a heading\n<ul><li>SQL</li></ul>")


@pytest.mark.parametrize(
    ("requirement", "kind"),
    [
        ("Experience with Terraform is preferred.", "nice"),
        ("Knowledge of Spark is a plus", "nice"),
        ("Looker experience would be a plus.", "nice"),
        ("Nice to have: dbt", "nice"),
        ("Desirable: CFA Level I", "nice"),
        ("Bonus: open-source contributions", "nice"),
        ("Excel, R y Python deseable", "nice"),
        ("Se valorará experiencia en el sector retail.", "nice"),
        ("Valorable inglés C1", "nice"),
        ("Conocimientos de SAP: sería un plus", "nice"),
        ("Valoraremos que tengas experiencia con Kubernetes.", "nice"),
        ("Inglés B2 (deseable)", "nice"),
        ("Deep experience with relational databases (PostgreSQL preferred)", "must"),
        ("Strong SQL and Python skills", "must"),
        ("Capacidad de trabajo en equipo", "must"),
        ("Experience with Google Analytics or Plus Codes", "must"),
    ],
)  # fmt: skip
def test_a_requirement_that_says_it_is_optional_is_nice(requirement: str, kind: str) -> None:
    # Phrasings collected from LinkedIn, Indeed and InfoJobs postings.
    found = parse_posting(f"Requirements\n- {requirement}\n")
    assert [r.kind for r in found] == [kind]


def test_items_under_a_se_valorara_lead_in_are_nice() -> None:
    text = (
        "Requisitos:\nExperiencia con Python.\n\nSe valorará:\n"
        "Conocimientos de Airflow.\nCertificación de AWS.\n"
    )
    assert [(r.text, r.kind) for r in parse_posting(text)] == [
        ("Experiencia con Python.", "must"),
        ("Conocimientos de Airflow.", "nice"),
        ("Certificación de AWS.", "nice"),
    ]


def test_a_short_line_in_a_list_of_lines_is_an_item_even_if_it_names_a_heading_word() -> None:
    # A start-up's plain-text posting: two lists of lines, each under a one-word heading.
    text = (
        "Imprescindible\nExperiencia extensa y demostrable en PHP y JS\nMySQL\n"
        "Deseable\nExperiencia con algún framework tipo Symfony\n"
        "Experiencia desarrollando APIs: versionado, consistencia\nTwig\n"
    )
    assert [(r.text, r.kind) for r in parse_posting(text)] == [
        ("Experiencia extensa y demostrable en PHP y JS", "must"), ("MySQL", "must"),
        ("Experiencia con algún framework tipo Symfony", "nice"),
        ("Experiencia desarrollando APIs: versionado, consistencia", "nice"), ("Twig", "nice"),
    ]  # fmt: skip


def test_company_sentences_and_values_are_not_requirements() -> None:
    # Modelled on start-up postings that mix culture statements into their lists.
    text = (
        "## What we're looking for\n- Experience with React\n"
        "- We are a remote team of twenty.\n- Our culture is open and transparent\n\n"
        "## Our values\n- Boldness and creativity\n- Users first\n\n"
        "## Why you'll love working here\n- Work on a purpose driven product\n"
    )
    assert [r.text for r in parse_posting(text)] == ["Experience with React"]


def test_duty_lines_under_topic_headings_are_requirements_but_prose_is_not() -> None:
    # Modelled on a plain-text export from an applicant tracking system: duties grouped under
    # topic lines that name neither requirements nor duties, after a prose introduction.
    text = (
        "About Gradient\nGradient is our platform for training models.\n"
        "It runs on our own GPUs.\n\n"
        "System Architecture & Technical Alignment\n"
        "Design and implement services within established architectural patterns.\n"
        "Review approaches and trade-offs with the engineering team to maintain consistency,\n"
        "scalability, and reliability across the platform.\n"
        "Documentation\nCreate and maintain clear technical documentation.\n"
        "Write runbooks for on-call engineers.\n\n"
        "The Team\nThe platform team is a fast paced group of six engineers.\n"
        "It ships every day.\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "Design and implement services within established architectural patterns.",
        "Review approaches and trade-offs with the engineering team to maintain consistency, "
        "scalability, and reliability across the platform.",
        "Create and maintain clear technical documentation.",
        "Write runbooks for on-call engineers.",
    ]


def test_sub_headings_of_a_skipped_section_are_skipped_too() -> None:
    # Modelled on a start-up's Markdown posting that opens with its principles.
    text = (
        "### Our Principles\n___\n\n#### Self-reliance\n- Own your work.\n"
        "- Communicate directly and manage your own time.\n\n"
        "### Responsibilities\n- Maintain our code quality standard\n"
    )
    assert [r.text for r in parse_posting(text)] == ["Maintain our code quality standard"]


def test_a_bullet_is_its_ask_without_the_explanation_that_follows() -> None:
    # Modelled on start-up postings that explain each ask in a sentence or two.
    text = (
        "## Requisitos\n"
        "- Buena comunicación. El trabajo técnico lo realizan personas.\n"
        "- Conocimientos de HTML y CSS. Idealmente dominas Sass o Less.\n"
        "- Ability to take ownership of your work. Every day is a new challenge.\n"
    )
    assert [(r.text, r.kind) for r in parse_posting(text)] == [
        ("Buena comunicación.", "must"),
        ("Conocimientos de HTML y CSS.", "must"),
        ("Idealmente dominas Sass o Less.", "nice"),
        ("Ability to take ownership of your work.", "must"),
    ]


def test_an_ask_behind_a_label_is_a_requirement_but_a_note_is_not() -> None:
    # Modelled on a SaaS company's posting that marks optional asks with a label.
    text = (
        "**Skills and Experience**\n\n5+ years of full stack development experience.\n\n"
        "Optional: experience with AWS cloud services.\n\n"
        "Design Build: you will work on a product team to deliver features.\n\n"
        "Contract: Permanent\n\n"
        "Note: if you lack some experience, apply anyway.\n"
    )
    assert [(r.text, r.kind) for r in parse_posting(text)] == [
        ("5+ years of full stack development experience.", "must"),
        ("Optional: experience with AWS cloud services.", "nice"),
        ("Design Build: you will work on a product team to deliver features.", "must"),
    ]


def test_lines_before_any_heading_are_a_list_when_they_read_as_asks() -> None:
    # An excerpt copied from a careers page that starts inside the minimum qualifications.
    text = (
        "Bachelor's degree or equivalent practical experience.\n"
        "5 years of experience with software development in Java.\n"
        "3 years of experience testing or launching software products.\n"
        "Preferred qualifications:\nMaster's degree in Computer Science.\n"
    )
    assert [(r.text, r.kind) for r in parse_posting(text)] == [
        ("Bachelor's degree or equivalent practical experience.", "must"),
        ("5 years of experience with software development in Java.", "must"),
        ("3 years of experience testing or launching software products.", "must"),
        ("Master's degree in Computer Science.", "nice"),
    ]


def test_a_title_and_a_place_before_the_first_heading_are_not_asks() -> None:
    text = "Analista de datos\nMadrid, España\nHíbrido\n\nRequisitos:\nSQL avanzado\n"
    assert [r.text for r in parse_posting(text)] == ["SQL avanzado"]


def test_duty_lines_after_an_introduction_without_heading_are_requirements() -> None:
    # Modelled on a job board that drops the headings of an employer's posting.
    text = (
        "A senior engineer designs and maintains complex systems. In this role you will work "
        "with the whole team.\n"
        "Designing and implementing complex software systems\n"
        "Developing and maintaining high-quality code\n"
        "Mentoring junior members of the team\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "Designing and implementing complex software systems",
        "Developing and maintaining high-quality code",
        "Mentoring junior members of the team",
    ]


@pytest.mark.parametrize(
    ("paragraph", "asks"),
    [
        ("We're looking for a Rails developer to build and maintain our clients' apps.",
         ["to build and maintain our clients' apps"]),
        ("We are looking for a data engineer to join our growing team.", []),
        ("The role requires English communication with clients in the US and UK.",
         ["The role requires English communication with clients in the US and UK."]),
        ("Contractors must provide their own hardware.",
         ["Contractors must provide their own hardware."]),
        ("Orientativamente, buscamos personas con experiencia entre 5 y 10 años, si bien "
         "estamos abiertos a otros perfiles.", ["personas con experiencia entre 5 y 10 años"]),
        ("Übank está en la búsqueda de un backend developer para implementar su API de ahorro.",
         ["para implementar su API de ahorro"]),
        ("Buscamos un ingeniero DevOps que nos ayude a escalar con seguridad.", []),
        ("Somos una fintech de Barcelona con 80 personas.", []),
    ],
)  # fmt: skip
def test_running_text_outside_requirement_sections_gives_only_what_it_states_as_an_ask(
    paragraph: str, asks: list[str]
) -> None:
    # The opening paragraph of many postings: a role summary that states one or two asks.
    text = f"{paragraph}\n\nRequirements\n- SQL\n"
    assert [r.text for r in parse_posting(text)] == [*asks, "SQL"]


def test_a_condition_stated_in_a_culture_section_is_still_an_ask() -> None:
    text = (
        "### Our Principles\n\n- Prioritize productivity. Expect to work long hours, including "
        "weekends.\n- Own your work.\n\n### Requirements\n\n- 5+ years of Go\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "Expect to work long hours, including weekends.", "5+ years of Go",
    ]  # fmt: skip


def test_a_markdown_heading_of_higher_rank_closes_the_requirement_section() -> None:
    text = (
        "### Requisitos\n\n- Python\n\n---\n\n"
        "## Créditos\n\n- **Imagen de cabecera**: Pitsch, CC0.\n- Foto: Unsplash.\n"
    )
    assert [r.text for r in parse_posting(text)] == ["Python"]


def test_a_wrapped_lead_in_ending_in_a_colon_heads_the_list_below_it() -> None:
    # Modelled on a Spanish consultancy's hiring post: lists announced by running text.
    text = (
        "### Conocimientos\n\nEn cuanto a conocimientos concretos:\n\n- Java o Kotlin.\n\n"
        "Además, hace años que abrazamos la cultura DevOps, con lo que idealmente nos gustaría "
        "que te\ndefendieras en los siguientes campos:\n\n- Docker.\n- Terraform.\n"
    )
    assert [(r.text, r.kind) for r in parse_posting(text)] == [
        ("Java o Kotlin.", "must"), ("Docker.", "nice"), ("Terraform.", "nice"),
    ]  # fmt: skip


def test_a_lead_in_inside_a_skipped_markdown_section_stays_skipped() -> None:
    text = (
        "### Nuestra visión\n\nEn OSOCO asumimos nuestra responsabilidad sobre:\n\n"
        "- Escribir código limpio.\n- Cumplir las estimaciones.\n\n"
        "### Requisitos\n\n- Experiencia con TDD.\n"
    )
    assert [r.text for r in parse_posting(text)] == ["Experiencia con TDD."]


def test_bold_cut_at_a_line_break_is_still_a_heading() -> None:
    # Job boards that convert HTML to Markdown close the bold on the next line.
    text = " **Te encargarás de:  \n**  \n\n  * Diseñar APIs REST.\n  * Revisar código.\n"
    assert [r.text for r in parse_posting(text)] == ["Diseñar APIs REST.", "Revisar código."]


def test_a_nice_section_that_marks_its_own_optional_items_makes_the_rest_must() -> None:
    text = (
        "**Desirable Skills and Experience**\n\n5+ years of PHP experience.\n\n"
        "Good knowledge of SQL.\n\nOptional: experience with AWS.\n"
    )
    assert [(r.text, r.kind) for r in parse_posting(text)] == [
        ("5+ years of PHP experience.", "must"),
        ("Good knowledge of SQL.", "must"),
        ("Optional: experience with AWS.", "nice"),
    ]


def test_front_matter_is_not_part_of_the_posting() -> None:
    text = (
        "---\ntitle: Back-End Developer\ntags:\n- Full-time\n- Remote\n---\n\n"
        "# Habilidades\n\n- Django\n"
    )
    assert [r.text for r in parse_posting(text)] == ["Django"]


def test_a_bold_lead_in_with_its_details_is_an_ask_and_so_are_the_details() -> None:
    text = (
        "# Habilidades\n\n**Experiencia en Python y Django, incluyendo:**\n\n"
        "- APIs REST.\n- Pruebas automatizadas.\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "Experiencia en Python y Django", "APIs REST.", "Pruebas automatizadas.",
    ]  # fmt: skip


def test_a_bullet_that_is_only_a_link_is_a_reference_not_an_ask() -> None:
    text = (
        "Se valorará:\n\n- Smalltalk. Puedes leer más en:\n"
        " - [Pharo en OSOCO](https://osoco.es/pharo/)\n"
    )
    assert [(r.text, r.kind) for r in parse_posting(text)] == [("Smalltalk.", "nice")]


def test_conditions_written_as_label_and_value_are_asks_but_perks_are_not() -> None:
    text = (
        "### Description\n\n**Work Hours:** M - F UK hours\n**Holidays:** TBD\n\n"
        "### Requirements\n\n- PHP\n"
    )
    assert [r.text for r in parse_posting(text)] == ["Work Hours: M - F UK hours", "PHP"]


def test_a_heading_that_states_a_condition_about_the_person_is_an_ask() -> None:
    text = (
        "**LOOKING FOR FILIPINO CITIZENS BASED IN THE PHILIPPINES ONLY**\n\nRequirements\n- PHP\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "LOOKING FOR FILIPINO CITIZENS BASED IN THE PHILIPPINES ONLY", "PHP",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("bullet", "asks"),
    [
        ("Debe leer y escribir en inglés - bilingüe español-inglés es un plus",
         [("Debe leer y escribir en inglés", "must"), ("Bilingüe español-inglés es un plus", "nice")]),
        ("Operating systems - preferably Linux, shells and filesystems.",
         [("Operating systems - preferably Linux, shells and filesystems.", "must")]),
        ("Comfortable in a research environment - we work with universities.",
         [("Comfortable in a research environment", "must")]),
        ("¿Mencionamos proactividad? Es importante que gestiones tu propio tiempo.",
         [("Es importante que gestiones tu propio tiempo.", "must")]),
        ("Preferably experience with Laravel and React.",
         [("Preferably experience with Laravel and React.", "nice")]),
    ],
)  # fmt: skip
def test_a_bullet_gives_its_asks_without_comments_and_questions(
    bullet: str, asks: list[tuple[str, str]]
) -> None:
    found = parse_posting(f"Requisitos\n- {bullet}\n")
    assert [(r.text, r.kind) for r in found] == asks


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("Proficiency in Go or Rust, and experience in system architecture design.",
         ["Proficiency in Go or Rust", "Experience in system architecture design"]),
        ("Strong engineering fundamentals and proficiency in Kotlin.",
         ["Strong engineering fundamentals and proficiency in Kotlin."]),
        ("Demonstrate a good understanding of web development in PHP and familiarity with MySQL.",
         ["Demonstrate a good understanding of web development in PHP",
          "Familiarity with MySQL"]),
        ("3 years of experience testing software, and 1 year of experience with design.",
         ["3 years of experience testing software", "1 year of experience with design"]),
        ("BS in Computer Science with 3+ years of software development experience",
         ["BS in Computer Science", "3+ years of software development experience"]),
        ("Debe ser panameño, mayor de edad.", ["Debe ser panameño", "Mayor de edad"]),
        ("Experiencia entre 5 y 10 años en desarrollo.",
         ["Experiencia entre 5 y 10 años en desarrollo."]),
        ("Gestión y manejo de bases de datos relacionales.",
         ["Gestión y manejo de bases de datos relacionales."]),
        # "and understanding of how …" explains the same ask
        ("Experience with CDN configuration (e.g., Akamai) and understanding of how CDNs "
         "impact web performance",
         ["Experience with CDN configuration (e.g., Akamai) and understanding of how CDNs "
          "impact web performance"]),
    ],
)  # fmt: skip
def test_a_sentence_is_split_where_an_ask_of_its_own_begins(sentence: str, asks: list[str]) -> None:
    assert split_asks(sentence) == asks


def test_text_with_only_inline_tags_stays_markdown_without_hash_headings() -> None:
    # Pasted from a job board's rich-text editor: bold headings, bullets and <br> tags.
    text = "**Requisitos:**<br>\n- SQL avanzado<br>\n- Python deseable<br>\n"
    assert not looks_like_html(text)
    assert [(r.text, r.kind) for r in parse_posting(text)] == [
        ("SQL avanzado", "must"), ("Python deseable", "nice"),
    ]  # fmt: skip
    assert looks_like_html("Requisitos<ul><li>SQL</li><li>Python</li></ul>")


@pytest.mark.parametrize(
    "sentence",
    [
        "At Monzo, Product Marketing is a global product-market fit discipline",
        "Together, we aim to build and market category-leading products",
        "Quartz, found online at qz.com, is a privately owned business news venture",
        "If that's your flavour of product marketing, Monzo is for you",
        "If you love influencing what gets built, you'll feel at home here",
        "Si te apasiona innovar y liderar proyectos, este reto es para ti.",
        "If you don't meet every requirement, please don't hesitate in applying",
        "Si cumples con el perfil, no dudes en postularte.",
        "This is a player/coach role",
        "This is where you come in.",
    ],
)
def test_company_prose_pitches_and_how_to_apply_are_not_asks(sentence: str) -> None:
    text = f"## What the job involves\n\n- {sentence}\n- Own the roadmap for two products\n"
    assert [r.text for r in parse_posting(text)] == ["Own the roadmap for two products"]


def test_search_keywords_are_not_an_ask() -> None:
    text = (
        "Requerimientos\nEdad: entre 28 y 45 años\n"
        "Palabras clave: jefe, gerente, manager, director, lead\n"
    )
    assert [r.text for r in parse_posting(text)] == ["Edad: entre 28 y 45 años"]


def test_requirement_labels_and_years_are_asks_under_a_requirements_heading() -> None:
    # Computrabajo's requirements list: short label-and-value lines and a bare years line.
    text = (
        "Contrato: Indefinido\n\nRequerimientos\n"
        "Educación mínima: Postgrado / Especialización\n3 años de experiencia\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "Educación mínima: Postgrado / Especialización", "3 años de experiencia",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "Modalidad presencial",
        "Modalidad: híbrida",
        "This role is hybrid with 3 days a week in our London office.",
        "The position is fully remote within Spain.",
    ],
)
def test_how_the_work_is_done_is_a_condition_in_any_section(line: str) -> None:
    text = f"## Salary\n\n£90,000 - £140,000\n\n{line}\n\n## Requirements\n\n- Go\n"
    assert [r.text for r in parse_posting(text)] == [line, "Go"]


def test_similar_lines_of_one_list_are_two_asks() -> None:
    text = (
        "Tus principales retos:\nGestionar recursos, talento humano y procesos operativos.\n"
        "Impulsar el mejoramiento continuo.\n\nConocimientos deseables:\n"
        "Administración de talento humano y recursos.\nNormativa laboral.\n"
    )
    assert [(r.text, r.kind) for r in parse_posting(text)] == [
        ("Gestionar recursos, talento humano y procesos operativos.", "must"),
        ("Impulsar el mejoramiento continuo.", "must"),
        ("Administración de talento humano y recursos.", "nice"),
        ("Normativa laboral.", "nice"),
    ]


def test_a_paragraph_that_opens_with_the_company_gives_only_its_asks() -> None:
    text = (
        "**What You'll Do**\n"
        "We're in a rare spot. Acme is already powering support for fast-growing companies. "
        "AI has been part of our DNA from the start.\n\n"
        "We're looking for a customer obsessed engineer to take our AI to the next level. "
        "You'll build the infrastructure for AI features. "
        "Experience with LLM evaluation is essential.\n\n"
        "In this role, you will:\n\n- Ship AI features\n- Build robust APIs\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "to take our AI to the next level",
        "Experience with LLM evaluation is essential.",
        "Ship AI features",
        "Build robust APIs",
    ]


def test_whom_the_role_looks_for_is_an_ask_in_any_section() -> None:
    text = (
        "**This won't be the right role if you…**\n"
        "- Have primarily academic ML experience. This role's looking for someone with "
        "applied AI experience.\n- Want the perks of a big company.\n\n"
        "**Requirements**\n- Python\n"
    )
    assert [r.text for r in parse_posting(text)] == ["someone with applied AI experience", "Python"]


def test_buscamos_a_quien_keeps_what_it_asks() -> None:
    text = "Buscamos a quien lidere la innovación educativa.\n\nRequisitos\n- Inglés B2\n"
    assert [r.text for r in parse_posting(text)] == [
        "quien lidere la innovación educativa", "Inglés B2",
    ]  # fmt: skip


def test_list_items_wrapped_in_paragraphs_stay_bullets_and_bold_after_a_break_stays_bold() -> None:
    # SmartRecruiters and Indeed write `<li><p><b> Label: </b>text</p></li>` and
    # `<b><br>Job Description</b>`.
    markup = (
        "<div><p><b><br>\n What You Bring</b></p><ul><li>\n <p><b> Cloud Depth: </b>Hands-on "
        "experience with AWS.</p></li><li>\n <p><b> Influence: </b>The ability to mentor "
        "peers.</p></li></ul></div>"
    )
    text = html_to_text(markup)
    assert "**What You Bring**" in text.splitlines()
    assert "- **Cloud Depth:** Hands-on experience with AWS." in text.splitlines()
    assert [r.text for r in parse_posting(markup)] == [
        "Cloud Depth: Hands-on experience with AWS.", "Influence: The ability to mentor peers.",
    ]  # fmt: skip


def test_a_description_printed_with_its_own_line_breaks_keeps_its_lists() -> None:
    # InfoJobs prints the employer's text in one element with `white-space: pre-line`.
    markup = (
        "<p class='description'>Seleccionamos un administrativo/a con alemán.\n"
        "      Funciones:\n      - Gestión de expedientes\n      - Negociación de compras.\n"
        "      Requisitos mínimos:\n      - Alemán nivel alto.\n"
        "      - Se valorará experiencia en puesto similar.\n      Se ofrece:\n"
        "      - Remuneración fija según convenio.\n"
        "      - Jornada laboral en horario de mañanas (08.30 a 13.30h).\n</p>"
        "<ul><li>Contrato a tiempo parcial</li><li>Jornada completa</li></ul>"
    )
    assert [(r.text, r.kind) for r in parse_posting(markup)] == [
        ("Gestión de expedientes", "must"),
        ("Negociación de compras.", "must"),
        ("Alemán nivel alto.", "must"),
        ("Se valorará experiencia en puesto similar.", "nice"),
        ("Jornada laboral en horario de mañanas (08.30 a 13.30h).", "must"),
    ]


def test_a_company_description_is_about_the_company_and_its_conditions_still_count() -> None:
    text = (
        "**Company Description**\n\nAt Acme, we believe great code changes the world. As we "
        "grow, we're looking for senior experts to guide the roadmap.\n\n"
        "**For this role, you will need to be Melbourne based as it requires on-site time.**\n\n"
        "**Desired Qualifications:**\n\n- Experience with esports\n"
    )
    assert [(r.text, r.kind) for r in parse_posting(text)] == [
        ("For this role, you will need to be Melbourne based as it requires on-site time.", "must"),
        ("Experience with esports", "nice"),
    ]


def test_a_team_that_is_part_of_the_company_is_company_prose_and_you_will_also_is_a_duty() -> None:
    text = (
        "## What the job involves\n\n"
        "- The Library team is part of the Digital Marketing organization at Acme. We build "
        "a content platform.\n"
        "- You will own your features and mentor engineers. You will also help shape how we "
        "use AI tools.\n"
    )
    assert [r.text for r in parse_posting(text)] == [
        "You will own your features and mentor engineers.",
        "You will also help shape how we use AI tools.",
    ]
