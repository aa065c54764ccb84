"""B1 error pages: 400, 403, 404, 405 (with its `Allow`), 413, 429, 500 (with a correlation id, never a stack trace).

Bad input is never a 500: a NUL character (which PostgreSQL refuses to store) in the path is a 404 and in the
query string a 400, before any view runs; forms refuse it with a field error (portal/forms.py).
"""

from __future__ import annotations

import logging
import traceback

from flask import Flask, abort, g, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

PAGES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/405.html",
    413: "errors/413.html",
    429: "errors/429.html",
}
NUL = "\x00"


def error_layout() -> str:
    """Error pages under /medewerker keep the staff header and menu."""
    return "layouts/staff.html" if request.path.startswith("/medewerker") else "layouts/base.html"


def init_app(app: Flask) -> None:
    app.jinja_env.globals["error_layout"] = error_layout
    app.before_request(refuse_nul_in_url)

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code in PAGES:
            return render_template(PAGES[error.code]), error.code, _own_headers(error)
        if error.code and error.code < 500:
            return render_template("errors/400.html"), error.code, _own_headers(error)
        return _server_error(error)

    @app.errorhandler(Exception)
    def _server_error(error):
        log_exception(error, "unhandled error")
        # Whatever the failed view wrote is undone first, so this page renders on a clean session.
        request_session = g.get("db_session")
        if request_session is not None:
            request_session.rollback()
        return server_error_page()


def _own_headers(error: HTTPException) -> list[tuple[str, str]]:
    """The headers the error itself carries, such as a 405's `Allow` (RFC 9110 requires it) or a 429's
    `Retry-After`; the page is HTML, so not its plain-text Content-Type."""
    return [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]


def refuse_nul_in_url() -> None:
    if NUL in request.path:
        abort(404)
    if any(NUL in key or NUL in value for key, value in request.args.items(multi=True)):
        abort(400)


def server_error_page():
    return render_template("errors/500.html", correlation_id=g.get("request_id", "")), 500


def log_exception(error: BaseException, message: str) -> None:
    """Log the original exception with its traceback, but without its message: messages can hold request
    data (SQLAlchemy puts the statement's parameters in them, other code the value it refused)."""
    if isinstance(error, InternalServerError) and error.original_exception is not None:
        error = error.original_exception
    logging.getLogger("portal.errors").error(
        "%s: %s\n%s", message, _name(error), describe(error), extra={"event": "error"}
    )


def describe(error: BaseException) -> str:
    """The traceback (file, line, function and source line of each frame) and the chain of exception types."""
    parts = []
    seen = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_list(traceback.extract_tb(current.__traceback__)))
        parts.append(f"Traceback (most recent call last):\n{frames}{_name(current)}")
        current = current.__cause__ or current.__context__
    return "\n\nwhich was caused by:\n".join(parts)


def _name(error: BaseException) -> str:
    kind = type(error)
    return f"{kind.__module__}.{kind.__qualname__}"
