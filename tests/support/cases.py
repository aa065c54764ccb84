"""Making cases in tests through the same commands staff and the portal use.

The commands only flush (the request's unit of work commits); test setup commits its own work, as a CLI
command does, so that a test's later rollback does not take the setup with it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.cases import service
from portal.cases.uploads import CheckedFile
from portal.i18n import local_today
from portal.models.cases import Zaaktype

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def zaaktype(db, identificatie: str = "omgevingsvergunning-aanbouw") -> Zaaktype:
    """The newest version of a case type (the one new cases start on)."""
    return db.scalar(
        select(Zaaktype).where(Zaaktype.identificatie == identificatie).order_by(Zaaktype.versie.desc()).limit(1)
    )


def _committed(db, thing):
    db.commit()
    return thing


def make_case(
    db,
    bsn: str,
    identificatie: str = "omgevingsvergunning-aanbouw",
    *,
    started_days_ago: int = 0,
    omschrijving: str = "",
):
    return _committed(
        db,
        service.open_case(
            db,
            zaaktype(db, identificatie),
            bsn,
            omschrijving=omschrijving,
            startdatum=local_today() - timedelta(days=started_days_ago),
        ),
    )


def add_task(db, zaak, titel: str = "Stuur ons de bouwtekening"):
    return _committed(
        db,
        service.add_task(
            db, zaak, titel=titel, toelichting="We missen een tekening.", uiterlijk=local_today() + timedelta(days=7)
        ),
    )


def add_document(db, zaak, titel: str = "Besluit", vertrouwelijkheid: str = "zaakvertrouwelijk"):
    upload = CheckedFile(filename="besluit.pdf", content_type="application/pdf", content=PDF)
    return _committed(db, service.add_document(db, zaak, upload, titel=titel, vertrouwelijkheid=vertrouwelijkheid))
