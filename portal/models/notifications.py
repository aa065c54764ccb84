"""Notifications: the transactional outbox, the development mailbox and the resident's contact choices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class OutboxMessage(Base):
    """A notification to send, written in the same transaction as the change it is about.

    `channel` is "email" today; SMS is another channel with a phone number as recipient. The row holds no
    text: the worker builds the message from `kind` at send time, and it never names the case or the person.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_pending", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(32))
    # The case the notification is about, so the email links to that case (a reference, not personal data).
    zaak_referentie: Mapped[str | None] = mapped_column(String(16), nullable=True)
    language: Mapped[str] = mapped_column(String(8), default="nl")
    status: Mapped[str] = mapped_column(String(16), default="wachtend")  # wachtend, verzonden, mislukt
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # When a worker last claimed the row; set in the same transaction as the send, so a crash leaves no trace.
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The error's type name only (e.g. "SMTPServerDisconnected"): its text may hold the address.
    last_error: Mapped[str] = mapped_column(String(200), default="")


class OutboxHeartbeat(Base):
    """The last sign of life of each outbox worker, written on every poll; `/health` reads the newest."""

    __tablename__ = "outbox_heartbeat"

    worker: Mapped[str] = mapped_column(String(128), primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DevMail(Base):
    """An email delivered to the development mailbox instead of a mail server (MAIL_BACKEND=mailbox)."""

    __tablename__ = "dev_mail"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(200), default="")
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ResidentContact(Base):
    """How a resident wants to hear that something changed. Keyed by BSN, like the cases it is about."""

    __tablename__ = "resident_contact"

    bsn: Mapped[str] = mapped_column(String(9), primary_key=True)
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")  # asked once when booking an appointment
    notify_by_email: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(8), default="nl")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    @property
    def wants_email(self) -> bool:
        return bool(self.email) and self.notify_by_email
