"""The content model: every file the candidate writes, as pydantic models.

This module is the single source of truth. Field docstrings are the
descriptions shown in `secondround schema`, unknown keys are rejected, and the
public/private split of the product is declared here, field by field, with
`Annotated[..., PRIVATE]`: whatever a renderer publishes goes through
`builder.plan.privacy.public_view`, which drops those fields, so a new private field
cannot leak by being forgotten somewhere else.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from builder.core.literal import LINE_BREAKS, describe_character, unwanted_character


class PrivateMarker:
    """Marks a field as private: it may appear only under build/private/."""

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["x-private"] = True
        return json_schema

    def __repr__(self) -> str:
        return "PRIVATE"


PRIVATE = PrivateMarker()

# ---------------------------------------------------------------------------
# Value types shared by every kind of content


DATE_PATTERN = r"^\d{4}-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)?$"


def _iso_date(value: Any) -> Any:
    """Dates arrive as YAML dates, datetimes or strings; keep them as ISO text of the same precision."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"date_type|{value!r}")
    text = value.strip()
    if not re.match(DATE_PATTERN, text):
        raise ValueError(f"date_not_iso|{value}")
    try:
        parse_date(text)
    except ValueError:
        raise ValueError(f"date_not_real|{value}") from None
    return text.replace(" ", "T")


def parse_date(text: str) -> dt.date | dt.datetime:
    """An ISO date of any accepted precision as a date (month: its first day) or a datetime."""
    if len(text) == 7:
        return dt.date.fromisoformat(text + "-01")
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text.replace(" ", "T"))


IsoDate = Annotated[
    str,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "pattern": DATE_PATTERN, "format": "date-or-month"}),
]


def _one_line(value: str) -> str:
    """Names, titles, roles, companies: one line, or a mail header could be split in two."""
    found = unwanted_character(value)
    if found is None:
        return value
    if found in LINE_BREAKS:
        raise ValueError("line_break|")
    raise ValueError(f"control_character|{describe_character(found)}")


def _text(value: str) -> str:
    """Running text may have line breaks and tabs, but no invisible control characters."""
    found = unwanted_character(value, allow="\n\t")
    if found is not None:
        raise ValueError(f"control_character|{describe_character(found)}")
    return value


Line = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_one_line)]
"""One line of text: a name, a title, a role, a company."""

Text = Annotated[str, AfterValidator(_text)]
"""Running text: one or more lines."""

# Characters a web address cannot hold unencoded (RFC 3986): quotes, angle brackets and the like
# would end the attribute or the Markdown link the address is written into.
URL_FORBIDDEN = re.compile(r"[\s\"<>\\^`{|}]")


def _url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$|^https?://localhost[^\s]*$", value):
        raise ValueError(f"url|{value}")
    if URL_FORBIDDEN.search(value) or unwanted_character(value):
        raise ValueError(f"url_character|{value}")
    return value


def is_url(value: object) -> bool:
    """Whether a value from outside (a résumé, a job file) can be written where a Url goes."""
    try:
        return isinstance(value, str) and _url(value) == value
    except ValueError:
        return False


Url = Annotated[
    str, AfterValidator(_url), WithJsonSchema({"type": "string", "pattern": "^https?://"})
]


def _base_url(value: str) -> str:
    """Every link of the site, PDFs and emails is this address plus a path: a query or a
    fragment would end up in the middle of each of them, and a page name before each path."""
    if "?" in value or "#" in value:
        raise ValueError(f"base_url_query|{value}")
    if re.search(r"\.html?$", value, re.IGNORECASE):
        raise ValueError(f"base_url_page|{value}")
    return value


BaseUrl = Annotated[
    str,
    AfterValidator(_url),
    AfterValidator(_base_url),
    WithJsonSchema({"type": "string", "pattern": "^https?://[^?#]+$"}),
]


# The local part as mail headers accept it unquoted (RFC 5322 dot-atom, ASCII); the domain as
# letters, digits and hyphens in dot-separated labels (any script: it is sent as IDNA).
EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
EMAIL_DOMAIN = re.compile(r"([^\W_]([^\W_]|-)*\.)+[^\W\d_]{2,}")


def _email(value: str) -> str:
    local, _, domain = value.strip().rpartition("@")
    if not EMAIL_LOCAL.fullmatch(local) or not EMAIL_DOMAIN.fullmatch(domain):
        raise ValueError(f"email|{value}")
    try:
        domain.encode("idna")
    except UnicodeError:
        raise ValueError(f"email|{value}") from None
    return value.strip()


Email = Annotated[
    str,
    AfterValidator(_email),
    WithJsonSchema({"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+$"}),
]


def _slug(value: str) -> str:
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", value):
        raise ValueError(f"slug|{value}")
    return value


Slug = Annotated[
    str,
    AfterValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}),
]

Visibility = Literal["public", "private"]

RESUME_ID_PATTERN = r"^resume-[a-z0-9][a-z0-9-]*$"


def _resume_id(value: str) -> str:
    if not re.match(RESUME_ID_PATTERN, value):
        raise ValueError(f"resume_id|{value}")
    return value


ResumeId = Annotated[
    str,
    AfterValidator(_resume_id),
    WithJsonSchema({"type": "string", "pattern": RESUME_ID_PATTERN}),
]
"""The evidence id of an entry of the CV, as the candidate sets it (see builder.core.resume_entries)."""

MaterialColor = Literal[
    "red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal",
    "green", "light green", "lime", "yellow", "amber", "orange", "deep orange", "brown",
    "grey", "blue grey", "black", "white",
]  # fmt: skip
MaterialAccent = Literal[
    "red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal",
    "green", "light green", "lime", "yellow", "amber", "orange", "deep orange",
]  # fmt: skip


def slugify(text: str) -> str:
    """A stable id from a name: 'María Pérez' → 'maria-perez'."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


class Model(BaseModel):
    """Base of every model: strict about unknown keys, immutable, documented by docstrings."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, coerce_numbers_to_str=True
    )


# ---------------------------------------------------------------------------
# site.yml


class Palette(Model):
    primary: MaterialColor = "indigo"
    """Main colour of the site (a Material for MkDocs colour name), in the nearest shade that reads at 4.5:1 in light and dark mode."""
    accent: MaterialAccent = "amber"
    """Colour of links on hover and of search highlights, in the nearest shade that reads at 4.5:1."""


class PdfOptions(Model):
    page_size: Literal["A4", "Letter"] = "A4"
    """Paper size of every PDF."""
    qr_code: bool = True
    """Print on every public PDF a QR code to its web page, with its short address."""


class ApplicationOptions(Model):
    pages: Literal["unlisted", "listed", "off"] = "unlisted"
    """Tailored pages per job: left out of navigation and search (unlisted), listed, or not built."""


class FollowupOptions(Model):
    due_hours: int = Field(24, ge=1, le=24 * 14)
    """Hours after an interview by which each follow-up email should be sent."""
    checkin_after_days: int = Field(10, ge=1, le=90)
    """Days after the last interview before a polite check-in is suggested."""


class RatingBands(Model):
    buy: float = 0.10
    """Smallest upside to target (0.10 = 10%) consistent with a buy rating."""
    sell: float = -0.10
    """Largest upside to target (−0.10 = −10%) consistent with a sell rating."""


class BriefOptions(Model):
    rating_bands: RatingBands = RatingBands()
    """Upside thresholds that a buy, hold or sell rating must respect."""


class AttachmentOptions(Model):
    max_size_mib: int = Field(25, ge=1, le=100)
    """Largest file published from content/ (attachments, photo, images), in MiB, from 1 to 100 (GitHub Pages refuses larger files)."""


class DeployOptions(Model):
    repository: str | None = Field(
        None, pattern=r"^([\w.-]+/[\w.-]+|(https?|ssh|git|file)://.+|git@.+|/.+)$"
    )
    """Public repository the site is pushed to: OWNER/NAME or a git URL (null: origin)."""
    branch: str = "gh-pages"
    """Branch GitHub Pages serves."""
    cname: str | None = Field(None, pattern=r"^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
    """Custom domain written to CNAME (for example ana.example.com)."""


# One path segment: anything but a slash, a backslash or NUL, and neither '.' nor '..'.
_SEGMENT = r"(?:[^/\\\x00.][^/\\\x00]*|\.[^/\\\x00.][^/\\\x00]*|\.\.[^/\\\x00]+)"
PublishedPath = Annotated[str, Field(pattern=f"^{_SEGMENT}(?:/{_SEGMENT})*$")]
"""A path under build/site/: relative, with no '.' or '..' step, no empty step, no backslash."""


class PrivacyOptions(Model):
    unscanned: list[PublishedPath] = []
    """Published files the privacy check cannot read and that you have checked yourself, as paths under build/site/ (e.g. samples/model/weights.bin); they are published unread."""


class Site(Model):
    """site.yml: the configuration of one portfolio."""

    title: Line = Field(min_length=1)
    """Title of the site, shown in the header and the browser tab."""
    url: BaseUrl
    """Public base URL of the site, e.g. https://ana.github.io/portfolio/ (PDFs and emails link with it)."""
    language: Literal["en", "es"] = "en"
    """Language of every generated word, date and number."""
    theme: str = Field("default", pattern=r"^[A-Za-z0-9_-]+$")
    """Folder under themes/ whose templates override the built-in theme."""
    palette: Palette = Palette()
    """Colours of the site, in light and dark mode."""
    pdf: PdfOptions = PdfOptions()
    """Options of the PDF leave-behinds."""
    applications: ApplicationOptions = ApplicationOptions()
    """How tailored pages per job are published."""
    followup: FollowupOptions = FollowupOptions()
    """Timing of follow-ups and check-ins."""
    briefs: BriefOptions = BriefOptions()
    """Checks applied to stock-analysis briefs."""
    attachments: AttachmentOptions = AttachmentOptions()
    """Limits on the files published from content/."""
    deploy: DeployOptions = DeployOptions()
    """Where `secondround deploy` publishes build/site/."""
    privacy: PrivacyOptions = PrivacyOptions()
    """The privacy check that reads every published file after each build and before deploy."""

    @property
    def base_url(self) -> str:
        return self.url if self.url.endswith("/") else self.url + "/"


# ---------------------------------------------------------------------------
# content/profile.md


class Profile(Model):
    """content/profile.md front matter; the body is the bio."""

    name: Line = Field(min_length=1)
    """Full name of the candidate."""
    headline: Line | None = None
    """One line under the name, e.g. 'Equity research analyst — European industrials'."""
    email: Email | None = None
    """Public contact email."""
    location: Line | None = None
    """City and country."""
    links: dict[str, Url] = {}
    """Label → URL, e.g. LinkedIn: https://www.linkedin.com/in/…"""
    photo: str | None = None
    """A JPEG, PNG, WebP, GIF or AVIF photo beside this file or in content/assets/."""
    private: Annotated[dict[str, str], PRIVATE] = {}
    """Anything never to be published (phone, home address)."""


# ---------------------------------------------------------------------------
# content/achievements/ID.md


class Achievement(Model):
    """content/achievements/ID.md front matter: a STAR story; the body is an optional narrative."""

    title: Line = Field(min_length=1)
    """What you did, as a headline."""
    result: Text = Field(min_length=1)
    """The outcome in one line, with a number where possible."""
    date: IsoDate | None = None
    """When it happened (2024-06 is enough)."""
    organization: Line | None = None
    """Where it happened."""
    role: Line | None = None
    """Your role at the time."""
    skills: list[Line] = []
    """Skills it proves."""
    metrics: list[Text] = []
    """Quantified results, e.g. 'Close cut from 5 to 2 days (−60%)'."""
    situation: Text | None = None
    """S of STAR: the context."""
    task: Text | None = None
    """T of STAR: what had to be done."""
    action: Text | None = None
    """A of STAR: what you did."""
    visibility: Visibility = "public"
    """public, or private to keep it out of the site."""

    @property
    def quantified(self) -> bool:
        return any(re.search(r"\d", text) for text in [self.result, *self.metrics])


# ---------------------------------------------------------------------------
# content/samples/ID.md or content/samples/ID/index.md


class Sample(Model):
    """A work sample's front matter; the body is its description."""

    title: Line = Field(min_length=1)
    """Name of the sample."""
    summary: Text = Field(min_length=1)
    """What it is and why it matters, in one or two lines."""
    date: IsoDate | None = None
    """When it was made."""
    skills: list[Line] = []
    """Skills it shows."""
    files: list[str] = []
    """Attached files, relative to this file, in the sample's folder or content/assets/; published under /samples/ID/."""
    link: Url | None = None
    """External link (a repository, a live demo)."""
    visibility: Visibility = "public"
    """public, or private to keep it out of the site."""


# ---------------------------------------------------------------------------
# content/briefs/ID.md


class Valuation(Model):
    metric: Line = Field(min_length=1)
    """Multiple or measure, e.g. 'EV/EBITDA (fwd)'."""
    value: float
    """The company's figure."""
    peers: float | None = None
    """The peer group's figure (median or average); with named `peers`, their median is shown instead."""


class Estimate(Model):
    year: Line = Field(min_length=1)
    """Fiscal year, e.g. FY2017 (the derivation and the table name it)."""
    actual: bool = False
    """true for a reported year; false for an estimate (shown with an E)."""
    revenue: float | None = None
    """Revenue, in millions of `currency`."""
    ebitda: float | None = None
    """EBITDA, in millions of `currency`."""
    ebit: float | None = None
    """EBIT (operating income), in millions of `currency`."""
    eps: float | None = None
    """Diluted earnings per share, in `currency`."""
    consensus_revenue: float | None = None
    """Consensus revenue for the year, in millions of `currency`, to compare yours with."""
    consensus_eps: float | None = None
    """Consensus earnings per share for the year, in `currency`."""


class Peer(Model):
    name: Line = Field(min_length=1)
    """Company name, e.g. Microsoft."""
    ticker: str | None = Field(None, pattern=r"^[A-Z0-9.\-]{1,12}$")
    """Ticker, used as the column heading when given (e.g. MSFT)."""
    multiples: dict[str, float] = {}
    """Its figure for each `valuation` metric, by the metric's name as written there."""


class Adjustment(Model):
    label: Line = Field(min_length=1)
    """What is added per share, e.g. 'Net cash per share after repatriation tax'."""
    value: float
    """Amount per share in `currency` (negative to subtract)."""


class Derivation(Model):
    metric: Literal["eps", "ebitda", "ebit"] = "eps"
    """The estimate the multiple applies to: eps (a P/E target), ebitda or ebit (an EV multiple,
    turned into a value per share with `net_cash` and `shares`)."""
    year: Line = Field(min_length=1)
    """The year of `estimates` whose figure is used, e.g. FY2018."""
    multiple: float = Field(gt=0)
    """The multiple applied, e.g. 13 for 13 times earnings."""
    adjustments: list[Adjustment] = []
    """Amounts per share added after the multiple (net cash, a sum of the parts…)."""


class Brief(Model):
    """A stock-analysis brief's front matter; the body is the investment thesis."""

    ticker: str = Field(pattern=r"^[A-Z0-9.\-]{1,12}$")
    """Ticker symbol, e.g. AAPL."""
    company: Line = Field(min_length=1)
    """Company name."""
    rating: Literal["buy", "hold", "sell"]
    """The call."""
    price_target: float = Field(gt=0)
    """Price target at the horizon, in `currency`."""
    title: Line | None = None
    """Headline of the note (default: company and rating)."""
    exchange: Line | None = None
    """Listing, e.g. NASDAQ."""
    currency: str = Field("USD", pattern=r"^[A-Z]{3}$")
    """ISO currency code of prices and target."""
    sector: Line | None = None
    """Sector or industry."""
    price: float | None = Field(None, gt=0)
    """Current price (default: last close in `prices`)."""
    as_of: IsoDate | None = None
    """Date of the price (default: last date in `prices`)."""
    horizon_months: int = Field(12, ge=1, le=60)
    """Months until the target should be reached."""
    prices: str | None = None
    """CSV of daily prices with a Date column and a Close or Adj Close column, relative to the brief."""
    valuation: list[Valuation] = []
    """Multiples against peers."""
    peers: list[Peer] = []
    """The peer group, company by company, with their multiples: each becomes a column of the
    valuation table, with their median beside it (instead of a `valuation` row's `peers`)."""
    shares: float | None = Field(None, gt=0)
    """Diluted shares outstanding, in millions (market cap and enterprise value use it)."""
    net_cash: float | None = None
    """Cash and investments minus debt, in millions of `currency` (negative: net debt)."""
    estimates: list[Estimate] = []
    """Your estimates by fiscal year, from the last reported year on, with consensus if known."""
    derivation: Derivation | None = None
    """How the price target is reached: a multiple of one year's estimate plus adjustments;
    `check` says when it does not give `price_target`."""
    source: Line | None = None
    """Where the prices and figures come from, shown under the chart (default: the price file's name)."""
    catalysts: list[Text] = []
    """What could move the stock toward the target."""
    risks: list[Text] = []
    """What could prove the call wrong."""
    disclosure: Text | None = None
    """Small print, e.g. 'Personal work sample; not investment advice.'"""
    visibility: Visibility = "public"
    """public, or private to keep it out of the site."""


# ---------------------------------------------------------------------------
# content/applications/SLUG.md


class Requirement(Model):
    id: Slug
    """Short stable id, used by interviewers' priorities."""
    text: Text = Field(min_length=1)
    """The requirement as the posting states it."""
    kind: Literal["must", "nice"] = "must"
    """must-have or nice-to-have."""
    evidence: list[Slug] = []
    """Ids of achievements, samples, briefs or CV entries (resume-…, e.g. resume-skill-python)
    that prove it: what you confirmed. Only these count as coverage and reach the tailored
    page, the leave-behind and the emails."""
    suggested: list[Slug] = []
    """Ids `match --write` suggested as proof. Nothing shows or counts them: move those that
    prove the requirement to `evidence` to confirm them, and delete the rest."""
    plan: Text | None = None
    """How you would deliver it in this job."""


class LeaveBehind(Model):
    samples: list[Slug] = []
    """Samples to include in the leave-behind PDF."""
    briefs: list[Slug] = []
    """Briefs to include in the leave-behind PDF."""


class Concern(Model):
    """A doubt an interviewer raised, and your answer to it."""

    text: Text = Field(min_length=1)
    """The doubt as you noted it, in your own shorthand: never quoted in an email."""
    answer: Text | None = None
    """Your answer in your own words, as the follow-up to that interviewer says it ('I have
    defended targets in front of the lending banks every quarter since 2021…'). Without one,
    the follow-up leaves the concern out unless confirmed proof answers it, and `check`
    reminds you to write one."""


def _concern(value: Any) -> Any:
    """A concern written as a line of text is one without an answer yet."""
    return {"text": value} if isinstance(value, str) else value


ConcernItem = Annotated[
    Concern,
    BeforeValidator(_concern, json_schema_input_type=str | Concern),
]
"""A concern as written: a line of text, or {text, answer}."""


class Interviewer(Model):
    id: Slug | None = None
    """Short id used in file names (default: a slug of the name)."""
    name: Line = Field(min_length=1)
    """Full name."""
    role: Line | None = None
    """Their job title."""
    email: Email | None = None
    """Address the follow-up goes to."""
    greeting: Line | None = None
    """How the follow-up greets them: a name ('Javi') goes into the usual salutation; a whole line ending in a comma, colon or exclamation mark ('Dear Dr. Ortega,') is used as written (default: worked out from `name`)."""
    priorities: list[Slug] = []
    """Ids of the requirements this person cares about most."""
    concerns: list[ConcernItem] = []
    """Doubts they raised about you: each one a line of text, or `{text, answer}` with your
    answer in your own words, which their follow-up gives without quoting the doubt."""
    asked_for: list[Slug] = []
    """Ids of the samples, briefs, stories or CV entries (resume-…) they asked to see: their
    follow-up links each one, and `build --attach` attaches those that have a PDF."""
    notes: Text | None = None
    """Anything worth remembering; never quoted in an email."""
    opening: Text | None = None
    """The follow-up's opening paragraph in your own words, instead of the generated thanks."""
    closing: Text | None = None
    """The follow-up's closing paragraph in your own words, instead of the generated one."""
    body: Text | None = None
    """The whole follow-up between the greeting and the sign-off, in Markdown, for when you
    would rather write it yourself; `opening` and `closing` are then not used."""
    followup_sent: IsoDate | None = None
    """When your follow-up to them went out."""

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and isinstance(data.get("name"), str):
            return {**data, "id": slugify(data["name"])}
        return data


class Interview(Model):
    date: IsoDate
    """When it took place (2026-11-18T10:00)."""
    round: int = Field(1, ge=1)
    """1 for the first round, 2 for the second…"""
    interviewers: list[Interviewer] = []
    """Everyone who interviewed you; each gets their own follow-up."""


class Contact(Model):
    name: Line = Field(min_length=1)
    """Insider or second-degree contact."""
    relation: Line | None = None
    """How you know them."""
    channel: Line | None = None
    """LinkedIn, alumni network, email…"""
    contacted: IsoDate | None = None
    """When you reached out."""
    notes: Text | None = None
    """What came of it."""


Status = Literal[
    "researching", "applied", "interviewing", "second-round",
    "offer", "accepted", "rejected", "withdrawn",
]  # fmt: skip


class Application(Model):
    """An application's front matter. The body holds private notes."""

    body_is_private: ClassVar[bool] = True

    company: Line = Field(min_length=1)
    """Employer."""
    role: Line = Field(min_length=1)
    """Job title."""
    posting_url: Url | None = None
    """Where the job was posted."""
    location: Line | None = None
    """Where the job is."""
    motivation: Text | None = None
    """Why this role appeals to you."""
    career_fit: Text | None = None
    """How it fits your long-term plan."""
    requirements: list[Requirement] = []
    """Every requirement of the posting, with its proof and your plan."""
    leave_behind: LeaveBehind = LeaveBehind()
    """What goes into the leave-behind PDF besides the requirements."""
    status: Annotated[Status, PRIVATE] = "researching"
    """Stage of the application."""
    applied: Annotated[IsoDate | None, PRIVATE] = None
    """When you applied."""
    interviews: Annotated[list[Interview], PRIVATE] = []
    """Interviews, with who was there."""
    contacts: Annotated[list[Contact], PRIVATE] = []
    """Insiders and second-degree contacts."""
    references: Annotated[list[Slug], PRIVATE] = []
    """Ids from content/references.yml to brief for this job."""
    questions: Annotated[list[str], PRIVATE] = []
    """Questions to ask the interviewers."""


# ---------------------------------------------------------------------------
# content/references.yml (private as a whole)


class Reference(Model):
    """One referee; the whole of references.yml is private."""

    always_private: ClassVar[bool] = True

    id: Slug
    """Short id that applications list under `references`."""
    name: Line = Field(min_length=1)
    """Full name."""
    relation: Line | None = None
    """e.g. 'Former manager at Iberdrola'."""
    email: Email | None = None
    """Their email address."""
    greeting: Line | None = None
    """How the briefing greets them: a name ('Marta') goes into the usual salutation; a whole line ending in a comma, colon or exclamation mark ('Querida Marta:') is used as written (default: worked out from `name`)."""
    phone: Line | None = None
    """Their phone number."""
    can_speak_to: list[Line] = []
    """Requirement ids or skills they can vouch for."""


# ---------------------------------------------------------------------------
# content/resume.yml


class Experience(Model):
    organization: Line = Field(min_length=1)
    """Employer."""
    role: Line = Field(min_length=1)
    """Job title."""
    location: Line | None = None
    """City."""
    start: IsoDate
    """First month."""
    end: IsoDate | None = None
    """Last month (null: present)."""
    summary: Text | None = None
    """One line on the job."""
    highlights: list[Text] = []
    """Bullet points."""
    achievements: list[Slug] = []
    """Ids of STAR stories from this job."""


class Education(Model):
    institution: Line = Field(min_length=1)
    """University or school."""
    degree: Line | None = None
    """e.g. MSc."""
    field: Line | None = None
    """Area of study."""
    start: IsoDate | None = None
    """First month."""
    end: IsoDate | None = None
    """Last month."""
    grade: Line | None = None
    """Grade or honours."""
    highlights: list[Text] = []
    """Thesis, awards, courses."""
    id: ResumeId | None = None
    """Evidence id that applications cite this degree by, starting with resume- (default: resume-education- and the degree and field, e.g. resume-education-master-finance)."""


class SkillGroup(Model):
    name: Line = Field(min_length=1)
    """Group name, e.g. 'Modelling'."""
    keywords: list[Line] = []
    """The skills."""
    id: ResumeId | None = None
    """Evidence id that applications cite this group by, starting with resume- (default: resume-skills- and the name, e.g. resume-skills-tools); each skill is cited as resume-skill- and the skill, e.g. resume-skill-python."""


class SpokenLanguage(Model):
    language: Line = Field(min_length=1)
    """Language name."""
    fluency: Line | None = None
    """Native, C2, B1…"""
    id: ResumeId | None = None
    """Evidence id that applications cite this language by, starting with resume- (default: resume-language- and the language, e.g. resume-language-english)."""


class Certification(Model):
    name: Line = Field(min_length=1)
    """Certificate."""
    issuer: Line | None = None
    """Who awarded it."""
    date: IsoDate | None = None
    """When."""
    url: Url | None = None
    """Where to verify it."""
    id: ResumeId | None = None
    """Evidence id that applications cite this certificate by, starting with resume- (default: resume-certification- and the name without what is in brackets or after a comma, e.g. resume-certification-cfa-program-level-i)."""


class Resume(Model):
    """content/resume.yml: the CV."""

    experience: list[Experience] = []
    """Jobs, most recent first."""
    education: list[Education] = []
    """Degrees."""
    skills: list[SkillGroup] = []
    """Skills by group."""
    languages: list[SpokenLanguage] = []
    """Languages spoken."""
    certifications: list[Certification] = []
    """Certificates and licences."""


KINDS: dict[str, type[Model]] = {
    "achievement": Achievement,
    "sample": Sample,
    "brief": Brief,
    "application": Application,
}
