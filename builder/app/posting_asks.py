"""One item of a posting → its asks, each must or nice, in English or Spanish.

An item is a bullet, a line of a list, or a paragraph. A bullet is its first sentence plus any
later sentence that asks something itself; a paragraph under a requirements heading gives one
ask per sentence, and elsewhere only the sentences that state an ask in so many words ("The
role requires…", "Buscamos a alguien con…", "We're looking for someone to…"). A sentence listing
asks of different kinds (a degree, years of experience, a language, a condition such as
nationality or age) gives one ask each, and so does a sentence that goes on with an ask of its
own ("…, and experience with Kafka"). An ask is nice when it says so ("a plus", "se valorará").
Sentences about the company, pay, the law or how to apply are never asks.
"""

from __future__ import annotations

import re
from typing import Literal

from builder.core.text import fold

Kind = Literal["must", "nice"]

# Markers inside an item that make it optional even under a requirement heading.
# Matched on accent-folded text; a cue inside brackets that say more than the cue
# ("PostgreSQL preferred") qualifies one detail, not the requirement.
NICE_ITEM = re.compile(
    r"\b(nice[ -]to[ -]have|good to have|(is|are|would be|a big|a real|as) a plus|a plus\b|"
    r"plus:|(is|are|would be) (a bonus|an advantage|advantageous)|bonus( points)?:|"
    r"^bonus|^ideally|^idealmente|^preferably|^preferiblemente|^de preferencia|preferred|desirable|desired|an asset|se valorara|se valora|"
    r"valorable|valorado|valoraremos|^preferimos|^we prefer|deseables?|desead[oa]s?|"
    r"(seria|sera|es) un plus|un plus\b|(es|sera|seria) una ventaja|opcional|optional)\b"
)

# Never an ask wherever it stands: the law, pay, and how to apply (accent-folded, lowercase).
NOT_THE_JOB = re.compile(
    r"equal opportunit|affirmative action|without regard to|regardless of|discriminat|"
    r"accommodation|privacy (policy|notice|statement)|personal data|information collected|"
    r"to apply|apply now|(send|include|attach) (us )?(a |your )?(cv|resume|cover letter)|"
    r"look forward to hearing|salary|compensation|base pay|per year|per annum|"
    r"igualdad de oportunidades|sin distincion|datos personales|(politica|aviso) de privacidad|"
    r"envi[ae](nos)? (tu|su) (cv|curriculum)|solicitar una entrevista|"
    r"inscribete|salario|retribucion|brutos anuales|"
    r"[$€£]\s?\d[\d.,]*\s?(k\b|-|–|per|a |an |/)|\d\s?(k|€|eur|euros|usd) (per|al|por|a)\b|"
    r"diversity|inclusi|\beeoc?\b|\beoe\b|fair chance|confidential|"
    # "please don't hesitate in applying", "no dudes en postularte": how to apply
    r"(don'?t|don’t|do not) hesitate (to|in)|no (lo )?dudes en|"
    # "Jornada completa", "Contrato a tiempo parcial", "Full-time": a board's badge, a fact
    r"^\W*(contrato (a tiempo (parcial|completo)|indefinido|temporal|fijo|por obra|"
    r"de (duracion determinada|practicas))|jornada (completa|parcial|intensiva)(\W+\w+)?|"
    r"tiempo (completo|parcial)|full[- ]time|part[- ]time)\W*$|"
    # "Palabras clave: jefe, gerente…": a board's search keywords
    r"^\W*(palabras clave|keywords|tags|etiquetas)\s*:|"
    # "…, Monzo is for you", "you'll feel at home here", "este reto es para ti": a pitch
    r"\b(is|are|sounds like|could be) (the (right )?(role|place|job|team|opportunity) )?for you\W*$|"
    r"feel (right )?at home( here)?\W*$|^\W*(this|that) is where you come in\W*$|\b(es|sera) (el lugar |la oportunidad |el puesto )?para ti\W*$|"
    # "This is a player/coach role": names the kind of role; its conditions are asks elsewhere
    r"^\W*this is an? (?!.*\b(remote|hybrid|on-?site|part-time|full-time|contract|temporary)\b)"
    r"[\w/ -]{1,40} (role|position|job)\W*$"
)
# Running text about the company, its perks or the place, rather than the work.
ABOUT_US = re.compile(
    r"benefits|beneficios|\blocation\b|time ?zone|100% remote|fully remote|"
    r"\b(we are|we're|our (company|mission)|founded|is a leading|is hiring|"
    r"somos|nuestra empresa|fundada|lider en)\b"
)
# A sentence about the company: "We are…", "Our culture…", "At Acme, we…", "Somos…".
COMPANY_SUBJECT = re.compile(
    r"^\W*((together|today|here|now|currently|juntos|hoy|actualmente),? )?"
    r"(we|we're|we've|we'd|our|nuestr[oa]s?|nosotros|somos)\b|"
    r"^\W*(at [\w&'. ]{2,30},|en [\w ]{2,30},? (somos|creemos)\b)"
)
# "Quartz … is a privately owned business news venture": what the company is.
COMPANY_IS = re.compile(
    r"\b(is|are|es|son) (part of |parte de )?(a|an|the|una?|la|el) ([\w-]+ ){0,5}"
    r"(company|venture|startup|business|"
    r"firm|organi[sz]ation|agency|provider|marketplace|consultancy|empresa|compania|"
    r"organizacion|consultora|agencia)\b"
)
READER = re.compile(r"\b(you|your|you'll|you're|tu|tus|te|contigo|usted)\b")

# A later sentence of a bullet that is an ask of its own, not an explanation of the first.
ASK_OPENING = re.compile(
    r"^\W*(must|should|ideally|preferably|experience|knowledge|understanding|familiarity|"
    r"ability|proficiency|debe|deberas|idealmente|preferiblemente|se valorara|valorable|"
    r"preferimos|we prefer|es importante que|es imprescindible|es necesario|experiencia|"
    r"conocimientos?|dominio|capacidad|you(?:'ll|’ll| will) also)\b"
)
REQUIRED = re.compile(r"\b(required|requires|is a must|imprescindible|obligatori[oa])\b")

# A sentence of running text that states an ask in so many words (the labelling rule for
# prose): "requires", "must", "you will need", "expected to", "buscamos", "se requiere".
EXPLICIT_ASK = re.compile(
    r"\b(requires?|required|must|needs? to|you(?:'ll| will)? need|should (?:be|have)|"
    r"expected to|expect (?:you )?to|se requiere|se necesita|se espera|es imprescindible|"
    r"es necesario|debe|deberas|tendras que|necesitamos|requerimos)\b"
)
# "We're looking for someone to…", "buscamos un perfil con…": the ask is what follows.
LOOKING_FOR = re.compile(
    r"\b(?:looking for|seeking|searching for|buscamos|estamos buscando|"
    r"(?:esta|estamos) en (?:la )?busqueda de)\b(?P<who>.*?)"
    r"(?:\b(?P<link>who|that|with|to|para|que|quien|quienes|con)\b(?P<rest>.*)|$)"
)
JOINING = re.compile(
    r"^(to|para) (join|be part|become|help us|unirse|formar parte|incorporarse|sumarse)|"
    r"^(que|who|that) (se una|join|will join|nos ayude|will help us|can help us)"
)
# Conditions a candidate must accept in any section, even one about culture ("Expect to work
# long hours", "Deberás viajar").
CONDITION = re.compile(
    r"^\W*((for|in) this (role|position|job),? |(para|en) este (puesto|rol),? )?"
    r"(expect to|you (?:will )?(?:need|must|are required) to|you'll need to|"
    r"deberas|tendras que)\b"
)


def says_optional(text: str) -> bool:
    """Whether a requirement says it is a plus ("se valorará", "preferred", "a plus")."""

    def bracket(match: re.Match[str]) -> str:
        return match[0] if NICE_ITEM.fullmatch(match[1].strip(" .")) else ""

    return bool(NICE_ITEM.search(re.sub(r"\(([^()]*)\)", bracket, fold(text))))


def item_kind(section: str, text: str) -> Kind:
    """nice under a nice heading, or when the item itself says it is optional."""
    return "nice" if section == "nice" or says_optional(text) else "must"


def not_the_job(text: str) -> bool:
    """Legal text, pay, or how to apply: never an ask."""
    return bool(NOT_THE_JOB.search(fold(text)))


def off_topic(text: str) -> bool:
    """Whether a sentence is about the company, pay, place or the law rather than the job:
    its words say so, or the company is its subject and it does not speak to the reader."""
    folded = fold(text)
    return bool(NOT_THE_JOB.search(folded) or ABOUT_US.search(folded) or about_us(folded))


def about_us(folded: str) -> bool:
    """The company is the sentence's subject ("We are…", "At Monzo, product marketing is…",
    "Quartz is a business news venture") and it does not speak to the reader."""
    company = COMPANY_SUBJECT.match(folded) or COMPANY_IS.search(folded)
    return bool(company and not READER.search(folded))


# ---------------------------------------------------------------------------
# Sentences

# Words that end with a full stop without ending a sentence (accent-folded, lowercase).
ABBREVIATIONS = {"e.g", "i.e", "etc", "approx", "vs", "inc", "ltd", "co", "sr", "sra", "dr",
                 "p.ej", "ej", "aprox", "no", "num", "min", "max", "u.s", "ee.uu"}  # fmt: skip
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[¿¡(\"'«]?[A-ZÁÉÍÓÚÑ0-9])")


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


def is_question(sentence: str) -> bool:
    """A question ("¿Mencionamos proactividad?") asks the reader nothing they must have."""
    return sentence.rstrip(" .").endswith("?")


def bullet_asks(text: str) -> list[str]:
    """A bullet's asks: its first sentence and any later one that asks something itself
    ("Buena comunicación. El trabajo técnico lo hacen personas." is one ask). A lead-in
    followed by a dash keeps only the lead-in when the rest is about the company, and gives
    two asks when the rest says it is optional ("Inglés - bilingüe es un plus")."""
    parts = sentences(text)
    later = [p for p in parts[1:] if _asks_itself(p)]
    parts = [p for p in [*parts[:1], *later] if not is_question(p)]
    parts = [piece for part in parts for piece in _dash_split(part)]
    return [p for p in parts if not not_the_job(p) and not about_us(fold(p)) and _has_word(p)]


def _asks_itself(sentence: str) -> bool:
    folded = fold(sentence)
    return bool(ASK_OPENING.match(folded) or REQUIRED.search(folded))


def _dash_split(sentence: str) -> list[str]:
    pieces = re.split(r"\s+[-–—]\s+", sentence, maxsplit=1)
    if len(pieces) < 2 or not _has_word(pieces[0]):
        return [sentence]
    lead, rest = pieces
    if about_us(fold(rest)):
        return [lead]
    if says_optional(rest) and not says_optional(lead) and not QUALIFIES.match(fold(rest)):
        return [lead, rest[:1].upper() + rest[1:]]  # "Inglés - bilingüe es un plus"
    return [sentence]


# "Operating systems - preferably Linux": a preference that qualifies the ask before it.
QUALIFIES = re.compile(r"^(preferably|ideally|idealmente|preferiblemente|de preferencia)\b")


def prose_asks(text: str, explicit_only: bool) -> list[str]:
    """A paragraph's asks: every sentence not about the company, pay or the law under a
    requirements heading; elsewhere only those that state an ask in so many words. A
    paragraph that opens with the company ("We're in a rare spot. Acme is already…") tells
    its story even under a requirements heading: only its explicit asks and the
    qualifications it names count."""
    parts = [p for p in sentences(text) if _has_word(p) and not is_question(p)]
    story = bool(parts) and off_topic(parts[0])
    if not explicit_only and not story:
        return [p for p in parts if not off_topic(p)]
    asks = []
    for part in parts:
        ask = explicit_ask(part)
        if ask is None and not explicit_only and names_a_qualification(part):
            ask = part
        if ask:
            asks.append(ask)
    return asks


QUALIFICATION = re.compile(
    r"\b(experience|experiencia|knowledge|conocimientos?|understanding|familiar|proficien|"
    r"fluen|fluid|dominio|manejo|degree|titul|skills?|habilidades|ability|capacidad|certif)"
)


def names_a_qualification(sentence: str) -> bool:
    """Whether a sentence of running text asks for a qualification (experience, knowledge, a
    degree, a language), rather than describing the work or the company."""
    if off_topic(sentence):
        return False
    return bool(QUALIFICATION.search(fold(sentence)) or ask_kind(sentence))


def explicit_ask(sentence: str) -> str | None:
    """The ask a sentence of running text states outright, or None: "We're looking for a
    developer to build our API" → "to build our API"; "buscamos personas con experiencia
    en PHP, si bien…" → "con experiencia en PHP"; "The role requires English" → the
    sentence."""
    folded = fold(sentence)
    if not_the_job(sentence) or (about_us(folded) and not LOOKING_FOR.search(folded)):
        return None
    looking = LOOKING_FOR.search(folded)
    if looking and looking["link"]:
        who = looking["who"]
        if JOINING.match(folded[looking.start("link") :]) or len(who.split()) > 8 or "," in who:
            return None
        # "buscamos personas con experiencia" keeps "personas": it says who is asked for.
        start = looking.start("who") if GENERIC_WHO.match(looking["who"]) else looking.start("link")
        return _without_tail(sentence[start:])
    if looking and ask_kind(sentence) in PERSON_KINDS:  # "Looking for citizens of…"
        return _without_tail(sentence[looking.start() :])
    return sentence if EXPLICIT_ASK.search(folded) and not looking else None


GENERIC_WHO = re.compile(
    r"^\s*((a|an|una?|unos|unas) )?(person|people|persons|someone|somebody|personas?|alguien|"
    r"profesionales|perfiles|candidat[oa]s?)\s*$"
)


def _without_tail(clause: str) -> str:
    """An ask without the clause that only joins or concedes ("…to come be part of our
    story", "…, si bien estamos abiertos a otros perfiles")."""
    tail = TAIL.search(fold(clause))
    return (clause[: tail.start()] if tail else clause).strip(" ,.")


TAIL = re.compile(
    r"(,\s*(si bien|aunque|although|though|but|pero)\b|\s+(to (come )?(join|be part)|"
    r"para (unirse|formar parte|sumarse))\b).*$"
)


# "Jornada laboral en horario de mañanas (08.30 a 13.30h)": the working hours, with times.
WORK_HOURS = re.compile(
    r"^\W*(jornada( laboral)?|horario|working hours|work hours|hours)\b.*\d{1,2}[.:]\d{2}"
)


def condition(sentence: str) -> bool:
    """A condition of the job stated to the reader ("Expect to work long hours") or the
    working hours it names, in any section."""
    folded = fold(sentence)
    return bool(CONDITION.match(folded) or WORK_HOURS.match(folded)) and not not_the_job(sentence)


def sought(sentence: str) -> str | None:
    """The ask of a sentence that says whom the role is looking for ("This role's looking
    for someone with Applied AI experience"), wherever it stands; None for any other."""
    looking = LOOKING_FOR.search(fold(sentence))
    if not looking or not looking["link"] or not GENERIC_WHO.match(looking["who"]):
        return None
    return explicit_ask(sentence)


def _has_word(text: str) -> bool:
    return bool(re.search(r"[^\W_]", text))


# ---------------------------------------------------------------------------
# Lists inside a sentence

# Where a list inside a sentence may be cut: commas, semicolons, and/y/e before the last item.
LIST_CUT = re.compile(
    r"(,\s+|;\s+|\s+(?:and|y|e)\s+|"
    r"\s+(?:with|con)\s+(?=(?:at least |minimum |m[ií]nimo )?\d+\s*\+?\s*(?:years?|yrs|años)))",
    re.IGNORECASE,
)
YEARS = re.compile(
    r"\b(\d+\s*\+?\s*(?:-\s*\d+\s*)?|several |many |varios |muchos )(?:years?|yrs|anos)\b"
)
DEGREE = re.compile(
    r"\b(degree|bachelor|master|msc|bsc|bs|ba|ba/bs|bs/ms|phd|mba|diploma|titulo|titulacion|"
    r"grado (?:en|universitario|superior)|licenciatura|licenciad[oa]|doctorado|"
    r"formacion (?:universitaria|profesional)|ciclo formativo|ingenieria superior)\b"
)
LANGUAGE = re.compile(
    r"\b(english|spanish|french|german|portuguese|italian|ingles|espanol|castellano|frances|"
    r"aleman|portugues|italiano|catalan|[abc][12])\b"
)
# Conditions about the person rather than their skills: nationality, age, residence, licence.
NATIONALITY = re.compile(
    r"\b(citizens?|citizenship|nationality|nacionalidad|ciudadan[oa]s?|panamen[oa]|"
    r"permiso de trabajo|work permit)\b"
)
AGE = re.compile(r"\b(mayor de edad|over 18|at least 18|18 years of age)\b")
RESIDENCE = re.compile(r"\b(resid(?:ir|ente|encia|e in)|live in|vivir en|based in)\b")
LICENCE = re.compile(r"\b(driving licen[cs]e|driver'?s licen[cs]e|carne de conducir)\b")
# A part of a sentence that opens a new ask after "and" ("…, and experience with Kafka").
ASK_NOUN = re.compile(
    r"^(?:(?:and|y|e) )?(?:(?:the|a|an|el|la|los|las|un|una) )?(experience|knowledge|"
    r"understanding|familiarity|proficiency|ability|experiencia|conocimientos?)\b"
)
# A range is one ask: "entre 5 y 10 años", "3 to 5 years".
RANGE_END = re.compile(r"\d\s*$")
LEAD_IN = re.compile(
    r"^(?:we(?:'re| are) looking for (?:someone|a person|people) with|you(?:'ll)? have|"
    r"you should have|you bring|requirements?|requisitos?|buscamos (?:a )?(?:alguien|una "
    r"persona|un perfil|profesionales) con|se requiere|necesitamos|es imprescindible)\s*:?\s+",
    re.IGNORECASE,
)


PERSON_KINDS = ("nationality", "age", "residence", "licence")


def ask_kind(part: str) -> str | None:
    folded = fold(part)
    kinds = (
        ("years", YEARS), ("degree", DEGREE), ("language", LANGUAGE),
        ("nationality", NATIONALITY), ("age", AGE), ("residence", RESIDENCE),
        ("licence", LICENCE),
    )  # fmt: skip
    return next((kind for kind, pattern in kinds if pattern.search(folded)), None)


def split_asks(sentence: str) -> list[str]:
    """One sentence listing asks of different kinds ("a degree, 3 years of experience and
    English B2") → one ask each, and so does one that goes on with an ask of its own
    ("Proficiency in Go, and experience with Kafka"); a list of one kind ("Excel, R y
    Python") stays whole."""
    pieces = _outside_brackets(LIST_CUT, sentence)
    parts, cuts = pieces[0::2], ["", *pieces[1::2]]
    kinds = [ask_kind(part) for part in parts]
    before = ["".join(pieces[: 2 * i]) for i in range(len(parts))]
    opens = [
        _opens_ask(part, cut, text, previous) and not _same_topic(part, text)
        for part, cut, text, previous in zip(parts, cuts, before, ["", *parts], strict=False)
    ]
    if len({k for k in kinds if k}) < 2 and not any(opens[1:]):
        return [sentence]
    groups: list[tuple[str | None, str]] = []
    for part, cut, kind, opening in zip(parts, cuts, kinds, opens, strict=True):
        alternative = re.match(r"(or|o|u)\b", part)
        tool = groups and groups[-1][0] in ("language", "years") and part[:1].isupper()
        new_kind = kind is not None and (not groups or kind != groups[-1][0])
        in_range = groups and RANGE_END.search(groups[-1][1]) and cut.strip() in ("and", "y")
        if groups and (alternative or in_range or not (new_kind or opening or tool)):
            groups[-1] = (groups[-1][0], groups[-1][1] + cut + part)
        else:
            groups.append((kind or ("tool" if tool else None), part))
    return [_tidy(text) for _, text in groups]


# Words that say a part is an ask rather than what it is about.
ASK_WORDS = frozenset((
    "experience", "knowledge", "understanding", "familiarity", "proficiency", "ability",
    "skills", "skill", "strong", "good", "solid", "deep", "working", "work", "how", "with",
    "and", "the", "of", "in", "to", "comprension", "experiencia", "conocimiento",
    "conocimientos", "dominio", "capacidad", "como",
))  # fmt: skip


def _same_topic(part: str, before: str) -> bool:
    """Whether "and understanding of how …" explains the ask before it rather than adding one
    ("Experience with CDN configuration and understanding of how CDNs impact performance"
    is one ask), judged by a word they share beside the ask words."""
    if not re.match(r"^((and|y) )?(an? )?(understanding|comprension) ", fold(part)):
        return False

    def topic(text: str) -> set[str]:
        return {w.rstrip("s") for w in re.findall(r"[^\W\d_]{3,}", fold(text))} - ASK_WORDS

    return bool(topic(part) & topic(before))


def _opens_ask(part: str, cut: str, before: str, previous: str) -> bool:
    """Whether a part after a cut is an ask of its own: it opens with one ("experience with",
    "5 years of") after a comma or semicolon, or after a plain "and" that follows a whole
    clause ("Demonstrate a good understanding of PHP and familiarity with MySQL")."""
    folded = fold(part)
    if not (ASK_NOUN.match(folded) or YEARS.match(re.sub(r"^(and|y|e) ", "", folded))):
        return False
    after_comma = cut.strip() in ("", ",", ";") or folded.startswith(("and ", "y ", "e "))
    return bool(PRIOR_ASK.search(fold(before))) and (after_comma or len(previous.split()) >= 6)


# The part before an ask of its own must be an ask too ("For roles involving blockchain,
# knowledge of…" is one ask).
PRIOR_ASK = re.compile(
    r"\b(experience|knowledge|understanding|familiarity|proficien|ability|skills?|degree|"
    r"years?|experiencia|conocimientos?|dominio|capacidad|manejo|habilidad|anos)"
)


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
    ask = re.sub(r"^(and|y|e)\s+", "", ask)
    return ask[:1].upper() + ask[1:]
