"""After an e-form is submitted, through the real outbox worker: the PDF receipt goes onto the case and the
confirmation email (no answers, no attachment) into the mailbox; failures are retried and shown to staff, never
twice on the case."""

from __future__ import annotations

import io
import threading
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from portal import outbox_worker
from portal.db import get_session, utcnow
from portal.eforms.aftercare import (
    CONFIRMATION,
    RECEIPT,
    CaseMissing,
    enqueue_after_submit,
    forget_delivered,
    is_done,
)
from portal.eforms.receipt import ReceiptData
from portal.models.aftercare import AftercareTask
from portal.models.appointments import DevMailAttachment
from portal.models.cases import Document, Zaak
from portal.models.notifications import DevMail, OutboxMessage
from tests.support.cases import make_case
from tests.support.forms import csrf_token

SUZANNE = "999993653"
EMAIL = "suzanne@example.nl"
STAFF_PAGE = "/medewerker/uitgaande-berichten"


def receipt_for(reference: str, lang: str = "nl", on_mijn_zaken: bool = True) -> ReceiptData:
    return ReceiptData(
        title="Verhuizing doorgeven" if lang == "nl" else "Report a move",
        reference=reference,
        submitted_at=datetime(2026, 12, 1, 13, 5, tzinfo=UTC),
        lang=lang,
        sections=[("Uw gegevens", [("Naam", "Suzanne Moulin"), ("Uw adres nu", "Boterdiep 31\n3077 AW Rotterdam")])],
        next_steps="We zetten uw nieuwe adres in de BRP. Binnen 5 werkdagen krijgt u van ons bericht."
        if lang == "nl"
        else "You will hear from us within 5 working days.",
        on_mijn_zaken=on_mijn_zaken,
    )


@pytest.fixture
def zaak(db):
    return make_case(db, SUZANNE, "verhuizing")


def submit(app, db, zaak, *, submission_id: int = 1, email: str | None = EMAIL, lang: str = "nl", **receipt) -> None:
    """What the runner does at submit: the rows join the submission's unit of work, which then commits."""
    with app.app_context():
        enqueue_after_submit(
            get_session(),
            submission_id=submission_id,
            zaak_id=zaak.id,
            receipt=receipt_for(zaak.identificatie, lang, **receipt),
            email=email,
        )
        get_session().commit()


def work(app, polls: int = 1) -> tuple[int, int]:
    with app.app_context():
        return outbox_worker.run(polls=polls, sleep=lambda _: None)


def make_due(db) -> None:
    """Skip the backoff pause: every waiting row is due now."""
    for message in db.scalars(select(OutboxMessage).where(OutboxMessage.status == "wachtend")):
        message.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.commit()


def receipts_on(db, zaak) -> list[Document]:
    db.expire_all()
    return list(db.scalars(select(Document).where(Document.zaak_id == zaak.id)))


def test_enqueue_adds_the_rows_in_the_callers_unit_of_work_and_never_commits(app, db, zaak, monkeypatch):
    with app.app_context():
        session = get_session()
        monkeypatch.setattr(session, "commit", lambda: pytest.fail("enqueue_after_submit committed"))
        enqueue_after_submit(
            session, submission_id=7, zaak_id=zaak.id, receipt=receipt_for(zaak.identificatie), email=EMAIL
        )
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert [(row.channel, row.kind, row.recipient) for row in rows] == [
            ("zaak", RECEIPT, zaak.identificatie),
            ("email", CONFIRMATION, EMAIL),
        ]
        assert all(row.zaak_referentie == zaak.identificatie and row.language == "nl" for row in rows)
        tasks = session.scalars(select(AftercareTask)).all()
        assert {(task.submission_id, task.zaak_id) for task in tasks} == {(7, zaak.id)}
        session.rollback()
        assert session.scalars(select(OutboxMessage)).all() == []


def test_the_worker_puts_the_receipt_on_the_case_and_mails_where_it_is_without_attaching_it(app, db, zaak):
    submit(app, db, zaak)
    assert work(app) == (2, 0)
    (document,) = receipts_on(db, zaak)
    assert document.bestandsnaam == f"ontvangstbewijs-{zaak.identificatie}.pdf"
    assert document.formaat == "application/pdf" and document.auteur == "gemeente"
    assert document.titel == f"Ontvangstbewijs {zaak.identificatie}: Verhuizing doorgeven"
    assert document.vertrouwelijkheidaanduiding == "zaakvertrouwelijk"  # the resident sees it
    assert "Suzanne Moulin" in PdfReader(io.BytesIO(document.inhoud)).pages[0].extract_text()
    (mail,) = db.scalars(select(DevMail)).all()
    assert mail.recipient == EMAIL
    assert mail.subject == f"Wij hebben uw formulier gekregen ({zaak.identificatie})"
    assert zaak.identificatie in mail.body and "Binnen 5 werkdagen krijgt u van ons bericht." in mail.body
    assert "Het ontvangstbewijs met uw antwoorden staat bij uw aanvraag in Mijn zaken" in mail.body
    assert f"/mijn-zaken/{zaak.identificatie}" in mail.body
    assert "Uw antwoorden sturen we niet mee in deze e-mail" in mail.body
    # The answers stay out of the mailbox (a Wmo request's are health data): no PDF travels with the email.
    assert db.scalars(select(DevMailAttachment)).all() == []


def test_a_form_without_login_gets_an_email_with_the_number_to_call_not_mijn_zaken(app, db, zaak):
    """An anonymous report is in nobody's Mijn zaken: the email gives the reference, what happens next and
    the phone number to ask about it, and still no answers and no attachment."""
    submit(app, db, zaak, on_mijn_zaken=False)
    assert work(app) == (2, 0)
    (mail,) = db.scalars(select(DevMail)).all()
    assert zaak.identificatie in mail.body and "Binnen 5 werkdagen krijgt u van ons bericht." in mail.body
    assert "Mijn zaken" not in mail.body and "/mijn-zaken" not in mail.body
    assert f"Bel ons dan op {app.config['MUNICIPALITY_PHONE']}" in mail.body
    assert "Boterdiep" not in mail.body and "Suzanne" not in mail.body
    assert db.scalars(select(DevMailAttachment)).all() == []
    assert len(receipts_on(db, zaak)) == 1  # staff still have the receipt on the case


def test_the_resident_sees_the_receipt_on_the_case_page_and_can_download_it(app, db, zaak, client, login, parse_page):
    submit(app, db, zaak)
    work(app)
    login(SUZANNE)
    page = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}"))
    assert f"Ontvangstbewijs {zaak.identificatie}: Verhuizing doorgeven" in page.body_text
    (link,) = [href for href in page.links if "/document" in href or "/bestand" in href]
    response = client.get(link)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_the_email_names_no_bsn_and_no_answers(app, db, zaak):
    submit(app, db, zaak)
    work(app)
    (mail,) = db.scalars(select(DevMail)).all()
    for text in (mail.subject, mail.body, mail.message_id):
        assert SUZANNE not in text
        assert "Boterdiep" not in text and "Suzanne" not in text  # the answers are only in the PDF on the case


def test_an_english_receipt_gets_an_english_email(app, db, zaak):
    submit(app, db, zaak, lang="en")
    work(app)
    (mail,) = db.scalars(select(DevMail)).all()
    assert mail.subject == f"We have received your form ({zaak.identificatie})"
    assert "What happens next?" in mail.body and "You will hear from us within 5 working days." in mail.body


def test_without_an_email_address_only_the_receipt_is_made(app, db, zaak):
    submit(app, db, zaak, email=None)
    assert work(app) == (1, 0)
    assert len(receipts_on(db, zaak)) == 1 and db.scalars(select(DevMail)).all() == []


def test_a_pdf_that_crashes_is_retried_with_backoff_and_then_made(app, db, zaak, monkeypatch):
    submit(app, db, zaak)
    real_make_pdf = __import__("portal.eforms.aftercare", fromlist=["make_pdf"]).make_pdf
    crashes = []

    def crash_once(data):
        if not crashes:
            crashes.append(1)
            raise MemoryError("the renderer fell over")
        return real_make_pdf(data)

    monkeypatch.setattr("portal.eforms.aftercare.make_pdf", crash_once)
    assert work(app) == (1, 1)  # the receipt failed; the email (which needs no PDF) went
    db.expire_all()
    failed = db.scalars(select(OutboxMessage).where(OutboxMessage.kind == RECEIPT)).one()
    assert (failed.status, failed.attempts, failed.last_error) == ("wachtend", 1, "MemoryError")
    assert failed.next_attempt_at > utcnow()  # the worker's own backoff
    assert receipts_on(db, zaak) == []
    make_due(db)
    assert work(app) == (1, 0)
    assert len(receipts_on(db, zaak)) == 1


def test_smtp_down_retries_until_it_gives_up_then_staff_resend_it_and_the_case_still_has_one_receipt(
    app, db, zaak, monkeypatch, client, staff_login, parse_page
):
    class DownSMTP:
        def __init__(self, *args, **kwargs):
            raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("portal.notifications.smtplib.SMTP", DownSMTP)
    for key, value in {"MAIL_BACKEND": "smtp", "SMTP_HOST": "smtp.example", "OUTBOX_MAX_ATTEMPTS": 3}.items():
        monkeypatch.setitem(app.config, key, value)
    submit(app, db, zaak)
    assert work(app) == (1, 1)
    for _ in range(2):
        make_due(db)
        assert work(app) == (0, 1)
    db.expire_all()
    email = db.scalars(select(OutboxMessage).where(OutboxMessage.kind == CONFIRMATION)).one()
    assert (email.status, email.attempts, email.last_error) == ("mislukt", 3, "ConnectionRefusedError")

    staff_login("beheerder")
    text = parse_page(client.get(STAFF_PAGE)).body_text
    assert "Bevestiging van een formulier" in text and "s•••@example.nl" in text
    response = client.post(f"{STAFF_PAGE}/{email.id}/opnieuw", data={"csrf_token": csrf_token(client, STAFF_PAGE)})
    assert response.status_code == 302

    sent = []
    monkeypatch.setattr("portal.notifications.smtplib.SMTP", _recording_smtp(sent))
    assert work(app) == (1, 0)
    (message,) = sent
    assert message["Subject"] == f"Wij hebben uw formulier gekregen ({zaak.identificatie})"
    assert list(message.iter_attachments()) == []  # the answers are not mailed
    assert len(receipts_on(db, zaak)) == 1


def _recording_smtp(sent: list):
    class RecordingSMTP:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def send_message(self, email):
            sent.append(email)

    return RecordingSMTP


def test_a_receipt_row_run_twice_attaches_the_pdf_once(app, db, zaak):
    submit(app, db, zaak, email=None)
    assert work(app) == (1, 0)
    db.expire_all()
    row = db.scalars(select(OutboxMessage).where(OutboxMessage.kind == RECEIPT)).one()
    row.status, row.next_attempt_at = "wachtend", utcnow() - timedelta(seconds=1)  # as after a crash before the commit
    db.commit()
    assert work(app) == (1, 0)
    assert len(receipts_on(db, zaak)) == 1


def test_enqueueing_a_submission_twice_adds_nothing_the_second_time(app, db, zaak):
    submit(app, db, zaak)
    submit(app, db, zaak)
    assert len(db.scalars(select(OutboxMessage)).all()) == 2
    assert work(app) == (2, 0)
    assert len(receipts_on(db, zaak)) == 1 and len(db.scalars(select(DevMail)).all()) == 1


def test_a_case_that_does_not_exist_is_refused_at_enqueue(app, db):
    with app.app_context(), pytest.raises(CaseMissing):
        enqueue_after_submit(get_session(), submission_id=1, zaak_id=999_999, receipt=receipt_for("ZK-X"), email=None)


def test_two_enqueues_at_once_cannot_both_add_a_receipt(app, db, zaak, monkeypatch):
    submit(app, db, zaak)
    monkeypatch.setattr("portal.queries.aftercare.has_tasks", lambda db, submission_id: False)  # as in a race
    with pytest.raises(IntegrityError):
        submit(app, db, zaak)


@pytest.mark.postgres
def test_two_transactions_enqueueing_one_submission_on_postgresql_leave_one_receipt_row(app, db_engine):
    """The unique (submission, task) makes the second of two concurrent enqueues fail, not add a second receipt."""
    if db_engine.dialect.name != "postgresql":
        pytest.skip("a real race needs two connections to PostgreSQL")
    from sqlalchemy.orm import Session

    with app.app_context(), Session(db_engine) as setup:
        zaak = make_case(setup, SUZANNE, "verhuizing")
        zaak_id, reference = zaak.id, zaak.identificatie
    outcome: list[str] = []

    def enqueue(session) -> None:
        enqueue_after_submit(session, submission_id=4242, zaak_id=zaak_id, receipt=receipt_for(reference), email=None)

    def second() -> None:
        with Session(db_engine) as two:
            try:
                enqueue(two)  # blocks on the unique index until the first commits
                two.commit()
                outcome.append("committed")
            except IntegrityError:
                outcome.append("refused")

    try:
        with Session(db_engine) as one:
            enqueue(one)
            thread = threading.Thread(target=second)
            thread.start()
            thread.join(0.5)
            one.commit()
        thread.join(10)
        assert outcome == ["refused"]
        with Session(db_engine) as check:
            assert check.scalar(select(func.count()).where(AftercareTask.submission_id == 4242)) == 1
    finally:
        with Session(db_engine) as cleanup:
            cleanup.execute(delete(OutboxMessage).where(OutboxMessage.zaak_referentie == reference))
            cleanup.execute(delete(Zaak).where(Zaak.id == zaak_id))
            cleanup.commit()


def test_once_delivered_the_answers_kept_for_the_outbox_can_go_and_a_failed_row_keeps_them(app, db, zaak, monkeypatch):
    submit(app, db, zaak, submission_id=1)
    with app.app_context():
        assert is_done(get_session(), 1) is False
    monkeypatch.setitem(app.config, "OUTBOX_MAX_ATTEMPTS", 1)
    monkeypatch.setattr("portal.notifications.smtplib.SMTP", _refusing_smtp)
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    assert work(app) == (1, 1)  # the receipt is on the case; the email gave up
    with app.app_context():
        session = get_session()
        assert is_done(session, 1) is False
        assert forget_delivered(session) == 1
        session.commit()
    db.expire_all()
    (kept,) = db.scalars(select(AftercareTask)).all()
    assert kept.task == "email"  # staff can still resend it
    with app.app_context():
        assert is_done(get_session(), 2) is True  # nothing queued


def _refusing_smtp(*args, **kwargs):
    raise ConnectionRefusedError("smtp down")


def test_an_address_longer_than_any_address_gets_no_email_and_never_breaks_the_submit(app, db, zaak):
    submit(app, db, zaak, email="a" * 320 + "@example.nl")
    assert [row.channel for row in db.scalars(select(OutboxMessage))] == ["zaak"]
