"""Email drafts as standard RFC 5322 messages that any mail client opens as a draft."""

from __future__ import annotations

import email.policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from builder.incremental import digest
from builder.kit import Draft


def message(
    draft: Draft, text: str, html: str, sender: tuple[str, str | None], pdf: Path | None
) -> EmailMessage:
    """One recipient, plain text and HTML alternatives, optionally the leave-behind attached."""
    msg = EmailMessage(policy=email.policy.SMTP)
    name, address = sender
    msg["From"] = Address(display_name=name, addr_spec=address) if address else name
    if draft.recipient_email:
        msg["To"] = Address(display_name=draft.recipient_name, addr_spec=draft.recipient_email)
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


def _fixed_boundaries(msg: EmailMessage, seed: str) -> None:
    """Boundaries from the content, not from randomness, so two builds give the same bytes."""
    for number, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"==secondround-{seed[:24]}-{number}==")


def mailto(draft: Draft, text: str) -> str:
    """A mailto: link with subject and body, for mail clients that cannot open .eml files."""
    to = quote(draft.recipient_email or "", safe="@")
    return f"mailto:{to}?subject={quote(draft.subject)}&body={quote(text)}"
