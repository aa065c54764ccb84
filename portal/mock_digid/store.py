"""The mock DigiD's own tables: created only where the mock runs, never by the portal's migrations."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from portal.models.mock_digid import MockBase


def create_tables(engine: Engine) -> None:
    """Create the mock's tables if they are missing (idempotent)."""
    try:
        MockBase.metadata.create_all(engine, checkfirst=True)
    except (OperationalError, ProgrammingError):
        # Two processes starting at once (gunicorn workers) may both find the tables missing;
        # the loser's CREATE fails because the winner's exists. Anything else fails again on first use.
        if not _exists(engine):
            raise


def _exists(engine: Engine) -> bool:
    return set(MockBase.metadata.tables) <= set(inspect(engine).get_table_names())
