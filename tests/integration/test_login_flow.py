"""Logging in as a resident through the mock DigiD, the way it works in production through a broker."""

import logging
from urllib.parse import parse_qs, urlsplit

import requests
from sqlalchemy import select

from portal.auth.loa import ACR_BY_LEVEL
from portal.models.sessions import ServerSession
from tests.support.forms import post_form
from tests.support.oidc import choose_at_mock_digid, oidc_login


def test_login_lands_on_overview_greeting_the_resident(client, mock_services, parse_page):
    response = oidc_login(client, mock_services, bsn="999993653", level="midden")
    assert response.status_code == 302 and response.headers["Location"] == "/mijn-overzicht"
    assert parse_page(client.get("/mijn-overzicht")).h1 == ["Welkom, Suzanne Moulin"]


def test_login_by_hand_follows_the_redirects_to_the_overview(client, mock_services):
    start = client.get("/inloggen")
    authorize_url = start.headers["Location"]
    assert urlsplit(authorize_url).netloc == urlsplit(mock_services.url).netloc
    answer = choose_at_mock_digid(authorize_url, persoon="999993653", niveau="midden", actie="inloggen")
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/inloggen/terug" and set(parse_qs(back.query)) == {"code", "state"}
    landed = client.get(f"{back.path}?{back.query}", follow_redirects=True)
    assert landed.request.path == "/mijn-overzicht" and landed.status_code == 200


def test_authorize_request_carries_pkce_state_nonce_and_the_needed_level(client):
    query = parse_qs(urlsplit(client.get("/inloggen").headers["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert len(query["state"][0]) >= 20 and len(query["nonce"][0]) >= 20
    assert query["acr_values"] == [ACR_BY_LEVEL["midden"]]


def _refusal_reasons(caplog) -> list[str]:
    return [r.reason for r in caplog.records if getattr(r, "event", "") == "login.refused"]


def test_login_at_basis_is_refused_for_personal_pages(client, mock_services, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        assert oidc_login(client, mock_services, level="basis").status_code == 401
    assert _refusal_reasons(caplog) == ["acr too low: basis < midden"]
    assert client.get("/mijn-overzicht").status_code == 302


def test_bsn_failing_the_11_check_is_refused(client, mock_services, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        assert oidc_login(client, mock_services, bsn="123456789").status_code == 401
    assert _refusal_reasons(caplog) == ["bsn fails the 11-check"]


def test_higher_level_than_needed_is_accepted(client, mock_services):
    assert oidc_login(client, mock_services, bsn="999995078", level="hoog").status_code == 302


def test_page_asked_for_before_login_is_shown_after_login(client, mock_services):
    assert client.get("/mijn-gegevens").headers["Location"].endswith("/inloggen-nodig")
    assert oidc_login(client, mock_services).headers["Location"] == "/mijn-gegevens"


def test_cancel_at_mock_digid_comes_back_with_access_denied(client, parse_page):
    start = client.get("/inloggen")
    answer = choose_at_mock_digid(start.headers["Location"], actie="annuleren")
    back = urlsplit(answer.headers["Location"])
    assert parse_qs(back.query)["error"] == ["access_denied"]
    assert parse_page(client.get(f"{back.path}?{back.query}")).h1 == ["U heeft het inloggen gestopt"]


def test_logout_ends_the_session_and_visits_the_provider(client, mock_services, db):
    oidc_login(client, mock_services)
    response = post_form(client, "/uitloggen", {}, from_page="/mijn-overzicht")
    provider_logout = response.headers["Location"]
    assert provider_logout.startswith(f"{mock_services.url}/mock-digid/logout?")
    assert db.scalars(select(ServerSession).where(ServerSession.data.contains("resident"))).all() == []
    back = requests.get(provider_logout, allow_redirects=False, timeout=5)
    assert urlsplit(back.headers["Location"]).path == "/uitgelogd"
