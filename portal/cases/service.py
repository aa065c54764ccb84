"""What can happen to a case. Each command changes the case and queues its notification in the request's
unit of work (portal/uow.py): commands add and flush, they never commit.

Residents can only send messages and answer tasks; every status change comes from staff through
`set_status`, which accepts only a later step of the case's own case type.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.cases.opschorting import end_on_close, resume_when_answered
from portal.cases.termijnen import deadlines
from portal.cases.uploads import CheckedFile
from portal.db import utcnow
from portal.i18n import local_today
from portal.models.cases import Bericht, Document, Status, Statustype, Taak, Zaak, Zaaktype
from portal.notifications import notify_resident
from portal.queries.reports import new_reference


class CaseRuleError(ValueError):
    """A change the rules do not allow (for example a step back, or a step of another case type)."""


def _unique_reference(db: Session) -> str:
    while True:
        reference = new_reference("ZK")
        if db.scalar(select(Zaak.id).where(Zaak.identificatie == reference)) is None:
            return reference


def open_case(
    db: Session,
    zaaktype: Zaaktype,
    bsn: str,
    *,
    omschrijving: str = "",
    startdatum: date | None = None,
    reference: str | None = None,
) -> Zaak:
    """Register a case at its first step. Planned end: start + service norm; legal deadline when there is one."""
    start = startdatum or local_today()
    planned, legal = deadlines(zaaktype, start)
    zaak = Zaak(
        identificatie=reference or _unique_reference(db),
        zaaktype=zaaktype,
        initiator_bsn=bsn,
        omschrijving=omschrijving,
        startdatum=start,
        einddatum_gepland=planned,
        uiterlijke_einddatum_afdoening=legal,
    )
    db.add(zaak)
    _add_status(db, zaak, zaaktype.statustypen[0], "", "")
    db.flush()
    return zaak


def _add_status(db: Session, zaak: Zaak, statustype: Statustype, toelichting: str, door: str) -> None:
    now = utcnow()
    zaak.statussen.append(
        Status(statustype=statustype, datum_status_gezet=now, statustoelichting=toelichting, gezet_door=door)
    )
    zaak.statustype, zaak.status_gezet_op = statustype, now
    if statustype is zaak.zaaktype.statustypen[-1]:
        zaak.einddatum = local_today()
        end_on_close(db, zaak)
    if statustype.informeren:
        notify_resident(db, zaak.initiator_bsn, "status", zaak.identificatie)


def next_statustypen(zaak: Zaak) -> list[Statustype]:
    """The steps staff can move an open case to: any later step of its own case type."""
    if not zaak.is_open:
        return []
    current = zaak.statustype.volgnummer if zaak.statustype else 0
    return [step for step in zaak.zaaktype.statustypen if step.volgnummer > current]


def set_status(
    db: Session, zaak: Zaak, statustype_id: int, *, toelichting: str = "", door: str = "", resultaat: str | None = None
) -> Statustype:
    allowed = {step.id: step for step in next_statustypen(zaak)}
    if statustype_id not in allowed:
        raise CaseRuleError("not a later step of this case type")
    step = allowed[statustype_id]
    _add_status(db, zaak, step, toelichting.strip(), door)
    if zaak.einddatum is not None and resultaat:
        zaak.resultaat = resultaat.strip()
    db.flush()
    return step


def message_to_resident(db: Session, zaak: Zaak, *, onderwerp: str, tekst: str, afzender: str) -> Bericht:
    bericht = Bericht(
        zaak_id=zaak.id, richting="gemeente", onderwerp=onderwerp.strip(), tekst=tekst.strip(), afzender=afzender
    )
    db.add(bericht)
    notify_resident(db, zaak.initiator_bsn, "bericht", zaak.identificatie)
    db.flush()
    return bericht


def message_from_resident(db: Session, zaak: Zaak, *, onderwerp: str, tekst: str) -> Bericht:
    bericht = Bericht(zaak_id=zaak.id, richting="inwoner", onderwerp=onderwerp.strip(), tekst=tekst.strip())
    db.add(bericht)
    db.flush()
    return bericht


def add_task(db: Session, zaak: Zaak, *, titel: str, toelichting: str, uiterlijk: date) -> Taak:
    if not zaak.is_open:
        raise CaseRuleError("case is closed")
    taak = Taak(zaak_id=zaak.id, titel=titel.strip(), toelichting=toelichting.strip(), uiterlijk=uiterlijk)
    db.add(taak)
    notify_resident(db, zaak.initiator_bsn, "taak", zaak.identificatie)
    db.flush()
    return taak


def _document(
    zaak: Zaak, upload: CheckedFile, *, titel: str, auteur: str, vertrouwelijkheid: str, taak: Taak | None = None
) -> Document:
    return Document(
        zaak_id=zaak.id,
        taak_id=taak.id if taak else None,
        titel=titel.strip() or upload.filename,
        bestandsnaam=upload.filename,
        formaat=upload.content_type,
        bestandsomvang=upload.size,
        vertrouwelijkheidaanduiding=vertrouwelijkheid,
        auteur=auteur,
        inhoud=upload.content,
    )


class TaskAlreadyAnswered(CaseRuleError):
    """The task was answered before (perhaps a moment ago, in another tab): the first answer stands."""


def answer_task(db: Session, zaak: Zaak, taak: Taak, *, antwoord: str, files: list[CheckedFile]) -> None:
    """Only the first answer is stored: the UPDATE is conditional on the task still being open, so of two
    answers at once the second finds no open task (PostgreSQL: it waits for the first one's row lock, then
    re-reads). The files are stored only with the winning answer."""
    answered = db.execute(
        update(Taak)
        .where(Taak.id == taak.id, Taak.afgerond_op.is_(None))
        .values(antwoord=antwoord.strip(), afgerond_op=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.refresh(taak)
    if not answered:
        raise TaskAlreadyAnswered("task already answered")
    for upload in files:
        db.add(
            _document(
                zaak, upload, titel=upload.filename, auteur="inwoner", vertrouwelijkheid="zaakvertrouwelijk", taak=taak
            )
        )
    resume_when_answered(db, zaak)
    db.flush()


def add_document(
    db: Session, zaak: Zaak, upload: CheckedFile, *, titel: str, vertrouwelijkheid: str, auteur: str = "gemeente"
) -> Document:
    document = _document(zaak, upload, titel=titel, auteur=auteur, vertrouwelijkheid=vertrouwelijkheid)
    db.add(document)
    db.flush()
    return document


def record_delay(db: Session, zaak: Zaak, *, reden: str, verwachte_einddatum: date | None) -> None:
    zaak.vertraging_reden = reden.strip()
    zaak.verwachte_einddatum = verwachte_einddatum
    db.flush()
