"""The mock DigiD's tables stay out of a production database: the migrations never create them;
the mock creates them with its own MetaData, only where it is mounted."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, inspect, text

from portal import create_app
from portal.cli import upgrade_database
from portal.db import Base, make_engine
from portal.models.mock_digid import MockBase

MOCK_TABLES = {"mock_digid_key", "mock_digid_code", "mock_digid_token"}


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_the_portal_metadata_has_no_mock_table():
    assert not MOCK_TABLES & set(Base.metadata.tables)
    assert set(MockBase.metadata.tables) == MOCK_TABLES


def test_db_upgrade_on_a_fresh_sqlite_database_creates_no_mock_table(tmp_path):
    url = f"sqlite:///{tmp_path}/production.db"
    upgrade_database(url)
    tables = _tables(create_engine(url))
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert not tables & MOCK_TABLES


@pytest.mark.postgres
def test_db_upgrade_on_postgresql_creates_no_mock_table():
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not PostgreSQL")
    schema = f"prodcheck_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        scoped = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
        upgrade_database(scoped)
        tables = set(inspect(admin).get_table_names(schema=schema))
        assert "outbox_message" in tables and "zaak" in tables
        assert not tables & MOCK_TABLES
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def test_the_mock_creates_its_own_tables_only_when_it_is_mounted(tmp_path):
    url = f"sqlite:///{tmp_path}/portal.db"
    upgrade_database(url)
    engine = make_engine(url)
    create_app("test", {"DB_ENGINE": engine, "DATABASE_URL": url, "MOCK_DIGID_ENABLED": False})
    assert not _tables(engine) & MOCK_TABLES
    for _ in range(2):  # idempotent: a second start (another gunicorn worker) changes nothing
        create_app("test", {"DB_ENGINE": engine, "DATABASE_URL": url, "MOCK_DIGID_ENABLED": True})
        assert _tables(engine) >= MOCK_TABLES
