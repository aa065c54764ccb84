"""The unit of work: one database transaction per request, committed once at its end.

Views load, check, validate and act through services and queries; those add and flush, and never commit.
After the view, `_finish` commits the request's session when the response is below 400 and rolls it back
otherwise (an exception became an error page, a form was refused, a page was not found). A commit that fails
becomes the B1 error page, with the original exception in the log. The teardown only closes the session.

Work that must stay whatever happens to the request (the processing log records a read that really
happened) goes through `portal.db.side_transaction`: its own short transaction on its own connection, which neither
commits nor ends the request's work, so a row lock the request holds is still held afterwards.
"""

from __future__ import annotations

import logging

from flask import Flask, g, make_response, request, session

from portal.db import SAFE_METHODS, run_deferred

log = logging.getLogger("portal.uow")


def init_app(app: Flask) -> None:
    """Call last in the factory: the commit then runs before the other after-request hooks (Flask runs them
    in reverse order), so a failed commit's error page still gets the security headers and the request log."""
    app.after_request(_finish)
    app.teardown_request(_run_deferred_on_teardown)


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
        run_deferred()
    except Exception as error:
        response = _failed(error)
    if response.status_code < 400 and request.method not in SAFE_METHODS and g.get("resident_sub"):
        _resident_changed()
    return response


def _resident_changed() -> None:
    """Whatever a resident's own form stored, their cached pages are not served again (portal/pagecache.py).
    The writes themselves change the versions too; this also covers a table the rules do not know yet."""
    from portal.queries.versions import changed

    try:
        changed((session.get("resident") or {}).get("bsn"))
    except Exception as error:  # the work is stored; the cached pages end by their time limit (one minute)
        log.error("page versions not changed: %s", type(error).__name__)


def _failed(error: Exception):
    from portal.errors import log_exception, server_error_page

    log_exception(error, "unit of work failed")
    session.pop("_flashes", None)  # "your message was sent" would be a lie
    return make_response(server_error_page())


def _run_deferred_on_teardown(_exc: BaseException | None) -> None:
    """A request that ended without a response (an exception that escaped every handler) still keeps what
    side_transaction was given: end the request's transaction first, so the write lock is free."""
    if g.get("uow_deferred"):
        request_session = g.get("db_session")
        if request_session is not None:
            request_session.rollback()
        try:
            run_deferred()
        except Exception as error:
            log.error("deferred side transaction failed: %s", type(error).__name__)
