"""Holding, confirming, moving and cancelling appointments. Adds and flushes; never commits.

The database decides who gets a slot: a claim is an INSERT of the first free seat, and the UNIQUE key on
(location, product, start, seat) refuses a second claim of the same seat, on SQLite and on PostgreSQL.
There is no check-then-insert: the check below only picks which seats to try first.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.appointments.scheduler import Slot, local_of, units_for
from portal.db import utcnow
from portal.models.appointments import Appointment, Hold, Location, Product, SlotClaim
from portal.queries import appointments as queries

NINE_DIGITS = re.compile(r"\d{9}")


class BookingRefused(Exception):
    """A booking that cannot go ahead; `reason` is one of the names below, for the page to explain."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


TAKEN, EXPIRED, NOT_OFFERED, LIMIT = "taken", "expired", "not-offered", "limit"


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str = ""
    address: str = ""
    bsn: str | None = None
    language: str = "nl"


def _free_expired(db: Session, location_id: int, product_id: int, starts_at: datetime, now: datetime) -> None:
    db.execute(
        delete(SlotClaim).where(
            SlotClaim.location_id == location_id,
            SlotClaim.product_id == product_id,
            SlotClaim.starts_at == starts_at,
            SlotClaim.appointment_id.is_(None),
            SlotClaim.expires_at <= now,
        )
    )


def _claim_seat(db: Session, hold: Hold, starts_at: datetime, seats: int, now: datetime) -> bool:
    """Insert the first free seat of one slot for this hold. False when every seat is taken."""
    _free_expired(db, hold.location_id, hold.product_id, starts_at, now)
    used = set(
        db.scalars(
            select(SlotClaim.seat).where(
                SlotClaim.location_id == hold.location_id,
                SlotClaim.product_id == hold.product_id,
                SlotClaim.starts_at == starts_at,
            )
        )
    )
    for seat in [number for number in range(1, seats + 1) if number not in used] or range(1, seats + 1):
        try:
            with db.begin_nested():
                db.add(
                    SlotClaim(
                        location_id=hold.location_id,
                        product_id=hold.product_id,
                        starts_at=starts_at,
                        seat=seat,
                        hold_id=hold.id,
                        expires_at=hold.expires_at,
                    )
                )
        except IntegrityError:
            continue  # someone else got this seat a moment earlier: try the next one
        return True
    return False


def _slot_for(product: Product, location: Location, starts_at: datetime, persons: int) -> Slot:
    day = local_of(starts_at).date()
    for slot in queries.open_slots(product, location, day, persons):
        if slot.starts_at == starts_at:
            return slot
    raise BookingRefused(TAKEN if on_grid(product, location, starts_at, day) else NOT_OFFERED)


def on_grid(product: Product, location: Location, starts_at: datetime, day) -> bool:
    """Whether this is a time the agenda offers at all (free or not)."""
    if not queries.bookable_day(product, day):
        return False
    offered = queries.grid_of(product, location, day).slots(day, {}, utcnow(), 1)
    return any(slot.starts_at == starts_at for slot in offered)


def release_holds(db: Session, owner: str) -> None:
    """Free the unconfirmed holds of this browser (the resident went back to choose again)."""
    db.execute(delete(Hold).where(Hold.owner == owner, Hold.appointment_id.is_(None)))


def public_token() -> str:
    """A random id for links. Never nine digits in a row: the log redaction and the BSN scan would read a
    run that passes the 11-check as a BSN (about 1 in 200 random hex ids had one)."""
    while True:
        value = secrets.token_hex(16)
        if not NINE_DIGITS.search(value):
            return value


def hold_slot(
    db: Session,
    product: Product,
    location: Location,
    starts_at: datetime,
    *,
    persons: int,
    owner: str,
    zaak_id: int | None = None,
    return_to: str = "",
    replaces: Appointment | None = None,
) -> Hold:
    """Keep a time for a few minutes. Raises BookingRefused(TAKEN) when it is gone, NOT_OFFERED when it never was."""
    if persons < 1 or persons > product.max_persons or location not in product.locations:
        raise BookingRefused(NOT_OFFERED)
    if replaces is not None and replaces.product_id != product.id:
        raise BookingRefused(NOT_OFFERED)  # a move keeps what the appointment is for
    release_holds(db, owner)
    slot = _slot_for(product, location, starts_at, persons)
    now = utcnow()
    minutes = current_app.config["APPOINTMENT_HOLD_MINUTES"]
    seats = queries.rules_of(product).capacity
    try:
        with db.begin_nested():
            hold = Hold(
                public_id=public_token(),
                owner=owner,
                product_id=product.id,
                location_id=location.id,
                starts_at=starts_at,
                persons=persons,
                expires_at=now + timedelta(minutes=minutes),
                zaak_id=zaak_id,
                return_to=return_to,
                replaces_id=replaces.id if replaces else None,
            )
            db.add(hold)
            db.flush()
            for unit in slot.units:
                if not _claim_seat(db, hold, unit, seats, now):
                    raise BookingRefused(TAKEN)
    except IntegrityError as error:  # a claim raced us between the seat query and the insert
        raise BookingRefused(TAKEN) from error
    return hold


def _open_key(product: Product, bsn: str | None) -> str | None:
    return f"{product.id}:{bsn}" if product.one_open_per_resident and bsn else None


def _ends(hold: Hold) -> datetime:
    product = hold.product
    return hold.starts_at + timedelta(
        minutes=product.duration_minutes * units_for(queries.rules_of(product), hold.persons)
    )


def _check_hold_alive(db: Session, hold: Hold, now: datetime) -> None:
    live = db.scalar(select(SlotClaim.id).where(SlotClaim.hold_id == hold.id).limit(1))
    if hold.expires_at <= now or live is None:
        raise BookingRefused(EXPIRED)


def confirm_hold(db: Session, hold: Hold, contact: Contact, *, booked_by: str = "") -> Appointment:
    """Turn a hold into an appointment. Confirming a confirmed hold again returns the same appointment."""
    if hold.appointment_id:
        return db.get(Appointment, hold.appointment_id)
    _check_hold_alive(db, hold, utcnow())
    appointment = _move(db, hold) if hold.replaces_id else _new_appointment(db, hold, contact, booked_by)
    db.execute(
        update(SlotClaim)
        .where(SlotClaim.hold_id == hold.id)
        .values(appointment_id=appointment.id, hold_id=None, expires_at=None)
    )
    hold.appointment_id = appointment.id
    db.flush()
    return appointment


def _new_appointment(db: Session, hold: Hold, contact: Contact, booked_by: str) -> Appointment:
    appointment = Appointment(
        public_id=public_token(),
        product_id=hold.product_id,
        location_id=hold.location_id,
        starts_at=hold.starts_at,
        ends_at=_ends(hold),
        persons=hold.persons,
        bsn=contact.bsn,
        name=contact.name[:200],
        email=contact.email[:320],
        phone=contact.phone[:32],
        address=contact.address[:300],
        language=contact.language,
        zaak_id=hold.zaak_id,
        open_key=_open_key(hold.product, contact.bsn),
        booked_by=booked_by[:120],
    )
    try:
        with db.begin_nested():
            db.add(appointment)
    except IntegrityError as error:  # the open_key is taken: this resident already has an open appointment
        raise BookingRefused(LIMIT) from error
    return appointment


def _move(db: Session, hold: Hold) -> Appointment:
    """The same appointment at the new time: the old claims go only now, when the new ones are confirmed."""
    appointment = db.get(Appointment, hold.replaces_id)
    if appointment is None or appointment.status != queries.OPEN:
        raise BookingRefused(EXPIRED)
    db.execute(delete(SlotClaim).where(SlotClaim.appointment_id == appointment.id))
    appointment.location_id, appointment.starts_at, appointment.ends_at = hold.location_id, hold.starts_at, _ends(hold)
    appointment.reminder_queued_at = None
    return appointment


def cancel(db: Session, appointment: Appointment) -> bool:
    """Cancel and free the slot at once. False if it was not planned (cancelling twice changes nothing, also
    when the two come at the same moment: the row is locked and read again first)."""
    queries.lock_appointment(appointment)
    if appointment.status != queries.OPEN:
        return False
    appointment.status, appointment.open_key = "geannuleerd", None
    db.execute(delete(SlotClaim).where(SlotClaim.appointment_id == appointment.id))
    db.flush()
    return True


def finish(db: Session, appointment: Appointment, status: str) -> None:
    """Staff mark an appointment as done (afgerond) or as a no-show (niet-gekomen)."""
    if status not in ("afgerond", "niet-gekomen"):
        raise ValueError(status)
    appointment.status, appointment.open_key = status, None
    db.flush()


def cleanup_expired(db: Session) -> int:
    """Delete holds (and their claims) that expired without being confirmed. Returns how many."""
    result = db.execute(delete(Hold).where(Hold.appointment_id.is_(None), Hold.expires_at <= utcnow()))
    db.execute(delete(SlotClaim).where(SlotClaim.appointment_id.is_(None), SlotClaim.expires_at <= utcnow()))
    return result.rowcount or 0
