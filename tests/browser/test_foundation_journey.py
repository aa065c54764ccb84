"""The foundation's 'done when': log in with the mock DigiD, be greeted, see Mijn gegevens, switch to
English, log out, and the back button shows nothing personal. JavaScript on and off, axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, log_in_with_mock_digid

PUBLIC_PATHS = [
    "/",
    "/toegankelijkheid",
    "/privacy",
    "/contact",
    "/inloggen-nodig",
    "/inloggen-nodig?reden=verlopen",
    "/uitgelogd",
    "/bestaat-niet",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_have_no_axe_violations(visit, path):
    visit.goto(path)
    expect(visit.locator("h1")).to_have_count(1)
    assert_accessible(visit)


def test_resident_logs_in_sees_details_switches_language_and_logs_out(visit):
    log_in_with_mock_digid(visit)

    expect(visit).to_have_url(re.compile(r"/mijn-overzicht$"))
    expect(visit.get_by_role("heading", level=1)).to_have_text("Welkom, Suzanne Moulin")
    assert_accessible(visit)

    visit.get_by_role("link", name="Mijn gegevens", exact=True).first.click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(visit.get_by_text("Boterdiep 31")).to_be_visible()
    assert_accessible(visit)

    visit.get_by_role("link", name="English").click()
    expect(visit.locator("html")).to_have_attribute("lang", "en")
    expect(visit.get_by_text("Boterdiep 31")).to_be_visible()
    expect(visit.get_by_text("1 December 1985")).to_be_visible()
    assert_accessible(visit)

    visit.get_by_role("button", name="Log out").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("You are logged out")
    assert_accessible(visit)

    visit.go_back()
    expect(visit.locator("body")).not_to_contain_text("Boterdiep")
    expect(visit.locator("body")).not_to_contain_text("Suzanne")


def test_reporting_a_mistake_shows_errors_and_keeps_the_text(visit, js):
    log_in_with_mock_digid(visit)
    visit.goto("/mijn-gegevens/klopt-niet")
    assert_accessible(visit)
    visit.get_by_label("Wat moet het zijn?").fill("Mijn huisnummer is 33.")
    visit.get_by_role("button", name="Verstuur melding").click()

    expect(visit).to_have_title(re.compile("^Fout: "))
    expect(visit.get_by_role("alert")).to_contain_text("Kies wat er niet klopt")
    expect(visit.get_by_label("Wat moet het zijn?")).to_have_value("Mijn huisnummer is 33.")
    assert_accessible(visit)
    if js:  # the summary has focus; its link moves focus to the first option of the question
        expect(visit.get_by_role("alert")).to_be_focused()
    visit.get_by_role("alert").get_by_role("link", name="Kies wat er niet klopt").click()
    expect(visit).to_have_url(re.compile("#topic-1$") if not js else re.compile("/klopt-niet$"))
    if js:
        expect(visit.locator("#topic-1")).to_be_focused()

    visit.get_by_label("Mijn adres").check()
    visit.get_by_role("button", name="Verstuur melding").click()
    expect(visit.get_by_role("status").first).to_contain_text("Bedankt")
    assert_accessible(visit)


def test_mock_digid_cancel_returns_with_an_explanation(visit):
    visit.goto("/")
    visit.get_by_role("link", name="Inloggen met DigiD").click()
    visit.get_by_role("button", name="Annuleren").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("U heeft het inloggen gestopt")
    assert_accessible(visit)


def test_mock_digid_shows_an_error_for_a_bad_bsn(visit):
    visit.goto("/")
    visit.get_by_role("link", name="Inloggen met DigiD").click()
    visit.get_by_label("Burgerservicenummer").fill("12345")
    visit.get_by_role("button", name="Inloggen").click()
    expect(visit).to_have_title(re.compile("^Fout: "))
    expect(visit.get_by_label("Burgerservicenummer")).to_have_value("12345")
    assert_accessible(visit)
