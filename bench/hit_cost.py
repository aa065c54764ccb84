"""CPU per request of the cached pages, in process, next to the bare Flask "hello" measured the same way.

    .venv/bin/python -m bench.hit_cost                  # 5,000 requests per page
    .venv/bin/python -m bench.hit_cost --requests 20000
    .venv/bin/python -m bench.hit_cost --redis          # sessions and page versions in Redis (127.0.0.1:6379)

It builds the portal as bench/profile_pages.py does (a scratch SQLite file with the demo data, database sessions,
an in-process BRP, the request log written to /dev/null), logs Suzanne Moulin in, and calls the WSGI app itself
(`app(environ, start_response)`, WhiteNoise and all, no test client) for each page: the thread's CPU time
(time.thread_time) over the requests, after a warm-up that makes each page a cache hit; the pages take turns and
the lowest of three rounds counts. CPU time, not wall time: it changes much less on a machine that other work
shares (but it still does, by up to a third at a load average of 10 on two cores: compare figures of one moment).
The last column is the bare endpoint's cost divided by the page's, the in-process counterpart of the ratio
`make bench-load` prints (which adds gunicorn, the kernel and wrk to both sides, so its ratios are higher).
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
    parser.add_argument("--rounds", type=int, default=3, help="the lowest figure of these rounds counts")
    parser.add_argument("--redis", action="store_true", help="sessions and page versions in Redis, as in production")
    args = parser.parse_args()
    from bench.bare_wsgi import app as bare

    portal = build_app(redis=args.redis)
    cookie = logged_in_client(portal).get_cookie(COOKIE).value
    environs = {"bare Flask hello": environ_for("/", None, "")}
    for name, (path, logged_in, accept_encoding) in CASES.items():
        environs[name] = environ_for(path, cookie if logged_in else None, accept_encoding)
        warm(portal, environs[name])  # the first render happens here: the renders below are those during the count
    costs: dict[str, float] = {}
    before = renders(portal)
    for _ in range(args.rounds):  # the pages take turns, so that a busy moment of the machine hits them alike
        for name, environ in environs.items():
            figure = cost(bare if name == "bare Flask hello" else portal, environ, args.requests)
            costs[name] = min(costs.get(name, figure), figure)
    print(f"{'request':<24}{'CPU µs':>9}{'bare/page':>11}")
    for name, figure in costs.items():
        print(f"{name:<24}{figure:>9.0f}{costs['bare Flask hello'] / figure:>10.0%}")
    print(f"pages rendered during the count (not cache hits): {renders(portal) - before}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
