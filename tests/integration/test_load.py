"""32 concurrent connections on every resident page of a live portal on the embedded SQLite default (a file, WAL,
BEGIN IMMEDIATE only for writers) answer 0 non-2xx. `make bench-load` (bench/load_pages.py) does the same with wrk."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from bench.load_pages import PAGES, log_in
from tests.conftest import LiveServer, live_app_factory

THREADS = 32
REQUESTS_PER_THREAD = int(os.environ.get("LOAD_REQUESTS_PER_THREAD", "3"))

pytestmark = pytest.mark.skipif(
    os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="measures the embedded SQLite default; runs in the SQLite pass",
)


@pytest.fixture(scope="module")
def portal_on_sqlite_file():
    server = LiveServer(live_app_factory({"MOCK_DIGID_ENABLED": True, "MOCK_BRP_ENABLED": True}, demo=True)).start()
    yield server
    server.stop()


def non_2xx_per_page(base: str, cookies) -> dict[str, list[int]]:
    local = threading.local()

    def fetch(path: str) -> int:
        if not hasattr(local, "browser"):
            local.browser = requests.Session()
            local.browser.cookies.update(cookies)
        try:
            return local.browser.get(f"{base}{path}", allow_redirects=False, timeout=30).status_code
        except requests.RequestException:
            return 0  # a refused or dropped connection counts as a failure too

    failures = {}
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        for name, path in PAGES.items():
            codes = list(pool.map(fetch, [path] * (THREADS * REQUESTS_PER_THREAD)))
            failures[name] = [code for code in codes if not 200 <= code < 300]
    return failures


def test_32_concurrent_connections_on_every_resident_page_get_no_error(portal_on_sqlite_file):
    base = portal_on_sqlite_file.url
    resident = log_in(base)
    failures = non_2xx_per_page(base, resident.cookies)
    print({name: len(codes) for name, codes in failures.items()})
    assert failures == {name: [] for name in PAGES}
