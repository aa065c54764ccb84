"""Where a page's time goes, in process: every resident page of the demo, profiled with pyinstrument.

    .venv/bin/python -m bench.profile_pages                 # the embedded default (SQLite file, database sessions)
    .venv/bin/python -m bench.profile_pages --redis         # Redis sessions
    .venv/bin/python -m bench.profile_pages --html /tmp/p   # also write one HTML profile per page there

It builds the portal on a scratch SQLite file with the demo data and an in-process BRP, logs Suzanne Moulin in
(a server-side session like a real login makes), warms each page up, then times 300 requests per page and prints
the median and p95 and the CPU time per request (process time: a wait for a lock or another process does not
count), and, from 300 more requests under the profiler, the share of the time spent in the session store, the
database, templates, translations, logging and the rest (from pyinstrument's call tree: time under frames of those
modules). After the pages, a step of the e-form FORM as a GET and as a valid POST (validate + autosave, answered
with 302 to the next step), as bench/load_pages.py drives them.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

from bench.load_pages import FORM, PAGES

# Frames whose file path contains one of these count for that share (first match, outermost frame wins).
SHARES = {
    "session": ("portal/sessions.py",),
    "database": ("sqlalchemy/", "sqlite3", "psycopg/"),
    "template": ("jinja2/", "markupsafe/"),
    "i18n": ("babel/", "flask_babel/", "portal/i18n.py"),
    "logging": ("logging/", "portal/logs.py"),
}


def build_app(redis: bool, cache: bool = True):
    from portal import create_app
    from portal.db import make_engine
    from portal.demo import load_demo_data
    from portal.integrations.brp import FakeBrpClient
    from portal.mock_brp.data import persons_by_bsn
    from tests.conftest import load_casetypes, migrate

    folder = tempfile.mkdtemp(prefix="mg-profile-")
    url = f"sqlite:///{folder}/portal.db"
    engine = make_engine(url)
    migrate(engine)
    load_casetypes(engine)
    overrides = {
        "DB_ENGINE": engine,
        "DATABASE_URL": url,
        "RATELIMIT_ENABLED": False,
        "LOG_FILE": os.devnull,
        "SESSION_BACKEND": "redis" if redis else "database",
        "PAGE_CACHE_ENABLED": cache,
    }
    app = create_app("development", overrides)
    # The BRP answers in process (the test persons), so the figures are the portal's own, not a network's.
    app.extensions["brp_client"] = FakeBrpClient(persons_by_bsn())
    with app.app_context():
        load_demo_data()
    return app


def logged_in_client(app):
    client = app.test_client()
    with client.session_transaction() as session:
        session["resident"] = {"sub": "profile-sub", "bsn": "999993653", "level": "midden"}
        session["_user_id"] = "profile-sub"
    return client


def form_step(client) -> tuple[str, dict]:
    """Start a draft of FORM as the logged-in resident: (the first step's path, a valid POST for it)."""
    start = client.get(f"/formulier/{FORM}")
    token = re.search(r'name="csrf_token" value="([^"]+)"', start.get_data(as_text=True)).group(1)
    begun = client.post(f"/formulier/{FORM}", data={"csrf_token": token})
    assert begun.status_code == 302, begun.status_code
    return begun.headers["Location"], {"csrf_token": token, "vraag": "Over mijn afvalpas"}


def shares(session) -> dict[str, float]:
    totals = dict.fromkeys([*SHARES, "rest"], 0.0)
    root = session.root_frame()

    def walk(frame, owner):
        own = frame.time - sum(child.time for child in frame.children)
        path = frame.file_path or ""
        owner = owner or next((name for name, parts in SHARES.items() if any(p in path for p in parts)), None)
        totals[owner or "rest"] += own
        for child in frame.children:
            walk(child, owner)

    if root is not None:
        walk(root, None)
    total = sum(totals.values()) or 1.0
    return {name: value / total for name, value in totals.items()}


def profile(client, path: str, count: int, html_dir: Path | None, data: dict | None = None):
    """(milliseconds per request, CPU milliseconds per request, shares). With `data`: a POST, answered 302."""
    from pyinstrument import Profiler

    def send():
        return client.post(path, data=data) if data else client.get(path)

    for _ in range(20):
        assert send().status_code == (302 if data else 200), path
    timings = []
    cpu_started = time.process_time()
    for _ in range(count):
        started = time.perf_counter()
        send()
        timings.append((time.perf_counter() - started) * 1000)
    cpu = (time.process_time() - cpu_started) * 1000 / count
    profiler = Profiler(interval=0.0002)  # a second run: the profiler's own cost stays out of the timings
    profiler.start()
    for _ in range(count):
        send()
    session = profiler.stop()
    if html_dir:
        html_dir.mkdir(parents=True, exist_ok=True)
        name = (path.strip("/").replace("/", "_") or "start") + ("_post" if data else "")
        (html_dir / name).with_suffix(".html").write_text(profiler.output_html())
    return timings, cpu, shares(session)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--redis", action="store_true", help="Redis sessions (127.0.0.1:6379)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--html", type=Path, help="write one pyinstrument HTML profile per page here")
    parser.add_argument(
        "--no-cache", action="store_true", help="without the page cache: every request builds its page (a first view)"
    )
    args = parser.parse_args()
    app = build_app(args.redis, cache=not args.no_cache)
    client = logged_in_client(app)
    print(f"{'page':<28}{'p50 ms':>8}{'p95 ms':>8}{'cpu ms':>8}  " + "".join(f"{n:>10}" for n in [*SHARES, "rest"]))
    step, body = form_step(client)
    runs = [(path, path, None) for path in PAGES.values()]
    runs += [(f"{FORM} step GET", step, None), (f"{FORM} step POST", step, body)]
    for label, path, data in runs:
        timings, cpu, share = profile(client, path, args.requests, args.html, data)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(
            f"{label:<28}{statistics.median(timings):>8.2f}{p95:>8.2f}{cpu:>8.2f}  "
            + "".join(f"{share[name]:>10.0%}" for name in [*SHARES, "rest"])
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
