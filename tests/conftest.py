"""Test harness shared by every test.

- `mock_services`: one live HTTP server (in a thread) running the embedded mock DigiD, BRP and BAG,
  with its own database, so the portal under test talks to them over real HTTP.
- `app`: the portal under test, pointed at `mock_services` by configuration only.
- Every test runs inside a transaction that is rolled back (`db`), on SQLite by default or on the
  database in TEST_DATABASE_URL (PostgreSQL in CI).
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import sessionmaker
from werkzeug.serving import make_server

from portal import create_app
from portal.cli import alembic_config
from portal.db import make_engine, use_session_factory
from tests.support.bsn_scan import RawLogCollector, find_bsns
from tests.support.dbuse import ConnectionWatch, mark_database_tests
from tests.support.pages import check_page
from tests.support.recorder import RequestRecorder

os.environ.setdefault("PORTAL_ENV", "test")

RAW_LOGS = RawLogCollector()
DATABASE_WATCH = ConnectionWatch()


def pytest_configure(config):
    logging.getLogger().addHandler(RAW_LOGS)
    logging.getLogger().setLevel(logging.DEBUG)


def pytest_collection_modifyitems(items):
    mark_database_tests(items)


@pytest.fixture(autouse=True)
def _database_use_is_marked(request):
    """A test that opens the test database carries the `database` marker (tests/support/dbuse.py)."""
    yield from DATABASE_WATCH.around(request)


def pytest_sessionfinish(session, exitstatus):
    """Fail the run if any log line or URL seen during the suite holds a BSN."""
    leaks = find_bsns(RAW_LOGS.lines) + find_bsns(RequestRecorder.urls)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if leaks:
        session.exitstatus = 1
        if reporter:
            reporter.write_line(f"BSN scan: {len(leaks)} BSN(s) found in logs or URLs:", red=True)
            for leak in leaks[:20]:
                reporter.write_line(f"  {leak}", red=True)
    elif reporter:
        reporter.write_line(
            f"BSN scan: no BSN in {len(RAW_LOGS.lines)} log lines and {len(RequestRecorder.urls)} URLs."
        )


class LiveServer:
    """A threaded werkzeug server for one app on a free loopback port."""

    def __init__(self, app_factory):
        self.server = make_server("127.0.0.1", 0, app_factory.placeholder, threaded=True)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app_factory(self.url)
        self.server.app = self.app
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()


def migrate(engine) -> None:
    from alembic import command

    config = alembic_config(str(engine.url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _placeholder(environ, start_response):  # replaced before the server starts
    start_response("503 Service Unavailable", [])
    return [b""]


def load_casetypes(engine) -> None:
    from sqlalchemy.orm import Session

    from portal.cases.casetypes import sync_casetypes

    with Session(engine) as session:
        sync_casetypes(session)
        session.commit()


def live_app_factory(overrides: dict, demo: bool = False):
    """A live server's app gets its own SQLite file: its threads each need their own connection.
    With `demo`, it holds the demo data of `make run`."""

    def factory(url: str):
        database_url = f"sqlite:///{tempfile.mkdtemp(prefix='mg-live-')}/portal.db"
        engine = make_engine(database_url)
        migrate(engine)
        load_casetypes(engine)
        app = create_app(
            "test", {"PUBLIC_BASE_URL": url, "DB_ENGINE": engine, "DATABASE_URL": database_url, **overrides}
        )
        if demo:
            from portal.demo import load_demo_data

            with app.app_context():
                load_demo_data()
        return app

    factory.placeholder = _placeholder
    return factory


@pytest.fixture(scope="session")
def mock_services() -> Iterator[LiveServer]:
    """Mock DigiD + mock BRP over real HTTP, as a separate 'organisation'."""
    server = LiveServer(
        live_app_factory({"MOCK_DIGID_ENABLED": True, "MOCK_BRP_ENABLED": True, "MOCK_BAG_ENABLED": True})
    )
    RequestRecorder.install(server.app)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def db_engine():
    engine = make_engine(os.environ.get("TEST_DATABASE_URL", "sqlite://"))
    migrate(engine)
    load_casetypes(engine)
    yield engine
    engine.dispose()


def portal_overrides(mock_services: LiveServer, engine) -> dict:
    return {
        "DB_ENGINE": engine,
        "DATABASE_URL": str(engine.url),
        "MOCK_DIGID_ENABLED": False,
        "MOCK_BRP_ENABLED": False,
        "MOCK_BAG_ENABLED": False,
        "OIDC_DISCOVERY_URL": f"{mock_services.url}/mock-digid/.well-known/openid-configuration",
        "STAFF_OIDC_DISCOVERY_URL": f"{mock_services.url}/mock-digid/.well-known/openid-configuration",
        "BRP_API_URL": f"{mock_services.url}/mock-brp/haalcentraal/api/brp",
        "BRP_API_KEY": "mock-brp-key",
        "BAG_API_URL": f"{mock_services.url}/mock-bag/lvbag/individuelebevragingen/v2",
        "BAG_API_KEY": "mock-bag-key",
    }


@pytest.fixture(scope="session")
def app(mock_services, db_engine):
    app = create_app("test", portal_overrides(mock_services, db_engine))
    RequestRecorder.install(app)
    return app


@pytest.fixture
def db_factory(db_engine):
    """A session factory inside one outer transaction that is rolled back after the test."""
    connection = db_engine.connect()
    transaction = connection.begin()
    yield sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")
    transaction.rollback()
    connection.close()


@pytest.fixture
def db(db_factory):
    with db_factory() as session:
        yield session


@pytest.fixture(autouse=True)
def _rollback_app_database(request):
    """Every test that uses the portal `app` writes inside a transaction that is rolled back."""
    if "app" in request.fixturenames:
        use_session_factory(request.getfixturevalue("app"), request.getfixturevalue("db_factory"))
    yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def parse_page():
    """`page(response)` parses HTML and asserts the page invariants; returns the parsed page."""
    return check_page


@pytest.fixture
def login(client):
    """Log in without the OIDC round trip (the OIDC flow has its own tests): `login(bsn, level)`."""

    def _login(bsn: str = "999993653", level: str = "midden", sub: str | None = None):
        sub = sub or f"test-sub-{bsn[-4:]}"
        with client.session_transaction() as session:
            session["resident"] = {"sub": sub, "bsn": bsn, "level": level}
            session["_user_id"] = sub
            session["_fresh"] = True
        return sub

    return _login


@pytest.fixture
def staff_login(client):
    """Log a staff member in without the OIDC round trip: `staff_login("zaakbehandelaar", name=...)`."""

    def _login(*roles: str, name: str = "Sanne Jansen", sub: str = "staff-sub-sanne"):
        with client.session_transaction() as session:
            session.clear()
            session["staff"] = {"sub": sub, "name": name, "roles": list(roles)}
        return sub

    return _login


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every app shares the one limiter's storage (memory in tests): each test starts with empty counters."""
    from portal.limits import limiter

    if limiter.initialized:
        limiter.reset()
    yield


@pytest.fixture(autouse=True)
def _quiet_werkzeug():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
