"""Mijn zaken 'done when', in one browser run: Suzanne answers a task with a PDF and a message; a case worker
sees it and moves the case on with an explanation; Suzanne gets an email and sees the new status and date.
axe-core on every page on the way."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from portal.notifications import deliver_pending
from tests.browser.support import assert_accessible, in_portal, log_in_as_staff, log_in_with_mock_digid
from tests.support.cases import PDF

CASE = "ZK-SMB3-TAAK"
EXPLANATION = "Uw plan is compleet. We schrijven nu het besluit."


def _resident_answers_the_task(page, tmp_path) -> None:
    log_in_with_mock_digid(page)
    expect(page.get_by_role("heading", name="Wat wij van u nodig hebben")).to_be_visible()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn aanvragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn aanvragen")
    expect(page.locator(".portal-case")).to_have_count(4)
    assert_accessible(page)

    page.get_by_role("link", name="Omgevingsvergunning: aanbouw").click()
    expect(page.locator('[aria-current="step"]')).to_contain_text("We bekijken uw aanvraag")
    expect(page.get_by_text("We missen nog de tekening", exact=False)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Stuur ons de bouwtekening").click()
    assert_accessible(page)
    drawing = tmp_path / "bouwtekening.pdf"
    drawing.write_bytes(PDF)
    page.get_by_label("Uw antwoord").fill("Hierbij de tekening van de aanbouw.")
    page.get_by_label("Bestanden").set_input_files(str(drawing))
    page.get_by_role("button", name="Verstuur antwoord").click()
    expect(page.get_by_role("status").first).to_contain_text("We hebben uw antwoord gekregen")
    expect(page.get_by_role("link", name="bouwtekening.pdf").first).to_be_visible()

    page.get_by_label("Onderwerp").fill("Tekening gestuurd")
    page.get_by_label("Uw bericht").fill("De tekening staat erbij.")
    page.get_by_role("button", name="Verstuur bericht").click()
    expect(page.get_by_text("Uw bericht is verstuurd")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()


def _case_worker_moves_the_case_on(page) -> None:
    log_in_as_staff(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Sanne Jansen")
    page.get_by_role("link", name="Werkvoorraad").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
    assert_accessible(page)
    page.get_by_role("link", name=CASE).click()
    expect(page.get_by_text("Hierbij de tekening van de aanbouw.")).to_be_visible()
    expect(page.get_by_text("De tekening staat erbij.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nieuwe status").select_option(label="We schrijven ons besluit")
    page.get_by_label("Uitleg voor de inwoner (mag leeg blijven)").fill(EXPLANATION)
    page.get_by_role("button", name="Status opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klopt dit?")
    page.get_by_role("button", name="Ja, status opslaan").click()
    expect(page.get_by_text("De status is nu: We schrijven ons besluit.")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()


def test_resident_answers_a_task_staff_moves_the_case_resident_is_told(visit_js, portal, tmp_path):
    page = visit_js
    _resident_answers_the_task(page, tmp_path)
    _case_worker_moves_the_case_on(page)

    assert in_portal(portal, lambda db: deliver_pending())[0] >= 1
    page.goto("/ontwikkel/mailbox")
    expect(page.get_by_text("Aan suzanne.moulin@example.nl").first).to_be_visible()
    expect(page.get_by_role("heading", name="Er is nieuws over uw aanvraag").first).to_be_visible()
    assert_accessible(page)

    log_in_with_mock_digid(page)
    page.goto(f"/mijn-zaken/{CASE}")
    expect(page.locator('[aria-current="step"]')).to_contain_text("We schrijven ons besluit")
    expect(page.get_by_text(EXPLANATION)).to_be_visible()
    expect(page.locator(".portal-data-list")).to_contain_text(re.compile(r"Verwacht klaar op\s*\d+ \w+ \d{4}"))
    assert_accessible(page)
