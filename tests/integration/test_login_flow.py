"""Logging in as a resident through the mock DigiD, the way it works in production through a broker."""

from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from portal.models.sessions import ServerSession
from tests.support.forms import post_form
from tests.support.oidc import choose_at_mock_digid, oidc_login


def test_login_lands_on_overview_greeting_the_resident(client, parse_page):
    response = oidc_login(client, "999993653", "midden")
    assert response.status_code == 302 and response.headers["Location"] == "/mijn-overzicht"
    assert parse_page(client.get("/mijn-overzicht")).h1 == ["Welkom, Suzanne Moulin"]


def test_authorize_request_carries_pkce_state_nonce_and_the_needed_level(client):
    query = parse_qs(urlsplit(client.get("/inloggen").headers["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert len(query["state"][0]) >= 20 and len(query["nonce"][0]) >= 20
    assert query["acr_values"] == ["urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"]


def test_login_at_basis_is_refused_for_personal_pages(client):
    assert oidc_login(client, "999993653", "basis").status_code == 401
    assert client.get("/mijn-overzicht").status_code == 302


def test_bsn_failing_the_11_check_is_refused(client):
    assert oidc_login(client, "123456789", "midden").status_code == 401


def test_higher_level_than_needed_is_accepted(client):
    assert oidc_login(client, "999995078", "hoog").status_code == 302


def test_page_asked_for_before_login_is_shown_after_login(client):
    assert client.get("/mijn-gegevens").headers["Location"].endswith("/inloggen-nodig")
    assert oidc_login(client).headers["Location"] == "/mijn-gegevens"


def test_cancel_at_mock_digid_comes_back_with_access_denied(client, parse_page):
    start = client.get("/inloggen")
    answer = choose_at_mock_digid(start.headers["Location"], actie="annuleren")
    back = urlsplit(answer.headers["Location"])
    assert parse_qs(back.query)["error"] == ["access_denied"]
    assert parse_page(client.get(f"{back.path}?{back.query}")).h1 == ["U heeft het inloggen gestopt"]


def test_logout_ends_the_session_and_visits_the_provider(client, db):
    oidc_login(client)
    response = post_form(client, "/uitloggen", {}, from_page="/mijn-overzicht")
    provider_logout = response.headers["Location"]
    assert "/mock-digid/logout" in provider_logout and "id_token_hint" in provider_logout
    assert db.scalars(select(ServerSession).where(ServerSession.data.contains("resident"))).all() == []
    import requests

    back = requests.get(provider_logout, allow_redirects=False, timeout=5)
    assert urlsplit(back.headers["Location"]).path == "/uitgelogd"
