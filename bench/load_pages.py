"""Load benchmark: every resident page under the production server settings, next to a bare Flask endpoint.

    .venv/bin/python -m bench.load_pages            # or: make bench-load
    .venv/bin/python -m bench.load_pages --setup embedded --seconds 5
    .venv/bin/python -m bench.load_pages --base-url http://127.0.0.1:5000   # a running `make run`, pages only

For each set-up (the embedded default: SQLite and database sessions; and PostgreSQL + Redis sessions) it starts,
as `make run` does, the mock DigiD and mock BRP as their own service and the portal under gunicorn with
`gunicorn.conf.py`, plus a bare Flask "hello" app under the same gunicorn settings. It logs Suzanne Moulin in
through the mock DigiD over HTTP, as a browser would, and then drives each page with wrk (32 connections, 2
threads), each page right after a run of the bare endpoint, so both meet the same background load. It prints
requests/s, the ratio to the bare endpoint, p50/p95/p99 latency and the number of non-2xx answers per page.
Everything listens on 127.0.0.1 only; every run is bounded in time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import requests

from bench.throughput import free_port
from portal.config import ROOT

BIN = ROOT / ".venv" / "bin"
ADMIN_URL = os.environ.get("POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
PAGES = {
    "start": "/",
    "overview": "/mijn-overzicht",
    "my details": "/mijn-gegevens",
    "my cases": "/mijn-zaken",
    "a case": "/mijn-zaken/ZK-SMB3-TAAK",  # has an unread message: the first readers mark it read
}
ANONYMOUS = "/"  # the start page, also driven without the session cookie
COOKIE = "mg_sessie"
FORM = "terugbelverzoek"  # a shipped e-form: its first step as a GET, and as a valid POST (validate + autosave)
BOOKING = "paspoort-id-kaart/stadhuis"  # a passport appointment at the town hall (scheduling/agenda.yaml)
SUZANNE = "999993653"  # the RvIG test person Suzanne Moulin (public test data); sent in a POST only


def _wait(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {process.returncode} (see its log)")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def _server(app: str, port: int, env: dict, log: Path, probe: str = "/"):
    command = [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", app]
    with open(log, "w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait(f"http://127.0.0.1:{port}{probe}", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _flask(env: dict, *args: str) -> None:
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def _environments(work: Path, setup: str, database_url: str) -> tuple[dict, dict, int, int]:
    mocks_port, portal_port = free_port(), free_port()
    base = os.environ | {
        "PORTAL_ENV": "development",
        "LOG_FILE": str(work / "app.log"),
        "SESSION_COOKIE_SECURE": "false",
        # The limits stay on (they are part of a request's cost), but one client address stands for many residents
        # here: hundreds of logins (--sessions) and one resident posting a step as fast as 32 connections can
        # would meet the per-address and per-resident flood guards (429).
        "RATELIMIT_EFORMS": "1000000 per minute",
        "RATELIMIT_LOGIN": "1000000 per minute",
        "RATELIMIT_ANONYMOUS_SESSIONS": "1000000 per minute",
    }
    mocks = base | {
        "DATABASE_URL": f"sqlite:///{work}/mocks.db",
        "PUBLIC_BASE_URL": f"http://localhost:{mocks_port}",
        "MOCK_DIGID_ENABLED": "true",
        "MOCK_BRP_ENABLED": "true",
        "MOCK_BAG_ENABLED": "true",
        "WEB_CONCURRENCY": "1",
    }
    portal = base | {
        "DATABASE_URL": database_url,
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{portal_port}",
        "MOCK_DIGID_ENABLED": "false",
        "MOCK_BRP_ENABLED": "false",
        "MOCK_BAG_ENABLED": "false",
        "MOCK_SERVICES_URL": f"http://localhost:{mocks_port}",
        "SESSION_BACKEND": "redis" if setup == "postgres" else "database",
    }
    return mocks, portal, mocks_port, portal_port


def log_in(portal_url: str) -> requests.Session:
    """Log Suzanne Moulin in through the mock DigiD (its own service or mounted in the portal), as a browser
    does; return that browser, holding the session cookie."""
    browser = requests.Session()
    page = browser.get(f"{portal_url}/inloggen", timeout=10)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    answer = browser.post(
        page.url, timeout=10, data={"csrf_token": token, "persoon": SUZANNE, "niveau": "midden", "actie": "inloggen"}
    )
    if not session_cookie(browser) or "/mijn" not in answer.url:
        raise RuntimeError(f"login did not succeed (ended at {answer.url.split('?')[0]}: {answer.status_code})")
    return browser


def session_cookie(browser: requests.Session) -> str | None:
    """The portal's session cookie (the mock service on `localhost` has one of the same name)."""
    return next((c.value for c in browser.cookies if c.name == COOKIE and c.domain.startswith("127.0.0.1")), None)


def form_step(portal_url: str, browser: requests.Session) -> tuple[str, str]:
    """Start a draft of FORM as the logged-in resident: (the first step's path, a valid POST body for it)."""
    start = browser.get(f"{portal_url}/formulier/{FORM}", timeout=10)
    token = re.search(r'name="csrf_token" value="([^"]+)"', start.text).group(1)
    begun = browser.post(start.url, data={"csrf_token": token}, timeout=10, allow_redirects=False)
    path = begun.headers["Location"]
    body = urlencode({"csrf_token": token, "vraag": "Over mijn afvalpas"})
    return path, body


def log_in_many(portal_url: str, count: int) -> list[str]:
    """`count` sessions of Suzanne Moulin, each logged in through the mock DigiD (4 at a time)."""
    with ThreadPoolExecutor(4) as pool:
        return [session_cookie(browser) for browser in pool.map(lambda _: log_in(portal_url), range(count))]


def booking_steps(portal_url: str, browser: requests.Session) -> list[tuple[str, str]]:
    """The passport appointment's day step (free days of the coming weeks) and the time step of its first free day,
    as the logged-in resident sees them."""
    days = f"/afspraak-maken/{BOOKING}"
    page = browser.get(f"{portal_url}{days}", timeout=10)
    first_day = re.search(rf'href="({re.escape(days)}/\d{{4}}-\d{{2}}-\d{{2}}(?:\?[^"]*)?)"', page.text)
    if page.status_code != 200 or not first_day:
        raise RuntimeError(f"{days}: no free day to book ({page.status_code})")
    return [("booking: days", days), ("booking: times of a day", first_day.group(1))]


def wrk(url: str, cookie: str | None, seconds: float, body: str | None = None, cookies: Path | None = None) -> dict:
    """One wrk run: with `cookie` every request sends that session; with `cookies` (a file) each request the next
    session of the list."""
    command = ["wrk", "-t2", "-c32", f"-d{seconds:.0f}s", "--timeout", "10s", "-s", str(WRK_SCRIPT), url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {COOKIE}={cookie}"]
    env = os.environ | ({"WRK_BODY": body, "WRK_OK_MAX": "399"} if body else {})
    env |= {"WRK_COOKIES": str(cookies)} if cookies else {}
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True, env=env).stdout
    figures = dict(re.findall(r"^(\w+) ([\d.]+)$", output, re.M))
    requests_done, duration = float(figures["REQUESTS"]), float(figures["SECONDS"])
    return {
        "rps": requests_done / duration,
        "non2xx": int(figures["NON2XX"]) + int(figures["ERRORS"]),
        "p50": float(figures["P50"]) / 1000,
        "p95": float(figures["P95"]) / 1000,
        "p99": float(figures["P99"]) / 1000,
    }


def measure(
    portal_url: str, bare_url: str | None, browser: requests.Session, seconds: float, sessions: Path | None = None
) -> list[tuple[str, dict, dict]]:
    """Each page right after a run of the bare endpoint (when there is one), so both meet the same load. The start
    page twice: as a visitor without a cookie sees it (most who come from the letter) and logged in. Then a step
    of FORM as a GET and as a valid POST (a POST answers 302 to the next step: that counts as success), and the
    day and time steps of an appointment booking. With
    `sessions` (a file of session cookies) the personal pages once more, each request in the next session: the
    first view of a page in a session is built anew, so this shows what many residents at once cost."""
    cookie = session_cookie(browser)
    step, body = form_step(portal_url, browser)
    runs = [(f"{ANONYMOUS} (no cookie)", ANONYMOUS, None, None, None)]
    runs += [(path, path, cookie, None, None) for path in PAGES.values()]
    runs += [(f"{FORM} step GET", step, cookie, None, None), (f"{FORM} step POST", step, cookie, body, None)]
    runs += [(label, path, cookie, None, None) for label, path in booking_steps(portal_url, browser)]
    if sessions:
        count = len(sessions.read_text().split())
        runs += [(f"{path} ({count} sessions)", path, None, None, sessions) for path in PAGES.values() if path != "/"]
    rows = []
    for label, path, sent_cookie, data, cookies in runs:
        bare = wrk(f"{bare_url}/", None, seconds / 2) if bare_url else None
        rows.append((label, wrk(f"{portal_url}{path}", sent_cookie, seconds, data, cookies), bare))
    return rows


def session_file(work: Path, portal_url: str, count: int) -> Path | None:
    """A file of `count` fresh session cookies (none when count is 0)."""
    if not count:
        return None
    path = work / "sessions.txt"
    path.write_text("\n".join(log_in_many(portal_url, count)) + "\n")
    return path


def print_table(setup: str, rows: list[tuple[str, dict, dict]]) -> None:
    print(f"\n{setup}: wrk -t2 -c32, each page right after the bare endpoint")
    print(f"{'page':<36}{'req/s':>9}{'bare':>9}{'ratio':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'non-2xx':>9}")
    for path, page, bare in rows:
        ceiling, ratio = f"{'-':>9}", f"{'-':>8}"
        if bare:
            ceiling, ratio = f"{bare['rps']:>9.0f}", f"{page['rps'] / bare['rps']:>8.0%}"
        print(
            f"{path:<36}{page['rps']:>9.0f}{ceiling}{ratio}"
            f"{page['p50']:>9.1f}{page['p95']:>9.1f}{page['p99']:>9.1f}{page['non2xx']:>9}"
        )


@contextmanager
def _postgres_database():
    name = f"mijngemeente_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_setup(setup: str, seconds: float, sessions: int) -> list[tuple[str, dict, dict]]:
    work = Path(tempfile.mkdtemp(prefix=f"mg-load-{setup}-"))
    try:
        with ExitStack() as stack:
            database_url = (
                stack.enter_context(_postgres_database()) if setup == "postgres" else f"sqlite:///{work}/portal.db"
            )
            mocks_env, portal_env, mocks_port, portal_port = _environments(work, setup, database_url)
            for env in (mocks_env, portal_env):
                _flask(env, "db-upgrade")
            _flask(portal_env, "seed-demo")
            stack.enter_context(_server("wsgi:app", mocks_port, mocks_env, work / "mocks.log"))
            portal_url = stack.enter_context(_server("wsgi:app", portal_port, portal_env, work / "portal.log"))
            bare_url = stack.enter_context(
                _server("bench.bare_wsgi:app", free_port(), os.environ.copy(), work / "bare.log")
            )
            cookies = session_file(work, portal_url, sessions)
            rows = measure(portal_url, bare_url, log_in(portal_url), seconds, cookies)
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", choices=["embedded", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=10, help="seconds per page (the bare runs take half)")
    parser.add_argument("--base-url", help="drive a portal that already runs (`make run`) instead: pages only")
    parser.add_argument(
        "--sessions", type=int, default=400, help="the personal pages again over this many sessions (0: skip)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 1
    if args.base_url:
        with tempfile.TemporaryDirectory() as work:
            cookies = session_file(Path(work), args.base_url, args.sessions)
            rows = measure(args.base_url, None, log_in(args.base_url), args.seconds, cookies)
        print_table(f"{args.base_url}", rows)
        return 1 if any(page["non2xx"] for _path, page, _bare in rows) else 0
    setups = ["embedded", "postgres"] if args.setup == "both" else [args.setup]
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores; compare quiet runs only)")
    for setup in setups:
        print_table(
            "PostgreSQL + Redis sessions" if setup == "postgres" else "embedded default (SQLite, database sessions)",
            run_setup(setup, args.seconds, args.sessions),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
