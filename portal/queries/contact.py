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


def remember_contact(bsn: str, *, email: str, phone: str) -> None:
    """Keep the email and phone a resident gave when booking, for next time. Adds and flushes only."""
    db = get_session()
    contact = db.get(ResidentContact, bsn)
    if contact is None:
        # A new contact from a booking: they gave an email for the appointment, not for case news.
        contact = ResidentContact(bsn=bsn, notify_by_email=False)
    contact.email = email or contact.email
    contact.phone = phone or contact.phone
    db.add(contact)
    db.flush()
