"""The mock DigiD's RSA signing key: one row in the database, so every worker signs with the same key."""

from __future__ import annotations

import json
import secrets

from flask import g
from joserfc.jwk import RSAKey
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.db import own_transaction
from portal.models.mock_digid import MockDigidKey

KEY_ROW_ID = 1


def signing_key() -> RSAKey:
    """The key, made on first use in a transaction of its own. Two workers racing to make it both end up
    with the one that was stored first."""
    if "mock_digid_key" not in g:
        g.mock_digid_key = RSAKey.import_key(json.loads(_stored_key_json()))
    return g.mock_digid_key


def public_jwks() -> dict:
    return {"keys": [signing_key().as_dict(private=False)]}


def _stored_key_json() -> str:
    stored = _read_key()
    if stored is not None:
        return stored
    # Made outside any transaction: generating an RSA key takes a while and must not hold a lock.
    key = RSAKey.generate_key(2048, parameters={"kid": secrets.token_urlsafe(12), "use": "sig", "alg": "RS256"})
    try:
        with own_transaction() as db:
            db.add(MockDigidKey(id=KEY_ROW_ID, kid=key.kid, private_jwk=json.dumps(key.as_dict(private=True))))
    except IntegrityError:
        pass  # another worker stored its key first: use that one
    return _read_key()


def _read_key() -> str | None:
    with own_transaction(read_only=True) as db:
        return db.scalars(select(MockDigidKey.private_jwk).where(MockDigidKey.id == KEY_ROW_ID)).first()
