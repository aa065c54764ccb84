"""Staff log in through OpenID Connect (the mock provider over real HTTP), with roles from the ID token."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.support.forms import post_form
from tests.support.oidc import choose_at_mock_digid


def staff_oidc_login(client, mock_services, staff_id: str):
    start = client.get("/medewerker/inloggen")
    assert start.status_code == 302
    authorize_url = start.headers["Location"]
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["client_id"] == ["mijngemeente-medewerkers"] and query["code_challenge_method"] == ["S256"]
    answer = choose_at_mock_digid(authorize_url, medewerker=staff_id, actie="inloggen")
    assert answer.status_code == 302, answer.text[:300]
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/medewerker/inloggen/terug"
    return client.get(f"{back.path}?{back.query}")


def test_a_case_worker_logs_in_with_roles_and_lands_on_the_page_asked_for(client, mock_services, parse_page):
    first = client.get("/medewerker/werkvoorraad")
    assert first.headers["Location"].endswith("/medewerker/inloggen")
    response = staff_oidc_login(client, mock_services, "sanne")
    assert response.status_code == 302 and response.headers["Location"].rstrip("?") == "/medewerker/werkvoorraad"
    with client.session_transaction() as session:
        assert session["staff"]["roles"] == ["zaakbehandelaar"] and session["staff"]["name"] == "Sanne Jansen"
        assert "resident" not in session
    assert parse_page(client.get("/medewerker/werkvoorraad")).h1 == ["Werkvoorraad"]
    assert client.get("/medewerker/kcc").status_code == 403


def test_staff_login_does_not_log_in_a_resident(client, mock_services):
    staff_oidc_login(client, mock_services, "jeroen")
    assert client.get("/mijn-overzicht").headers["Location"].endswith("/inloggen-nodig")


def test_logout_ends_the_staff_session_at_the_provider_too(client, mock_services):
    staff_oidc_login(client, mock_services, "kees")
    response = post_form(client, "/medewerker/uitloggen", {}, from_page="/medewerker/")
    location = response.headers["Location"]
    assert location.startswith(f"{mock_services.url}/mock-digid/logout?")
    assert "client_id=mijngemeente-medewerkers" in location
    assert client.get("/medewerker/").headers["Location"].endswith("/medewerker/inloggen")


def test_the_resident_mock_login_page_is_not_offered_to_the_staff_client(client, mock_services):
    start = client.get("/medewerker/inloggen")
    page = __import__("requests").get(start.headers["Location"], timeout=5)
    assert "Kies een medewerker" in page.text and "Burgerservicenummer" not in page.text
