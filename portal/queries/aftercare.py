"""Queries of the e-form aftercare (portal/eforms/aftercare.py): its outbox rows and the receipt on the case."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, undefer

from portal.db import get_session
from portal.models.aftercare import AftercareTask
from portal.models.cases import Document, Zaak
from portal.models.notifications import OutboxMessage
from portal.queries.outbox import SENT


def has_tasks(db: Session, submission_id: int) -> bool:
    """Whether this submission's aftercare was queued before (a second enqueue then adds nothing)."""
    return (
        db.scalar(select(AftercareTask.outbox_message_id).where(AftercareTask.submission_id == submission_id))
        is not None
    )


def case_reference(db: Session, zaak_id: int) -> str | None:
    return db.scalar(select(Zaak.identificatie).where(Zaak.id == zaak_id))


def add_task(
    db: Session,
    *,
    task: str,
    channel: str,
    recipient: str,
    kind: str,
    reference: str,
    submission_id: int,
    zaak_id: int,
    receipt: dict,
) -> OutboxMessage:
    """An outbox row and what it is about, in the caller's transaction: adds and flushes, never commits."""
    message = OutboxMessage(
        channel=channel, recipient=recipient, kind=kind, language=receipt["lang"], zaak_referentie=reference
    )
    db.add(message)
    db.flush()
    db.add(
        AftercareTask(
            outbox_message_id=message.id, submission_id=submission_id, zaak_id=zaak_id, task=task, receipt=receipt
        )
    )
    db.flush()
    return message


def task_of(message_id: int) -> AftercareTask | None:
    return get_session().get(AftercareTask, message_id)


def case_of(zaak_id: int) -> Zaak | None:
    return get_session().get(Zaak, zaak_id)


def receipt_document(zaak_id: int, filename: str) -> Document | None:
    """The receipt the municipality put on this case before, with its content (so a retry attaches nothing)."""
    return get_session().scalar(
        select(Document)
        .options(undefer(Document.inhoud))
        .where(Document.zaak_id == zaak_id, Document.bestandsnaam == filename, Document.auteur == "gemeente")
        .order_by(Document.id)
        .limit(1)
    )


def pending_count(db: Session, submission_id: int) -> int:
    """How many of this submission's aftercare rows are not sent yet (waiting, or given up)."""
    return db.scalar(
        select(func.count())
        .select_from(AftercareTask)
        .join(OutboxMessage, OutboxMessage.id == AftercareTask.outbox_message_id)
        .where(AftercareTask.submission_id == submission_id, OutboxMessage.status != SENT)
    )


def forget_delivered(db: Session) -> int:
    """Delete the receipts (the answers) of rows that are sent: the case has the PDF, the email is out.
    The outbox rows stay, without anything personal. Adds to the caller's transaction."""
    sent = select(OutboxMessage.id).where(OutboxMessage.status == SENT)
    result = db.execute(
        delete(AftercareTask)
        .where(AftercareTask.outbox_message_id.in_(sent))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
