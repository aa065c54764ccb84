"""The mock DigiD is a real OpenID Connect provider: these tests speak the protocol to it by hand."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import KeySet

from portal.auth.loa import ACR_BY_LEVEL
from tests.support.pages import check_page

CLIENT_ID = "mijngemeente"


@pytest.fixture(scope="module")
def provider(mock_services):
    base = f"{mock_services.url}/mock-digid"
    metadata = requests.get(f"{base}/.well-known/openid-configuration", timeout=5).json()
    return {"base": base, "portal": mock_services.url, "metadata": metadata}


def pkce():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_url(provider, *, challenge, method="S256", redirect_path="/inloggen/terug", **extra):
    params = {"response_type": "code", "client_id": CLIENT_ID, "scope": "openid", "state": "st-1",
              "nonce": "n-" + secrets.token_hex(8), "redirect_uri": f"{provider['portal']}{redirect_path}",
              "code_challenge": challenge, "code_challenge_method": method, **extra}
    return f"{provider['metadata']['authorization_endpoint']}?{urlencode({k: v for k, v in params.items() if v})}"


def log_in(url, **form):
    browser = requests.Session()
    page = browser.get(url, timeout=5)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    data = {"csrf_token": token.group(1) if token else "", "niveau": "midden", "actie": "inloggen", **form}
    return browser.post(url, data=data, allow_redirects=False, timeout=5)


def code_from(response):
    assert response.status_code == 302, response.text[:300]
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["state"] == ["st-1"]
    return query["code"][0]


def exchange(provider, code, verifier, redirect_path="/inloggen/terug"):
    return requests.post(provider["metadata"]["token_endpoint"], data={
        "grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID, "code_verifier": verifier,
        "redirect_uri": f"{provider['portal']}{redirect_path}"}, timeout=5)


def test_discovery_document_describes_a_digid_provider(provider):
    metadata = provider["metadata"]
    assert metadata["issuer"] == provider["base"]
    for endpoint in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
                     "end_session_endpoint"):
        assert metadata[endpoint].startswith(provider["base"])
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["id_token_signing_alg_values_supported"] == ["RS256"]
    assert set(metadata["acr_values_supported"]) == set(ACR_BY_LEVEL.values())


def test_jwks_publishes_one_public_signing_key(provider):
    keys = requests.get(provider["metadata"]["jwks_uri"], timeout=5).json()["keys"]
    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and keys[0]["kid"]
    assert "d" not in keys[0]


def test_full_code_flow_gives_a_signed_id_token_with_bsn_and_acr(provider):
    verifier, challenge = pkce()
    url = authorize_url(provider, challenge=challenge, nonce="nonce-123")
    code = code_from(log_in(url, persoon="999993653", niveau="substantieel"))
    tokens = exchange(provider, code, verifier).json()
    keys = KeySet.import_key_set(requests.get(provider["metadata"]["jwks_uri"], timeout=5).json())
    token = jwt.decode(tokens["id_token"], keys, algorithms=["RS256"])
    claims = token.claims
    assert token.header["kid"] == keys.keys[0].kid
    assert claims["iss"] == provider["base"] and claims["aud"] == [CLIENT_ID]
    assert claims["nonce"] == "nonce-123" and claims["bsn"] == "999993653"
    assert claims["acr"] == ACR_BY_LEVEL["substantieel"]
    assert claims["sub"] != "999993653" and "999993653" not in claims["sub"]
    assert claims["exp"] > claims["iat"]

    info = requests.get(provider["metadata"]["userinfo_endpoint"],
                        headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=5).json()
    assert info == {"sub": claims["sub"], "bsn": "999993653", "acr": ACR_BY_LEVEL["substantieel"]}


def test_typed_bsn_wins_over_the_chosen_person(provider):
    verifier, challenge = pkce()
    code = code_from(log_in(authorize_url(provider, challenge=challenge), persoon="999993653", bsn="999 995 078"))
    id_token = exchange(provider, code, verifier).json()["id_token"]
    assert jwt.decode(id_token, KeySet.import_key_set(
        requests.get(provider["metadata"]["jwks_uri"], timeout=5).json())).claims["bsn"] == "999995078"


def test_sub_is_stable_for_the_same_person(provider):
    subs = set()
    for _ in range(2):
        verifier, challenge = pkce()
        code = code_from(log_in(authorize_url(provider, challenge=challenge), persoon="999993653"))
        userinfo = requests.get(provider["metadata"]["userinfo_endpoint"], headers={
            "Authorization": f"Bearer {exchange(provider, code, verifier).json()['access_token']}"}, timeout=5)
        subs.add(userinfo.json()["sub"])
    assert len(subs) == 1


def test_code_can_be_used_only_once(provider):
    verifier, challenge = pkce()
    code = code_from(log_in(authorize_url(provider, challenge=challenge), persoon="999993653"))
    assert exchange(provider, code, verifier).status_code == 200
    replay = exchange(provider, code, verifier)
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"


def test_wrong_code_verifier_is_refused(provider):
    _, challenge = pkce()
    code = code_from(log_in(authorize_url(provider, challenge=challenge), persoon="999993653"))
    refused = exchange(provider, code, pkce()[0])
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


@pytest.mark.parametrize("method", ["plain", ""])
def test_authorize_without_s256_is_refused(provider, method):
    verifier, _ = pkce()
    response = requests.get(authorize_url(provider, challenge=verifier, method=method), allow_redirects=False,
                            timeout=5)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["Location"]).query)["error"] == ["invalid_request"]


def test_authorize_without_pkce_is_refused(provider):
    response = requests.get(authorize_url(provider, challenge="", method=""), allow_redirects=False, timeout=5)
    assert parse_qs(urlsplit(response.headers["Location"]).query)["error"] == ["invalid_request"]


def test_unknown_redirect_uri_gets_an_error_page_not_a_redirect(provider):
    _, challenge = pkce()
    response = requests.get(authorize_url(provider, challenge=challenge, redirect_path="/elders"),
                            allow_redirects=False, timeout=5)
    assert response.status_code == 400
    assert check_page(response.text).h1 == ["Inloggen kan zo niet"]


def test_login_page_has_test_persons_levels_and_preselects_the_asked_level(provider):
    _, challenge = pkce()
    page = requests.get(authorize_url(provider, challenge=challenge, acr_values=ACR_BY_LEVEL["hoog"]), timeout=5)
    parsed = check_page(page.text)
    assert "Suzanne Moulin (999993653)" in parsed.body_text
    assert "Burgerservicenummer" in parsed.body_text
    assert re.search(r'value="hoog" checked', page.text)


def test_invalid_bsn_input_shows_a_b1_error_and_keeps_what_was_typed(provider):
    _, challenge = pkce()
    response = log_in(authorize_url(provider, challenge=challenge), bsn="12345")
    assert response.status_code == 200
    parsed = check_page(response.text)
    assert parsed.title.startswith("Fout: ")
    assert "Een burgerservicenummer heeft 9 cijfers" in parsed.body_text
    assert 'value="12345"' in response.text


def test_nothing_chosen_asks_to_choose(provider):
    _, challenge = pkce()
    response = log_in(authorize_url(provider, challenge=challenge))
    assert "Kies een testpersoon of vul een burgerservicenummer in" in check_page(response.text).body_text


def test_cancel_returns_access_denied_with_state(provider):
    _, challenge = pkce()
    response = log_in(authorize_url(provider, challenge=challenge), actie="annuleren")
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["error"] == ["access_denied"] and query["state"] == ["st-1"]


def test_userinfo_needs_a_valid_token(provider):
    response = requests.get(provider["metadata"]["userinfo_endpoint"], headers={"Authorization": "Bearer nope"},
                            timeout=5)
    assert response.status_code == 401


def test_logout_returns_to_a_registered_address_with_state(provider):
    target = f"{provider['portal']}/uitgelogd"
    response = requests.get(provider["metadata"]["end_session_endpoint"],
                            params={"post_logout_redirect_uri": target, "state": "s1"}, allow_redirects=False,
                            timeout=5)
    assert response.headers["Location"] == f"{target}?state=s1"


def test_logout_never_redirects_to_an_unknown_address(provider):
    response = requests.get(provider["metadata"]["end_session_endpoint"],
                            params={"post_logout_redirect_uri": "https://evil.example/uitgelogd"},
                            allow_redirects=False, timeout=5)
    assert response.status_code == 200
    assert check_page(response.text).h1 == ["U bent uitgelogd bij DigiD"]
