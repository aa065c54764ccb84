"""The KCC's caller page: who is calling, a contact note on a case or without one, a callback request."""

from __future__ import annotations

from sqlalchemy import select

from portal.models.cases import Zaak
from portal.models.klantcontact import Klantcontact
from portal.models.processing_log import ProcessingLogEntry
from tests.support.cases import make_case
from tests.support.forms import csrf_token

MEREL, SUZANNE = "999993847", "999993653"


def _look_up(client, bsn=MEREL):
    return client.post("/medewerker/kcc", data={"csrf_token": csrf_token(client, "/medewerker/kcc"), "bsn": bsn})


def _post(client, action, **fields):
    prefix = {"contact": "contact", "terugbellen": "terugbellen"}[action]
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    return client.post(
        f"/medewerker/kcc/inwoner/{action}", data={"csrf_token": csrf_token(client, "/medewerker/kcc/inwoner"), **data}
    )


def test_the_caller_page_shows_name_and_date_of_birth_to_check_who_calls(client, staff_login, parse_page, db):
    zaak = make_case(db, MEREL)
    staff_login("kcc", sub="staff-sub-kees")
    response = _look_up(client)
    assert response.status_code == 302 and response.headers["Location"] == "/medewerker/kcc/inwoner"
    text = parse_page(client.get("/medewerker/kcc/inwoner")).body_text
    assert "Is dit de inwoner die belt?" in text and "Kooyman" in text and "Geboortedatum" in text
    assert zaak.identificatie in text and MEREL not in text
    read = db.scalars(select(ProcessingLogEntry).where(ProcessingLogEntry.activity == "brp.raadplegen")).all()[-1]
    assert (read.actor, read.actor_type) == ("staff-sub-kees", "medewerker")
    assert read.data_categories == "naam,geboorte"  # no more than the check needs


def test_without_a_lookup_the_caller_page_sends_you_to_the_lookup(client, staff_login):
    staff_login("kcc")
    assert client.get("/medewerker/kcc/inwoner").headers["Location"] == "/medewerker/kcc"


def test_a_contact_note_without_a_case_and_on_a_case(client, staff_login, parse_page, db):
    zaak = make_case(db, MEREL)
    staff_login("kcc", name="Kees de Boer")
    _look_up(client)
    assert (
        _post(
            client,
            "contact",
            kanaal="telefoon",
            zaak="",
            onderwerp="Vraag over afval",
            tekst="Wanneer komt de container?",
        ).status_code
        == 302
    )
    assert (
        _post(
            client,
            "contact",
            kanaal="balie",
            zaak=zaak.identificatie,
            onderwerp="Hoe staat het ervoor?",
            tekst="Uitgelegd dat we nog kijken.",
        ).status_code
        == 302
    )
    notes = db.scalars(select(Klantcontact).order_by(Klantcontact.id)).all()
    assert [(note.kanaal, note.zaak_id, note.bsn, note.medewerker_naam) for note in notes] == [
        ("telefoon", None, MEREL, "Kees de Boer"),
        ("balie", zaak.id, MEREL, "Kees de Boer"),
    ]
    text = parse_page(client.get("/medewerker/kcc/inwoner")).body_text
    assert "Vraag over afval" in text and f"over {zaak.identificatie}" in text
    assert "Uitgelegd dat we nog kijken." in parse_page(client.get(f"/medewerker/zaken/{zaak.identificatie}")).body_text


def test_a_contact_note_on_another_residents_case_is_refused(client, staff_login, parse_page, db):
    theirs = make_case(db, SUZANNE)
    staff_login("kcc")
    _look_up(client)
    response = _post(client, "contact", kanaal="telefoon", zaak=theirs.identificatie, onderwerp="X", tekst="Y")
    assert response.status_code == 400
    assert "Kies een aanvraag van deze inwoner" in parse_page(response).body_text
    assert db.scalars(select(Klantcontact)).all() == []


def test_a_contact_note_with_errors_keeps_what_was_typed(client, staff_login, parse_page, db):
    staff_login("kcc")
    _look_up(client)
    response = _post(client, "contact", kanaal="fax", zaak="", onderwerp="Regel\x00een", tekst="Wat ik typte")
    page = parse_page(response)
    assert response.status_code == 400 and page.title.startswith("Fout: ")
    assert "Dit veld bevat een teken dat we niet kunnen opslaan" in page.body_text  # the NUL (portal/forms.py)
    assert "Kies hoe het contact was" in page.body_text
    assert "Wat ik typte" in response.get_data(as_text=True)


def test_a_callback_request_is_a_terugbelverzoek_case_in_the_queue(client, staff_login, parse_page, db):
    staff_login("kcc", "zaakbehandelaar", name="Kees de Boer")
    _look_up(client)
    response = _post(
        client,
        "terugbellen",
        onderwerp="Vraag over de Wmo",
        telefoon="06 1234 5678",
        tekst="Wil weten of ze hulp kan krijgen.",
    )
    assert response.status_code == 302
    zaak = db.scalars(select(Zaak).where(Zaak.initiator_bsn == MEREL)).one()
    assert zaak.zaaktype.identificatie == "terugbelverzoek" and zaak.omschrijving == "Vraag over de Wmo"
    note = db.scalars(select(Klantcontact)).one()
    assert note.zaak_id == zaak.id and "0612345678" in note.tekst
    assert zaak.identificatie in parse_page(client.get(response.headers["Location"])).body_text
    assert zaak.identificatie in parse_page(client.get("/medewerker/werkvoorraad?zaaktype=terugbelverzoek")).body_text


def test_a_callback_request_needs_a_phone_number_that_looks_like_one(client, staff_login, parse_page, db):
    staff_login("kcc")
    _look_up(client)
    response = _post(client, "terugbellen", onderwerp="Vraag", telefoon="bel me", tekst="Graag.")
    assert response.status_code == 400
    assert "Vul een telefoonnummer in zoals 06 12345678" in parse_page(response).body_text
    assert db.scalars(select(Zaak)).all() == []


def test_done_with_the_call_forgets_the_caller(client, staff_login):
    staff_login("kcc")
    _look_up(client)
    client.post("/medewerker/kcc/klaar", data={"csrf_token": csrf_token(client, "/medewerker/kcc/inwoner")})
    assert client.get("/medewerker/kcc/inwoner").headers["Location"] == "/medewerker/kcc"


def test_kcc_pages_are_for_kcc_only(client, staff_login):
    staff_login("zaakbehandelaar")
    assert client.get("/medewerker/kcc/inwoner").status_code == 403
