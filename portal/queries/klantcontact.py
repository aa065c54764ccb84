"""Klantcontacten: notes of calls and visits, on a resident's case or without one. Nothing here commits."""

from __future__ import annotations

from sqlalchemy import select

from portal.db import get_session
from portal.models.cases import Zaak
from portal.models.klantcontact import CHANNELS as CHANNELS  # the kinds of contact, for the KCC form
from portal.models.klantcontact import Klantcontact


def add_contact(
    *, bsn: str, kanaal: str, onderwerp: str, tekst: str, staff_sub: str, staff_name: str, zaak_id: int | None = None
) -> Klantcontact:
    db = get_session()
    contact = Klantcontact(
        bsn=bsn,
        zaak_id=zaak_id,
        kanaal=kanaal,
        onderwerp=onderwerp.strip(),
        tekst=tekst.strip(),
        medewerker_sub=staff_sub,
        medewerker_naam=staff_name[:120],
    )
    db.add(contact)
    db.flush()
    return contact


def contacts_of_case(zaak_id: int) -> list[Klantcontact]:
    return list(
        get_session().scalars(
            select(Klantcontact).where(Klantcontact.zaak_id == zaak_id).order_by(Klantcontact.aangemaakt_op.desc())
        )
    )


def contacts_of(bsn: str, limit: int = 20) -> list[tuple[Klantcontact, str | None]]:
    """The resident's latest contacts, each with the number of its case (if any)."""
    return [
        (row[0], row[1])
        for row in get_session().execute(
            select(Klantcontact, Zaak.identificatie)
            .outerjoin(Zaak, Klantcontact.zaak_id == Zaak.id)
            .where(Klantcontact.bsn == bsn)
            .order_by(Klantcontact.aangemaakt_op.desc(), Klantcontact.id.desc())
            .limit(limit)
        )
    ]


def own_case_id(bsn: str, reference: str) -> int | None:
    """The id of the resident's own case with this number; another resident's case is None."""
    return get_session().scalar(select(Zaak.id).where(Zaak.identificatie == reference, Zaak.initiator_bsn == bsn))
