"""Rendered pages kept in process memory for a short time, so that a page nobody changed is not built again.

Two kinds, each a decorator on a GET view:
- `public_page`: a public page for a visitor without any cookie but the language choice and without a query string,
  per language and path. Such a visitor has no session, so the page holds nothing of anyone. For a logged-in
  resident it is kept per session instead (as below, without versions: the page shows nothing of the data).
- `personal_page` (inside `resident_required`): a resident's page, per session: the key is a hash of the session's
  token, everything the session holds (the BRP copy, the CSRF secret), when it expires (the page says so), the
  language, today's date and the path with its query string. A session with a message to show (a flash) is not
  served from or stored in the cache. The page is served again only while the resident's versions
  (portal/queries/versions.py) are those it was rendered at; every write that concerns the resident changes them.

What differs per response is taken out when a page is stored and put in fresh when it is served: the CSP nonce (a
new one per response, as the header says) and the one-time tokens of forms (a new one each time, so two tabs never
share one, see portal/once.py). The CSRF token stays as rendered: it is the session's own (the key holds the
session), and without a time limit (WTF_CSRF_TIME_LIMIT = None) it is valid as long as the session; with a time
limit it is signed anew for every response.
Only a 200 HTML answer of a request that changed nothing in the session and did not touch the database before the
versions were read is stored. `Cache-Control: no-store` stays on personal pages: the cache is the server's alone.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps

from flask import Response, current_app, g, make_response, request, session
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf

from portal.i18n import LANGUAGE_COOKIE, local_today
from portal.queries import versions as freshness
from portal.security import csp_nonce

NONCE, CSRF = "\x00nonce\x00", "\x00csrf\x00"


def _once_marker(index: int) -> str:
    return f"\x00once{index}\x00"


@dataclass(frozen=True)
class Entry:
    body: str
    once_tokens: int
    versions: tuple[str, ...]
    stored_at: float


class PageCache:
    """A bounded, thread-safe LRU with a time limit per entry."""

    def __init__(self, size: int, seconds: float):
        self.size, self.seconds = size, seconds
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.lock = threading.Lock()
        self.rendering: dict[tuple, threading.Lock] = {}
        self.hits = self.misses = 0

    def get(self, key: tuple) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or time.monotonic() - entry.stored_at > self.seconds:
                self.entries.pop(key, None)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: Entry) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    @contextmanager
    def single_flight(self, key: tuple, wait: float = 2.0):
        """One thread renders a missing page; the others of this process wait for it (at most `wait` seconds,
        then they render too), instead of all 32 connections rendering the same page at once."""
        with self.lock:
            lock = self.rendering.setdefault(key, threading.Lock())
        acquired = lock.acquire(timeout=wait)
        try:
            yield
        finally:
            if acquired:
                lock.release()
                with self.lock:
                    if self.rendering.get(key) is lock:  # not a lock a later renderer made meanwhile
                        del self.rendering[key]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


def cache() -> PageCache:
    return current_app.extensions["page_cache"]


def _enabled() -> bool:
    return current_app.config["PAGE_CACHE_ENABLED"] and request.method == "GET"


def _template(body: str) -> tuple[str, int]:
    """The body with what is unique to this response replaced by markers."""
    if nonce := g.get("csp_nonce"):
        body = body.replace(nonce, NONCE)
    if (token := g.get("csrf_token")) and current_app.config["WTF_CSRF_TIME_LIMIT"] is not None:
        body = body.replace(token, CSRF)  # a token without a time limit stays valid for this session as it is
    tokens = g.get("once_tokens", [])
    for index, token in enumerate(tokens):
        body = body.replace(token, _once_marker(index))
    return body, len(tokens)


def _fill(entry: Entry) -> Response:
    body = entry.body.replace(NONCE, csp_nonce())
    if CSRF in body:
        body = body.replace(CSRF, generate_csrf())
    for index in range(entry.once_tokens):
        body = body.replace(_once_marker(index), secrets.token_urlsafe(18))
    cache().hits += 1  # a figure for tests and benchmarks; a lost update under threads does not matter
    return Response(body, mimetype="text/html")


def _storable(response: Response) -> bool:
    return (
        response.status_code == 200
        and response.mimetype == "text/html"
        and not response.direct_passthrough
        and "Set-Cookie" not in response.headers
        and not session.modified
        and "_flashes" not in session
    )


def _keep(key: tuple, response: Response, versions: tuple[str, ...]) -> Response:
    if _storable(response):
        body, once_tokens = _template(response.get_data(as_text=True))
        cache().put(key, Entry(body, once_tokens, versions, time.monotonic()))
    return response


def _anonymous() -> bool:
    return not request.query_string and set(request.cookies) <= {LANGUAGE_COOKIE}


def public_page(view):
    """Cache a public page: for visitors without a session per language and path; for a logged-in session per
    session, like a personal page, but without versions (the page shows nothing of the data)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not _enabled():
            return view(*args, **kwargs)
        if _anonymous():
            key = ("public", str(get_locale()), request.path)
        elif session.get("resident") and session.token:
            key = _personal_key()
        else:
            key = None
        if key is None:
            return view(*args, **kwargs)
        return _cached(key, lambda: (), view, args, kwargs)

    return wrapper


def _cached(key: tuple, read_versions, view, args, kwargs):
    """The cached page while its versions are current; else render it, once per process at a time."""
    if (entry := cache().get(key)) is not None and entry.versions == read_versions():
        return _fill(entry)
    with cache().single_flight(key):
        versions = read_versions()
        if (entry := cache().get(key)) is not None and entry.versions == versions:
            return _fill(entry)
        if g.get("db_session") is not None:  # its snapshot may be older than the versions just read
            return view(*args, **kwargs)
        cache().misses += 1
        return _keep(key, make_response(view(*args, **kwargs)), versions)


def _personal_key() -> tuple | None:
    if "_flashes" in session:
        return None
    from portal.sessions import expires_at

    state = json.dumps(dict(session), sort_keys=True, default=str)
    parts = (session.token or "", state, expires_at(session).isoformat(), str(local_today()))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return ("personal", digest, str(get_locale()), request.full_path)


def personal_page(view):
    """Cache a resident's page for their session (see the module docstring). Put it inside `resident_required`."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = _personal_key() if _enabled() else None
        bsn = session["resident"]["bsn"]
        if key is None or freshness.store() is None:
            return view(*args, **kwargs)
        return _cached(key, lambda: freshness.versions_of(bsn), view, args, kwargs)

    return wrapper


def init_app(app) -> None:
    app.extensions["page_cache"] = PageCache(app.config["PAGE_CACHE_ENTRIES"], app.config["PAGE_CACHE_SECONDS"])
    freshness.init_app(app)
