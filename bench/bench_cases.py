"""Benchmark of the resident's "Mijn zaken" pages on PostgreSQL. Prints figures; it is not a test.

    .venv/bin/python -m bench.bench_cases            # 10,000 then 1,000,000 cases (a few minutes)
    .venv/bin/python -m bench.bench_cases --help

Creates its own database (POSTGRES_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres), loads
100,000 residents and their cases, measures, and drops the database at the end, also on error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import runpy
import secrets
import sys
import tempfile
import traceback
from pathlib import Path

from sqlalchemy import create_engine

from bench import report
from bench.database import bench_database, create_server_session, resident_session_data, vacuum_analyze
from bench.latency import measure_latency
from bench.load import RESIDENTS, load_cases, measured_resident
from bench.throughput import check_status, drive, gunicorn
from portal.config import ROOT

FIRST_SIZE = 10_000  # the measured resident's cases all lie within the first 10,000


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,1000000", help="case counts to measure at, ascending")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per page and size")
    parser.add_argument("--warmup", type=int, default=30, help="untimed requests per page before timing")
    parser.add_argument("--threads", type=int, default=8, help="client threads for the throughput run")
    parser.add_argument("--seconds", type=float, default=10, help="seconds per endpoint in the throughput run")
    parser.add_argument("--rounds", type=int, default=5, help="the throughput endpoints take turns this many times")
    parser.add_argument("--explain", action="store_true", help="also print EXPLAIN ANALYZE of each page's queries")
    args = parser.parse_args(argv)
    args.sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    if args.sizes != sorted(args.sizes) or args.sizes[0] < FIRST_SIZE:
        parser.error(f"--sizes must be ascending and start at {FIRST_SIZE:,} or more")
    return args


def gunicorn_setup(args) -> str:
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return (
        f"gunicorn.conf.py: {settings['workers']} workers x {settings['threads']} threads, "
        f"{settings['worker_class']}; client: {args.threads} threads, keep-alive, {args.seconds:g} s per endpoint "
        f"in {args.rounds} alternating rounds"
    )


def measure_throughput(url: str, bsn: str, secret_key: str, workdir: str, args) -> dict[str, dict]:
    """Each endpoint's time is split over rounds that take turns, so background load hits them alike."""
    engine = create_engine(url)
    token = create_server_session(engine, resident_session_data(bsn))
    engine.dispose()
    runs = {
        "/bench/bare (no cookie)": ("/bench/bare", None),
        "/bench/bare (with session cookie)": ("/bench/bare", token),
        "/mijn-zaken": ("/mijn-zaken", token),
    }
    totals = {label: {"ok": 0, "failed": 0, "seconds": 0.0} for label in runs}
    with gunicorn(url, secret_key, os.path.join(workdir, "portal.log"), os.path.join(workdir, "gunicorn.log")) as port:
        check_status(port, "/bench/bare", None)
        check_status(port, "/mijn-zaken", token)
        check_status(port, "/mijn-zaken", None, expected=302)  # the cookie is what logs in
        for path, cookie in runs.values():
            drive(port, path, cookie, threads=args.threads, seconds=min(2.0, args.seconds))  # warm-up
        for _ in range(args.rounds):
            for label, (path, cookie) in runs.items():
                result = drive(port, path, cookie, threads=args.threads, seconds=args.seconds / args.rounds)
                for key in totals[label]:
                    totals[label][key] += result[key]
    return {label: {**total, "rps": total["ok"] / total["seconds"]} for label, total in totals.items()}


def server_version(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as connection:
        version = connection.exec_driver_sql("SHOW server_version").scalar()
    engine.dispose()
    return f"PostgreSQL {version}"


def run(args, workdir: str) -> list[str]:
    """Load, measure at each size, then measure throughput at the largest; return the report lines."""
    secret_key, log_file = secrets.token_urlsafe(32), os.path.join(workdir, "portal.log")
    latency, loaded, lines, load_averages = {}, 0, [], []
    with bench_database() as url:
        for size in args.sizes:
            print(f"Loading cases {loaded + 1:,}..{size:,} ...", flush=True)
            seconds = load_cases(url, loaded + 1, size)
            vacuum_seconds = vacuum_analyze(url)
            lines.append(
                f"Loaded {size - loaded:,} cases in {seconds:.0f} s (+ VACUUM ANALYZE {vacuum_seconds:.0f} s)"
                f", {size:,} in total"
            )
            if not loaded:
                bsn, reference, counts = measured_resident(url)
            loaded = size
            pages = {"Mijn zaken": "/mijn-zaken", "Case page": f"/mijn-zaken/{reference}"}
            print(f"Measuring latency at {size:,} cases ...", flush=True)
            load_averages.append(f"latency at {size:,}: {os.getloadavg()[0]:.1f}")
            latency[size] = measure_latency(
                url,
                bsn,
                pages,
                secret_key=secret_key,
                log_file=log_file,
                requests=args.requests,
                warmup=args.warmup,
                explain=args.explain,
            )
        print(f"Measuring throughput under gunicorn at {loaded:,} cases ...", flush=True)
        load_averages.append(f"throughput: {os.getloadavg()[0]:.1f}")
        throughput = measure_throughput(url, bsn, secret_key, workdir, args)
        header = (
            f"{server_version(url)}, {os.cpu_count()} CPUs; {RESIDENTS:,} residents; the measured resident "
            f"has {counts['cases']} cases ({counts['open']} open); case page: an open case"
        )
    lines.append(
        f"1-min load average as each measurement began ({', '.join(load_averages)}); "
        "other work on the machine skews the figures"
    )
    return [
        header,
        *lines,
        "",
        *report.latency_table(latency, args.requests, args.warmup),
        "",
        *report.throughput_table(throughput, gunicorn_setup(args)),
        *report.plans(latency),
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mg-bench-") as workdir:
        try:
            lines = run(args, workdir)
        except Exception:
            # SQLAlchemy errors quote their parameters, which may hold the resident's BSN.
            print(report.redacted(traceback.format_exc()), file=sys.stderr)
            server_log = Path(workdir, "gunicorn.log")
            if server_log.exists():
                tail = "\n".join(server_log.read_text(errors="replace").splitlines()[-30:])
                print("gunicorn log, last lines:\n" + report.redacted(tail), file=sys.stderr)
            return 1
    print("\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
