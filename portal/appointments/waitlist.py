""" "Earlier, please": when a time frees up, the first resident in line whose appointment at that place is later
gets an email with a link; the time is held for them (a normal hold, so nobody else can take it) for
APPOINTMENT_OFFER_MINUTES. Taken: their appointment moves (a move: the old time is freed, which may offer
that one to the next in line). Not taken in time: `expire_offers()` (run by `flask appointment-cleanup`)
puts them back at the end of the line and offers the time to the next one. Adds and flushes only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.appointments import booking, emails
from portal.db import utcnow
from portal.models.appointments import Appointment, Hold, Location, SlotClaim, WaitlistEntry

WAITING, OFFERED, DONE = "wachtend", "aangeboden", "klaar"
OFFER = emails.EARLIER


@dataclass(frozen=True)
class Freed:
    location_id: int
    product_id: int
    starts_at: datetime

    @classmethod
    def of(cls, item) -> Freed:
        return cls(item.location_id, item.product_id, item.starts_at)


def join(db: Session, appointment: Appointment) -> WaitlistEntry:
    """Put this appointment in line (once: asking again changes nothing)."""
    entry = db.scalar(select(WaitlistEntry).where(WaitlistEntry.appointment_id == appointment.id))
    if entry is None:
        entry = WaitlistEntry(
            appointment_id=appointment.id, location_id=appointment.location_id, product_id=appointment.product_id
        )
        db.add(entry)
        db.flush()
    return entry


def entry_of(db: Session, appointment: Appointment) -> WaitlistEntry | None:
    return db.scalar(select(WaitlistEntry).where(WaitlistEntry.appointment_id == appointment.id))


def _next_in_line(db: Session, freed: Freed, skip: set[int]):
    return db.scalars(
        select(WaitlistEntry)
        .join(Appointment, WaitlistEntry.appointment_id == Appointment.id)
        .where(
            WaitlistEntry.location_id == freed.location_id,
            WaitlistEntry.product_id == freed.product_id,
            WaitlistEntry.status == WAITING,
            Appointment.status == "gepland",
            Appointment.starts_at > freed.starts_at,
            WaitlistEntry.id.not_in(skip or {0}),
        )
        .order_by(WaitlistEntry.queued_at, WaitlistEntry.id)
    ).first()


def slot_freed(db: Session, freed: Freed, skip: set[int] | None = None) -> WaitlistEntry | None:
    """Offer a time that came free to the first resident in line for it. Returns the entry offered to."""
    skip = set(skip or ())
    location = db.get(Location, freed.location_id)
    while (entry := _next_in_line(db, freed, skip)) is not None:
        skip.add(entry.id)
        appointment = entry.appointment
        try:
            hold = booking.hold_slot(
                db,
                appointment.product,
                location,
                freed.starts_at,
                persons=appointment.persons,
                owner=f"wachtlijst:{entry.id}",
                replaces=appointment,
            )
        except booking.BookingRefused:
            continue  # this time does not fit them (more people), or it is gone: try the next one
        hold.expires_at = utcnow() + timedelta(minutes=current_app.config["APPOINTMENT_OFFER_MINUTES"])
        _sync_claim_expiry(db, hold)
        entry.status, entry.hold_id = OFFERED, hold.id
        emails.queue(db, appointment, OFFER)
        db.flush()
        return entry
    return None


def _sync_claim_expiry(db: Session, hold: Hold) -> None:
    db.execute(update(SlotClaim).where(SlotClaim.hold_id == hold.id).values(expires_at=hold.expires_at))


def offer_for(db: Session, appointment: Appointment) -> Hold | None:
    """The time currently offered to this appointment's resident, if it is still held for them."""
    entry = entry_of(db, appointment)
    if entry is None or entry.status != OFFERED or entry.hold_id is None:
        return None
    hold = db.get(Hold, entry.hold_id)
    return hold if hold and hold.expires_at > utcnow() and not hold.appointment_id else None


def accept(db: Session, appointment: Appointment) -> Appointment:
    """Take the offered time: the appointment moves there and its old time is offered on in turn."""
    hold = offer_for(db, appointment)
    if hold is None:
        raise booking.BookingRefused(booking.EXPIRED)
    old = Freed.of(appointment)
    moved = booking.confirm_hold(db, hold, booking.Contact(name="", email=""))
    entry_of(db, appointment).status = DONE
    emails.queue(db, moved, emails.MOVED)
    slot_freed(db, old)
    return moved


def expire_offers(db: Session) -> int:
    """Offers not taken in time: back to the end of the line, and the time goes to the next one."""
    rows = db.execute(
        select(WaitlistEntry, Hold)
        .join(Hold, WaitlistEntry.hold_id == Hold.id)
        .where(WaitlistEntry.status == OFFERED, Hold.expires_at <= utcnow(), Hold.appointment_id.is_(None))
    ).all()
    for entry, hold in rows:
        freed = Freed.of(hold)
        entry.status, entry.hold_id, entry.queued_at = WAITING, None, utcnow()
        db.delete(hold)
        db.flush()
        slot_freed(db, freed, skip={entry.id})
    return len(rows)
