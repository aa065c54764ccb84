"""Requests per second under gunicorn (the project's gunicorn.conf.py), Mijn zaken next to a bare endpoint."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from portal.config import ROOT

USER_AGENT = "mijngemeente-bench/1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(connection: http.client.HTTPConnection, path: str, cookie: str | None) -> int:
    headers = {"User-Agent": USER_AGENT, **({"Cookie": f"mg_sessie={cookie}"} if cookie else {})}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def _wait_until_up(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            if _get(http.client.HTTPConnection("127.0.0.1", port, timeout=2), "/bench/bare", None) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s")


@contextmanager
def gunicorn(database_url: str, secret_key: str, log_file: str, server_log: str) -> Iterator[int]:
    """Run bench.wsgi_bench:app under gunicorn on a free port; yield the port; stop it (our own pid only)."""
    port = free_port()
    env = os.environ | {"BENCH_DATABASE_URL": database_url, "BENCH_SECRET_KEY": secret_key, "BENCH_LOG_FILE": log_file}
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "--config",
        "gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "bench.wsgi_bench:app",
    ]
    with open(server_log, "w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(port, process)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def check_status(port: int, path: str, cookie: str | None, expected: int = 200) -> None:
    status = _get(http.client.HTTPConnection("127.0.0.1", port, timeout=10), path, cookie)
    if status != expected:
        raise AssertionError(f"GET {path} answered {status}, not {expected} (a redirect means: not logged in)")


def _worker(port: int, path: str, cookie: str | None, deadline: float, counts: dict, lock: threading.Lock) -> None:
    ok = failed = 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while time.monotonic() < deadline:
        try:
            if _get(connection, path, cookie) == 200:
                ok += 1
            else:
                failed += 1
        except (OSError, http.client.HTTPException):
            failed += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.close()
    with lock:
        counts["ok"] += ok
        counts["failed"] += failed


def drive(port: int, path: str, cookie: str | None, *, threads: int, seconds: float) -> dict:
    """Keep-alive connections, one per thread, as fast as answers come; requests/s counts 200s only."""
    counts, lock = {"ok": 0, "failed": 0}, threading.Lock()
    started = time.monotonic()
    workers = [
        threading.Thread(target=_worker, args=(port, path, cookie, started + seconds, counts, lock))
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    return {"rps": counts["ok"] / elapsed, "ok": counts["ok"], "failed": counts["failed"], "seconds": elapsed}
