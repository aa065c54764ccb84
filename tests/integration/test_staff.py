"""The staff workbench: roles, the queue, moving a case along, messages, tasks, documents, delay, KCC lookup."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import select

from portal.i18n import local_today
from portal.models.cases import Bericht, Document, Taak, Zaak
from portal.models.notifications import OutboxMessage, ResidentContact
from portal.models.processing_log import ProcessingLogEntry
from portal.queries.processing_log import pseudonym
from tests.support.cases import PDF, make_case
from tests.support.forms import csrf_token

MEREL = "999993847"


PREFIX = {"status": "status", "bericht": "bericht", "taak": "taak", "document": "document", "vertraging": "vertraging"}


def _post(client, reference: str, action: str, data: dict, **kwargs):
    page = f"/medewerker/zaken/{reference}"
    if action == "status":  # straight past the confirmation page (tests/integration/test_workbench.py has it)
        data = {"bevestigd": "ja", **data}
    fields = {f"{PREFIX[action]}-{name}": value for name, value in data.items()}
    return client.post(f"{page}/{action}", data={"csrf_token": csrf_token(client, page), **fields}, **kwargs)


def test_each_role_reaches_only_its_own_functions(client, staff_login, db):
    zaak = make_case(db, MEREL)
    staff_login("formulierbeheerder", name="Fatima")
    assert client.get("/medewerker/").status_code == 200
    for url in ("/medewerker/werkvoorraad", f"/medewerker/zaken/{zaak.identificatie}", "/medewerker/kcc"):
        assert client.get(url).status_code == 403, url
    staff_login("kcc", name="Kees")
    assert client.get("/medewerker/werkvoorraad").status_code == 403
    assert client.get(f"/medewerker/zaken/{zaak.identificatie}").status_code == 200
    response = client.post(
        f"/medewerker/zaken/{zaak.identificatie}/status",
        data={"csrf_token": csrf_token(client, "/medewerker/kcc"), "status-statustype": 1},
    )
    assert response.status_code == 403


def test_a_staff_session_does_not_open_resident_pages(client, staff_login):
    staff_login("zaakbehandelaar")
    assert client.get("/mijn-zaken").headers["Location"].endswith("/inloggen-nodig")


def test_the_queue_puts_late_and_nearly_late_cases_first(client, staff_login, parse_page, db):
    fresh = make_case(db, MEREL, "wmo-huishouden")
    late = make_case(db, MEREL, "wmo-huishouden", started_days_ago=50)
    nearly = make_case(db, MEREL, "wmo-huishouden", started_days_ago=40)
    staff_login("zaakbehandelaar")
    page = parse_page(client.get("/medewerker/werkvoorraad?zaaktype=wmo-huishouden"))
    text = page.body_text
    assert text.index(late.identificatie) < text.index(nearly.identificatie) < text.index(fresh.identificatie)
    assert "8 dagen te laat" in text and "Nog 2 dagen" in text
    other = parse_page(client.get("/medewerker/werkvoorraad?zaaktype=terugbelverzoek")).body_text
    assert late.identificatie not in other


def test_a_case_worker_moves_a_case_on_and_the_resident_is_emailed(app, client, staff_login, parse_page, db):
    db.add(ResidentContact(bsn=MEREL, email="merel@example.nl", notify_by_email=True))
    zaak = make_case(db, MEREL)
    staff_login("zaakbehandelaar", name="Sanne Jansen")
    second = zaak.zaaktype.statustypen[1]
    response = _post(client, zaak.identificatie, "status", {"statustype": second.id, "toelichting": "Alles is er."})
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Zaak, zaak.id).statustype_id == second.id
    assert [message.kind for message in db.scalars(select(OutboxMessage))] == ["status", "status"]
    with app.app_context():
        from portal.notifications import deliver_pending

        assert deliver_pending() == (2, 0)
    text = parse_page(client.get(f"/medewerker/zaken/{zaak.identificatie}")).body_text
    assert "Alles is er." in text


def test_going_back_or_to_another_case_types_step_is_refused(client, staff_login, parse_page, db):
    zaak = make_case(db, MEREL)
    other = make_case(db, MEREL, "terugbelverzoek")
    staff_login("zaakbehandelaar")
    for step_id in (zaak.zaaktype.statustypen[0].id, other.zaaktype.statustypen[-1].id, 999999):
        response = _post(client, zaak.identificatie, "status", {"statustype": step_id})
        assert response.status_code == 400, step_id
    db.expire_all()
    assert db.get(Zaak, zaak.id).statustype_id == zaak.zaaktype.statustypen[0].id


def test_the_last_status_closes_the_case_with_its_result(client, staff_login, db):
    zaak = make_case(db, MEREL, "terugbelverzoek")
    staff_login("zaakbehandelaar")
    _post(
        client,
        zaak.identificatie,
        "status",
        {"statustype": zaak.zaaktype.statustypen[-1].id, "resultaat": "Vraag beantwoord"},
    )
    db.expire_all()
    closed = db.get(Zaak, zaak.id)
    assert closed.einddatum == local_today() and closed.resultaat == "Vraag beantwoord"


def test_message_task_document_and_delay(client, staff_login, db):
    zaak = make_case(db, MEREL)
    staff_login("zaakbehandelaar", name="Sanne Jansen")
    due = (local_today() + timedelta(days=10)).isoformat()
    assert _post(client, zaak.identificatie, "bericht", {"onderwerp": "Vraag", "tekst": "Hoe?"}).status_code == 302
    assert (
        _post(
            client,
            zaak.identificatie,
            "taak",
            {"titel": "Stuur loonstrook", "toelichting": "Van mei.", "uiterlijk": due},
        ).status_code
        == 302
    )
    response = _post(
        client,
        zaak.identificatie,
        "document",
        {"titel": "Besluit", "vertrouwelijkheid": "openbaar", "bestand": (io.BytesIO(PDF), "besluit.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert (
        _post(client, zaak.identificatie, "vertraging", {"reden": "Drukte.", "verwachte_einddatum": due}).status_code
        == 302
    )
    db.expire_all()
    assert db.scalars(select(Bericht).where(Bericht.zaak_id == zaak.id)).one().afzender == "Sanne Jansen"
    assert db.scalars(select(Taak).where(Taak.zaak_id == zaak.id)).one().uiterlijk.isoformat() == due
    assert db.scalars(select(Document).where(Document.zaak_id == zaak.id)).one().auteur == "gemeente"
    assert db.get(Zaak, zaak.id).vertraging_reden == "Drukte."


def test_form_errors_keep_what_the_case_worker_typed(client, staff_login, parse_page, db):
    zaak = make_case(db, MEREL)
    staff_login("zaakbehandelaar")
    response = _post(
        client, zaak.identificatie, "taak", {"titel": "Stuur loonstrook", "toelichting": "", "uiterlijk": "2000-01-01"}
    )
    assert response.status_code == 400
    assert 'value="Stuur loonstrook"' in response.get_data(as_text=True)
    assert "Kies een datum vanaf vandaag" in parse_page(response).body_text
    bad_file = _post(
        client,
        zaak.identificatie,
        "document",
        {"titel": "Besluit", "bestand": (io.BytesIO(b"not a pdf"), "x.pdf")},
        content_type="multipart/form-data",
    )
    assert bad_file.status_code == 400 and "Kies een PDF, JPG of PNG" in bad_file.get_data(as_text=True)


def test_kcc_lookup_is_by_post_and_written_to_the_processing_log(client, staff_login, parse_page, db):
    zaak = make_case(db, MEREL, "wmo-huishouden")
    staff_login("kcc", name="Kees de Boer", sub="staff-sub-kees")
    response = client.post(
        "/medewerker/kcc",
        data={"csrf_token": csrf_token(client, "/medewerker/kcc"), "bsn": MEREL},
        follow_redirects=True,
    )
    assert zaak.identificatie in parse_page(response).body_text
    assert MEREL not in response.request.url
    entries = db.scalars(select(ProcessingLogEntry).where(ProcessingLogEntry.actor == "staff-sub-kees")).all()
    # The lookup, then the BRP read of the caller page (name and date of birth to check who is calling).
    assert [entry.activity for entry in entries] == ["zaken opzoeken", "brp.raadplegen"]
    assert entries[1].purpose == "inwoner herkennen aan de telefoon (KCC)"
    with client.application.app_context():
        assert entries[0].subject_pseudonym == pseudonym(MEREL)
    assert entries[0].actor_type == "medewerker"
    client.get(f"/medewerker/zaken/{zaak.identificatie}")
    assert [
        entry.activity
        for entry in db.scalars(select(ProcessingLogEntry).where(ProcessingLogEntry.actor == "staff-sub-kees")).all()[
            -2:
        ]
    ] == ["zaak bekijken", "brp.raadplegen"]


def test_kcc_lookup_explains_a_wrong_number(client, staff_login, parse_page):
    staff_login("kcc")
    response = client.post(
        "/medewerker/kcc", data={"csrf_token": csrf_token(client, "/medewerker/kcc"), "bsn": "123456789"}
    )
    assert response.status_code == 400
    assert "Dit is geen geldig burgerservicenummer" in parse_page(response).body_text


def test_staff_pages_are_not_stored(client, staff_login, db):
    zaak = make_case(db, MEREL)
    staff_login("zaakbehandelaar")
    for url in ("/medewerker/", "/medewerker/werkvoorraad", f"/medewerker/zaken/{zaak.identificatie}"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url


def test_staff_sessions_time_out_with_the_same_warning(client, staff_login):
    staff_login("kcc")
    assert "Ingelogd blijven" in client.get("/medewerker/").get_data(as_text=True)
    status = client.get("/sessie/status").get_json()
    assert status["logged_in"] is True and status["seconds_left"] > 0
    response = client.post(
        "/sessie/verlengen", data={"csrf_token": csrf_token(client, "/medewerker/"), "terug": "/medewerker/kcc"}
    )
    assert response.headers["Location"] == "/medewerker/kcc"


def test_a_case_worker_opening_a_case_is_logged_too(client, staff_login, db):
    zaak = make_case(db, MEREL)
    staff_login("zaakbehandelaar", sub="staff-sub-sanne")
    client.get(f"/medewerker/zaken/{zaak.identificatie}")
    entries = db.scalars(select(ProcessingLogEntry).where(ProcessingLogEntry.actor == "staff-sub-sanne")).all()
    assert [(entry.activity, entry.purpose) for entry in entries] == [
        ("zaak bekijken", "zaak behandelen"),
        ("brp.raadplegen", "zaak behandelen: wie is de inwoner"),
    ]
    assert {entry.actor_type for entry in entries} == {"medewerker"}


def test_the_menu_shows_only_what_the_role_may_use(client, staff_login, parse_page):
    staff_login("kcc")
    links = parse_page(client.get("/medewerker/")).links
    assert "/medewerker/kcc" in links and "/medewerker/werkvoorraad" not in links
    staff_login("zaakbehandelaar")
    links = parse_page(client.get("/medewerker/")).links
    assert "/medewerker/werkvoorraad" in links and "/medewerker/kcc" not in links
