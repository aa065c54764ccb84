"""Appointments: the scheduler as data (locations, opening blocks, exceptions, products), holds, claims and
appointments.

Slots are never stored. A booked or held slot is a `SlotClaim` row, and the UNIQUE key on
(location, product, start, seat) is what makes a double booking impossible: a slot with capacity N has
seats 1..N, and a claim inserts the first free seat. All datetimes are naive UTC; local times (opening
hours) are wall-clock times in Europe/Amsterdam.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow

product_location = Table(
    "appointment_product_location",
    Base.metadata,
    Column("product_id", ForeignKey("appointment_product.id", ondelete="CASCADE"), primary_key=True),
    Column("location_id", ForeignKey("appointment_location.id", ondelete="CASCADE"), primary_key=True),
)


class Location(Base):
    """A desk, a service point, or "at home" (`is_home`: staff visit the resident's address)."""

    __tablename__ = "appointment_location"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    accessibility: Mapped[str] = mapped_column(Text, default="")
    accessibility_en: Mapped[str] = mapped_column(Text, default="")
    is_home: Mapped[bool] = mapped_column(Boolean, default=False)
    blocks: Mapped[list[OpeningBlock]] = relationship(
        back_populates="location", cascade="all, delete-orphan", order_by="OpeningBlock.weekday, OpeningBlock.starts"
    )
    exceptions: Mapped[list[OpeningException]] = relationship(
        back_populates="location", cascade="all, delete-orphan", order_by="OpeningException.day"
    )


class OpeningBlock(Base):
    """Open on a weekday (0 = Monday) from `starts` to `ends`, with `desks` staff serving at once."""

    __tablename__ = "appointment_opening_block"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("appointment_location.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)
    desks: Mapped[int] = mapped_column(Integer, default=1)
    location: Mapped[Location] = relationship(back_populates="blocks")


class OpeningException(Base):
    """One day that differs: `closed` (the whole day without times, else that time range: illness, a
    closure) or `open` (an extra opening, such as an evening, with `desks`)."""

    __tablename__ = "appointment_opening_exception"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("appointment_location.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(8))  # "closed" or "open"
    starts: Mapped[time | None] = mapped_column(Time, nullable=True)
    ends: Mapped[time | None] = mapped_column(Time, nullable=True)
    desks: Mapped[int] = mapped_column(Integer, default=1)
    reason: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[Location] = relationship(back_populates="exceptions")


class Product(Base):
    """What an appointment is for. `extra_minutes` is added per extra person; `capacity` is how many
    appointments can run at the same time (never more than the desks that are open)."""

    __tablename__ = "appointment_product"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    duration_minutes: Mapped[int] = mapped_column(Integer)
    extra_minutes: Mapped[int] = mapped_column(Integer, default=0)
    max_persons: Mapped[int] = mapped_column(Integer, default=1)
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    bring: Mapped[str] = mapped_column(Text, default="")
    bring_en: Mapped[str] = mapped_column(Text, default="")
    at_home: Mapped[bool] = mapped_column(Boolean, default=False)
    login_required: Mapped[bool] = mapped_column(Boolean, default=True)
    lead_hours: Mapped[int] = mapped_column(Integer, default=24)
    horizon_days: Mapped[int] = mapped_column(Integer, default=60)
    one_open_per_resident: Mapped[bool] = mapped_column(Boolean, default=False)
    locations: Mapped[list[Location]] = relationship(secondary=product_location, order_by="Location.id")


class Hold(Base):
    """A time kept for a resident while they check their details. `public_id` is random; `owner` ties it to
    the browser session that made it. Once confirmed, `appointment_id` is set, so confirming twice shows
    the same appointment. `replaces_id`: a move, which frees the old slot only when this one is confirmed."""

    __tablename__ = "appointment_hold"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    owner: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[int] = mapped_column(ForeignKey("appointment_product.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("appointment_location.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    persons: Mapped[int] = mapped_column(Integer, default=1)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id", ondelete="SET NULL"), nullable=True)
    return_to: Mapped[str] = mapped_column(String(300), default="")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id", ondelete="SET NULL"), nullable=True)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id", ondelete="SET NULL"), nullable=True)
    product: Mapped[Product] = relationship()
    location: Mapped[Location] = relationship()


class Appointment(Base):
    """A booked appointment. `open_key` is set while it is planned and the product allows one open
    appointment per resident: its UNIQUE constraint enforces that limit in the database."""

    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("appointment_product.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("appointment_location.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    persons: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="gepland")  # gepland, geannuleerd, afgerond, niet-gekomen
    bsn: Mapped[str | None] = mapped_column(String(9), nullable=True, index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str] = mapped_column(String(8), default="nl")
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id", ondelete="SET NULL"), nullable=True)
    open_key: Mapped[str | None] = mapped_column(String(80), nullable=True, unique=True)
    booked_by: Mapped[str] = mapped_column(String(120), default="")  # a staff member's name, or empty
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reminder_queued_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    product: Mapped[Product] = relationship()
    location: Mapped[Location] = relationship()


class SlotClaim(Base):
    """One seat of one slot, held (`hold_id`, `expires_at`) or booked (`appointment_id`). A claim whose hold
    expired is deleted by the next insert for that slot or by `flask appointment-cleanup`."""

    __tablename__ = "appointment_slot_claim"
    __table_args__ = (UniqueConstraint("location_id", "product_id", "starts_at", "seat", name="uq_slot_claim_seat"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("appointment_location.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("appointment_product.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    seat: Mapped[int] = mapped_column(Integer)
    hold_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment_hold.id", ondelete="CASCADE"), nullable=True, index=True
    )
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment.id", ondelete="CASCADE"), nullable=True, index=True
    )
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class AppointmentNotice(Base):
    """Which appointment an outbox email is about, so the email can be built at send time."""

    __tablename__ = "appointment_notice"

    outbox_message_id: Mapped[int] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="CASCADE"), primary_key=True
    )
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id", ondelete="CASCADE"), index=True)


class DevMailAttachment(Base):
    """An attachment of an email in the development mailbox: text (the ICS file) in `content`, or bytes (the
    PDF receipt of an e-form) in `data`."""

    __tablename__ = "dev_mail_attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dev_mail_id: Mapped[int] = mapped_column(ForeignKey("dev_mail.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(120))
    content_type: Mapped[str] = mapped_column(String(80))
    content: Mapped[str] = mapped_column(Text)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class WaitlistEntry(Base):
    """ "Earlier, please": tell this appointment's resident when an earlier time frees up at the same place.
    One entry per appointment. `hold_id` is the time currently offered (held for them) while `status` is
    "aangeboden"; the first in line (oldest `queued_at`) gets the next offer."""

    __tablename__ = "appointment_waitlist"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id", ondelete="CASCADE"), unique=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("appointment_location.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("appointment_product.id", ondelete="CASCADE"))
    queued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="wachtend")  # wachtend, aangeboden, klaar
    hold_id: Mapped[int | None] = mapped_column(ForeignKey("appointment_hold.id", ondelete="SET NULL"), nullable=True)
    appointment: Mapped[Appointment] = relationship()
