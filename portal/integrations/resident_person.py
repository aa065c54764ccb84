"""The resident's own BRP data, read once per session.

A page that shows something of the logged-in resident (the greeting on Mijn overzicht) is served from a copy kept
with the server-side session: never in the cookie, and gone with the session at logout or expiry. The copy is made
by the first real BRP read after login; Mijn gegevens always reads fresh and refreshes it. Every real read writes
its processing-log record (in the BRP client); a page served from the copy writes none, because nothing new was
processed.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import session

from portal.integrations.brp import Status, get_brp_client
from portal.integrations.person import PersonView

COPY_KEY = "brp_kopie"


def resident_person(
    resident, fields: Sequence[str], purpose: str, *, fresh: bool = False
) -> tuple[PersonView | None, Status]:
    """The resident's person view and the BRP status; from the session's copy when it holds these fields."""
    copy = session.get(COPY_KEY)
    if not fresh and copy and set(fields) <= set(copy["fields"]):
        return PersonView.from_brp(copy["person"]), "found"
    result = get_brp_client().get_person(resident.bsn, fields=fields, purpose=purpose, actor=resident.sub)
    fresh_copy = {"fields": sorted(fields), "person": result.person}
    if result.status == "found" and copy != fresh_copy:  # unchanged: no session write (Mijn gegevens reads each time)
        session[COPY_KEY] = fresh_copy
    return (PersonView.from_brp(result.person) if result.person else None), result.status
