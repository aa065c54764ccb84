"""CPU per request of the cached pages, in process, next to the bare Flask "hello" measured the same way.

    .venv/bin/python -m bench.hit_cost                  # 5,000 requests per page
    .venv/bin/python -m bench.hit_cost --requests 20000

It builds the portal as bench/profile_pages.py does (a scratch SQLite file with the demo data, database sessions,
an in-process BRP, the request log written to /dev/null), logs Suzanne Moulin in, and calls the WSGI app itself
(`app(environ, start_response)`, WhiteNoise and all, no test client) for each page: the thread's CPU time
(time.thread_time) over the requests, after a warm-up that makes each page a cache hit. CPU time, not wall time:
it stays the same on a machine that other work shares. The last column is the bare endpoint's cost divided by
the page's, the in-process counterpart of the ratio `make bench-load` prints (which adds gunicorn, the kernel and
wrk to both sides, so its ratios are higher).
"""

from __future__ import annotations

import argparse
import io
import time

from bench.load_pages import COOKIE, PAGES
from bench.profile_pages import build_app, logged_in_client

CASES = {
    "start, no cookie": (PAGES["start"], False, ""),
    "start, no cookie, br": (PAGES["start"], False, "gzip, deflate, br"),
    "start, logged in": (PAGES["start"], True, ""),
    "Mijn overzicht": (PAGES["overview"], True, ""),
    "Mijn zaken": (PAGES["my cases"], True, ""),
    "a case page": (PAGES["a case"], True, ""),
}


def environ_for(path: str, cookie: str | None, accept_encoding: str) -> dict:
    from werkzeug.test import EnvironBuilder

    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    if cookie:
        headers["Cookie"] = f"{COOKIE}={cookie}"
    builder = EnvironBuilder(path=path, headers=headers, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    try:
        return builder.get_environ()
    finally:
        builder.close()


def call(app, environ: dict) -> str:
    """One request; its status line."""
    answer: list[str] = []

    def start_response(status, _headers, _exc_info=None):
        answer.append(status)

    request = dict(environ, **{"wsgi.input": io.BytesIO()})
    body = app(request, start_response)
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return answer[0]


def warm(app, environ: dict) -> None:
    for _ in range(50):
        status = call(app, environ)
        assert status.startswith("200"), status


def cost(app, environ: dict, count: int) -> float:
    """Microseconds of this thread's CPU per request."""
    warm(app, environ)
    started = time.thread_time()
    for _ in range(count):
        call(app, environ)
    return (time.thread_time() - started) / count * 1e6


def renders(portal) -> int:
    """Pages rendered (not served from the page cache) so far."""
    return portal.extensions["page_cache"].misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=5000)
    args = parser.parse_args()
    from bench.bare_wsgi import app as bare

    portal = build_app(redis=False)
    cookie = logged_in_client(portal).get_cookie(COOKIE).value
    bare_cost = cost(bare, environ_for("/", None, ""), args.requests)
    print(f"{'request':<24}{'CPU µs':>9}{'bare/page':>11}{'renders':>9}")
    print(f"{'bare Flask hello':<24}{bare_cost:>9.0f}{1:>10.0%}")
    for name, (path, logged_in, accept_encoding) in CASES.items():
        environ = environ_for(path, cookie if logged_in else None, accept_encoding)
        warm(portal, environ)  # the first render happens here, so the renders below are those during the count
        before = renders(portal)
        page_cost = cost(portal, environ, args.requests)
        print(f"{name:<24}{page_cost:>9.0f}{bare_cost / page_cost:>10.0%}{renders(portal) - before:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
