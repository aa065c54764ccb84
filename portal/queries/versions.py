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
  to the rules (a test lists every table and how it is classified).
A committed request by a resident that is not a GET changes their version too (portal/uow.py).
This is the query layer: it reads and writes the version rows and looks up whose case a row belongs to.

Keys are an HMAC of the BSN with the secret key: no BSN in a key. Versions are random tokens, not counters.
Stores: Redis (with Redis sessions; a version changes right after the commit) or the database's session table
(rows with an id `rv:<key>`, which no session token can hash to; the version row is written in the same
transaction as the change itself, so it commits or rolls back with it).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app, g, has_app_context, has_request_context, session
from sqlalchemy import event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from portal.db import own_transaction, utcnow
from portal.models.cases import Zaak
from portal.models.sessions import ServerSession

EVERYONE = "all"
_TOUCHED = "freshness_touched"
# Tables that no resident page shows: a write there does not make a page stale.
MACHINERY = frozenset(
    {
        "server_session",
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
    }
)
RESIDENT_COLUMNS = ("bsn", "initiator_bsn")


_last_app = None  # writes outside an app context (a test's own session) still count


def _app():
    return current_app._get_current_object() if has_app_context() else _last_app


def resident_key(bsn: str, app=None) -> str:
    secret = (app or current_app).config["SECRET_KEY"].encode()
    return hmac.new(secret, f"resident-version\n{bsn}".encode(), hashlib.sha256).hexdigest()[:40]


def store(app=None):
    return (app or current_app).extensions["freshness_store"]


def versions_of(bsn: str) -> tuple[str, str]:
    """The "everyone" version and the resident's: what a cached page of theirs was rendered at."""
    return store().read((EVERYONE, resident_key(bsn)))


def changed(bsn: str | None) -> None:
    """Outside a transaction: the resident's pages are stale (None: everyone's)."""
    key = resident_key(bsn) if bsn else EVERYONE
    if store().transactional:
        with own_transaction() as db:
            store().bump_in(db.connection(), {key})
    else:
        store().bump({key})


class RedisVersions:
    transactional = False

    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url)

    def read(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        values = self.client.mget([f"mg:rv:{key}" for key in keys])
        return tuple((value or b"0").decode() for value in values)

    def bump(self, keys: set[str]) -> None:
        ttl = _lifetime()
        with self.client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.set(f"mg:rv:{key}", secrets.token_hex(8), ex=int(ttl.total_seconds()))
            pipe.execute()


class DatabaseVersions:
    """Rows of the session table: `rv:<key>`, the version in `data`, kept longer than any session lives."""

    transactional = True

    def read(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        table = ServerSession.__table__
        ids = [f"rv:{key}" for key in keys]
        with own_transaction(read_only=True) as db:
            found = dict(db.execute(select(table.c.id, table.c.data).where(table.c.id.in_(ids))).all())
        return tuple(found.get(item, "0") for item in ids)

    def bump_in(self, connection, keys: set[str]) -> None:
        table = ServerSession.__table__
        now = utcnow()
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        for key in sorted(keys):  # one order, so two writers never wait for each other's rows crosswise
            version = secrets.token_hex(8)
            statement = dialect.insert(table).values(
                id=f"rv:{key}", data=version, created_at=now, last_seen_at=now, expires_at=now + _lifetime()
            )
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=[table.c.id], set_={"data": version, "expires_at": now + _lifetime()}
                )
            )


def _lifetime() -> timedelta:
    """Longer than a session (so longer than any cached page of it) can live."""
    return timedelta(hours=(_app() or current_app).config["SESSION_ABSOLUTE_HOURS"] + 1)


def _request_resident() -> str | None:
    if has_request_context() and g.get("resident_sub"):
        return (session.get("resident") or {}).get("bsn")
    return None


def _keys_of_object(app, db: Session, instance) -> set[str]:
    table = getattr(instance, "__tablename__", None)
    if table is None or table in MACHINERY:
        return set()
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
    if not keys:
        return
    if store(app).transactional:
        store(app).bump_in(db.connection(), keys)
    else:
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
    if keys and (app := _app()) is not None:
        store(app).bump(keys)


def init_app(app) -> None:
    global _last_app
    _last_app = app
    redis = app.config["SESSION_BACKEND"] == "redis"
    app.extensions["freshness_store"] = RedisVersions(app.config["REDIS_URL"]) if redis else DatabaseVersions()
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _on_execute)
        event.listen(Session, "after_commit", _after_commit)
