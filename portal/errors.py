"""B1 error pages: 400, 403, 404, 405, 413, 500 (with a correlation id, never a stack trace)."""

from __future__ import annotations

import logging

from flask import Flask, g, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

PAGES = {400: "errors/400.html", 403: "errors/403.html", 404: "errors/404.html", 405: "errors/404.html",
         413: "errors/413.html", 429: "errors/429.html"}


def error_layout() -> str:
    """Error pages under /medewerker keep the staff header and menu."""
    return "layouts/staff.html" if request.path.startswith("/medewerker") else "layouts/base.html"


def init_app(app: Flask) -> None:
    app.jinja_env.globals["error_layout"] = error_layout

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code in PAGES:
            return render_template(PAGES[error.code]), error.code
        if error.code and error.code < 500:
            return render_template("errors/400.html"), error.code
        return _server_error(error)

    @app.errorhandler(Exception)
    def _server_error(error):
        logging.getLogger("portal.errors").error("unhandled error", exc_info=error, extra={"event": "error"})
        # Whatever the failed view wrote is undone before the session is saved (with the same db session).
        from portal.db import get_session

        get_session().rollback()
        return render_template("errors/500.html", correlation_id=g.get("request_id", "")), 500
