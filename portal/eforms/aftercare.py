"""After a submit: the confirmation email through the outbox, in the submit's own unit of work.

RUNNER-SIDE STAND-IN for the `aftercare` helper's module of the same name and interface
(`enqueue_after_submit(db, *, submission_id, zaak_id, receipt, email)`, `ReceiptData`): that version also
makes the PDF receipt after the commit and attaches it to the case. This one only queues the confirmation
email (retried by the outbox worker like every outbox row). At merge the lead takes that branch's version.

The email names the reference and nothing personal (no answers, no name), like every outbox email.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from portal.queries import eforms as queries

KIND = "formulier-ontvangen"


@dataclass(frozen=True)
class ReceiptData:
    title: str
    reference: str
    submitted_at: datetime
    lang: str
    sections: list = field(default_factory=list)  # [(heading, [(label, value)])]
    next_steps: str = ""


def enqueue_after_submit(
    db: Session,
    *,
    submission_id: int,
    zaak_id: int | None,
    receipt: ReceiptData,
    email: str | None,
) -> None:
    if email:
        queries.add_email(db, recipient=email, kind=KIND, language=receipt.lang, reference=receipt.reference)
    queries.mark_aftercare_done(db, submission_id)


def compose_form_email(message):
    """The confirmation email of an outbox row (called by portal.notifications.compose)."""
    from portal.notifications import Outgoing, message_id

    with force_locale(message.language or "nl"):
        lines = [
            _("Beste inwoner,"),
            "",
            _("We hebben uw formulier gekregen. Het nummer is %(reference)s.", reference=message.zaak_referentie),
            _("Noem dit nummer als u contact met ons opneemt."),
        ]
        lines += ["", current_app.config["MUNICIPALITY_NAME"]]
        return Outgoing(
            recipient=message.recipient,
            subject=_("We hebben uw formulier gekregen"),
            body="\n".join(lines),
            message_id=message_id(message),
        )
