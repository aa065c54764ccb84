"""Ask the BRP once per session: the overview is served from the session's copy; Mijn gegevens reads fresh."""

from sqlalchemy import select

from portal.integrations.resident_person import COPY_KEY
from portal.models.processing_log import ProcessingLogEntry
from tests.support.forms import post_form


def brp_reads(db) -> list[str]:
    return [entry.purpose for entry in db.scalars(select(ProcessingLogEntry).order_by(ProcessingLogEntry.id))]


def test_the_overview_asks_the_brp_once_and_then_uses_the_copy(client, login, db, parse_page):
    login("999993653")
    for _ in range(3):
        assert parse_page(client.get("/mijn-overzicht")).h1 == ["Welkom, Suzanne Moulin"]
    assert brp_reads(db) == ["begroeting op mijn overzicht"]


def test_my_details_always_reads_fresh_and_refreshes_the_copy(client, login, db, parse_page):
    login("999993653")
    client.get("/mijn-gegevens")
    client.get("/mijn-gegevens")
    assert "Suzanne Moulin" in parse_page(client.get("/mijn-overzicht")).body_text
    assert brp_reads(db) == ["mijn gegevens tonen", "mijn gegevens tonen"]


def test_the_copy_lives_on_the_server_never_in_the_cookie(client, login):
    login("999993653")
    client.get("/mijn-overzicht")
    with client.session_transaction() as session:
        assert session[COPY_KEY]["person"]["naam"]
    cookie = client.get_cookie("mg_sessie")
    assert cookie is not None and "Moulin" not in cookie.value and len(cookie.value) < 100


def test_the_copy_is_gone_after_logout(client, login, db):
    login("999993653")
    post_form(client, "/uitloggen", {}, from_page="/mijn-overzicht")
    with client.session_transaction() as session:
        assert COPY_KEY not in session
    login("999993653")
    client.get("/mijn-overzicht")
    assert brp_reads(db) == ["begroeting op mijn overzicht", "begroeting op mijn overzicht"]


def test_an_unavailable_brp_is_asked_again_next_time(client, login, db):
    login("123456782")  # passes the 11-check, not in the test data: not found is not kept
    client.get("/mijn-overzicht")
    client.get("/mijn-overzicht")
    assert len(brp_reads(db)) == 2
