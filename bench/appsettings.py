"""The portal's settings for the benchmark: the bench database, no embedded mocks, plain-http cookies."""

from __future__ import annotations

from flask import Flask

CONFIG_NAME = "test"
UNREACHABLE = "http://127.0.0.1:9/none"  # login and BRP are not exercised; nothing may call out


def app_overrides(database_url: str, secret_key: str, log_file: str) -> dict:
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": secret_key,
        "MOCK_DIGID_ENABLED": False,
        "MOCK_BRP_ENABLED": False,
        "BRP_API_URL": UNREACHABLE,
        "OIDC_DISCOVERY_URL": UNREACHABLE,
        "STAFF_OIDC_DISCOVERY_URL": "",
        "WTF_CSRF_ENABLED": False,
        "SESSION_COOKIE_SECURE": False,  # so the cookie is `mg_sessie`, sent over plain http
        "LOG_FILE": log_file,  # request logging stays on (it is part of the cost) but off the terminal
    }


def add_bare_endpoint(app: Flask) -> Flask:
    """A bare Flask endpoint in the same app (same hooks), as the throughput ceiling."""

    def bare():
        return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8"}

    app.add_url_rule("/bench/bare", "bench_bare", bare)
    return app
