"""Notifications through a transactional outbox.

`notify_resident()` adds an outbox row in the caller's database transaction, so a notification exists
exactly when the change it is about was committed. `deliver_pending()` (the `outbox-worker` command) sends
the rows, retrying with growing pauses. Messages say only that something changed and link to the portal:
no case name, no personal details. A channel is a function that sends one message; "email" is built in
and SMS is one more entry in SENDERS with a phone number as recipient.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.config import local_base_url
from portal.db import get_session, utcnow
from portal.models.notifications import DevMail, OutboxMessage, ResidentContact

log = logging.getLogger(__name__)
KINDS = ("status", "bericht", "taak")
BACKOFF = timedelta(minutes=1)


@dataclass(frozen=True)
class Outgoing:
    recipient: str
    subject: str
    body: str


def notify_resident(db: Session, bsn: str, kind: str, reference: str | None = None) -> OutboxMessage | None:
    """Queue a notification for the resident with this BSN, if they asked for one. Does not commit.
    With the case's `reference`, the email links to that case (through the login)."""
    if kind not in KINDS:
        raise ValueError(kind)
    contact = db.get(ResidentContact, bsn)
    if contact is None or not contact.wants_email:
        return None
    message = OutboxMessage(channel="email", recipient=contact.email, kind=kind, language=contact.language,
                            zaak_referentie=reference)
    db.add(message)
    return message


def compose(message: OutboxMessage) -> Outgoing:
    """The text of a notification, in the resident's language. It names nothing but the municipality."""
    # The case's own page: after logging in, the resident lands there (the login keeps the path to return to).
    link = f"{current_app.config['PUBLIC_BASE_URL'] or local_base_url(current_app.config)}/mijn-zaken"
    if message.zaak_referentie:
        link += f"/{message.zaak_referentie}"
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
        return Outgoing(recipient=message.recipient, subject=subjects[message.kind], body="\n".join(lines))


def send_to_mailbox(outgoing: Outgoing) -> None:
    get_session().add(DevMail(recipient=outgoing.recipient, subject=outgoing.subject, body=outgoing.body))


def send_by_smtp(outgoing: Outgoing) -> None:
    config = current_app.config
    email = EmailMessage()
    email["From"], email["To"], email["Subject"] = config["MAIL_FROM"], outgoing.recipient, outgoing.subject
    email.set_content(outgoing.body)
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=10) as server:
        if config["SMTP_STARTTLS"]:
            server.starttls()
        if config["SMTP_USERNAME"]:
            server.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        server.send_message(email)


def email_sender() -> Callable[[Outgoing], None]:
    return send_by_smtp if current_app.config["MAIL_BACKEND"] == "smtp" else send_to_mailbox


SENDERS: dict[str, Callable[[], Callable[[Outgoing], None]]] = {"email": email_sender}


def deliver_pending(limit: int = 50) -> tuple[int, int]:
    """Send what is due. Returns (sent, failed). Several workers may run: rows are claimed with SKIP LOCKED."""
    db = get_session()
    rows = db.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status == "wachtend", OutboxMessage.next_attempt_at <= utcnow())
        .order_by(OutboxMessage.id).limit(limit).with_for_update(skip_locked=True)
    ).all()
    sent = failed = 0
    for message in rows:
        try:
            SENDERS[message.channel]()(compose(message))
        except Exception as error:  # any failure of a channel: count it and try again later
            failed += 1
            _record_failure(message, error)
        else:
            sent += 1
            message.status, message.sent_at, message.last_error = "verzonden", utcnow(), ""
        message.attempts += 1
    db.commit()
    return sent, failed


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    message.last_error = type(error).__name__[:200]
    if message.attempts + 1 >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
        message.status = "mislukt"
        log.error("outbox message %s failed for good: %s", message.id, message.last_error)
    else:
        message.next_attempt_at = utcnow() + BACKOFF * 2 ** message.attempts
        log.warning("outbox message %s failed, retry later: %s", message.id, message.last_error)
