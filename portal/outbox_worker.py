"""The outbox worker (`flask outbox-worker`): a loop that outlives database and network errors.

Every poll it writes a heartbeat (so `/health` can tell that it runs) and sends what is due, one message per
transaction. An error that is not one message's (the database is gone, say) is logged by its type only, never
its text, which may hold an address or SQL parameters, and the worker waits longer after each error in a row,
up to OUTBOX_BACKOFF_CAP_SECONDS, and goes on.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable

from flask import current_app

from portal.db import get_session
from portal.notifications import deliver_pending
from portal.queries.outbox import beat

log = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"[:128]


def backoff_seconds(errors_in_a_row: int) -> float:
    config = current_app.config
    return min(config["OUTBOX_BACKOFF_CAP_SECONDS"], config["OUTBOX_POLL_SECONDS"] * 2 ** (errors_in_a_row - 1))


def poll(worker: str) -> tuple[int, int]:
    """One round: a heartbeat in its own transaction, then at most one poll interval of sending."""
    db = get_session()
    beat(db, worker)
    db.commit()
    return deliver_pending(seconds=current_app.config["OUTBOX_POLL_SECONDS"])


def run(polls: int | None = None, sleep: Callable[[float], None] = time.sleep) -> tuple[int, int]:
    """Poll until stopped (or `polls` rounds, for tests and --once). Returns the totals (sent, failed)."""
    worker, errors_in_a_row, totals, rounds = worker_name(), 0, [0, 0], 0
    while polls is None or rounds < polls:
        rounds += 1
        try:
            sent, failed = poll(worker)
        except Exception as error:  # the worker must outlive anything a round throws
            errors_in_a_row += 1
            delay = backoff_seconds(errors_in_a_row)
            log.warning("outbox worker round failed (%s); next round in %.0f s", type(error).__name__, delay)
            _end_session()
            sleep(delay)
            continue
        _end_session()
        errors_in_a_row = 0
        totals[0], totals[1] = totals[0] + sent, totals[1] + failed
        if not sent and (polls is None or rounds < polls):
            sleep(current_app.config["OUTBOX_POLL_SECONDS"])
    return totals[0], totals[1]


def _end_session() -> None:
    """Give the connection back; after a database error that itself may fail, and the next round starts afresh."""
    session = get_session()
    try:
        session.rollback()
        session.close()
    except Exception as error:  # a broken connection: the pool replaces it
        log.warning("outbox worker could not release its connection (%s)", type(error).__name__)
