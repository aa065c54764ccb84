"""Versions of what a resident's pages show, changed by every write that concerns the resident.

The page cache (portal/pagecache.py) serves a resident's page again only while these versions are what they were
when the page was rendered. The versions change by themselves: hooks on every SQLAlchemy session (not a list of
places that write) look at what a transaction writes, whoever writes it (a resident's request, a case worker, the
outbox worker, a CLI command, a feature added later):
- an ORM object that is flushed (new, changed or deleted) concerns the resident of its `bsn` or `initiator_bsn`
  column, or of the case of its `zaak_id` column;
- a Core INSERT/UPDATE/DELETE through a session (the "read" mark of messages) concerns the resident of the request
  it runs in, when a resident is logged in;
- anything else that is not on the MACHINERY list below concerns everyone: the "everyone" version changes, which
  makes every cached page stale. A new table is therefore never served stale, only cached less until it is added
  to the rules (tests/unit/test_page_version_tables.py classifies every table).
A committed request by a resident that is not a GET changes their version too (portal/uow.py).
A version changes when the write is flushed and again right after its commit: a page rendered between the two
(from the data before the commit) is therefore never served after the commit.

Keys are an HMAC of the BSN with the secret key: no BSN in a key. Versions are random tokens, not counters.
Stores (PAGE_VERSIONS): "redis" (the default with Redis sessions: every worker and host shares it), "local" (the
default on SQLite: a small SQLite file next to the database, shared by the processes of that machine) or "off"
(the default on PostgreSQL with database sessions, where hosts share nothing else: no personal page is cached).
This module is in the query layer because it looks up whose case a written row belongs to.
"""

from __future__ import annotations

import atexit
import hashlib
import hmac
import os
import secrets
import shutil
import sqlite3
import tempfile
import threading
import time
from functools import lru_cache

from flask import current_app, g, has_app_context, has_request_context, session
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from portal.models.cases import Zaak

EVERYONE = "all"
_TOUCHED = "freshness_touched"
# Tables that no resident page shows: a write there does not make a page stale.
MACHINERY = frozenset(
    {
        "server_session",
        "page_version",
        "used_form_token",
        "outbox_message",
        "outbox_heartbeat",
        "dev_mail",
        "dev_mail_attachment",
        "appointment_notice",
        "processing_log",
        "mock_digid_key",
        "mock_digid_code",
        "mock_digid_token",
        "alembic_version",
        "eform_aftercare",  # the receipt and email tasks of a submission: outbox machinery
        "form_concept",  # staff publishing: no resident page shows a concept or the audit log
        "form_audit_entry",
        "appointment_slot_claim",  # a booking's seats; the appointment row itself names the resident
    }
)
# A resident's half-filled forms: they concern the resident whose request writes them. Written in a request
# without a resident (an anonymous report) they concern no resident page; outside a request (the scheduled
# cleanup) everyone's, as an unknown write does.
REQUESTER_TABLES = frozenset({"form_draft", "form_draft_file", "form_submission"})
# Written rarely, by staff, and shown on every resident's pages: a write makes every cached page stale.
EVERYONE_TABLES = frozenset(
    {
        "zaaktype", "statustype", "form_definition", "form_version", "form_retirement", "appointment_product",
        "appointment_location", "appointment_product_location", "appointment_opening_block",
        "appointment_opening_exception", "appointment_waitlist",
    }
)  # fmt: skip
RESIDENT_COLUMNS = ("bsn", "initiator_bsn")


_last_app = None  # writes outside an app context (a test's own session) count for the last app built with a store


def _app():
    return current_app._get_current_object() if has_app_context() else _last_app


def resident_key(bsn: str, app=None) -> str:
    return _resident_key((app or current_app).config["SECRET_KEY"], bsn)


@lru_cache(maxsize=4096)  # every cached page served computes it: the HMAC once per resident, not per request
def _resident_key(secret: str, bsn: str) -> str:
    return hmac.new(secret.encode(), f"resident-version\n{bsn}".encode(), hashlib.sha256).hexdigest()[:40]


def store(app=None):
    return (app or current_app).extensions.get("freshness_store")


def versions_of(bsn: str) -> tuple[str, ...] | None:
    """The "everyone" version and the resident's: what a cached page of theirs was rendered at. None: this set-up
    keeps no versions (PAGE_VERSIONS=off), so no personal page may be cached."""
    if (versions := store()) is None:
        return None
    return versions.read((EVERYONE, resident_key(bsn)))


def changed(bsn: str | None) -> None:
    """The resident's pages are stale (None: everyone's)."""
    if (versions := store()) is not None:
        versions.bump({resident_key(bsn) if bsn else EVERYONE})


class RedisVersions:
    """Shared by every worker and host that shares the Redis (production: the session store's Redis)."""

    def __init__(self, url: str, seconds: int):
        import redis

        self.client, self.seconds = redis.Redis.from_url(url), seconds

    def read(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        values = self.client.mget([f"mg:rv:{key}" for key in keys])
        return tuple((value or b"0").decode() for value in values)

    def bump(self, keys: set[str]) -> None:
        with self.client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.set(f"mg:rv:{key}", secrets.token_hex(8), ex=self.seconds)
            pipe.execute()


class LocalVersions:
    """A small SQLite file of its own, shared by the processes of one machine (the embedded default: gunicorn's
    workers, the outbox worker, CLI commands next to the portal's SQLite file). Not data: nothing is lost with it
    that a cached page still needs (the pages are in the processes' memory), so it skips fsync. A version row is
    removed only when it is older than `seconds` (twice the cache's time limit): by then every page cached before
    it changed has expired, so a missing row ("0") cannot make such a page current again."""

    def __init__(self, path: str, seconds: int):
        self.path, self.seconds, self.local = path, seconds, threading.local()
        self._connection().execute(
            "CREATE TABLE IF NOT EXISTS page_version (key TEXT PRIMARY KEY, version TEXT NOT NULL, at REAL NOT NULL)"
        )

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, isolation_level=None, timeout=5, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=OFF")
            self.local.connection = connection
        return connection

    def read(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        marks = ", ".join("?" for _ in keys)
        rows = self._connection().execute(f"SELECT key, version FROM page_version WHERE key IN ({marks})", keys)
        found = dict(rows.fetchall())
        return tuple(found.get(key, "0") for key in keys)

    def bump(self, keys: set[str]) -> None:
        now = time.time()
        connection = self._connection()
        connection.executemany(
            "INSERT OR REPLACE INTO page_version (key, version, at) VALUES (?, ?, ?)",
            [(key, secrets.token_hex(8), now) for key in sorted(keys)],
        )
        if secrets.randbelow(1000) == 0:
            connection.execute("DELETE FROM page_version WHERE at < ?", (now - self.seconds,))


_TEMPORARY: list[str] = []


def local_versions_path(config) -> str:
    """Next to the portal's SQLite file, so that every process on that file shares it; for an in-memory database
    (tests: one process) one temporary file for the whole process, so that every app in it shares it."""
    url = config["DATABASE_URL"]
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return url.removeprefix("sqlite:///") + ".page-versions"
    if not _TEMPORARY:
        folder = tempfile.mkdtemp(prefix="mg-page-versions-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _TEMPORARY.append(os.path.join(folder, "page-versions.db"))
    return _TEMPORARY[0]


def _request_resident() -> str | None:
    if has_request_context() and g.get("resident_sub"):
        return (session.get("resident") or {}).get("bsn")
    return None


def _keys_of_object(app, db: Session, instance) -> set[str]:
    table = getattr(instance, "__tablename__", None)
    if table is None or table in MACHINERY:
        return set()
    if table in REQUESTER_TABLES and has_request_context():
        bsn = _request_resident()
        return {resident_key(bsn, app)} if bsn else set()
    for column in RESIDENT_COLUMNS:
        if getattr(instance, column, None):
            return {resident_key(getattr(instance, column), app)}
    zaak_id = getattr(instance, "zaak_id", None)
    if zaak_id is not None:
        bsn = db.connection().execute(select(Zaak.initiator_bsn).where(Zaak.id == zaak_id)).scalar()
        if bsn:
            return {resident_key(bsn, app)}
    return {EVERYONE}


def _record(app, db: Session, keys: set[str]) -> None:
    """Change the versions now (a page rendered from this transaction's flushed rows within the test's own
    transaction) and again after the commit: only that second change makes sure no page rendered from the data
    before the commit is served afterwards."""
    if keys and (versions := store(app)) is not None:
        versions.bump(keys)
        db.info.setdefault(_TOUCHED, set()).update(keys)


def _after_flush(db: Session, _context) -> None:
    if (app := _app()) is None:
        return
    keys: set[str] = set()
    for instance in (*db.new, *db.dirty, *db.deleted):
        keys |= _keys_of_object(app, db, instance)
    _record(app, db, keys)


def _on_execute(state) -> None:
    if not (state.is_insert or state.is_update or state.is_delete) or (app := _app()) is None:
        return
    table = getattr(state.statement, "table", None)
    if table is None or getattr(table, "name", None) in MACHINERY:
        return
    bsn = _request_resident()
    _record(app, state.session, {resident_key(bsn, app) if bsn else EVERYONE})


def _after_commit(db: Session) -> None:
    keys = db.info.pop(_TOUCHED, None)
    if keys and (app := _app()) is not None and (versions := store(app)) is not None:
        versions.bump(keys)


def init_app(app) -> None:
    global _last_app
    kind = app.config["PAGE_VERSIONS"] or (
        "redis"
        if app.config["SESSION_BACKEND"] == "redis"
        else "local"
        if app.config["DATABASE_URL"].startswith("sqlite")
        else "off"
    )
    seconds = max(3600, int(2 * app.config["PAGE_CACHE_SECONDS"]))
    stores = {
        "redis": lambda: RedisVersions(app.config["REDIS_URL"], seconds),
        "local": lambda: LocalVersions(local_versions_path(app.config), seconds),
        "off": lambda: None,
    }
    app.extensions["freshness_store"] = stores[kind]()
    if app.extensions["freshness_store"] is not None:
        _last_app = app
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _on_execute)
        event.listen(Session, "after_commit", _after_commit)
