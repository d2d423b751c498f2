"""Email drafts as standard RFC 5322 messages that the common mail clients open as drafts,
and the same text as a mailto: link for those that open no file at all."""

from __future__ import annotations

import email.policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from builder.core.digests import digest
from builder.core.names import display_name
from builder.plan.kit import Draft

# What each client reads to open a file as a message still to be written, not one received:
DRAFT_HEADERS = {
    # Outlook (2003 and later, Windows and Mac): an unsent message opens in the compose window.
    "X-Unsent": "1",
    # Thunderbird marks its own drafts so: a file in a folder of drafts with it is one.
    "X-Mozilla-Draft-Info": "internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0;"
    " attachmentreminder=0; deliveryformat=4",
    # Apple Mail's drafts; without the second header some versions hang restoring a draft.
    "X-Uniform-Type-Identifier": "com.apple.mail-draft",
    "X-Apple-Mail-Remote-Attachments": "NO",
}
MAIL_SIZE_LIMIT = 10_000_000  # bytes: many company mail servers refuse larger messages
MAILTO_LIMIT = 2000  # characters: longer links are cut short by some browsers and clients
NO_DOMAIN = "secondround.invalid"  # for the Message-ID of a sender without an address


def message(
    draft: Draft, text: str, html: str, sender: tuple[str, str | None], pdfs: list[Path]
) -> EmailMessage:
    """One recipient, plain text and HTML alternatives, and the PDFs to attach, if any (the
    leave-behind, then what the interviewer asked to see)."""
    msg = EmailMessage(policy=email.policy.SMTP)
    name, address = sender
    msg["From"] = mailbox(name, address) if address else display_name(name)
    if draft.recipient_email:
        msg["To"] = mailbox(draft.recipient_name, draft.recipient_email)
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(draft.date)
    seed = digest(draft.path, text, html)
    msg["Message-ID"] = f"<{seed[:32]}@{_domain(address)}>"  # the same content, the same id
    for header, value in DRAFT_HEADERS.items():
        msg[header] = value
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    for pdf in pdfs:
        msg.add_attachment(
            pdf.read_bytes(), maintype="application", subtype="pdf", filename=pdf.name
        )
    _fixed_boundaries(msg, seed)
    return msg


def mailbox(name: str, address: str) -> Address:
    """One person: the name in reading order ("Ortega, Javier" would otherwise read as two
    people to a careless client), the domain in the ASCII form mail servers route."""
    local, _, domain = address.rpartition("@")
    return Address(display_name(name), local, domain.encode("idna").decode("ascii"))


def _domain(address: str | None) -> str:
    domain = address.rpartition("@")[2] if address else ""
    return domain.encode("idna").decode("ascii") if domain else NO_DOMAIN


def _fixed_boundaries(msg: EmailMessage, seed: str) -> None:
    """Boundaries from the content, not from randomness, so two builds give the same bytes."""
    for number, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"==secondround-{seed[:24]}-{number}==")


def too_big(raw: bytes) -> bool:
    """A message, attachments encoded, larger than many mail servers accept."""
    return len(raw) > MAIL_SIZE_LIMIT


def mailto(draft: Draft, text: str) -> tuple[str, bool]:
    """A mailto: link (RFC 6068) with recipient, subject and body, and whether the body is in
    it: a body that would make the link longer than MAILTO_LIMIT is left out, and the
    dashboard offers it to copy instead."""
    to = quote(draft.recipient_email or "", safe="@")
    head = f"mailto:{to}?subject={quote(draft.subject, safe='')}"
    lines = "\r\n".join(text.rstrip("\n").splitlines())
    full = f"{head}&body={quote(lines, safe='')}"
    return (full, True) if len(full) <= MAILTO_LIMIT else (head, False)
