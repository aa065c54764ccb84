"""The official pages (accessibility statement, privacy), meta descriptions, robots.txt and noindex."""

import re

import pytest

PUBLIC_INFORMATION = ["/", "/toegankelijkheid", "/privacy", "/contact"]
NOT_FOR_SEARCH = ["/inloggen-nodig", "/uitgelogd", "/bestaat-niet", "/medewerker/uitgelogd"]
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')


def test_the_accessibility_statement_follows_the_model_statement(client, parse_page, app):
    text = parse_page(client.get("/toegankelijkheid")).body_text
    assert "Voldoet gedeeltelijk" in text  # the status (compliance level)
    assert "WCAG 2.1 op niveau AA" in text  # the norm
    assert "Laatst getest op" in text and "1 december 2026" in text  # app.config["ACCESSIBILITY_CHECKED_ON"]
    assert "Wat nog niet goed is" in text and "PDF" in text  # what does not comply yet
    assert "Werkt iets niet goed?" in text and "14 020" in text  # how to report a problem
    assert "binnen 5 werkdagen antwoord" in text  # the response time
    assert "Nationale ombudsman" in text  # the enforcement procedure


def test_the_statement_shows_the_configured_check_date(client, parse_page, app, monkeypatch):
    monkeypatch.setitem(app.config, "ACCESSIBILITY_CHECKED_ON", "2027-03-15")
    assert "15 maart 2027" in parse_page(client.get("/toegankelijkheid")).body_text


def test_the_privacy_page_names_the_residents_rights_and_how_to_use_them(client, parse_page):
    text = parse_page(client.get("/privacy")).body_text
    for right in ("inzage", "rectificatie", "verwijdering", "beperking", "bezwaar"):
        assert right in text, right
    assert "klacht sturen naar de Autoriteit Persoonsgegevens" in text
    assert "Zo gebruikt u uw rechten" in text and "binnen een maand antwoord" in text
    assert "/mijn-gegevens" in parse_page(client.get("/privacy")).links


@pytest.mark.parametrize("path", PUBLIC_INFORMATION)
def test_public_pages_have_a_description_and_may_be_indexed(client, path):
    response = client.get(path)
    html = response.get_data(as_text=True)
    found = DESCRIPTION.search(html)
    assert found and len(found.group(1).split()) >= 8, path
    assert "noindex" not in html and "X-Robots-Tag" not in response.headers


@pytest.mark.parametrize("path", NOT_FOR_SEARCH)
def test_other_pages_say_noindex_in_the_header_and_the_page(client, path):
    response = client.get(path)
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.get_data(as_text=True)


def test_personal_and_staff_pages_say_noindex(client, login, staff_login):
    login("999993653")
    for path in ("/mijn-overzicht", "/mijn-zaken", "/mijn-gegevens"):
        response = client.get(path)
        assert response.headers["X-Robots-Tag"] == "noindex, nofollow", path
        assert 'name="robots" content="noindex' in response.get_data(as_text=True), path
    staff_login("zaakbehandelaar")
    assert client.get("/medewerker/werkvoorraad").headers["X-Robots-Tag"] == "noindex, nofollow"


def test_a_redirect_to_the_login_is_not_indexed_either(client):
    response = client.get("/mijn-overzicht")
    assert response.status_code in (302, 303) and response.headers["X-Robots-Tag"] == "noindex, nofollow"


def test_robots_txt_keeps_crawlers_away_from_personal_and_staff_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    rules = response.get_data(as_text=True).splitlines()
    assert rules[0] == "User-agent: *"
    for prefix in ("/mijn-", "/medewerker/", "/inloggen", "/ontwikkel/", "/mock-digid/"):
        assert f"Disallow: {prefix}" in rules, prefix
    assert "Disallow: /" not in rules  # the public pages stay findable
