"""Structured (JSON) logs with a request id, and redaction of personal data on every handler.

`init_app` puts one JSON handler on the root logger and a `RedactingFilter` on every handler the root
logger (and any logger that does not propagate, such as gunicorn's) has, so that every log line is
redacted, whichever library wrote it: SQLAlchemy, Authlib, urllib3, werkzeug, CLI commands, the outbox
worker. The filter replaces, in the message, its arguments, the exception text with its traceback, the
stack and every extra field:
- a BSN: nine digits, also written with spaces, dots or dashes (999 993 653, 9999.93.653), that pass the
  11-check (other nine-digit numbers, such as order numbers, stay);
- an email address;
- the query string of a web address or request line (`GET /x?naam=... HTTP/1.1`): query strings are
  where typed text travels.
This is the last line of defence: the code itself logs no personal data (the request log names the route,
never the query string or a typed path; SQL parameters are hidden by the engine, see portal/db.py).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request
from stdnum.nl import bsn as bsn_check

# Nine digits, maybe with separators, not part of a longer run. The first digit comes before the look-behinds (which
# check that no digit, or digit and separator, precedes it), so the regex engine skips ahead to digits.
_BSN_CANDIDATE = re.compile(r"\d(?<!\d\d)(?<!\d[ .\-]\d)(?:[ .\-]?\d){8}(?![ .\-]?\d)")
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
_QUERY = re.compile(r"((?:\bhttps?://|(?<![\w/])/)[^\s?\"'<>]*)\?[^\s\"'<>]+")
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
REQUEST_LOG = logging.getLogger("portal.request")


def _bsn(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group())
    return "[bsn]" if bsn_check.is_valid(digits) else match.group()


def redact(text: str) -> str:
    """Remove BSNs, email addresses and query strings from a log text. Each pattern runs only where it can
    match (a query string needs "?", an address "@", a BSN nine digits): every request logs a line."""
    if "?" in text:
        text = _QUERY.sub(r"\1?[query]", text)
    if "@" in text:
        text = _EMAIL.sub("[email]", text)
    if len(text) >= 9:
        text = _BSN_CANDIDATE.sub(_bsn, text)
    return text


redact_bsn = redact  # the name earlier code and tests use


class RedactingFilter(logging.Filter):
    """Redacts a record in place (once), so that every handler after this one sees it redacted too."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not break the caller; logging reports it later
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key, value in list(vars(record).items()):
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, redact(value))
        record.redacted = True
        return True


class JsonFormatter(logging.Formatter):
    FIELDS = ("event", "route", "path", "method", "status", "duration_ms", "reason", "sub")

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if hasattr(record, "request_id"):  # the fast path for public pages (portal/publiccopy.py) has no request
            entry["request_id"] = record.request_id
        elif has_request_context():
            entry["request_id"] = getattr(g, "request_id", None)
        for key in self.FIELDS:
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return redact(json.dumps(entry, ensure_ascii=False, default=str))


def install_redaction() -> None:
    """A RedactingFilter on every handler of the root logger and of every logger that does not propagate."""
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and not logger.propagate
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(existing, RedactingFilter) for existing in handler.filters):
                handler.addFilter(RedactingFilter())


def _handler(app: Flask) -> logging.Handler:
    handler: logging.Handler
    handler = (
        logging.FileHandler(app.config["LOG_FILE"]) if app.config["LOG_FILE"] else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(JsonFormatter())
    handler.portal_json = True  # so that a second create_app (tests, CLI) replaces it instead of adding one
    return handler


def init_app(app: Flask) -> None:
    root = logging.getLogger()
    root.handlers[:] = [handler for handler in root.handlers if not getattr(handler, "portal_json", False)]
    root.addHandler(_handler(app))
    level = app.config["LOG_LEVEL"]
    if not app.config.get("TESTING"):
        # Libraries speak from WARNING (their INFO is noise: alembic's plugins, urllib3's connections),
        # unless LOG_LEVEL=DEBUG asks for everything; the portal's own loggers follow LOG_LEVEL.
        root.setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
    logging.getLogger("portal").setLevel(level)
    app.logger.handlers[:] = []  # Flask's own handler would bypass the root handler
    # werkzeug's INFO line is the request line with its query string; our request log replaces it.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # SQLAlchemy logs every statement at INFO once the root logger is at INFO.
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    install_redaction()

    @app.before_request
    def _start_request() -> None:
        g.request_id = request_id(request.headers.get("X-Request-ID", ""))
        g.request_started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        response.headers["X-Request-ID"] = g.get("request_id", "")
        rule = request.url_rule.rule if request.url_rule else None
        log_request(request.method, rule, request.path, response.status_code, g.get("request_started"))
        return response


def request_id(incoming: str) -> str:
    """The caller's X-Request-ID when it looks like one (a proxy's) and holds nothing redaction would take out (a
    BSN: the id is logged, echoed and kept in the processing log), else a new one."""
    if incoming and _REQUEST_ID.fullmatch(incoming) and redact(incoming) == incoming:
        return incoming
    return new_request_id()


def new_request_id() -> str:
    """A random id that redaction leaves as it is: a random hex id now and then holds nine digits in a row that
    pass the 11-check, which the log line would show as "[bsn]" (and an incoming one would be replaced)."""
    while True:
        candidate = uuid.uuid4().hex
        if redact(candidate) == candidate:
            return candidate


def log_request(method: str, rule: str | None, path: str, status: int, started: float | None, **extra) -> None:
    """The request log line: the route (`/mijn-zaken/<referentie>`) and, for a known route, the path; never the
    query string, and never a path nobody routed (it can hold anything a visitor typed)."""
    fields = {
        "event": "request",
        "method": method,
        "route": rule or "(unknown)",
        **({"path": path} if rule else {}),
        "status": status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
    }
    REQUEST_LOG.info("request", extra=fields | extra)


def security_event(event: str, reason: str, **fields) -> None:
    """A refused login or a similar event, for the security monitoring."""
    logging.getLogger("portal.security").warning(event, extra={"event": event, "reason": reason, **fields})
