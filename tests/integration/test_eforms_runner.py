"""The e-form runner's pages: start, steps, check answers, submit, confirmation; and every refusal."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from portal import outbox_worker
from portal.models.appointments import DevMailAttachment
from portal.models.cases import Zaak
from portal.models.eforms import FormDraft, FormSubmission
from portal.models.notifications import DevMail, OutboxMessage
from tests.support.eforms import begin, csrf_of, draft_of, once_of, post_step, publish_shipped

TERUGBEL = "terugbelverzoek"


@pytest.fixture
def forms(app):
    publish_shipped(app)


def _terugbel_to_check(client):
    step = begin(client, TERUGBEL)
    assert step.endswith("/onderwerp")
    answer = post_step(client, step, {"vraag": "Mijn vuilnis is niet opgehaald", "actie": "verder"})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/telefoon")
    answer = post_step(client, answer.headers["Location"], {"telefoonnummer": "06 12345678"})
    assert answer.headers["Location"].endswith("/dagdeel")
    answer = post_step(client, answer.headers["Location"], {"dagdeel": "ochtend"})
    assert answer.headers["Location"].endswith("/controleren")
    return answer.headers["Location"]


def _send(client, check_path):
    page = client.get(check_path)
    assert page.status_code == 200
    data = {"csrf_token": csrf_of(page.text), "once_token": once_of(page.text)}
    return client.post(check_path, data=data), data


def test_terugbelverzoek_from_start_to_confirmation(forms, client, login, db):
    login(level="basis")
    start = client.get(f"/formulier/{TERUGBEL}")
    assert start.status_code == 200 and "Bel mij terug" in start.text and "2 minuten" in start.text
    check_path = _terugbel_to_check(client)
    check = client.get(check_path)
    assert "Mijn vuilnis is niet opgehaald" in check.text and "In de ochtend" in check.text
    assert check.headers["Cache-Control"].startswith("no-store") or "no-store" in check.headers["Cache-Control"]
    sent, _ = _send(client, check_path)
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/verstuurd")
    done = client.get(sent.headers["Location"])
    reference = db.scalar(select(FormSubmission.reference).where(FormSubmission.slug == TERUGBEL))
    assert reference and reference in done.text
    zaak = db.scalar(select(Zaak).where(Zaak.identificatie == reference))
    assert zaak.zaaktype.identificatie == "terugbelverzoek" and zaak.initiator_bsn == "999993653"
    assert "U hoort op zijn laatst" in done.text


def test_a_double_submit_makes_one_submission_and_one_case(forms, client, login, db):
    login(level="basis")
    check_path = _terugbel_to_check(client)
    first, data = _send(client, check_path)
    again = client.post(check_path, data=data)  # the same click twice
    other_tab = client.get(check_path)  # a second tab: the draft is sent, it shows the confirmation
    assert first.headers["Location"] == again.headers["Location"]
    assert other_tab.status_code == 302 and other_tab.headers["Location"].endswith("/verstuurd")
    draft = draft_of(check_path)
    assert (
        db.scalar(select(func.count()).select_from(FormSubmission).where(FormSubmission.draft_public_id == draft)) == 1
    )
    reference = db.scalar(select(FormSubmission.reference).where(FormSubmission.draft_public_id == draft))
    assert db.scalar(select(func.count()).select_from(Zaak).where(Zaak.identificatie == reference)) == 1


def test_nobody_jumps_ahead_by_url(forms, client, login):
    login(level="basis")
    step = begin(client, TERUGBEL)
    ahead = client.get(step.replace("/onderwerp", "/dagdeel"))
    assert ahead.status_code == 302 and ahead.headers["Location"].endswith("/onderwerp")
    check = client.get(step.replace("/onderwerp", "/controleren"))
    assert check.status_code == 302 and check.headers["Location"].endswith("/onderwerp")
    unknown = client.get(step.replace("/onderwerp", "/bestaat-niet"))
    assert unknown.status_code == 302 and unknown.headers["Location"].endswith("/onderwerp")


def test_an_invalid_post_keeps_what_was_typed_and_shows_the_error_summary(forms, client, login, db):
    login(level="basis")
    step = begin(client, TERUGBEL)
    answer = post_step(client, step, {"vraag": "x" * 501})
    assert answer.status_code == 400
    assert "Er is een probleem" in answer.text and "Gebruik hoogstens 500 tekens" in answer.text
    assert "x" * 501 in answer.text and answer.text.count('href="#vraag"') == 1
    assert db.scalar(select(FormDraft.answers).where(FormDraft.public_id == draft_of(step))) == {}


def test_an_unknown_field_is_refused_and_nothing_is_stored(forms, client, login, db, caplog):
    login(level="basis")
    step = begin(client, TERUGBEL)
    with caplog.at_level(logging.WARNING, logger="portal.eforms"):
        answer = post_step(client, step, {"vraag": "Een vraag", "bsn": "111222333"})
    assert answer.status_code == 400 and "gegevens die we niet kennen" in answer.text
    assert "unknown input" in caplog.text
    assert db.scalar(select(FormDraft.answers).where(FormDraft.public_id == draft_of(step))) == {}


def test_another_residents_draft_is_not_found_with_the_reason_in_the_log(forms, client, login, caplog):
    login(level="basis")
    step = begin(client, TERUGBEL)
    login(bsn="999990019", level="basis")
    with caplog.at_level(logging.WARNING, logger="portal.eforms"):
        response = client.get(step)
    assert response.status_code == 404 and "We kunnen dit formulier niet vinden" in response.text
    assert "andere DigiD" in response.text
    assert "draft of another resident" in caplog.text


def test_a_form_with_login_sends_the_visitor_to_digid_at_its_level_and_back(forms, client):
    page = client.get(f"/formulier/{TERUGBEL}")
    response = client.post(f"/formulier/{TERUGBEL}", data={"csrf_token": csrf_of(page.text)})
    assert response.status_code == 302 and "/inloggen?niveau=basis" in response.headers["Location"]
    with client.session_transaction() as session:
        assert session["login_next"] == f"/formulier/{TERUGBEL}/eerste-vraag"  # the first question, not the start


def test_resume_after_the_session_expired_continues_at_the_same_step(forms, client, login):
    login(level="basis")
    step = begin(client, TERUGBEL)
    post_step(client, step, {"vraag": "Over mijn belasting"})
    resume = step.rsplit("/", 1)[0]
    with client.session_transaction() as session:
        session.clear()  # the session ran out
    gate = client.get(resume)
    assert gate.status_code == 302 and "/inloggen" in gate.headers["Location"]
    login(level="midden")  # the same resident, at a higher level
    again = client.get(resume)
    assert again.status_code == 302 and again.headers["Location"].endswith("/telefoon")


def test_the_overview_lists_unfinished_forms_with_a_way_back_in(forms, client, login):
    login(level="midden")
    step = begin(client, TERUGBEL)
    overview = client.get("/mijn-overzicht")
    assert "Formulieren om af te maken" in overview.text and "Verder gaan" in overview.text
    assert step.rsplit("/", 1)[0] in overview.text


def test_the_anonymous_report_needs_no_login_and_mails_only_when_asked(forms, client, db):
    step = begin(client, "melding-openbare-ruimte")
    answer = post_step(client, step, {"soort": "straatverlichting"})
    answer = post_step(client, answer.headers["Location"], {"omschrijving": "De lamp is stuk"})
    answer = post_step(client, answer.headers["Location"], {"locatie": "Voor Marktplein 12"})
    answer = post_step(client, answer.headers["Location"], {})
    assert answer.headers["Location"].endswith("/updates"), answer.text[:300]
    answer = post_step(client, answer.headers["Location"], {"wil_updates": "nee"})
    assert answer.headers["Location"].endswith("/controleren")
    sent, _ = _send(client, answer.headers["Location"])
    assert sent.status_code == 302
    reference = db.scalar(select(FormSubmission.reference).where(FormSubmission.draft_public_id == draft_of(step)))
    assert db.scalar(select(Zaak.initiator_bsn).where(Zaak.identificatie == reference)) == ""
    queued = db.execute(
        select(OutboxMessage.channel, OutboxMessage.kind).where(OutboxMessage.zaak_referentie == reference)
    )
    assert sorted(queued) == [("zaak", "formulier-bewijs")]  # the receipt for the case, and no email


def test_an_anonymous_report_mails_the_number_and_whom_to_call_but_none_of_its_answers(forms, app, client, db):
    """No login: nobody's Mijn zaken holds the report, so the email says whom to call with its number. The
    place and the description (they can name a neighbour, a house) stay out of the mailbox, as the PDF does."""
    step = begin(client, "melding-openbare-ruimte")
    answer = post_step(client, step, {"soort": "straatverlichting"})
    answer = post_step(client, answer.headers["Location"], {"omschrijving": "De lamp bij nummer 12 is stuk"})
    answer = post_step(client, answer.headers["Location"], {"locatie": "Voor Marktplein 12"})
    answer = post_step(client, answer.headers["Location"], {})
    answer = post_step(client, answer.headers["Location"], {"wil_updates": "ja"})
    answer = post_step(client, answer.headers["Location"], {"email": "melder@example.nl"})
    assert answer.headers["Location"].endswith("/controleren"), answer.text[:300]
    _send(client, answer.headers["Location"])
    reference = db.scalar(select(FormSubmission.reference).where(FormSubmission.draft_public_id == draft_of(step)))
    with app.app_context():
        assert outbox_worker.run(polls=1, sleep=lambda _: None) == (2, 0)
    mail = db.scalars(select(DevMail).where(DevMail.recipient == "melder@example.nl")).one()
    assert reference in mail.body and reference in mail.subject
    assert f"Bel ons dan op {app.config['MUNICIPALITY_PHONE']}" in mail.body and "mijn-zaken" not in mail.body
    assert "Marktplein" not in mail.body and "lamp" not in mail.body.lower()
    assert db.scalars(select(DevMailAttachment).where(DevMailAttachment.dev_mail_id == mail.id)).all() == []


def test_anonymous_reports_are_throttled_per_visitor(forms, app, client):
    step = begin(client, "melding-openbare-ruimte")
    old = app.config["RATELIMIT_EFORMS"]
    app.config["RATELIMIT_EFORMS"] = "3 per minute"
    try:
        answers = [post_step(client, step, {"soort": "afval"}).status_code for _ in range(4)]
    finally:
        app.config["RATELIMIT_EFORMS"] = old
    assert answers[:3] == [302, 302, 302] and answers[3] == 429


def test_a_prefilled_fact_in_the_post_is_refused_and_the_bsn_comes_from_the_session(forms, client, login, db):
    login(bsn="999993653")
    step = begin(client, "verhuizing-doorgeven")
    answer = post_step(client, step, {"binnen_nederland": "ja"})
    facts = answer.headers["Location"]
    assert facts.endswith("/huidige-gegevens")
    tampered = post_step(client, facts, {"naam": "Iemand Anders"})
    assert tampered.status_code == 400 and "gegevens die we niet kennen" in tampered.text
    page = client.get(facts)
    assert "Iemand Anders" not in page.text
    prefill = db.scalar(select(FormDraft.prefill).where(FormDraft.public_id == draft_of(step)))
    assert prefill["fetched_at"] and prefill["status"] in ("ok", "unavailable")


def test_an_anonymous_visitor_cannot_open_another_visitors_draft(forms, app, client, caplog):
    step = begin(client, "melding-openbare-ruimte")
    other = app.test_client()
    with caplog.at_level(logging.WARNING, logger="portal.eforms"):
        response = other.get(step)
    assert response.status_code == 404 and "draft of another visitor" in caplog.text


def test_an_exit_page_says_what_to_do_instead_and_is_only_shown_on_its_route(forms, client, login):
    login(bsn="999993653")
    step = begin(client, "wmo-hulp-bij-het-huishouden")
    exit_url = step.replace("/voor-wie", "/kan-niet-verder/voor-iemand-anders")
    early = client.get(exit_url)
    assert early.status_code == 302 and early.headers["Location"].endswith("/voor-wie")
    answer = post_step(client, step, {"voor_wie": "iemand-anders"})
    assert answer.headers["Location"] == exit_url
    page = client.get(exit_url)
    assert page.status_code == 200 and "Bel het Wmo-loket" in page.text
    check = client.get(step.replace("/voor-wie", "/controleren"))
    assert check.status_code == 302 and check.headers["Location"] == exit_url  # nothing to send from an exit


def test_the_confirmation_and_its_hand_offs_refuse_what_does_not_apply(forms, client, login):
    login(level="basis")
    step = begin(client, TERUGBEL)
    not_yet = client.get(step.replace("/onderwerp", "/verstuurd"))
    assert not_yet.status_code == 302 and not_yet.headers["Location"].endswith("/onderwerp")
    check_path = _terugbel_to_check(client)
    _send(client, check_path)
    done_page = client.get(check_path.replace("/controleren", "/verstuurd"))
    assert "Maak een afspraak" not in done_page.text  # the callback form hands off to nothing
    no_appointment = client.post(
        check_path.replace("/controleren", "/verstuurd/afspraak"), data={"csrf_token": csrf_of(done_page.text)}
    )
    assert no_appointment.status_code == 404
    no_callback = client.get(check_path.replace("/controleren", "/verstuurd/bel-mij-terug"))
    assert no_callback.status_code == 302 and no_callback.headers["Location"].endswith("/verstuurd")
    steps_after = client.get(check_path.replace("/controleren", "/onderwerp"))
    assert steps_after.status_code == 302 and steps_after.headers["Location"].endswith("/verstuurd")


def test_an_unknown_form_and_an_unknown_draft_are_not_found(forms, client):
    assert client.get("/formulier/bestaat-niet").status_code == 404
    assert client.get("/formulier/terugbelverzoek/onbekend/onderwerp").status_code == 404


def test_an_anonymous_report_with_updates_sends_the_confirmation_to_the_address_given(forms, client, db):
    step = begin(client, "melding-openbare-ruimte")
    answer = post_step(client, step, {"soort": "afval"})
    answer = post_step(client, answer.headers["Location"], {"omschrijving": "Veel zwerfvuil"})
    answer = post_step(client, answer.headers["Location"], {"locatie": "Het park"})
    answer = post_step(client, answer.headers["Location"], {})
    answer = post_step(client, answer.headers["Location"], {"wil_updates": "ja"})
    assert answer.headers["Location"].endswith("/email")
    answer = post_step(client, answer.headers["Location"], {"email": "melder@example.org"})
    sent, _ = _send(client, answer.headers["Location"])
    reference = db.scalar(select(FormSubmission.reference).where(FormSubmission.draft_public_id == draft_of(step)))
    mails = db.scalars(select(OutboxMessage).where(OutboxMessage.zaak_referentie == reference)).all()
    assert [(mail.recipient, mail.kind) for mail in mails if mail.channel == "email"] == [
        ("melder@example.org", "formulier-ontvangen")
    ]
    assert "U krijgt een e-mail" in client.get(sent.headers["Location"]).text
