"""Emails that gave up, for functional administrators: see them (masked) and queue them again."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from flask import current_app, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from portal.queries import outbox as queries
from portal.staff.auth import ROLE_ADMIN, staff_required
from portal.staff.views import bp

log = logging.getLogger(__name__)

KIND_LABELS = {
    "status": _l("Nieuws over een aanvraag"),
    "bericht": _l("Nieuw bericht"),
    "taak": _l("Vraag aan de inwoner"),
    "formulier-ontvangen": _l("Bevestiging van een formulier"),
    "formulier-bewijs": _l("Ontvangstbewijs bij de aanvraag zetten"),
}


@dataclass(frozen=True)
class FailedMessage:
    """What staff see of a message that gave up: no content, the address masked."""

    id: int
    kind: str
    recipient: str
    created_at: datetime
    last_attempt_at: datetime | None
    attempts: int
    last_error: str

    @classmethod
    def of(cls, message) -> FailedMessage:
        return cls(
            id=message.id,
            kind=str(KIND_LABELS.get(message.kind, message.kind)),
            # A receipt for a case is addressed to the case's reference: no personal data to hide.
            recipient=message.recipient if message.channel == "zaak" else mask_address(message.recipient),
            created_at=message.created_at,
            last_attempt_at=message.last_attempt_at,
            attempts=message.attempts,
            last_error=message.last_error,
        )


def mask_address(address: str) -> str:
    """'s•••@example.nl': enough to tell two messages apart, not enough to read the address."""
    local, at, domain = address.partition("@")
    if not at:
        return "•••"
    return f"{local[:1]}•••@{domain}"


NOTICES = {
    "klaar": _l("Het bericht staat weer klaar. We versturen het zo snel mogelijk."),
    "al-klaar": _l("Dit bericht staat al klaar of is al verstuurd. Er is niets veranderd."),
}


@bp.get("/uitgaande-berichten")
@staff_required(ROLE_ADMIN)
def outbox():
    messages = [FailedMessage.of(message) for message in queries.failed_messages()]
    return render_template(
        "staff/outbox.html",
        messages=messages,
        max_attempts=current_app.config["OUTBOX_MAX_ATTEMPTS"],
        notice=NOTICES.get(request.args.get("opnieuw", "")),
    )


@bp.post("/uitgaande-berichten/<int(max=2147483647):message_id>/opnieuw")  # larger is no row, and no 500
@staff_required(ROLE_ADMIN)
def outbox_resend(message_id: int):
    """Queue a given-up message again. A second click finds it queued already and changes nothing.

    The outcome travels in the redirect's query string, not as a flash message: a flash would make the
    session store write in its own transaction while this request holds the row (SQLite: the database)."""
    queued = queries.requeue_failed(message_id)
    if queued:
        log.info("outbox message %s queued again by staff %s", message_id, g.staff.sub)
    return redirect(url_for("staff.outbox", opnieuw="klaar" if queued else "al-klaar"))
