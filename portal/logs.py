"""Structured (JSON) logs with a request id, and a last line of defence against a BSN in a log line."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request
from stdnum.nl import bsn as bsn_check

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def redact_bsn(text: str) -> str:
    """Replace every 9-digit number that passes the 11-check with a placeholder."""
    return _NINE_DIGITS.sub(lambda m: "[bsn]" if bsn_check.is_valid(m.group()) else m.group(), text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["request_id"] = getattr(g, "request_id", None)
        for key in ("event", "path", "method", "status", "duration_ms", "reason", "sub"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return redact_bsn(json.dumps(entry, ensure_ascii=False, default=str))


def init_app(app: Flask) -> None:
    handler: logging.Handler
    handler = logging.FileHandler(app.config["LOG_FILE"]) if app.config["LOG_FILE"] else logging.StreamHandler(
        sys.stderr
    )
    handler.setFormatter(JsonFormatter())
    portal_logger = logging.getLogger("portal")
    portal_logger.handlers[:] = [handler]
    portal_logger.setLevel(app.config["LOG_LEVEL"])
    portal_logger.propagate = bool(app.config.get("TESTING"))
    app.logger.handlers[:] = [handler]
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    @app.before_request
    def _start_request() -> None:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if re.fullmatch(r"[A-Za-z0-9-]{8,64}", incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        response.headers["X-Request-ID"] = g.get("request_id", "")
        started = g.get("request_started")
        # Only the path is logged, never the query string.
        logging.getLogger("portal.request").info(
            "request",
            extra={
                "event": "request",
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            },
        )
        return response


def security_event(event: str, reason: str, **fields) -> None:
    """A refused login or a similar event, for the security monitoring."""
    logging.getLogger("portal.security").warning(event, extra={"event": event, "reason": reason, **fields})
