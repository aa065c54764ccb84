"""Signed links in appointment emails: one purpose each (move, cancel, take an earlier time), expiring.

The token holds only the appointment's random public id; the salt differs per purpose, so a cancel link
cannot be used to move, and the other way round. It works without login and shows only that appointment.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.config import public_url

PURPOSES = ("verzetten", "annuleren", "bekijken", "eerder")


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"afspraak-{purpose}")


def make_token(purpose: str, public_id: str) -> str:
    return _serializer(purpose).dumps(public_id)


def read_token(purpose: str, token: str) -> str | None:
    """The appointment's public id, or None for a link that is expired, changed or meant for something else."""
    max_age = current_app.config["APPOINTMENT_LINK_DAYS"] * 24 * 3600
    try:
        value = _serializer(purpose).loads(token[:400], max_age=max_age)
    except (BadSignature, UnicodeError):
        return None
    return value if isinstance(value, str) else None


def link_path(purpose: str, public_id: str) -> str:
    """The path of the link (built by hand: the outbox worker has no request to build URLs from)."""
    if purpose == "eerder":
        return f"/afspraak-eerder/{make_token(purpose, public_id)}"
    return f"/afspraak/{purpose}/{make_token(purpose, public_id)}"


def external_link(purpose: str, public_id: str) -> str:
    """The absolute link for an email: always on PUBLIC_BASE_URL, never the request's Host."""
    return public_url(link_path(purpose, public_id))
