"""Appointments: the time to compute free days and times (3 locations x 90 days), and booking requests/s next to
a bare Flask endpoint under the same gunicorn settings, measured with wrk.

    .venv/bin/python -m bench.bench_appointments [--seconds 8] [--connections 32] [--threads 2]

Needs PostgreSQL (POSTGRES_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres) and wrk.
A scratch database is created and always dropped. "Booking" is the POST that holds a chosen time (the step
that claims a seat in the database); every request uses its own session and its own time, as real residents do.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import time
from datetime import timedelta

from sqlalchemy import create_engine

from bench.database import bench_database, create_server_session
from bench.throughput import gunicorn
from portal.config import ROOT

PAIRS = (("paspoort-id-kaart", "stadhuis"), ("paspoort-id-kaart", "servicepunt-noord"), ("wmo-gesprek", "thuis"))
SESSIONS = 2048
SUZANNE = "999993653"  # the RvIG test person Suzanne Moulin (public test data), never printed
DAYS_PATH = "/afspraak-maken/paspoort-id-kaart/stadhuis"
LUA = """
local pairs_ = {}
for line in io.lines("%(file)s") do
  local cookie, path, body = line:match("([^\\t]+)\\t([^\\t]+)\\t([^\\t]+)")
  pairs_[#pairs_ + 1] = {cookie, path, body}
end
local counter = 0
local id = 0
function setup(thread) id = id + 1; thread:set("id", id) end
function init(args) counter = (tonumber(wrk.thread:get("id")) or 1) * 997 end
function request()
  counter = counter + 1
  local item = pairs_[(counter %% #pairs_) + 1]
  return wrk.format("POST", item[2], {["Cookie"] = "mg_sessie=" .. item[1],
    ["Content-Type"] = "application/x-www-form-urlencoded"}, item[3])
end
"""


def compute_figures(app, *, kept: bool) -> list[str]:
    """Free days for 90 days and then every free day's times, per (product, location), in process. `kept`: with
    the opening grids the previous run kept (what a worker does once warm); else computed from the agenda anew."""
    from portal.i18n import local_today
    from portal.queries import appointment_agenda
    from portal.queries import appointments as queries

    lines = []
    with app.app_context():
        for product_slug, location_slug in PAIRS:
            product, location = queries.product_by_slug(product_slug), queries.location_by_slug(location_slug)
            product.horizon_days = 90
            if not kept:
                appointment_agenda.forget_grids()
            started = time.perf_counter()
            days = queries.open_days(product, location, local_today())
            days_ms = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            slots = sum(len(queries.open_slots(product, location, day)) for day in days)
            slots_ms = (time.perf_counter() - started) * 1000
            lines.append(
                f"  {product_slug} @ {location_slug}: {len(days)} free days in {days_ms:.1f} ms; "
                f"{slots} free times on those days in {slots_ms:.1f} ms"
            )
    return lines


def resident_session(engine, number: int) -> str:
    """A logged-in resident's session (the passport product needs a login): its own sub, so its own rate limit
    and hold owner; the BSN is the public RvIG test person Suzanne Moulin's."""
    sub = f"bench-sub-{number:05d}"
    resident = {"sub": sub, "bsn": SUZANNE, "level": "midden"}
    data = {"afspraak_owner": f"bench-{number:05d}", "resident": resident, "_user_id": sub, "_fresh": True}
    return create_server_session(engine, data)


def _booking_targets(app, engine, directory: str) -> tuple[str, str]:
    """One line per session: cookie, the time step's path and a free time. Returns (file, the time step's path)."""
    from portal.i18n import local_today
    from portal.queries import appointments as queries

    rows = []
    with app.app_context():
        product, location = queries.product_by_slug("paspoort-id-kaart"), queries.location_by_slug("stadhuis")
        for day in queries.open_days(product, location, local_today() + timedelta(days=1)):
            for slot in queries.open_slots(product, location, day):
                rows.append(
                    (
                        f"/afspraak-maken/{product.slug}/{location.slug}/{day.isoformat()}",
                        f"time={slot.starts_at.isoformat()}",
                    )
                )
    rows = rows[:SESSIONS]
    path = os.path.join(directory, "targets.tsv")
    with open(path, "w") as output:
        for number, (url, body) in enumerate(rows):
            cookie = resident_session(engine, number)
            output.write(f"{cookie}\t{url}\t{body}\n")
    return path, rows[0][0]


def wrk(port: int, path: str, args, script: str | None = None, cookie: str | None = None) -> tuple[float, int]:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s"]
    if script:
        command += ["-s", script]
    if cookie:
        command += ["-H", f"Cookie: mg_sessie={cookie}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    if errors:
        print(f"    wrk: {errors.group(0)}")
    return rate, int(failed.group(1)) if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk).")
        return 1
    with bench_database() as url, tempfile.TemporaryDirectory() as directory:
        app = _loaded_app(url)
        compute_figures(app, kept=False)  # warm-up: the holiday tables, the first connections, the query caches
        print("Free days and times, 3 locations x 90 days (PostgreSQL, in process, after one warm-up run):")
        print("  the opening grids computed anew:\n" + "\n".join(compute_figures(app, kept=False)))
        print("  the opening grids kept (a warm worker):\n" + "\n".join(compute_figures(app, kept=True)))
        engine = create_engine(url)
        targets, times_path = _booking_targets(app, engine, directory)
        script = os.path.join(directory, "book.lua")
        with open(script, "w") as output:
            output.write(LUA % {"file": targets})
        cookie = resident_session(engine, SESSIONS)
        print(
            f"\nUnder gunicorn ({ROOT / 'gunicorn.conf.py'}), wrk -t{args.threads} -c{args.connections} "
            f"-d{args.seconds}s, load average {os.getloadavg()[0]:.1f}:"
        )
        runs = [
            ("GET /bench/bare", "/bench/bare", None, None),
            ("GET the day step (free days of the coming weeks)", DAYS_PATH, None, cookie),
            ("GET the time step (free times of a day)", times_path, None, cookie),
            ("POST the time step (hold a time: a booking)", "/", script, None),
        ]
        with gunicorn(url, "bench-secret", os.devnull, os.path.join(directory, "server.log")) as port:
            _check_pages(port, [DAYS_PATH, times_path], cookie)
            _measure(port, runs, args)
        engine.dispose()
    return 0


def _loaded_app(url: str):
    from bench.appsettings import CONFIG_NAME, app_overrides
    from portal import create_app
    from portal.appointments.agenda import sync_agenda
    from portal.db import get_session

    app = create_app(CONFIG_NAME, app_overrides(url, "bench-secret", os.devnull))
    with app.app_context():
        sync_agenda(get_session())
        get_session().commit()
    return app


def _check_pages(port: int, paths: list[str], cookie: str) -> None:
    """Each page answers 200 to the resident's session (a 302 to the login page would pass as a 3xx in wrk)."""
    import requests

    for path in paths:
        response = requests.get(
            f"http://127.0.0.1:{port}{path}", cookies={"mg_sessie": cookie}, allow_redirects=False, timeout=10
        )
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code} with the resident's session, not 200")


def _measure(port: int, runs: list, args) -> None:
    results = {}
    for label, path, lua, session_cookie in runs:
        results[label] = wrk(port, path, args, lua, session_cookie)
        print(f"  {label}: {results[label][0]:.0f} requests/s, {results[label][1]} non-2xx/3xx")
    bare = results["GET /bench/bare"][0]
    for label, (rate, _failed) in list(results.items())[1:]:
        print(f"  {label}: {rate / bare:.0%} of the bare endpoint")


if __name__ == "__main__":
    raise SystemExit(main())
