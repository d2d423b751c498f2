"""Job postings → requirements: one per ask, must or nice, in English or Spanish.

A posting pasted from a job board is plain text, Markdown or HTML (a Markdown posting with a
stray `<b>` or `<br>` stays Markdown). Headings are recognised by their shape (Markdown `#`,
a bold line, ALL CAPS, a short line, a line ending in a colon) and split the posting into
sections. A section is judged by what its heading says and, when the heading names neither
requirements nor anything else, by what its items say: duties and asks are kept; company
blurbs, values, salary, benefits, how to apply and legal text are left out. Items are
bullets, numbered lines, or plain lines of a list, also before any heading; paragraphs give
their asks as builder.app.posting_asks reads them. An item is nice under a nice-to-have
heading or when it says so ("a plus", "se valorará"); under a nice heading whose section
marks its own optional items ("Optional: …"), only those are nice.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

from builder.app.posting_asks import (
    PERSON_KINDS,
    WORK_HOURS,
    Kind,
    ask_kind,
    bullet_asks,
    condition,
    explicit_ask,
    item_kind,
    off_topic,
    prose_asks,
    says_optional,
    sentences,
    sought,
    split_asks,
)
from builder.core.literal import plain_line
from builder.core.text import STOPWORDS, fold

Section = Literal["must", "nice", "skip"] | None


@dataclass(frozen=True)
class PostedRequirement:
    id: str
    text: str
    kind: Kind


# Words of headings, accent-folded and lowercase. Checked in this order: a section about pay or
# perks is never a requirement; "nice to have" words turn any requirement heading into `nice`.
SKIP_HARD = (
    "benefit", "perk", "salary", "compensation", "pay range", "we offer", "what we offer",
    "our offer", "equal opportunit", "how to apply", "to apply", "application process",
    "interview process", "hiring process", "beneficio", "salario", "retribucion", "ofrecemos",
    "que ofrecemos", "te ofrecemos", "ofrecemos", "se ofrece", "como aplicar", "como inscribirte",
    "proceso de seleccion", "igualdad de oportunidades", "why you'll love", "why join",
    "why work", "why us", "por que ser parte", "por que unirte", "por que trabajar", " values ",
    "nuestros valores", " culture ", " cultura ", "life at", "your application",
    "tu candidatura", "ways of working", "principles", "principios", "how we work",
    "como trabajamos", "our vision", "nuestra vision", "our mission", "nuestra mision",
    "presentarme", "presentarte", "postularte", "how can i apply",
    "won't be the right", "not the right role", "isn't for you", "no es para ti",
)  # fmt: skip
NICE = (
    "nice to have", "nice-to-have", "bonus", "preferred", "plus", "desirable", "desired",
    "good to have", "would be great", "ideally", "we'd love", "we would love", "nos gustaria", "extra credit",
    "se valorara", "valorable", "valoramos", "valoraremos",
    "deseable", "deseado", "deseada", "seria un plus", "puntos extra", "opcional",
)  # fmt: skip
MUST = (
    "requirement", "qualification", "responsibilit", "what you'll do", "what you will do",
    "what you'll be doing", "you will", "must have", "must-have", "what you bring",
    "what you'll bring", "looking for", "about you", "who you are", "you have", "your profile",
    "skills", "experience", "duties", "the job", "your role", "your mission", "key tasks",
    "what we need", "what we expect", "essential", "required", "minimum",
    "ideal candidate", "you'll need", "what you need", "cualificacion", "candidato ideal",
    "lo que buscamos", "te encargaras", "seras responsable", "tus responsabilidades",
    "requisito", "requerimiento", "funciones", "responsabilidad", "imprescindible",
    "que haras", "que vas a hacer", "tus funciones", "tu mision", "buscamos", "perfil",
    "tareas", "competencias", "conocimientos", "experiencia", "necesitamos", "obligatorio",
    "habilidades", "retos",
)  # fmt: skip
# About the company or the place: its items may still turn out to be requirements.
SKIP_SOFT = (
    "about", "company", "company description", "company overview", "about the company",
    "descripcion de la empresa", "who we are", "our team", "the team", "location",
    "sobre nosotros", "quienes somos", "la empresa", "empresa", "ubicacion", "equipo",
)  # fmt: skip
# About the role in running text: only what it states as an ask counts.
ROLE = (
    "description", "overview", "summary", "about the job", "about the role", "about this role",
    "job summary", "the opportunity", "descripcion", "resumen", "sobre el puesto",
    "el puesto", "la posicion", "el rol",
)  # fmt: skip
BULLET = re.compile(
    r"^\s*(?:[-*•·▪◦‣–—+»✓✔●○■□➢➤►▶→✗✘]|\(?\d{1,2}[.)]|[a-h][.)])\s+(?P<text>\S.*)$"
)
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_].*?)\1\s*:?\s*$")
# "Location: Madrid", "**Contrato:** Indefinido": a short label and its value on one line.
LABEL_VALUE = re.compile(r"^\s*(\*\*|__)?[^:.;!?]{1,30}:(\*\*|__)?\s+\S")
# A line the board cut in the middle of a sentence.
WRAPPED_END = re.compile(
    r"(,|\(|-|\b(and|or|with|of|in|the|a|to|for|y|o|e|de|del|en|con|la|el|los|las|para))\s*$", re.I
)
# Items that are about perks rather than the job (accent-folded, lowercase).
PERK = re.compile(
    r"\b(insurance|health ?(care|plan|coverage)|medical|dental|vision|vacations?|holidays?|pto|"
    r"401\(?k|parental leave|pension|"
    r"stipend|gym|equity|stock options|days off|paid time|remote work|hybrid work(ing)?|offsite|"
    r"annual bonus|life insurance|wellness|"
    r"seguro|vacaciones|ticket|tarjeta restaurante|guarderia|descuentos?|jornada intensiva|"
    r"dias libres|retribucion flexible|teletrabajo|plan de pensiones|bonus anual)\b"
)
# Items that ask something of the candidate or describe the work (accent-folded, lowercase).
ASK = re.compile(
    r"\b(experience|experiencia|years?|anos|degree|bachelor|master|phd|titul|grado|knowledge|"
    r"conocimientos?|skills?|ability|able to|capacidad|proficien|familiar|fluent|fluido|"
    r"english|ingles|you will|you'll|must|required|requisit|responsib|manag|develop|design|"
    r"build|own|lead|support|analy[sz]|prepar|work with|collaborat|partner|maintain|"
    r"implement|improve|monitor|model|present|negotiat|client|gestion|desarroll|disen|"
    r"analiz|elabor|colabor|coordin|lider|mantener|implant|mejorar|dominio|manejo|contribut|"
    r"review|participat|ensure|create|write|test|deploy|document|identif|communicat|mentor)"
)
# "5 years of experience…", "Mínimo 3 años…": a line that opens with what it asks.
YEARS_FIRST = re.compile(r"^\W*((at least|minimum|minimo|mas de|over) )?\d+\s*\+?\s*(years?|anos)")
# Lines that state a condition of the job as a label and its value ("Work Hours: M - F UK").
CONDITION_LABEL = re.compile(
    r"^\W*(work(ing)? hours|hours|schedule|shift|horario|turno|citizenship|nationality|"
    r"nacionalidad)\W*:"
)
# Lines that state where and how the work is done ("Modalidad presencial", "This role is
# hybrid with 3 days a week in our London office"): a condition of the job in any section.
WORK_MODE = re.compile(
    r"^\W*(modalidad( de trabajo)?\W*(presencial|remot[ao]|hibrid[ao]|mixta|teletrabajo)|"
    r"(this|the) (role|position|job) is (fully |100% )?(hybrid|remote|on-?site|office-based|"
    r"in[- ]office|in[- ]person)\b.{0,80}$)"
)
# Labels that name an ask in a requirements section ("Educación mínima: Postgrado").
ASK_LABEL = re.compile(
    r"^\W*(educacion|estudios|formacion|titulacion|experiencia|idiomas?|conocimientos|edad|"
    r"education|degree|experience|languages?|skills|age)( (minim[oa]|requerid[oa]|minimum|"
    r"required))?\W*:"
)
# A lead-in naming an ask whose details follow ("**Experience in Python, including:**").
WITH_DETAILS = re.compile(r",?\s*(including|incluyendo|que incluyen?|such as)\s*:?\s*$")
LINK_ONLY = re.compile(r"^\s*\[[^\]]+\]\([^)]*\)\s*$")


@dataclass
class _Item:
    lines: list[str]
    section: Kind
    bullet: bool = True
    always: bool = False  # a condition of the job, whatever its section says

    @property
    def text(self) -> str:
        return clean(" ".join(self.lines))

    @property
    def paragraph(self) -> bool:
        """Running text of several sentences, rather than a bullet or a line of a list."""
        return not self.bullet and len(sentences(self.text)) > 1


@dataclass
class _Block:
    """The lines under one heading: what the heading says (must, nice, skip; soft for a
    company-like heading, role for a description of the role, None for an unknown one), the
    requirement kind of the section it sits in, and the items found there; what the items
    say decides the unknown cases."""

    said: str | None
    inherited: Kind | None
    plain: bool
    items: list[_Item] = field(default_factory=list)
    weak: bool = False
    level: int = 0  # of a Markdown heading: its sub-headings share a skipped section's fate
    section_level: int = 0  # of the Markdown heading that opened the requirement section

    @property
    def kind(self) -> Kind:
        if self.said in ("must", "nice"):
            return self.said  # type: ignore[return-value]
        return self.inherited or "must"

    @property
    def marks_its_own(self) -> bool:
        """A nice section whose items say which of them are optional ("Optional: AWS")."""
        return self.said == "nice" and any(says_optional(item.text) for item in self.items)


def parse_posting(text: str) -> list[PostedRequirement]:
    """Every requirement of a posting, in order, with short stable ids."""
    text = html_to_text(text) if looks_like_html(text) else without_stray_tags(text)
    blocks = _blocks(repair_emphasis(without_front_matter(text)))
    asks = [
        (ask, _ask_kind(block, item, ask))
        for block in blocks
        for item in block.items
        for ask in _item_asks(block, item, _keeps(block))
    ]
    return with_ids(asks)


def _blocks(text: str) -> list[_Block]:
    """The posting cut into blocks at its headings, each with its items."""
    blocks = [_Block(None, None, True, weak=True)]  # lines before any heading may be a list
    open_item: _Item | None = None
    listing: Kind | None = None  # the lines that follow are the items of a list of this kind
    for line in text.split("\n"):
        block = blocks[-1]
        if open_item is not None:
            listing = None if open_item.bullet or open_item.always else open_item.section
        if not line.strip():
            listing = None
        bullet = BULLET.match(line)
        lead_in = block.items[-1] if bullet and block.items else None
        if lead_in is not None and open_item in (None, lead_in) and _lead_in(lead_in):
            # "…nos gustaría que te\ndefendieras en los siguientes campos:" introduces a list.
            block.items.remove(lead_in)
            block = _open(blocks, lead_in.text, lead_in.text)
        if not line.strip() or bullet:
            open_item = None
            if bullet and not LINK_ONLY.match(bullet["text"]):
                open_item = _Item([bullet["text"]], block.kind)
                block.items.append(open_item)
        elif open_item is not None and _continues(open_item, line):
            open_item.lines.append(line.strip())
        elif any(p.match(fold(clean(line))) for p in (CONDITION_LABEL, WORK_MODE, WORK_HOURS)):
            open_item = _Item([line.strip()], "must", bullet=False, always=True)
            block.items.append(open_item)
        elif (listing is not None or block.plain) and _is_line_item(line, listing, open_item):
            open_item = _Item([line.strip()], listing or block.kind, bullet=False)
            block.items.append(open_item)
        elif block.plain and _labelled_ask(line, block.said in ("must", "nice")):
            open_item = _Item([line.strip()], block.kind, bullet=False)
            block.items.append(open_item)
        elif LABEL_VALUE.match(line) and not _strong_heading(line):
            open_item = listing = None  # "Location: Madrid" is a fact about the job, not a heading
        elif (heading := heading_text(line)) is not None:
            open_item = None
            new = _open(blocks, heading, line)
            if WITH_DETAILS.search(heading) and ASK.match(fold(heading)):
                new.items.append(_Item([WITH_DETAILS.sub("", heading)], new.kind))
            elif _states_an_ask(heading, line):  # "**LOOKING FOR CITIZENS BASED IN …**"
                new.items.append(_Item([heading], "must", bullet=False, always=True))
            # "Minimum qualifications:" announces a list of lines.
            listing = new.kind if new.plain and line.strip().endswith(":") else None
        elif block.plain and (explicit_ask(line) or not all(map(off_topic, sentences(line)))):
            # One requirement per line, without bullet marks (Google careers style).
            open_item = _Item([line.strip()], block.kind, bullet=False)
            block.items.append(open_item)
        else:
            open_item = listing = None
    return blocks


def _open(blocks: list[_Block], heading: str, line: str) -> _Block:
    blocks.append(_next_block(blocks[-1], heading, line))
    return blocks[-1]


def _states_an_ask(heading: str, line: str) -> bool:
    """A heading that is a condition about the person ("**LOOKING FOR FILIPINO CITIZENS**")
    or of the job ("**For this role, you will need to be Melbourne based …**")."""
    long = len(heading.split()) > 6 and not line.strip().endswith(":")
    person = bool(explicit_ask(heading)) and ask_kind(heading) in PERSON_KINDS
    return long and (person or condition(heading))


def _lead_in(item: _Item) -> bool:
    """A line of running text that ends with a colon and so announces what follows."""
    return not item.bullet and item.lines[-1].rstrip().endswith(":")


def _item_asks(block: _Block, item: _Item, kept: bool) -> list[str]:
    """The asks of one item. In a kept block: a bullet or a line by its first sentence (and
    any later one that asks itself), a paragraph sentence by sentence, or, when the heading
    does not name requirements, only the sentences that state an ask. Outside kept blocks,
    running text still gives what it states as an ask, unless the section is about the
    company, and any section gives the conditions of the job it states ("Expect to…") and
    whom it is looking for ("This role's looking for someone with…")."""
    text = item.text
    if item.always:
        parts = [text]
    elif kept and not item.paragraph:
        parts = bullet_asks(text)
    elif kept or (not item.bullet and block.said in (None, "role")):
        parts = prose_asks(text, explicit_only=block.said not in ("must", "nice"))
    else:
        parts = [ask for s in sentences(text) if (ask := s if condition(s) else sought(s))]
    return [ask for part in parts for ask in split_asks(part) if ask]


def _ask_kind(block: _Block, item: _Item, ask: str) -> Kind:
    if item.always:
        return "must"
    section = "must" if block.marks_its_own else item.section
    return item_kind(section, ask)


def _next_block(block: _Block, heading: str, line: str) -> _Block:
    """The block a heading opens. An unknown heading inside a requirement section (a bold
    lead-in, "Modeling and Analysis", "You have:") stays in that section, unless it is a
    Markdown heading of a higher rank than the one that opened the section."""
    said = _heading_says(heading)
    markdown = MARKDOWN_HEADING.match(line.strip())
    level = len(line.strip()) - len(line.strip().lstrip("#")) if markdown else 0
    in_section = block.said in ("must", "nice") or (block.said is None and block.inherited)
    if 0 < level < block.section_level:
        in_section = False  # "## Credits" after "### Requirements"
    inherited = block.kind if in_section else None
    strong = _strong_heading(line)
    if block.said == "skip" and block.level > 0 and (level > block.level or not strong):
        # "#### Focus" or "En OSOCO asumimos nuestra responsabilidad sobre:" under
        # "### Nuestra visión": a Markdown section lasts until its next heading.
        return _Block("skip", None, False, level=block.level)
    if said in ("must", "nice") and level:
        section_level = level
    else:
        section_level = block.section_level if in_section else 0
    plain = said in ("must", "nice", "role", None)
    weak = not (strong or line.strip().endswith(":"))
    return _Block(said, inherited, plain, [], weak, level, section_level)


def _keeps(block: _Block) -> bool:
    """Whether a block's items are requirements, by its heading and by what its items say:
    benefits, pay, company facts and legal text are left out whatever the heading."""
    if block.said == "skip":
        return False
    items = [item for item in block.items if not item.paragraph and not item.always]
    if block.said in ("must", "nice"):
        items = [item for item in block.items if not item.always]
    texts = [fold(ask) for item in items for ask in _candidates(item)]
    if not texts:
        return False
    off = sum(bool(off_topic(t) or PERK.search(t)) for t in texts)
    asks = sum(bool(ASK.search(t)) for t in texts)
    if block.said in ("must", "nice"):
        return off * 2 <= len(texts)
    if off and off >= asks:
        return False
    # Lines under a plain short line ("System Architecture", "Estudios mínimos") count only
    # when there are several and they read as asks or duties.
    lines = any(not item.bullet for item in items)
    if block.said is None and block.inherited and not (lines and block.weak):
        return True
    if lines:  # running text: each line must open with the ask ("Design…", "Experience…")
        asks = sum(bool(ASK.match(t) or YEARS_FIRST.match(t)) for t in texts)
    return off == 0 and len(texts) >= 2 and asks * 3 >= len(texts) * 2


def _candidates(item: _Item) -> list[str]:
    """What an item would give if its block were kept, for judging the block."""
    if item.paragraph:
        return [s for s in sentences(item.text) if not off_topic(s)]
    return bullet_asks(item.text)


def _continues(item: _Item, line: str) -> bool:
    """An indented line continues a bullet; a line that starts in lowercase, or follows a line
    cut after a comma or a joining word, continues a plain line wrapped by the board."""
    if item.bullet:
        return line[:1].isspace()
    stripped = line.strip()
    return stripped[:1].islower() or bool(WRAPPED_END.search(item.lines[-1]))


def _is_line_item(line: str, listing: Kind | None, previous: _Item | None) -> bool:
    """A short line in a list of lines is one more requirement ("Fluent English", "Experiencia
    con algún framework", "SQL: avanzado"), not a new heading, unless it is a heading's few
    words ("Deseable", "Preferred qualifications"). Outside such a list, a line is an item
    only if it names a requirement word in more words than a heading has ("Experiencia con
    algún framework tipo Symfony"); "We'd love to see someone who" stays a heading. A line in
    Title Case after a full sentence opens a new topic ("Software Development & Delivery")."""
    if _strong_heading(line) or line.strip().endswith(":"):
        return False
    if YEARS_FIRST.match(fold(clean(line))):
        return True  # "3 años de experiencia" is an ask, however short
    heading = heading_text(line)
    if heading is None:
        label = clean(line).split(":", 1)[0]
        perk = PERK.search(fold(label)) or off_topic(label)  # "Holidays: TBD" is no ask
        return listing is not None and bool(LABEL_VALUE.match(line)) and not perk
    said = classify_heading(heading)
    if listing is None:
        return said == "must" and len(heading.split()) > 4
    after_sentence = previous is not None and previous.lines[-1].endswith((".", ";", "!", "?"))
    if after_sentence and _title_case(heading):
        return False
    return said is None or len(heading.split()) > 4


def _labelled_ask(line: str, asking: bool = False) -> bool:
    """In a requirement section, "Optional: experience with AWS" or "Design Build: you will
    work on a product team" is an ask behind a label, not a fact like "Contrato: Indefinido";
    so is "Educación mínima: Postgrado" under a heading that names requirements (`asking`)."""
    if not LABEL_VALUE.match(line) or off_topic(line):
        return False
    label, value = line.split(":", 1)
    if re.search(r"\b(note|nota|notice|aviso|important|importante|ps)\b", fold(label)):
        return False
    if asking and ASK_LABEL.match(fold(clean(line))):
        return True
    return says_optional(label + ":") or len(value.split()) >= 4


def _title_case(text: str) -> bool:
    long_words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def heading_text(line: str) -> str | None:
    """The words of a heading, or None if the line is running text."""
    stripped = line.strip()
    if not re.search(r"[^\W_]", stripped):
        return None  # a rule such as "___" or "***"
    for pattern in (MARKDOWN_HEADING, BOLD_LINE):
        match = pattern.match(stripped)
        if match:
            return match["text"].strip(" :*_")
    words = stripped.rstrip(":").split()
    if stripped.endswith(":") and len(words) <= 16:
        return stripped.rstrip(":")
    if (
        len(words) <= 6
        and not re.search(r"[.;,!?]$", stripped)
        and not stripped.startswith(("**", "__"))
    ):
        return stripped
    if stripped.isupper() and len(words) <= 8:
        return stripped
    return None


def _strong_heading(line: str) -> bool:
    stripped = line.strip()
    return bool(MARKDOWN_HEADING.match(stripped) or BOLD_LINE.match(stripped)) or stripped.isupper()


def classify_heading(heading: str) -> Section:
    """must, nice, skip, or None for a heading that says nothing about requirements."""
    said = _heading_says(heading)
    return "skip" if said in ("soft", "role") else said  # type: ignore[return-value]


def _heading_says(heading: str) -> str | None:
    """must, nice, skip (pay, perks, applying, the law), soft (the company, the place: its
    items may still turn out to be requirements), role (a description of the role: only
    what it states as an ask counts), or None. A long lead-in ("Además, en OSOCO abrazamos
    la cultura DevOps, con lo que nos gustaría que te defendieras en:") is judged by its
    last clause, the one that announces the list."""
    if len(heading.split()) > 6 and "," in heading:
        heading = heading.rsplit(",", 1)[1]
    words = " " + fold(heading).replace("’", "'") + " "
    if any(term in words for term in SKIP_HARD):
        return "skip"
    if any(re.search(rf"\b{re.escape(term)}", words) for term in NICE):
        return "nice"
    found = {
        said: max((len(t) for t in terms if re.search(rf"\b{re.escape(t)}", words)), default=0)
        for said, terms in (("must", MUST), ("role", ROLE), ("soft", SKIP_SOFT))
    }
    best = max(found, key=lambda said: found[said])  # the longest term wins; must on a tie
    return best if found[best] else None


def clean(text: str) -> str:
    """Item text as a person reads it: no Markdown emphasis or links, single spaces, no
    control characters (it becomes a YAML field)."""
    text = html.unescape(text).replace("\xa0", " ")
    text = re.sub(r"\[([^\]]+)\]\((?:[^()]|\([^()]*\))*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])", r"\1", text)
    text = text.replace("`", "")
    return plain_line(text)


# ---------------------------------------------------------------------------
# Ids: a few significant words of the text, stable as long as the text is


def with_ids(items: list[tuple[str, Kind]]) -> list[PostedRequirement]:
    used: set[str] = set()
    result = []
    for text, kind in items:
        base = requirement_id(text)
        id, n = base, 2
        while id in used:
            id, n = f"{base}-{n}", n + 1
        used.add(id)
        result.append(PostedRequirement(id, text, kind))
    return result


def requirement_id(text: str, words: int = 3) -> str:
    tokens = re.findall(r"[a-z0-9+#]+", fold(text).replace("c++", "cpp").replace("c#", "csharp"))
    stripped = [t.strip("+#") for t in tokens]
    stop = STOPWORDS["en"] | STOPWORDS["es"]
    significant = [t for t in stripped if t and t not in stop and not t.isdigit()]
    chosen = significant[:words] or [t for t in stripped if t][:words] or ["requirement"]
    return "-".join(t[:14] for t in chosen)


# ---------------------------------------------------------------------------
# HTML postings


MARKDOWN_HEADINGS = re.compile(r"^\s{0,3}#{1,6}\s+\S", re.MULTILINE)
STRAY_TAG = re.compile(r"</?(br|strong|b|em|i|u|span|p)\b[^>]*?/?>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """HTML: a page or fragment built of tags. Text with only inline tags (`<b>`, `<br>`) is
    Markdown or plain text that carries stray tags, as postings copied from an editor often
    do, and so is Markdown with `#` headings that also holds a block tag."""
    if not re.search(r"<(p|div|ul|ol|li|h[1-6]|br|strong|b|span|section)\b[^>]*>", text, re.I):
        return False
    if text.lstrip().startswith("<"):
        return True
    block = re.search(r"<(p|div|ul|ol|li|h[1-6]|section|table)\b[^>]*>", text, re.I)
    return bool(block) and not MARKDOWN_HEADINGS.search(text)


def without_stray_tags(text: str) -> str:
    """Markdown with its stray tags read as Markdown: `<br>` a new line, `<b>` bold."""

    def markdown(match: re.Match[str]) -> str:
        tag = match[1].lower()
        return "\n" if tag in ("br", "p") else "**" if tag in ("b", "strong") else ""

    return STRAY_TAG.sub(markdown, text)


BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "ul",
    "ol",
    "table",
    "tr",
    "br",
    "hr",
}


class _TextMaker(HTMLParser):
    """HTML → the plain text a reader sees, keeping headings, list items and bold lines. A
    list item whose text sits in a paragraph (`<li><p>…</p></li>`) stays one bullet, and bold
    that opens with a line break or spaces (`<b><br>Job Description</b>`) stays bold."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.bullet = False  # a list item opened and nothing written in it yet
        self.bold = False  # bold opened and nothing written in it yet

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n## ")
        elif tag == "li":
            self.parts.append("\n- ")
            self.bullet = True
        elif tag in ("strong", "b"):
            self.parts.append("**")
            self.bold = True
        elif tag in BLOCKS and not self.bullet:
            if self.bold:  # the break goes before the bold mark, not inside it
                self.parts.insert(len(self.parts) - 1, "\n")
            else:
                self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.hidden = max(0, self.hidden - 1)
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n")
        elif tag in ("strong", "b"):
            last = self.parts[-1] if self.parts else ""
            space = last[len(last.rstrip()) :]  # "<b>Label: </b>text" → "**Label:** text"
            if space and self.parts:
                self.parts[-1] = last.rstrip()
            self.parts.append("**" + space)
            self.bold = False
        elif tag in BLOCKS or tag == "li":
            self.parts.append("\n")
            self.bullet = False

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        text = own_lines(data)
        if self.bold:
            text = text.lstrip()
        if text.strip():
            self.bullet = self.bold = False
        self.parts.append(text)


def own_lines(text: str) -> str:
    """The text of an HTML element with the source's line wrapping undone, except where the
    employer's own lines show through (boards that print a description with `white-space:
    pre-line`): before a list item ("- Gestión de expedientes"), before a lead-in ending in
    a colon ("Requisitos mínimos:") and after one."""
    lines = text.split("\n")
    joined = lines[0]
    for before, line in zip(lines, lines[1:], strict=False):
        own = before.rstrip().endswith(":") or line.rstrip().endswith(":") or BULLET.match(line)
        joined += ("\n" if own and line.strip() else " ") + line
    return joined


def html_to_text(markup: str) -> str:
    maker = _TextMaker()
    maker.feed(markup)
    maker.close()
    lines = [
        " ".join(line.replace("\xa0", " ").split()) for line in "".join(maker.parts).split("\n")
    ]
    return "\n".join(line.replace("****", "") for line in lines)


FRONT_MATTER = re.compile(r"\A\s*(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(\n|\Z)", re.DOTALL)


def without_front_matter(text: str) -> str:
    """A Markdown file's front matter (YAML between `---`, TOML between `+++`) is data for the
    site that published it, not text of the posting."""
    return FRONT_MATTER.sub("", text, count=1)


def repair_emphasis(text: str) -> str:
    """Bold that a board cut at a line break ("**¿Qué buscamos?  \\n**") closed on its own line,
    so the heading reads as one bold line again."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    result: list[str] = []
    for line in lines:
        marker = line.strip()
        if marker in ("**", "__") and result and result[-1].count(marker) % 2 == 1:
            result[-1] = result[-1].rstrip() + marker
        else:
            result.append(line)
    return "\n".join(result)
