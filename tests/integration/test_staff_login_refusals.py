"""The staff client refuses what the resident client refuses (a forged provider, as in test_oidc_refusals), and a
refusal says why: no role, an invalid answer, or a provider that cannot be reached."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlsplit

import pytest

from portal import create_app
from portal.db import use_session_factory
from tests.conftest import portal_overrides
from tests.integration.test_oidc_refusals import CLIENT_ID, ISSUER, OTHER_KEY, claims, forge_provider, signed

STAFF_CLIENT_ID = "mijngemeente-medewerkers"


@pytest.fixture
def staff_rp(mock_services, db_engine, db_factory, requests_mock):
    overrides = portal_overrides(mock_services, db_engine) | {
        "OIDC_DISCOVERY_URL": f"{ISSUER}/.well-known/openid-configuration",
        "STAFF_OIDC_DISCOVERY_URL": f"{ISSUER}/.well-known/openid-configuration",
    }
    app = create_app("test", overrides)
    use_session_factory(app, db_factory)
    forge_provider(requests_mock)
    return app.test_client()


def staff_claims(nonce: str, **changes) -> dict:
    return claims(
        nonce,
        **(
            {"aud": STAFF_CLIENT_ID, "acr": None, "bsn": None, "name": "Sanne Jansen", "roles": ["zaakbehandelaar"]}
            | changes
        ),
    )


def start_staff_login(client) -> dict:
    response = client.get("/medewerker/inloggen")
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    return {"state": query["state"][0], "nonce": query["nonce"][0]}


def finish_staff_login(client, requests_mock, id_token: str, state: str):
    requests_mock.post(f"{ISSUER}/token", json={"access_token": "at", "token_type": "Bearer", "id_token": id_token})
    return client.get(f"/medewerker/inloggen/terug?code=code-1&state={state}")


def staff_refusals(caplog) -> list[str]:
    return [r.reason for r in caplog.records if getattr(r, "event", "") == "staff_login.refused"]


def test_control_a_valid_staff_token_logs_in(staff_rp, requests_mock):
    started = start_staff_login(staff_rp)
    response = finish_staff_login(staff_rp, requests_mock, signed(staff_claims(started["nonce"])), started["state"])
    assert response.status_code == 302 and response.headers["Location"] == "/medewerker/"


@pytest.mark.parametrize(
    ("changes", "reason", "heading"),
    [
        pytest.param(
            {"aud": CLIENT_ID},
            "id_token: invalid_claim: Invalid claim: 'aud'",
            "Inloggen is niet gelukt",
            id="a-residents-token",
        ),
        pytest.param(
            {"aud": "another-client", "azp": STAFF_CLIENT_ID},
            "id_token: invalid_claim: Invalid claim: 'aud'",
            "Inloggen is niet gelukt",
            id="another-clients-token-naming-us-as-azp",
        ),
        pytest.param(
            {"azp": "another-client"},
            "id_token: invalid_claim: Invalid claim: 'azp'",
            "Inloggen is niet gelukt",
            id="azp-another-client",
        ),
        pytest.param(
            {"iss": "https://evil.test"},
            "id_token: invalid_claim: Invalid claim: 'iss'",
            "Inloggen is niet gelukt",
            id="wrong-issuer",
        ),
        pytest.param({"roles": ["directeur"]}, "no known role", "U heeft nog geen rol", id="no-known-role"),
        pytest.param({"roles": None}, "no known role", "U heeft nog geen rol", id="no-roles"),
    ],
)
def test_bad_staff_token_is_refused_for_its_reason(staff_rp, requests_mock, caplog, changes, reason, heading):
    started = start_staff_login(staff_rp)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = finish_staff_login(
            staff_rp, requests_mock, signed(staff_claims(started["nonce"], **changes)), started["state"]
        )
    assert staff_refusals(caplog) == [reason]
    assert response.status_code == 403
    assert f'<h1 class="utrecht-heading-1">{heading}</h1>' in response.get_data(as_text=True)
    assert staff_rp.get("/medewerker/").status_code == 302


def test_bad_signature_and_forged_state_are_refused_for_their_reason(staff_rp, requests_mock, caplog):
    started = start_staff_login(staff_rp)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        finish_staff_login(
            staff_rp, requests_mock, signed(staff_claims(started["nonce"]), key=OTHER_KEY), started["state"]
        )
        started = start_staff_login(staff_rp)
        finish_staff_login(staff_rp, requests_mock, signed(staff_claims(started["nonce"])), "forged")
    assert staff_refusals(caplog) == ["id_token: bad_signature: BadSignatureError", "state: mismatching or missing"]


def test_cancel_at_the_staff_provider_is_logged_and_explained(staff_rp, caplog):
    started = start_staff_login(staff_rp)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = staff_rp.get(f"/medewerker/inloggen/terug?error=access_denied&state={started['state']}")
    assert staff_refusals(caplog) == ["provider error: access_denied"]
    assert "U heeft het inloggen gestopt." in response.get_data(as_text=True)


def test_staff_provider_down_gives_a_b1_page_and_a_logged_reason(mock_services, db_engine, db_factory, caplog):
    app = create_app(
        "test",
        portal_overrides(mock_services, db_engine)
        | {"STAFF_OIDC_DISCOVERY_URL": "http://127.0.0.1:9/.well-known/openid-configuration"},
    )
    use_session_factory(app, db_factory)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = app.test_client().get("/medewerker/inloggen")
    assert response.status_code == 503
    assert '<h1 class="utrecht-heading-1">Inloggen kan nu niet</h1>' in response.get_data(as_text=True)
    assert [(r.event, r.reason) for r in caplog.records if r.name == "portal.security"] == [
        ("staff_login.provider_unavailable", "ConnectionError")
    ]
