"""The e-form questions the other journeys do not reach, in a browser with 0 axe violations and reflow at 320 px:
the address lookup in each of its states (a choice of addresses, one address found, not found and typed by hand),
the day, month and year of a date with an error and without, and the check answers page of the verhuizing.
With MG_SCREENSHOTS=1 each of these states is saved at 320 and 1280 px (`make screenshots`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, log_in_with_mock_digid


def _heading(page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(text))
    page.wait_for_load_state("load")
    assert_accessible(page)


def _address(page, postcode: str, number: str, letter: str = "") -> None:
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_label("Huisnummer", exact=True).fill(number)
    if letter:
        page.get_by_label("Huisletter").fill(letter)
    page.get_by_role("button", name="Verder").click()


def test_the_address_lookup_states_the_date_and_the_check_answers_of_a_move(visit_js):
    page = visit_js
    log_in_with_mock_digid(page, check=False)
    page.goto("/formulier/verhuizing-doorgeven")
    page.get_by_role("button", name="Beginnen").click()
    page.get_by_label("Ja").check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Klopt dit?")
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Wat is uw nieuwe adres?")
    page.get_by_role("button", name="Verder").click()  # nothing filled in: the error state
    _heading(page, "Wat is uw nieuwe adres?")
    _address(page, "3225 TD", "1")  # not in the BAG: street and town typed by hand
    expect(page.get_by_text("We vinden dit adres niet")).to_be_visible()
    _heading(page, "Wat is uw nieuwe adres?")
    _address(page, "3225 TD", "555")  # several addresses: the resident chooses one
    expect(page.get_by_role("group", name="Welk adres bedoelt u?")).to_be_visible()
    _heading(page, "Wat is uw nieuwe adres?")
    page.get_by_label("Huisletter").fill("A")
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_text("Dit adres komt uit de Basisregistratie")).to_be_visible()  # one address found
    expect(page.get_by_text("Cronus 555A")).to_be_visible()
    _heading(page, "Wat is uw nieuwe adres?")
    page.get_by_role("button", name="Verder").click()  # the resident confirms it
    _heading(page, "Wanneer verhuist u?")
    page.get_by_label("Dag").fill("31")
    page.get_by_label("Maand").fill("2")
    page.get_by_label("Jaar").fill("2026")
    page.get_by_role("button", name="Verder").click()  # not a real date: the error state
    _heading(page, "Wanneer verhuist u?")
    moving_day = date.today() + timedelta(days=7)
    page.get_by_label("Dag").fill(str(moving_day.day))
    page.get_by_label("Maand").fill(str(moving_day.month))
    page.get_by_label("Jaar").fill(str(moving_day.year))
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Wie verhuist er met u mee?")
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Woont er al iemand op het nieuwe adres?")
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "e-mailadres")
    page.get_by_label(re.compile("e-mailadres")).fill("suzanne@example.org")
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Controleer uw antwoorden")
    expect(page.get_by_text("Uit de Basisregistratie Personen").first).to_be_visible()
    page.get_by_role("button", name="Verhuizing doorgeven").click()
    _heading(page, "We hebben uw verhuizing gekregen")
