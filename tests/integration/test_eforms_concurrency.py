"""Ten submits of one draft at the same moment (a double click, a retry, two tabs): one submission, one
case, the same reference for all. Real commits on separate connections, so PostgreSQL only; CI's
PostgreSQL run executes it."""

from __future__ import annotations

import os
import threading
import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, delete, func, select

from portal import create_app
from portal.db import get_session
from portal.eforms.fields import FieldContext
from portal.eforms.runner import Form
from portal.eforms.submit import submit
from portal.formdefs.publish import publish_files
from portal.models.cases import Zaak
from portal.models.eforms import FormDraft, FormSubmission
from portal.models.forms import FormDefinition, FormVersion
from portal.models.notifications import OutboxMessage
from portal.queries import eforms as queries
from portal.queries.forms import live_version

pytestmark = pytest.mark.postgres
URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
THREADS = 10
ANSWERS = {"vraag": "Over de afvalpas", "telefoonnummer": "0612345678", "dagdeel": "middag"}


@pytest.fixture(scope="module")
def race_app(db_engine):  # db_engine: the database is migrated and holds the case types
    if not URL.startswith("postgresql"):
        pytest.skip("needs PostgreSQL: SQLite serialises every writer, there is no race to lose")
    engine = create_engine(URL, pool_size=THREADS + 5, max_overflow=0)
    app = create_app("test", {"DB_ENGINE": engine, "DATABASE_URL": URL})
    yield app
    engine.dispose()


@pytest.fixture
def committed(race_app):
    """What the race commits for real is removed again, so later tests find the database as it was."""
    made = {"drafts": [], "forms": False}
    with race_app.app_context():
        made["forms"] = get_session().scalar(select(func.count()).select_from(FormDefinition)) == 0
    yield made
    with race_app.app_context():
        db = get_session()
        references = list(
            db.scalars(select(FormSubmission.reference).where(FormSubmission.draft_public_id.in_(made["drafts"])))
        )
        db.execute(delete(FormSubmission).where(FormSubmission.draft_public_id.in_(made["drafts"])))
        db.execute(delete(OutboxMessage).where(OutboxMessage.zaak_referentie.in_(references)))
        db.execute(delete(Zaak).where(Zaak.identificatie.in_(references)))
        db.execute(delete(FormDraft).where(FormDraft.public_id.in_(made["drafts"])))
        if made["forms"]:  # this test published them: unpublish (other tests publish in rolled-back work)
            db.execute(delete(FormVersion))
            db.execute(delete(FormDefinition))
        db.commit()


def _draft(app) -> str:
    with app.app_context():
        db = get_session()
        publish_files(db, published_by="race test")
        version = live_version(db, "terugbelverzoek")
        draft = queries.new_draft(
            db,
            owner=f"resident:race-{uuid.uuid4().hex[:8]}",
            version_id=version.id,
            slug="terugbelverzoek",
            prefill={},
            keep_days=7,
            first_step="onderwerp",
        )
        queries.save_answers(draft, ANSWERS, "dagdeel")
        db.commit()
        return draft.public_id


def _attempt(app, public_id: str, barrier: threading.Barrier, results: list) -> None:
    with app.app_context():
        db = get_session()
        draft = queries.draft_by_public_id(public_id)
        version = live_version(db, "terugbelverzoek")
        ctx = FieldContext(lang="nl", prefill={}, today=date.today())
        barrier.wait()
        try:
            done = submit(
                db, Form(version.definition, version_id=version.id), draft, bsn="999993653", ctx=ctx, email=None
            )
            db.commit()
            results.append(done.reference)
        except Exception as error:  # noqa: BLE001 — counting, not hiding: the test asserts there are none
            db.rollback()
            results.append(f"error:{type(error).__name__}:{error}")


def test_ten_parallel_submits_of_one_draft_make_one_case(race_app, committed):
    public_id = _draft(race_app)
    committed["drafts"].append(public_id)
    barrier, results = threading.Barrier(THREADS, timeout=30), []
    threads = [threading.Thread(target=_attempt, args=(race_app, public_id, barrier, results)) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [result for result in results if result.startswith("error")] == []
    assert len(results) == THREADS and len(set(results)) == 1
    with race_app.app_context():
        db = get_session()
        count = db.scalar(
            select(func.count()).select_from(FormSubmission).where(FormSubmission.draft_public_id == public_id)
        )
        cases = db.scalar(select(func.count()).select_from(Zaak).where(Zaak.identificatie == results[0]))
    assert (count, cases) == (1, 1)
