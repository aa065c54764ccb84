"""The relying party refuses every ID token it must not accept: no session, a logged security event.

The provider here is forged with requests-mock (discovery, JWKS, token endpoint) so that each test can
hand the portal exactly the bad token it needs; the happy path uses the same forgery as a control.
"""

from __future__ import annotations

import base64
import json
import logging
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from portal import create_app
from portal.auth.loa import ACR_BY_LEVEL
from portal.db import use_session_factory
from tests.conftest import portal_overrides

ISSUER = "https://broker.digid.test"
CLIENT_ID = "mijngemeente"
SIGNING_KEY = RSAKey.generate_key(2048, parameters={"kid": "broker-1"})
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "broker-1"})


@pytest.fixture
def rp(mock_services, db_engine, db_factory, requests_mock):
    overrides = portal_overrides(mock_services, db_engine) | {
        "OIDC_DISCOVERY_URL": f"{ISSUER}/.well-known/openid-configuration"
    }
    app = create_app("test", overrides)
    use_session_factory(app, db_factory)
    forge_provider(requests_mock)
    return app.test_client()


def forge_provider(requests_mock) -> None:
    """The provider's discovery document and keys; each test forges the token endpoint's answer."""
    requests_mock.get(
        f"{ISSUER}/.well-known/openid-configuration",
        json={
            "issuer": ISSUER,
            "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token",
            "jwks_uri": f"{ISSUER}/jwks",
            "end_session_endpoint": f"{ISSUER}/logout",
            "id_token_signing_alg_values_supported": ["RS256"],
        },
    )
    requests_mock.get(f"{ISSUER}/jwks", json=KeySet([SIGNING_KEY]).as_dict(private=False))
    requests_mock.real_http = True


def start_login(client) -> dict:
    response = client.get("/inloggen")
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    return {"state": query["state"][0], "nonce": query["nonce"][0]}


def claims(nonce: str, **changes) -> dict:
    now = int(time.time())
    base = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": "pairwise-123",
        "iat": now,
        "exp": now + 300,
        "nonce": nonce,
        "acr": ACR_BY_LEVEL["midden"],
        "bsn": "999993653",
    }
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


def signed(payload: dict, key=SIGNING_KEY) -> str:
    return jwt.encode({"alg": "RS256", "kid": "broker-1"}, payload, key)


def unsigned(payload: dict) -> str:
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none'})}.{part(payload)}."


def finish_login(client, requests_mock, id_token: str, state: str):
    requests_mock.post(f"{ISSUER}/token", json={"access_token": "at", "token_type": "Bearer", "id_token": id_token})
    return client.get(f"/inloggen/terug?code=code-1&state={state}")


def refusal_reasons(caplog) -> list[str]:
    return [r.reason for r in caplog.records if getattr(r, "event", "") == "login.refused"]


def assert_refused(client, response, caplog, reason: str, heading: str = "Inloggen is niet gelukt", status=401):
    """Refused for exactly this reason (as logged), with the page for its cause, and no session."""
    assert refusal_reasons(caplog) == [reason]
    assert response.status_code == status
    assert f'<h1 class="utrecht-heading-1">{heading}</h1>' in response.get_data(as_text=True)
    assert client.get("/mijn-overzicht").status_code == 302  # no session


def test_control_a_valid_token_logs_in(rp, requests_mock):
    started = start_login(rp)
    response = finish_login(rp, requests_mock, signed(claims(started["nonce"])), started["state"])
    assert response.status_code == 302 and response.headers["Location"].endswith("/mijn-overzicht")


@pytest.mark.parametrize(
    "audience",
    [
        pytest.param({"aud": [CLIENT_ID]}, id="audience-list-of-one"),
        pytest.param({"azp": CLIENT_ID}, id="azp-is-our-client"),
        pytest.param({"aud": [CLIENT_ID, "another-client"], "azp": CLIENT_ID}, id="two-audiences-azp-ours"),
    ],
)
def test_control_our_audience_in_any_allowed_form_logs_in(rp, requests_mock, audience):
    started = start_login(rp)
    response = finish_login(rp, requests_mock, signed(claims(started["nonce"], **audience)), started["state"])
    assert response.status_code == 302 and response.headers["Location"].endswith("/mijn-overzicht")


INVALID_CLAIM = "id_token: invalid_claim: Invalid claim: '{}'"
MISSING_CLAIM = "id_token: missing_claim: Missing claim: '{}'"
LEVEL_PAGE = "U heeft een hoger DigiD-niveau nodig"
BSN_PAGE = "Wij kunnen uw BSN niet gebruiken"


@pytest.mark.parametrize(
    ("make_token", "reason", "heading"),
    [
        pytest.param(lambda n: signed(claims("another-nonce")), INVALID_CLAIM.format("nonce"), None, id="wrong-nonce"),
        pytest.param(
            lambda n: signed(claims(n, aud="someone-else")), INVALID_CLAIM.format("aud"), None, id="wrong-audience"
        ),
        pytest.param(
            lambda n: signed(claims(n, aud="someone-else", azp=CLIENT_ID)),
            INVALID_CLAIM.format("aud"),
            None,
            id="another-clients-token-naming-us-as-azp",
        ),
        pytest.param(lambda n: signed(claims(n, aud=None)), MISSING_CLAIM.format("aud"), None, id="no-audience"),
        pytest.param(
            lambda n: signed(claims(n, azp="another-client")),
            INVALID_CLAIM.format("azp"),
            None,
            id="azp-another-client",
        ),
        pytest.param(
            lambda n: signed(claims(n, aud=[CLIENT_ID, "another-client"])),
            MISSING_CLAIM.format("azp"),
            None,
            id="two-audiences-without-azp",
        ),
        pytest.param(
            lambda n: signed(claims(n, aud=[CLIENT_ID, "another-client"], azp="another-client")),
            INVALID_CLAIM.format("azp"),
            None,
            id="two-audiences-azp-the-other",
        ),
        pytest.param(
            lambda n: signed(claims(n, iss="https://evil.test")), INVALID_CLAIM.format("iss"), None, id="wrong-issuer"
        ),
        pytest.param(
            lambda n: signed(claims(n, exp=int(time.time()) - 600, iat=int(time.time()) - 900)),
            "id_token: expired_token: The token is expired",
            None,
            id="expired",
        ),
        pytest.param(
            lambda n: unsigned(claims(n)),
            "id_token: unsupported_algorithm: Algorithm of 'none' is not allowed",
            None,
            id="unsigned",
        ),
        pytest.param(
            lambda n: signed(claims(n), key=OTHER_KEY),
            "id_token: bad_signature: BadSignatureError",
            None,
            id="bad-signature",
        ),
        pytest.param(
            lambda n: signed(claims(n, acr=ACR_BY_LEVEL["basis"])),
            "acr too low: basis < midden",
            LEVEL_PAGE,
            id="acr-too-low",
        ),
        pytest.param(
            lambda n: signed(claims(n, acr="urn:unknown")),
            "acr too low: unknown < midden",
            LEVEL_PAGE,
            id="acr-unknown",
        ),
        pytest.param(lambda n: signed(claims(n, acr=None)), MISSING_CLAIM.format("acr"), None, id="acr-missing"),
        pytest.param(
            lambda n: signed(claims(n, bsn="123456789")), "bsn fails the 11-check", BSN_PAGE, id="bsn-fails-11-check"
        ),
        pytest.param(
            lambda n: signed(claims(n, bsn=" 999993653")), "bsn fails the 11-check", BSN_PAGE, id="bsn-with-a-space"
        ),
        pytest.param(
            lambda n: signed(claims(n, bsn="999.993.653")), "bsn fails the 11-check", BSN_PAGE, id="bsn-with-dots"
        ),
        pytest.param(
            lambda n: signed(claims(n, bsn="９９９９９３６５３")),
            "bsn fails the 11-check",
            BSN_PAGE,
            id="bsn-fullwidth-digits",
        ),
        pytest.param(lambda n: signed(claims(n, bsn=None)), "bsn claim missing", BSN_PAGE, id="bsn-missing"),
    ],
)
def test_bad_id_token_is_refused(rp, requests_mock, caplog, make_token, reason, heading):
    started = start_login(rp)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = finish_login(rp, requests_mock, make_token(started["nonce"]), started["state"])
        assert_refused(rp, response, caplog, reason, heading or "Inloggen is niet gelukt")


def test_too_low_a_level_says_what_was_used_and_what_is_needed(rp, requests_mock, parse_page):
    started = start_login(rp)
    response = finish_login(
        rp, requests_mock, signed(claims(started["nonce"], acr=ACR_BY_LEVEL["basis"])), started["state"]
    )
    page = parse_page(response)
    assert "U logde in met DigiD Basis. Voor deze pagina heeft u de DigiD app of sms-controle nodig." in (
        " ".join(page.body_text.split())
    )
    assert 'href="/inloggen?niveau=midden"' in response.get_data(as_text=True)


def test_wrong_state_is_refused(rp, requests_mock, caplog):
    started = start_login(rp)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = finish_login(rp, requests_mock, signed(claims(started["nonce"])), "forged-state")
        assert_refused(rp, response, caplog, "state: mismatching or missing")


def test_replayed_callback_is_refused(rp, requests_mock, caplog):
    started = start_login(rp)
    token = signed(claims(started["nonce"]))
    assert finish_login(rp, requests_mock, token, started["state"]).status_code == 302
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        again = finish_login(rp, requests_mock, token, started["state"])
    assert again.status_code == 401
    assert refusal_reasons(caplog) == ["state: mismatching or missing"]


def test_provider_refusing_the_code_is_refused(rp, requests_mock, caplog):
    started = start_login(rp)
    requests_mock.post(f"{ISSUER}/token", status_code=400, json={"error": "invalid_grant"})
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = rp.get(f"/inloggen/terug?code=used&state={started['state']}")
        assert_refused(rp, response, caplog, "token endpoint: invalid_grant")


def test_token_endpoint_unreachable_is_refused_as_unavailable(rp, requests_mock, caplog):
    import requests

    started = start_login(rp)
    requests_mock.post(f"{ISSUER}/token", exc=requests.ConnectionError)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = rp.get(f"/inloggen/terug?code=code-1&state={started['state']}")
        assert_refused(
            rp, response, caplog, "provider unreachable: ConnectionError", "DigiD is nu niet bereikbaar", status=503
        )


@pytest.mark.parametrize(
    ("error", "reason", "heading", "status"),
    [
        pytest.param(
            "access_denied",
            "provider error: access_denied",
            "U heeft het inloggen gestopt",
            200,
            id="cancelled-is-explained-not-an-error",
        ),
        pytest.param(
            "%0Aforged%20log%20line",
            "provider error: other",
            "Inloggen is niet gelukt",
            401,
            id="another-error-is-logged-without-its-text",
        ),
    ],
)
def test_an_error_from_the_provider_is_refused(rp, caplog, error, reason, heading, status):
    started = start_login(rp)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = rp.get(f"/inloggen/terug?error={error}&state={started['state']}")
        assert_refused(rp, response, caplog, reason, heading, status=status)


def test_provider_down_gives_a_b1_page(mock_services, db_engine, db_factory, caplog):
    overrides = portal_overrides(mock_services, db_engine) | {
        "OIDC_DISCOVERY_URL": "http://127.0.0.1:9/.well-known/openid-configuration"
    }
    app = create_app("test", overrides)
    use_session_factory(app, db_factory)
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = app.test_client().get("/inloggen")
    assert response.status_code == 503
    assert '<h1 class="utrecht-heading-1">DigiD is nu niet bereikbaar</h1>' in response.get_data(as_text=True)
    assert [(r.event, r.reason) for r in caplog.records if r.name == "portal.security"] == [
        ("login.provider_unavailable", "ConnectionError")
    ]


def test_login_rotates_the_session_token(rp, requests_mock):
    started = start_login(rp)
    before = rp.get_cookie("mg_sessie").value
    finish_login(rp, requests_mock, signed(claims(started["nonce"])), started["state"])
    assert rp.get_cookie("mg_sessie").value != before
