"""A small agenda for appointment tests: one desk open every day 09:00-12:00, one product."""

from __future__ import annotations

from datetime import time

from portal.appointments.booking import Contact
from portal.models.appointments import Location, OpeningBlock, Product
from portal.queries import appointments as queries

SUZANNE = "999993653"


def make_agenda(
    db,
    *,
    slug: str = "test",
    capacity: int = 1,
    desks: int = 3,
    one_open: bool = False,
    lead_hours: int = 0,
    duration: int = 15,
    window: tuple[time, time] = (time(9), time(12)),
    login_required: bool = True,
    extra_minutes: int = 0,
    max_persons: int = 1,
    horizon_days: int = 30,
):
    location = Location(
        slug=f"{slug}-loket",
        name="Testloket",
        name_en="Test desk",
        address="Markt 1, Voorbeeld",
        blocks=[OpeningBlock(weekday=day, starts=window[0], ends=window[1], desks=desks) for day in range(7)],
    )
    product = Product(
        slug=f"{slug}-product",
        name="Testafspraak",
        name_en="Test appointment",
        duration_minutes=duration,
        capacity=capacity,
        one_open_per_resident=one_open,
        lead_hours=lead_hours,
        horizon_days=horizon_days,
        login_required=login_required,
        bring="Neem uw paspoort mee.",
        bring_en="Bring your passport.",
        locations=[location],
        extra_minutes=extra_minutes,
        max_persons=max_persons,
    )
    db.add_all([location, product])
    db.flush()
    return product, location


def first_slot(product, location, persons: int = 1):
    """The first free slot from tomorrow on (today's may pass while a test runs)."""
    days = queries.open_days(product, location, queries.local_tomorrow(), persons)
    return queries.open_slots(product, location, days[0], persons)[0]


def contact(bsn: str | None = SUZANNE, email: str = "suzanne@example.nl") -> Contact:
    return Contact(name="Suzanne Moulin", email=email, phone="0612345678", bsn=bsn)
