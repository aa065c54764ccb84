"""E-forms in a real browser, JavaScript on and off, every page checked with axe (0 violations) and for
reflow at 320 px: the terugbelverzoek from start to confirmation (with an error state on the way), and the
Wmo form up to the hand-off to an appointment."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, log_in_with_mock_digid


def _heading(page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(text))
    page.wait_for_load_state("load")
    assert_accessible(page)


def test_terugbelverzoek_from_start_to_confirmation(visit, js):
    page = visit
    log_in_with_mock_digid(page, check=False)
    page.goto("/formulier/terugbelverzoek")
    _heading(page, "Bel mij terug")
    page.get_by_role("button", name="Beginnen").click()
    _heading(page, "Waar gaat uw vraag over?")
    expect(page.get_by_text("Stap 1 van 3")).to_be_visible()
    page.get_by_role("button", name="Verder").click()  # nothing filled in: the error summary
    _heading(page, "Waar gaat uw vraag over?")
    assert page.title().startswith("Fout: ")
    expect(page.get_by_role("link", name="Vertel kort waar uw vraag over gaat")).to_be_visible()
    page.get_by_label("Waar gaat uw vraag over?").fill("Mijn afvalpas is kwijt")
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Op welk nummer kunnen we u bellen?")
    page.get_by_label("Op welk nummer kunnen we u bellen?").fill("06 12345678")
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Wanneer komt het u het beste uit?")
    page.get_by_label("In de middag").check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Controleer uw antwoorden")
    expect(page.get_by_text("Mijn afvalpas is kwijt")).to_be_visible()
    page.get_by_role("button", name="Bel mij terug").click()
    _heading(page, "We bellen u terug")
    expect(page.locator(".portal-reference")).to_have_text(re.compile(r"ZK-"))


def test_wmo_form_up_to_the_appointment_hand_off(visit, js):
    page = visit
    log_in_with_mock_digid(page, person="Christina Maria Maassen", check=False)
    page.goto("/formulier/wmo-hulp-bij-het-huishouden")
    _heading(page, "Hulp bij het huishouden vragen")
    page.get_by_role("button", name="Beginnen").click()
    _heading(page, "Voor wie vraagt u hulp?")
    page.get_by_label("Voor mijzelf").check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Wat lukt niet meer goed?")
    page.get_by_label("Het huis schoonmaken").check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Wilt u er iets over vertellen?")
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Krijgt u nu al hulp in het huishouden?")
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Wie wonen er bij u in huis?")
    page.get_by_label("Naam").fill("Piet Maassen")
    page.get_by_role("group", name=re.compile("Nummer 1")).get_by_label("Ja").check()
    page.get_by_role("button", name="Nog iemand toevoegen").click()
    _heading(page, "Wie wonen er bij u in huis?")
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Waar wilt u het gesprek voeren?")
    page.get_by_label("Bij mij thuis").check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Op welk nummer kunnen we u bellen?")
    page.get_by_label("Op welk nummer kunnen we u bellen?").fill("06 12345678")
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Controleer uw antwoorden")
    expect(page.get_by_text("Piet Maassen")).to_be_visible()
    page.get_by_role("button", name="Hulp vragen").click()
    _heading(page, "We hebben uw vraag om hulp gekregen")
    page.get_by_role("button", name="Maak een afspraak").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Gesprek over hulp of zorg"))
    assert_accessible(page)


# The smallest valid PNG (1x1 pixel): an upload is judged by its content, not its name.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_an_anonymous_resident_reports_a_broken_street_light_with_a_photo(visit, js):
    page = visit
    page.goto("/formulier/melding-openbare-ruimte")
    _heading(page, "Melding openbare ruimte")
    page.get_by_role("button", name="Beginnen").click()
    _heading(page, "Wat wilt u melden?")
    page.get_by_label("Een lantaarnpaal doet het niet").check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Wat is er aan de hand?")
    page.get_by_label("Wat is er aan de hand?").fill("De lamp brandt niet meer")
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Waar is het?")
    page.get_by_label("Waar is het?").fill("Voor Marktplein 12")
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Wilt u een foto meesturen?")
    page.get_by_label("Wilt u een foto meesturen?").set_input_files(
        {"name": "lamp.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Wilt u bericht krijgen als het is opgelost?")
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Controleer uw melding")
    expect(page.get_by_text("lamp.png")).to_be_visible()
    page.get_by_role("button", name="Melding versturen").click()
    _heading(page, "Bedankt voor uw melding")
    expect(page.locator(".portal-reference")).to_have_text(re.compile(r"ZK-"))


def test_a_resident_who_lost_her_session_mid_form_continues_at_the_same_step(visit, js):
    page = visit
    log_in_with_mock_digid(page, person="Christina Maria Maassen", check=False)
    page.goto("/formulier/wmo-hulp-bij-het-huishouden")
    page.get_by_role("button", name="Beginnen").click()
    page.get_by_label("Voor mijzelf").check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Boodschappen doen").check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Wilt u er iets over vertellen?")
    step_url = page.url
    page.context.clear_cookies()  # the session is gone (it expired, or the browser was closed)
    page.goto(step_url)
    expect(page).to_have_url(re.compile("/mock-digid/"))  # straight to DigiD at the form's level, then back
    page.get_by_label(re.compile("Christina Maria Maassen")).check()
    page.get_by_label("Midden", exact=True).check()
    page.get_by_role("button", name="Inloggen").click()
    _heading(page, "Wilt u er iets over vertellen?")
    assert page.url == step_url
    page.goto("/mijn-overzicht")
    expect(page.get_by_role("heading", name="Formulieren om af te maken")).to_be_visible()
    assert_accessible(page)
    page.get_by_role(
        "link", name=re.compile("Verder gaan")
    ).first.click()  # the newest first (js-on and js-off share a portal)
    _heading(page, "Wilt u er iets over vertellen?")
