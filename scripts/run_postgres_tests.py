"""Run the database-backed tests again on PostgreSQL, in a fresh database that is dropped afterwards.

Only the tests with the `database` marker run: conftest sets it on every test that uses the test database
(tests/support/dbuse.py); the others cannot behave differently on PostgreSQL.

Arguments name other test paths than the default three folders. Local runs skip (with a message) when no
PostgreSQL server answers; in CI (CI=true) that is an error. The server defaults to 127.0.0.1:5432, user
postgres (POSTGRES_ADMIN_URL overrides).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import psycopg

ADMIN_URL = os.environ.get("POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SUITES = ["tests/unit", "tests/integration", "tests/meta"]


def main(paths: list[str]) -> int:
    in_ci = os.environ.get("CI", "").lower() == "true"
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if in_ci:
            print(f"PostgreSQL is required in CI but not reachable at {ADMIN_URL}: {error}", file=sys.stderr)
            return 1
        print(f"PostgreSQL not reachable at {ADMIN_URL}: skipping the PostgreSQL run.")
        return 0
    name = f"mijngemeente_test_{uuid.uuid4().hex[:8]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        base = ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        env = os.environ | {"TEST_DATABASE_URL": f"{base}/{name}", "PORTAL_ENV": "test"}
        print(f"Running the database tests on PostgreSQL ({name})...", flush=True)
        return subprocess.call([sys.executable, "-m", "pytest", "-q", "-m", "database", *(paths or SUITES)], env=env)
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
