"""Which addresses the mock DigiD sends codes and logouts to: only the portal's own, on its own hosts."""

from __future__ import annotations

import pytest

from portal.mock_digid.clients import build_registry

CONFIG = {
    "OIDC_CLIENT_ID": "mijngemeente",
    "OIDC_CLIENT_SECRET": "",
    "PUBLIC_BASE_URL": "https://mijn.gemeente.example",
    "STAFF_OIDC_CLIENT_ID": "mijngemeente-medewerkers",
    "STAFF_OIDC_CLIENT_SECRET": "",
}


def portal_client(**config):
    return build_registry(CONFIG | config)["mijngemeente"]


@pytest.mark.parametrize(
    "uri",
    [
        "https://mijn.gemeente.example/inloggen/terug",
        "http://127.0.0.1:5000/inloggen/terug",
        "http://127.0.0.1:61234/inloggen/terug",
        "http://localhost:8080/inloggen/terug",
    ],
)
def test_redirect_to_the_callback_on_a_known_host_is_allowed(uri):
    assert portal_client().check_redirect_uri(uri)


@pytest.mark.parametrize(
    "uri",
    [
        "https://evil.example/inloggen/terug",
        "https://mijn.gemeente.example.evil.example/inloggen/terug",
        "https://mijn.gemeente.example/inloggen/terug/",
        "https://mijn.gemeente.example/elders",
        "https://mijn.gemeente.example/inloggen/terug#fragment",
        "https://evil.example@mijn.gemeente.example/inloggen/terug",
        "javascript://127.0.0.1/inloggen/terug",
        "/inloggen/terug",
        "",
        None,
    ],
)
def test_any_other_redirect_is_refused(uri):
    assert not portal_client().check_redirect_uri(uri)


def test_logout_goes_only_to_the_logged_out_page():
    client = portal_client()
    assert client.check_logout_uri("http://127.0.0.1:5000/uitgelogd")
    assert client.check_logout_uri("https://mijn.gemeente.example/uitgelogd")
    assert not client.check_logout_uri("https://mijn.gemeente.example/inloggen/terug")


def test_without_a_secret_the_client_is_public_and_must_use_pkce_alone():
    client = portal_client()
    assert client.check_endpoint_auth_method("none", "token")
    assert not client.check_endpoint_auth_method("client_secret_basic", "token")
    assert not client.check_client_secret("")


def test_with_a_secret_the_client_must_authenticate():
    client = portal_client(OIDC_CLIENT_SECRET="geheim")
    assert not client.check_endpoint_auth_method("none", "token")
    assert client.check_endpoint_auth_method("client_secret_basic", "token")
    assert client.check_endpoint_auth_method("client_secret_post", "token")
    assert client.check_client_secret("geheim") and not client.check_client_secret("fout")


def test_only_the_openid_scope_and_the_code_flow_are_offered():
    client = portal_client()
    assert client.get_allowed_scope("openid profile email") == "openid"
    assert client.check_response_type("code") and not client.check_response_type("token")
    assert client.check_grant_type("authorization_code") and not client.check_grant_type("refresh_token")


def test_the_staff_client_has_its_own_callback_and_roles_and_may_ask_for_a_name():
    staff = build_registry(CONFIG)["mijngemeente-medewerkers"]
    assert staff.check_redirect_uri("https://mijn.gemeente.example/medewerker/inloggen/terug")
    assert not staff.check_redirect_uri("https://mijn.gemeente.example/inloggen/terug")
    assert staff.check_logout_uri("http://127.0.0.1:5000/medewerker/uitgelogd")
    assert set(staff.roles) == {"zaakbehandelaar", "kcc", "formulierbeheerder", "beheerder"}
    assert staff.get_allowed_scope("openid profile email") == "openid profile"
    assert portal_client().get_allowed_scope("openid profile") == "openid"
