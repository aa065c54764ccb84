"""The resident's notification choices (email address and whether to send email)."""

from __future__ import annotations

from portal.db import get_session
from portal.models.notifications import ResidentContact


def contact_of(bsn: str) -> ResidentContact | None:
    return get_session().get(ResidentContact, bsn)


def save_contact(bsn: str, *, email: str, notify: bool, language: str) -> None:
    db = get_session()
    contact = db.get(ResidentContact, bsn) or ResidentContact(bsn=bsn)
    contact.email, contact.notify_by_email, contact.language = email, notify, language
    db.add(contact)
    db.flush()
