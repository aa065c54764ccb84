"""Server-side sessions so that logout and expiry really end them (ASVS 3.3.1).

The cookie holds a random 256-bit token; the store keys the session by the token's SHA-256.
Idle timeout (15 minutes, the DigiD rule) and an absolute limit (8 hours) are enforced here.
Stores: the database (default) or Redis.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from datetime import datetime, timedelta

from flask import Flask, current_app, g, redirect, request, session, url_for
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import bindparam, delete, insert, select, update
from werkzeug.datastructures import CallbackDict

from portal.db import own_transaction, read_connection, utcnow
from portal.models.sessions import ServerSession

TOUCH_AFTER = timedelta(seconds=30)  # write last-seen at most this often
_ENDS_SESSION = {"auth.logout", "auth.stay_logged_in", "staff.logout"}
_TABLE = ServerSession.__table__
_LOAD = select(_TABLE.c.data, _TABLE.c.created_at, _TABLE.c.last_seen_at).where(_TABLE.c.id == bindparam("key"))
_LOAD_SQL: dict[str, tuple[str, bool]] = {}  # _LOAD compiled per dialect: its SQL, and whether it is positional


class PortalSession(CallbackDict, SessionMixin):
    def __init__(self, initial=None, token: str | None = None, created_at=None, last_seen_at=None):
        def on_update(_self):
            _self.modified = True

        super().__init__(initial or {}, on_update)
        self.token = token
        self.created_at = created_at or utcnow()
        self.last_seen_at = last_seen_at or utcnow()
        self.modified = False
        self.rotate_requested = False
        self.ended = False
        self.expired = False  # set when the cookie pointed at a session that timed out


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rotate() -> None:
    """Give the session a new token (at login), keeping its data."""
    session.rotate_requested = True
    session.created_at = utcnow()


def start_fresh(**data) -> None:
    """At login: nothing of the anonymous session survives (not its CSRF secret either), and a new token."""
    session.clear()
    g.pop("csrf_token", None)  # Flask-WTF caches the secret for this request; the next form gets a new one
    rotate()
    session.update(data)


def end() -> None:
    """Destroy the session on the server (logout)."""
    session.clear()
    session.ended = True


def expires_at(sess: PortalSession) -> datetime:
    config = current_app.config
    idle = sess.last_seen_at + timedelta(minutes=config["SESSION_IDLE_MINUTES"])
    absolute = sess.created_at + timedelta(hours=config["SESSION_ABSOLUTE_HOURS"])
    return min(idle, absolute)


class DatabaseStore:
    """Each call is a short transaction of its own, on its own database session: never the request's, so a session
    write never commits or rolls back the request's work, and a session read never holds a transaction open.

    An existing session is only ever updated (UPDATE ... WHERE id = ...), never written again as a new row: a
    request that loaded the session just before a logout, an expiry or a rotation ended it cannot bring it back.
    """

    def load(self, key: str):
        """Every request with a cookie does this: one SELECT on a bare connection's DBAPI cursor (SQLAlchemy's
        execution and result objects around it cost twice the SELECT on SQLite), with _LOAD's own SQL."""
        with read_connection() as connection:
            sql, positional = _load_sql(connection.dialect)
            cursor = connection.connection.cursor()
            try:
                cursor.execute(sql, (key,) if positional else {"key": key})
                row = cursor.fetchone()
            finally:
                cursor.close()
        if row is None:
            return None
        data, created_at, last_seen_at = row
        return json.loads(data), _moment(created_at), _moment(last_seen_at)

    def create(self, key: str, data: dict, created_at, last_seen_at, expires) -> None:
        with own_transaction() as db:
            db.execute(
                insert(ServerSession.__table__).values(
                    id=key, data=json.dumps(data), created_at=created_at, last_seen_at=last_seen_at, expires_at=expires
                )
            )

    def update(self, key: str, data: dict, created_at, last_seen_at, expires) -> bool:
        """Store the session's new state; False (and nothing stored) when the session no longer exists."""
        table = ServerSession.__table__
        with own_transaction() as db:
            result = db.execute(
                update(table)
                .where(table.c.id == key, table.c.expires_at > utcnow())
                .values(data=json.dumps(data), last_seen_at=last_seen_at, expires_at=expires)
            )
        return bool(result.rowcount)

    def delete(self, key: str) -> None:
        with own_transaction() as db:
            db.execute(delete(ServerSession).where(ServerSession.id == key))

    def purge_expired(self) -> int:
        with own_transaction() as db:
            result = db.execute(delete(ServerSession).where(ServerSession.expires_at < utcnow()))
        return result.rowcount or 0


def _load_sql(dialect) -> tuple[str, bool]:
    if dialect.name not in _LOAD_SQL:
        compiled = _LOAD.compile(dialect=dialect)
        _LOAD_SQL[dialect.name] = (str(compiled), compiled.positional)
    return _LOAD_SQL[dialect.name]


def _moment(value) -> datetime:
    """SQLite gives a stored DateTime back as SQLAlchemy wrote it ("2026-12-01 15:04:05.123456"), PostgreSQL's
    driver as a datetime."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


class RedisStore:
    """The same rules in Redis: a new session is SET NX, an existing one SET XX (only while it still exists)."""

    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url)

    def load(self, key: str):
        raw = self.client.get(f"mg:session:{key}")
        if raw is None:
            return None
        record = json.loads(raw)
        return (
            record["data"],
            datetime.fromisoformat(record["created_at"]),
            datetime.fromisoformat(record["last_seen_at"]),
        )

    def _set(self, key: str, data: dict, created_at, last_seen_at, expires, **mode) -> bool:
        record = {"data": data, "created_at": created_at.isoformat(), "last_seen_at": last_seen_at.isoformat()}
        ttl = max(1, int((expires - utcnow()).total_seconds()))
        return bool(self.client.set(f"mg:session:{key}", json.dumps(record), ex=ttl, **mode))

    def create(self, key: str, data: dict, created_at, last_seen_at, expires) -> None:
        self._set(key, data, created_at, last_seen_at, expires, nx=True)

    def update(self, key: str, data: dict, created_at, last_seen_at, expires) -> bool:
        return self._set(key, data, created_at, last_seen_at, expires, xx=True)

    def delete(self, key: str) -> None:
        self.client.delete(f"mg:session:{key}")

    def purge_expired(self) -> int:
        return 0  # Redis expires keys itself


class ServerSideSessionInterface(SessionInterface):
    def __init__(self, store):
        self.store = store

    def cookie_name(self, app: Flask) -> str:
        return "__Host-mg_sessie" if app.config["SESSION_COOKIE_SECURE"] else "mg_sessie"

    def open_session(self, app: Flask, request) -> PortalSession:
        token = request.cookies.get(self.cookie_name(app))
        if not token:
            return PortalSession()
        record = self.store.load(_hash(token))
        if record is None:
            fresh = PortalSession()
            fresh.expired = True
            return fresh
        data, created_at, last_seen_at = record
        sess = PortalSession(data, token=token, created_at=created_at, last_seen_at=last_seen_at)
        if expires_at(sess) <= utcnow():
            self.store.delete(_hash(token))
            fresh = PortalSession()
            fresh.expired = True
            return fresh
        return sess

    def save_session(self, app: Flask, sess: PortalSession, response) -> None:
        name = self.cookie_name(app)
        cookie = {"httponly": True, "secure": app.config["SESSION_COOKIE_SECURE"], "samesite": "Lax", "path": "/"}
        if sess.ended or (not sess and sess.token):
            if sess.token:
                self.store.delete(_hash(sess.token))
            response.delete_cookie(name, path="/", secure=cookie["secure"], samesite="Lax", httponly=True)
            return
        if not sess:
            return
        now = utcnow()
        touch = _counts_as_activity() and now - sess.last_seen_at >= TOUCH_AFTER and _first_touch(sess, now)
        if touch:
            sess.last_seen_at = now
        if sess.rotate_requested or not sess.token:
            if sess.token:
                self.store.delete(_hash(sess.token))
            sess.token = secrets.token_urlsafe(32)
            self.store.create(_hash(sess.token), dict(sess), sess.created_at, sess.last_seen_at, expires_at(sess))
            response.set_cookie(name, sess.token, **cookie)
        elif (sess.modified or touch) and self.store.update(
            _hash(sess.token), dict(sess), sess.created_at, sess.last_seen_at, expires_at(sess)
        ):  # Only while it still exists: a logout or rotation in another request since this one began wins.
            response.set_cookie(name, sess.token, **cookie)


_touched: dict[str, datetime] = {}
_touched_lock = threading.Lock()


def _first_touch(sess: PortalSession, now: datetime) -> bool:
    """Only the first of the requests that loaded the same last-seen moment writes the new one: 32 requests of
    one session at once would otherwise each write it (on SQLite one after the other, holding up all of them).
    Per process; the others of this process loaded the same moment and skip a write that changes nothing."""
    key = f"{_hash(sess.token or '')}|{sess.last_seen_at.isoformat()}"
    with _touched_lock:
        if key in _touched:
            return False
        if len(_touched) > 10_000:
            _touched.clear()
        _touched[key] = now
        return True


def _counts_as_activity() -> bool:
    """Static files and the status check do not keep a session alive."""
    return request.endpoint not in {"static", "auth.session_status"}


def logged_in(sess) -> bool:
    """A resident or a staff member: both sessions time out the same way and get the same warning."""
    return bool(sess) and ("resident" in sess or "staff" in sess)


def init_app(app: Flask) -> None:
    redis = app.config["SESSION_BACKEND"] == "redis"
    store = RedisStore(app.config["REDIS_URL"]) if redis else DatabaseStore()
    app.session_interface = ServerSideSessionInterface(store)
    app.extensions["session_store"] = store

    @app.context_processor
    def _session_timing():
        if not logged_in(session):
            return {}
        return {"session_expires_at": expires_at(session)}

    @app.before_request
    def _remember_expired():
        g.session_expired = getattr(session, "expired", False)
        if g.session_expired and request.method == "POST":
            return _expired_post(app)
        return None


def _expired_post(app: Flask):
    """A form sent after the session ended (its CSRF secret ended with it) gets the session-expired page, not the
    CSRF error. Registered before CSRFProtect, so it runs first."""
    view = app.view_functions.get(request.endpoint or "")
    if not getattr(view, "login_required", False) and request.endpoint not in _ENDS_SESSION:
        return None
    if getattr(view, "staff_only", False) or request.endpoint == "staff.logout":
        return redirect(url_for("staff.logged_out"), 303)
    return redirect(url_for("auth.login_required_page", reden="verlopen"), 303)
