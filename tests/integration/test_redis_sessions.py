"""The optional Redis session store behaves like the database store."""

import pytest

from portal import create_app
from tests.conftest import portal_overrides
from tests.support.forms import post_form
from tests.support.services import redis_available, require

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_app(mock_services, db_engine, db_factory):
    require(redis_available(REDIS_URL), "Redis at 127.0.0.1:6379")
    overrides = portal_overrides(mock_services, db_engine) | {"SESSION_BACKEND": "redis", "REDIS_URL": REDIS_URL}
    app = create_app("test", overrides)
    from portal.db import use_session_factory

    use_session_factory(app, db_factory)
    return app


def _login(client):
    with client.session_transaction() as session:
        session["resident"] = {"sub": "redis-sub", "bsn": "999993653", "level": "midden"}
        session["_user_id"] = "redis-sub"


def test_redis_session_expires_with_the_idle_timeout_and_ends_at_logout(redis_app):
    store = redis_app.extensions["session_store"]
    client = redis_app.test_client()
    _login(client)
    assert client.get("/mijn-gegevens").status_code == 200
    keys = store.client.keys("mg:session:*")
    assert keys
    ttl = max(store.client.ttl(key) for key in keys)
    assert 14 * 60 < ttl <= 15 * 60
    token = client.get_cookie("mg_sessie").value
    post_form(client, "/uitloggen", {}, from_page="/mijn-overzicht")
    client.set_cookie("mg_sessie", token)
    assert client.get("/mijn-gegevens").status_code == 302
