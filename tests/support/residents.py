"""A portal app with its own settings and a resident already logged in (the session set directly)."""

from __future__ import annotations

from portal import create_app
from portal.db import use_session_factory


def resident_client(mock_services, db_engine, db_factory, *, bsn: str = "999993653", **settings):
    from tests.conftest import portal_overrides

    app = create_app("test", portal_overrides(mock_services, db_engine) | settings)
    use_session_factory(app, db_factory)
    client = app.test_client()
    with client.session_transaction() as session:
        session["resident"] = {"sub": "s", "bsn": bsn, "level": "midden"}
        session["_user_id"] = "s"
    return client
