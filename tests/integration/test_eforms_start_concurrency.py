"""Ten "Beginnen" POSTs of one resident at the same moment (a double click, a retry, a second tab), and ten
first answers the same way: one draft, the same next page for all, 0 errors. Half the requests share one
one-time token (a double click or retry), the others each carry their own (other tabs). Real requests on
separate connections, so PostgreSQL only; CI's PostgreSQL run executes it."""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from sqlalchemy import create_engine, delete, func, select

from portal import create_app
from portal.db import get_session, utcnow
from portal.formdefs.publish import publish_files
from portal.models.eforms import FormDraft
from portal.models.forms import FormDefinition, FormVersion
from portal.models.sessions import ServerSession
from portal.models.submissions import UsedFormToken
from tests.support.eforms import csrf_of, once_of

pytestmark = pytest.mark.postgres
URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
THREADS = 10
COOKIE = "mg_sessie"


@pytest.fixture(scope="module")
def race_app(db_engine):  # db_engine: the database is migrated and holds the case types
    if not URL.startswith("postgresql"):
        pytest.skip("needs PostgreSQL: SQLite serialises every writer, there is no race to lose")
    engine = create_engine(URL, pool_size=THREADS + 5, max_overflow=0)
    app = create_app("test", {"DB_ENGINE": engine, "DATABASE_URL": URL, "PAGE_CACHE_ENABLED": False})
    yield app
    engine.dispose()


@pytest.fixture
def resident(race_app):
    """A logged-in resident of her own; what the race commits for real is removed again afterwards."""
    sub, started = f"race-{uuid.uuid4().hex[:8]}", utcnow()
    with race_app.app_context():
        db = get_session()
        unpublish = db.scalar(select(func.count()).select_from(FormDefinition)) == 0
        publish_files(db, published_by="race test")
        db.commit()
    client = race_app.test_client()
    with client.session_transaction() as session:
        session["resident"] = {"sub": sub, "bsn": "999993653", "level": "midden"}
        session["_user_id"], session["_fresh"] = sub, True
    yield client, sub
    with race_app.app_context():
        db = get_session()
        db.execute(delete(FormDraft).where(FormDraft.owner == f"resident:{sub}"))
        db.execute(delete(UsedFormToken).where(UsedFormToken.used_at >= started))
        db.execute(delete(ServerSession).where(ServerSession.created_at >= started))
        if unpublish:
            db.execute(delete(FormVersion))
            db.execute(delete(FormDefinition))
        db.commit()


def _race(race_app, resident, path: str, answers: dict) -> tuple[list, int]:
    """POST `path` from THREADS clients of one session at once; (the responses' (status, Location), drafts)."""
    client, sub = resident
    cookie = client.get_cookie(COOKIE).value
    pages = [client.get(path).text for _ in range(THREADS // 2 + 1)]
    shared = {"csrf_token": csrf_of(pages[0]), "once_token": once_of(pages[0]), **answers}
    posts = [shared] * (THREADS // 2) + [
        {"csrf_token": csrf_of(page), "once_token": once_of(page), **answers} for page in pages[1:]
    ]
    barrier, results = threading.Barrier(THREADS, timeout=30), []

    def attempt(data: dict) -> None:
        tab = race_app.test_client()
        tab.set_cookie(COOKIE, cookie)
        barrier.wait()
        try:
            response = tab.post(path, data=data)
            results.append((response.status_code, response.headers.get("Location")))
        except Exception as error:  # noqa: BLE001 — counting, not hiding: the test asserts there are none
            results.append((f"error:{type(error).__name__}:{error}", None))

    threads = [threading.Thread(target=attempt, args=(data,)) for data in posts[:THREADS]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    with race_app.app_context():
        owner = f"resident:{sub}"
        drafts = get_session().scalar(select(func.count()).select_from(FormDraft).where(FormDraft.owner == owner))
    return results, drafts


def test_ten_parallel_beginnen_posts_make_one_draft_and_one_next_page(race_app, resident):
    results, drafts = _race(race_app, resident, "/formulier/wmo-hulp-bij-het-huishouden", {})
    assert len(results) == THREADS and {status for status, _ in results} == {302}, results
    assert len({location for _, location in results}) == 1, results
    assert drafts == 1


def test_ten_parallel_first_answers_make_one_draft_and_one_next_page(race_app, resident):
    path = "/formulier/terugbelverzoek/eerste-vraag"
    results, drafts = _race(race_app, resident, path, {"vraag": "Mijn afvalpas is kwijt"})
    assert len(results) == THREADS and {status for status, _ in results} == {302}, results
    locations = {location for _, location in results}
    assert len(locations) == 1 and locations.pop().endswith("/telefoon"), results
    assert drafts == 1
