"""Words in English and Spanish: accent folding, tokens and stop words, shared by the
posting parser and the evidence matcher."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lowercase without accents: 'Qué harás' → 'que haras'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """Lowercase words; 'FP&A' → 'fpa', 'month-end' → 'month', 'end', 'C++' stays whole."""
    text = re.sub(r"(?<=\w)&(?=\w)", "", text.lower())
    return re.findall(r"[^\W_]+(?:[+#]+)?", text)


# Function words, and the filler of job postings ('strong', 'proven', 'experience'), which
# say nothing about what a requirement is about. Accent-folded.
_ENGLISH = """
a an the and or of in on at to for with by from as is are be been being your our you we us
they their this that these those it its into over under across within will would can could
should must may such any all each other than then also both either not no who whom which
what when where how why using use used via per including include e g eg etc able ability
strong solid proven good great excellent deep advanced demonstrated experience experienced
knowledge understanding skills skill familiarity working work years year least plus hands on
track record related similar field professional minimum preferred ideally new well team yet still whether might maybe
"""
_SPANISH = """
el la lo los las un una unos unas y e o u de del en con por para al se su sus tu tus que como
es son ser estar este esta estos estas ese esa eso mas muy sin sobre entre desde hasta tambien
otro otra otros otras cada todo toda todos todas nuestro nuestra nuestros nuestras experiencia
conocimiento conocimientos capacidad dominio nivel manejo solido solida solidos solidas
demostrable valorable deseable imprescindible minimo minima anos ano menos similar equivalente
buen buena alto alta avanzado avanzada equipo
"""
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_ENGLISH.split()),
    "es": frozenset(_SPANISH.split()),
}

# Verbs and nouns that every posting uses whatever the job ('build', 'manage', 'support'):
# they count, but much less than the words that say what the work is about.
_GENERIC = """
build building built develop developing development manage managing management support
supporting ensure ensuring design designing own owning drive driving lead leading improve
improving deliver delivering create creating maintain maintaining help helping provide
providing make making run running take get set open high across business process processes
time day days end new key main daily part role company companies people clear complex
responsible responsibility opportunity opportunities environment
desarrollar desarrollo gestionar gestion apoyar asegurar disenar liderar mejorar mejora
crear mantener ayudar proporcionar hacer llevar alto alta negocio proceso procesos dia dias
nuevo nueva clave principal parte empresa empresas personas claro responsable entorno
"""
GENERIC: frozenset[str] = frozenset(_GENERIC.split())
