"""The mock DigiD's signing key is made once and shared by every worker, even when two race to make it."""

from __future__ import annotations

import json

import pytest
from joserfc.jwk import RSAKey
from sqlalchemy import func, insert, select

from portal import create_app
from portal.db import make_engine
from portal.mock_digid import keys
from portal.models.mock_digid import MockDigidKey
from tests.conftest import migrate


@pytest.fixture
def own_app(tmp_path):
    database_url = f"sqlite:///{tmp_path}/portal.db"
    engine = make_engine(database_url)
    migrate(engine)
    return create_app(
        "test",
        {"MOCK_DIGID_ENABLED": True, "MOCK_BRP_ENABLED": False, "DB_ENGINE": engine, "DATABASE_URL": database_url},
    )


def key_rows(own_app) -> int:
    with own_app.extensions["db_engine"].connect() as connection:
        return connection.scalar(select(func.count()).select_from(MockDigidKey))


def test_key_is_made_on_first_use_and_then_reused(own_app):
    with own_app.app_context():
        first = keys.signing_key()
    with own_app.app_context():
        again = keys.signing_key()
    assert first.kid == again.kid and first.as_dict(private=True) == again.as_dict(private=True)
    assert key_rows(own_app) == 1
    assert "d" not in keys_public(own_app)


def keys_public(own_app) -> dict:
    with own_app.app_context():
        return keys.public_jwks()["keys"][0]


def test_a_worker_that_loses_the_race_uses_the_key_stored_first(own_app, monkeypatch):
    other_worker_key = RSAKey.generate_key(2048, parameters={"kid": "other-worker"})
    generate = RSAKey.generate_key

    def generate_while_another_worker_stores_its_key(*args, **kwargs):
        with own_app.extensions["db_engine"].begin() as connection:
            connection.execute(
                insert(MockDigidKey).values(
                    id=keys.KEY_ROW_ID,
                    kid="other-worker",
                    private_jwk=json.dumps(other_worker_key.as_dict(private=True)),
                )
            )
        return generate(*args, **kwargs)

    monkeypatch.setattr(keys.RSAKey, "generate_key", generate_while_another_worker_stores_its_key)
    with own_app.app_context():
        assert keys.signing_key().kid == "other-worker"
    assert key_rows(own_app) == 1
