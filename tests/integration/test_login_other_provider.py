"""The login works unchanged against a standards-compliant OpenID Connect provider we did not write
(oidc-provider-mock, a Python package built on Authlib's server), not only against our own mock."""

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from oidc_provider_mock import User, run_server_in_thread

from portal import create_app
from portal.auth.loa import ACR_BY_LEVEL
from tests.conftest import portal_overrides

PAIRWISE_SUB = "b1f0c0a2-7d0e-4c38-9b7e-3b1a9d1c2e44"


@pytest.fixture(scope="module")
def other_provider():
    # The third-party provider logs user claims (our BSN claim included) at INFO; keep that out of the logs.
    logging.getLogger("oidc_provider_mock").setLevel(logging.WARNING)
    user = User(sub=PAIRWISE_SUB, claims={"bsn": "999993653", "acr": ACR_BY_LEVEL["substantieel"]})
    with run_server_in_thread(user_claims=[user]) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture
def portal_client(other_provider, mock_services, db_engine, db_factory):
    overrides = portal_overrides(mock_services, db_engine)
    overrides["OIDC_DISCOVERY_URL"] = f"{other_provider}/.well-known/openid-configuration"
    # A confidential client, as with a real DigiD broker.
    overrides["OIDC_CLIENT_SECRET"] = "broker-issued-secret"
    app = create_app("test", overrides)
    from portal.db import use_session_factory

    use_session_factory(app, db_factory)
    return app.test_client()


def test_login_against_a_provider_we_did_not_write(portal_client, other_provider):
    start = portal_client.get("/inloggen")
    assert start.status_code == 302
    authorize_url = start.headers["Location"]
    assert authorize_url.startswith(other_provider)
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"] and query["nonce"]

    answer = requests.post(authorize_url, data={"sub": PAIRWISE_SUB}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    landed = portal_client.get(f"{back.path}?{back.query}")

    assert landed.status_code == 302
    assert landed.headers["Location"].endswith("/mijn-overzicht")
    overview = portal_client.get("/mijn-overzicht")
    assert overview.status_code == 200
    assert "Suzanne Moulin" in overview.get_data(as_text=True)
