"""32 concurrent connections on every resident page of a running portal (`make run`), with wrk; prints the
non-2xx answers per page.

    PORT=5002 make run &                        # the embedded defaults: SQLite file, mock DigiD, mock BRP
    .venv/bin/python -m bench.pages_load --base-url http://127.0.0.1:5002 [--connections 32 --seconds 10]

It logs in once through the mock DigiD (as Suzanne Moulin, who has the demo cases) and gives wrk that session
cookie. A Lua script counts every answer outside 200-299 (wrk itself only counts 4xx and 5xx as errors; a 302 to
the login page would be a failure here too). Socket errors (refused, timed out) are printed as well.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

import requests

PAGES = {
    "start": "/",
    "overview": "/mijn-overzicht",
    "my cases": "/mijn-zaken",
    "a case": "/mijn-zaken/ZK-SMB3-TAAK",  # has an unread message: the first readers mark it read
    "my details": "/mijn-gegevens",
}
SUZANNE = "999993653"

COUNT_NON_2XX = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("non2xx") end
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d non2xx=%d socket_errors=%d p99_ms=%.1f\\n", summary.requests, total,
    errors.connect + errors.read + errors.write + errors.timeout, latency:percentile(99) / 1000))
end
"""


def log_in(base: str, bsn: str = SUZANNE) -> requests.Session:
    """The real round trip through the mock DigiD on the same server, as a browser does it."""
    browser = requests.Session()
    authorize = browser.get(f"{base}/inloggen", allow_redirects=False, timeout=10).headers["Location"]
    page = browser.get(authorize, timeout=10)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    answer = browser.post(authorize, data={"csrf_token": token, "bsn": bsn, "niveau": "midden", "actie": "inloggen"},
                          allow_redirects=False, timeout=10)
    back = browser.get(urljoin(base, answer.headers["Location"]), allow_redirects=False, timeout=10)
    if back.status_code != 302 or "/inloggen" in back.headers.get("Location", ""):
        raise SystemExit(f"login through the mock DigiD failed ({back.status_code})")
    return browser


def run_wrk(url: str, cookie: str, script: Path, args) -> dict[str, float]:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s",
               "-H", f"Cookie: {cookie}", "-s", str(script), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    figures = dict(item.split("=") for item in line.split()[1:])
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    return {**{key: float(value) for key, value in figures.items()}, "rps": float(rate.group(1)) if rate else 0.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:5000")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 1
    browser = log_in(args.base_url)
    cookie = "; ".join(f"{name}={value}" for name, value in browser.cookies.items())
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "count.lua"
        script.write_text(COUNT_NON_2XX)
        print(f"{args.connections} connections, {args.seconds} s per page, against {args.base_url}")
        print(f"{'page':<12} {'requests':>9} {'req/s':>8} {'p99 ms':>8} {'non-2xx':>8} {'socket errors':>14}")
        for name, path in PAGES.items():
            result = run_wrk(f"{args.base_url}{path}", cookie, script, args)
            failed += int(result["non2xx"] + result["socket_errors"])
            print(f"{name:<12} {int(result['requests']):>9} {result['rps']:>8.1f} {result['p99_ms']:>8.1f} "
                  f"{int(result['non2xx']):>8} {int(result['socket_errors']):>14}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
