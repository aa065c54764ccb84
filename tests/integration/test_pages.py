"""Route tests for the public pages and the resident's own pages."""

import pytest

PUBLIC_PAGES = ["/", "/toegankelijkheid", "/privacy", "/contact", "/inloggen-nodig", "/uitgelogd"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_renders_with_page_invariants(client, parse_page, path):
    response = client.get(path)
    assert response.status_code == 200
    parse_page(response)


def test_start_page_offers_login_with_digid(client, parse_page):
    parsed = parse_page(client.get("/"))
    assert "Inloggen met DigiD" in parsed.body_text
    assert "/inloggen" in parsed.links


def test_unknown_page_is_a_b1_404(client, parse_page):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert parse_page(response).h1 == ["Deze pagina bestaat niet"]


def test_language_switch_sets_cookie_and_returns_to_the_same_page(client, parse_page):
    response = client.get("/taal/en?terug=/privacy")
    assert response.status_code == 302
    assert response.headers["Location"] == "/privacy"
    english = parse_page(client.get("/privacy"))
    assert english.lang == "en"


def test_language_switch_refuses_to_redirect_to_another_site(client):
    response = client.get("/taal/en?terug=//evil.example/")
    assert response.headers["Location"] == "/"


def test_overview_requires_login(client):
    response = client.get("/mijn-overzicht")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/inloggen-nodig")


def test_security_txt_names_a_contact(client):
    response = client.get("/.well-known/security.txt")
    assert response.mimetype == "text/plain"
    assert "Contact:" in response.get_data(as_text=True)
