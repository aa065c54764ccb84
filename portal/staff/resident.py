"""Who the resident of a case is, for staff: from the BRP (read with a purpose, in the processing log) and the
contact details the resident gave us."""

from __future__ import annotations

from dataclasses import dataclass

from portal.integrations.brp import get_brp_client
from portal.integrations.person import PersonView
from portal.queries.contact import contact_of


@dataclass(frozen=True)
class WhoIs:
    person: PersonView | None
    brp_status: str  # "found", "not_found" or "unavailable"
    email: str


def who_is(bsn: str, *, staff_sub: str, fields: tuple[str, ...], purpose: str) -> WhoIs:
    result = get_brp_client().get_person(bsn, fields=fields, purpose=purpose, actor=staff_sub, actor_type="medewerker")
    contact = contact_of(bsn)
    return WhoIs(
        person=PersonView.from_brp(result.person) if result.person else None,
        brp_status=result.status,
        email=contact.email if contact else "",
    )
