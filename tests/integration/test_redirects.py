"""Every route that takes a return target goes through safe_local_path: a hostile target is a redirect to a page
of our own (never another site, never a 500), a local one is kept."""

from __future__ import annotations

import pytest

from tests.integration.test_oidc_refusals import claims, finish_login, rp, signed, start_login  # noqa: F401
from tests.integration.test_staff_login_refusals import (  # noqa: F401
    finish_staff_login,
    staff_claims,
    staff_rp,
    start_staff_login,
)
from tests.support.forms import post_form
from tests.support.redirects import HOSTILE_TARGETS, LOCAL_TARGETS


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_language_switch_never_leaves_the_site(client, target):
    response = client.get("/taal/en", query_string={"terug": target})
    if refused_for_nul(response, target):
        return
    assert response.status_code == 302 and response.headers["Location"] == "/"


def refused_for_nul(response, target: str) -> bool:
    """A NUL in a query string is refused before any view runs (a 400 page in B1), so it redirects nowhere."""
    if "\x00" not in target:
        return False
    assert response.status_code == 400 and "Location" not in response.headers
    assert "Dit kunnen we niet verwerken" in response.get_data(as_text=True)
    return True


@pytest.mark.parametrize("target", LOCAL_TARGETS)
def test_language_switch_returns_to_the_page(client, target):
    assert client.get("/taal/en", query_string={"terug": target}).headers["Location"] == target


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_stay_logged_in_never_leaves_the_site(client, login, target):
    login()
    response = post_form(client, "/sessie/verlengen", {"terug": target}, from_page="/mijn-overzicht")
    assert response.status_code == 302 and response.headers["Location"] == "/mijn-overzicht"


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_login_never_returns_to_another_site(rp, requests_mock, target):  # noqa: F811
    started = start_login(rp)
    with rp.session_transaction() as session:
        session["login_next"] = target
    response = finish_login(rp, requests_mock, signed(claims(started["nonce"])), started["state"])
    assert response.status_code == 302 and response.headers["Location"] == "/mijn-overzicht"


def test_login_returns_to_the_page_asked_for(rp, requests_mock):  # noqa: F811
    started = start_login(rp)
    with rp.session_transaction() as session:
        session["login_next"] = "/mijn-zaken?toon=open"
    response = finish_login(rp, requests_mock, signed(claims(started["nonce"])), started["state"])
    assert response.headers["Location"] == "/mijn-zaken?toon=open"


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_staff_login_never_returns_to_another_site(staff_rp, requests_mock, target):  # noqa: F811
    started = start_staff_login(staff_rp)
    with staff_rp.session_transaction() as session:
        session["staff_next"] = target
    response = finish_staff_login(staff_rp, requests_mock, signed(staff_claims(started["nonce"])), started["state"])
    assert response.status_code == 302 and response.headers["Location"] == "/medewerker/"


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
@pytest.mark.parametrize(
    ("path", "from_page", "land"),
    [
        ("/uitloggen", "/mijn-overzicht", "/uitgelogd"),
        ("/medewerker/uitloggen", "/medewerker/", "/medewerker/uitgelogd"),
    ],
)
def test_logout_takes_no_target_from_the_request(client, login, staff_login, target, path, from_page, land):
    if path.startswith("/medewerker"):
        staff_login("kcc")
    else:
        login()
    response = post_form(
        client,
        path,
        {"terug": target, "next": target},
        from_page=from_page,
        query_string={"terug": target, "post_logout_redirect_uri": target},
    )
    if refused_for_nul(response, target):
        return
    location = response.headers["Location"]
    assert response.status_code == 302 and "evil.example" not in location
    assert location.endswith(land) or "post_logout_redirect_uri=http%3A%2F%2F127.0.0.1" in location
