"""In-process latency of Mijn zaken and of a case page for one logged-in resident (Flask test client)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from sqlalchemy import event

from bench.appsettings import CONFIG_NAME, app_overrides
from bench.database import resident_session_data
from bench.report import redacted
from portal import create_app


@contextmanager
def _recorded_statements(app: Flask) -> Iterator[list]:
    statements: list = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    engine = app.extensions["db_engine"]
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _explain(app: Flask, statements: list) -> list[str]:
    """EXPLAIN ANALYZE of every SELECT a request made, with anything like a BSN or a session key blanked out."""
    lines = []
    with app.extensions["db_engine"].connect() as connection:
        cursor = connection.connection.driver_connection.cursor()
        for statement, parameters in statements:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            lines.append(redacted(" ".join(statement.split())[:300]))
            lines.extend("    " + redacted(row[0]) for row in cursor.fetchall())
    return lines


def _timed(client, path: str, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code} during the measurement")
    return timings


def measure_latency(
    url: str,
    bsn: str,
    pages: dict[str, str],
    *,
    secret_key: str,
    log_file: str,
    requests: int,
    warmup: int,
    explain: bool,
) -> dict:
    """For each page (label -> path): timings in ms, statements per request and (optionally) query plans."""
    app = create_app(CONFIG_NAME, app_overrides(url, secret_key, log_file))
    client = app.test_client()
    with client.session_transaction() as session:
        session.update(resident_session_data(bsn))
    results = {}
    for label, path in pages.items():
        for _ in range(warmup):
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"GET {label} answered {response.status_code}, not 200: is the resident logged in?")
        with _recorded_statements(app) as statements:
            client.get(path)
        plans = _explain(app, statements) if explain else []
        results[label] = {"timings": _timed(client, path, requests), "statements": len(statements), "plans": plans}
    app.extensions["db_engine"].dispose()
    return results
