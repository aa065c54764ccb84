"""Every Mijn zaken and workbench page and state, with JavaScript on and off, with 0 axe violations:
the list, an empty list, a late case, a decided case, a task with an upload error, the notification choice,
the work queue, a staff case page, the KCC lookup and the development mailbox."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.models.notifications import ResidentContact
from tests.browser.support import assert_accessible, in_portal, log_in_as_staff, log_in_with_mock_digid
from tests.support.cases import add_task, make_case

MEREL = "999993847"


@pytest.fixture(scope="module")
def merel_task(portal):
    """A case with a task for Merel Kooyman, who has no demo cases of her own."""

    def arrange(db):
        zaak = make_case(db, MEREL, "wmo-huishouden")
        taak = add_task(db, zaak, titel="Stuur ons uw loonstrook")
        return zaak.identificatie, taak.id

    return in_portal(portal, arrange)


def test_the_list_of_cases_and_its_filter(visit):
    log_in_with_mock_digid(visit, check=False)
    visit.goto("/mijn-zaken")
    expect(visit.locator(".portal-case")).to_have_count(4)
    expect(visit.get_by_text("Later klaar dan we hadden beloofd")).to_be_visible()
    assert_accessible(visit)
    visit.get_by_role("link", name="Afgeronde aanvragen").click()
    expect(visit.locator(".portal-case")).to_have_count(1)
    assert_accessible(visit)


def test_an_empty_list(visit):
    log_in_with_mock_digid(visit, person="Alex de Goede", check=False)
    visit.goto("/mijn-zaken")
    expect(visit.get_by_text("U heeft nog niets bij ons aangevraagd of gemeld")).to_be_visible()
    assert_accessible(visit)


def test_a_late_case_and_a_decided_case(visit):
    log_in_with_mock_digid(visit, check=False)
    visit.goto("/mijn-zaken/ZK-SMC4-LAAT")
    expect(visit.get_by_role("heading", name="Dit duurt langer dan we hadden beloofd")).to_be_visible()
    expect(visit.get_by_text("We moeten eerst langskomen")).to_be_visible()
    assert_accessible(visit)
    visit.goto("/mijn-zaken/ZK-SMD5-KLAR")
    expect(visit.locator(".portal-data-list")).to_contain_text("Het uittreksel is verstuurd.")
    expect(visit.locator('[aria-current="step"]')).to_have_count(0)
    assert_accessible(visit)


def test_a_task_with_an_upload_error_keeps_the_answer(visit, merel_task, tmp_path):
    reference, task_id = merel_task
    log_in_with_mock_digid(visit, person="Merel Kooyman", check=False)
    visit.goto(f"/mijn-zaken/{reference}/taken/{task_id}")
    assert_accessible(visit)
    fake = tmp_path / "loonstrook.pdf"
    fake.write_bytes(b"MZ" + b"\x00" * 200)  # a program, not a PDF
    visit.get_by_label("Uw antwoord").fill("Mijn loonstrook van mei.")
    visit.get_by_label("Bestanden").set_input_files(str(fake))
    visit.get_by_role("button", name="Verstuur antwoord").click()
    expect(visit).to_have_title(re.compile("^Fout: "))
    expect(visit.get_by_role("alert")).to_contain_text("Het bestand loonstrook.pdf kunnen we niet openen")
    expect(visit.get_by_label("Uw antwoord")).to_have_value("Mijn loonstrook van mei.")
    assert_accessible(visit)


def test_the_notification_choice_with_an_error(visit):
    log_in_with_mock_digid(visit, person="Merel Kooyman", check=False)
    visit.goto("/mijn-gegevens/meldingen")
    assert_accessible(visit)
    visit.get_by_label("E-mailadres").fill("merel@")
    visit.get_by_label("Ja, stuur mij een e-mail").check()
    visit.get_by_role("button", name="Opslaan").click()
    expect(visit.get_by_role("alert")).to_contain_text("Vul een e-mailadres in zoals naam@voorbeeld.nl")
    assert_accessible(visit)


def test_the_overview_with_cases_tasks_and_messages(visit):
    log_in_with_mock_digid(visit, person="Christina Maria Maassen", check=False)
    expect(visit.get_by_text("U heeft 1 nieuw bericht.")).to_be_visible()
    expect(visit.get_by_role("link", name="Wmo-melding: hulp bij het huishouden")).to_be_visible()
    assert_accessible(visit)


def test_the_workbench_pages(visit, portal):
    log_in_as_staff(visit, staff="Jeroen Bakker")
    expect(visit.get_by_role("heading", level=1)).to_have_text("Welkom, Jeroen Bakker")
    assert_accessible(visit)
    visit.goto("/medewerker/werkvoorraad?zaaktype=verhuizing")
    expect(visit.get_by_text("te laat").first).to_be_visible()
    assert_accessible(visit)
    visit.goto("/medewerker/zaken/ZK-SMC4-LAAT")
    expect(visit.get_by_label("Nieuwe status")).to_be_visible()
    assert_accessible(visit)
    visit.get_by_role("button", name="Vraag versturen").click()
    expect(visit).to_have_title(re.compile("^Fout: "))
    assert_accessible(visit)
    visit.goto("/medewerker/kcc")
    visit.get_by_label("Burgerservicenummer").fill("999995078")
    visit.get_by_role("button", name="Zoeken").click()
    expect(visit.get_by_role("link", name=re.compile("ZK-CMA6-WMOH"))).to_be_visible()
    assert "999995078" not in visit.url
    assert_accessible(visit)


def test_a_kcc_member_sees_a_case_read_only(visit):
    log_in_as_staff(visit, staff="Kees de Boer", check=False)
    visit.goto("/medewerker/zaken/ZK-CMA6-WMOH")
    expect(visit.get_by_text("U kunt dit alleen bekijken")).to_be_visible()
    expect(visit.get_by_role("button", name="Status opslaan")).to_have_count(0)
    assert_accessible(visit)


def test_the_development_mailbox(visit, portal):
    def arrange(db):
        db.merge(ResidentContact(bsn=MEREL, email="merel@example.nl", notify_by_email=True))
        db.commit()
        add_task(db, make_case(db, MEREL, "terugbelverzoek"))
        from portal.notifications import deliver_pending

        deliver_pending()

    in_portal(portal, arrange)
    visit.goto("/ontwikkel/mailbox")
    expect(visit.get_by_text("Aan merel@example.nl").first).to_be_visible()
    assert_accessible(visit)


def test_files_too_large_together_get_a_b1_page(visit, portal, merel_task, tmp_path):
    reference, task_id = merel_task
    log_in_with_mock_digid(visit, person="Merel Kooyman", check=False)
    visit.goto(f"/mijn-zaken/{reference}/taken/{task_id}")
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 5000)
    limit = portal.app.config["MAX_CONTENT_LENGTH"]
    portal.app.config["MAX_CONTENT_LENGTH"] = 2000
    try:
        visit.get_by_label("Bestanden").set_input_files(str(big))
        visit.get_by_role("button", name="Verstuur antwoord").click()
        expect(visit.get_by_role("heading", level=1)).to_have_text("Uw bestanden zijn samen te groot")
    finally:
        portal.app.config["MAX_CONTENT_LENGTH"] = limit
    assert_accessible(visit)


def test_a_cancelled_staff_login_and_the_staff_logout(visit):
    visit.goto("/medewerker/")
    visit.get_by_role("button", name="Annuleren").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("Inloggen is niet gelukt")
    assert_accessible(visit)
    log_in_as_staff(visit, staff="Fatima El Amrani", check=False)
    expect(visit.get_by_role("link", name="Formulieren beheren en publiceren")).to_be_visible()
    assert_accessible(visit)
    visit.get_by_role("button", name="Uitloggen").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")
    assert_accessible(visit)
