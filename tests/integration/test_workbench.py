"""The case worker's day: confirming a status, the resident's documents and who they are, what is new in the queue,
taking a case, Mijn werk, finding a case by its number, staff error pages."""

from __future__ import annotations

from sqlalchemy import select

from portal.cases import service
from portal.db import get_session
from portal.models.cases import Zaak
from portal.models.notifications import ResidentContact
from portal.models.processing_log import ProcessingLogEntry
from portal.models.workbench import ZaakBehandelaar
from portal.queries import workqueue
from tests.support.cases import PDF, add_task, make_case
from tests.support.forms import csrf_token

MEREL = "999993847"


def _status(client, zaak, **fields):
    page = f"/medewerker/zaken/{zaak.identificatie}"
    data = {f"status-{name}": value for name, value in fields.items()}
    return client.post(f"{page}/status", data={"csrf_token": csrf_token(client, page), **data})


def test_setting_a_status_first_shows_what_the_resident_will_be_told(client, staff_login, parse_page, db):
    db.add(ResidentContact(bsn=MEREL, email="merel@example.nl", notify_by_email=True))
    zaak = make_case(db, MEREL)
    staff_login("zaakbehandelaar")
    second = zaak.zaaktype.statustypen[1]
    response = _status(client, zaak, statustype=second.id, toelichting="Alles is er.")
    page = parse_page(response)
    assert response.status_code == 200 and page.h1 == ["Klopt dit?"]
    for told in (second.omschrijving, second.statustekst, "Alles is er.", "De inwoner krijgt een e-mail"):
        assert told in page.body_text, told
    db.expire_all()
    assert db.get(Zaak, zaak.id).statustype_id != second.id  # nothing saved yet

    back = _status(client, zaak, statustype=second.id, toelichting="Alles is er.", bevestigd="wijzigen")
    assert back.status_code == 200 and "Alles is er.</textarea>" in back.get_data(as_text=True)

    done = _status(client, zaak, statustype=second.id, toelichting="Alles is er.", bevestigd="ja")
    assert done.status_code == 302
    db.expire_all()
    assert db.get(Zaak, zaak.id).statustype_id == second.id


def test_the_confirmation_of_the_last_status_says_the_case_closes_and_no_email_goes(
    client, staff_login, parse_page, db
):
    zaak = make_case(db, MEREL, "terugbelverzoek")
    staff_login("zaakbehandelaar")
    text = parse_page(_status(client, zaak, statustype=zaak.zaaktype.statustypen[-1].id, resultaat="Gebeld")).body_text
    assert "De aanvraag is dan klaar" in text and "Gebeld" in text and "De inwoner krijgt geen e-mail" in text


def test_a_bad_status_is_refused_before_the_confirmation_page(client, staff_login, parse_page, db):
    zaak = make_case(db, MEREL)
    staff_login("zaakbehandelaar")
    nul = "Dit veld bevat een teken dat we niet kunnen opslaan"  # every form refuses a NUL (portal/forms.py)
    for hostile in (zaak.zaaktype.statustypen[0].id, "abc", "9" * 400, "1\x00"):
        response = _status(client, zaak, statustype=hostile, bevestigd="ja")
        page = parse_page(response)
        assert response.status_code == 400 and page.title.startswith("Fout: "), hostile
        expected = nul if "\x00" in str(hostile) else "Kies een status uit de lijst"
        assert expected in page.body_text and "coerce" not in page.body_text


def test_a_case_worker_downloads_the_residents_document_and_it_is_logged(client, staff_login, db):
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    from portal.cases.uploads import CheckedFile

    service.answer_task(
        db,
        zaak,
        taak,
        antwoord="Hier is hij.",
        files=[CheckedFile(filename="tekening.pdf", content_type="application/pdf", content=PDF)],
    )
    document_id = db.scalars(select(service.Document.id).where(service.Document.zaak_id == zaak.id)).one()
    staff_login("zaakbehandelaar", sub="staff-sub-sanne")
    url = f"/medewerker/zaken/{zaak.identificatie}/documenten/{document_id}"
    assert url in client.get(f"/medewerker/zaken/{zaak.identificatie}").get_data(as_text=True)
    response = client.get(url)
    assert response.status_code == 200 and response.data == PDF
    assert (
        "attachment" in response.headers["Content-Disposition"]
        and "tekening.pdf" in response.headers["Content-Disposition"]
    )
    assert response.headers["Cache-Control"] == "no-store"
    entry = db.scalars(select(ProcessingLogEntry).where(ProcessingLogEntry.activity == "document downloaden")).one()
    assert (entry.actor, entry.actor_type, entry.purpose) == ("staff-sub-sanne", "medewerker", "zaak behandelen")


def test_a_document_of_another_case_or_for_kcc_is_not_given(client, staff_login, db):
    zaak, other = make_case(db, MEREL), make_case(db, MEREL)
    from tests.support.cases import add_document

    document = add_document(db, other)
    staff_login("zaakbehandelaar")
    assert client.get(f"/medewerker/zaken/{zaak.identificatie}/documenten/{document.id}").status_code == 404
    staff_login("kcc")
    assert client.get(f"/medewerker/zaken/{other.identificatie}/documenten/{document.id}").status_code == 403


def test_the_case_page_says_who_the_resident_is(client, staff_login, parse_page, db):
    db.add(ResidentContact(bsn=MEREL, email="merel@example.nl", notify_by_email=True))
    zaak = make_case(db, MEREL)
    staff_login("zaakbehandelaar")
    text = parse_page(client.get(f"/medewerker/zaken/{zaak.identificatie}")).body_text
    assert "Wie is de inwoner?" in text and "Merel" in text and "Kooyman" in text
    assert "merel@example.nl" in text and "Geboortedatum" in text
    assert MEREL not in text
    staff_login("kcc")  # KCC staff check who is calling: name and date of birth, not the address
    kcc = parse_page(client.get(f"/medewerker/zaken/{zaak.identificatie}")).body_text
    assert "Kooyman" in kcc and "Geboortedatum" in kcc and "Adres" not in kcc and "merel@example.nl" not in kcc


def test_the_queue_shows_a_new_answer_until_a_case_worker_opens_the_case(client, staff_login, parse_page, db):
    zaak = make_case(db, MEREL, "wmo-huishouden")
    staff_login("zaakbehandelaar")
    client.get(f"/medewerker/zaken/{zaak.identificatie}")
    service.answer_task(db, zaak, add_task(db, zaak), antwoord="Gedaan.", files=[])
    service.message_from_resident(db, zaak, onderwerp="Vraag", tekst="Hoe lang nog?")
    row = parse_page(client.get("/medewerker/werkvoorraad?zaaktype=wmo-huishouden")).body_text
    assert "Nieuw antwoord" in row and "Nieuw bericht" in row
    client.get(f"/medewerker/zaken/{zaak.identificatie}")
    row = parse_page(client.get("/medewerker/werkvoorraad?zaaktype=wmo-huishouden")).body_text
    assert "Nieuw antwoord" not in row and "Nieuw bericht" not in row


def test_a_kcc_look_does_not_clear_what_is_new(client, staff_login, parse_page, db):
    zaak = make_case(db, MEREL, "wmo-huishouden")
    service.message_from_resident(db, zaak, onderwerp="Vraag", tekst="Hoe lang nog?")
    staff_login("kcc")
    client.get(f"/medewerker/zaken/{zaak.identificatie}")
    staff_login("zaakbehandelaar")
    assert "Nieuw bericht" in parse_page(client.get("/medewerker/werkvoorraad?zaaktype=wmo-huishouden")).body_text


def _take(client, zaak):
    page = f"/medewerker/zaken/{zaak.identificatie}"
    return client.post(f"{page}/oppakken", data={"csrf_token": csrf_token(client, page)}, follow_redirects=True)


def test_a_case_worker_takes_a_case_and_finds_it_in_mijn_werk(client, staff_login, parse_page, db):
    mine, other = make_case(db, MEREL), make_case(db, MEREL)
    staff_login("zaakbehandelaar", name="Sanne Jansen", sub="staff-sub-sanne")
    assert "U heeft deze aanvraag opgepakt" in parse_page(_take(client, mine)).body_text
    row = db.get(ZaakBehandelaar, mine.id)
    assert (row.medewerker_sub, row.medewerker_naam) == ("staff-sub-sanne", "Sanne Jansen")
    work = parse_page(client.get("/medewerker/mijn-werk")).body_text
    assert mine.identificatie in work and other.identificatie not in work
    staff_login("zaakbehandelaar", name="Jeroen Bakker", sub="staff-sub-jeroen")
    text = parse_page(_take(client, mine)).body_text
    assert "Sanne Jansen heeft deze aanvraag al opgepakt." in text
    assert db.get(ZaakBehandelaar, mine.id).medewerker_sub == "staff-sub-sanne"
    assert "U heeft nog geen aanvragen opgepakt" in parse_page(client.get("/medewerker/mijn-werk")).body_text


def test_a_closed_case_is_not_taken(client, staff_login, parse_page, db):
    zaak = make_case(db, MEREL, "terugbelverzoek")
    service.set_status(db, zaak, zaak.zaaktype.statustypen[-1].id)
    staff_login("zaakbehandelaar")
    assert "Deze aanvraag is al klaar" in parse_page(_take(client, zaak)).body_text
    assert db.get(ZaakBehandelaar, zaak.id) is None


def test_two_case_workers_taking_at_once_one_wins(app, db, monkeypatch):
    """The second one checked before the first one's row existed: its insert fails and it is told who won."""
    zaak = make_case(db, MEREL)
    with app.test_request_context():
        real = workqueue.assignee
        assert workqueue.take(zaak, sub="sub-a", name="A") == (True, workqueue.Assignee("sub-a", "A"))
        looks = []

        def late_look(case):  # the first look misses the row the other case worker is writing
            looks.append(case)
            return None if len(looks) == 1 else real(case)

        monkeypatch.setattr(workqueue, "assignee", late_look)
        assert workqueue.take(zaak, sub="sub-b", name="B") == (False, workqueue.Assignee("sub-a", "A"))
        assert len(looks) == 2  # it tried to insert, lost, and looked again
        get_session().commit()  # what the request's unit of work does at its end
    assert db.get(ZaakBehandelaar, zaak.id).medewerker_sub == "sub-a"


def test_find_a_case_by_its_number_forgiving_case_and_spaces(client, staff_login, db):
    zaak = make_case(db, MEREL)
    staff_login("zaakbehandelaar")
    typed = " " + zaak.identificatie.lower().replace("-", " ") + " "
    response = client.get("/medewerker/zoeken", query_string={"nummer": typed})
    assert response.status_code == 302 and response.headers["Location"].endswith(zaak.identificatie)


def test_a_wrong_number_gets_a_b1_message_and_keeps_what_was_typed(client, staff_login, parse_page, db):
    staff_login("zaakbehandelaar")
    cases = {
        "ZK-12": (400, "Dit is geen nummer van een aanvraag"),
        "ZK-2222-2222": (404, "Er is geen aanvraag met dit nummer"),
        "": (400, "Vul het nummer van de aanvraag in"),
        "zk\u202e" + "9" * 5000: (400, "Dit is geen nummer van een aanvraag"),
    }
    for typed, (status, message) in cases.items():
        response = client.get("/medewerker/zoeken", query_string={"nummer": typed})
        page = parse_page(response)
        assert response.status_code == status, typed[:20]
        assert message in page.body_text and page.title.startswith("Fout: ")
    assert 'value="ZK-12"' in client.get("/medewerker/zoeken?nummer=ZK-12").get_data(as_text=True)
    refused = client.get("/medewerker/zoeken", query_string={"nummer": "zk\x00"})  # a NUL in a query string
    assert refused.status_code == 400 and "Dit kunnen we niet verwerken" in parse_page(refused).body_text


def test_staff_error_pages_use_the_staff_layout(client, staff_login, parse_page):
    staff_login("kcc")
    missing = parse_page(client.get("/medewerker/zaken/ZK-2222-2222"))
    assert "voor medewerkers" in missing.body_text and "/medewerker/" in missing.links
    refused = client.get("/medewerker/werkvoorraad")
    assert refused.status_code == 403 and "voor medewerkers" in parse_page(refused).body_text
    resident = parse_page(client.get("/bestaat-niet"))
    assert "voor medewerkers" not in resident.body_text


def test_staff_server_errors_and_too_many_requests_use_the_staff_layout(client, staff_login, parse_page, monkeypatch):
    from werkzeug.exceptions import TooManyRequests

    staff_login("zaakbehandelaar")
    for error, status, heading in (
        (RuntimeError("boom"), 500, "Er ging iets mis"),
        (TooManyRequests(), 429, "Even wachten"),
    ):

        def fail(*args, error=error, **kwargs):
            raise error

        monkeypatch.setattr(workqueue, "queue", fail)
        response = client.get("/medewerker/werkvoorraad")
        page = parse_page(response)
        assert response.status_code == status and page.h1 == [heading]
        assert "voor medewerkers" in page.body_text and "boom" not in page.body_text
