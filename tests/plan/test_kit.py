"""The private follow-up kit, read the way a user's tools read it: mail, calendar, PDF, board."""

from __future__ import annotations

import datetime as dt
import email
import json
import re
from email import policy
from email.message import EmailMessage
from email.utils import getaddresses
from itertools import combinations
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import icalendar
import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO, text_of, write

BASE = "https://tester.github.io/portfolio/"

STORIES = {
    "sql-speed": (
        "Query time cut from 40 to 4 minutes",
        ["SQL", "Performance"],
        "Queries cut from 40 to 4 minutes",
    ),
    "team-lead": (
        "Led a team of 5 analysts through a reorganisation",
        ["Leadership", "Coaching"],
        "Attrition from 30% to 5%",
    ),
    "forecast": (
        "Revenue forecast error cut from 9% to 2%",
        ["Forecasting", "Python"],
        "Forecast error 9% to 2%",
    ),
}

APPLICATION = """
---
company: Acme Analytics
role: Lead Data Analyst
motivation: The team turns data into pricing decisions, which is the work I do best.
requirements:
  - {id: sql, text: Advanced SQL on large warehouses, evidence: [sql-speed]}
  - {id: leadership, text: Lead and grow a team of analysts, evidence: [team-lead]}
  - {id: forecasting, text: Build revenue forecasts the business trusts, evidence: [forecast]}
  - {id: stakeholders, text: Present to executives, kind: nice}
  - {id: tuning, text: SQL tuning for the BI team, evidence: [sql-speed]}
status: interviewing
interviews:
  - date: 2026-11-20T10:00
    round: 1
    interviewers:
      - name: Alice Moreau
        role: Head of Data
        email: alice@acme.example
        priorities: [leadership, forecasting]
        concerns: [Has she led a team through a reorganisation before?]
      - name: Bob Stone
        role: Staff Analyst
        email: bob@acme.example
        priorities: [sql]
        concerns: [Can she tune slow SQL queries on our warehouse?]
      - name: Carla Ruiz
        role: VP Finance
        email: carla@acme.example
        priorities: [forecasting, stakeholders]
      - name: Dan Sent
        role: Recruiter
        email: dan@acme.example
        followup_sent: 2026-11-20
contacts:
  - {name: Insider One, relation: former colleague, channel: LinkedIn}
references: [ref-one]
questions:
  - How is success measured in the first year?
  - What is the most urgent problem for the team this quarter?
  - How will success be measured during the first year?
---
Private notes.
"""

FUTURE = """
---
company: Beta Corp
role: Analyst
requirements:
  - {id: sql, text: SQL, evidence: [sql-speed]}
  - {id: python, text: Python packaging}
status: applied
interviews:
  - date: 2026-12-10T09:30
    interviewers:
      - {name: Eve Future, role: Manager, email: eve@beta.example, priorities: [sql]}
contacts:
  - {name: Someone Inside, channel: alumni network}
references: [ref-one]
---
"""

REFERENCES = """
- id: ref-one
  name: Rita Reference
  relation: Former manager
  email: rita@example.org
  can_speak_to: [leadership, Team building, python, leadership]
"""


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A portfolio that is not the demo, built as on 2026-11-25."""
    from builder.app.cli import main

    root = tmp_path_factory.mktemp("kit") / "portfolio"
    write(root, "site.yml", f"title: Test\nurl: {BASE}\n")
    write(
        root,
        "content/profile.md",
        "---\nname: Pat Candidate\nemail: pat@example.com\nprivate: {phone: '+1 555 0100'}\n---\nBio.\n",
    )
    for id, (title, skills, metric) in STORIES.items():
        write(root, f"content/achievements/{id}.md",
              f"---\ntitle: {title}\nresult: {title}\nskills: {skills}\nmetrics: ['{metric}']\n---\n")  # fmt: skip
    write(root, "content/applications/acme.md", APPLICATION)
    write(root, "content/applications/beta.md", FUTURE)
    write(root, "content/references.yml", REFERENCES)
    import os

    os.environ["SOURCE_DATE_EPOCH"] = str(
        int(dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC).timestamp())
    )
    try:
        assert main(["build", "--root", str(root)]) == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return root


def read(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


def body(msg: EmailMessage, kind: str = "plain") -> str:
    return msg.get_body((kind,)).get_content()  # type: ignore[union-attr]


def urls(text: str) -> list[str]:
    return [word.rstrip(".,:;)") for word in text.split() if word.startswith("https://")]


def test_one_followup_per_interviewer_still_waiting_for_one(kit: Path) -> None:
    drafts = sorted(p.name for p in (kit / "build/private/acme").glob("followup-*.eml"))
    assert drafts == ["followup-alice-moreau.eml", "followup-bob-stone.eml", "followup-carla-ruiz.eml",
                      "followup-dan-sent.eml"]  # fmt: skip


def test_each_followup_is_a_draft_to_one_person(kit: Path) -> None:
    msg = read(kit / "build/private/acme/followup-alice-moreau.eml")
    assert getaddresses(msg.get_all("To")) == [("Alice Moreau", "alice@acme.example")]
    assert msg.get_all("Cc") is None and msg.get_all("Bcc") is None
    assert getaddresses([msg["From"]]) == [("Pat Candidate", "pat@example.com")]
    assert "Lead Data Analyst" in msg["Subject"] and "Acme Analytics" in msg["Subject"]
    assert msg["X-Unsent"] == "1"
    assert email.utils.parsedate_to_datetime(msg["Date"]).replace(tzinfo=None) == dt.datetime(
        2026, 11, 21, 10, 0
    )
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]


def test_each_followup_answers_its_own_interviewers_priorities(kit: Path) -> None:
    alice = body(read(kit / "build/private/acme/followup-alice-moreau.eml"))
    bob = body(read(kit / "build/private/acme/followup-bob-stone.eml"))
    assert "Dear Alice" in alice and "As Head of Data" in alice
    assert "Lead and grow a team of analysts" in alice and "Attrition from 30% to 5%" in alice
    assert (
        "Build revenue forecasts the business trusts" in alice
        and "Forecast error 9% to 2%" in alice
    )
    assert "Advanced SQL" not in alice
    assert "Advanced SQL on large warehouses" in bob and "Queries cut from 40 to 4 minutes" in bob
    assert "Lead and grow" not in bob


def test_a_concern_is_answered_by_confirmed_proof_never_quoted(kit: Path) -> None:
    """Without an answer of the candidate's, a concern that confirmed proof of the application
    answers clearly gets that proof, and its text, the candidate's shorthand, is never quoted."""
    alice = body(read(kit / "build/private/acme/followup-alice-moreau.eml"))
    bob = body(read(kit / "build/private/acme/followup-bob-stone.eml"))
    assert "reorganisation before" not in alice and "slow SQL queries" not in bob
    answer = [p for p in alice.split("\r\n\r\n") if "question you raised" in p]
    assert answer and BASE + "achievements/team-lead/" in answer[0]
    answer = [p for p in bob.split("\r\n\r\n") if "your question" in p]
    assert answer and BASE + "achievements/sql-speed/" in answer[0]


def test_priorities_come_with_one_sentence_of_the_plan_and_a_role_of_their_own(kit: Path) -> None:
    alice = body(read(kit / "build/private/acme/followup-alice-moreau.eml"))
    carla = body(read(kit / "build/private/acme/followup-carla-ruiz.eml"))
    assert "you will work closely with whoever joins" not in alice + carla
    assert "As Head of Data, you would be the one reviewing my work" in alice
    assert "VP Finance" in carla and "Present to executives" not in carla  # no proof, no plan


def test_no_two_interviewers_get_the_same_text(kit: Path) -> None:
    bodies = [body(read(p)) for p in (kit / "build/private/acme").glob("followup-*.eml")]
    htmls = [body(read(p), "html") for p in (kit / "build/private/acme").glob("followup-*.eml")]
    assert all(a != b for a, b in combinations(bodies, 2))
    assert all(a != b for a, b in combinations(htmls, 2))


def test_every_link_is_absolute_and_exists_on_the_site(kit: Path) -> None:
    site = kit / "build/site"
    for path in (kit / "build/private").rglob("*.eml"):
        msg = read(path)
        links = urls(body(msg)) + [a["href"] for a in BeautifulSoup(body(msg, "html"), "html.parser").find_all("a")
                                   if a["href"].startswith("http")]  # fmt: skip
        for link in links:
            assert link.startswith(BASE), (path.name, link)
            local = site / link.removeprefix(BASE)
            assert local.is_file() or (local / "index.html").is_file(), (path.name, link)
    alice = body(read(kit / "build/private/acme/followup-alice-moreau.eml"))
    assert BASE + "for/acme/" in alice and BASE + "pdf/for/acme.pdf" in alice


def test_attach_adds_the_leave_behind(kit: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert run("build", "--root", kit, "--out", out, "--attach").code == 0
    msg = read(out / "private/acme/followup-bob-stone.eml")
    assert msg.get_content_type() == "multipart/mixed"
    attachments = list(msg.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["acme.pdf"]
    assert attachments[0].get_content().startswith(b"%PDF")
    assert body(msg).startswith("Dear Bob")


def test_reference_briefing_after_the_interview(kit: Path) -> None:
    msg = read(kit / "build/private/acme/reference-ref-one.eml")
    assert getaddresses(msg.get_all("To")) == [("Rita Reference", "rita@example.org")]
    text = body(msg)
    assert (
        "On Friday 20 November 2026 I met Alice Moreau (Head of Data), Bob Stone (Staff Analyst),"
        " Carla Ruiz (VP Finance) and Dan Sent (Recruiter)." in text
    )
    assert (
        "Alice Moreau raised one concern: “Has she led a team through a reorganisation before?” Bob"
        " Stone raised one concern: “Can she tune slow SQL queries on our warehouse?”\r\n" in text
    )  # each person's concerns in a sentence of their own, no full stop after a question
    stress = text.split("speak to:")[1]
    assert stress.count("Lead and grow a team of analysts") == 1
    assert "You also know my work in this area first-hand: Team building." in text


def test_reference_briefings_show_no_raw_tag_and_nothing_twice(kit: Path) -> None:
    for path in (kit / "build/private").glob("*/reference-*.eml"):
        text = body(read(path))
        bullets = [line[2:] for line in text.splitlines() if line.startswith("- ")]
        assert len(bullets) == len(set(bullets)), path
        written = {"acme": APPLICATION, "beta": FUTURE}[path.parent.name]
        assert all(re.search(f"text: {re.escape(b)}[,}}]", written) for b in bullets), bullets
        assert "python" not in text.split() and "leadership" not in text


def test_reference_heads_up_before_the_interview(kit: Path) -> None:
    msg = read(kit / "build/private/beta/reference-ref-one.eml")
    text = body(msg)
    assert "heads-up" in msg["Subject"].lower() and "Analyst role at Beta Corp" in text
    assert "may be contacted" in text
    assert "Eve Future" not in text
    lines = text.splitlines()
    known = lines.index(next(line for line in lines if line.endswith("matter most for this role:")))
    assert lines[known + 1] == "- Python packaging"  # a requirement of this role, as written
    rest = lines.index("The role also asks for:")
    assert lines[rest + 1 :][:2] == ["- SQL", ""]  # the rest of the role, nothing repeated


def test_calendar(kit: Path) -> None:
    cal = icalendar.Calendar.from_ical((kit / "build/private/calendar.ics").read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    follow = events["acme-r1-followup-alice-moreau@secondround"]
    assert follow.decoded("dtstart") == dt.datetime(2026, 11, 21, 10, 0)
    assert "Alice Moreau" in str(follow["summary"])
    assert not [u for u in events if "followup-dan-sent" in u]  # already sent
    assert events["acme-checkin@secondround"].decoded("dtstart") == dt.date(2026, 11, 30)
    assert events["beta-r1-alert-ref-one@secondround"].decoded("dtstart") == dt.date(2026, 12, 8)
    assert events["acme-r1-brief-ref-one@secondround"].decoded("dtstart") == dt.date(2026, 11, 21)
    assert events["beta-r1-followup-eve-future@secondround"].decoded("dtstart") == dt.datetime(
        2026, 12, 11, 9, 30
    )


def test_calendar_uids_are_stable(kit: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    first = (kit / "build/private/calendar.ics").read_bytes()
    assert run("build", "--root", kit, "--out", tmp_path / "again").code == 0
    second = (tmp_path / "again/private/calendar.ics").read_bytes()

    def uids(data: bytes) -> list[str]:
        return sorted(str(e["uid"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT"))

    assert uids(first) == uids(second) and len(set(uids(first))) == len(uids(first))


def test_prep_sheet(kit: Path) -> None:
    text = text_of(kit / "build/private/acme/prep.pdf")
    assert "Tell me about a time you showed this: “Advanced SQL on large warehouses”" in text
    assert "Led a team of 5 analysts" in text
    assert "Has she led a team through a reorganisation before?" in text
    assert "Insider One" in text and "not contacted yet" in text
    assert "The team turns data into pricing decisions" in text
    assert "Alice Moreau — Head of Data (Friday 20 November 2026)" in text


def test_prep_sheet_tells_each_story_once(kit: Path) -> None:
    text = text_of(kit / "build/private/acme/prep.pdf")
    for title, _, _ in STORIES.values():
        assert text.count(f"R {title}") == 1, title  # the result line of its STAR block
    assert "The same story as for “Advanced SQL on large warehouses”" in text


def test_prep_sheet_asks_each_question_once(kit: Path) -> None:
    from builder.analyse.match import terms

    text = text_of(kit / "build/private/acme/prep.pdf")
    asked = text.split("Questions to ask".upper())[1].split("Insiders to contact".upper())[0]
    questions = [q.strip() + "?" for q in asked.split("?") if q.strip(" •0123456789.")]
    assert questions == [
        "How is success measured in the first year?",
        "What is the most urgent problem for the team this quarter?",
    ]  # the near-duplicate and the generic urgent question give way to the candidate's own
    words = [frozenset(stem for stem, _ in terms(q, "en")) for q in questions]
    assert len(set(words)) == len(words)


def test_status_for_a_fixed_day(kit: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("status", "--root", kit, "--today", "2026-11-25")
    lines = result.out.splitlines()
    assert lines[0] == "Status on Nov 25, 2026"
    acme = lines.index(next(line for line in lines if line.startswith("acme ·")))
    assert (
        lines[acme + 1].startswith("  ! Nov 21, 2026 10:00")
        and "Send the follow-up to Alice Moreau (overdue)" in lines[acme + 1]
    )
    assert any("Be patient: no check-in before Monday 30 November 2026" in line for line in lines)
    beta = [
        line
        for line in lines[lines.index(next(line for line in lines if line.startswith("beta ·"))) :]
    ]
    assert any("Reach Someone Inside (alumni network)" in line for line in beta)
    assert any(
        "Find proof for the must-haves without evidence: Python packaging" in line for line in beta
    )
    assert any(
        "Tell Rita Reference they may be contacted" in line and "Dec 8, 2026" in line
        for line in beta
    )
    assert lines[-1] == "Keep applying elsewhere: 2 active applications and no accepted offer"


def test_status_json_after_the_polite_date(kit: Path, run) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(
        run("status", "--root", kit, "--today", "2026-12-01", "--format", "json").out
    )
    acme = next(a for a in report["applications"] if a["slug"] == "acme")
    kinds = [a["kind"] for a in acme["actions"]]
    assert kinds[:3] == ["followup", "followup", "followup"] and "checkin" in kinds
    assert all(a["overdue"] for a in acme["actions"] if a["kind"] == "followup")
    assert (
        "brief-references" not in kinds
    )  # the polite date has passed: the window to brief is over
    assert report["always"][0]["kind"] == "keep-applying"


def test_status_stops_nagging_once_an_offer_is_accepted(kit: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(kit / "content", copy / "content")
    shutil.copy(kit / "site.yml", copy / "site.yml")
    app = copy / "content/applications/beta.md"
    app.write_text(app.read_text().replace("status: applied", "status: accepted"))
    report = json.loads(
        run("status", "--root", copy, "--today", "2026-11-25", "--format", "json").out
    )
    assert report["always"] == []
    assert next(a for a in report["applications"] if a["slug"] == "beta")["actions"] == []


def test_drafts_carry_what_each_mail_client_needs_to_open_a_draft(kit: Path) -> None:
    drafts = sorted((kit / "build/private").glob("*/*.eml"))
    ids = []
    for path in drafts:
        msg = read(path)
        assert msg["X-Unsent"] == "1"  # Outlook
        assert msg["X-Mozilla-Draft-Info"].startswith("internal/draft;")  # Thunderbird
        assert msg["X-Uniform-Type-Identifier"] == "com.apple.mail-draft"  # Apple Mail
        assert msg["X-Apple-Mail-Remote-Attachments"] == "NO"
        assert msg["MIME-Version"] == "1.0" and email.utils.parsedate_to_datetime(msg["Date"])
        assert len(msg.get_all("To")) == 1
        ids.append(msg["Message-ID"])
    assert all(re.fullmatch(r"<[0-9a-f]{32}@example\.com>", i) for i in ids)
    assert len(set(ids)) == len(ids)


def _drafts_on_the_board(kit: Path) -> dict[str, BeautifulSoup]:
    board = BeautifulSoup((kit / "build/private/index.html").read_text("utf-8"), "html.parser")
    return {
        d.find("a", href=re.compile(r"\.eml$"))["href"]: d for d in board.select("details.draft")
    }


def test_dashboard_offers_each_draft_as_file_mail_link_and_text(kit: Path) -> None:
    board = BeautifulSoup((kit / "build/private/index.html").read_text("utf-8"), "html.parser")
    assert board.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    offered = _drafts_on_the_board(kit)
    files = sorted(
        str(p.relative_to(kit / "build/private")) for p in (kit / "build/private").glob("*/*.eml")
    )
    assert sorted(offered) == files
    for path, draft in offered.items():
        msg = read(kit / "build/private" / path)
        text = body(msg)
        area = draft.find("textarea")
        assert area.has_attr("readonly")
        assert area.get_text().replace("\r\n", "\n") == text.replace("\r\n", "\n")
        button = draft.find("button", attrs={"data-copy": area["id"]})
        assert button is not None
        link = next(a["href"] for a in draft.find_all("a") if a["href"].startswith("mailto:"))
        assert len(link) <= 2000
        parts = urlparse(link)
        query = parse_qs(parts.query)
        assert getaddresses(msg.get_all("To")) == [
            (msg["To"].addresses[0].display_name, parts.path)
        ]
        assert query["subject"] == [msg["Subject"]]
        if "body" in query:
            assert query["body"][0].replace("\r\n", "\n") == text.replace("\r\n", "\n").rstrip("\n")
        else:
            assert "too long for a mail link" in draft.get_text()
    assert any("body" in parse_qs(urlparse(a["href"]).query)
               for d in offered.values() for a in d.find_all("a") if a["href"].startswith("mailto:"))  # fmt: skip


def test_a_long_text_leaves_the_mail_link_with_recipient_and_subject(kit: Path) -> None:
    from builder.plan.kit import Draft
    from builder.render.mail import MAILTO_LIMIT, mailto

    draft = Draft("acme/followup-x.eml", "mail/followup", "Ana Ruiz", "ana@example.com", "Gracias — entrevista",
                  dt.datetime(2026, 11, 21, 10), {})  # fmt: skip
    short, whole = mailto(draft, "Hola, Ana:\n\nGracias.\n")
    assert whole and parse_qs(urlparse(short).query)["body"] == ["Hola, Ana:\r\n\r\nGracias."]
    long, whole = mailto(draft, "Una línea más.\n" * 200)
    assert not whole and len(long) <= MAILTO_LIMIT
    assert urlparse(long).path == "ana@example.com"
    assert parse_qs(urlparse(long).query) == {"subject": ["Gracias — entrevista"]}


def test_dashboard_keeps_the_actions_links(kit: Path) -> None:
    board = BeautifulSoup((kit / "build/private/index.html").read_text("utf-8"), "html.parser")
    rows = [
        tr for tr in board.find_all("tr") if "Send the follow-up to Alice Moreau" in tr.get_text()
    ]
    hrefs = [a["href"] for a in rows[0].find_all("a")]
    assert hrefs[0] == "acme/followup-alice-moreau.eml" and hrefs[1].startswith(
        "mailto:alice@acme.example"
    )


def test_nothing_of_the_kit_reaches_the_site(kit: Path) -> None:
    site = kit / "build/site"
    everything = "\n".join(
        p.read_text("utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix != ".pdf"
    )
    for secret in (
        "Alice Moreau",
        "alice@acme.example",
        "reorganisation before",
        "Insider One",
        "Rita Reference",
        "+1 555 0100",
    ):
        assert secret not in everything
    assert not list(site.rglob("*.eml")) and not list(site.rglob("*.ics"))


def test_check_flags_a_late_followup_at_its_interviewer(kit: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--root", kit)
    assert (
        "content/applications/acme.md:21:9: interviews[0].interviewers[1]: the follow-up to Bob Stone was due"
        in result.err
    )
    assert "followup-bob-stone.eml" in result.err
    assert "Dan Sent" not in result.err
    assert run("check", "--root", kit, "--strict").code == 1


def test_the_reminder_to_keep_applying_counts_in_the_right_form() -> None:
    from builder.analyse.followup import Action
    from builder.core.words import load_locale

    def said(count: int, language: str) -> str:
        t = load_locale(REPO, "default", language)
        return Action("", "keep-applying", None, {"count": count}).sentence(t)

    assert "1 active application and" in said(1, "en")
    assert "3 active applications and" in said(3, "en")
    assert "1 candidatura activa y" in said(1, "es")
    assert "2 candidaturas activas y" in said(2, "es")


def test_a_spanish_briefing_reads_as_written_in_spanish(
    tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    day = dt.datetime(2026, 11, 19, 12, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(day.timestamp())))
    root = tmp_path / "es"
    write(root, "site.yml", f"title: Prueba\nurl: {BASE}\nlanguage: es\n")
    write(
        root, "content/profile.md", "---\nname: Ana Candidata\nemail: ana@example.com\n---\nBio.\n"
    )
    write(root, "content/applications/atalaya.md", """---
company: Atalaya Capital
role: Analista
requirements:
  - {id: modelos, text: Construir modelos DCF y de tres estados}
status: interviewing
interviews:
  - date: 2026-11-18T10:00
    interviewers:
      - {name: "Ortega, Javier", role: Analista sénior, email: j@atalaya.example,
         concerns: ["¿Sabrá escribir con plazos?"]}
      - {name: Marta Ruiz, role: Directora de análisis, email: m@atalaya.example}
references: [tomas]
questions:
  - ¿Cuáles son los mayores retos del equipo este año?
  - ¿Cuáles son los principales retos del equipo para este año?
---
""")  # fmt: skip
    write(root, "content/references.yml", "- {id: tomas, name: Tomás Herrero, email: t@example.com,"
          " can_speak_to: [modelos, Valoración, M&A]}\n")  # fmt: skip
    assert run("build", "--root", root).code == 0
    text = body(read(root / "build/private/atalaya/reference-tomas.eml"))
    assert (
        "El miércoles 18 de noviembre de 2026 me entrevisté con Javier Ortega (Analista sénior) y"
        " Marta Ruiz (Directora de análisis). Javier Ortega planteó una duda: «¿Sabrá escribir con"
        " plazos?»." in text
    )
    assert "- Construir modelos DCF y de tres estados" in text
    assert "También conoces de primera mano mi trabajo en estos campos: Valoración y M&A." in text
    thanks = body(read(root / "build/private/atalaya/followup-marta-ruiz.eml"))
    assert "Gracias por recibirme el miércoles 18 de noviembre." in thanks
    prep = text_of(root / "build/private/atalaya/prep.pdf")
    assert "Javier Ortega — Analista sénior (miércoles 18 de noviembre de 2026)" in prep
    assert prep.count("retos del equipo") == 1
    board = BeautifulSoup((root / "build/private/index.html").read_text("utf-8"), "html.parser")
    summaries = [s.get_text() for s in board.select("details.draft summary")]
    assert any(s.startswith("Javier Ortega — Gracias") for s in summaries), summaries
    assert {b.get_text() for b in board.select("button[data-copy]")} == {"Copiar el texto"}
    assert board.find("h1").get_text() == "Situación del jueves 19 de noviembre de 2026"


def board_sections(root: Path) -> dict[str, str]:
    """The dashboard's text, one entry per application, as a reader sees it."""
    board = BeautifulSoup((root / "build/private/index.html").read_text("utf-8"), "html.parser")
    return {s["id"]: " ".join(s.get_text(" ").split()) for s in board.find_all("section")}


def test_dashboard_names_a_missing_must_have_by_its_text(kit: Path) -> None:
    beta = board_sections(kit)["beta"]
    assert "Find proof for the must-haves without evidence: Python packaging" in beta
    assert not re.search(r"\bpython\b", beta)  # the requirement's id


def test_a_spanish_dashboard_speaks_spanish(
    kit: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    root = tmp_path / "es"
    shutil.copytree(kit / "content", root / "content")
    write(root, "site.yml", f"title: Test\nurl: {BASE}\nlanguage: es\n")
    day = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(day.timestamp())))
    assert run("build", "--root", root).code == 0
    sections = board_sections(root)
    assert (
        "Busca pruebas para los requisitos imprescindibles sin evidencia: Python packaging"
        in sections["beta"]
    )
    assert "inscrita" in sections["beta"] and "en entrevistas" in sections["acme"]
    for text in sections.values():
        assert not re.search(r"\b(python|applied|interviewing)\b", text)
