"""Demo data for `make run`: the case types, the forms in forms/, and cases for two test persons. Idempotent.

Suzanne Moulin (999993653) has one case in each state: just received, in progress with a task waiting for
her (the clock stands still until she answers), late with a reason, and decided. Christina Maria Maassen
(999995078) has an open Wmo-melding whose term was extended once.
Dates are relative to today, so the portal looks alive whenever it is started.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.appointments.agenda import sync_agenda
from portal.cases.casetypes import sync_casetypes
from portal.cases.service import deadlines
from portal.config import ROOT
from portal.db import get_session
from portal.formdefs.publish import publish_files
from portal.i18n import local_date, local_today, utc_moment
from portal.models.cases import Bericht, Document, Status, Taak, Zaak, Zaaktype
from portal.models.notifications import ResidentContact
from portal.queries.cases import current_zaaktypen

SUZANNE, CHRISTINA = "999993653", "999995078"
DEMO_PDF = ROOT / "portal" / "demo_files" / "voorbeeld.pdf"
CONTACTS = {SUZANNE: "suzanne.moulin@example.nl", CHRISTINA: "c.maassen@example.nl"}

# reference, bsn, case type, description, started (days ago), steps reached [(volgnummer, days ago, explanation)]
CASES = [
    ("ZK-SMA2-NTVG", SUZANNE, "melding-openbare-ruimte", "Losse stoeptegel bij de bushalte", 0, [(1, 0, "")]),
    (
        "ZK-SMB3-TAAK",
        SUZANNE,
        "omgevingsvergunning-aanbouw",
        "Aanbouw aan de achterkant",
        20,
        [(1, 20, ""), (2, 12, "We hebben uw aanvraag bekeken. We missen nog een tekening.")],
    ),
    ("ZK-SMC4-LAAT", SUZANNE, "verhuizing", "Verhuizing naar een nieuw adres", 12, [(1, 12, ""), (2, 10, "")]),
    (
        "ZK-SMD5-KLAR",
        SUZANNE,
        "uittreksel-brp",
        "Uittreksel voor een visum",
        30,
        [(1, 30, ""), (2, 29, ""), (3, 27, "We hebben het uittreksel op de post gedaan.")],
    ),
    (
        "ZK-CMA6-WMOH",
        CHRISTINA,
        "wmo-huishouden",
        "Hulp bij het huishouden",
        10,
        [(1, 10, ""), (2, 4, "We hebben u gebeld. Het gesprek is bij u thuis.")],
    ),
]


def _moment(days_ago: int) -> datetime:
    """Half past nine in the morning, Amsterdam time, `days_ago` days ago, as the naive UTC we store."""
    return utc_moment(local_today() - timedelta(days=days_ago), time(9, 30))


def _add_case(db: Session, types: dict[str, Zaaktype], spec: tuple) -> Zaak:
    reference, bsn, type_id, description, started, steps = spec
    zaaktype = types[type_id]
    start = local_today() - timedelta(days=started)
    planned, legal = deadlines(zaaktype, start)
    zaak = Zaak(
        identificatie=reference,
        zaaktype=zaaktype,
        initiator_bsn=bsn,
        omschrijving=description,
        startdatum=start,
        registratiedatum=_moment(started),
        einddatum_gepland=planned,
        uiterlijke_einddatum_afdoening=legal,
    )
    for number, days_ago, explanation in steps:
        statustype = zaaktype.statustypen[number - 1]
        zaak.statussen.append(
            Status(
                statustype=statustype,
                datum_status_gezet=_moment(days_ago),
                statustoelichting=explanation,
                gezet_door="Sanne Jansen",
            )
        )
        zaak.statustype, zaak.status_gezet_op = statustype, _moment(days_ago)
    if zaak.statustype is zaaktype.statustypen[-1]:
        zaak.einddatum = local_date(zaak.status_gezet_op)
    db.add(zaak)
    db.flush()
    return zaak


def _document(zaak: Zaak, title: str, days_ago: int) -> Document:
    content = DEMO_PDF.read_bytes()
    return Document(
        zaak_id=zaak.id,
        titel=title,
        bestandsnaam=f"{title.lower().replace(' ', '-')}.pdf",
        formaat="application/pdf",
        bestandsomvang=len(content),
        auteur="gemeente",
        creatiedatum=_moment(days_ago),
        inhoud=content,
    )


def _details(db: Session, cases: dict[str, Zaak]) -> None:
    """Tasks, messages, documents and the late case's reason."""
    waiting, late = cases["ZK-SMB3-TAAK"], cases["ZK-SMC4-LAAT"]
    db.add(
        Taak(
            zaak_id=waiting.id,
            titel="Stuur ons de bouwtekening",
            toelichting="We missen een tekening van de aanbouw. Op de tekening staan de maten en de plek "
            "op uw grond. Een foto of scan als PDF is goed.",
            uiterlijk=local_today() + timedelta(days=10),
            aangemaakt_op=_moment(12),
        )
    )
    db.add(
        Bericht(
            zaak_id=waiting.id,
            richting="gemeente",
            onderwerp="We missen een tekening",
            tekst="Beste mevrouw Moulin,\n\nWe hebben uw aanvraag bekeken. We missen nog de tekening van "
            "de aanbouw. Wilt u die sturen? Dat kan hier bij de vraag.\n\nMet vriendelijke groet,\n"
            "Sanne Jansen",
            afzender="Sanne Jansen",
            verzonden_op=_moment(12),
        )
    )
    db.add(_document(waiting, "Ontvangstbevestiging", 20))
    late.vertraging_reden = "We moeten eerst langskomen op uw nieuwe adres. Dat lukt pas volgende week."
    late.verwachte_einddatum = local_today() + timedelta(days=6)
    # The clock stands still while we wait for Suzanne's drawing (ZGW opschorting).
    waiting.opschorting_indicatie, waiting.opgeschort_sinds = True, local_today() - timedelta(days=12)
    waiting.opschorting_reden = "We wachten op de bouwtekening die we u vroegen."
    _extended_and_decided(db, cases)


def _extended_and_decided(db: Session, cases: dict[str, Zaak]) -> None:
    """Christina's Wmo case, extended once, and Suzanne's decided case with its document."""
    wmo = cases["ZK-CMA6-WMOH"]  # extended once (ZGW verlenging), as the Wmo allows
    wmo.verlenging_duur_dagen, wmo.verlenging_reden = 14, "We vragen advies aan een ergotherapeut. Dat kost meer tijd."
    wmo.einddatum_gepland, wmo.uiterlijke_einddatum_afdoening = deadlines(wmo.zaaktype, wmo.startdatum, 14)
    done = cases["ZK-SMD5-KLAR"]
    done.resultaat = "Het uittreksel is verstuurd."
    db.add(_document(done, "Uittreksel BRP", 27))
    db.add(
        Bericht(
            zaak_id=cases["ZK-CMA6-WMOH"].id,
            richting="gemeente",
            onderwerp="Afspraak voor het gesprek",
            tekst="Beste mevrouw Maassen,\n\nZoals afgesproken komen we bij u thuis voor het gesprek. "
            "U mag iemand vragen om erbij te zijn.\n\nMet vriendelijke groet,\nSanne Jansen",
            afzender="Sanne Jansen",
            verzonden_op=_moment(4),
        )
    )


def load_demo_data() -> str:
    db = get_session()
    count = len(sync_casetypes(db))
    publish_files(db, published_by="seed-demo", change_note="De formulieren uit forms/")  # new content only
    sync_agenda(db)  # the appointment agenda: town hall, service point, home visits (scheduling/agenda.yaml)
    for bsn, email in CONTACTS.items():
        if db.get(ResidentContact, bsn) is None:
            db.add(ResidentContact(bsn=bsn, email=email, notify_by_email=True))
    references = [spec[0] for spec in CASES]
    if db.scalar(select(Zaak.id).where(Zaak.identificatie.in_(references)).limit(1)) is not None:
        db.commit()
        return f"Loaded {count} case types; the demo cases were already there."
    types = {item.identificatie: item for item in current_zaaktypen()}
    cases = {spec[0]: _add_case(db, types, spec) for spec in CASES}
    _details(db, cases)
    db.commit()
    return f"Loaded {count} case types and {len(cases)} demo cases."
