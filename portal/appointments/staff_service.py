"""What staff do with the agenda: mark an appointment, block a time, book for a caller, change opening hours.
Adds and flushes; the request commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.appointments import booking, emails
from portal.appointments.scheduler import to_utc
from portal.models.appointments import Appointment, Location, OpeningBlock, OpeningException


@dataclass(frozen=True)
class Block:
    day: date
    starts: time
    ends: time
    reason: str


def block_time(db: Session, location: Location, block: Block) -> list[Appointment]:
    """Close a time range (illness, a closure). Planned appointments in it are cancelled and the residents
    get an email. Returns those appointments."""
    db.add(
        OpeningException(
            location_id=location.id,
            day=block.day,
            kind="closed",
            starts=block.starts,
            ends=block.ends,
            reason=block.reason[:200],
        )
    )
    first, last = to_utc(block.day, block.starts), to_utc(block.day, block.ends)
    affected = list(
        db.scalars(
            select(Appointment).where(
                Appointment.location_id == location.id,
                Appointment.status == "gepland",
                Appointment.starts_at < last,
                Appointment.ends_at > first,
            )
        )
    )
    for appointment in affected:
        booking.cancel(db, appointment)
        emails.queue(db, appointment, emails.CANCELLED_BY_US)
    db.flush()
    return affected


def set_weekday_hours(
    db: Session, location: Location, weekday: int, starts: time | None, ends: time | None, desks: int
) -> None:
    """Set the opening hours of one weekday: the new block replaces the blocks it overlaps (a Thursday morning
    change keeps the Thursday evening); no times closes that weekday. Booked appointments stay."""
    same_day = delete(OpeningBlock).where(OpeningBlock.location_id == location.id, OpeningBlock.weekday == weekday)
    if starts and ends:
        same_day = same_day.where(OpeningBlock.starts < ends, OpeningBlock.ends > starts)
    db.execute(same_day)
    if starts and ends:
        db.add(OpeningBlock(location_id=location.id, weekday=weekday, starts=starts, ends=ends, desks=desks))
    db.flush()
    db.expire(location, ["blocks"])


def book_for_caller(
    db: Session, product, location, starts_at: datetime, contact: booking.Contact, staff_name: str, owner: str
) -> Appointment:
    """KCC at the phone: hold and confirm in one go, recorded as booked by this staff member."""
    hold = booking.hold_slot(db, product, location, starts_at, persons=1, owner=owner)
    appointment = booking.confirm_hold(db, hold, contact, booked_by=staff_name)
    emails.queue(db, appointment, emails.CONFIRMED)
    return appointment
