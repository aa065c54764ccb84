"""The page cache's store (portal/pagecache.py), the markers of a stored page, and the one rule for "this request
may get the public copy of a page": used by the public page decorator in Flask and by the fast path in front of it
(portal/publiccopy.py), so that both agree on who is anonymous and which copy they get."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass

from werkzeug.http import parse_cookie

from portal.i18n import LANGUAGE_COOKIE, locale_for

NONCE, CSRF = "\x00nonce\x00", "\x00csrf\x00"


def once_marker(index: int) -> str:
    return f"\x00once{index}\x00"


@dataclass(frozen=True)
class Public:
    """What the request log and the headers of a public copy need, taken from the request that rendered it."""

    route: str
    path: str
    indexable: bool


@dataclass(frozen=True)
class Entry:
    body: str
    once_tokens: int
    versions: tuple[str, ...]
    stored_at: float
    public: Public | None = None  # set on a copy for anonymous visitors: the fast path may serve it


def fill(entry: Entry, nonce: str) -> str:
    """The stored body with this response's nonce and new one-time tokens (the CSRF marker is Flask's to fill)."""
    body = entry.body.replace(NONCE, nonce)
    for index in range(entry.once_tokens):
        body = body.replace(once_marker(index), secrets.token_urlsafe(18))
    return body


def anonymous_key(environ: dict, config) -> tuple | None:
    """The key of the public copy for this request, or None when it may not get one: only a GET or HEAD without a
    query string from a visitor without any cookie but the language choice. The language is chosen by
    portal/i18n.py's own rule; the path is the one the server received (SCRIPT_NAME and PATH_INFO)."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or environ.get("QUERY_STRING"):
        return None
    cookies = parse_cookie(environ) if environ.get("HTTP_COOKIE") else {}
    if not set(cookies) <= {LANGUAGE_COOKIE}:
        return None
    locale = locale_for(cookies.get(LANGUAGE_COOKIE, ""), config)
    return ("public", locale, environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""))


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
