"""The transactional outbox: written with the change, sent by the worker, retried, and free of personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.db import utcnow
from portal.models.notifications import DevMail, OutboxMessage, ResidentContact
from portal.notifications import SENDERS, deliver_pending
from tests.support.cases import add_task, make_case

MEREL = "999993847"


@pytest.fixture
def queued(db):
    db.add(ResidentContact(bsn=MEREL, email="merel@example.nl", notify_by_email=True, language="nl"))
    zaak = make_case(db, "999993847", "melding-openbare-ruimte", omschrijving="Losse stoeptegel Kerkstraat 12")
    add_task(db, zaak)
    return zaak


def test_the_worker_delivers_to_the_development_mailbox_without_personal_data(app, db, queued):
    with app.app_context():
        assert deliver_pending() == (1, 0)
        assert deliver_pending() == (0, 0)  # sent once
    mail = db.scalars(select(DevMail)).one()
    assert mail.recipient == "merel@example.nl"
    assert mail.subject == "We hebben iets van u nodig"
    # The link goes to the case itself (through the login); its number is in the link and nowhere else.
    link = f"/mijn-zaken/{queued.identificatie}"
    assert link in mail.body and mail.body.count(queued.identificatie) == 1
    assert queued.identificatie not in mail.subject
    for private in ("stoeptegel", "Kerkstraat", MEREL, "Merel", "Kooyman", "bouwtekening"):
        assert private not in mail.body and private not in mail.subject


def test_a_change_that_is_rolled_back_leaves_no_notification(db, queued):
    from portal.notifications import notify_resident

    notify_resident(db, MEREL, "bericht")
    db.rollback()
    assert [message.kind for message in db.scalars(select(OutboxMessage))] == ["taak"]


def test_a_failing_channel_is_retried_later_and_given_up_after_the_last_attempt(app, db, queued, monkeypatch):
    def broken(_outgoing):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setitem(SENDERS, "email", lambda: broken)
    app.config["OUTBOX_MAX_ATTEMPTS"] = 3
    try:
        with app.app_context():
            assert deliver_pending() == (0, 1)
            message = db.scalars(select(OutboxMessage)).one()
            assert message.status == "wachtend" and message.attempts == 1 and message.next_attempt_at > utcnow()
            assert deliver_pending() == (0, 0)  # not yet due
            for _ in range(2):
                message.next_attempt_at = utcnow() - timedelta(seconds=1)
                db.commit()
                deliver_pending()
            db.refresh(message)
            assert (message.status, message.attempts, message.last_error) == ("mislukt", 3, "ConnectionRefusedError")
    finally:
        app.config["OUTBOX_MAX_ATTEMPTS"] = 6


def test_english_residents_get_english_email(app, db, queued):
    db.get(ResidentContact, MEREL).language = "en"
    db.commit()
    add_task(db, queued)
    with app.app_context():
        deliver_pending()
    subjects = {mail.subject for mail in db.scalars(select(DevMail))}
    assert "We need something from you" in subjects


def test_production_sends_by_smtp_with_starttls(app, db, queued, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append(("starttls",))

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, message):
            sent.append(("message", message["To"], message["Subject"], message.get_content()))

    monkeypatch.setattr("portal.notifications.smtplib.SMTP", FakeSMTP)
    settings = {
        "MAIL_BACKEND": "smtp",
        "SMTP_HOST": "smtp.gemeente.example",
        "SMTP_PORT": 587,
        "SMTP_USERNAME": "portal",
        "SMTP_PASSWORD": "geheim",
        "SMTP_STARTTLS": True,
    }
    for key, value in settings.items():
        monkeypatch.setitem(app.config, key, value)
    with app.app_context():
        assert deliver_pending() == (1, 0)
    assert sent[0] == ("connect", "smtp.gemeente.example", 587)
    assert ("starttls",) in sent and ("login", "portal") in sent
    kind, to, subject, body = sent[-1]
    assert (to, subject) == ("merel@example.nl", "We hebben iets van u nodig") and "/mijn-zaken" in body
    assert db.scalars(select(DevMail)).all() == []
