"""The mock DigiD is a real OpenID Connect provider: these tests speak the protocol to it by hand."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import string
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlalchemy import select, update

from portal.auth.loa import ACR_BY_LEVEL
from portal.db import get_session, utcnow
from portal.models.mock_digid import MockDigidCode
from tests.support.pages import check_page

CLIENT_ID = "mijngemeente"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def provider(mock_services):
    base = f"{mock_services.url}/mock-digid"
    metadata = requests.get(f"{base}/.well-known/openid-configuration", timeout=5).json()
    return {"base": base, "portal": mock_services.url, "metadata": metadata, "app": mock_services.app}


def random_nonce() -> str:
    # Letters only: random digits could form a 9-digit number that passes the 11-check, which the BSN scan
    # after the suite would rightly report in the URLs.
    return "n-" + "".join(secrets.choice(string.ascii_letters) for _ in range(20))


def pkce():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_url(provider, *, challenge, method="S256", redirect_path="/inloggen/terug", **extra):
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "scope": "openid",
        "state": "st-1",
        "nonce": random_nonce(),
        "redirect_uri": f"{provider['portal']}{redirect_path}",
        "code_challenge": challenge,
        "code_challenge_method": method,
        **extra,
    }
    return f"{provider['metadata']['authorization_endpoint']}?{urlencode({k: v for k, v in params.items() if v})}"


def log_in(url, **form):
    browser = requests.Session()
    page = browser.get(url, timeout=5)
    check_page(page.text)
    token = CSRF.search(page.text)
    data = {"csrf_token": token.group(1) if token else "", "niveau": "midden", "actie": "inloggen", **form}
    return browser.post(url, data=data, allow_redirects=False, timeout=5)


def code_from(response):
    assert response.status_code == 302, response.text[:300]
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert set(query) == {"code", "state"} and query["state"] == ["st-1"]
    return query["code"][0]


def new_code(provider, **form):
    verifier, challenge = pkce()
    response = log_in(authorize_url(provider, challenge=challenge), **({"persoon": "999993653"} | form))
    return code_from(response), verifier


def exchange(provider, code, verifier, redirect_path="/inloggen/terug", client_id=CLIENT_ID):
    return requests.post(
        provider["metadata"]["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": client_id,
            "code_verifier": verifier,
            "redirect_uri": f"{provider['portal']}{redirect_path}",
        },
        timeout=5,
    )


def verified_claims(provider, id_token):
    keys = KeySet.import_key_set(requests.get(provider["metadata"]["jwks_uri"], timeout=5).json())
    token = jwt.decode(id_token, keys, algorithms=["RS256"])
    assert token.header["alg"] == "RS256" and token.header["kid"] == keys.keys[0].kid
    return token.claims


def test_discovery_document_describes_a_digid_provider(provider):
    metadata, base = provider["metadata"], provider["base"]
    assert metadata["issuer"] == base
    for endpoint, path in {
        "authorization_endpoint": "/authorize",
        "token_endpoint": "/token",
        "userinfo_endpoint": "/userinfo",
        "jwks_uri": "/jwks",
        "end_session_endpoint": "/logout",
    }.items():
        assert metadata[endpoint] == base + path
    assert metadata["response_types_supported"] == ["code"]
    assert metadata["grant_types_supported"] == ["authorization_code"]
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["id_token_signing_alg_values_supported"] == ["RS256"]
    assert metadata["subject_types_supported"] == ["pairwise"]
    assert metadata["scopes_supported"] == ["openid", "profile"]
    assert metadata["acr_values_supported"] == list(ACR_BY_LEVEL.values())
    assert {"sub", "acr", "bsn", "nonce", "auth_time"} <= set(metadata["claims_supported"])
    assert metadata["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post", "none"]


def test_issuer_follows_the_host_the_provider_is_reached_on(provider):
    other = provider["base"].replace("127.0.0.1", "localhost")
    assert requests.get(f"{other}/.well-known/openid-configuration", timeout=5).json()["issuer"] == other


def test_jwks_publishes_one_public_signing_key(provider):
    keys = requests.get(provider["metadata"]["jwks_uri"], timeout=5).json()["keys"]
    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and keys[0]["kid"] and keys[0]["alg"] == "RS256"
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(keys[0])


def test_full_code_flow_gives_a_signed_id_token_with_bsn_and_acr(provider):
    verifier, challenge = pkce()
    url = authorize_url(provider, challenge=challenge, nonce="nonce-123")
    code = code_from(log_in(url, persoon="999993653", niveau="substantieel"))
    answer = exchange(provider, code, verifier)
    assert answer.headers["Cache-Control"] == "no-store"
    tokens = answer.json()
    assert tokens["token_type"].lower() == "bearer" and tokens["expires_in"] == 600
    claims = verified_claims(provider, tokens["id_token"])
    assert claims["iss"] == provider["base"] and claims["aud"] == [CLIENT_ID]
    assert claims["nonce"] == "nonce-123" and claims["bsn"] == "999993653"
    assert claims["acr"] == ACR_BY_LEVEL["substantieel"]
    assert claims["sub"] != "999993653" and "999993653" not in claims["sub"]
    assert claims["exp"] - claims["iat"] == 600 and claims["auth_time"] <= claims["iat"]

    info = requests.get(
        provider["metadata"]["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=5,
    ).json()
    assert info == {"sub": claims["sub"], "bsn": "999993653", "acr": ACR_BY_LEVEL["substantieel"]}


def test_typed_bsn_wins_over_the_chosen_person(provider):
    code, verifier = new_code(provider, persoon="999993653", bsn="999.995 078")
    assert verified_claims(provider, exchange(provider, code, verifier).json()["id_token"])["bsn"] == "999995078"


def test_a_bsn_failing_the_11_check_is_still_sent_so_the_portal_can_refuse_it(provider):
    code, verifier = new_code(provider, bsn="123456789")
    assert verified_claims(provider, exchange(provider, code, verifier).json()["id_token"])["bsn"] == "123456789"


def test_sub_is_stable_for_the_same_person_and_differs_between_people(provider):
    subs = []
    for bsn in ("999993653", "999993653", "999995078"):
        code, verifier = new_code(provider, bsn=bsn)
        subs.append(verified_claims(provider, exchange(provider, code, verifier).json()["id_token"])["sub"])
    assert subs[0] == subs[1] != subs[2]


def test_code_can_be_used_only_once(provider):
    code, verifier = new_code(provider)
    assert exchange(provider, code, verifier).status_code == 200
    replay = exchange(provider, code, verifier)
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"


def test_code_lives_ten_minutes(provider):
    code, verifier = new_code(provider)
    with provider["app"].app_context():
        db = get_session()
        expires_at = db.scalar(select(MockDigidCode.expires_at).where(MockDigidCode.code == code))
        assert abs(expires_at - (utcnow() + timedelta(minutes=10))) < timedelta(seconds=30)
        db.execute(update(MockDigidCode).where(MockDigidCode.code == code).values(expires_at=utcnow()))
        db.commit()
    assert exchange(provider, code, verifier).json()["error"] == "invalid_grant"


def test_code_is_bound_to_its_redirect_uri(provider):
    code, verifier = new_code(provider)
    other = exchange(provider, code, verifier, redirect_path="/inloggen/terug?x=1")
    assert other.status_code == 400 and other.json()["error"] == "invalid_grant"


def test_code_is_bound_to_its_client(provider):
    code, verifier = new_code(provider)
    assert exchange(provider, code, verifier, client_id="iemand-anders").json()["error"] == "invalid_client"


def test_wrong_code_verifier_is_refused(provider):
    code, _ = new_code(provider)
    refused = exchange(provider, code, pkce()[0])
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


def test_missing_code_verifier_is_refused(provider):
    code, _ = new_code(provider)
    refused = exchange(provider, code, "")
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_request"


@pytest.mark.parametrize("method", ["plain", ""])
def test_authorize_without_s256_is_refused(provider, method):
    verifier, _ = pkce()
    response = requests.get(
        authorize_url(provider, challenge=verifier, method=method), allow_redirects=False, timeout=5
    )
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["error"] == ["invalid_request"] and query["state"] == ["st-1"]


def test_authorize_without_pkce_is_refused(provider):
    response = requests.get(authorize_url(provider, challenge="", method=""), allow_redirects=False, timeout=5)
    assert parse_qs(urlsplit(response.headers["Location"]).query)["error"] == ["invalid_request"]


def test_authorize_without_nonce_is_refused(provider):
    _, challenge = pkce()
    response = requests.get(authorize_url(provider, challenge=challenge, nonce=""), allow_redirects=False, timeout=5)
    assert parse_qs(urlsplit(response.headers["Location"]).query)["error"] == ["invalid_request"]


@pytest.mark.parametrize("redirect", ["/elders", "https://evil.example/inloggen/terug", ""])
def test_unknown_redirect_uri_gets_an_error_page_not_a_redirect(provider, redirect):
    _, challenge = pkce()
    url = authorize_url(provider, challenge=challenge, redirect_path="")
    url += "&" + urlencode({"redirect_uri": redirect if "://" in redirect else provider["portal"] + redirect})
    response = requests.get(url, allow_redirects=False, timeout=5)
    assert response.status_code == 400 and "Location" not in response.headers
    assert check_page(response.text).h1 == ["Inloggen kan zo niet"]


def test_unknown_client_gets_an_error_page(provider):
    _, challenge = pkce()
    response = requests.get(authorize_url(provider, challenge=challenge, client_id="onbekend"), timeout=5)
    assert response.status_code == 400 and check_page(response.text).h1 == ["Inloggen kan zo niet"]


def test_login_page_has_test_persons_levels_and_preselects_the_asked_level(provider):
    _, challenge = pkce()
    page = requests.get(authorize_url(provider, challenge=challenge, acr_values=ACR_BY_LEVEL["hoog"]), timeout=5)
    parsed = check_page(page.text)
    assert page.headers["Cache-Control"].startswith("no-store")
    for text in (
        "Suzanne Moulin (999993653)",
        "Christina Maria Maassen (999995078)",
        "Burgerservicenummer",
        "Basis",
        "Midden",
        "Substantieel",
        "Hoog",
        "niet de echte DigiD",
    ):
        assert text in parsed.body_text
    assert re.search(r'value="hoog" checked', page.text) and not re.search(r'value="midden" checked', page.text)


def test_login_page_chooses_midden_when_no_level_is_asked(provider):
    _, challenge = pkce()
    assert re.search(
        r'value="midden" checked', requests.get(authorize_url(provider, challenge=challenge), timeout=5).text
    )


def test_invalid_bsn_input_shows_a_b1_error_and_keeps_what_was_typed(provider):
    _, challenge = pkce()
    response = log_in(authorize_url(provider, challenge=challenge), bsn="12345", niveau="hoog")
    assert response.status_code == 200
    parsed = check_page(response.text)
    assert parsed.title.startswith("Fout: ")
    assert "Vul een burgerservicenummer van 9 cijfers in" in parsed.body_text
    assert 'value="12345"' in response.text and re.search(r'value="hoog" checked', response.text)
    assert response.text.index("utrecht-heading-1") > response.text.index("Vul een burgerservicenummer")


def test_nothing_chosen_asks_to_choose(provider):
    _, challenge = pkce()
    response = log_in(authorize_url(provider, challenge=challenge))
    assert "Kies een testpersoon of vul een BSN in" in check_page(response.text).body_text


def test_login_form_without_csrf_token_is_refused(provider):
    _, challenge = pkce()
    response = requests.post(
        authorize_url(provider, challenge=challenge),
        allow_redirects=False,
        timeout=5,
        data={"persoon": "999993653", "niveau": "midden", "actie": "inloggen"},
    )
    assert response.status_code == 400 and "Location" not in response.headers


def test_cancel_returns_access_denied_with_state(provider):
    _, challenge = pkce()
    response = log_in(authorize_url(provider, challenge=challenge), actie="annuleren")
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["error"] == ["access_denied"] and query["state"] == ["st-1"]


@pytest.mark.parametrize("authorization", ["", "Bearer nope", "Basic bm9wZQ=="])
def test_userinfo_needs_a_valid_token(provider, authorization):
    response = requests.get(
        provider["metadata"]["userinfo_endpoint"], headers={"Authorization": authorization}, timeout=5
    )
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].lower().startswith("bearer")
    assert "error" in response.json()


def test_logout_returns_to_a_registered_address_with_state(provider):
    code, verifier = new_code(provider)
    id_token = exchange(provider, code, verifier).json()["id_token"]
    target = f"{provider['portal']}/uitgelogd"
    response = requests.get(
        provider["metadata"]["end_session_endpoint"],
        allow_redirects=False,
        timeout=5,
        params={"id_token_hint": id_token, "post_logout_redirect_uri": target, "state": "s1"},
    )
    assert response.headers["Location"] == f"{target}?state=s1"


@pytest.mark.parametrize(
    "params",
    [
        {"post_logout_redirect_uri": "https://evil.example/uitgelogd"},
        {"post_logout_redirect_uri": "http://127.0.0.1/elders"},
        {"post_logout_redirect_uri": "http://127.0.0.1/uitgelogd", "id_token_hint": "not-a-token"},
        {"post_logout_redirect_uri": "http://127.0.0.1/uitgelogd", "client_id": "onbekend"},
        {},
    ],
)
def test_logout_shows_its_own_page_unless_the_address_is_registered(provider, params):
    response = requests.get(
        provider["metadata"]["end_session_endpoint"], params=params, allow_redirects=False, timeout=5
    )
    assert response.status_code == 200
    assert check_page(response.text).h1 == ["U bent uitgelogd bij DigiD"]
