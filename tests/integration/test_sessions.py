"""Server-side sessions: idle timeout, absolute limit, logout really ends the session."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.db import utcnow
from portal.models.sessions import ServerSession
from tests.support.forms import post_form


def _only_session(db) -> ServerSession:
    rows = db.scalars(select(ServerSession)).all()
    assert len(rows) == 1
    return rows[0]


def test_session_cookie_holds_only_a_random_token(client, login, db):
    login("999993653")
    cookie = client.get_cookie("mg_sessie")
    assert cookie is not None and cookie.http_only
    row = _only_session(db)
    assert cookie.value not in row.id  # the store keys by the token's hash
    assert "999993653" not in cookie.value


def test_idle_session_expires_after_15_minutes(client, login, db):
    login()
    row = _only_session(db)
    row.last_seen_at = utcnow() - timedelta(minutes=16)
    db.commit()
    response = client.get("/mijn-overzicht")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/inloggen-nodig?reden=verlopen")
    assert db.scalars(select(ServerSession)).all() == []


def test_expired_session_page_tells_why(client, parse_page):
    parsed = parse_page(client.get("/inloggen-nodig?reden=verlopen"))
    assert parsed.h1 == ["U bent uitgelogd"]


def test_session_ends_after_8_hours_even_when_active(client, login, db):
    login()
    row = _only_session(db)
    row.created_at = utcnow() - timedelta(hours=8, minutes=1)
    row.last_seen_at = utcnow()
    db.commit()
    assert client.get("/mijn-overzicht").status_code == 302


def test_active_session_stays_alive(client, login, db):
    login()
    row = _only_session(db)
    row.last_seen_at = utcnow() - timedelta(minutes=14)
    db.commit()
    assert client.get("/mijn-gegevens").status_code == 200
    db.refresh(row)
    assert utcnow() - row.last_seen_at < timedelta(minutes=1)


def test_stay_logged_in_button_extends_the_session(client, login, db):
    login()
    row = _only_session(db)
    row.last_seen_at = utcnow() - timedelta(minutes=13)
    db.commit()
    response = post_form(client, "/sessie/verlengen", {"terug": "/mijn-gegevens"}, from_page="/mijn-overzicht")
    assert response.headers["Location"] == "/mijn-gegevens"
    db.refresh(row)
    assert utcnow() - row.last_seen_at < timedelta(minutes=1)


def test_stay_logged_in_never_redirects_to_another_site(client, login):
    login()
    response = post_form(client, "/sessie/verlengen", {"terug": "//evil.example"}, from_page="/mijn-overzicht")
    assert response.headers["Location"] == "/mijn-overzicht"


def test_personal_pages_show_when_the_session_ends(client, login, parse_page):
    login()
    parsed = parse_page(client.get("/mijn-overzicht"))
    assert "automatisch uit" in parsed.body_text
    assert "Ingelogd blijven" in parsed.body_text


def test_session_status_reports_seconds_left_without_extending(client, login, db):
    login()
    row = _only_session(db)
    row.last_seen_at = utcnow() - timedelta(minutes=10)
    db.commit()
    status = client.get("/sessie/status").get_json()
    assert status["logged_in"] is True
    assert 280 <= status["seconds_left"] <= 300
    db.refresh(row)
    assert utcnow() - row.last_seen_at > timedelta(minutes=9)


def test_logout_destroys_the_session_on_the_server(client, login, db):
    login()
    old_cookie = client.get_cookie("mg_sessie").value
    response = post_form(client, "/uitloggen", {}, from_page="/mijn-overzicht")
    assert response.status_code == 302
    assert db.scalars(select(ServerSession)).all() == []
    # A copied cookie from before the logout no longer works.
    client.set_cookie("mg_sessie", old_cookie)
    assert client.get("/mijn-overzicht").status_code == 302


def test_back_button_after_logout_shows_nothing_personal(client, login):
    login()
    personal = client.get("/mijn-gegevens")
    assert personal.headers["Cache-Control"] == "no-store"
    post_form(client, "/uitloggen", {}, from_page="/mijn-overzicht")
    again = client.get("/mijn-gegevens")
    assert again.status_code == 302
    assert "Boterdiep" not in again.get_data(as_text=True)


def test_logout_needs_a_csrf_token(client, login):
    login()
    assert client.post("/uitloggen").status_code == 400


@pytest.mark.parametrize("level", ["basis"])
def test_too_low_level_is_sent_to_log_in_again(client, login, level):
    login(level=level)
    response = client.get("/mijn-overzicht")
    assert response.status_code == 302
    assert "/inloggen?niveau=midden" in response.headers["Location"]
