"""Ask the BRP once per session: the overview is served from the session's copy; Mijn gegevens reads it again
when the copy is older than BRP_FRESH_SECONDS."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.integrations import resident_person
from portal.integrations.brp import HttpBrpClient
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


@pytest.fixture
def clock(monkeypatch):
    """The copy's clock, moved by hand."""
    moment = [1_800_000_000.0]
    monkeypatch.setattr(resident_person, "now", lambda: moment[0])
    return moment


def test_my_details_reads_the_brp_again_once_the_copy_is_a_minute_old(client, login, db, parse_page, clock):
    login("999993653")
    client.get("/mijn-overzicht")  # the greeting's copy lacks the fields of Mijn gegevens: it reads once more
    for _ in range(3):
        assert "Suzanne Moulin" in parse_page(client.get("/mijn-gegevens")).body_text
    assert brp_reads(db) == ["begroeting op mijn overzicht", "mijn gegevens tonen"]
    clock[0] += 59
    client.get("/mijn-gegevens")
    assert len(brp_reads(db)) == 2
    clock[0] += 2
    client.get("/mijn-gegevens")
    assert brp_reads(db)[2:] == ["mijn gegevens tonen"]
    client.get("/mijn-overzicht")  # the overview is served from the refreshed copy
    assert len(brp_reads(db)) == 3


def test_my_details_says_when_the_brp_was_read(client, login, parse_page, clock):
    clock[0] = datetime(2026, 12, 1, 14, 7, tzinfo=UTC).timestamp()  # 15:07 in Amsterdam
    login("999993653")
    assert "Wij hebben ze om 15:07 uur opgehaald." in parse_page(client.get("/mijn-gegevens")).body_text


def test_my_details_reads_on_every_view_when_the_window_is_zero(app, client, login, db, monkeypatch):
    monkeypatch.setitem(app.config, "BRP_FRESH_SECONDS", 0)
    login("999993653")
    client.get("/mijn-gegevens")
    client.get("/mijn-gegevens")
    assert brp_reads(db) == ["mijn gegevens tonen", "mijn gegevens tonen"]


def test_a_changed_brp_answer_shows_after_the_minute(client, login, parse_page, clock, monkeypatch):
    login("999993653")
    client.get("/mijn-gegevens")
    real = HttpBrpClient.get_person

    def renamed(self, *args, **kwargs):
        result = real(self, *args, **kwargs)
        result.person["naam"]["volledigeNaam"] = "Suzanna Moulin"
        return result

    monkeypatch.setattr(HttpBrpClient, "get_person", renamed)
    assert "Suzanna" not in parse_page(client.get("/mijn-gegevens")).body_text  # the kept answer, no new read
    clock[0] += 61
    assert "Suzanna Moulin" in parse_page(client.get("/mijn-gegevens")).body_text


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


def test_my_details_asks_the_brp_once_per_view_when_it_finds_nothing(client, login, db, parse_page):
    login("123456782")
    page = parse_page(client.get("/mijn-gegevens"))
    client.get("/mijn-gegevens")
    assert brp_reads(db) == ["mijn gegevens tonen", "mijn gegevens tonen"]  # one per view, not one per lookup
    assert "E-mail als er iets verandert" in page.body_text
