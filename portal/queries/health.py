"""What `/health` reports: the database, the outbox worker's heartbeat and the outbox's backlog."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from portal.db import get_session, utcnow
from portal.queries import outbox


def health_report() -> dict:
    """Status "ok" only when the database answers and an outbox worker wrote a heartbeat recently enough.

    Ages are whole seconds; no row content, so the report is safe to show to anyone."""
    report = {
        "status": "not ok",
        "database": False,
        "outbox_worker": False,
        "outbox_worker_last_seen_seconds": None,
        "outbox_oldest_waiting_seconds": None,
        "outbox_failed": None,
    }
    try:
        last_beat, oldest, failed = outbox.last_heartbeat(), outbox.oldest_waiting(), outbox.count_failed()
    except SQLAlchemyError:
        with suppress(SQLAlchemyError):  # the connection may be gone; the pool replaces it
            get_session().rollback()
        return report
    now = utcnow()
    config = current_app.config
    down_after = timedelta(seconds=config["OUTBOX_POLL_SECONDS"] * config["OUTBOX_WORKER_DOWN_AFTER_POLLS"])
    worker_ok = last_beat is not None and now - last_beat <= down_after
    report.update(
        status="ok" if worker_ok else "not ok",
        database=True,
        outbox_worker=worker_ok,
        outbox_worker_last_seen_seconds=_age(now, last_beat),
        outbox_oldest_waiting_seconds=_age(now, oldest),
        outbox_failed=failed,
    )
    return report


def _age(now: datetime, then: datetime | None) -> int | None:
    return None if then is None else max(0, int((now - then).total_seconds()))
