"""Throttling: each limit refuses the request after it with the B1 429 page and Retry-After, counted per client
IP (logins, new anonymous sessions), per staff member (KCC lookups) or per resident (messages, task answers,
reports). The limits here are set low through the app's config; the storage is reset between tests."""

from __future__ import annotations

import logging

import pytest

from tests.support.cases import add_task, make_case
from tests.support.forms import csrf_token

SUZANNE, MEREL = "999993653", "999993847"
OTHER_IP = {"REMOTE_ADDR": "10.0.0.2"}


@pytest.fixture
def limits(app, monkeypatch):
    def set_limit(setting: str, value: str = "2 per minute"):
        monkeypatch.setitem(app.config, setting, value)

    return set_limit


def assert_throttled(response, parse_page, caplog=None, heading="Even wachten"):
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    page = parse_page(response)
    assert page.h1 == [heading]
    assert "Probeer het over 1 minuut opnieuw. Dat is om" in page.body_text
    if caplog is not None:
        assert [r.reason for r in caplog.records if getattr(r, "event", "") == "rate_limit.exceeded"] == [
            "2 per 1 minute"
        ]
    return page


@pytest.mark.parametrize(
    "path",
    [
        "/inloggen",
        "/inloggen/terug?code=x&state=y",
        "/medewerker/inloggen",
        "/medewerker/inloggen/terug?code=x&state=y",
    ],
)
def test_login_start_and_callback_are_limited_per_client_ip(client, app, limits, parse_page, caplog, path):
    limits("RATELIMIT_LOGIN")
    for _ in range(2):
        assert client.get(path).status_code != 429
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        assert_throttled(client.get(path), parse_page, caplog)
    assert app.test_client().get(path, environ_base=OTHER_IP).status_code != 429


def test_kcc_lookups_are_limited_per_staff_member(client, app, limits, staff_login, parse_page):
    limits("RATELIMIT_KCC_LOOKUP")
    staff_login("kcc", sub="staff-kees")
    for _ in range(2):
        response = client.post(
            "/medewerker/kcc", data={"csrf_token": csrf_token(client, "/medewerker/kcc"), "bsn": SUZANNE}
        )
        assert response.status_code == 302  # on to the caller page
    token = csrf_token(client, "/medewerker/kcc")  # looking at the form is not a lookup
    page = assert_throttled(client.post("/medewerker/kcc", data={"csrf_token": token, "bsn": SUZANNE}), parse_page)
    assert "voor medewerkers" in page.body_text  # the staff layout
    colleague = app.test_client()
    with colleague.session_transaction() as session:
        session["staff"] = {"sub": "staff-jeroen", "name": "Jeroen", "roles": ["kcc"]}
    response = colleague.post(
        "/medewerker/kcc", data={"csrf_token": csrf_token(colleague, "/medewerker/kcc"), "bsn": SUZANNE}
    )
    assert response.status_code == 302


def _post_message(client, zaak):
    path = f"/mijn-zaken/{zaak.identificatie}"
    return client.post(
        f"{path}/berichten",
        data={"csrf_token": csrf_token(client, path), "onderwerp": "Vraag", "tekst": "Wanneer hoor ik meer?"},
    )


def test_messages_are_limited_per_resident(client, app, limits, login, db, parse_page):
    limits("RATELIMIT_MESSAGES")
    login(SUZANNE)
    zaak = make_case(db, SUZANNE)
    for _ in range(2):
        assert _post_message(client, zaak).status_code == 302
    assert_throttled(_post_message(client, zaak), parse_page)
    assert client.get(f"/mijn-zaken/{zaak.identificatie}").status_code == 200  # reading is not limited
    other = app.test_client()
    with other.session_transaction() as session:
        session["resident"] = {"sub": "test-sub-3847", "bsn": MEREL, "level": "midden"}
        session["_user_id"] = "test-sub-3847"
    assert _post_message(other, make_case(db, MEREL)).status_code == 302


def test_task_answers_are_limited_per_resident(client, limits, login, db, parse_page):
    limits("RATELIMIT_TASK_ANSWERS")
    login(SUZANNE)
    zaak = make_case(db, SUZANNE)
    path = f"/mijn-zaken/{zaak.identificatie}/taken/{add_task(db, zaak).id}"
    for _ in range(2):
        assert client.post(path, data={"csrf_token": csrf_token(client, path), "antwoord": ""}).status_code != 429
    assert_throttled(client.post(path, data={"csrf_token": csrf_token(client, path), "antwoord": "Hier"}), parse_page)


def test_reports_that_a_detail_is_wrong_are_limited_per_resident(client, limits, login, parse_page):
    limits("RATELIMIT_REPORTS")
    login(SUZANNE)
    path = "/mijn-gegevens/klopt-niet"
    for _ in range(2):
        response = client.post(
            path, data={"csrf_token": csrf_token(client, path), "topic": "naam", "explanation": "Mijn naam is anders."}
        )
        assert response.status_code == 302
    assert_throttled(
        client.post(
            path, data={"csrf_token": csrf_token(client, path), "topic": "naam", "explanation": "Nog een keer."}
        ),
        parse_page,
    )


def test_new_anonymous_sessions_are_limited_per_client_ip(app, limits, parse_page):
    limits("RATELIMIT_ANONYMOUS_SESSIONS")
    visitor = app.test_client()
    for _ in range(5):
        assert visitor.get("/").status_code == 200  # a page that starts no session does not count
    starters = [app.test_client() for _ in range(3)]
    for starter in starters[:2]:
        assert starter.get("/inloggen").status_code == 302
    assert_throttled(starters[2].get("/inloggen"), parse_page)
    assert starters[0].get("/inloggen").status_code == 302  # a visitor who has a session goes on
    assert app.test_client().get("/inloggen", environ_base=OTHER_IP).status_code == 302


def test_the_429_page_is_in_english_too(client, limits, parse_page):
    limits("RATELIMIT_LOGIN")
    client.set_cookie("taal", "en")
    for _ in range(2):
        client.get("/inloggen")
    response = client.get("/inloggen")
    assert response.status_code == 429
    assert parse_page(response).h1 == ["Please wait a moment"]


def test_limits_count_in_redis_when_configured(mock_services, db_engine, db_factory, app, parse_page):
    from portal import create_app
    from portal.db import use_session_factory
    from portal.limits import limiter
    from tests.conftest import portal_overrides
    from tests.support.services import redis_available, require

    url = "redis://127.0.0.1:6379/14"
    require(redis_available(url), "Redis at 127.0.0.1:6379")
    redis_app = create_app(
        "test",
        portal_overrides(mock_services, db_engine) | {"RATELIMIT_STORAGE_URI": url, "RATELIMIT_LOGIN": "2 per minute"},
    )
    use_session_factory(redis_app, db_factory)
    try:
        limiter.reset()
        client = redis_app.test_client()
        for _ in range(2):
            assert client.get("/inloggen").status_code == 302
        assert_throttled(client.get("/inloggen"), parse_page)
        assert any(limiter.storage.get_connection().scan_iter("*mg:limit*"))  # counted in Redis
        limiter.reset()
    finally:
        limiter.init_app(app)  # back to the shared app's memory storage


def test_an_unreachable_limit_store_never_makes_a_page_fail(mock_services, db_engine, db_factory, app):
    from portal import create_app
    from portal.db import use_session_factory
    from portal.limits import limiter
    from tests.conftest import portal_overrides

    down_app = create_app(
        "test", portal_overrides(mock_services, db_engine) | {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:9/0"}
    )
    use_session_factory(down_app, db_factory)
    try:
        assert down_app.test_client().get("/inloggen").status_code == 302
    finally:
        limiter.init_app(app)


def test_a_forged_x_forwarded_for_does_not_escape_the_login_limit(client, limits, parse_page):
    limits("RATELIMIT_LOGIN")
    for number in range(2):
        client.get("/inloggen", headers={"X-Forwarded-For": f"203.0.113.{number}"})
    assert_throttled(client.get("/inloggen", headers={"X-Forwarded-For": "203.0.113.99"}), parse_page)


def test_behind_a_trusted_proxy_each_client_has_its_own_count(mock_services, db_engine, db_factory, app):
    from portal import create_app
    from portal.db import use_session_factory
    from portal.limits import limiter
    from tests.conftest import portal_overrides

    proxied = create_app(
        "test",
        portal_overrides(mock_services, db_engine) | {"TRUSTED_PROXY_HOPS": 1, "RATELIMIT_LOGIN": "2 per minute"},
    )
    use_session_factory(proxied, db_factory)
    try:
        client = proxied.test_client()
        for _ in range(2):
            client.get("/inloggen", headers={"X-Forwarded-For": "203.0.113.1"})
        assert client.get("/inloggen", headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 429
        assert client.get("/inloggen", headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 302
    finally:
        limiter.init_app(app)
