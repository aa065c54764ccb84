"""Every new page and state of the workbench, the KCC caller page and "what changed" for the resident, with axe
and the 320-pixel reflow check, JavaScript on and off. Each test makes its own case for Tineke Holthuizen, who has
no demo cases, so the demo data other tests read is left alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.cases import service
from portal.cases.uploads import CheckedFile
from tests.browser.support import assert_accessible, assert_reflows, in_portal, log_in_as_staff, log_in_with_mock_digid
from tests.support.cases import PNG, add_task, make_case

TINEKE = "999991851"


def check(page) -> None:
    assert_accessible(page)
    assert_reflows(page)


@pytest.fixture
def answered_case(portal):
    """A Wmo case with our message, a question the resident answered with a drawing, and a message of hers."""

    def arrange(db):
        zaak = make_case(db, TINEKE, "wmo-huishouden", omschrijving="Hulp in huis")
        service.message_to_resident(
            db, zaak, onderwerp="We missen iets", tekst="Stuur ons de tekening.", afzender="Sanne Jansen"
        )
        taak = add_task(db, zaak, titel="Stuur ons de tekening")
        service.answer_task(
            db,
            zaak,
            taak,
            antwoord="Hierbij de tekening.",
            files=[CheckedFile(filename="tekening.png", content_type="image/png", content=PNG)],
        )
        service.message_from_resident(db, zaak, onderwerp="Nog een vraag", tekst="Hoe lang duurt het?")
        db.commit()  # services only flush: test setup commits its own work
        return zaak.identificatie

    return in_portal(portal, arrange)


def test_the_queue_mijn_werk_finding_and_taking_a_case(visit, answered_case):
    log_in_as_staff(visit, check=False)
    visit.goto("/medewerker/werkvoorraad?zaaktype=wmo-huishouden")
    row = visit.get_by_role("row").filter(has=visit.get_by_role("link", name=answered_case))
    expect(row).to_contain_text("Nieuw antwoord")
    expect(row).to_contain_text("Nog niemand")
    check(visit)
    visit.get_by_role("link", name="Mijn werk").first.click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    check(visit)
    visit.get_by_label("Nummer van de aanvraag").fill("ZK-12")
    visit.get_by_role("button", name="Zoek").click()
    expect(visit).to_have_title(re.compile("^Fout: "))
    expect(visit.get_by_role("alert")).to_contain_text("Dit is geen nummer van een aanvraag")
    expect(visit.get_by_label("Nummer van de aanvraag")).to_have_value("ZK-12")
    check(visit)
    visit.get_by_label("Nummer van de aanvraag").fill(" " + answered_case.lower().replace("-", " "))
    visit.get_by_role("button", name="Zoek").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text(f"Aanvraag {answered_case}")
    visit.get_by_role("button", name="Ik pak deze op").click()
    expect(visit.get_by_role("status").first).to_contain_text("U heeft deze aanvraag opgepakt")
    expect(visit.get_by_text("U werkt aan deze aanvraag.")).to_be_visible()
    check(visit)
    visit.goto("/medewerker/mijn-werk")
    expect(visit.get_by_role("link", name=answered_case)).to_be_visible()
    check(visit)


def test_the_case_page_and_the_confirmation_of_a_status(visit, answered_case):
    log_in_as_staff(visit, check=False)
    visit.goto(f"/medewerker/zaken/{answered_case}")
    expect(visit.get_by_role("heading", name="Wie is de inwoner?")).to_be_visible()
    expect(visit.get_by_role("region", name="Wie is de inwoner?")).to_contain_text("Holthuizen")
    conversation = visit.locator("ol.portal-conversation")
    expect(conversation.get_by_role("article")).to_have_count(4)
    expect(conversation).to_contain_text("Hierbij de tekening.")
    expect(visit.get_by_role("link", name="tekening.png").first).to_be_visible()
    expect(visit.get_by_label("Wie mag het zien?")).to_contain_text("Alleen de inwoner en wie aan de aanvraag werkt")
    check(visit)
    visit.get_by_label("Nieuwe status").select_option(label="We praten met u")
    visit.get_by_label("Uitleg voor de inwoner (mag leeg blijven)").fill("We bellen u deze week.")
    visit.get_by_role("button", name="Status opslaan").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("Klopt dit?")
    expect(visit.locator("dl")).to_contain_text("We bellen u deze week.")
    check(visit)
    visit.get_by_role("button", name="Nee, ik wil iets veranderen").click()
    expect(visit.get_by_label("Uitleg voor de inwoner (mag leeg blijven)")).to_have_value("We bellen u deze week.")
    visit.get_by_role("button", name="Status opslaan").click()
    visit.get_by_role("button", name="Ja, status opslaan").click()
    expect(visit.get_by_role("status").first).to_contain_text("De status is nu: We praten met u.")
    check(visit)


def test_the_kcc_caller_page_a_note_and_a_callback_request(visit):
    log_in_as_staff(visit, staff="Kees de Boer", check=False)
    visit.goto("/medewerker/kcc")
    visit.get_by_label("Burgerservicenummer").fill(TINEKE)
    visit.get_by_role("button", name="Zoeken").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("Inwoner aan de lijn")
    expect(visit.get_by_role("region", name="Is dit de inwoner die belt?")).to_contain_text("Holthuizen")
    assert TINEKE not in visit.url
    check(visit)
    visit.get_by_role("button", name="Contact opslaan").click()
    expect(visit).to_have_title(re.compile("^Fout: "))
    expect(visit.get_by_role("alert").first).to_contain_text("Schrijf een onderwerp")
    check(visit)
    visit.get_by_label("Hoe was het contact?").select_option(label="Telefoon")
    visit.get_by_label("Onderwerp").fill("Vraag over de container")
    visit.get_by_label("Wat is er besproken?").fill("Uitgelegd wanneer de container komt.")
    visit.get_by_role("button", name="Contact opslaan").click()
    expect(visit.get_by_role("status").first).to_contain_text("Het klantcontact is opgeslagen.")
    visit.get_by_label("Waarover wil de inwoner gebeld worden?").fill("Vraag over de Wmo")
    visit.get_by_label("Telefoonnummer").fill("06 1234 5678")
    visit.get_by_label("Wat moet uw collega weten?").fill("Wil weten of ze hulp kan krijgen.")
    visit.get_by_role("button", name="Terugbelverzoek maken").click()
    expect(visit.get_by_role("status").first).to_contain_text("Een collega belt de inwoner binnen twee dagen terug")
    expect(visit.get_by_role("link", name=re.compile("Terugbelverzoek"))).not_to_have_count(0)
    check(visit)


def test_staff_error_pages_use_the_staff_layout(visit, monkeypatch):
    from werkzeug.exceptions import TooManyRequests

    from portal.queries import workqueue

    log_in_as_staff(visit, staff="Kees de Boer", check=False)
    for url, heading in (
        ("/medewerker/werkvoorraad", "U mag deze pagina niet zien"),
        ("/medewerker/zaken/ZK-2222-2222", "Deze pagina bestaat niet"),
    ):
        visit.goto(url)
        expect(visit.get_by_role("heading", level=1)).to_have_text(heading)
        expect(visit.get_by_role("navigation", name="Hoofdmenu")).to_contain_text("Inwoner opzoeken")
        check(visit)
    visit.get_by_role("button", name="Uitloggen").click()
    log_in_as_staff(visit, staff="Sanne Jansen", check=False)
    for error, heading in ((RuntimeError("test"), "Er ging iets mis"), (TooManyRequests(), "Even wachten")):

        def fail(*args, error=error, **kwargs):
            raise error

        monkeypatch.setattr(workqueue, "queue", fail)
        visit.goto("/medewerker/werkvoorraad")
        expect(visit.get_by_role("heading", level=1)).to_have_text(heading)
        expect(visit.get_by_role("navigation", name="Hoofdmenu")).to_contain_text("Mijn werk")
        check(visit)


def test_mijn_zaken_marks_what_is_new_and_the_case_shows_one_conversation(visit, portal):
    def arrange(db):
        zaak = make_case(db, TINEKE, "melding-openbare-ruimte", omschrijving="Kapotte lantaarnpaal")
        service.message_to_resident(
            db, zaak, onderwerp="We gaan kijken", tekst="We komen morgen.", afzender="Sanne Jansen"
        )
        db.commit()  # services only flush: test setup commits its own work
        return zaak.identificatie

    reference = in_portal(portal, arrange)
    log_in_with_mock_digid(visit, person="Tineke Holthuizen", check=False)
    expect(visit.get_by_role("link", name=re.compile(r"nieuwe? bericht"))).to_be_visible()
    check(visit)
    visit.goto("/mijn-zaken")
    item = visit.locator(".portal-case").filter(has=visit.get_by_text("Kapotte lantaarnpaal"))
    expect(item.get_by_role("list", name="Nieuw voor u")).to_contain_text("Nieuw bericht")
    check(visit)
    item.get_by_role("link").first.click()
    expect(visit).to_have_url(re.compile(reference))
    expect(visit.locator("ol.portal-conversation").get_by_role("article").first).to_contain_text("We komen morgen.")
    check(visit)
