"""A resident's "klopt niet" report on Mijn gegevens becomes a case of its own type (onderzoek-gegevens), with the
report as its first message, so it shows in Mijn zaken and in the case workers' queue."""

from __future__ import annotations

from sqlalchemy.orm import Session

from portal.cases import service
from portal.models.cases import Zaak
from portal.queries.cases import newest_zaaktype

CASETYPE = "onderzoek-gegevens"


def report_mistake(db: Session, *, bsn: str, topic: str, explanation: str) -> Zaak:
    """`topic` is the words the resident chose ("Mijn adres"); it becomes the case's description."""
    zaaktype = newest_zaaktype(CASETYPE)
    if zaaktype is None:
        raise LookupError(f"case type {CASETYPE} is not loaded (flask --app wsgi load-casetypes)")
    zaak = service.open_case(db, zaaktype, bsn, omschrijving=topic[:200])
    service.message_from_resident(db, zaak, onderwerp=topic[:200], tekst=explanation)
    return zaak
