"""CPU per request of the booking's day step and time step, in process, next to Mijn zaken.

    .venv/bin/python -m bench.appointment_steps [--requests 200] [--profile]

It builds the portal as bench/profile_pages.py does (a scratch SQLite file, the demo data, an in-process BRP),
logs Suzanne Moulin in, warms each page up, then prints the CPU time (time.thread_time) and the wall time per
request over `--requests` GETs through the Flask test client: the day step of a passport appointment at the town
hall, the time step of its first free day, and for comparison Mijn zaken as a page-cache hit and as a first
render (a second portal without the page cache). `--profile` prints a pyinstrument profile of each booking step.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

from bench.load_pages import BOOKING
from bench.profile_pages import build_app, logged_in_client

DAYS = f"/afspraak-maken/{BOOKING}"


def first_day_path(client) -> str:
    page = client.get(DAYS).get_data(as_text=True)
    found = re.search(rf'href="({re.escape(DAYS)}/\d{{4}}-\d{{2}}-\d{{2}}(?:\?[^"]*)?)"', page)
    if not found:
        raise RuntimeError(f"{DAYS}: no free day")
    return found.group(1).replace("&amp;", "&")


def measure(client, path: str, count: int) -> tuple[float, float, float]:
    """(CPU ms per request, wall p50 ms, wall p95 ms) over `count` GETs after 20 warm-up GETs."""
    for _ in range(20):
        assert client.get(path).status_code == 200, path
    walls = []
    cpu_started = time.thread_time()
    for _ in range(count):
        started = time.perf_counter()
        client.get(path)
        walls.append((time.perf_counter() - started) * 1000)
    cpu = (time.thread_time() - cpu_started) * 1000 / count
    return cpu, statistics.median(walls), statistics.quantiles(walls, n=20)[-1]


def profile(client, path: str, count: int) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(count):
        client.get(path)
    profiler.stop()
    print(profiler.output_text(color=False, show_all=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    app = build_app(redis=False)
    client = logged_in_client(app)
    pages = {"day step": DAYS, "time step": first_day_path(client), "Mijn zaken, cached": "/mijn-zaken"}
    print(f"{'page':<26}{'CPU ms/request':>16}{'p50 ms':>9}{'p95 ms':>9}  path")
    runs = [(label, client, path) for label, path in pages.items()]
    runs.append(("Mijn zaken, first render", logged_in_client(build_app(redis=False, cache=False)), "/mijn-zaken"))
    for label, each, path in runs:
        cpu, p50, p95 = measure(each, path, args.requests)
        print(f"{label:<26}{cpu:>16.2f}{p50:>9.2f}{p95:>9.2f}  {path}")
    if args.profile:
        for path in list(pages.values())[:2]:
            profile(client, path, args.requests)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
