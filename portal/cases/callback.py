"""A callback request a KCC member makes for a colleague: a case of the terugbelverzoek type.

A case, not a task in the queue: it has a service norm (two working days) and so a place in the queue by
deadline, a case worker can take it and close it with "Gebeld", and the resident sees it in Mijn zaken with
the same answer on every channel. The KCC member's note (with the number to call) is its first klantcontact.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from portal.cases import service
from portal.models.cases import Zaak
from portal.queries.cases import newest_zaaktype
from portal.queries.klantcontact import add_contact

CASETYPE = "terugbelverzoek"


def request_callback(
    db: Session, *, bsn: str, onderwerp: str, telefoon: str, tekst: str, staff_sub: str, staff_name: str
) -> Zaak:
    zaaktype = newest_zaaktype(CASETYPE)
    if zaaktype is None:
        raise LookupError(f"case type {CASETYPE} is not loaded (flask --app wsgi load-casetypes)")
    zaak = service.open_case(db, zaaktype, bsn, omschrijving=onderwerp.strip()[:200])
    add_contact(
        bsn=bsn,
        zaak_id=zaak.id,
        kanaal="telefoon",
        onderwerp=onderwerp,
        tekst=f"Terugbellen op {telefoon}.\n\n{tekst.strip()}",
        staff_sub=staff_sub,
        staff_name=staff_name,
    )
    return zaak


def resident_asks_callback(db: Session, *, bsn: str, onderwerp: str, telefoon: str, tekst: str) -> Zaak:
    """The resident asked for a call herself (the "Bel mij terug" hand-off of an e-form): the same case
    type and norm, with her request as its first klantcontact (no staff member took it)."""
    return request_callback(
        db, bsn=bsn, onderwerp=onderwerp, telefoon=telefoon, tekst=tekst, staff_sub="", staff_name="Inwoner zelf"
    )
