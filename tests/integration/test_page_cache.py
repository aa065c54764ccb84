"""The page cache (portal/pagecache.py) serves a page again only while nothing it shows has changed.

Every test here first makes the page a cache hit (the second GET of a session that holds its CSRF secret), then
changes something the way the portal does (a case worker's form, the resident's form, a service call, logout),
and checks that the next GET shows the change.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.cases import service
from portal.models.cases import Bericht
from portal.models.workbench import ZaakGezien
from tests.support.cases import make_case
from tests.support.forms import csrf_token

SUZANNE, MEREL = "999993653", "999993847"
_ONCE = re.compile(r'name="once_token" type="hidden" value="([^"]+)"|value="([^"]+)" name="once_token"')


def _cache(app):
    return app.extensions["page_cache"]


def _warm(app, client, path: str) -> str:
    """GET the page until it comes from the cache; return that body."""
    client.get(path)  # the first page of a session makes its CSRF secret (the session changes: not stored)
    client.get(path)
    hits = _cache(app).hits
    body = client.get(path).get_data(as_text=True)
    assert _cache(app).hits == hits + 1, f"{path} was not served from the cache"
    return body


def _staff_client(app):
    staff = app.test_client()
    with staff.session_transaction() as session:
        session["staff"] = {"sub": "staff-sub-sanne", "name": "Sanne Jansen", "roles": ["zaakbehandelaar"]}
    return staff


def _once_token(html: str) -> str:
    match = re.search(r'<input[^>]*name="once_token"[^>]*>', html)
    assert match, "no one-time token on the page"
    return re.search(r'value="([^"]+)"', match.group(0)).group(1)


def test_a_cached_personal_page_still_says_no_store_and_gets_a_fresh_nonce(app, client, login):
    login(SUZANNE)
    _warm(app, client, "/mijn-overzicht")
    first, second = client.get("/mijn-overzicht"), client.get("/mijn-overzicht")
    assert first.headers["Cache-Control"] == "no-store"
    nonces = [r.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0] for r in (first, second)]
    assert nonces[0] != nonces[1]
    assert f'nonce="{nonces[0]}"' in first.get_data(as_text=True)
    assert f'nonce="{nonces[1]}"' in second.get_data(as_text=True)


def test_a_status_set_by_a_case_worker_shows_on_the_next_get(app, client, login, db):
    zaak = make_case(db, SUZANNE, "wmo-huishouden")
    login(SUZANNE)
    before = _warm(app, client, f"/mijn-zaken/{zaak.identificatie}")
    _warm(app, client, "/mijn-zaken")
    second = zaak.zaaktype.statustypen[1]
    staff = _staff_client(app)
    page = f"/medewerker/zaken/{zaak.identificatie}"
    answer = staff.post(
        f"{page}/status",
        data={"csrf_token": csrf_token(staff, page), "status-bevestigd": "ja", "status-statustype": second.id},
    )
    assert answer.status_code == 302
    assert "Nieuwe stap" in client.get("/mijn-zaken").get_data(as_text=True)
    after = client.get(f"/mijn-zaken/{zaak.identificatie}").get_data(as_text=True)
    assert "Sinds uw laatste bezoek zijn we een stap verder" in after
    assert "Sinds uw laatste bezoek zijn we een stap verder" not in before
    assert "Nieuwe stap" not in client.get("/mijn-zaken").get_data(as_text=True)  # seen now


def test_a_message_from_the_municipality_shows_on_the_overview_at_once(app, client, login, db):
    zaak = make_case(db, SUZANNE)
    login(SUZANNE)
    before = _warm(app, client, "/mijn-overzicht")
    with app.app_context():  # this test's app and its version store (portal/queries/versions.py)
        service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Hoe gaat het?", afzender="Sanne Jansen")
        db.commit()
    after = client.get("/mijn-overzicht").get_data(as_text=True)
    assert after != before
    assert zaak.identificatie in after and "bericht" in after.lower()


def test_the_resident_sends_a_message_from_a_cached_page_and_every_page_shows_it(app, client, login, db):
    zaak = make_case(db, SUZANNE)
    login(SUZANNE)
    path = f"/mijn-zaken/{zaak.identificatie}"
    _warm(app, client, "/mijn-zaken")
    page = _warm(app, client, path)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = client.post(
        f"{path}/berichten",
        data={"csrf_token": token, "once_token": _once_token(page), "onderwerp": "Mijn vraag", "tekst": "Wanneer?"},
    )
    assert answer.status_code == 302, "the CSRF and one-time tokens of a cached page are valid for its session"
    assert "Mijn vraag" in client.get(path).get_data(as_text=True)
    assert db.scalars(select(Bericht).where(Bericht.zaak_id == zaak.id, Bericht.richting == "inwoner")).all()


def test_every_served_copy_has_its_own_one_time_token(app, client, login, db):
    zaak = make_case(db, SUZANNE)
    login(SUZANNE)
    path = f"/mijn-zaken/{zaak.identificatie}"
    first = _warm(app, client, path)
    second = client.get(path).get_data(as_text=True)
    assert _once_token(first) != _once_token(second)  # two tabs never share one (portal/once.py)


def test_two_residents_taking_turns_each_see_only_their_own_pages(app, login, db):
    own = {SUZANNE: make_case(db, SUZANNE).identificatie, MEREL: make_case(db, MEREL).identificatie}
    clients = {}
    for bsn in own:
        clients[bsn] = app.test_client()
        with clients[bsn].session_transaction() as session:
            session["resident"] = {"sub": f"sub-{bsn}", "bsn": bsn, "level": "midden"}
            session["_user_id"] = f"sub-{bsn}"
    for _ in range(4):
        for bsn, client in clients.items():
            for path in ("/mijn-overzicht", "/mijn-zaken"):
                body = client.get(path).get_data(as_text=True)
                other = next(reference for owner, reference in own.items() if owner != bsn)
                assert own[bsn] in body and other not in body, (bsn, path)
            assert client.get(f"/mijn-zaken/{own[bsn]}").status_code == 200
            other = next(reference for owner, reference in own.items() if owner != bsn)
            assert client.get(f"/mijn-zaken/{other}").status_code == 404  # not found, and never cached
    assert _cache(app).hits > 0


def test_after_logout_the_cached_page_is_gone(app, client, login, parse_page):
    login(SUZANNE)
    _warm(app, client, "/mijn-overzicht")
    token = csrf_token(client, "/mijn-overzicht")
    client.post("/uitloggen", data={"csrf_token": token})
    answer = client.get("/mijn-overzicht")
    assert answer.status_code == 302 and "/inloggen-nodig" in answer.headers["Location"]


def test_a_flash_message_is_shown_and_not_kept(app, client, login, db):
    zaak = make_case(db, SUZANNE)
    login(SUZANNE)
    path = f"/mijn-zaken/{zaak.identificatie}"
    page = _warm(app, client, path)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = {"csrf_token": token, "once_token": _once_token(page), "onderwerp": "Vraag", "tekst": "Hallo"}
    client.post(f"{path}/berichten", data=data)
    shown = client.get(path).get_data(as_text=True)
    assert "Uw bericht is verstuurd" in shown
    assert "Uw bericht is verstuurd" not in client.get(path).get_data(as_text=True)


def test_opening_a_case_again_within_a_minute_writes_no_new_seen_mark(app, client, login, db):
    zaak = make_case(db, SUZANNE)
    login(SUZANNE)
    client.get(f"/mijn-zaken/{zaak.identificatie}")
    first = db.scalar(select(ZaakGezien.inwoner_op).where(ZaakGezien.zaak_id == zaak.id))
    app.config["PAGE_CACHE_ENABLED"] = False
    try:
        client.get(f"/mijn-zaken/{zaak.identificatie}")
    finally:
        app.config["PAGE_CACHE_ENABLED"] = True
    db.expire_all()
    assert db.scalar(select(ZaakGezien.inwoner_op).where(ZaakGezien.zaak_id == zaak.id)) == first


def test_a_new_message_since_the_last_look_moves_the_seen_mark_at_once(app, client, login, db):
    zaak = make_case(db, SUZANNE)
    login(SUZANNE)
    client.get(f"/mijn-zaken/{zaak.identificatie}")
    first = db.scalar(select(ZaakGezien.inwoner_op).where(ZaakGezien.zaak_id == zaak.id))
    with app.app_context():  # this test's app and its version store (portal/queries/versions.py)
        service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Nog iets?", afzender="Sanne Jansen")
        db.commit()
    page = client.get(f"/mijn-zaken/{zaak.identificatie}").get_data(as_text=True)
    assert "Nog iets?" in page
    db.expire_all()
    assert db.scalar(select(ZaakGezien.inwoner_op).where(ZaakGezien.zaak_id == zaak.id)) > first


def test_the_start_page_is_cached_for_visitors_without_a_cookie_only(app, client):
    app.test_client().get("/")
    hits = _cache(app).hits
    first, second = app.test_client().get("/"), app.test_client().get("/")
    assert _cache(app).hits >= hits + 2
    for answer in (first, second):
        nonce = answer.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
        assert f'nonce="{nonce}"' in answer.get_data(as_text=True)
        assert "Set-Cookie" not in answer.headers
    english = app.test_client()
    english.set_cookie("taal", "en")
    assert english.get("/").get_data(as_text=True) != first.get_data(as_text=True)
    assert 'lang="en"' in english.get("/").get_data(as_text=True)
    hits = _cache(app).hits
    app.test_client().get("/?x=1")
    assert _cache(app).hits == hits  # a query string is never served from the cache


def test_a_case_of_someone_else_is_a_404_each_time_and_never_kept(app, client, login, db):
    other = make_case(db, MEREL)
    login(SUZANNE)
    path = f"/mijn-zaken/{other.identificatie}"
    assert [client.get(path).status_code for _ in range(3)] == [404, 404, 404]
    assert path not in [key[-1] for key in list(_cache(app).entries) if key[0] == "personal"]


def test_with_a_csrf_time_limit_each_served_copy_has_a_token_signed_for_it(mock_services, db_engine, db_factory):
    from portal import create_app
    from portal.db import use_session_factory
    from tests.conftest import portal_overrides

    app = create_app("test", portal_overrides(mock_services, db_engine) | {"WTF_CSRF_TIME_LIMIT": 3600})
    use_session_factory(app, db_factory)
    client = app.test_client()
    with client.session_transaction() as session:
        session["resident"] = {"sub": "sub-limit", "bsn": SUZANNE, "level": "midden"}
        session["_user_id"] = "sub-limit"
    page = _warm(app, client, "/mijn-overzicht")
    assert "\x00" not in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = client.post("/sessie/verlengen", data={"csrf_token": token, "terug": "/mijn-overzicht"})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/mijn-overzicht")


def test_my_details_is_kept_within_the_minute_and_a_changed_email_address_shows_at_once(app, client, login):
    login(SUZANNE)
    before = _warm(app, client, "/mijn-gegevens")
    assert "Suzanne Moulin" in before and "suzanne@example.nl" not in before
    path = "/mijn-gegevens/meldingen"
    data = {"csrf_token": csrf_token(client, path), "email": "suzanne@example.nl", "notify": "ja"}
    assert client.post(path, data=data).status_code == 302
    client.get("/mijn-gegevens")  # shows the flash "Uw keuze is opgeslagen.": not kept
    assert "suzanne@example.nl" in client.get("/mijn-gegevens").get_data(as_text=True)
