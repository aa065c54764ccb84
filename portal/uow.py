"""The unit of work: one database transaction per request, committed once at its end.

Views load, check, validate and act through services and queries; those add and flush, and never commit.
After the view, `_finish` commits the request's session when the response is below 400 and rolls it back
otherwise (an exception became an error page, a form was refused, a page was not found). A commit that fails
becomes the B1 error page, with the original exception in the log. The teardown only closes the session.

Work that must stay whatever happens to the request (the processing log records a read that really
happened) goes through `side_transaction`: its own short transaction on its own connection, which neither
commits nor ends the request's work, so a row lock the request holds is still held afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, g, has_request_context, make_response, request, session
from sqlalchemy.orm import Session

from portal.db import SAFE_METHODS, get_engine, own_transaction

log = logging.getLogger("portal.uow")


def init_app(app: Flask) -> None:
    """Call last in the factory: the commit then runs before the other after-request hooks (Flask runs them
    in reverse order), so a failed commit's error page still gets the security headers and the request log."""
    app.after_request(_finish)
    app.teardown_request(_run_deferred_on_teardown)


def side_transaction(work: Callable[[Session], None]) -> None:
    """Run `work(db)` in its own short transaction now. On SQLite a request that writes holds the only write
    lock from its first statement (BEGIN IMMEDIATE), so there the work runs right after the request's
    transaction has ended, committed or rolled back, still before the response is sent."""
    if _holds_sqlite_write_lock():
        g.setdefault("uow_deferred", []).append(work)
        return
    _run(work)


def _run(work: Callable[[Session], None]) -> None:
    with own_transaction() as db:
        work(db)


def _holds_sqlite_write_lock() -> bool:
    request_session = g.get("db_session") if has_request_context() else None
    return (request_session is not None and request_session.in_transaction()
            and get_engine().dialect.name == "sqlite" and request.method not in SAFE_METHODS)


def _finish(response):
    request_session = g.get("db_session")
    if request_session is not None:
        try:
            if response.status_code < 400:
                request_session.commit()
            else:
                request_session.rollback()
        except Exception as error:  # a failed commit: nothing was stored, so say so instead of "done"
            request_session.rollback()
            response = _failed(error)
    try:
        _run_deferred()
    except Exception as error:
        response = _failed(error)
    return response


def _failed(error: Exception):
    from portal.errors import log_exception, server_error_page

    log_exception(error, "unit of work failed")
    session.pop("_flashes", None)  # "your message was sent" would be a lie
    return make_response(server_error_page())


def _run_deferred() -> None:
    for work in g.pop("uow_deferred", []):
        _run(work)


def _run_deferred_on_teardown(_exc: BaseException | None) -> None:
    """A request that ended without a response (an exception that escaped every handler) still keeps what
    side_transaction was given: end the request's transaction first, so the write lock is free."""
    if g.get("uow_deferred"):
        request_session = g.get("db_session")
        if request_session is not None:
            request_session.rollback()
        try:
            _run_deferred()
        except Exception as error:
            log.error("deferred side transaction failed: %s", type(error).__name__)
