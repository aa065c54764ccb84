"""A draft's life: expiry and the clean-up, the Wmo form's repeating group and hand-off, the preview."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.appointments.agenda import sync_agenda
from portal.db import utcnow
from portal.eforms.cleanup import cleanup
from portal.models.cases import Zaak
from portal.models.eforms import DraftFile, FormDraft, FormSubmission
from portal.models.notifications import OutboxMessage
from tests.support.eforms import begin, csrf_of, draft_of, once_of, post_step, publish_shipped

WMO = "wmo-hulp-bij-het-huishouden"


@pytest.fixture
def forms(app):
    publish_shipped(app)


def _wmo_to_check(client, gesprek="thuis"):
    step = begin(client, WMO)
    answer = post_step(client, step, {"voor_wie": "mijzelf"})
    answer = post_step(client, answer.headers["Location"], {"wat_lukt_niet": ["schoonmaken", "koken"]})
    answer = post_step(client, answer.headers["Location"], {"toelichting": ""})
    answer = post_step(client, answer.headers["Location"], {"al_hulp": "nee"})
    huisgenoten = answer.headers["Location"]
    assert huisgenoten.endswith("/huisgenoten")
    first = {"huisgenoten-0-naam": "Piet", "huisgenoten-0-kan_helpen": "ja"}
    added = post_step(client, huisgenoten, {**first, "actie": "toevoegen"})
    assert added.headers["Location"].endswith("/huisgenoten?meer=1")
    more = client.get(added.headers["Location"])
    assert 'name="huisgenoten-1-naam"' in more.text and 'value="Piet"' in more.text
    assert "Nog iemand toevoegen" in more.text
    second = {"huisgenoten-1-naam": "Klaas", "huisgenoten-1-kan_helpen": "nee"}
    answer = post_step(client, added.headers["Location"], {**first, **second, "actie": "verder"})
    assert answer.headers["Location"].endswith("/gesprek")
    answer = post_step(client, answer.headers["Location"], {"gesprek": gesprek})
    answer = post_step(client, answer.headers["Location"], {"telefoonnummer": "06 12345678"})
    assert answer.headers["Location"].endswith("/controleren")
    return answer.headers["Location"]


def test_the_wmo_repeating_group_entries_are_changeable_and_removable_on_check_answers(forms, client, login, db):
    login(bsn="999993653")
    check = _wmo_to_check(client)
    page = client.get(check)
    assert "Piet" in page.text and "Klaas" in page.text
    step = check.replace("/controleren", "/huisgenoten")
    removed = post_step(client, step, {"actie": "verwijder-0", "wijzig": "1"})
    assert removed.headers["Location"].endswith("/controleren")
    answers = db.scalar(select(FormDraft.answers).where(FormDraft.public_id == draft_of(check)))
    assert answers["huisgenoten"] == [{"naam": "Klaas", "kan_helpen": False}]


def test_a_change_returns_to_check_answers_unless_the_route_changed(forms, client, login):
    login(bsn="999993653")
    check = _wmo_to_check(client)
    change = post_step(
        client, check.replace("/controleren", "/al-hulp") + "?wijzig=1", {"al_hulp": "ja", "wijzig": "1"}
    )
    assert change.headers["Location"].endswith("/welke-hulp")  # a new question on the route
    back = post_step(
        client,
        check.replace("/controleren", "/toelichting") + "?wijzig=1",
        {"toelichting": "Sinds mijn val", "wijzig": "1"},
    )
    assert back.headers["Location"].endswith("/welke-hulp")  # still open: check answers is not reachable yet
    done = post_step(client, change.headers["Location"], {"huidige_hulp": "Mijn dochter", "wijzig": "1"})
    assert done.headers["Location"].endswith("/controleren")


def test_the_wmo_confirmation_offers_an_appointment_with_the_case_attached(forms, client, login, db):
    login(bsn="999993653")
    check = _wmo_to_check(client)
    page = client.get(check)
    sent = client.post(check, data={"csrf_token": csrf_of(page.text), "once_token": once_of(page.text)})
    done = client.get(sent.headers["Location"])
    assert "Maak een afspraak" in done.text and "Bel mij terug" in done.text
    handoff = client.post(sent.headers["Location"] + "/afspraak", data={"csrf_token": csrf_of(done.text)})
    assert handoff.status_code == 302 and "/afspraak-maken/aanvraag/wmo-gesprek" in handoff.headers["Location"]
    zaak_id = db.scalar(select(FormSubmission.zaak_id).where(FormSubmission.draft_public_id == draft_of(check)))
    with client.session_transaction() as session:
        assert session["afspraak_aanvraag"]["zaak_id"] == zaak_id


def _hand_off_to_booking(client, gesprek: str):
    check = _wmo_to_check(client, gesprek=gesprek)
    page = client.get(check)
    sent = client.post(check, data={"csrf_token": csrf_of(page.text), "once_token": once_of(page.text)})
    done = client.get(sent.headers["Location"])
    handoff = client.post(sent.headers["Location"] + "/afspraak", data={"csrf_token": csrf_of(done.text)})
    return client.get(client.get(handoff.headers["Location"]).headers["Location"])  # for_case → where


def _checked_place(page) -> list[str]:
    return re.findall(r'name="location" value="([^"]+)" checked', page.text)


@pytest.mark.parametrize(("gesprek", "place"), [("thuis", "thuis"), ("gemeentehuis", "stadhuis")])
def test_the_place_chosen_in_the_wmo_form_is_preselected_in_the_booking(forms, client, login, db, gesprek, place):
    """ "Bij mij thuis" in the form is the home visit in the booking, not the town hall's desk."""
    sync_agenda(db)
    login(bsn="999995078")
    where = _hand_off_to_booking(client, gesprek)
    assert where.status_code == 200 and "Waar wilt u de afspraak?" in where.text
    assert _checked_place(where) == [place]
    data = {"csrf_token": csrf_of(where.text), "location": place, "persons": "1"}
    chosen = client.post(where.request.path, data=data)
    assert f"/afspraak-maken/wmo-gesprek/{place}" in chosen.headers["Location"]


def test_a_booking_not_from_the_form_preselects_no_place(forms, client, login, db):
    sync_agenda(db)
    login(bsn="999995078")
    where = client.get("/afspraak-maken/wmo-gesprek")
    assert where.status_code == 200 and _checked_place(where) == []


def test_bel_mij_terug_after_the_wmo_form_opens_its_own_callback_case(forms, client, login, db):
    login(bsn="999993653")
    check = _wmo_to_check(client)
    page = client.get(check)
    sent = client.post(check, data={"csrf_token": csrf_of(page.text), "once_token": once_of(page.text)})
    form_page = client.get(sent.headers["Location"] + "/bel-mij-terug")
    assert 'value="06 12345678"' in form_page.text
    data = {"csrf_token": csrf_of(form_page.text), "once_token": once_of(form_page.text)}
    refused = client.post(sent.headers["Location"] + "/bel-mij-terug", data={**data, "telefoon": "06 12345678"})
    assert refused.status_code == 400 and "Kies wanneer we u kunnen bellen" in refused.text
    asked = client.post(
        sent.headers["Location"] + "/bel-mij-terug", data={**data, "dagdeel": "middag", "telefoon": "06 12345678"}
    )
    assert asked.status_code == 302
    callback_id = db.scalar(
        select(FormSubmission.callback_zaak_id).where(FormSubmission.draft_public_id == draft_of(check))
    )
    callback = db.get(Zaak, callback_id)
    assert callback.zaaktype.identificatie == "terugbelverzoek"
    assert "We bellen u terug" in client.get(sent.headers["Location"]).text


def test_answers_on_steps_that_became_unreachable_are_not_submitted(forms, client, login, db):
    login(bsn="999993653")
    check = _wmo_to_check(client)
    post_step(client, check.replace("/controleren", "/al-hulp") + "?wijzig=1", {"al_hulp": "ja", "wijzig": "1"})
    post_step(client, check.replace("/controleren", "/welke-hulp"), {"huidige_hulp": "Mijn buurvrouw", "wijzig": "1"})
    post_step(client, check.replace("/controleren", "/al-hulp") + "?wijzig=1", {"al_hulp": "nee", "wijzig": "1"})
    page = client.get(check)
    assert "Mijn buurvrouw" not in page.text
    client.post(check, data={"csrf_token": csrf_of(page.text), "once_token": once_of(page.text)})
    answers = db.scalar(select(FormDraft.answers).where(FormDraft.public_id == draft_of(check)))
    assert "huidige_hulp" not in answers and answers["al_hulp"] is False


def test_cleanup_deletes_expired_drafts_and_the_personal_data_of_sent_ones(forms, client, login, db):
    login(bsn="999993653")
    open_step = begin(client, WMO)
    post_step(client, open_step, {"voor_wie": "mijzelf"})  # answered: the next "Beginnen" is a new draft
    check = _wmo_to_check(client)
    page = client.get(check)
    client.post(check, data={"csrf_token": csrf_of(page.text), "once_token": once_of(page.text)})
    expired, scrubbed = cleanup(db, now=utcnow() + timedelta(days=29))
    assert expired >= 1 and scrubbed >= 1
    assert db.scalar(select(FormDraft).where(FormDraft.public_id == draft_of(open_step))) is None
    sent = db.scalar(select(FormDraft).where(FormDraft.public_id == draft_of(check)))
    assert sent.answers == {} and sent.prefill == {} and sent.personal_data_removed_at is not None
    assert db.scalar(select(func.count()).select_from(DraftFile).where(DraftFile.draft_id == sent.id)) == 0
    assert db.scalar(select(func.count()).select_from(FormSubmission).where(FormSubmission.draft_id == sent.id)) == 1


def test_the_confirmation_email_goes_through_the_outbox_in_the_same_unit_of_work(forms, client, login, db):
    login(bsn="999993653")
    check = _wmo_to_check(client)
    page = client.get(check)
    client.post(check, data={"csrf_token": csrf_of(page.text), "once_token": once_of(page.text)})
    reference = db.scalar(select(FormSubmission.reference).where(FormSubmission.draft_public_id == draft_of(check)))
    kinds = db.scalars(select(OutboxMessage.kind).where(OutboxMessage.zaak_referentie == reference)).all()
    contact = db.scalar(select(FormDraft.prefill).where(FormDraft.public_id == draft_of(check))).get("contact")
    assert ("formulier-ontvangen" in kinds) == bool(contact and contact.get("email"))


def test_verhuizing_shows_the_brp_facts_looks_the_new_address_up_and_takes_the_order(forms, client, login, db):
    login(bsn="999993653")  # Suzanne Moulin
    step = begin(client, "verhuizing-doorgeven")
    answer = post_step(client, step, {"binnen_nederland": "ja"})
    facts = client.get(answer.headers["Location"])
    assert "Uit de Basisregistratie Personen" in facts.text and "Moulin" in facts.text
    answer = post_step(client, answer.headers["Location"], {})
    address_step = answer.headers["Location"]
    assert address_step.endswith("/nieuw-adres")
    typed = {"nieuw_adres-postcode": "3225 TD", "nieuw_adres-huisnummer": "555"}
    choice = post_step(client, address_step, typed)
    assert choice.status_code == 200 and "555" in choice.text  # the BAG's matches: the resident chooses one
    key = re.search(r'name="nieuw_adres-adres"[^>]*value="([^"]+)"', choice.text) or re.search(
        r'value="([^"]+)"[^>]*name="nieuw_adres-adres"', choice.text
    )
    offered = re.search(r'name="nieuw_adres-gekozen"[^>]*value="([^"]*)"', choice.text)
    chosen = {**typed, "nieuw_adres-adres": key.group(1)}
    if offered:
        chosen["nieuw_adres-gekozen"] = offered.group(1)
    answer = post_step(client, address_step, chosen)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/verhuisdatum"), answer.text[-2000:]
    answers = db.scalar(select(FormDraft.answers).where(FormDraft.public_id == draft_of(step)))
    assert answers["nieuw_adres"]["bron"] == "bag" and answers["nieuw_adres"]["straat"]
    moving_day = utcnow().date() + timedelta(days=7)
    day = {"verhuisdatum-dag": str(moving_day.day), "verhuisdatum-maand": str(moving_day.month)}
    answer = post_step(client, answer.headers["Location"], {**day, "verhuisdatum-jaar": str(moving_day.year)})
    assert answer.headers["Location"].endswith("/meeverhuizers"), answer.text[-1500:]
    answer = post_step(client, answer.headers["Location"], {})
    answer = post_step(client, answer.headers["Location"], {"al_bewoners": "nee"})
    answer = post_step(client, answer.headers["Location"], {"email": "suzanne@example.org"})
    check = answer.headers["Location"]
    assert check.endswith("/controleren")
    page = client.get(check)
    assert answers["nieuw_adres"]["straat"] in page.text and "Uit de Basisregistratie Personen" in page.text
    sent = client.post(check, data={"csrf_token": csrf_of(page.text), "once_token": once_of(page.text)})
    submission = db.scalar(select(FormSubmission).where(FormSubmission.draft_public_id == draft_of(step)))
    assert submission.outcome["type"] == "order" and sent.headers["Location"].endswith("/verstuurd")
    assert db.get(Zaak, submission.zaak_id).zaaktype.identificatie == "verhuizing"


def test_flask_forms_cleanup_runs_from_the_command_line(forms, app):
    result = app.test_cli_runner().invoke(args=["forms", "cleanup", "--grace-hours", "1"])
    assert result.exit_code == 0, result.output
    assert "expired draft(s)" in result.output and "sent draft(s)" in result.output


def test_a_sent_drafts_personal_data_waits_while_its_emails_wait(forms, client, login, db):
    login(bsn="999993653")
    check = _wmo_to_check(client)
    page = client.get(check)
    client.post(check, data={"csrf_token": csrf_of(page.text), "once_token": once_of(page.text)})
    submission = db.scalar(select(FormSubmission).where(FormSubmission.draft_public_id == draft_of(check)))
    submission.aftercare_done_at = None  # as if the aftercare has not run yet
    db.add(
        OutboxMessage(
            channel="email", recipient="x@example.org", kind="formulier-ontvangen", zaak_referentie=submission.reference
        )
    )
    db.flush()
    cleanup(db, now=utcnow())
    assert db.scalar(select(FormDraft.answers).where(FormDraft.public_id == draft_of(check))) != {}
    cleanup(db, now=utcnow() + timedelta(days=3))  # the grace period passed
    assert db.scalar(select(FormDraft.answers).where(FormDraft.public_id == draft_of(check))) == {}
