"""Throttling with Flask-Limiter: logins per client IP, KCC lookups per staff member, a resident's messages, task
answers, reports and appointment bookings per resident, and new anonymous sessions per client IP.

Every limit is a setting (RATELIMIT_*, see the README), read on each request, so tests can lower it. The storage is
Redis in production and memory in development and tests. A refusal is the B1 429 page with `Retry-After`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, datetime

from flask import Flask, current_app, g, render_template, request, session
from flask_limiter import Limiter, RateLimitExceeded
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import sessions
from portal.logs import security_event


def client_ip() -> str:
    return request.remote_addr or "unknown"


def resident_key() -> str:
    """A resident's own counter: their pseudonymous sub (never the BSN)."""
    return f"resident:{(session.get('resident') or {}).get('sub') or client_ip()}"


def staff_key() -> str:
    return f"staff:{(session.get('staff') or {}).get('sub') or client_ip()}"


def _creates_anonymous_session(_response) -> bool:
    """This response starts a new session for a visitor who is not logged in (the session store will save it)."""
    return (
        getattr(session, "token", None) is None
        and bool(session)
        and not getattr(session, "ended", False)
        and not sessions.logged_in(session)
    )


def _has_session() -> bool:
    return getattr(session, "token", None) is not None or request.endpoint == "static"


def _remember_retry_after(limit) -> None:
    g.retry_at = max(g.get("retry_at", 0), limit.window.reset_time)


limiter = Limiter(
    key_func=client_ip,
    key_prefix="mg:limit",
    application_limits=[lambda: current_app.config["RATELIMIT_ANONYMOUS_SESSIONS"]],
    application_limits_exempt_when=_has_session,
    application_limits_deduct_when=_creates_anonymous_session,
    on_breach=_remember_retry_after,
    # Redis unreachable: the limit is skipped (and the error logged), a page never fails because of a limit.
    swallow_errors=True,
)


def limit(setting: str, key_func: Callable[[], str] = client_ip, methods: list[str] | None = None):
    """Decorator: throttle a view by the limit in `app.config[setting]`, counted per `key_func()`.
    Put it under the login decorator, so that only a logged-in user's own requests count."""
    return limiter.limit(lambda: current_app.config[setting], key_func=key_func, methods=methods)


def login_limit(view):
    return limit("RATELIMIT_LOGIN")(view)


def kcc_lookup_limit(view):
    return limit("RATELIMIT_KCC_LOOKUP", staff_key, ["POST"])(view)


def message_limit(view):
    return limit("RATELIMIT_MESSAGES", resident_key, ["POST"])(view)


def task_answer_limit(view):
    return limit("RATELIMIT_TASK_ANSWERS", resident_key, ["POST"])(view)


def booking_limit(view):
    """Holding an appointment time: per resident, or per client IP for a product that needs no login."""
    return limit("RATELIMIT_BOOKINGS", resident_key, ["POST"])(view)


def report_limit(view):
    return limit("RATELIMIT_REPORTS", resident_key, ["POST"])(view)


def too_many_requests(error: RateLimitExceeded):
    """The B1 429 page: when the visitor may try again, also as `Retry-After` (seconds)."""
    seconds = max(1, math.ceil(g.get("retry_at", time.time() + 60) - time.time()))
    security_event("rate_limit.exceeded", str(error.limit.limit), path=request.path)
    retry_at = datetime.fromtimestamp(time.time() + seconds, UTC).replace(tzinfo=None)
    response = current_app.make_response(
        (render_template("errors/429.html", minutes=max(1, math.ceil(seconds / 60)), retry_at=retry_at), 429)
    )
    response.headers["Retry-After"] = str(seconds)
    return response


def init_app(app: Flask) -> None:
    if app.config["TRUSTED_PROXY_HOPS"]:
        # The client's address from X-Forwarded-For, as far as our own proxies vouch for it. Never the Host.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["TRUSTED_PROXY_HOPS"], x_proto=0, x_host=0)
    app.config["RATELIMIT_STORAGE_URI"] = app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, too_many_requests)
