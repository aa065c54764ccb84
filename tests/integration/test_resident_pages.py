"""Mijn overzicht and Mijn gegevens: what the BRP says, shown as facts, with a way to say it is wrong."""

import pytest
from sqlalchemy import select

from portal.models.cases import Zaak
from portal.models.processing_log import ProcessingLogEntry
from tests.support.forms import post_form
from tests.support.residents import resident_client


def test_overview_greets_the_resident_by_name(client, login, parse_page):
    login("999993653")
    parsed = parse_page(client.get("/mijn-overzicht"))
    assert parsed.h1 == ["Welkom, Suzanne Moulin"]
    for section in (
        "Mijn aanvragen",
        "Formulieren om af te maken",
        "Mijn afspraken",
        "Wat wij van u nodig hebben",
    ):
        assert section in parsed.body_text


def test_my_details_shows_what_the_brp_says(client, login, parse_page):
    login("999993653")
    text = parse_page(client.get("/mijn-gegevens")).body_text
    assert "Suzanne Moulin" in text
    assert "1 december 1985" in text
    assert "Boterdiep 31" in text and "Rotterdam" in text
    assert "Franse" in text
    assert "Jean Marie Beaudelaire" in text
    assert "uit de BRP" in text


def test_my_details_in_english(client, login, parse_page):
    login("999993653")
    client.set_cookie("taal", "en")
    parsed = parse_page(client.get("/mijn-gegevens"))
    assert parsed.lang == "en"
    assert "1 December 1985" in parsed.body_text


def test_my_details_shows_children(client, login, parse_page):
    login("999995078")
    text = parse_page(client.get("/mijn-gegevens")).body_text
    assert "Christina Maria Maassen" in text
    assert "Yvonne Johanna Wesseling" in text


def test_every_brp_read_is_in_the_processing_log_without_the_bsn(client, login, db):
    sub = login("999993653")
    client.get("/mijn-gegevens")
    entries = db.scalars(select(ProcessingLogEntry)).all()
    assert len(entries) == 1
    entry = entries[0]
    assert entry.actor == sub and entry.outcome == "found" and entry.purpose == "mijn gegevens tonen"
    assert "999993653" not in " ".join(str(value) for value in vars(entry).values())


def test_unknown_person_gets_a_clear_notice(client, login, parse_page):
    login("123456782")  # passes the 11-check, not in the test data
    parsed = parse_page(client.get("/mijn-gegevens"))
    assert "We vinden uw gegevens niet" in parsed.body_text


@pytest.fixture
def brp_down_client(mock_services, db_engine, db_factory):
    return resident_client(mock_services, db_engine, db_factory, BRP_API_URL="http://127.0.0.1:9/brp")


def test_brp_down_shows_a_notice_not_an_error(brp_down_client, parse_page):
    for path in ("/mijn-overzicht", "/mijn-gegevens"):
        response = brp_down_client.get(path)
        assert response.status_code == 200
        assert "Uw gegevens zijn nu niet te zien" in parse_page(response).body_text


def test_correction_report_becomes_a_case_with_the_report_as_its_first_message(client, login, db, parse_page):
    login("999993653")
    answers = {"topic": "adres", "explanation": "Mijn huisnummer is 33."}
    response = post_form(client, "/mijn-gegevens/klopt-niet", answers)
    assert response.status_code == 302
    zaak = db.scalars(select(Zaak)).one()
    assert zaak.zaaktype.identificatie == "onderzoek-gegevens" and zaak.initiator_bsn == "999993653"
    assert zaak.omschrijving == "Mijn adres"
    assert response.headers["Location"].endswith(f"/mijn-zaken/{zaak.identificatie}")
    assert "999993653" not in response.headers["Location"]
    text = parse_page(client.get(response.headers["Location"])).body_text
    assert zaak.identificatie in text and "Mijn huisnummer is 33." in text
    assert "Alleen de gemeente mag de BRP aanpassen" in text
    assert "Melding dat uw gegevens niet kloppen" in parse_page(client.get("/mijn-zaken")).body_text


def test_correction_report_errors_keep_what_was_typed(client, login, parse_page):
    login("999993653")
    response = post_form(client, "/mijn-gegevens/klopt-niet", {"explanation": "Mijn huisnummer is 33."})
    assert response.status_code == 400  # a refused form is a 400, like every other form (and rolls back)
    parsed = parse_page(response)
    assert parsed.title.startswith("Fout: ")
    assert "Kies wat er niet klopt" in parsed.body_text
    assert "Mijn huisnummer is 33." in response.get_data(as_text=True)
