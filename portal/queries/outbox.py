"""Queries on the outbox: claiming one due message, the workers' heartbeats, and what staff see of given-up messages."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from portal.db import get_session, utcnow
from portal.models.notifications import DevMail, OutboxHeartbeat, OutboxMessage

WAITING, SENT, FAILED = "wachtend", "verzonden", "mislukt"
HEARTBEAT_KEPT = timedelta(days=1)


def claim_next(db: Session) -> OutboxMessage | None:
    """Claim the oldest due message for this transaction, or None when nothing is due.

    PostgreSQL: the row stays locked (FOR UPDATE SKIP LOCKED) until the caller commits, so other workers
    take the next one and a crash before the commit leaves the message waiting. SQLite has no SKIP LOCKED:
    a conditional UPDATE as the transaction's first statement takes the database's write lock, which
    serialises the workers in the same way.
    """
    now = utcnow()
    due = (OutboxMessage.status == WAITING, OutboxMessage.next_attempt_at <= now)
    if db.get_bind().dialect.name == "postgresql":
        message = db.scalars(
            select(OutboxMessage).where(*due).order_by(OutboxMessage.id).limit(1).with_for_update(skip_locked=True)
        ).first()
        if message is not None:
            message.last_attempt_at = now
        return message
    oldest = select(OutboxMessage.id).where(*due).order_by(OutboxMessage.id).limit(1).scalar_subquery()
    claimed = db.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == oldest, OutboxMessage.status == WAITING)
        .values(last_attempt_at=now)
        .returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    ).scalar()
    if claimed is None:
        return None
    return db.scalars(
        select(OutboxMessage).where(OutboxMessage.id == claimed).execution_options(populate_existing=True)
    ).one()


def beat(db: Session, worker: str) -> None:
    """Record that this worker is alive (the caller commits); forget workers silent for a day."""
    now = utcnow()
    db.execute(delete(OutboxHeartbeat).where(OutboxHeartbeat.beat_at < now - HEARTBEAT_KEPT))
    heartbeat = db.get(OutboxHeartbeat, worker)
    if heartbeat is None:
        db.add(OutboxHeartbeat(worker=worker, beat_at=now))
    else:
        heartbeat.beat_at = now


def last_heartbeat() -> datetime | None:
    return get_session().scalar(select(func.max(OutboxHeartbeat.beat_at)))


def oldest_waiting() -> datetime | None:
    return get_session().scalar(select(func.min(OutboxMessage.created_at)).where(OutboxMessage.status == WAITING))


def count_failed() -> int:
    return get_session().scalar(select(func.count(OutboxMessage.id)).where(OutboxMessage.status == FAILED)) or 0


def failed_messages(limit: int = 100) -> list[OutboxMessage]:
    """The messages that gave up, newest first."""
    return list(
        get_session().scalars(
            select(OutboxMessage).where(OutboxMessage.status == FAILED).order_by(OutboxMessage.id.desc()).limit(limit)
        )
    )


def requeue_failed(message_id: int) -> bool:
    """Put a given-up message back in the queue with fresh attempts; its id and so its Message-ID stay.

    A conditional UPDATE: of two requests at once (a double click), the second waits for the first one's
    row lock (SQLite: write lock) and then finds the message waiting, so it changes nothing.
    Does not commit: the request does.
    """
    result = get_session().execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == FAILED)
        .values(status=WAITING, attempts=0, next_attempt_at=utcnow(), last_error="")
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def recent_dev_mail(limit: int = 50) -> list[DevMail]:
    return list(get_session().scalars(select(DevMail).order_by(DevMail.id.desc()).limit(limit)))
