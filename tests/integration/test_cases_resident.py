"""Mijn zaken for a resident: the list, one case, documents, messages, tasks and Mijn overzicht."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import select

from portal.cases import service
from portal.i18n import local_today
from portal.models.cases import Bericht, Document, Taak
from portal.models.notifications import OutboxMessage, ResidentContact
from tests.support.cases import PDF, add_document, add_task, make_case
from tests.support.forms import csrf_token

SUZANNE, MEREL = "999993653", "999993847"


def test_an_empty_list_says_what_will_appear_here(client, login, parse_page):
    login(MEREL)
    page = parse_page(client.get("/mijn-zaken"))
    assert page.h1 == ["Mijn aanvragen"]
    assert "U heeft nog niets bij ons aangevraagd of gemeld" in page.body_text


def test_the_list_shows_open_cases_first_then_newest_with_status_and_date(client, login, parse_page, db):
    login(MEREL)
    closed = make_case(db, MEREL, "terugbelverzoek", started_days_ago=1)
    service.set_status(db, closed, closed.zaaktype.statustypen[-1].id)
    older = make_case(db, MEREL, "wmo-huishouden", started_days_ago=9)
    newer = make_case(db, MEREL, "melding-openbare-ruimte")
    response = client.get("/mijn-zaken")
    assert response.headers["Cache-Control"] == "no-store"
    text = parse_page(response).body_text
    positions = [text.index(zaak.identificatie) for zaak in (newer, older, closed)]
    assert positions == sorted(positions)
    assert "Verwacht klaar op" in text and "Klaar op" in text
    only_closed = parse_page(client.get("/mijn-zaken?toon=afgesloten")).body_text
    assert closed.identificatie in only_closed and newer.identificatie not in only_closed


def test_hundreds_of_cases_come_in_pages(client, login, parse_page, db):
    login(MEREL)
    for _ in range(45):
        make_case(db, MEREL, "melding-openbare-ruimte")
    first = parse_page(client.get("/mijn-zaken"))
    assert "Pagina 1 van 3" in first.body_text and "/mijn-zaken?pagina=2&toon=alle" in first.links
    last = parse_page(client.get("/mijn-zaken?pagina=99"))
    assert "Pagina 3 van 3" in last.body_text
    assert parse_page(client.get("/mijn-zaken?pagina=abc&toon=raar")).h1 == ["Mijn aanvragen"]


def test_a_case_page_shows_the_timeline_with_the_current_step(client, login, db):
    login(MEREL)
    zaak = make_case(db, MEREL, omschrijving="Aanbouw")
    html = client.get(f"/mijn-zaken/{zaak.identificatie}").get_data(as_text=True)
    assert 'aria-current="step"' in html
    assert html.count("portal-timeline__step--future") == len(zaak.zaaktype.statustypen) - 1
    assert "We beoordelen uw plan" not in html  # only the current step's text is shown
    assert "We kijken eerst of alles erbij zit" in html


def test_a_late_case_says_so_why_and_what_the_resident_can_do(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL, "verhuizing", started_days_ago=40)
    service.record_delay(db, zaak, reden="We moeten eerst langskomen.", verwachte_einddatum=None)
    text = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}")).body_text
    assert "Dit duurt langer dan we hadden beloofd" in text
    assert "We moeten eerst langskomen." in text
    assert "Wat kunt u doen?" in text
    assert "ingebrekestelling" in text  # 40 days is past the legal 28


def test_documents_download_as_attachments_that_are_not_stored(client, login, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    document = add_document(db, zaak)
    hidden = add_document(db, zaak, titel="Intern advies", vertrouwelijkheid="intern")
    html = client.get(f"/mijn-zaken/{zaak.identificatie}").get_data(as_text=True)
    assert "Besluit" in html and "Intern advies" not in html
    response = client.get(f"/mijn-zaken/{zaak.identificatie}/documenten/{document.id}")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/mijn-zaken/{zaak.identificatie}/documenten/{hidden.id}").status_code == 404


def test_reading_the_case_marks_messages_read_and_the_resident_can_answer(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Hoe gaat het?", afzender="Sanne")
    assert "1 nieuw bericht" in parse_page(client.get("/mijn-overzicht")).body_text
    path = f"/mijn-zaken/{zaak.identificatie}"
    client.get(path)
    assert "nieuw bericht" not in parse_page(client.get("/mijn-overzicht")).body_text
    response = client.post(
        f"{path}/berichten",
        data={"csrf_token": csrf_token(client, path), "onderwerp": "Antwoord", "tekst": "Goed, dank u."},
    )
    assert response.status_code == 302
    sent = db.scalars(select(Bericht).where(Bericht.zaak_id == zaak.id, Bericht.richting == "inwoner")).one()
    assert (sent.onderwerp, sent.tekst) == ("Antwoord", "Goed, dank u.")


def test_a_message_without_text_keeps_the_subject_and_says_what_to_do(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    path = f"/mijn-zaken/{zaak.identificatie}"
    response = client.post(
        f"{path}/berichten", data={"csrf_token": csrf_token(client, path), "onderwerp": "Mijn vraag", "tekst": "  "}
    )
    page = parse_page(response)
    assert response.status_code == 400 and page.title.startswith("Fout: ")
    assert "Schrijf uw bericht" in page.body_text
    assert 'value="Mijn vraag"' in response.get_data(as_text=True)


def _answer(client, zaak, taak, text: str, files: list[tuple[bytes, str]]):
    path = f"/mijn-zaken/{zaak.identificatie}/taken/{taak.id}"
    data = {
        "csrf_token": csrf_token(client, path),
        "antwoord": text,
        "bestanden": [(io.BytesIO(content), name) for content, name in files],
    }
    return client.post(path, data=data, content_type="multipart/form-data")


def test_a_task_is_answered_with_text_and_a_pdf(client, login, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    response = _answer(client, zaak, taak, "Hierbij de tekening.", [(PDF, "tekening.pdf")])
    assert response.status_code == 302
    db.expire_all()
    answered = db.get(Taak, taak.id)
    assert answered.antwoord == "Hierbij de tekening." and answered.afgerond_op is not None
    document = db.scalars(select(Document).where(Document.taak_id == taak.id)).one()
    assert (document.bestandsnaam, document.auteur, document.formaat) == ("tekening.pdf", "inwoner", "application/pdf")
    again = _answer(client, zaak, taak, "Nog een keer", [])
    assert again.status_code == 409 and "Deze vraag heeft u al beantwoord" in again.get_data(as_text=True)
    assert "Hierbij de tekening." in again.get_data(as_text=True)  # the first answer, which stands


def test_a_wrong_file_is_refused_in_b1_and_the_answer_is_kept(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    program = b"MZ\x90\x00" + b"\x00" * 64
    response = _answer(client, zaak, taak, "Mijn uitleg blijft staan.", [(program, "tekening.pdf")])
    page = parse_page(response)
    assert response.status_code == 400 and page.title.startswith("Fout: ")
    assert "Het bestand tekening.pdf kunnen we niet openen. Stuur een PDF, JPG of PNG." in page.body_text
    assert "Mijn uitleg blijft staan." in response.get_data(as_text=True)
    assert db.get(Taak, taak.id).afgerond_op is None


def test_a_file_over_the_limit_is_refused(client, login, parse_page, db, monkeypatch):
    monkeypatch.setattr("portal.cases.uploads.MAX_UPLOAD_BYTES", 1000)
    monkeypatch.setattr(
        "portal.cases.forms.check_upload",
        lambda upload: __import__("portal.cases.uploads", fromlist=["x"]).check_upload(upload, 1000),
    )
    login(MEREL)
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    response = _answer(client, zaak, taak, "Groot", [(PDF + b"0" * 2000, "groot.pdf")])
    assert response.status_code == 400
    assert "Het bestand groot.pdf is te groot" in parse_page(response).body_text


def test_an_empty_answer_asks_for_text_or_a_file(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    response = _answer(client, zaak, taak, "  ", [])
    assert "Schrijf een antwoord of kies een bestand" in parse_page(response).body_text


def test_the_overview_lists_open_cases_and_open_tasks(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    add_task(db, zaak, titel="Stuur ons uw loonstrook")
    text = parse_page(client.get("/mijn-overzicht")).body_text
    assert "Omgevingsvergunning: aanbouw" in text and "Stuur ons uw loonstrook" in text


def test_changes_queue_an_email_only_for_a_resident_who_wants_one(db):
    quiet = make_case(db, MEREL)
    add_task(db, quiet)
    assert db.scalars(select(OutboxMessage)).all() == []
    db.add(ResidentContact(bsn=MEREL, email="merel@example.nl", notify_by_email=True))
    db.commit()
    add_task(db, quiet)
    service.message_to_resident(db, quiet, onderwerp="Vraag", tekst="Tekst", afzender="Sanne")
    quiet_step = quiet.zaaktype.statustypen[2]  # informeren: true
    service.set_status(db, quiet, quiet_step.id)
    kinds = [message.kind for message in db.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
    assert kinds == ["taak", "bericht", "status"]


def test_the_notification_choice_is_saved_and_a_bad_address_is_explained(client, login, parse_page, db):
    login(MEREL)
    path = "/mijn-gegevens/meldingen"
    bad = client.post(path, data={"csrf_token": csrf_token(client, path), "email": "merel@", "notify": "ja"})
    assert bad.status_code == 400
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl" in parse_page(bad).body_text
    assert 'value="merel@"' in bad.get_data(as_text=True)
    good = client.post(path, data={"csrf_token": csrf_token(client, path), "email": "merel@example.nl", "notify": "ja"})
    assert good.status_code == 302
    contact = db.get(ResidentContact, MEREL)
    assert (contact.email, contact.notify_by_email) == ("merel@example.nl", True)
    assert "merel@example.nl" in parse_page(client.get("/mijn-gegevens")).body_text


def test_yes_without_an_address_asks_for_one(client, login, parse_page):
    login(MEREL)
    path = "/mijn-gegevens/meldingen"
    response = client.post(path, data={"csrf_token": csrf_token(client, path), "email": "", "notify": "ja"})
    assert "Vul uw e-mailadres in" in parse_page(response).body_text


def test_a_task_due_date_is_shown(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    text = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}/taken/{taak.id}")).body_text
    assert taak.titel in text and str((local_today() + timedelta(days=7)).year) in text


def test_a_request_over_the_total_limit_gets_a_b1_page(client, login, parse_page, db, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2000)
    login(MEREL)
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    response = _answer(client, zaak, taak, "Veel", [(PDF + b"0" * 3000, "groot.pdf")])
    assert response.status_code == 413
    assert parse_page(response).h1 == ["Uw bestanden zijn samen te groot"]


def test_more_than_five_files_at_once_is_refused(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    response = _answer(client, zaak, taak, "Zes", [(PDF, f"deel-{number}.pdf") for number in range(6)])
    assert response.status_code == 400
    assert "Stuur niet meer dan 5 bestanden tegelijk." in parse_page(response).body_text
