"""The mock DigiD's RSA signing key: one row in the database, so every worker signs with the same key."""

from __future__ import annotations

import json
import secrets

from flask import g
from joserfc.jwk import RSAKey
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from portal.db import get_session
from portal.models.mock_digid import MockDigidKey

KEY_ROW_ID = 1


def signing_key() -> RSAKey:
    """The key, made on first use (which commits the request's session). Two workers racing to make it
    both end up with the one that was stored first."""
    if "mock_digid_key" not in g:
        g.mock_digid_key = RSAKey.import_key(json.loads(_stored_key_json()))
    return g.mock_digid_key


def public_jwks() -> dict:
    return {"keys": [signing_key().as_dict(private=False)]}


def _stored_key_json() -> str:
    db = get_session()
    row = db.scalars(select(MockDigidKey).where(MockDigidKey.id == KEY_ROW_ID)).first()
    if row is not None:
        return row.private_jwk
    key = RSAKey.generate_key(2048, parameters={"kid": secrets.token_urlsafe(12), "use": "sig", "alg": "RS256"})
    db.add(MockDigidKey(id=KEY_ROW_ID, kid=key.kid, private_jwk=json.dumps(key.as_dict(private=True))))
    try:
        db.commit()
    except (IntegrityError, OperationalError):
        # Another worker stored its key first (PostgreSQL: unique violation; SQLite in WAL mode: our read
        # snapshot went stale). Start afresh and use that key.
        db.rollback()
    return db.scalars(select(MockDigidKey.private_jwk).where(MockDigidKey.id == KEY_ROW_ID)).one()
