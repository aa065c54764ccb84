"""The pages that say why a login did not work, and the 429 page, with JavaScript on and off, with 0 axe violations
and no sideways scrolling at 320 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, dev_screenshots, log_in_with_mock_digid


def _check(page, heading: str, shot: str | None = None) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)  # reflow at 320 px included
    if shot:
        dev_screenshots(page, f"auth-{shot}", height=800)


def test_a_too_low_level_says_what_was_used_and_what_is_needed(visit, js):
    log_in_with_mock_digid(visit, level="Basis", check=False)
    _check(visit, "U heeft een hoger DigiD-niveau nodig", "level" if js else None)
    expect(visit.get_by_text("U logde in met DigiD Basis.")).to_be_visible()
    visit.get_by_role("link", name="Opnieuw inloggen").click()
    expect(visit.get_by_role("heading", level=1)).to_be_visible()  # back at the mock DigiD, at the needed level


def test_an_unusable_bsn_says_to_contact_us(visit, js):
    visit.goto("/")
    visit.get_by_role("link", name="Inloggen met DigiD").click()
    visit.get_by_label("Burgerservicenummer").fill("123456789")
    visit.get_by_label("Midden", exact=True).check()
    visit.get_by_role("button", name="Inloggen").click()
    _check(visit, "Wij kunnen uw BSN niet gebruiken", "bsn" if js else None)


def test_an_invalid_answer_says_to_log_in_again(visit, js):
    visit.goto("/inloggen/terug?code=vervalst&state=vervalst")
    _check(visit, "Inloggen is niet gelukt", "invalid" if js else None)
    expect(visit.get_by_role("link", name="Opnieuw inloggen")).to_be_visible()


@pytest.mark.parametrize("where", ["resident", "staff"])
def test_too_many_logins_show_when_to_try_again(visit, portal, js, where):
    path = "/inloggen" if where == "resident" else "/medewerker/inloggen"
    before = portal.app.config["RATELIMIT_LOGIN"]
    portal.app.config["RATELIMIT_LOGIN"] = "1 per minute"
    try:
        visit.goto(path)
        response = visit.goto(path)
    finally:
        portal.app.config["RATELIMIT_LOGIN"] = before
    assert response.status == 429 and int(response.headers["retry-after"]) <= 60
    _check(visit, "Even wachten", f"429-{where}" if js else None)
    expect(visit.get_by_text("Probeer het over 1 minuut opnieuw.")).to_be_visible()


def test_a_staff_member_without_a_role_is_told_to_ask_for_one(visit, js):
    visit.goto("/medewerker/")
    visit.get_by_label("Piet Visser").check()
    visit.get_by_role("button", name="Inloggen").click()
    _check(visit, "U heeft nog geen rol", "staff-no-role" if js else None)
    expect(visit.get_by_text("Vraag uw leidinggevende om een rol.")).to_be_visible()
