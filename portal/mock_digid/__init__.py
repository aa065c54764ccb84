"""The embedded mock DigiD: a real OpenID Connect provider (Authlib) at /mock-digid.

Mounted only when MOCK_DIGID_ENABLED is on. A resident picks a test person and a level of
assurance; the portal logs in against it exactly as it would against a DigiD broker.

The mock stands in for another organisation's system, so it does not join the portal's unit of work
(portal/uow.py): every read and write of its codes, tokens and key is a short transaction of its own
(`own_transaction`). That is what a provider needs: a code it redeemed stays spent even when Authlib then
answers with an error (a 400 response, which rolls the portal's unit of work back), and it never holds
SQLite's write lock for the rest of a request.
"""

from __future__ import annotations

from flask import Flask

from portal.extensions import csrf
from portal.mock_digid.clients import build_registry
from portal.mock_digid.provider import build_resource_protector, build_server
from portal.mock_digid.store import create_tables
from portal.mock_digid.views import bp, token, userinfo


def init_app(app: Flask) -> None:
    create_tables(app.extensions["db_engine"])  # the mock's own tables, never in the portal's migrations
    app.extensions["mock_digid_clients"] = build_registry(app.config)
    app.extensions["mock_digid_server"] = build_server(app)
    app.extensions["mock_digid_protector"] = build_resource_protector()
    # The token and userinfo endpoints are called server to server; the login form keeps its CSRF token.
    csrf.exempt(token)
    csrf.exempt(userinfo)
    app.register_blueprint(bp)
