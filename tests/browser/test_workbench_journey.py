"""Issue 9's "done when" for what changed, "klopt niet" and the workbench, in one browser run on a portal of its
own (so the demo data the other browser tests read stays as it is): Suzanne Moulin answers, a case worker opens
her drawing, takes the case and moves it on after confirming; Suzanne follows the email's link to the case and
sees what is new and her own answer; her "klopt niet" report shows up in Mijn zaken and in the queue; a KCC member
logs a phone call and asks a colleague to call back. And a keyboard-only run of a case worker."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.notifications import deliver_pending
from tests.browser.support import assert_accessible, assert_reflows, in_portal, log_in_as_staff, log_in_with_mock_digid
from tests.browser.test_keyboard import FOCUSED_NAME, tab_to
from tests.conftest import LiveServer, live_app_factory
from tests.support.cases import PDF

CASE = "ZK-SMB3-TAAK"


@pytest.fixture(scope="module")
def portal():
    server = LiveServer(live_app_factory({"MOCK_DIGID_ENABLED": True, "MOCK_BRP_ENABLED": True}, demo=True)).start()
    yield server
    server.stop()


def check(page) -> None:
    assert_accessible(page)
    assert_reflows(page)


def _suzanne_answers(page, tmp_path) -> None:
    log_in_with_mock_digid(page, check=False)
    page.goto(f"/mijn-zaken/{CASE}")
    page.get_by_role("link", name="Stuur ons de bouwtekening").first.click()
    drawing = tmp_path / "bouwtekening.pdf"
    drawing.write_bytes(PDF)
    page.get_by_label("Uw antwoord").fill("Hierbij de tekening van de aanbouw.")
    page.get_by_label("Bestanden").set_input_files(str(drawing))
    page.get_by_role("button", name="Verstuur antwoord").click()
    expect(page.get_by_role("status").first).to_contain_text("We hebben uw antwoord gekregen")
    current = page.locator('[aria-current="step"]')
    expect(current).to_contain_text("uw antwoord gestuurd")
    expect(current).not_to_contain_text("We missen nog een tekening")
    page.get_by_role("button", name="Uitloggen").click()


def _case_worker_opens_takes_and_moves_on(page) -> None:
    log_in_as_staff(page, check=False)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkvoorraad").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=CASE))
    expect(row).to_contain_text("Nieuw antwoord")
    row.get_by_role("link", name=CASE).click()
    expect(page.get_by_role("region", name="Wie is de inwoner?")).to_contain_text("1 december 1985")
    with page.expect_download() as download:
        page.get_by_role("link", name="bouwtekening.pdf").first.click()
    assert download.value.suggested_filename == "bouwtekening.pdf"
    assert Path(download.value.path()).read_bytes() == PDF
    page.get_by_role("button", name="Ik pak deze op").click()
    expect(page.get_by_text("U werkt aan deze aanvraag.")).to_be_visible()
    page.get_by_label("Nieuwe status").select_option(label="We schrijven ons besluit")
    page.get_by_label("Uitleg voor de inwoner (mag leeg blijven)").fill("Uw plan is compleet.")
    page.get_by_role("button", name="Status opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klopt dit?")
    expect(page.locator("dl")).to_contain_text("De inwoner krijgt een e-mail")
    page.get_by_role("button", name="Ja, status opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("De status is nu: We schrijven ons besluit.")
    page.get_by_role("link", name="Mijn werk").first.click()
    expect(page.get_by_role("link", name=CASE)).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()


def _suzanne_follows_the_email(page, portal) -> None:
    in_portal(portal, lambda db: deliver_pending())
    page.goto("/ontwikkel/mailbox")
    link = re.search(r"https?://\S+/mijn-zaken/ZK-[A-Z0-9-]+", page.locator("body").inner_text()).group(0)
    assert link.endswith(f"/mijn-zaken/{CASE}")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Log eerst in")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_label(re.compile("Suzanne Moulin")).check()
    page.get_by_label("Midden", exact=True).check()
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(f"/mijn-zaken/{CASE}$"))
    expect(page.get_by_text("Sinds uw laatste bezoek zijn we een stap verder.")).to_be_visible()
    answer = page.locator("ol.portal-conversation article").filter(has_text="Antwoord: Stuur ons de bouwtekening")
    expect(answer).to_contain_text("Van u")
    expect(answer).to_contain_text("Hierbij de tekening van de aanbouw.")
    # Not the reflow check here: the long word "Omgevingsvergunning:" in this demo case's heading is part 1 of
    # issue 9 (layout); the conversation itself reflows (test_workbench_pages.py).
    assert_accessible(page)


def _suzanne_reports_a_mistake(page) -> str:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn gegevens").click()
    page.get_by_role("link", name="Geef door dat er iets niet klopt").click()
    page.get_by_label("Mijn adres").check()
    page.get_by_label("Wat moet het zijn?").fill("Mijn huisnummer is 33, niet 31.")
    page.get_by_role("button", name="Verstuur melding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding dat uw gegevens niet kloppen")
    expect(page.get_by_text("Alleen de gemeente mag de BRP aanpassen", exact=False)).to_be_visible()
    expect(page.locator("ol.portal-conversation")).to_contain_text("Mijn huisnummer is 33, niet 31.")
    check(page)
    reference = re.search(r"ZK-[A-Z0-9]{4}-[A-Z0-9]{4}", page.locator(".portal-data-list").inner_text()).group(0)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn aanvragen").click()
    expect(page.get_by_role("link", name="Melding dat uw gegevens niet kloppen")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()
    return reference


def _kcc_logs_a_call_and_asks_for_a_callback(page, report: str) -> None:
    log_in_as_staff(page, staff="Jeroen Bakker", check=False)
    page.goto("/medewerker/werkvoorraad?zaaktype=onderzoek-gegevens")
    expect(page.get_by_role("link", name=report)).to_be_visible()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inwoner opzoeken").click()
    page.get_by_label("Burgerservicenummer").fill("999993653")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("region", name="Is dit de inwoner die belt?")).to_contain_text("1 december 1985")
    page.get_by_label("Over welke aanvraag?").select_option(value=report)
    page.get_by_label("Onderwerp").fill("Belt over haar adres")
    page.get_by_label("Wat is er besproken?").fill("Uitgelegd dat we het nakijken.")
    page.get_by_role("button", name="Contact opslaan").click()
    expect(page.get_by_role("region", name="Eerdere contacten")).to_contain_text(f"over {report}")
    page.get_by_label("Waarover wil de inwoner gebeld worden?").fill("Vraag over de aanbouw")
    page.get_by_label("Telefoonnummer").fill("010 123 4567")
    page.get_by_label("Wat moet uw collega weten?").fill("Wil weten wanneer het besluit komt.")
    page.get_by_role("button", name="Terugbelverzoek maken").click()
    callback = re.search(r"ZK-[A-Z0-9]{4}-[A-Z0-9]{4}", page.get_by_role("status").first.inner_text()).group(0)
    check(page)
    page.goto("/medewerker/werkvoorraad?zaaktype=terugbelverzoek")
    expect(page.get_by_role("link", name=callback)).to_be_visible()


def test_what_changed_klopt_niet_and_a_day_at_the_workbench(visit_js, portal, tmp_path):
    page = visit_js
    _suzanne_answers(page, tmp_path)
    _case_worker_opens_takes_and_moves_on(page)
    _suzanne_follows_the_email(page, portal)
    report = _suzanne_reports_a_mistake(page)
    _kcc_logs_a_call_and_asks_for_a_callback(page, report)


def test_a_case_worker_opens_a_document_and_sets_a_status_with_the_keyboard_only(visit_js, portal):
    from portal.cases.uploads import CheckedFile
    from tests.support.cases import make_case

    def arrange(db):
        from portal.cases import service

        zaak = make_case(db, "999992995", "melding-openbare-ruimte", omschrijving="Losse tegel")
        service.add_document(
            db,
            zaak,
            CheckedFile(filename="foto.pdf", content_type="application/pdf", content=PDF),
            titel="Foto van de tegel",
            vertrouwelijkheid="zaakvertrouwelijk",
        )
        db.commit()  # services only flush: test setup commits its own work
        return zaak.identificatie

    reference = in_portal(portal, arrange)
    page = visit_js
    log_in_as_staff(page, check=False)
    page.goto("/medewerker/werkvoorraad")
    tab_to(page, "^Nummer van de aanvraag$", limit=60)
    page.keyboard.type(reference.lower().replace("-", " "))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Aanvraag {reference}")
    tab_to(page, "^Foto van de tegel$", limit=80)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "foto.pdf"
    tab_to(page, "^Nieuwe status$", limit=40)
    page.keyboard.press("ArrowDown")  # a select takes the arrow keys: the next status after the first
    tab_to(page, r"^Uitleg voor de inwoner \(mag leeg blijven\)$")
    page.keyboard.type("We repareren de tegel deze week.")
    tab_to(page, "^Status opslaan$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Klopt dit?")
    expect(page.locator("dl")).to_contain_text("We repareren de tegel deze week.")
    tab_to(page, "^Ja, status opslaan$")
    assert page.evaluate(FOCUSED_NAME) == "Ja, status opslaan"
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("De status is nu:")
    assert_accessible(page)
