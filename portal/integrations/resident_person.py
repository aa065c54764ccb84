"""The resident's own BRP data, read once per session.

A page that shows something of the logged-in resident (the greeting on Mijn overzicht) is served from a copy kept
with the server-side session: never in the cookie, and gone with the session at logout or expiry. The copy is made
by the first real BRP read after login. Mijn gegevens reads the BRP again whenever its copy is older than
BRP_FRESH_SECONDS (a minute by default), refreshes the copy and says when it was read: a resident who looks again,
or whose browser opens the page in several tabs at once, sees the same answer without the BRP being asked (and the
processing logged) again within that minute. Every real read writes its processing-log record (in the BRP
client); a page served from the copy writes none, because nothing new was processed.
A request asks the BRP at most once: a read that failed is remembered for the rest of the request.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime

from flask import current_app, g, session

from portal.integrations.brp import Status, get_brp_client
from portal.integrations.person import PersonView

COPY_KEY = "brp_kopie"


def now() -> float:
    """The clock of the copy's age (a function, so a test can move it)."""
    return time.time()


def _current(copy: dict | None, fields: Sequence[str], max_age: float | None) -> bool:
    if not copy or not set(fields) <= set(copy["fields"]):
        return False
    return max_age is None or now() - copy.get("read_at", 0) < max_age


def resident_person(
    resident, fields: Sequence[str], purpose: str, *, max_age: float | None = None
) -> tuple[PersonView | None, Status]:
    """The resident's person view and the BRP status: from the session's copy when it holds these fields (and,
    with `max_age`, was read less than that many seconds ago); else from the BRP, which refreshes the copy."""
    person, status = person_data(resident, fields, purpose, max_age=max_age)
    return (PersonView.from_brp(person) if person else None), status


def person_data(
    resident, fields: Sequence[str], purpose: str, *, max_age: float | None = None
) -> tuple[dict | None, Status]:
    """As `resident_person`, the BRP's own answer: a caller that only makes sure the copy is current (Mijn
    gegevens, before its page cache) builds no view."""
    copy = session.get(COPY_KEY)
    if _current(copy, fields, max_age):
        return copy["person"], "found"
    if failed := g.get("brp_failed"):
        return None, failed
    result = get_brp_client().get_person(resident.bsn, fields=fields, purpose=purpose, actor=resident.sub)
    if result.status == "found":
        session[COPY_KEY] = {"fields": sorted(fields), "person": result.person, "read_at": now()}
    else:
        g.brp_failed = result.status
    return result.person, result.status


def read_at() -> datetime | None:
    """When the session's copy was read from the BRP (UTC, naive, as stored datetimes are)."""
    copy = session.get(COPY_KEY)
    if not copy or "read_at" not in copy:
        return None
    return datetime.fromtimestamp(copy["read_at"], UTC).replace(tzinfo=None)


def max_age() -> float:
    """How old the copy may be on a page that reads the BRP fresh (Mijn gegevens)."""
    return current_app.config["BRP_FRESH_SECONDS"]
