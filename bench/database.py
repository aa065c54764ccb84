"""The benchmark's own PostgreSQL database: created, migrated and loaded with case types, dropped afterwards."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

ADMIN_URL = os.environ.get("POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _sqlalchemy_url(name: str) -> str:
    base = ADMIN_URL.rsplit("/", 1)[0]
    return base.replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}"


@contextmanager
def bench_database() -> Iterator[str]:
    """A fresh, migrated database with the case types; yields its SQLAlchemy URL and always drops it."""
    from portal.cases.casetypes import sync_casetypes
    from portal.cli import upgrade_database

    name = f"mijngemeente_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = _sqlalchemy_url(name)
        upgrade_database(url)
        engine = create_engine(url)
        with Session(engine) as session:
            sync_casetypes(session)
            session.commit()
        engine.dispose()
        yield url
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def resident_session_data(bsn: str) -> dict:
    """What a logged-in resident's session holds (as the tests' `login` fixture sets it)."""
    sub = "bench-resident"
    return {"resident": {"sub": sub, "bsn": bsn, "level": "midden"}, "_user_id": sub, "_fresh": True}


def create_server_session(engine: Engine, data: dict) -> str:
    """Store a server-side session row as portal.sessions.DatabaseStore.save does; return the cookie token."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC).replace(tzinfo=None)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO server_session (id, data, created_at, last_seen_at, expires_at) "
                "VALUES (:id, :data, :now, :now, :expires)"
            ),
            {
                "id": hashlib.sha256(token.encode()).hexdigest(),
                "data": json.dumps(data),
                "now": now,
                "expires": now + timedelta(days=3650),
            },
        )
    return token


def vacuum_analyze(url: str) -> float:
    """Bring statistics and the visibility map up to date, as autovacuum would in steady state, and flush the
    loaded pages (CHECKPOINT, skipped without the privilege) so that the measurement does not pay for them."""
    started = time.perf_counter()
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("VACUUM (ANALYZE) zaak, zaak_status, zaak_bericht, zaak_taak, zaak_document")
        with suppress(DBAPIError):
            connection.exec_driver_sql("CHECKPOINT")
    engine.dispose()
    return time.perf_counter() - started
