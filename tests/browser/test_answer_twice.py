"""A task answered in two tabs: the second one says "Deze vraag heeft u al beantwoord" and shows the first answer.
A double-clicked "Verstuur bericht" stores one message."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import JS_OFF_PAGES, assert_accessible, dev_screenshots, in_portal, log_in_with_mock_digid
from tests.support.cases import add_task, make_case

TINEKE = "999991851"


@pytest.fixture
def tineke_task(portal):
    """A fresh open task for Tineke Holthuizen, who has no demo cases of her own."""

    def arrange(db):
        zaak = make_case(db, TINEKE, "wmo-huishouden")
        return zaak.identificatie, add_task(db, zaak, titel="Stuur ons uw huurcontract").id

    return in_portal(portal, arrange)


def test_an_answer_from_a_second_tab_is_not_stored_and_shows_the_first(visit, js, tineke_task):
    reference, task_id = tineke_task
    log_in_with_mock_digid(visit, person="Tineke Holthuizen", check=False)
    path = f"/mijn-zaken/{reference}/taken/{task_id}"
    other_tab = visit.context.new_page()
    if not js:
        JS_OFF_PAGES.add(other_tab)
    for tab in (visit, other_tab):
        tab.goto(path)
    visit.get_by_label("Uw antwoord").fill("Het contract komt per post.")
    visit.get_by_role("button", name="Verstuur antwoord").click()
    expect(visit.get_by_text("Bedankt. We hebben uw antwoord gekregen.")).to_be_visible()

    other_tab.get_by_label("Uw antwoord").fill("Hier is het contract.")
    other_tab.get_by_role("button", name="Verstuur antwoord").click()
    expect(other_tab.get_by_role("status").first).to_contain_text("Deze vraag heeft u al beantwoord")
    expect(other_tab.get_by_text("Het contract komt per post.")).to_be_visible()
    expect(other_tab.get_by_text("Hier is het contract.")).to_have_count(0)
    assert_accessible(other_tab)
    if js:
        dev_screenshots(other_tab, "uow-answered-twice")


def test_a_double_clicked_message_is_stored_once(visit, portal, tineke_task):
    reference, _task_id = tineke_task
    log_in_with_mock_digid(visit, person="Tineke Holthuizen", check=False)
    visit.goto(f"/mijn-zaken/{reference}")
    visit.get_by_label("Onderwerp").fill("Vraag over mijn aanvraag")
    visit.get_by_label("Uw bericht").fill("Ik klik twee keer.")
    visit.get_by_role("button", name="Verstuur bericht").dblclick()
    expect(visit.get_by_text("Uw bericht is verstuurd.").first).to_be_visible()

    def sent(db):
        from sqlalchemy import func, select

        from portal.models.cases import Bericht, Zaak

        return db.scalar(
            select(func.count())
            .select_from(Bericht)
            .join(Zaak, Bericht.zaak_id == Zaak.id)
            .where(Zaak.identificatie == reference, Bericht.richting == "inwoner")
        )

    assert in_portal(portal, sent) == 1
    expect(visit.get_by_text("Ik klik twee keer.")).to_have_count(1)
    assert_accessible(visit)
