"""Layout that survives every screen: on a phone the page itself starts on the first screen, alerts stack,
a printed case page has no menus or forms, and the error summary moves focus to the question in error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    assert_accessible,
    assert_reflows,
    assert_text_spacing,
    log_in_as_staff,
    log_in_with_mock_digid,
)

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("path", ["/mijn-overzicht", "/mijn-zaken", "/mijn-zaken/ZK-SMC4-LAAT", "/mijn-gegevens"])
def test_on_a_phone_the_h1_is_on_the_first_screen(visit, path):
    log_in_with_mock_digid(visit, check=False)
    visit.set_viewport_size(PHONE)
    visit.goto(path)
    h1 = visit.get_by_role("heading", level=1).bounding_box()
    above = visit.evaluate("document.querySelector('main').getBoundingClientRect().top")
    assert h1["y"] + h1["height"] <= PHONE["height"], f"{path}: the h1 ends at {h1['y'] + h1['height']} px"
    assert above <= 0.4 * PHONE["height"], f"{path}: header, menu and session notice take {above} px"
    assert_accessible(visit)


def test_the_late_case_box_stacks_its_content_on_a_phone(visit):
    log_in_with_mock_digid(visit, check=False)
    visit.set_viewport_size(PHONE)
    visit.goto("/mijn-zaken/ZK-SMC4-LAAT")
    box = visit.get_by_role("region", name="Dit duurt langer dan we hadden beloofd")
    heading = box.get_by_role("heading", name="Dit duurt langer dan we hadden beloofd").bounding_box()
    what_now = box.get_by_role("heading", name="Wat kunt u doen?").bounding_box()
    assert what_now["y"] > heading["y"] and abs(what_now["x"] - heading["x"]) < 2  # below, not beside
    assert visit.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_printed_case_page_has_no_menus_or_forms(visit):
    log_in_with_mock_digid(visit, check=False)
    visit.goto("/mijn-zaken/ZK-SMC4-LAAT")
    visit.emulate_media(media="print")
    expect(visit.get_by_role("heading", level=1)).to_be_visible()
    expect(visit.get_by_role("heading", name="Hoe ver zijn we?")).to_be_visible()
    expect(visit.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
    expect(visit.get_by_role("button", name="Verstuur bericht")).to_be_hidden()
    expect(visit.get_by_role("textbox", name="Onderwerp")).to_be_hidden()
    expect(visit.get_by_role("button", name="Uitloggen")).to_be_hidden()
    expect(visit.get_by_role("contentinfo")).to_be_hidden()


def test_the_error_summary_of_a_message_links_to_its_first_field(visit, js):
    log_in_with_mock_digid(visit, check=False)
    visit.goto("/mijn-zaken/ZK-SMC4-LAAT")
    visit.get_by_role("button", name="Verstuur bericht").click()
    summary = visit.get_by_role("alert")
    expect(summary).to_contain_text("Er is een probleem")
    assert_accessible(visit)
    summary.get_by_role("link").first.click()
    if js:
        expect(visit.get_by_role("textbox", name="Onderwerp")).to_be_focused()
    else:
        expect(visit).to_have_url(re.compile("#onderwerp$"))


def test_the_layout_checks_catch_what_they_should(visit_js):
    """The checks inside assert_accessible fail on a page that is too wide and on text that stops fitting."""
    page = visit_js
    page.set_content('<main><p style="width: 600px">Te breed</p></main>')
    with pytest.raises(AssertionError, match="wider than 320 px"):
        assert_reflows(page)
    page.set_content(
        '<main><p style="height: 1.2em; overflow: hidden; width: 200px">'
        "Een zin die met meer ruimte tussen de letters niet meer in dit vak past</p></main>"
    )
    with pytest.raises(AssertionError, match="1.4.12 text spacing"):
        assert_text_spacing(page)
    page.set_content("<main><p>Gewone tekst die gewoon doorloopt op een smal scherm.</p></main>")
    assert_reflows(page, spacing=True)


def test_the_error_pages_fit_a_phone_too(visit):
    log_in_as_staff(visit, staff="Kees de Boer", check=False)
    response = visit.goto("/medewerker/werkvoorraad")
    assert response.status == 403
    expect(visit.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(visit)


def test_an_expired_form_gets_a_page_that_fits_a_phone(visit_js):
    log_in_with_mock_digid(visit_js, check=False)
    visit_js.goto("/mijn-gegevens/klopt-niet")
    visit_js.locator("main input[name=csrf_token]").evaluate("input => input.value = 'verlopen'")
    visit_js.get_by_role("button", name="Verstuur melding").click()
    expect(visit_js.get_by_role("heading", level=1)).to_have_text("Uw formulier is verlopen")
    assert_accessible(visit_js)


def test_opening_a_button_only_address_shows_the_b1_405_page(visit):
    """A bookmarked "Uitloggen" (a POST-only address): the page says what to do, is accessible and reflows."""
    response = visit.goto("/uitloggen")
    assert response.status == 405 and "POST" in response.headers["allow"]
    expect(visit.get_by_role("heading", level=1, name="Dit kan zo niet")).to_be_visible()
    expect(visit.get_by_role("link", name="Ga naar de startpagina")).to_be_visible()
    assert_accessible(visit)
