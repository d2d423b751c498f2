"""Job postings as employers publish them on the web: a careers page, an applicant-tracking
system (Greenhouse, Lever, Workday, SmartRecruiters) or a job board (LinkedIn, Indeed,
InfoJobs), saved to a file or fetched from its address.

A page is mostly not the posting: navigation, cookie banners, "similar jobs", the apply form
and the footer surround it. The main content is found by trafilatura, a maintained
extraction library, and kept as Markdown so that the headings and lists still say which
section is which (posting.py reads them). Many pages also embed schema.org `JobPosting` data
(JSON-LD) written by the employer's tracking system: its description, responsibilities and
qualifications are the posting without any page around it, and its title, hiring
organisation and place name the role, the company and the location. When a page has both,
the structured data wins, and the page body adds what a thin description leaves out.

The one place of the product that uses the network is `fetch`, for `apply --posting URL`.
"""

from __future__ import annotations

import html
import json
import logging
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import trafilatura

from builder import __version__
from builder.app.posting import (
    PostedRequirement,
    classify_heading,
    clean,
    html_to_text,
    parse_posting,
    sentences,
    with_ids,
)
from builder.app.posting_asks import YEARS
from builder.app.reading import os_reason
from builder.core.errors import UserError
from builder.core.literal import plain_line
from builder.core.models import is_url
from builder.core.text import STOPWORDS, fold, words
from builder.core.words import Locale

# The library logs what it cannot extract; here that only means "use the whole page", so its
# records never reach the terminal (the last-resort handler prints any warning otherwise).
logging.getLogger("trafilatura").addHandler(logging.NullHandler())

USER_AGENT = f"secondround/{__version__} (reads one job posting for its candidate)"
TIMEOUT = 20  # seconds; a careers page that has not answered by then is not coming
MAX_BYTES = 10_000_000  # a posting page is far smaller; anything larger is not one
READABLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")

# Parts of job-board pages that sit beside the posting and read like it: LinkedIn's criteria
# list, referral box, job alert and similar jobs; "similar jobs" and "related jobs" lists in
# general; apply and sign-in dialogs.
BOARD_CLUTTER = [
    "//*[contains(@class, 'job-criteria')]",
    "//*[contains(@class, 'find-a-referral')]",
    "//*[contains(@class, 'job-alert')]",
    "//*[contains(@class, 'similar-jobs') or contains(@class, 'related-jobs')]",
    "//*[contains(@class, 'top-card-layout__footer')]",
    "//*[@role='dialog']",
]
# schema.org JobPosting properties that list asks, in the order a posting usually gives them,
# with the locale key of the heading they get in the readable text.
ASKING_FIELDS = (
    ("responsibilities", "responsibilities"),
    ("qualifications", "qualifications"),
    ("skills", "skills"),
    ("educationRequirements", "education"),
    ("experienceRequirements", "experience"),
)
# Names of boards and tracking systems: a page's site name, never the employer.
BOARDS = re.compile(
    r"^(linkedin|indeed|infojobs|greenhouse|lever|workday|smartrecruiters|glassdoor|"
    r"welcome to the jungle|otta|ashby|workable|jobs?|careers?|empleo)\b",
    re.IGNORECASE,
)
# "Job Application for Data Analyst at Acme", "Acme hiring Data Analyst in Madrid | LinkedIn"
TITLE_PATTERNS = (
    re.compile(r"^(?:job application for )?(?P<role>.+?) at (?P<company>.+?)"
               r"(?: in (?P<location>.+?))?(?:\s+[|–—-]\s+.*)?$", re.I),
    re.compile(r"^(?P<company>.+?) hiring (?P<role>.+?) in (?P<location>.+?)(?:\s+[|–—-]\s+.*)?$", re.I),
)  # fmt: skip
# "Company: Acme", "**Empresa:** Acme", "Puesto: Analista" in a posting's first lines.
HEADER_LINE = re.compile(
    r"^\s*(?:[-*]\s*)?(\*\*|__)?(?P<label>[^:*_]{2,24}?)\s*:\s*(\*\*|__)?\s*(?P<value>\S.{0,90}?)\s*$"
)
HEADER_LABELS = {
    "company": ("company", "employer", "empresa", "compania", "organization", "organizacion"),
    "role": ("role", "position", "job title", "title", "puesto", "cargo", "vacante", "posicion"),
    "location": ("location", "ubicacion", "localizacion", "lugar de trabajo", "localidad"),
}


@dataclass(frozen=True)
class PostingFacts:
    """What a posting says about itself, beside its requirements; None where it does not."""

    role: str | None = None
    company: str | None = None
    location: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ReadPage:
    """A web page read as a posting: its requirements, the facts it names, and its readable
    text (kept in the application's notes)."""

    requirements: list[PostedRequirement]
    facts: PostingFacts
    text: str
    structured: bool = field(default=False)  # whether schema.org JobPosting data was found


# ---------------------------------------------------------------------------
# Reading a page


def read_page(markup: str, t: Locale) -> ReadPage:
    """A page's requirements and facts: from its JobPosting data when it has any, with the
    page body's own requirements added when that data's description is thin."""
    body = main_text(markup)
    body_requirements = parse_posting(body)
    page_facts = _page_facts(markup)
    posting = next(iter(job_postings(markup)), None)
    if posting is None:
        facts = _merge(page_facts, header_facts(body))
        return ReadPage(body_requirements, facts, body)
    text = structured_text(posting, t)
    requirements = parse_posting(text)
    if _thin(text, body) or len(requirements) * 2 <= len(body_requirements):
        requirements = with_ids(
            [(r.text, r.kind) for r in requirements]
            + [(r.text, r.kind) for r in body_requirements if not _said(r.text, requirements)]
        )
        text = f"{text}\n\n{body}"
    facts = _merge(structured_facts(posting), page_facts)
    return ReadPage(requirements, facts, text, structured=True)


def main_text(markup: str) -> str:
    """The page's main content as Markdown (headings, lists, bold lead-ins), without the page
    around it; the whole page's text when the library finds no main content."""
    try:
        text = trafilatura.extract(
            markup,
            output_format="markdown",
            include_formatting=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
            prune_xpath=BOARD_CLUTTER,
        )
    except Exception:  # noqa: BLE001 — the library's failure on odd markup means "no content"
        text = None
    if not text or not text.strip():
        return html_to_text(markup)
    return _tidy(text)


def _tidy(text: str) -> str:
    """The extracted text with the page source's line wrapping undone: a line indented like
    the rest of a wrapped paragraph or list item continues the line above it; a line of its
    own (the posting's own line breaks, as in `white-space: pre-line` descriptions) stays."""
    lines: list[str] = []
    for line in text.splitlines():
        stripped = " ".join(line.split())
        wrapped = re.match(r"^(\t| {4,})", line) and lines and lines[-1]
        if wrapped and not re.match(r"^([-*+]\s|#|\d+[.)]\s)", stripped):
            lines[-1] = f"{lines[-1]} {stripped}"
        else:
            lines.append(stripped)
    return "\n".join(lines)


def _thin(structured: str, body: str) -> bool:
    """Whether the structured description says much less than the page body: some boards
    put only a summary in their JobPosting data (or it finds half the body's requirements)."""
    return len(words(structured)) * 2 < len(words(body))


def _said(text: str, requirements: list[PostedRequirement]) -> bool:
    """Whether a requirement is already among `requirements`, in the same or nearly the same
    words (a page body repeats the structured data with other markup)."""
    mine = _content_words(text)
    return any(_overlap(mine, _content_words(r.text)) >= 0.6 for r in requirements)


STOP = STOPWORDS["en"] | STOPWORDS["es"]


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in words(fold(text)) if w not in STOP)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two sets of words."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


# ---------------------------------------------------------------------------
# schema.org JobPosting (JSON-LD)

LD_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(?P<json>.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)


def job_postings(markup: str) -> list[dict[str, Any]]:
    """Every schema.org JobPosting object in the page's JSON-LD scripts, also inside
    `@graph` or a list; scripts that are not valid JSON are passed over."""
    found: list[dict[str, Any]] = []
    for match in LD_SCRIPT.finditer(markup):
        source = match["json"].strip()
        for attempt in (source, html.unescape(source)):
            try:
                data = json.loads(attempt, strict=False)  # raw line breaks inside strings
            except ValueError:
                continue
            found += list(_postings_in(data))
            break
    return found


def _postings_in(data: Any) -> Any:
    if isinstance(data, list):
        for item in data:
            yield from _postings_in(item)
    elif isinstance(data, dict):
        kinds = data.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(str(kind).rsplit("/", 1)[-1] == "JobPosting" for kind in kinds):
            yield data
        else:
            yield from _postings_in(data.get("@graph"))


def structured_text(posting: dict[str, Any], t: Locale) -> str:
    """The JobPosting's description (HTML inside, read as a posting) followed by each field
    that lists asks, under its own heading, leaving out what the description already says."""
    description = _readable(posting.get("description"))
    parts = [description] if description.strip() else []
    said = fold(clean(description)).casefold()
    # JobPosting data often gives a list twice (in its description and again as `skills`);
    # two similar items of one list are two asks, so only the fields are checked for repeats.
    described = parse_posting(description) if parts else []
    for key, heading in ASKING_FIELDS:
        items = [
            item
            for item in _items(posting.get(key)) + _months(posting.get(key), description, t)
            if fold(item) not in said and not _said(item, described)
        ]
        described += [PostedRequirement("", item, "must") for item in items]
        if items:
            # A list of asks, or one: bullets; one paragraph of several sentences stays one.
            paragraph = len(items) == 1 and len(sentences(items[0])) > 1
            lines = items if paragraph else [f"- {item}" for item in items]
            parts.append("\n".join([f"## {t(f'cli.apply.schema.{heading}')}", "", *lines]))
    return "\n\n".join(parts)


def _readable(value: Any) -> str:
    """A JSON-LD text as a posting reads: HTML (escaped or not) as text with its headings and
    lists; plain text as it is."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if re.search(r"&lt;\s*/?\s*(p|div|ul|ol|li|br|h[1-6]|strong|b)\b", text, re.I):
        text = html.unescape(text)
    if re.search(r"<\s*/?\s*(p|div|ul|ol|li|h[1-6]|table)\b", text, re.I):
        return _without_stray_lines(html_to_text(text))
    # Plain text with line breaks and a few inline tags (`<br/>`, `<b>`): its lines stay.
    text = re.sub(r"<\s*br\s*/?\s*>", "\n", text, flags=re.I)
    # "…es para ti.-Requerimientos- Educación mínima": a heading run into the line before it
    # (Computrabajo writes its requirements list so).
    text = re.sub(r"(?<=[.!?])-([^\W\d_][^\W\d_ ]+(?: [^\W\d_]+){0,3})-\s+", r"\n\n\1\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _without_stray_lines(text: str) -> str:
    """Text without the lines that hold no word (the commas some boards put between list
    items) and without runs of blank lines."""
    lines = [line for line in text.splitlines() if not line.strip() or re.search(r"\w", line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _items(value: Any) -> list[str]:
    """The asks of one JobPosting field: a string (HTML or plain; its list items or lines),
    a list of strings, or objects such as EducationalOccupationalCredential."""
    if isinstance(value, list):
        return [item for element in value for item in _items(element)]
    if isinstance(value, dict):
        for key in ("description", "name", "credentialCategory", "educationalLevel"):
            if isinstance(value.get(key), str) and value[key].strip():
                return _items(value[key])
        return []
    text = _readable(value)
    lines = [clean(re.sub(r"^\s*[-*•]\s+", "", line)) for line in text.splitlines()]
    return [line for line in lines if re.search(r"[^\W\d_]", line)]


def _months(value: Any, description: str, t: Locale) -> list[str]:
    """An OccupationalExperienceRequirements that gives only `monthsOfExperience`, as the
    sentence a posting would write ("12 months of experience"), unless the description
    already says how long an experience it asks for."""
    values = value if isinstance(value, list) else [value]
    months = [
        v["monthsOfExperience"]
        for v in values
        if isinstance(v, dict)
        and not _items(v)
        and isinstance(v.get("monthsOfExperience"), int | float)
        and v["monthsOfExperience"] > 0
    ]
    if (
        not months
        or YEARS.search(fold(description))
        or re.search(r"\b\d+\+? (months?|meses)\b", fold(description))
    ):
        return []
    return [t("cli.apply.schema.months_of_experience", count=round(n)) for n in months]


def structured_facts(posting: dict[str, Any]) -> PostingFacts:
    """Role, company, place and address of a JobPosting."""
    organisation = posting.get("hiringOrganization")
    company = organisation.get("name") if isinstance(organisation, dict) else organisation
    identifier = posting.get("identifier")
    address = identifier.get("value") if isinstance(identifier, dict) else None
    url = next((u for u in (posting.get("url"), address) if is_url(u)), None)
    return PostingFacts(
        role=_line(posting.get("title")),
        company=_line(company),
        # a remote job names where its applicants may live instead of a workplace
        location=_place(posting.get("jobLocation"))
        or _place(posting.get("applicantLocationRequirements")),
        url=str(url) if url else None,
    )


def _place(value: Any) -> str | None:
    """'Madrid, Comunidad de Madrid, ES' from one place or several ('London, GB; Madrid, ES')."""
    places = value if isinstance(value, list) else [value]
    names = []
    for place in places:
        address = place.get("address") if isinstance(place, dict) else None
        if isinstance(address, str):
            names.append(plain_line(address))
            continue
        if not isinstance(address, dict):
            continue
        parts = []
        for key in ("addressLocality", "addressRegion", "addressCountry"):
            part = address.get(key)
            part = part.get("name") if isinstance(part, dict) else part
            if isinstance(part, str) and plain_line(part):
                parts.append(plain_line(part))
        if parts:
            names.append(", ".join(dict.fromkeys(parts)))
    return "; ".join(dict.fromkeys(names)) or None


def _line(value: Any) -> str | None:
    return (plain_line(html.unescape(value)) or None) if isinstance(value, str) else None


# ---------------------------------------------------------------------------
# Facts from the page itself and from a text posting's first lines


def _page_facts(markup: str) -> PostingFacts:
    """Role and company from the page's first heading and title (the patterns of Greenhouse
    and LinkedIn titles), the employer from the site name unless it is a job board's."""
    title = _line(_first(r"<title\b[^>]*>(.*?)</title>", markup)) or ""
    og_title = _meta(markup, "og:title") or ""
    heading = _line(_strip_tags(_first(r"<h1\b[^>]*>(.*?)</h1>", markup) or ""))
    role = heading if heading and len(heading.split()) <= 12 else None
    company = location = None
    for candidate in (og_title, title):
        for pattern in TITLE_PATTERNS:
            match = pattern.match(candidate)
            if match:
                role = role or _line(match["role"])
                company = company or _line(match["company"])
                location = location or _line(match["location"] or "")
    site = _meta(markup, "og:site_name")
    if not company and site and not BOARDS.match(site):
        company = site
    url = _meta(markup, "og:url") or _first(r"<link\b[^>]*rel=[\"']canonical[\"'][^>]*>", markup)
    if url and url.startswith("<"):
        url = _first(r"href=[\"']([^\"']+)", url)
    return PostingFacts(role, company, location, url if is_url(url) else None)


def header_facts(text: str) -> PostingFacts:
    """'Company: Acme', 'Puesto: Analista', 'Location: Madrid' among a text posting's first
    lines, and its first Markdown `#` heading as the role when it is not a section heading."""
    found: dict[str, str] = {}
    lines = [line for line in text.splitlines() if line.strip()][:20]
    for line in lines:
        match = HEADER_LINE.match(line)
        if not match:
            continue
        label = fold(match["label"]).strip()
        for fact, labels in HEADER_LABELS.items():
            if label in labels and fact not in found:
                found[fact] = clean(match["value"])
    first = next((line for line in lines if re.match(r"^#\s+\S", line)), None)
    if "role" not in found and first:
        heading = clean(first.lstrip("# ").strip())
        if len(heading.split()) <= 10 and classify_heading(heading) is None:
            found["role"] = heading
    return PostingFacts(
        role=found.get("role") or None,
        company=found.get("company") or None,
        location=found.get("location") or None,
    )


def _merge(first: PostingFacts, second: PostingFacts) -> PostingFacts:
    """Each fact from `first`, else from `second`."""
    return PostingFacts(
        *(getattr(first, name) or getattr(second, name) for name in ("role", "company", "location", "url"))
    )  # fmt: skip


def _first(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text, re.IGNORECASE | re.DOTALL)
    return match[1] if match and match.groups() else (match[0] if match else None)


def _meta(markup: str, name: str) -> str | None:
    for tag in re.findall(r"<meta\b[^>]*>", markup, re.IGNORECASE):
        if re.search(rf"(property|name)\s*=\s*[\"']{re.escape(name)}[\"']", tag, re.I):
            content = re.search(r"content\s*=\s*(\"[^\"]*\"|'[^']*')", tag, re.I)
            if content:
                return _line(content[1][1:-1])
    return None


def _strip_tags(markup: str) -> str:
    return re.sub(r"<[^>]+>", " ", markup)


# ---------------------------------------------------------------------------
# Fetching a posting from its address


def fetch(url: str, t: Locale) -> str:
    """The page at `url` as text, following redirects; a UserError in the portfolio's language
    when it cannot be had (no network, an error status, not a page of text)."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 — http(s) only, checked by the caller
            kind = response.headers.get_content_type()
            if kind not in READABLE_TYPES:
                raise UserError(
                    t("cli.apply.fetch_not_page", url=url, kind=kind),
                    t("cli.apply.fetch_not_page_hint"),
                )
            data = response.read(MAX_BYTES + 1)
            charset = _charset(response.headers)
    except urllib.error.HTTPError as error:
        raise UserError(
            t("cli.apply.fetch_status", url=url, status=error.code),
            t("cli.apply.fetch_status_hint"),
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = _network_reason(error, t)
        raise UserError(
            t("cli.apply.fetch_failed", url=url, reason=reason), t("cli.apply.fetch_failed_hint")
        ) from None
    return data[:MAX_BYTES].decode(charset or _declared_charset(data) or "utf-8", "replace")


def _network_reason(error: Exception, t: Locale) -> str:
    """Why a page could not be had, in the portfolio's language where the reason is a common
    one (the operating system's own words are English)."""
    reason = getattr(error, "reason", error)
    if isinstance(reason, socket.gaierror):
        return t("cli.read.os.unknown_host")
    if isinstance(reason, TimeoutError) and reason.errno is None:
        return t("cli.read.os.timeout")
    if isinstance(reason, OSError):
        return os_reason(reason, t)
    return str(reason)


def _charset(headers: Message) -> str | None:
    charset = headers.get_content_charset()
    try:
        return charset if charset and "".encode(charset) == b"" else None
    except LookupError:
        return None


def _declared_charset(data: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    if not match:
        return None
    try:
        "".encode(match[1].decode("ascii"))
    except LookupError:
        return None
    return match[1].decode("ascii")


def is_web_address(value: str) -> bool:
    """Whether `--posting` names a page on the web rather than a file."""
    return bool(re.match(r"^https?://\S+$", value.strip(), re.IGNORECASE))
