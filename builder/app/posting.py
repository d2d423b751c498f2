"""Job postings → requirements: one per ask, must or nice, in English or Spanish.

A posting pasted from a job board is plain text, Markdown or HTML (a Markdown posting with a
stray `<b>` or `<br>` stays Markdown). Headings are recognised by their shape (Markdown `#`,
a bold line, ALL CAPS, a short line, a line ending in a colon) and split the posting into
sections. A section is judged by what its heading says and, when the heading names neither
requirements nor anything else, by what its items say: duties and asks are kept; company
blurbs, values, salary, benefits, how to apply and legal text are left out. Items are
bullets, numbered lines, or plain lines of a list; a paragraph gives one requirement per
sentence, and a sentence listing asks of different kinds (a degree, years of experience, a
language) one per ask. An item is nice under a nice-to-have heading or when it says so
("a plus", "se valorará").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

from builder.core.literal import plain_line
from builder.core.text import STOPWORDS, fold

Kind = Literal["must", "nice"]
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
    "que ofrecemos", "te ofrecemos", "ofrecemos", "como aplicar", "como inscribirte",
    "proceso de seleccion", "igualdad de oportunidades", "why you'll love", "why join",
    "why work", "why us", "por que ser parte", "por que unirte", "por que trabajar", " values ",
    "nuestros valores", " culture ", " cultura ", "life at", "your application",
    "tu candidatura", "ways of working", "principles", "principios", "how we work",
    "como trabajamos", "won't be the right", "not the right role", "isn't for you",
    "no es para ti",
)  # fmt: skip
NICE = (
    "nice to have", "nice-to-have", "bonus", "preferred", "plus", "desirable", "good to have",
    "would be great", "ideally", "we'd love", "we would love", "nos gustaria", "extra credit",
    "se valorara", "valorable", "valoramos",
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
    "retos",
)  # fmt: skip
SKIP_SOFT = (
    "about", "company", "who we are", "our team", "the team", "location", "description",
    "overview", "summary", "about the job", "about the role", "about this role",
    "sobre nosotros", "quienes somos", "la empresa", "empresa",
    "descripcion", "ubicacion", "equipo",
)  # fmt: skip
# Markers inside an item that make it optional even under a requirement heading.
# Matched on accent-folded text; a cue inside brackets that say more than the cue
# ("PostgreSQL preferred") qualifies one detail, not the requirement.
NICE_ITEM = re.compile(
    r"\b(nice[ -]to[ -]have|good to have|(is|are|would be|a big|a real|as) a plus|a plus\b|"
    r"plus:|(is|are|would be) (a bonus|an advantage|advantageous)|bonus( points)?:|"
    r"^bonus|^ideally|^idealmente|preferred|desirable|desired|an asset|se valorara|se valora|"
    r"valorable|"
    r"valoraremos|deseables?|desead[oa]s?|(seria|sera|es) un plus|un plus\b|"
    r"(es|sera|seria) una ventaja|opcional|optional)\b"
)


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
# Running text that is about the company, the pay, the law or applying, never a requirement
# (accent-folded, lowercase).
OFF_TOPIC = re.compile(
    r"equal opportunit|affirmative action|without regard to|regardless of|discriminat|"
    r"accommodation|privacy (policy|notice|statement)|personal data|information collected|"
    r"to apply|apply now|"
    r"send (us )?your (cv|resume)|salary|compensation|base pay|per year|per annum|benefits|"
    r"igualdad de oportunidades|sin distincion|datos personales|(politica|aviso) de privacidad|"
    r"envia(nos)? tu cv|"
    r"inscribete|salario|retribucion|brutos anuales|beneficios|"
    r"[$€£]\s?\d[\d.,]*\s?(k\b|-|–|per|a |an |/)|\d\s?(k|€|eur|euros|usd) (per|al|por|a)\b|"
    r"diversity|inclusi|\beeoc?\b|\beoe\b|fair chance|"
    r"confidential|\blocation\b|time ?zone|100% remote|fully remote|"
    r"\b(we are|we're|our (company|mission|customers|clients)|founded|is a leading|is hiring|"
    r"somos|nuestra empresa|nuestros clientes|fundada|lider en)\b"
)

# A sentence about the company: "We are…", "Our culture…", "At Acme, we…", "Somos…".
COMPANY_SUBJECT = re.compile(
    r"^\W*(we|we're|we've|we'd|our|at [\w&' ]{2,30}, we|nuestr[oa]s?|nosotros|somos|"
    r"en [\w ]{2,30},? (somos|creemos))\b"
)
READER = re.compile(r"\b(you|your|you'll|you're|tu|tus|te|contigo|usted)\b")
# A later sentence of a bullet that is an ask of its own, not an explanation of the first.
ASK_OPENING = re.compile(
    r"^\W*(must|should|ideally|preferably|experience|knowledge|debe|deberas|idealmente|"
    r"preferiblemente|se valorara|valorable|experiencia|conocimientos?)\b"
)
# Items that are about perks rather than the job (accent-folded, lowercase).
PERK = re.compile(
    r"\b(insurance|health ?(care|plan|coverage)|medical|dental|vision|vacation|holiday|pto|"
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


@dataclass
class _Item:
    lines: list[str]
    section: Kind
    bullet: bool = True


@dataclass
class _Block:
    """The lines under one heading: what the heading says (must, nice, skip, soft for a
    company-like heading, None for an unknown one), the requirement kind of the section it
    sits in, and the items found there; what the items say decides the unknown cases."""

    said: str | None
    inherited: Kind | None
    plain: bool
    items: list[_Item]
    weak: bool = False
    level: int = 0  # of a Markdown heading: its sub-headings share a skipped section's fate

    @property
    def kind(self) -> Kind:
        if self.said in ("must", "nice"):
            return self.said  # type: ignore[return-value]
        return self.inherited or "must"


def parse_posting(text: str) -> list[PostedRequirement]:
    """Every requirement of a posting, in order, with short stable ids."""
    text = html_to_text(text) if looks_like_html(text) else without_stray_tags(text)
    blocks = [_Block(None, None, False, [])]
    open_item: _Item | None = None
    listing: Kind | None = None  # the lines that follow are the items of a list of this kind
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        block = blocks[-1]
        if open_item is not None:
            listing = None if open_item.bullet else open_item.section
        if not line.strip():
            listing = None
        bullet = BULLET.match(line)
        if not line.strip() or bullet:
            open_item = None
            if bullet:
                open_item = _Item([bullet["text"]], block.kind)
                block.items.append(open_item)
        elif open_item is not None and _continues(open_item, line):
            open_item.lines.append(line.strip())
        elif (listing is not None or block.plain) and _is_line_item(line, listing, open_item):
            open_item = _Item([line.strip()], listing or block.kind, bullet=False)
            block.items.append(open_item)
        elif block.plain and _labelled_ask(line):
            open_item = _Item([line.strip()], block.kind, bullet=False)
            block.items.append(open_item)
        elif LABEL_VALUE.match(line) and not _strong_heading(line):
            open_item = listing = None  # "Location: Madrid" is a fact about the job, not a heading
        elif (heading := heading_text(line)) is not None:
            open_item = None
            blocks.append(_next_block(block, heading, line))
            # "Minimum qualifications:" announces a list of lines.
            listing = blocks[-1].kind if blocks[-1].plain and line.strip().endswith(":") else None
        elif block.plain and not all(_off_topic(part) for part in sentences(line)):
            # One requirement per line, without bullet marks (Google careers style).
            open_item = _Item([line.strip()], block.kind, bullet=False)
            block.items.append(open_item)
        else:
            open_item = listing = None
    items = [item for block in blocks if _keeps(block) for item in block.items]
    asks = [(ask, item.section) for item in items for ask in _asks(item)]
    return with_ids([(text, _item_kind(kind, text)) for text, kind in asks])


def _asks(item: _Item) -> list[str]:
    """The asks of one item: a paragraph is split into sentences, leaving out those about the
    company, pay or the law; a bullet is its first sentence and any later one that asks
    something itself; a sentence listing asks of different kinds gives one ask each."""
    text = clean(" ".join(item.lines))
    parts = sentences(text)
    if item.bullet:  # "Buena comunicación. El trabajo técnico lo hacen personas." is one ask
        parts = parts[:1] + [part for part in parts[1:] if ASK_OPENING.match(fold(part))]
    parts = [part for part in parts if not _off_topic(part) and re.search(r"[^\W_]", part)]
    return [ask for part in parts for ask in split_asks(part) if ask]


def _off_topic(text: str) -> bool:
    """Whether a sentence is about the company, pay, place or the law rather than the job:
    its words say so, or the company is its subject and it does not speak to the reader."""
    folded = fold(text)
    about_us = COMPANY_SUBJECT.match(folded) and not READER.search(folded)
    return bool(OFF_TOPIC.search(folded) or about_us)


def _next_block(block: _Block, heading: str, line: str) -> _Block:
    """The block a heading opens. An unknown heading inside a requirement section (a bold
    lead-in, "Modeling and Analysis", "You have:") stays in that section."""
    said = _heading_says(heading)
    in_section = block.said in ("must", "nice") or (block.said is None and block.inherited)
    inherited = block.kind if in_section else None
    strong = _strong_heading(line) or line.strip().endswith(":")
    markdown = MARKDOWN_HEADING.match(line.strip())
    level = len(line.strip()) - len(line.strip().lstrip("#")) if markdown else 0
    if block.said == "skip" and said is None and level > block.level > 0:
        return _Block(
            "skip", None, False, [], level=block.level
        )  # "#### Focus" under "### Our Principles"
    return _Block(said, inherited, said in ("must", "nice", None), [], not strong, level)


def _keeps(block: _Block) -> bool:
    """Whether a block's items are requirements, by its heading and by what its items say:
    benefits, pay, company facts and legal text are left out whatever the heading."""
    if block.said == "skip" or not block.items:
        return False
    texts = [fold(ask) for item in block.items for ask in _asks(item)]
    if not texts:
        return False
    off = sum(bool(OFF_TOPIC.search(t) or PERK.search(t)) for t in texts)
    asks = sum(bool(ASK.search(t)) for t in texts)
    if block.said in ("must", "nice"):
        return off * 2 <= len(texts)
    if off and off >= asks:
        return False
    # Lines under a plain short line ("System Architecture", "Estudios mínimos") count only
    # when there are several and they read as asks or duties.
    lines = any(not item.bullet for item in block.items)
    if block.said is None and block.inherited and not (lines and block.weak):
        return True
    if lines:  # running text: each line must open with the ask ("Design…", "Experience…")
        asks = sum(bool(ASK.match(t)) for t in texts)
        asks *= all(len(sentences(" ".join(item.lines))) == 1 for item in block.items)
    return off == 0 and len(texts) >= 2 and asks * 3 >= len(texts) * 2


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
    heading = heading_text(line)
    if heading is None:
        return listing is not None and bool(LABEL_VALUE.match(line))
    said = classify_heading(heading)
    if listing is None:
        return said == "must" and len(heading.split()) > 4
    after_sentence = previous is not None and previous.lines[-1].endswith((".", ";", "!", "?"))
    if after_sentence and _title_case(heading):
        return False
    return said is None or len(heading.split()) > 4


def _labelled_ask(line: str) -> bool:
    """In a requirement section, "Optional: experience with AWS" or "Design Build: you will
    work on a product team" is an ask behind a label, not a fact like "Contrato: Indefinido"."""
    if not LABEL_VALUE.match(line) or _off_topic(line):
        return False
    label, value = line.split(":", 1)
    if re.search(r"\b(note|nota|notice|aviso|important|importante|ps)\b", fold(label)):
        return False
    return says_optional(label + ":") or len(value.split()) >= 4


def _title_case(text: str) -> bool:
    long_words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def _item_kind(section: Kind | str, text: str) -> Kind:
    """nice under a nice heading, or when the item itself says it is optional."""
    return "nice" if section == "nice" or says_optional(text) else "must"


def says_optional(text: str) -> bool:
    """Whether a requirement says it is a plus ("se valorará", "preferred", "a plus")."""

    def bracket(match: re.Match[str]) -> str:
        return match[0] if NICE_ITEM.fullmatch(match[1].strip(" .")) else ""

    return bool(NICE_ITEM.search(re.sub(r"\(([^()]*)\)", bracket, fold(text))))


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
    return "skip" if said == "soft" else said  # type: ignore[return-value]


def _heading_says(heading: str) -> str | None:
    """must, nice, skip (pay, perks, applying, the law), soft (the company, the place: its
    items may still turn out to be requirements), or None."""
    words = " " + fold(heading).replace("’", "'") + " "
    if any(term in words for term in SKIP_HARD):
        return "skip"
    if any(re.search(rf"\b{re.escape(term)}", words) for term in NICE):
        return "nice"
    must = max((len(t) for t in MUST if re.search(rf"\b{re.escape(t)}", words)), default=0)
    skip = max((len(t) for t in SKIP_SOFT if re.search(rf"\b{re.escape(t)}", words)), default=0)
    if must or skip:
        return "must" if must >= skip else "soft"
    return None


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
# Paragraphs and lists inside a sentence

# Words that end with a full stop without ending a sentence (accent-folded, lowercase).
ABBREVIATIONS = {"e.g", "i.e", "etc", "approx", "vs", "inc", "ltd", "co", "sr", "sra", "dr",
                 "p.ej", "ej", "aprox", "no", "num", "min", "max", "u.s", "ee.uu"}  # fmt: skip
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[¿¡(\"'«]?[A-ZÁÉÍÓÚÑ0-9])")
# Where a list inside a sentence may be cut: commas, semicolons, and/y/e before the last item.
LIST_CUT = re.compile(r"(,\s+|;\s+|\s+(?:and|y|e)\s+)")
YEARS = re.compile(r"\b\d+\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs|anos)\b")
DEGREE = re.compile(
    r"\b(degree|bachelor|master|msc|bsc|ba/bs|bs/ms|phd|mba|diploma|titulo|titulacion|"
    r"grado (?:en|universitario|superior)|licenciatura|licenciad[oa]|doctorado|"
    r"formacion (?:universitaria|profesional)|ciclo formativo|ingenieria superior)\b"
)
LANGUAGE = re.compile(
    r"\b(english|spanish|french|german|portuguese|italian|ingles|espanol|castellano|frances|"
    r"aleman|portugues|italiano|catalan|[abc][12])\b"
)
LEAD_IN = re.compile(
    r"^(?:we(?:'re| are) looking for (?:someone|a person|people) with|you(?:'ll)? have|"
    r"you should have|you bring|requirements?|requisitos?|buscamos (?:a )?(?:alguien|una "
    r"persona|un perfil|profesionales) con|se requiere|necesitamos|es imprescindible)\s*:?\s+",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    """A paragraph's sentences; "e.g." or "approx." do not end one."""
    result: list[str] = []
    for piece in SENTENCE_END.split(text.strip()):
        last = fold(result[-1]).rstrip(".!?").split()[-1:] if result else []
        word = last[0].lstrip("(\"'«") if last else ""
        if result and (word in ABBREVIATIONS or len(word) <= 1):
            result[-1] += " " + piece
        else:
            result.append(piece)
    return [s.strip() for s in result if s.strip()]


def _ask_kind(part: str) -> str | None:
    folded = fold(part)
    for kind, pattern in (("years", YEARS), ("degree", DEGREE), ("language", LANGUAGE)):
        if pattern.search(folded):
            return kind
    return None


def split_asks(sentence: str) -> list[str]:
    """One sentence listing asks of different kinds ("a degree, 3 years of experience and
    English B2") → one ask each; a list of one kind ("Excel, R y Python") stays whole."""
    pieces = _outside_brackets(LIST_CUT, sentence)
    parts, cuts = pieces[0::2], ["", *pieces[1::2]]
    kinds = [_ask_kind(part) for part in parts]
    if len({k for k in kinds if k}) < 2:
        return [sentence]
    groups: list[tuple[str | None, str]] = []
    for part, cut, kind in zip(parts, cuts, kinds, strict=True):
        alternative = re.match(r"(or|o|u)\b", part)
        tool = groups and groups[-1][0] in ("language", "years") and part[:1].isupper()
        if groups and (kind is None or alternative) and not tool:
            groups[-1] = (groups[-1][0], groups[-1][1] + cut + part)
        else:
            groups.append((kind or ("tool" if tool else None), part))
    return [_tidy(text) for _, text in groups]


def _outside_brackets(pattern: re.Pattern[str], text: str) -> list[str]:
    """re.split with the separators kept, ignoring separators inside parentheses."""
    pieces, start, depth = [], 0, 0
    for match in pattern.finditer(text):
        depth = text.count("(", 0, match.start()) - text.count(")", 0, match.start())
        if depth <= 0:
            pieces += [text[start : match.start()], match.group(0)]
            start = match.end()
    return [*pieces, text[start:]]


def _tidy(ask: str) -> str:
    ask = LEAD_IN.sub("", ask.strip().rstrip(".;, "))
    return ask[:1].upper() + ask[1:]


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
    """HTML, unless it is a Markdown posting (with `#` headings) that carries a stray tag
    such as `<b>` or `<br>`, as postings copied from an editor often do."""
    if not re.search(r"<(p|div|ul|ol|li|h[1-6]|br|strong|b|span|section)\b[^>]*>", text, re.I):
        return False
    return text.lstrip().startswith("<") or not MARKDOWN_HEADINGS.search(text)


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
    """HTML → the plain text a reader sees, keeping headings, list items and bold lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n## ")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("strong", "b"):
            self.parts.append("**")
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.hidden = max(0, self.hidden - 1)
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n")
        elif tag in ("strong", "b"):
            self.parts.append("**")
        elif tag in BLOCKS or tag == "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data.replace("\n", " "))


def html_to_text(markup: str) -> str:
    maker = _TextMaker()
    maker.feed(markup)
    maker.close()
    lines = [
        " ".join(line.replace("\xa0", " ").split()) for line in "".join(maker.parts).split("\n")
    ]
    return "\n".join(line.replace("****", "") for line in lines)
