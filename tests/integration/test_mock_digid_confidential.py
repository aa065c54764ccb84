"""The mock DigiD with a confidential client (a client secret configured), through Flask's test client."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pytest

from portal import create_app
from portal.db import make_engine
from tests.conftest import migrate
from tests.integration.test_mock_digid import CLIENT_ID, CSRF, authorize_url, pkce
from tests.support.recorder import RequestRecorder


@pytest.fixture(scope="module")
def confidential(tmp_path_factory):
    """The mock with a client secret configured, through Flask's test client."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('confidential')}/portal.db"
    engine = make_engine(database_url)
    migrate(engine)
    app = create_app(
        "test",
        {
            "MOCK_DIGID_ENABLED": True,
            "MOCK_BRP_ENABLED": False,
            "OIDC_CLIENT_SECRET": "geheim",
            "PUBLIC_BASE_URL": "http://127.0.0.1:5999",
            "DB_ENGINE": engine,
            "DATABASE_URL": database_url,
        },
    )
    RequestRecorder.install(app)
    return app


def confidential_code(app):
    browser = app.test_client()
    verifier, challenge = pkce()
    url = authorize_url(
        {"portal": "http://127.0.0.1:5999", "metadata": {"authorization_endpoint": "/mock-digid/authorize"}},
        challenge=challenge,
    )
    token = CSRF.search(browser.get(url).get_data(as_text=True)).group(1)
    answer = browser.post(
        url, data={"csrf_token": token, "persoon": "999995078", "niveau": "hoog", "actie": "inloggen"}
    )
    return parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0], verifier


def confidential_exchange(app, code, verifier, headers=None, **extra):
    return app.test_client().post(
        "/mock-digid/token",
        headers=headers or {},
        data={
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": "http://127.0.0.1:5999/inloggen/terug",
            **extra,
        },
    )


def test_client_with_a_secret_authenticates_at_the_token_endpoint(confidential):
    code, verifier = confidential_code(confidential)
    basic = base64.b64encode(f"{CLIENT_ID}:geheim".encode()).decode()
    answer = confidential_exchange(confidential, code, verifier, headers={"Authorization": f"Basic {basic}"})
    assert answer.status_code == 200 and answer.json["id_token"]


def test_client_with_a_secret_may_post_it(confidential):
    code, verifier = confidential_code(confidential)
    answer = confidential_exchange(confidential, code, verifier, client_id=CLIENT_ID, client_secret="geheim")
    assert answer.status_code == 200


@pytest.mark.parametrize("secret", [None, "fout"])
def test_client_with_a_secret_is_refused_without_it(confidential, secret):
    code, verifier = confidential_code(confidential)
    extra = {"client_id": CLIENT_ID} | ({"client_secret": secret} if secret else {})
    answer = confidential_exchange(confidential, code, verifier, **extra)
    assert answer.status_code == 401 and answer.json["error"] == "invalid_client"
