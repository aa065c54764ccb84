"""Issue 11's "done when", in a real browser, JavaScript on and off, every page checked with axe (0 violations)
and for reflow at 320 px: Suzanne Moulin reports her move without typing her name or current address, gets the
reference, an email without her answers, and the case with its PDF receipt in Mijn zaken; Christina Maria Maassen
asks for help at home and books the kitchen-table conversation in the same flow."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from portal.models.appointments import Appointment, Location
from portal.models.cases import Zaak
from portal.notifications import deliver_pending
from tests.browser.support import assert_accessible, in_portal, log_in_with_mock_digid

BRP = "Uit de Basisregistratie Personen"


def _heading(page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(text))
    page.wait_for_load_state("load")
    assert_accessible(page)


def _next(page) -> None:
    page.get_by_role("button", name="Verder").click()


def _new_address(page) -> None:
    """Only the postcode and the house number: the mock BAG knows 3225 TD 5 (Cronus, Hellevoetsluis)."""
    _heading(page, "Wat is uw nieuwe adres?")
    page.get_by_label("Postcode").fill("3225 TD")
    page.get_by_label("Huisnummer").fill("5")
    _next(page)
    _heading(page, "Wat is uw nieuwe adres?")
    expect(page.get_by_text("Cronus 5, 3225 TD Hellevoetsluis")).to_be_visible()  # one match: the BAG's address
    expect(page.get_by_label(re.compile("Straat"))).to_have_count(0)  # nothing more to type
    _next(page)


def _moving_day(page) -> None:
    _heading(page, "Wanneer verhuist u?")
    day = date.today() + timedelta(days=7)
    page.get_by_label("Dag").fill(str(day.day))
    page.get_by_label("Maand").fill(str(day.month))
    page.get_by_label("Jaar").fill(str(day.year))
    _next(page)


def _suzanne_reports_her_move(page) -> str:
    log_in_with_mock_digid(page, check=False)
    page.goto("/formulier/verhuizing-doorgeven")
    _heading(page, "Verhuizing doorgeven")
    page.get_by_role("button", name="Beginnen").click()
    _heading(page, "Verhuist u binnen Nederland?")
    page.get_by_label("Ja").check()
    _next(page)
    _heading(page, "Klopt dit?")
    expect(page.get_by_text(BRP).first).to_be_visible()
    expect(page.get_by_text(re.compile("Suzanne.*Moulin")).first).to_be_visible()
    expect(page.get_by_text("Uw adres nu")).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)  # shown as facts, nothing to type
    _next(page)
    _new_address(page)
    _moving_day(page)
    _heading(page, "Wie verhuist er met u mee?")
    boxes = page.get_by_role("checkbox")
    moving_with_her = None
    if boxes.count():  # her partner and children from the BRP, to tick; she takes the first one along
        boxes.first.check()
        moving_with_her = page.locator(f'label[for="{boxes.first.get_attribute("id")}"]').inner_text().strip()
    _next(page)
    _heading(page, "Woont er al iemand op het nieuwe adres?")
    page.get_by_label("Nee").check()
    _next(page)
    _heading(page, "Op welk e-mailadres")
    page.get_by_label(re.compile("e-mailadres")).fill("suzanne.moulin@example.nl")
    _next(page)
    _heading(page, "Controleer uw antwoorden")
    expect(page.get_by_text(re.compile("Cronus 5")).first).to_be_visible()
    expect(page.get_by_text("Hellevoetsluis").first).to_be_visible()
    if moving_with_her:
        expect(page.get_by_text(moving_with_her).first).to_be_visible()
    declaration = page.get_by_label("Ik heb alle vragen eerlijk beantwoord.")
    if declaration.count():
        declaration.check()
    page.get_by_role("button", name="Verhuizing doorgeven").click()
    _heading(page, "We hebben uw verhuizing gekregen")
    reference = page.locator(".portal-reference").inner_text().strip()
    assert re.fullmatch(r"ZK-[A-Z0-9-]+", reference), reference
    return reference


def test_suzanne_reports_her_move_and_gets_reference_email_and_the_pdf_on_her_case(visit, js, portal):
    page = visit
    reference = _suzanne_reports_her_move(page)

    in_portal(portal, lambda db: deliver_pending())  # the outbox worker: the receipt on the case, the email out
    page.goto("/ontwikkel/mailbox")
    mail = page.locator("article, li, section").filter(has_text=reference).first
    expect(mail).to_contain_text("suzanne.moulin@example.nl")
    expect(mail).to_contain_text("Het ontvangstbewijs met uw antwoorden staat bij uw aanvraag in Mijn zaken")
    expect(mail.get_by_role("link", name=re.compile(r"\.pdf"))).to_have_count(0)  # no answers in a mailbox
    assert_accessible(page)

    page.goto("/mijn-zaken")
    _heading(page, "Mijn aanvragen")
    page.get_by_role("link", name=re.compile("Verhuizing")).first.click()
    _heading(page, "Verhuizing")
    expect(page.get_by_text(reference).first).to_be_visible()
    pdf = page.get_by_role("link", name=re.compile("pdf|Bewijs|formulier", re.I)).first
    expect(pdf).to_be_visible()
    response = page.request.get(pdf.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")


def _christina_asks_for_help_at_home(page) -> str:
    log_in_with_mock_digid(page, person="Christina Maria Maassen", check=False)
    page.goto("/formulier/wmo-hulp-bij-het-huishouden")
    _heading(page, "Hulp bij het huishouden vragen")
    page.get_by_role("button", name="Beginnen").click()
    for question, answer in (
        ("Voor wie vraagt u hulp?", "Voor mijzelf"),
        ("Wat lukt niet meer goed?", "Het huis schoonmaken"),
        ("Wilt u er iets over vertellen?", None),
        ("Krijgt u nu al hulp in het huishouden?", "Nee"),
        ("Wie wonen er bij u in huis?", None),
        ("Waar wilt u het gesprek voeren?", "Bij mij thuis"),
    ):
        _heading(page, question)
        if answer:
            page.get_by_label(answer).check()
        _next(page)
    _heading(page, "Op welk nummer kunnen we u bellen?")
    page.get_by_label("Op welk nummer kunnen we u bellen?").fill("06 12345678")
    _next(page)
    _heading(page, "Controleer uw antwoorden")
    page.get_by_role("button", name="Hulp vragen").click()
    _heading(page, "We hebben uw vraag om hulp gekregen")
    return page.locator(".portal-reference").inner_text().strip()


def _books_the_conversation(page) -> None:
    """The hand-off: the booking with the case attached and the product already chosen."""
    page.get_by_role("button", name="Maak een afspraak").click()
    _heading(page, "Gesprek over hulp of zorg")
    # She said "Bij mij thuis" in the form: the home visit comes chosen, not the town hall (the first place).
    expect(page.get_by_role("radio", name="Bij u thuis")).to_be_checked()
    assert_accessible(page)
    _next(page)
    _heading(page, "Kies een dag")
    page.locator(".portal-days a").first.click()
    _heading(page, "Kies een tijd")
    page.get_by_role("radio").first.check()
    _next(page)
    _heading(page, "Controleer uw afspraak")
    page.get_by_role("button", name="Afspraak bevestigen").click()


def test_christina_asks_for_help_at_home_and_books_the_conversation_in_the_same_flow(visit, js, portal):
    page = visit
    reference = _christina_asks_for_help_at_home(page)
    _books_the_conversation(page)
    expect(page.get_by_text("Uw afspraak is gemaakt").first).to_be_visible()
    assert_accessible(page)

    def linked(db):
        zaak_id = db.scalar(select(Zaak.id).where(Zaak.identificatie == reference))
        query = select(Appointment.status, Location.slug).join(Location, Appointment.location_id == Location.id)
        return [tuple(row) for row in db.execute(query.where(Appointment.zaak_id == zaak_id))]

    assert in_portal(portal, linked) == [("gepland", "thuis")]
    page.goto(f"/mijn-zaken/{reference}")
    afspraken = page.get_by_role("region", name="Afspraken")
    expect(afspraken).to_contain_text("Gesprek over hulp of zorg")
    expect(afspraken).to_contain_text("(Gepland)")
    assert_accessible(page)


def test_after_the_digid_login_from_the_start_page_the_first_question_follows_at_once(visit, js):
    page = visit
    page.goto("/formulier/terugbelverzoek")
    _heading(page, "Bel mij terug")
    page.get_by_role("button", name="Beginnen").click()
    expect(page).to_have_url(re.compile("/mock-digid/"))
    page.get_by_label(re.compile("Suzanne Moulin")).check()
    page.get_by_label("Midden", exact=True).check()
    page.get_by_role("button", name="Inloggen").click()
    _heading(page, "Waar gaat uw vraag over?")  # no second "Beginnen"
    _next(page)  # nothing filled in: the error, still on the first question
    _heading(page, "Waar gaat uw vraag over?")
    assert page.title().startswith("Fout: ")
    page.get_by_label("Waar gaat uw vraag over?").fill("Mijn afvalpas is kwijt")
    _next(page)
    _heading(page, "Op welk nummer kunnen we u bellen?")
    page.get_by_role("link", name="Terug").click()
    _heading(page, "Waar gaat uw vraag over?")
    expect(page.get_by_label("Waar gaat uw vraag over?")).to_have_value("Mijn afvalpas is kwijt")
