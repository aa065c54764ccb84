"""Which writes change which resident's page versions (portal/queries/versions.py), whoever makes them."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from portal import create_app
from portal.cases import service
from portal.models.appointments import Location
from portal.models.cases import Zaaktype
from portal.models.notifications import ResidentContact
from portal.queries import versions
from tests.conftest import portal_overrides
from tests.support.cases import make_case
from tests.support.services import redis_available, require

SUZANNE, MEREL = "999993653", "999993847"
REDIS_URL = "redis://127.0.0.1:6379/15"


def _versions(app, bsn: str) -> tuple[str, ...]:
    with app.app_context():
        return versions.versions_of(bsn)


def _logged_in(app, bsn: str):
    client = app.test_client()
    with client.session_transaction() as session:
        session["resident"] = {"sub": f"sub-{bsn}", "bsn": bsn, "level": "midden"}
        session["_user_id"] = f"sub-{bsn}"
    return client


def test_a_write_on_a_case_changes_only_its_residents_version(app, db):
    zaak = make_case(db, SUZANNE)
    suzanne, merel = _versions(app, SUZANNE), _versions(app, MEREL)
    with app.app_context():  # this test's app and its version store (portal/queries/versions.py)
        service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Nog iets?", afzender="Sanne Jansen")
        db.commit()
    assert _versions(app, SUZANNE)[1] != suzanne[1]
    assert _versions(app, MEREL) == merel  # neither hers nor everyone's


def test_a_row_with_a_bsn_of_its_own_changes_that_residents_version(app, db):
    before = _versions(app, MEREL)
    with app.app_context():  # this test's app and its version store (portal/queries/versions.py)
        db.add(ResidentContact(bsn=MEREL, email="merel@example.nl", notify_by_email=True))
        db.flush()
    assert _versions(app, MEREL)[1] != before[1]


def test_a_row_that_belongs_to_nobody_in_particular_makes_every_page_stale(app, db):
    before = _versions(app, SUZANNE)
    with app.app_context():  # this test's app and its version store (portal/queries/versions.py)
        db.add(Location(slug="proef-locatie", name="Proeflocatie"))
        db.flush()
    after = _versions(app, SUZANNE)
    assert after[0] != before[0] and after[1] == before[1]


def test_a_bulk_update_by_staff_or_a_command_makes_every_page_stale(app, db):
    before = _versions(app, SUZANNE)
    with app.app_context():  # this test's app and its version store (portal/queries/versions.py)
        db.execute(update(Zaaktype).where(Zaaktype.id == -1).values(omschrijving="x"))
    assert _versions(app, SUZANNE)[0] != before[0]


def test_keys_hold_no_bsn(app):
    with app.app_context():
        key = versions.resident_key(SUZANNE)
    assert SUZANNE not in key and len(key) == 40


def test_a_changed_case_type_name_shows_on_the_cached_overview(app, db):
    zaak = make_case(db, SUZANNE)
    client = _logged_in(app, SUZANNE)
    for _ in range(3):
        before = client.get("/mijn-zaken").get_data(as_text=True)
    with app.app_context():  # this test's app and its version store (portal/queries/versions.py)
        db.execute(update(Zaaktype).where(Zaaktype.id == zaak.zaaktype_id).values(omschrijving="Een nieuwe naam"))
        db.commit()
    after = client.get("/mijn-zaken").get_data(as_text=True)
    assert "Een nieuwe naam" in after and "Een nieuwe naam" not in before


def test_without_a_shared_version_store_no_personal_page_is_cached(mock_services, db_engine, db_factory):
    from portal.db import use_session_factory

    app = create_app("test", portal_overrides(mock_services, db_engine) | {"PAGE_VERSIONS": "off"})
    use_session_factory(app, db_factory)
    client = _logged_in(app, SUZANNE)
    for _ in range(4):
        assert client.get("/mijn-overzicht").status_code == 200
    assert app.extensions["page_cache"].hits == 0


@pytest.fixture
def redis_app(mock_services, db_engine, db_factory):
    require(redis_available(REDIS_URL), "Redis at 127.0.0.1:6379")
    overrides = portal_overrides(mock_services, db_engine) | {
        "SESSION_BACKEND": "redis",
        "REDIS_URL": REDIS_URL,
        "PAGE_VERSIONS": "redis",
    }
    previous = versions._last_app
    app = create_app("test", overrides)
    from portal.db import use_session_factory

    use_session_factory(app, db_factory)
    yield app
    versions._last_app = previous  # writes outside an app context count for the other tests' store again
    redis = app.extensions["session_store"].client
    for key in [*redis.scan_iter("mg:session:*"), *redis.scan_iter("mg:rv:*")]:  # others expect an empty db 15
        redis.delete(key)


def test_with_redis_a_message_from_the_municipality_shows_at_once(redis_app, db):
    zaak = make_case(db, SUZANNE)
    client = _logged_in(redis_app, SUZANNE)
    for _ in range(3):
        before = client.get("/mijn-overzicht").get_data(as_text=True)
    hits = redis_app.extensions["page_cache"].hits
    assert client.get("/mijn-overzicht").get_data(as_text=True) and redis_app.extensions["page_cache"].hits > hits
    with redis_app.app_context():  # this test's app and its version store (portal/queries/versions.py)
        service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Hoe gaat het?", afzender="Sanne Jansen")
        db.commit()
    after = client.get("/mijn-overzicht").get_data(as_text=True)
    assert after != before and zaak.identificatie in after
    with redis_app.app_context():
        stored = redis_app.extensions["freshness_store"].client.keys("mg:rv:*")
    assert stored and not any(SUZANNE.encode() in key for key in stored)
