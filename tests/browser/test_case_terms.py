"""The term of a case in the browser, JavaScript on and off, 0 axe violations, reflow at 320 px: a suspended case and
an extended case as the resident sees them, and the staff forms to stop, restart and extend the term with their
errors."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from portal.cases import opschorting
from tests.browser.support import assert_accessible, assert_reflows, in_portal, log_in_as_staff, log_in_with_mock_digid
from tests.support.cases import add_task, make_case

MEREL = "999993847"


def _arrange_case(portal, casetype: str, omschrijving: str, then=lambda db, zaak: None) -> str:
    """A new case of Merel Kooyman (no demo cases of her own) in the live portal; `then` changes it further."""

    def arrange(db):
        zaak = make_case(db, MEREL, casetype, omschrijving=omschrijving)
        then(db, zaak)
        db.commit()
        return zaak.identificatie

    return in_portal(portal, arrange)


def _suspended_permit(portal) -> str:
    def suspend(db, zaak):
        add_task(db, zaak, titel="Stuur ons de bouwtekening")
        opschorting.suspend(db, zaak, reden="We wachten op de bouwtekening die we u vroegen.")

    return _arrange_case(portal, "omgevingsvergunning-aanbouw", "Dakkapel aan de voorkant", suspend)


def _open_permit(portal) -> str:
    return _arrange_case(portal, "omgevingsvergunning-aanbouw", "Schuur in de tuin")


def _extended_wmo(portal) -> str:
    return _arrange_case(
        portal,
        "wmo-huishouden",
        "Hulp bij het schoonmaken",
        lambda db, zaak: opschorting.extend(db, zaak, duur_dagen=14, reden="We vragen advies aan een ergotherapeut."),
    )


def test_a_suspended_case_tells_the_resident_why_and_the_date(visit, portal):
    reference = _suspended_permit(portal)
    log_in_with_mock_digid(visit, person="Merel Kooyman", check=False)
    visit.goto(f"/mijn-zaken/{reference}")
    expect(visit.get_by_role("heading", name="We wachten op u")).to_be_visible()
    expect(visit.get_by_text("We wachten op de bouwtekening die we u vroegen.")).to_be_visible()
    expect(visit.get_by_text(re.compile("Dan zijn we klaar op \\d+ \\w+ \\d{4}"))).to_be_visible()
    assert_accessible(visit)
    assert_reflows(visit)
    visit.goto("/mijn-zaken")
    expect(visit.get_by_text("We wachten op u").first).to_be_visible()
    assert_accessible(visit)


def test_an_extended_case_tells_the_resident_the_new_date_and_why(visit, portal):
    # Not the demo's extended case: reading it would mark Christina's message read for the overview test.
    reference = _extended_wmo(portal)
    log_in_with_mock_digid(visit, person="Merel Kooyman", check=False)
    visit.goto(f"/mijn-zaken/{reference}")
    expect(visit.get_by_role("heading", name="We hebben meer tijd nodig")).to_be_visible()
    expect(visit.get_by_text("We hebben de termijn met 14 dagen verlengd.")).to_be_visible()
    expect(visit.get_by_text("We vragen advies aan een ergotherapeut.")).to_be_visible()
    assert_accessible(visit)
    assert_reflows(visit)


def test_staff_stop_and_restart_the_clock_with_an_error_first(visit, portal):
    reference = _open_permit(portal)
    log_in_as_staff(visit, check=False)
    visit.goto(f"/medewerker/zaken/{reference}")
    expect(visit.get_by_role("heading", name="Termijn", exact=True)).to_be_visible()
    assert_accessible(visit)
    visit.get_by_role("button", name="Termijn stilzetten").click()
    expect(visit).to_have_title(re.compile("^Fout: "))
    expect(visit.get_by_role("alert")).to_contain_text("Schrijf waarom de termijn stilstaat")
    assert_accessible(visit)
    assert_reflows(visit)
    visit.get_by_label("Waarom staat de termijn stil?").fill("We wachten op de tekening.")
    visit.get_by_role("button", name="Termijn stilzetten").click()
    expect(visit.get_by_text("De termijn staat stil. De inwoner ziet waarom.")).to_be_visible()
    expect(visit.get_by_text(re.compile("De termijn staat stil sinds"))).to_be_visible()
    assert_accessible(visit)
    visit.get_by_role("button", name="Termijn weer laten lopen").click()
    expect(visit.get_by_text("De termijn loopt weer. De datum is 0 dagen later.")).to_be_visible()
    assert_accessible(visit)


def test_staff_extend_the_term_with_an_error_first(visit, portal):
    reference = _open_permit(portal)
    log_in_as_staff(visit, check=False)
    visit.goto(f"/medewerker/zaken/{reference}")
    visit.get_by_label("Met hoeveel dagen verlengt u de termijn?").fill("99")
    visit.get_by_label("Waarom duurt het langer?").last.fill("We vragen advies aan de welstandscommissie.")
    visit.get_by_role("button", name="Termijn verlengen").click()
    expect(visit).to_have_title(re.compile("^Fout: "))
    expect(visit.get_by_role("alert")).to_contain_text("Vul een aantal dagen in van 1 tot en met 42")
    expect(visit.get_by_label("Met hoeveel dagen verlengt u de termijn?")).to_have_value("99")
    assert_accessible(visit)
    assert_reflows(visit)
    visit.get_by_label("Met hoeveel dagen verlengt u de termijn?").fill("14")
    visit.get_by_role("button", name="Termijn verlengen").click()
    expect(visit.get_by_text("De termijn is verlengd. De inwoner ziet de nieuwe datum en waarom.")).to_be_visible()
    expect(visit.get_by_text("Verlengd met 14 dagen.")).to_be_visible()
    expect(visit.get_by_role("button", name="Termijn verlengen")).to_have_count(0)
    assert_accessible(visit)
