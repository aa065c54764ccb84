"""Outbox rows for tests: a message that gave up after its last attempt."""

from __future__ import annotations

from portal.db import utcnow
from portal.models.notifications import OutboxMessage


def given_up_message(db, recipient: str, kind: str = "bericht", last_error: str = "SMTPServerDisconnected"):
    """Add and commit a message that failed for good, as the worker leaves it after OUTBOX_MAX_ATTEMPTS."""
    message = OutboxMessage(
        channel="email",
        recipient=recipient,
        kind=kind,
        status="mislukt",
        attempts=6,
        last_error=last_error,
        last_attempt_at=utcnow(),
    )
    db.add(message)
    db.commit()
    return message
