"""Rendered pages kept in process memory for a short time, so that a page nobody changed is not built again.

Two kinds, each a decorator on a GET view:
- `public_page`: a public page for a visitor without any cookie but the language choice and without a query string
  (a GET or HEAD), per language and path (the rule is `anonymous_key` in portal/pagestore.py). Such a visitor has
  no session, so the page holds nothing of anyone. Once stored, that copy is served by the fast path in front of
  Flask (portal/publiccopy.py), without a Flask request. For a logged-in resident the page is kept per session
  instead (as below, without versions: the page shows nothing of the data).
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
The store itself (a bounded LRU with a time limit) is portal/pagestore.py.
"""

from __future__ import annotations

import hashlib
import json
import time
from functools import wraps

from flask import Response, current_app, g, make_response, request, session
from flask_wtf.csrf import generate_csrf

from portal import robots
from portal.i18n import local_today, select_locale
from portal.pagestore import CSRF, NONCE, Entry, PageCache, Public, anonymous_key, fill, once_marker
from portal.publiccopy import PublicCopies
from portal.queries import versions as freshness
from portal.security import csp_nonce

__all__ = ["Entry", "PageCache", "init_app", "personal_page", "public_page"]


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
        body = body.replace(token, once_marker(index))
    return body, len(tokens)


def _fill(entry: Entry) -> Response:
    body = fill(entry, csp_nonce())
    if CSRF in body:
        body = body.replace(CSRF, generate_csrf())
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
        public = None
        if key[0] == "public":  # for the fast path (portal/publiccopy.py): what its log line and headers need
            public = Public(route=request.url_rule.rule, path=request.path, indexable=robots.indexable())
        cache().put(key, Entry(body, once_tokens, versions, time.monotonic(), public))
    return response


def _public_key() -> tuple | None:
    if (key := anonymous_key(request.environ, current_app.config)) is not None:
        return key
    if request.method == "GET" and session.get("resident") and session.token:
        return _personal_key()
    return None


def public_page(view):
    """Cache a public page: for visitors without a session per language and path (served by the fast path in
    front of Flask, portal/publiccopy.py, once stored); for a logged-in session per session, like a personal
    page, but without versions (the page shows nothing of the data)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = _public_key() if current_app.config["PAGE_CACHE_ENABLED"] else None
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
    # The language by portal/i18n.py's rule itself: Flask-Babel's get_locale() (the same rule) costs more per hit.
    return ("personal", digest, select_locale(), request.full_path)


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
    # Before the rate limiter's ProxyFix and WhiteNoise wrap it: static files stay WhiteNoise's.
    app.wsgi_app = PublicCopies(app, app.wsgi_app)
