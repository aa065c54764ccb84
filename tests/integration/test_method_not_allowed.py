"""A method a route does not take is a 405 with `Allow` (RFC 9110 §15.5.6: the server MUST send it) and the B1
page that says what to do, on every route: never the 404 page, which would say the page does not exist."""

from __future__ import annotations

import pytest

from tests.support.eforms import publish_shipped

B1_TITLE = "Dit kan zo niet"


def allowed(response) -> set[str]:
    return {method.strip() for method in response.headers.get("Allow", "").split(",") if method.strip()}


def test_posting_to_a_page_that_only_shows_is_405_with_allow_and_the_b1_page(client, parse_page):
    response = client.post("/toegankelijkheid")
    assert response.status_code == 405
    assert allowed(response) == {"GET", "HEAD", "OPTIONS"}
    page = parse_page(response)
    assert B1_TITLE in page.body_text and "Gebruik daar de knop of link" in page.body_text
    assert "Deze pagina bestaat niet" not in page.body_text


def test_opening_a_button_only_address_is_405_and_allow_says_post(app, client, login):
    publish_shipped(app)
    login()
    response = client.get("/formulier/wmo-hulp-bij-het-huishouden/abc/verstuurd/afspraak")
    assert response.status_code == 405 and allowed(response) == {"POST", "OPTIONS"}
    assert B1_TITLE in response.text


def test_a_staff_address_gets_the_405_page_in_the_staff_layout(client):
    response = client.delete("/medewerker/uitgaande-berichten")
    assert response.status_code == 405 and "GET" in allowed(response) and "DELETE" not in allowed(response)
    assert B1_TITLE in response.text and "Ga naar de start voor medewerkers" in response.text


def _plain_rules(app):
    for rule in app.url_map.iter_rules():
        if not rule.arguments and "DELETE" not in rule.methods and rule.endpoint != "static":
            yield rule


def test_every_route_answers_a_method_it_does_not_take_with_405_and_its_allow(app, client):
    checked = 0
    for rule in _plain_rules(app):
        response = client.delete(rule.rule)
        assert response.status_code == 405, rule.rule
        expected = set().union(*(r.methods for r in app.url_map.iter_rules() if r.rule == rule.rule))
        assert allowed(response) == expected, rule.rule
        if response.mimetype == "text/html":
            assert B1_TITLE in response.text, rule.rule
        checked += 1
    assert checked > 20


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_other_unsafe_methods_on_a_form_page_are_405_too(app, client, method):
    publish_shipped(app)
    response = client.open("/formulier/melding-openbare-ruimte", method=method)
    assert response.status_code == 405 and allowed(response) == {"GET", "HEAD", "OPTIONS", "POST"}
    assert B1_TITLE in response.text
