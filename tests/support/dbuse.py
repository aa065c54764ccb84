"""Which tests use the test database (TEST_DATABASE_URL), so the PostgreSQL pass runs those and skips the
tests whose outcome cannot depend on the database (`scripts/run_postgres_tests.py` selects `-m database`).

A test gets the `database` marker, at collection, when
- it uses the `db_engine` fixture, directly or through `app`, `client`, `db`, `db_factory`, ...;
- it is marked `postgres`, or marked `database` by hand;
- its module reads TEST_DATABASE_URL itself (the migration and concurrency tests build their own engines).

Nothing is kept by hand: a new test is marked by what it uses. A test without the marker that opens a
connection to the test database anyway (say through `create_app("test")`, whose default database is
TEST_DATABASE_URL) fails, with a message that says how to mark it, so it cannot slip past the PostgreSQL pass.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

MARKER = "database"


@cache
def _reads_test_database_url(path: Path) -> bool:
    return path.suffix == ".py" and "TEST_DATABASE_URL" in path.read_text(encoding="utf-8")


def uses_database(item) -> bool:
    return (
        "db_engine" in getattr(item, "fixturenames", ())
        or any(item.iter_markers("postgres"))
        or any(item.iter_markers(MARKER))
        or _reads_test_database_url(Path(str(item.path)))
    )


def mark_database_tests(items) -> None:
    for item in items:
        if uses_database(item):
            item.add_marker(MARKER)


class ConnectionWatch:
    """Notes every connection to the test database while a test without the marker runs."""

    def __init__(self):
        self.url = os.environ.get("TEST_DATABASE_URL", "sqlite://")
        self.watching = False
        self.seen: list[str] = []
        event.listen(Engine, "engine_connect", self._connected)

    def _connected(self, connection) -> None:
        if self.watching and connection.engine.url.render_as_string(hide_password=False) == self.url:
            self.seen.append(connection.engine.url.render_as_string())

    def around(self, request):
        if request.node.get_closest_marker(MARKER):
            yield
            return
        self.watching, self.seen = True, []
        try:
            yield
        finally:
            self.watching = False
        if self.seen:
            pytest.fail(
                f"{request.node.nodeid} opened the test database ({self.seen[0]}) without the `{MARKER}` marker, "
                "so the PostgreSQL pass would leave it out: use the db_engine fixture (or app, db, client), "
                f"or mark it @pytest.mark.{MARKER}.",
                pytrace=False,
            )
