"""The fast path for public pages: the stored copy for an anonymous visitor, served before Flask sees the request.

The start page is where the letter sends everyone; nearly all of those visitors have no cookie yet. Their page is
the same for everyone of a language, and the page cache already holds it (`public_page` in portal/pagecache.py).
This WSGI layer, between WhiteNoise and Flask, answers such a request from that copy without a Flask request
context, session, rate limiter or Babel. Who gets a copy, and which one, is the one rule `anonymous_key`
(portal/pagestore.py) that the decorator uses too: a GET or HEAD without a query string and without any cookie but
the language choice, per language (portal/i18n.py's rule), per path. Only a copy that `public_page` stored from
such a request (a 200 HTML page that left the session untouched) is served here, and only until it expires
(PAGE_CACHE_SECONDS); the first render, and every request that is not anonymous, goes through Flask.

The response is the one Flask would send: the same headers, built by the same functions (the security headers
with a new nonce, the one in the page; X-Robots-Tag; Flask-Compress's encoding and its `Vary` and `Date`), and the
same request log line with a request id (portal/logs.py). The compressed variant is made per response: the nonce
is in the page, so no two responses have the same bytes (for the start page that costs some 25–40 µs).
Not done here, on purpose: the limit on new anonymous sessions per IP (RATELIMIT_ANONYMOUS_SESSIONS) is not
checked, because this answer never makes a session; a visitor over that limit still sees the start page.
"""

from __future__ import annotations

import logging
import secrets
import time

from flask import Flask
from werkzeug.http import http_date

from portal.assets import compress_html
from portal.logs import log_request, request_id
from portal.pagestore import Entry, anonymous_key, fill
from portal.robots import NOINDEX
from portal.security import form_targets, security_headers

log = logging.getLogger("portal.pagecache")


class PublicCopies:
    """WSGI middleware: serve a stored public copy, or pass the request on to `wsgi_app` (Flask)."""

    def __init__(self, app: Flask, wsgi_app):
        self.app, self.wsgi_app = app, wsgi_app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        entry = self._copy(environ)
        if entry is None:
            return self.wsgi_app(environ, start_response)
        try:
            body, headers, rid = self._response(entry, environ)
        except Exception as error:  # never a bare 500 from here: Flask renders the page instead
            log.error("public copy not served: %s", type(error).__name__)
            return self.wsgi_app(environ, start_response)
        start_response("200 OK", headers)
        log_request(environ["REQUEST_METHOD"], entry.public.route, entry.public.path, 200, started, request_id=rid)
        self.app.extensions["page_cache"].hits += 1  # a figure for tests and benchmarks
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def _copy(self, environ) -> Entry | None:
        if not self.app.config["PAGE_CACHE_ENABLED"] or (key := anonymous_key(environ, self.app.config)) is None:
            return None
        entry = self.app.extensions["page_cache"].get(key)
        return entry if entry is not None and entry.public is not None else None

    def _response(self, entry: Entry, environ) -> tuple[bytes, list[tuple[str, str]], str]:
        """The body, and the headers in the order Flask's after-request hooks give them (portal/__init__.py)."""
        nonce = secrets.token_urlsafe(16)  # as portal/security.py's csp_nonce
        body, encoding = compress_html(self.app, fill(entry, nonce).encode(), environ.get("HTTP_ACCEPT_ENCODING", ""))
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        headers.append(("Vary", "Accept-Encoding"))
        if encoding is not None:
            headers += [("Content-Encoding", encoding), ("Date", http_date())]
        if not entry.public.indexable:
            headers.append(NOINDEX)
        headers += security_headers(nonce, form_targets(self.app), environ.get("wsgi.url_scheme") == "https")
        rid = request_id(environ.get("HTTP_X_REQUEST_ID", ""))
        headers.append(("X-Request-ID", rid))
        return body, headers, rid
