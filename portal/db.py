"""SQLAlchemy 2: one engine per app, one session per request, Base with a naming convention."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import StaticPool

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        kwargs: dict = {"connect_args": {"check_same_thread": False}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, hide_parameters=True, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if url not in ("sqlite://", "sqlite:///:memory:"):
            # WAL: a request's open read transaction must not block the session store's write.
            event.listen(engine, "connect", _sqlite_wal)
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
        # SAVEPOINTs work (the tests nest every test in a transaction that is rolled back).
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, hide_parameters=True, pool_pre_ping=True, pool_size=10, max_overflow=10)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFERRED = "portal_sqlite_deferred"  # connection execution option: this transaction only reads
SINGLE_READ = "single-read"  # its value for a connection that runs one SELECT only (read_connection)


def _sqlite_begin(connection) -> None:
    """SQLite has one writer at a time. A transaction that may write takes the write lock when it begins
    (BEGIN IMMEDIATE, waiting up to the busy timeout), instead of failing with "database is locked" when a
    read later turns into a write on a snapshot another writer has moved past. A GET's request transaction
    only reads: it begins DEFERRED, so readers never wait for anyone (WAL)."""
    deferred = connection.get_execution_options().get(DEFERRED, False)
    if deferred == SINGLE_READ:
        return  # one SELECT in SQLite's autocommit mode is a consistent read of its own; no BEGIN/ROLLBACK
    connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


def _sqlite_wal(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL cannot corrupt the database; a power cut may lose the last commits, an application
    # crash loses nothing. It saves an fsync per commit (every processing-log record, every session touch).
    # This is the embedded default only; production runs on PostgreSQL.
    dbapi_connection.execute("PRAGMA synchronous=NORMAL")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def init_app(app: Flask, engine: Engine | None = None) -> None:
    engine = engine or make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def use_session_factory(app: Flask, factory) -> None:
    """Tests bind the app to a connection inside an outer transaction that is rolled back."""
    app.extensions["db_sessionmaker"] = factory


def get_engine() -> Engine:
    return current_app.extensions["db_engine"]


def get_session() -> Session:
    """The request's session: its one transaction is the unit of work (portal/uow.py commits it)."""
    if "db_session" not in g:
        session = current_app.extensions["db_sessionmaker"]()
        if _reads_only():
            session.connection(execution_options={DEFERRED: True})
        g.db_session = session
    return g.db_session


def _reads_only() -> bool:
    return has_request_context() and request.method in SAFE_METHODS and get_engine().dialect.name == "sqlite"


@contextmanager
def own_transaction(*, read_only: bool = False) -> Iterator[Session]:
    """A short transaction of its own, on its own connection (another session from the pool): it commits
    when the block ends, rolls back on an error, and never touches the request's unit of work. `read_only`
    only reads: on SQLite it then begins DEFERRED and does not wait for the write lock."""
    with current_app.extensions["db_sessionmaker"]() as session:
        if read_only and get_engine().dialect.name == "sqlite":
            session.connection(execution_options={DEFERRED: True})
        yield session
        if not read_only:
            session.commit()


@contextmanager
def read_connection() -> Iterator[Connection]:
    """A connection for one SELECT of its own (the session store), without an ORM session: every request does
    this, and an ORM session around one SELECT costs more than the SELECT. On SQLite the SELECT runs without a
    BEGIN (autocommit: one statement is a consistent read, and readers never wait). Tests bind the app to one
    connection inside an outer transaction (use_session_factory): then that connection is used, so the read sees
    the test's writes."""
    bind = current_app.extensions["db_sessionmaker"].kw.get("bind")
    if isinstance(bind, Connection):
        yield bind
        return
    with bind.connect() as connection:
        if bind.dialect.name == "sqlite":
            connection.execution_options(**{DEFERRED: SINGLE_READ})
        yield connection


def _close_session(exc: BaseException | None) -> None:
    """Whatever the unit of work did not commit is rolled back: the teardown never commits."""
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def side_transaction(work: Callable[[Session], None]) -> None:
    """Run `work(db)` in its own short transaction now. On SQLite a request that writes holds the only write
    lock from its first statement (BEGIN IMMEDIATE), so there the work runs right after the request's
    transaction has ended, committed or rolled back, still before the response is sent."""
    if _holds_sqlite_write_lock():
        g.setdefault("uow_deferred", []).append(work)
        return
    _run(work)


def after_request_transaction(work: Callable[[Session], None]) -> None:
    """Like side_transaction, but always run after the request's transaction has ended, when its connection is
    back in the pool: for a mark that a page makes on every view (when a case was last opened), so that a busy
    page needs one connection per request, not two at once."""
    if has_request_context():
        g.setdefault("uow_deferred", []).append(work)
        return
    _run(work)


def _run(work: Callable[[Session], None]) -> None:
    with own_transaction() as db:
        work(db)


def _holds_sqlite_write_lock() -> bool:
    request_session = g.get("db_session") if has_request_context() else None
    return (
        request_session is not None
        and request_session.in_transaction()
        and get_engine().dialect.name == "sqlite"
        and request.method not in SAFE_METHODS
    )


def run_deferred() -> None:
    """Run the side transactions that waited for the request's transaction to end (see side_transaction)."""
    for work in g.pop("uow_deferred", []):
        _run(work)
