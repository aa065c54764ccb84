"""The outbox worker: one message per transaction, a stable Message-ID, and a loop that outlives errors."""

from __future__ import annotations

import logging
import re
import smtplib
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from portal import outbox_worker
from portal.db import get_session, utcnow
from portal.models.notifications import DevMail, OutboxHeartbeat, OutboxMessage
from portal.notifications import SENDERS, deliver_pending

ADDRESS = "merel@example.nl"


def queue(db, count: int = 1, kind: str = "status") -> list[OutboxMessage]:
    messages = [OutboxMessage(channel="email", recipient=ADDRESS, kind=kind) for _ in range(count)]
    db.add_all(messages)
    db.commit()
    return messages


@pytest.fixture
def sent(monkeypatch):
    """Replace the email channel by one that records what it sends."""
    outgoing = []
    monkeypatch.setitem(SENDERS, "email", lambda: outgoing.append)
    return outgoing


def test_every_message_has_a_stable_message_id_from_the_row_and_the_public_domain(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://mijn.gemeente.nl")
    (message,) = queue(db)
    with app.app_context():
        assert deliver_pending() == (1, 0)
    mail = db.scalars(select(DevMail)).one()
    assert re.fullmatch(rf"<outbox-{message.id}-[0-9a-f]{{16}}@mijn\.gemeente\.nl>", mail.message_id)
    assert ADDRESS not in mail.message_id


def test_a_crash_before_the_commit_resends_only_that_message_with_the_same_message_id(app, db, sent, monkeypatch):
    first, second = queue(db, 2)
    with app.app_context():
        session = get_session()
        real_commit, commits = session.commit, []

        def crash_on_second_commit():
            commits.append(1)
            if len(commits) == 2:
                raise SystemExit("killed between send and commit")
            real_commit()

        monkeypatch.setattr(session, "commit", crash_on_second_commit)
        with pytest.raises(SystemExit):
            deliver_pending()
        session.rollback()
        monkeypatch.setattr(session, "commit", real_commit)
        assert deliver_pending() == (1, 0)
    assert [mail.message_id for mail in sent] == [sent[0].message_id, sent[1].message_id, sent[1].message_id]
    assert sent[1].message_id != sent[0].message_id
    db.expire_all()
    assert [db.get(OutboxMessage, m.id).status for m in (first, second)] == ["verzonden", "verzonden"]
    assert [db.get(OutboxMessage, m.id).attempts for m in (first, second)] == [1, 1]


def test_a_claim_marks_the_attempt_time_in_the_same_transaction(app, db, sent):
    (message,) = queue(db)
    with app.app_context():
        deliver_pending()
    db.expire_all()
    assert db.get(OutboxMessage, message.id).last_attempt_at is not None


def test_the_worker_outlives_a_database_error_and_backs_off(app, db, sent, monkeypatch, caplog):
    queue(db)
    real_beat, calls, pauses = outbox_worker.beat, [], []

    def beat_failing_once(session, worker):
        calls.append(worker)
        if len(calls) == 1:
            raise OperationalError(f"UPDATE x SET email='{ADDRESS}'", {"email": ADDRESS}, Exception("gone"))
        real_beat(session, worker)

    monkeypatch.setattr(outbox_worker, "beat", beat_failing_once)
    with app.app_context(), caplog.at_level(logging.WARNING, logger="portal.outbox_worker"):
        assert outbox_worker.run(polls=2, sleep=pauses.append) == (1, 0)
    assert pauses == [app.config["OUTBOX_POLL_SECONDS"]]  # one back-off, then the round that sent
    assert "OperationalError" in caplog.text and ADDRESS not in caplog.text and "UPDATE" not in caplog.text
    assert db.scalars(select(OutboxHeartbeat)).one().worker == calls[-1]


def test_the_worker_outlives_a_mail_server_error_and_sends_on_the_next_attempt(app, db, monkeypatch, caplog):
    (message,) = queue(db)
    attempts = []

    class FlakySMTP:
        def __init__(self, host, port, timeout):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def send_message(self, email):
            attempts.append(email["Message-ID"])
            if len(attempts) == 1:
                raise smtplib.SMTPRecipientsRefused({ADDRESS: (550, b"no such user")})

    monkeypatch.setattr("portal.notifications.smtplib.SMTP", FlakySMTP)
    for key, value in {"MAIL_BACKEND": "smtp", "SMTP_HOST": "smtp.example", "SMTP_USERNAME": ""}.items():
        monkeypatch.setitem(app.config, key, value)
    with app.app_context(), caplog.at_level(logging.INFO):
        assert outbox_worker.run(polls=1, sleep=lambda _: None) == (0, 1)
        db.expire_all()
        db.get(OutboxMessage, message.id).next_attempt_at = utcnow() - timedelta(seconds=1)
        db.commit()
        assert outbox_worker.run(polls=1, sleep=lambda _: None) == (1, 0)
    assert len(attempts) == 2 and attempts[0] == attempts[1]
    db.expire_all()
    stored = db.get(OutboxMessage, message.id)
    assert (stored.status, stored.attempts, stored.last_error) == ("verzonden", 2, "")
    assert "SMTPRecipientsRefused" in caplog.text and ADDRESS not in caplog.text


def test_back_off_doubles_per_error_in_a_row_up_to_the_cap(app, monkeypatch):
    monkeypatch.setitem(app.config, "OUTBOX_POLL_SECONDS", 5)
    monkeypatch.setitem(app.config, "OUTBOX_BACKOFF_CAP_SECONDS", 30)
    with app.app_context():
        assert [outbox_worker.backoff_seconds(n) for n in range(1, 6)] == [5, 10, 20, 30, 30]


def test_the_cli_worker_once_sends_and_reports(app, db, sent):
    queue(db, 2)
    result = app.test_cli_runner().invoke(args=["outbox-worker", "--once"])
    assert result.exit_code == 0 and "Sent 2, failed 0." in result.output
    assert len(sent) == 2


@pytest.mark.postgres
def test_two_workers_on_postgresql_claim_different_messages_and_skip_the_locked_one(db_engine):
    """SKIP LOCKED: while one worker holds its message (sending), another takes the next, never the same."""
    if db_engine.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite serialises workers by its write lock")
    from sqlalchemy.orm import Session

    from portal.queries.outbox import claim_next

    with Session(db_engine) as setup:
        rows = [OutboxMessage(channel="email", recipient=ADDRESS, kind="status") for _ in range(2)]
        setup.add_all(rows)
        setup.commit()
        ids = [row.id for row in rows]
    try:
        with Session(db_engine) as one, Session(db_engine) as two, Session(db_engine) as three:
            first, second = claim_next(one), claim_next(two)
            assert {first.id, second.id} == set(ids)
            assert claim_next(three) is None  # both are locked: nothing left, and no waiting
    finally:
        with Session(db_engine) as cleanup:
            cleanup.query(OutboxMessage).filter(OutboxMessage.id.in_(ids)).delete()
            cleanup.commit()
