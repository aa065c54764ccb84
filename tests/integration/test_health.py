"""/health: "ok" only with a database and a living outbox worker; the outbox's backlog by age."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import OperationalError

from portal.db import utcnow
from portal.models.notifications import OutboxHeartbeat, OutboxMessage
from portal.queries import outbox


@pytest.fixture
def worker_alive(db):
    db.add(OutboxHeartbeat(worker="test-worker", beat_at=utcnow() - timedelta(seconds=2)))
    db.commit()


def test_health_is_ok_with_a_database_and_a_recent_heartbeat(client, worker_alive):
    response = client.get("/health")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    report = response.get_json()
    assert report["status"] == "ok" and report["database"] is True and report["outbox_worker"] is True
    assert 2 <= report["outbox_worker_last_seen_seconds"] <= 5
    assert report["outbox_oldest_waiting_seconds"] is None and report["outbox_failed"] == 0


def test_health_reports_the_age_of_the_oldest_waiting_message(client, db, worker_alive):
    db.add(
        OutboxMessage(
            channel="email", recipient="a@example.nl", kind="status", created_at=utcnow() - timedelta(minutes=10)
        )
    )
    db.add(
        OutboxMessage(
            channel="email",
            recipient="b@example.nl",
            kind="status",
            status="verzonden",
            created_at=utcnow() - timedelta(hours=5),
        )
    )
    db.add(OutboxMessage(channel="email", recipient="c@example.nl", kind="status", status="mislukt"))
    db.commit()
    report = client.get("/health").get_json()
    assert 600 <= report["outbox_oldest_waiting_seconds"] <= 605
    assert report["outbox_failed"] == 1
    assert "example.nl" not in client.get("/health").get_data(as_text=True)


def test_health_is_not_ok_when_no_worker_ever_ran(client):
    response = client.get("/health")
    assert response.status_code == 503 and response.mimetype == "application/json"
    report = response.get_json()
    assert (report["status"], report["database"], report["outbox_worker"]) == ("not ok", True, False)
    assert report["outbox_worker_last_seen_seconds"] is None


def test_health_is_not_ok_when_the_heartbeat_is_older_than_n_poll_intervals(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "OUTBOX_POLL_SECONDS", 5)
    monkeypatch.setitem(app.config, "OUTBOX_WORKER_DOWN_AFTER_POLLS", 3)
    heartbeat = OutboxHeartbeat(worker="test-worker", beat_at=utcnow() - timedelta(seconds=14))
    db.add(heartbeat)
    db.commit()
    assert client.get("/health").status_code == 200
    heartbeat.beat_at = utcnow() - timedelta(seconds=16)
    db.commit()
    response = client.get("/health")
    assert response.status_code == 503
    assert response.get_json()["outbox_worker"] is False and response.get_json()["database"] is True


def test_health_is_not_ok_when_the_database_is_down(client, worker_alive, monkeypatch):
    def down():
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr(outbox, "last_heartbeat", down)
    response = client.get("/health")
    assert response.status_code == 503 and response.mimetype == "application/json"
    assert response.get_json()["status"] == "not ok" and response.get_json()["database"] is False
