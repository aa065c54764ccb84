"""One unit of work per request: all or nothing, a failed commit is a B1 page, and a POST is stored once."""

from __future__ import annotations

import io
import logging
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from portal.cases import service
from portal.cases import views as case_views
from portal.db import get_session, use_session_factory, utcnow
from portal.models.cases import Bericht, Document, Status, Taak, Zaak, Zaaktype
from portal.models.notifications import OutboxMessage, ResidentContact
from portal.models.submissions import UsedFormToken
from tests.support.cases import PDF, PNG, add_task, make_case

MEREL, SUZANNE = "999993847", "999993653"


def form_fields(client, path: str) -> dict[str, str]:
    """The CSRF token and every one-time token on a page, as a browser would send them."""
    html = client.get(path).get_data(as_text=True)
    fields = {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)}
    for match in re.finditer(r"<input[^>]*once_token[^>]*>", html):
        tag = match.group(0)
        fields[re.search(r'name="([^"]+)"', tag).group(1)] = re.search(r'value="([^"]+)"', tag).group(1)
    return fields


def count(db, model, *where) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def emailed_merel(db):
    db.add(ResidentContact(bsn=MEREL, email="merel@example.nl", notify_by_email=True))
    db.commit()


def test_a_status_change_and_its_email_are_stored_together_or_not_at_all(
    client, staff_login, db, emailed_merel, monkeypatch, parse_page
):
    zaak = make_case(db, MEREL)
    step = zaak.zaaktype.statustypen[2]  # informeren: true, so an email is queued after the status row
    statuses, emails = count(db, Status, Status.zaak_id == zaak.id), count(db, OutboxMessage)
    real_notify = service.notify_resident

    def fail_after_the_status_and_the_email_were_written(*args, **kwargs):
        real_notify(*args, **kwargs)
        get_session().flush()
        raise RuntimeError("the outbox is broken")

    monkeypatch.setattr("portal.cases.service.notify_resident", fail_after_the_status_and_the_email_were_written)
    staff_login("zaakbehandelaar")
    page = f"/medewerker/zaken/{zaak.identificatie}"
    fields = form_fields(client, page)
    response = client.post(
        f"{page}/status", data={**fields, "status-statustype": step.id, "status-bevestigd": "ja"}
    )  # the confirmed second step
    assert response.status_code == 500 and parse_page(response).h1 == ["Er ging iets mis"]
    assert count(db, Status, Status.zaak_id == zaak.id) == statuses
    assert count(db, OutboxMessage) == emails


def test_a_task_answer_and_its_files_are_stored_together_or_not_at_all(client, login, db, monkeypatch):
    login(MEREL)
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    real_document = service._document
    calls = []

    def fail_on_the_second_file(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_document(*args, **kwargs)

    monkeypatch.setattr("portal.cases.service._document", fail_on_the_second_file)
    path = f"/mijn-zaken/{zaak.identificatie}/taken/{taak.id}"
    data = {
        **form_fields(client, path),
        "antwoord": "Hierbij de tekening.",
        "bestanden": [(io.BytesIO(PDF), "een.pdf"), (io.BytesIO(PNG), "twee.png")],
    }
    response = client.post(path, data=data, content_type="multipart/form-data")
    assert response.status_code == 500
    assert db.get(Taak, taak.id).afgerond_op is None
    assert count(db, Document, Document.taak_id == taak.id) == 0


class CommitFails(Session):
    """The request's session fails at its commit, as a database that goes away at the last moment would."""

    def commit(self):
        from flask import g, has_request_context

        if has_request_context() and g.get("db_session") is self:
            raise ConnectionResetError("the database went away")
        super().commit()


def test_a_failed_commit_is_a_b1_page_that_stores_nothing_and_logs_the_cause(
    app, client, login, db, db_factory, parse_page, caplog
):
    login(MEREL)
    zaak = make_case(db, MEREL)
    path = f"/mijn-zaken/{zaak.identificatie}"
    fields = form_fields(client, path)
    use_session_factory(
        app,
        sessionmaker(
            bind=db_factory.kw["bind"],
            class_=CommitFails,
            expire_on_commit=False,
            join_transaction_mode="create_savepoint",
        ),
    )
    with caplog.at_level(logging.ERROR, logger="portal.errors"):
        response = client.post(f"{path}/berichten", data={**fields, "onderwerp": "Vraag", "tekst": "Geheime tekst"})
    assert response.status_code == 500
    page = parse_page(response)
    assert page.h1 == ["Er ging iets mis"] and response.headers["X-Request-ID"] in page.body_text
    assert "Content-Security-Policy" in response.headers  # the replaced page still gets the security headers
    assert count(db, Bericht, Bericht.zaak_id == zaak.id) == 0
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "builtins.ConnectionResetError" in logged and "Traceback" in logged
    assert "Geheime tekst" not in logged
    use_session_factory(app, db_factory)
    assert "Uw bericht is verstuurd" not in client.get(path).get_data(as_text=True)  # no flash that lies


def test_a_refused_form_rolls_back_what_the_view_had_written(app, client, login, db, monkeypatch):
    """A response of 400 or more never commits, even when something was added before the refusal."""
    login(MEREL)
    zaak = make_case(db, MEREL)
    path = f"/mijn-zaken/{zaak.identificatie}"
    fields = form_fields(client, path)
    real_render = case_views._render_case

    def render_after_a_stray_write(zaak_, form=None, status_code=200):
        service.message_from_resident(get_session(), zaak_, onderwerp="Zwerver", tekst="mag niet blijven")
        return real_render(zaak_, form, status_code)

    monkeypatch.setattr("portal.cases.views._render_case", render_after_a_stray_write)
    response = client.post(f"{path}/berichten", data={**fields, "onderwerp": "", "tekst": ""})
    assert response.status_code == 400
    assert count(db, Bericht, Bericht.zaak_id == zaak.id) == 0


def test_a_double_clicked_message_is_stored_once_and_the_repeat_shows_the_first_result(client, login, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    path = f"/mijn-zaken/{zaak.identificatie}"
    data = {**form_fields(client, path), "onderwerp": "Vraag", "tekst": "Hoe lang duurt het?"}
    first = client.post(f"{path}/berichten", data=data)
    second = client.post(f"{path}/berichten", data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert count(db, Bericht, Bericht.zaak_id == zaak.id) == 1
    assert "Uw bericht is verstuurd" in client.get(path).get_data(as_text=True)
    fresh = {**form_fields(client, path), "onderwerp": "Nog een vraag", "tekst": "Een nieuw formulier."}
    assert client.post(f"{path}/berichten", data=fresh).status_code == 302
    assert count(db, Bericht, Bericht.zaak_id == zaak.id) == 2  # a new form is a new message


def test_a_copied_form_token_of_another_resident_is_not_a_repeat(client, login, db):
    login(MEREL)
    merel_case = make_case(db, MEREL)
    path = f"/mijn-zaken/{merel_case.identificatie}"
    fields = form_fields(client, path)
    client.post(f"{path}/berichten", data={**fields, "onderwerp": "Van Merel", "tekst": "Tekst"})
    login(SUZANNE)
    suzanne_case = make_case(db, SUZANNE)
    other = f"/mijn-zaken/{suzanne_case.identificatie}"
    copied = {
        **form_fields(client, other),
        "once_token": fields["once_token"],
        "onderwerp": "Van Suzanne",
        "tekst": "Tekst",
    }
    response = client.post(f"{other}/berichten", data=copied)
    assert response.headers["Location"].startswith(other)
    assert count(db, Bericht, Bericht.zaak_id == suzanne_case.id) == 1


def test_a_retried_task_answer_and_report_are_stored_once(client, login, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    path = f"/mijn-zaken/{zaak.identificatie}/taken/{taak.id}"
    fields = form_fields(client, path)
    for _ in range(2):
        response = client.post(
            path,
            data={**fields, "antwoord": "Hierbij.", "bestanden": [(io.BytesIO(PDF), "a.pdf")]},
            content_type="multipart/form-data",
        )
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/mijn-zaken/{zaak.identificatie}")
    assert count(db, Document, Document.taak_id == taak.id) == 1
    report = {**form_fields(client, "/mijn-gegevens/klopt-niet"), "topic": "naam", "explanation": "Anders."}
    first = client.post("/mijn-gegevens/klopt-niet", data=report)
    second = client.post("/mijn-gegevens/klopt-niet", data=report)
    assert first.headers["Location"] == second.headers["Location"]
    # The report is a case of type onderzoek-gegevens (portal/cases/correction.py).
    reports = (
        select(Zaak.identificatie)
        .join(Zaaktype)
        .where(Zaak.initiator_bsn == MEREL, Zaaktype.identificatie == "onderzoek-gegevens")
    )
    reference = db.scalars(reports).one()
    assert first.headers["Location"].endswith(f"/mijn-zaken/{reference}")
    assert reference in client.get(second.headers["Location"]).get_data(as_text=True)  # the repeat says it too


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("bericht", {"bericht-onderwerp": "Vraag", "bericht-tekst": "Hoe?"}),
        ("taak", {"taak-titel": "Stuur loonstrook", "taak-toelichting": "Van mei.", "taak-uiterlijk": "2099-01-01"}),
        ("vertraging", {"vertraging-reden": "Drukte."}),
        ("document", {"document-titel": "Besluit", "document-vertrouwelijkheid": "openbaar"}),
    ],
)
def test_a_double_clicked_staff_action_is_stored_once(client, staff_login, db, action, fields):
    staff_login("zaakbehandelaar")
    zaak = make_case(db, MEREL)
    page = f"/medewerker/zaken/{zaak.identificatie}"
    tokens = form_fields(client, page)
    counted = {
        "bericht": (Bericht, Bericht.zaak_id == zaak.id),
        "taak": (Taak, Taak.zaak_id == zaak.id),
        "document": (Document, Document.zaak_id == zaak.id),
        "vertraging": (Status, Status.zaak_id == zaak.id),
    }
    model, where = counted[action]
    before = count(db, model, where)
    for _ in range(2):
        data = {**tokens, **fields}
        if action == "document":
            data["document-bestand"] = (io.BytesIO(PDF), "besluit.pdf")
        response = client.post(f"{page}/{action}", data=data, content_type="multipart/form-data")
        assert response.status_code == 302, response.get_data(as_text=True)
    if action == "vertraging":
        assert db.get(type(zaak), zaak.id).vertraging_reden == "Drukte."
    else:
        assert count(db, model, where) == before + 1


def test_a_double_clicked_status_change_is_stored_once_and_both_see_the_new_status(client, staff_login, db):
    staff_login("zaakbehandelaar")
    zaak = make_case(db, MEREL)
    page = f"/medewerker/zaken/{zaak.identificatie}"
    data = {**form_fields(client, page), "status-statustype": zaak.zaaktype.statustypen[1].id, "status-bevestigd": "ja"}
    before = count(db, Status, Status.zaak_id == zaak.id)
    responses = [client.post(f"{page}/status", data=data) for _ in range(2)]
    assert [response.status_code for response in responses] == [302, 302]
    assert count(db, Status, Status.zaak_id == zaak.id) == before + 1
    assert "De status is nu:" in client.get(page).get_data(as_text=True)


def test_a_post_without_a_token_is_still_handled(client, login, db):
    """An old page or a client without the hidden field: the message is stored, only not de-duplicated."""
    login(MEREL)
    zaak = make_case(db, MEREL)
    path = f"/mijn-zaken/{zaak.identificatie}"
    fields = {"csrf_token": form_fields(client, path)["csrf_token"], "onderwerp": "Vraag", "tekst": "Tekst"}
    assert client.post(f"{path}/berichten", data=fields).status_code == 302
    assert count(db, Bericht, Bericht.zaak_id == zaak.id) == 1


def test_opening_a_case_marks_our_messages_read_without_writing_in_the_pages_transaction(client, login, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Tekst", afzender="Sanne")
    db.commit()
    assert client.get(f"/mijn-zaken/{zaak.identificatie}").status_code == 200
    db.expire_all()
    assert db.scalars(select(Bericht.gelezen_op).where(Bericht.zaak_id == zaak.id)).one() is not None


def test_purge_sessions_forgets_the_tokens_of_forms_that_cannot_be_sent_again(app, db):
    db.add(UsedFormToken(key="a" * 64, used_at=utcnow() - timedelta(hours=9)))  # older than any session
    db.add(UsedFormToken(key="b" * 64))
    db.commit()
    result = app.test_cli_runner().invoke(args=["purge-sessions"])
    assert "and 1 used form tokens" in result.output, result.output
    db.expire_all()
    assert db.scalars(select(UsedFormToken.key)).all() == ["b" * 64]
