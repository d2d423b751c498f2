"""Email drafts as standard RFC 5322 messages that any mail client opens as a draft."""

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


def message(
    draft: Draft, text: str, html: str, sender: tuple[str, str | None], pdf: Path | None
) -> EmailMessage:
    """One recipient, plain text and HTML alternatives, optionally the leave-behind attached."""
    msg = EmailMessage(policy=email.policy.SMTP)
    name, address = sender
    msg["From"] = mailbox(name, address) if address else display_name(name)
    if draft.recipient_email:
        msg["To"] = mailbox(draft.recipient_name, draft.recipient_email)
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(draft.date)
    msg["X-Unsent"] = "1"  # Outlook opens the file as an editable draft
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    if pdf is not None:
        msg.add_attachment(
            pdf.read_bytes(), maintype="application", subtype="pdf", filename=pdf.name
        )
    _fixed_boundaries(msg, digest(draft.path, text, html))
    return msg


def mailbox(name: str, address: str) -> Address:
    """One person: the name in reading order ("Ortega, Javier" would otherwise read as two
    people to a careless client), the domain in the ASCII form mail servers route."""
    local, _, domain = address.rpartition("@")
    return Address(display_name(name), local, domain.encode("idna").decode("ascii"))


def _fixed_boundaries(msg: EmailMessage, seed: str) -> None:
    """Boundaries from the content, not from randomness, so two builds give the same bytes."""
    for number, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"==secondround-{seed[:24]}-{number}==")


def mailto(draft: Draft, text: str) -> str:
    """A mailto: link with subject and body, for mail clients that cannot open .eml files."""
    to = quote(draft.recipient_email or "", safe="@")
    return f"mailto:{to}?subject={quote(draft.subject)}&body={quote(text)}"
