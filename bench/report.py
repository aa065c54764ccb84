"""The printed figures."""

from __future__ import annotations

import math
import re

LATENCY_TARGET = 1.3  # p95 at the largest size within 1.3x of the smallest
THROUGHPUT_TARGET = 0.30  # Mijn zaken at least 30% of the bare endpoint's requests/s


_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
_SESSION_KEY = re.compile(r"\b[0-9a-f]{64}\b")


def redacted(text: str) -> str:
    """Anything that looks like a BSN or a session key blanked out: for every line that may quote the database."""
    return _SESSION_KEY.sub("[session key]", _NINE_DIGITS.sub("[bsn]", text))


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def latency_table(latency: dict[int, dict], requests: int, warmup: int) -> list[str]:
    lines = [
        f"Latency, in process (Flask test client), {requests} requests per page after {warmup} warm-up",
        f"  {'page':<12} {'cases':>10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL/request':>12}",
    ]
    sizes = sorted(latency)
    for label in latency[sizes[0]]:
        for size in sizes:
            result = latency[size][label]
            timings = result["timings"]
            lines.append(
                f"  {label:<12} {size:>10,} {percentile(timings, 0.5):>8.1f} {percentile(timings, 0.95):>8.1f}"
                f" {max(timings):>8.1f} {result['statements']:>12}"
            )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        lines.append(f"  p95 at {large:,} / p95 at {small:,} (target <= {LATENCY_TARGET:.2f}x):")
        for label in latency[small]:
            ratio = percentile(latency[large][label]["timings"], 0.95) / percentile(
                latency[small][label]["timings"], 0.95
            )
            lines.append(f"    {label:<12} {ratio:.2f}x  {_verdict(ratio <= LATENCY_TARGET)}")
    return lines


def throughput_table(throughput: dict[str, dict], setup: str) -> list[str]:
    lines = [f"Throughput under gunicorn ({setup})", f"  {'endpoint':<34} {'requests/s':>10} {'200s':>8} {'failed':>7}"]
    for label, result in throughput.items():
        lines.append(f"  {label:<34} {result['rps']:>10.1f} {result['ok']:>8} {result['failed']:>7}")
    bare, with_session, cases = (result["rps"] for result in throughput.values())
    ratio = cases / bare
    lines.append(
        f"  Mijn zaken / bare (target >= {THROUGHPUT_TARGET:.0%}): {ratio:.0%}  {_verdict(ratio >= THROUGHPUT_TARGET)}"
    )
    lines.append(f"  (Mijn zaken / bare with the session lookup: {cases / with_session:.0%})")
    return lines


def plans(latency: dict[int, dict]) -> list[str]:
    lines = []
    for size, pages in sorted(latency.items()):
        for label, result in pages.items():
            if result["plans"]:
                lines += ["", f"Query plans: {label} at {size:,} cases", *result["plans"]]
    return lines
