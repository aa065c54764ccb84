"""A session that ended (logout, expiry, rotation) never comes back, also not through a request that loaded it
just before it ended; login starts a new session with a new CSRF secret; a form sent after the session expired
gets the session-expired page."""

from __future__ import annotations

from datetime import timedelta

import flask
import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select, update

from portal.db import utcnow
from portal.models.sessions import ServerSession
from tests.integration.test_redis_sessions import redis_app  # noqa: F401
from tests.support.forms import csrf_token, post_form
from tests.support.oidc import oidc_login


def open_as_a_running_request(app, client):
    """What a request that began now has loaded: the session behind the client's cookie."""
    token = client.get_cookie("mg_sessie").value
    context = app.test_request_context("/mijn-overzicht", headers={"Cookie": f"mg_sessie={token}"})
    context.push()
    return context, app.session_interface.open_session(app, flask.request)


def save_late(app, context, loaded):
    """The running request changes its copy and saves it at its end."""
    loaded["bezocht"] = True
    response = app.response_class()
    app.session_interface.save_session(app, loaded, response)
    context.pop()
    return response


def test_a_request_that_loaded_the_session_before_logout_cannot_bring_it_back(app, client, login, db):
    login()
    old_cookie = client.get_cookie("mg_sessie").value
    context, loaded = open_as_a_running_request(app, client)
    assert "resident" in loaded
    post_form(client, "/uitloggen", {}, from_page="/mijn-overzicht")
    response = save_late(app, context, loaded)
    assert db.scalars(select(ServerSession)).all() == []
    assert "Set-Cookie" not in response.headers
    client.set_cookie("mg_sessie", old_cookie)
    assert client.get("/mijn-overzicht").status_code == 302


def test_a_request_that_loaded_the_session_before_rotation_cannot_bring_the_old_token_back(app, client, login, db):
    login()
    old_hash = db.scalars(select(ServerSession.id)).one()
    context, loaded = open_as_a_running_request(app, client)
    with client.session_transaction() as session:
        session.rotate_requested = True  # another request rotates the token, as a login does
    save_late(app, context, loaded)
    ids = db.scalars(select(ServerSession.id)).all()
    assert len(ids) == 1 and ids[0] != old_hash


def test_a_request_that_loaded_the_session_before_it_expired_cannot_bring_it_back(app, client, login, db):
    login()
    context, loaded = open_as_a_running_request(app, client)
    db.execute(update(ServerSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.commit()
    save_late(app, context, loaded)
    assert "bezocht" not in db.scalars(select(ServerSession.data)).one()


def test_redis_a_request_that_loaded_the_session_before_logout_cannot_bring_it_back(redis_app):  # noqa: F811
    client = redis_app.test_client()
    with client.session_transaction() as session:
        session["resident"] = {"sub": "redis-race", "bsn": "999993653", "level": "midden"}
        session["_user_id"] = "redis-race"
    store = redis_app.extensions["session_store"]
    context, loaded = open_as_a_running_request(redis_app, client)
    key = next(iter(store.client.scan_iter("mg:session:*")))
    post_form(client, "/uitloggen", {}, from_page="/mijn-overzicht")
    assert store.client.get(key) is None
    response = save_late(redis_app, context, loaded)
    assert store.client.get(key) is None and "Set-Cookie" not in response.headers


def test_login_starts_with_a_new_csrf_secret(app, client, mock_services):
    with client.session_transaction() as session:
        session["csrf_token"] = "a-secret-the-attacker-planted"
    oidc_login(client, mock_services)
    with client.session_transaction() as session:
        assert session.get("csrf_token") != "a-secret-the-attacker-planted"
    planted = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token").dumps(
        "a-secret-the-attacker-planted"
    )
    refused = client.post("/uitloggen", data={"csrf_token": planted})
    assert refused.status_code == 400 and "Uw formulier is verlopen" in refused.get_data(as_text=True)
    assert post_form(client, "/uitloggen", {}, from_page="/mijn-overzicht").status_code == 302


def _expire(db):
    db.execute(update(ServerSession).values(last_seen_at=utcnow() - timedelta(minutes=16)))
    db.commit()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/mijn-gegevens/klopt-niet", {"topic": "naam", "explanation": "Mijn naam is anders."}),
        ("/sessie/verlengen", {"terug": "/mijn-gegevens"}),
        ("/uitloggen", {}),
    ],
)
def test_a_form_sent_after_the_session_expired_gets_the_session_expired_page(client, login, db, path, data, parse_page):
    login()
    token = csrf_token(client, "/mijn-gegevens/klopt-niet")
    _expire(db)
    response = client.post(path, data={"csrf_token": token, **data})
    assert response.status_code == 303 and response.headers["Location"] == "/inloggen-nodig?reden=verlopen"
    assert parse_page(client.get(response.headers["Location"])).h1 == ["U bent uitgelogd"]


def test_a_staff_form_sent_after_the_session_expired_gets_the_staff_logged_out_page(client, staff_login, db):
    staff_login("kcc")
    token = csrf_token(client, "/medewerker/kcc")
    _expire(db)
    response = client.post("/medewerker/kcc", data={"csrf_token": token, "bsn": "999993653"})
    assert response.status_code == 303 and response.headers["Location"] == "/medewerker/uitgelogd"
