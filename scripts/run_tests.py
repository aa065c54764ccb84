"""`make test`: the whole suite in four runs at once, so that the machine's cores are busy while a run waits
(a browser test spends most of its time waiting for Chromium and the live server).

- the browser tests (tests/browser) in two runs, each with its own Chromium and portal: the modules in name
  order, every other one to each run, so each run is a fixed part of a serial run, in the same order (the
  browser tests of one run share one portal, and some read demo data that later modules change);
- every other test on SQLite;
- the database tests again on PostgreSQL (`scripts/run_postgres_tests.py`: skipped locally without a server,
  required in CI).

They use different databases, and each run scans its own logs and URLs for a BSN. Each run's output goes to
test-artifacts/runs/<name>.log and is printed whole when the run ends; the exit status is non-zero if any failed.
Extra arguments go to the three SQLite runs (for example `-x` or `-k name`).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOGS = ROOT / "test-artifacts" / "runs"
PYTEST = [sys.executable, "-m", "pytest"]
BROWSER_RUNS = 2


def runs(extra: list[str]) -> dict[str, list[str]]:
    modules = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests" / "browser").glob("test_*.py"))
    browser = {f"browser-{part + 1}": [*PYTEST, *extra, *modules[part::BROWSER_RUNS]] for part in range(BROWSER_RUNS)}
    return {
        **browser,
        "sqlite": [*PYTEST, "--ignore=tests/browser", *extra],
        "postgresql": [sys.executable, "scripts/run_postgres_tests.py"],
    }


_COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|deselected)")


def counts(log: str) -> dict[str, int]:
    """The figures of pytest's closing line ("12 passed, 1 skipped in 3.2s")."""
    closing = [line for line in log.splitlines() if re.search(r"\d+ (passed|failed|error).* in [\d.]+s", line)]
    found: dict[str, int] = {}
    for number, word in _COUNT.findall(closing[-1] if closing else ""):
        found[word.rstrip("s") if word.startswith("error") else word] = int(number)
    return found


def main(extra: list[str]) -> int:
    LOGS.mkdir(parents=True, exist_ok=True)
    started, processes = time.monotonic(), {}
    for name, command in runs(extra).items():
        log = (LOGS / f"{name}.log").open("w", encoding="utf-8")
        processes[name] = (subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT), log)
        print(f"started the {name} run: {' '.join(command[1:])}", flush=True)
    status, total = 0, {"passed": 0, "failed": 0, "error": 0, "skipped": 0}
    pending = dict(processes)
    while pending:
        for name, (process, log) in list(pending.items()):
            if process.poll() is None:
                continue
            log.close()
            del pending[name]
            text = (LOGS / f"{name}.log").read_text(encoding="utf-8")
            print(f"\n===== {name} run: exit {process.returncode} after {time.monotonic() - started:.0f} s =====")
            print(text, flush=True)
            status = status or process.returncode
            for word, number in counts(text).items():
                if word in total:
                    total[word] += number
        time.sleep(0.5)
    print(f"\nall runs took {time.monotonic() - started:.0f} s")
    print(f"total: {total['passed']} passed, {total['failed'] + total['error']} failed, {total['skipped']} skipped")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
