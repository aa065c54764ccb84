"""Notifications through a transactional outbox.

`notify_resident()` adds an outbox row in the caller's database transaction, so a notification exists
exactly when the change it is about was committed. `deliver_pending()` (the `outbox-worker` command, see
portal/outbox_worker.py) sends the rows one per transaction, retrying with growing pauses; each message has a
stable Message-ID, so a message sent twice after a crash is recognisable as the same one.
Messages say only that something changed and link to the portal:
no case name, no personal details. A channel is a function that sends one message; "email" is built in
and SMS is one more entry in SENDERS with a phone number as recipient.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from portal.config import public_url
from portal.db import get_session, utcnow
from portal.models.notifications import DevMail, OutboxMessage, ResidentContact
from portal.queries.outbox import FAILED, SENT, claim_next

log = logging.getLogger(__name__)
KINDS = ("status", "bericht", "taak")
BACKOFF = timedelta(minutes=1)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "text/calendar", "application/pdf"
    content: str | bytes  # text (an ICS file) or bytes (a PDF)


@dataclass(frozen=True)
class Outgoing:
    recipient: str
    subject: str
    body: str
    message_id: str
    attachments: tuple[Attachment, ...] = ()


def message_id(message: OutboxMessage) -> str:
    """A Message-ID built from the row alone: a resend of the same row carries the same one.

    The hash keeps ids from being guessable in sequence; it holds nothing personal."""
    digest = hashlib.sha256(f"{message.id}:{message.created_at.isoformat()}:{message.kind}".encode()).hexdigest()
    domain = urlsplit(public_url()).hostname or "localhost"
    return f"<outbox-{message.id}-{digest[:16]}@{domain}>"


def notify_resident(db: Session, bsn: str, kind: str, reference: str | None = None) -> OutboxMessage | None:
    """Queue a notification for the resident with this BSN, if they asked for one. Does not commit.
    With the case's `reference`, the email links to that case (through the login)."""
    if kind not in KINDS:
        raise ValueError(kind)
    contact = db.get(ResidentContact, bsn)
    if contact is None or not contact.wants_email:
        return None
    message = OutboxMessage(
        channel="email", recipient=contact.email, kind=kind, language=contact.language, zaak_referentie=reference
    )
    db.add(message)
    return message


def compose(message: OutboxMessage) -> Outgoing:
    """The text of a notification, in the resident's language. It names nothing but the municipality."""
    if message.kind.startswith("afspraak-"):  # appointment emails are built by their own domain
        from portal.appointments.emails import compose_appointment

        return compose_appointment(message)
    if message.kind.startswith("formulier-"):  # an e-form's receipt and confirmation, see portal/eforms/aftercare.py
        from portal.eforms.aftercare import compose_aftercare

        return compose_aftercare(message)
    # The case's own page: after logging in, the resident lands there (the login keeps the path to return to).
    link = public_url(f"/mijn-zaken/{message.zaak_referentie}" if message.zaak_referentie else "/mijn-zaken")
    with force_locale(message.language or "nl"):
        subjects = {
            "status": _("Er is nieuws over uw aanvraag"),
            "bericht": _("U heeft een nieuw bericht"),
            "taak": _("We hebben iets van u nodig"),
        }
        lines = [
            _("Beste inwoner,"),
            "",
            _("Er is iets veranderd bij een aanvraag die u bij ons heeft gedaan."),
            _("Log in om te zien wat er is veranderd:"),
            link,
            "",
            _("U krijgt deze e-mail omdat u dit wilde. Wilt u dit niet meer? Zet het uit bij Mijn gegevens."),
            "",
            current_app.config["MUNICIPALITY_NAME"],
        ]
        return Outgoing(
            recipient=message.recipient,
            subject=subjects[message.kind],
            body="\n".join(lines),
            message_id=message_id(message),
        )


def send_to_mailbox(outgoing: Outgoing) -> None:
    db = get_session()
    mail = DevMail(
        recipient=outgoing.recipient, subject=outgoing.subject, body=outgoing.body, message_id=outgoing.message_id
    )
    db.add(mail)
    if outgoing.attachments:
        from portal.models.appointments import DevMailAttachment

        db.flush()
        for item in outgoing.attachments:
            binary = isinstance(item.content, bytes)
            db.add(
                DevMailAttachment(
                    dev_mail_id=mail.id,
                    filename=item.filename,
                    content_type=item.content_type,
                    content="" if binary else item.content,
                    data=item.content if binary else None,
                )
            )


def send_by_smtp(outgoing: Outgoing) -> None:
    config = current_app.config
    email = EmailMessage()
    email["From"], email["To"], email["Subject"] = config["MAIL_FROM"], outgoing.recipient, outgoing.subject
    email["Message-ID"] = outgoing.message_id
    email.set_content(outgoing.body)
    for item in outgoing.attachments:
        maintype, subtype = item.content_type.split("/", 1)
        content = item.content if isinstance(item.content, bytes) else item.content.encode()
        email.add_attachment(content, maintype=maintype, subtype=subtype, filename=item.filename)
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=10) as server:
        if config["SMTP_STARTTLS"]:
            server.starttls()
        if config["SMTP_USERNAME"]:
            server.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        server.send_message(email)


def email_sender() -> Callable[[Outgoing], None]:
    return send_by_smtp if current_app.config["MAIL_BACKEND"] == "smtp" else send_to_mailbox


def case_sender() -> Callable[[Outgoing], None]:
    """The "zaak" channel: an e-form's receipt goes onto its case (portal/eforms/aftercare.py)."""
    from portal.eforms.aftercare import attach_to_case

    return attach_to_case


SENDERS: dict[str, Callable[[], Callable[[Outgoing], None]]] = {"email": email_sender, "zaak": case_sender}


def deliver_one(db: Session) -> str | None:
    """Claim one due message, send it and record the outcome, all in one transaction.

    Returns "sent", "failed" or None (nothing due). A crash between the send and the commit leaves the
    message waiting, so at most this one message goes out twice, with the same Message-ID.
    """
    message = claim_next(db)
    if message is None:
        db.rollback()  # end the claim's transaction (on SQLite it holds the write lock)
        return None
    try:
        SENDERS[message.channel]()(compose(message))
    except Exception as error:  # any failure of a channel: count it and try again later
        outcome = "failed"
        _record_failure(message, error)
    else:
        outcome = "sent"
        message.status, message.sent_at, message.last_error = SENT, utcnow(), ""
    message.attempts += 1
    db.commit()
    return outcome


def deliver_pending(limit: int = 50, seconds: float | None = None) -> tuple[int, int]:
    """Send what is due, one message per transaction, at most `limit` messages or for about `seconds`.

    Returns (sent, failed). Several workers may run at once: each claims its own rows."""
    db = get_session()
    deadline = None if seconds is None else time.monotonic() + seconds
    outcomes = {"sent": 0, "failed": 0}
    for _round in range(limit):
        outcome = deliver_one(db)
        if outcome is None:
            break
        outcomes[outcome] += 1
        if deadline is not None and time.monotonic() >= deadline:
            break
    return outcomes["sent"], outcomes["failed"]


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    message.last_error = type(error).__name__[:200]
    if message.attempts + 1 >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
        message.status = FAILED
        log.error("outbox message %s failed for good: %s", message.id, message.last_error)
    else:
        message.next_attempt_at = utcnow() + BACKOFF * 2**message.attempts
        log.warning("outbox message %s failed, retry later: %s", message.id, message.last_error)
