"""Two requests at once, on real separate connections (threads + a Barrier), not the rolled-back test transaction.

They run on PostgreSQL in the PostgreSQL pass (a fresh database of their own) and on a SQLite file otherwise
(where BEGIN IMMEDIATE makes writers take turns). The row-lock test needs PostgreSQL and skips on SQLite.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
import uuid
from collections.abc import Callable

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from portal import create_app
from portal.db import get_session, make_engine
from portal.logs import new_request_id
from portal.models.cases import Bericht, Document, Status, Taak, Zaak
from portal.models.processing_log import ProcessingLogEntry
from portal.queries.processing_log import record_read
from tests.conftest import load_casetypes, migrate, portal_overrides
from tests.integration.test_unit_of_work import form_fields
from tests.support.cases import PDF, add_task, make_case

MEREL = "999993847"
ON_POSTGRES = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")


@pytest.fixture(scope="module")
def separate_url(tmp_path_factory):
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path_factory.mktemp('concurrency')}/portal.db"
        return
    base = os.environ["TEST_DATABASE_URL"].rsplit("/", 1)[0]
    admin_url = base.replace("postgresql+psycopg://", "postgresql://", 1) + "/postgres"
    name = f"mg_concurrency_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def real_app(separate_url, mock_services):
    """The portal on its own engine: every request gets its own connection from the pool and really commits."""
    engine = make_engine(separate_url)
    migrate(engine)
    load_casetypes(engine)
    yield create_app("test", portal_overrides(mock_services, engine))
    engine.dispose()


def scalar(app, statement):
    with app.app_context():
        return get_session().scalar(statement)


def logged_in(app, *, resident: str | None = None, staff: bool = False):
    client = app.test_client()
    with client.session_transaction() as session:
        if resident:
            session["resident"] = {"sub": f"sub-{resident}", "bsn": resident, "level": "midden"}
            session["_user_id"], session["_fresh"] = f"sub-{resident}", True
        if staff:
            session["staff"] = {"sub": "staff-sanne", "name": "Sanne Jansen", "roles": ["zaakbehandelaar"]}
    return client


def at_once(*calls: Callable[[], object]) -> list:
    """Run the calls in threads that start their request at the same moment."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def meet_after(monkeypatch, target: str, parties: int = 2) -> None:
    """Make both requests wait for each other right after `target` returns, so that both are inside the
    window where a race would happen. On SQLite the second request cannot get there while the first holds
    the write lock: the wait then times out and the requests take turns, as they do in production."""
    module, name = target.rsplit(".", 1)
    original = getattr(__import__(module, fromlist=[name]), name)
    barrier = threading.Barrier(parties)

    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=2)
        return result

    monkeypatch.setattr(target, wrapped)


@pytest.fixture
def open_task(real_app):
    with real_app.app_context():
        db = get_session()
        zaak = make_case(db, MEREL)
        taak = add_task(db, zaak)
        return zaak.identificatie, taak.id, zaak.id


def test_two_answers_at_once_store_one_and_the_other_sees_it(real_app, open_task, monkeypatch):
    reference, task_id, _zaak_id = open_task
    path = f"/mijn-zaken/{reference}/taken/{task_id}"
    tabs = [logged_in(real_app, resident=MEREL) for _ in range(2)]
    forms = [form_fields(tab, path) for tab in tabs]
    meet_after(monkeypatch, "portal.queries.cases.task")  # both have read the task while it was open

    def answer(index):
        upload = (io.BytesIO(PDF), f"bestand{index}.pdf")
        data = {**forms[index], "antwoord": f"Antwoord {index}", "bestanden": [upload]}
        return tabs[index].post(path, data=data, content_type="multipart/form-data")

    responses = at_once(lambda: answer(0), lambda: answer(1))
    assert sorted(response.status_code for response in responses) == [302, 409]
    loser = next(response for response in responses if response.status_code == 409).get_data(as_text=True)
    stored = scalar(real_app, select(Taak.antwoord).where(Taak.id == task_id))
    assert "Deze vraag heeft u al beantwoord" in loser and stored in loser
    winner = stored[-1]
    with real_app.app_context():
        names = get_session().scalars(select(Document.bestandsnaam).where(Document.taak_id == task_id)).all()
    assert names == [f"bestand{winner}.pdf"]  # only the winning answer's file is stored


def test_two_case_workers_moving_a_case_on_at_once_store_one_step(real_app, open_task, monkeypatch):
    reference, _task_id, zaak_id = open_task
    page = f"/medewerker/zaken/{reference}"
    workers = [logged_in(real_app, staff=True) for _ in range(2)]
    forms = [form_fields(worker, page) for worker in workers]
    meet_after(monkeypatch, "portal.staff.status.staff_case")  # both have read the case at its first step
    step = scalar(real_app, select(Zaak).where(Zaak.id == zaak_id)).zaaktype.statustypen[1].id
    before = scalar(real_app, select(func.count()).select_from(Status).where(Status.zaak_id == zaak_id))

    def move(index):
        return workers[index].post(
            f"{page}/status", data={**forms[index], "status-statustype": step, "status-bevestigd": "ja"}
        )

    responses = at_once(lambda: move(0), lambda: move(1))
    assert sorted(response.status_code for response in responses) == [302, 400]
    assert scalar(real_app, select(func.count()).select_from(Status).where(Status.zaak_id == zaak_id)) == before + 1


def test_a_double_click_at_the_same_moment_stores_one_message(real_app, open_task, monkeypatch):
    reference, _task_id, zaak_id = open_task
    path = f"/mijn-zaken/{reference}"
    clicks = [logged_in(real_app, resident=MEREL) for _ in range(2)]
    data = {**form_fields(clicks[0], path), "onderwerp": "Vraag", "tekst": "Eén keer, alstublieft."}
    clicks[1].set_cookie(**_cookie_of(clicks[0]))  # the same browser, so the same session and CSRF token
    meet_after(monkeypatch, "portal.once.repeated")  # neither has seen the other's token yet

    responses = at_once(*(lambda click=click: click.post(f"{path}/berichten", data=data) for click in clicks))
    assert [response.status_code for response in responses] == [302, 302]
    assert responses[0].headers["Location"] == responses[1].headers["Location"]
    count = select(func.count()).select_from(Bericht).where(Bericht.zaak_id == zaak_id, Bericht.richting == "inwoner")
    assert scalar(real_app, count) == 1


def _cookie_of(client) -> dict:
    cookie = next(iter(client._cookies.values()))
    return {"key": cookie.key, "value": cookie.value, "domain": cookie.domain, "path": cookie.path}


def test_the_processing_log_keeps_a_read_of_a_request_that_failed_later(real_app, open_task, monkeypatch):
    reference, _task_id, _zaak_id = open_task
    worker = logged_in(real_app, staff=True)
    csrf = form_fields(worker, "/medewerker/")["csrf_token"]

    def broken_page(*args, **kwargs):
        raise RuntimeError("the page broke after the read")

    monkeypatch.setattr("portal.staff.views.render_template", broken_page)
    request_id = new_request_id()  # a random uuid may hold a BSN-like run: such an incoming id is replaced
    assert worker.get(f"/medewerker/zaken/{reference}", headers={"X-Request-ID": request_id}).status_code == 500
    # and in a POST, which on SQLite holds the write lock: written once the request's transaction has ended
    post_id = new_request_id()
    response = worker.post(
        f"/medewerker/zaken/{reference}/bericht", headers={"X-Request-ID": post_id}, data={"csrf_token": csrf}
    )
    assert response.status_code == 500
    for rid in (request_id, post_id):
        assert scalar(real_app, select(ProcessingLogEntry.activity).where(ProcessingLogEntry.request_id == rid)) == (
            "zaak bekijken"
        )


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="row locks: PostgreSQL only (SQLite locks the whole database)")
def test_writing_the_processing_log_keeps_the_status_changes_row_lock(real_app, open_task):
    _reference, _task_id, zaak_id = open_task
    engine = real_app.extensions["db_engine"]
    with real_app.test_request_context("/medewerker/zaken/x/status", method="POST"):
        from flask import g

        g.request_id = uuid.uuid4().hex
        db = get_session()
        db.execute(select(Zaak.id).where(Zaak.id == zaak_id).with_for_update())
        record_read(
            actor="staff-sanne",
            actor_type="medewerker",
            bsn=MEREL,
            activity="zaak bekijken",
            purpose="zaak behandelen",
            fields=("zaak",),
            outcome="ok",
        )
        with engine.connect() as other:
            logged = other.scalar(
                select(func.count())
                .select_from(ProcessingLogEntry)
                .where(ProcessingLogEntry.request_id == g.request_id)
            )
            assert logged == 1  # committed on its own connection already
            with pytest.raises(OperationalError):  # and the case row is still locked by the request
                other.execute(select(Zaak.id).where(Zaak.id == zaak_id).with_for_update(nowait=True))
        assert db.in_transaction()
        db.rollback()
        with engine.connect() as other:
            assert (
                other.scalar(
                    select(func.count())
                    .select_from(ProcessingLogEntry)
                    .where(ProcessingLogEntry.request_id == g.request_id)
                )
                == 1
            )
