"""WSGI entry point for the throughput benchmark: the portal plus /bench/bare, configured from the environment.

BENCH_DATABASE_URL, BENCH_SECRET_KEY and BENCH_LOG_FILE are set by bench.throughput.
"""

import os

from bench.appsettings import CONFIG_NAME, add_bare_endpoint, app_overrides
from portal import create_app

app = add_bare_endpoint(
    create_app(
        CONFIG_NAME,
        app_overrides(
            os.environ["BENCH_DATABASE_URL"],
            os.environ["BENCH_SECRET_KEY"],
            os.environ.get("BENCH_LOG_FILE", os.devnull),
        ),
    )
)
