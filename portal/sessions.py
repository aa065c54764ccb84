"""Server-side sessions so that logout and expiry really end them (ASVS 3.3.1).

The cookie holds a random 256-bit token; the store keys the session by the token's SHA-256.
Idle timeout (15 minutes, the DigiD rule) and an absolute limit (8 hours) are enforced here.
Stores: the database (default) or Redis.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta

from flask import Flask, current_app, g, request, session
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, select
from werkzeug.datastructures import CallbackDict

from portal.db import utcnow
from portal.models.sessions import ServerSession

TOUCH_AFTER = timedelta(seconds=30)  # write last-seen at most this often


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
    """Short transactions of its own, so a session read never holds a transaction open across the request."""

    def _db(self):
        return current_app.extensions["db_sessionmaker"]()

    def load(self, key: str):
        table = ServerSession.__table__
        with self._db() as db:  # a Core select: every request does this, so no ORM identity bookkeeping
            row = db.execute(
                select(table.c.data, table.c.created_at, table.c.last_seen_at).where(table.c.id == key)
            ).first()
            if row is None:
                return None
            return json.loads(row.data), row.created_at, row.last_seen_at

    def save(self, key: str, data: dict, created_at, last_seen_at, expires) -> None:
        with self._db() as db:
            row = db.get(ServerSession, key) or ServerSession(id=key, created_at=created_at)
            row.data = json.dumps(data)
            row.created_at = created_at
            row.last_seen_at = last_seen_at
            row.expires_at = expires
            db.add(row)
            db.commit()

    def delete(self, key: str) -> None:
        with self._db() as db:
            db.execute(delete(ServerSession).where(ServerSession.id == key))
            db.commit()

    def purge_expired(self) -> int:
        with self._db() as db:
            result = db.execute(delete(ServerSession).where(ServerSession.expires_at < utcnow()))
            db.commit()
            return result.rowcount or 0


class RedisStore:
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

    def save(self, key: str, data: dict, created_at, last_seen_at, expires) -> None:
        record = {"data": data, "created_at": created_at.isoformat(), "last_seen_at": last_seen_at.isoformat()}
        ttl = max(1, int((expires - utcnow()).total_seconds()))
        self.client.set(f"mg:session:{key}", json.dumps(record), ex=ttl)

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
        if sess.rotate_requested or not sess.token:
            if sess.token:
                self.store.delete(_hash(sess.token))
            sess.token = secrets.token_urlsafe(32)
            sess.modified = True
        touch = _counts_as_activity() and now - sess.last_seen_at >= TOUCH_AFTER
        if touch:
            sess.last_seen_at = now
        if sess.modified or touch:
            self.store.save(_hash(sess.token), dict(sess), sess.created_at, sess.last_seen_at, expires_at(sess))
            response.set_cookie(name, sess.token, **cookie)


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
