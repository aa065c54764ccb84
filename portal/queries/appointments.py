"""Reads for appointments: the catalogue, the schedule of a location, claims per slot, appointments."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import selectinload

from portal.appointments.scheduler import OpeningGrid, Rules, Slot
from portal.db import get_session, utcnow
from portal.i18n import local_today
from portal.models.appointments import Appointment, Hold, Location, OpeningException, Product, SlotClaim
from portal.queries.appointment_agenda import ProductView, opening_grid, product_view

OPEN = "gepland"
SLUG = re.compile(r"[a-z0-9-]{1,64}")
PUBLIC_ID = re.compile(r"[0-9a-f]{32}")


def products() -> list[Product]:
    return list(get_session().scalars(select(Product).order_by(Product.id)))


def product_by_slug(slug: str) -> Product | None:
    if not SLUG.fullmatch(slug or ""):  # what a URL may carry (a NUL would be an error on PostgreSQL)
        return None
    return get_session().scalar(select(Product).where(Product.slug == slug).options(selectinload(Product.locations)))


def product_for_booking(slug: str) -> ProductView | None:
    """The product and its places as plain values, for the booking steps (no ORM objects: cheaper)."""
    return product_view(slug) if SLUG.fullmatch(slug or "") else None


def location_by_slug(slug: str) -> Location | None:
    if not SLUG.fullmatch(slug or ""):
        return None
    return get_session().scalar(select(Location).where(Location.slug == slug))


def locations() -> list[Location]:
    return list(get_session().scalars(select(Location).order_by(Location.id)))


def rules_of(product) -> Rules:
    return Rules(
        duration_minutes=product.duration_minutes,
        capacity=product.capacity,
        extra_minutes=product.extra_minutes,
        lead_hours=product.lead_hours,
        horizon_days=product.horizon_days,
    )


_TAKEN = (
    select(SlotClaim.starts_at, func.count())
    .where(
        SlotClaim.location_id == bindparam("location"),
        SlotClaim.product_id == bindparam("product"),
        SlotClaim.starts_at >= bindparam("first"),
        SlotClaim.starts_at <= bindparam("last"),
        or_(SlotClaim.appointment_id.is_not(None), SlotClaim.expires_at > bindparam("now")),
    )
    .group_by(SlotClaim.starts_at)
)


def taken_counts(
    location_id: int, product_id: int, first: datetime, last: datetime, now: datetime | None = None
) -> dict[datetime, int]:
    """Live claims (booked, or held and not expired) per slot start between two UTC moments."""
    parameters = {"location": location_id, "product": product_id, "first": first, "last": last, "now": now or utcnow()}
    return dict(get_session().execute(_TAKEN, parameters).all())


def local_tomorrow() -> date:
    return local_today() + timedelta(days=1)


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """UTC moments around local days (Amsterdam is 1 or 2 hours ahead of UTC)."""
    return datetime.combine(first, time()) - timedelta(hours=2), datetime.combine(last + timedelta(days=1), time())


def grid_of(product, location, day: date) -> OpeningGrid:
    """What the agenda offers at this place for this product (an ORM object or a ProductView) on `day` and after."""
    return opening_grid(rules_of(product), location.id, min(day, local_today()))


def open_days(product, location, today: date, persons: int = 1) -> list[date]:
    """The days with a free time: the grid is kept per agenda content, the claims are counted live."""
    rules = rules_of(product)
    first, last = _bounds(today, today + timedelta(days=rules.horizon_days))
    taken = taken_counts(location.id, product.id, first, last)
    return grid_of(product, location, today).free_days(today, taken, utcnow(), persons)


def bookable_day(product, day: date) -> bool:
    """Whether residents may book on this day at all: from today up to the product's horizon. A day further
    ahead, typed into the address, offers no time (as the day step never links to it)."""
    today = local_today()
    return today <= day <= today + timedelta(days=rules_of(product).horizon_days)


def open_slots(product, location, day: date, persons: int = 1) -> list[Slot]:
    if not bookable_day(product, day):
        return []
    first, last = _bounds(day, day)
    taken = taken_counts(location.id, product.id, first, last)
    return grid_of(product, location, day).slots(day, taken, utcnow(), persons)


def hold_by_public_id(public_id: str, *, lock: bool = False) -> Hold | None:
    if not PUBLIC_ID.fullmatch(public_id or ""):
        return None
    query = select(Hold).where(Hold.public_id == public_id)
    if lock:
        query = query.with_for_update()
    return get_session().scalar(query)


def appointment_by_public_id(public_id: str) -> Appointment | None:
    if not PUBLIC_ID.fullmatch(public_id or ""):
        return None
    return get_session().scalar(select(Appointment).where(Appointment.public_id == public_id))


def lock_appointment(appointment: Appointment) -> None:
    """Wait for another request that is changing this appointment, then read it again (two tabs cancelling
    at once). SQLite needs no row lock: a writing request holds the one write lock (BEGIN IMMEDIATE)."""
    db = get_session()
    db.execute(select(Appointment.id).where(Appointment.id == appointment.id).with_for_update())
    db.refresh(appointment)


def appointment_by_id(appointment_id: int) -> Appointment | None:
    return get_session().get(Appointment, appointment_id)


def upcoming_of(bsn: str) -> list[Appointment]:
    """A resident's planned appointments that have not passed yet, soonest first."""
    return list(
        get_session().scalars(
            select(Appointment)
            .where(Appointment.bsn == bsn, Appointment.status == OPEN, Appointment.ends_at >= utcnow())
            .order_by(Appointment.starts_at)
        )
    )


def of_case(zaak_id: int) -> list[Appointment]:
    return list(
        get_session().scalars(select(Appointment).where(Appointment.zaak_id == zaak_id).order_by(Appointment.starts_at))
    )


def on_day(location_id: int, first: datetime, last: datetime) -> list[Appointment]:
    return list(
        get_session().scalars(
            select(Appointment)
            .where(
                Appointment.location_id == location_id,
                Appointment.starts_at >= first,
                Appointment.starts_at < last,
                Appointment.status != "geannuleerd",
            )
            .order_by(Appointment.starts_at)
        )
    )


def blocked_on(location_id: int, day: date) -> list[OpeningException]:
    return list(
        get_session().scalars(
            select(OpeningException).where(OpeningException.location_id == location_id, OpeningException.day == day)
        )
    )
