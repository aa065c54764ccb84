"""50 residents press "confirm" for the last free time at the same moment: the database lets exactly one
(or, with capacity 3, exactly three) through. Real commits on separate connections, so PostgreSQL only; CI's
PostgreSQL run executes it."""

from __future__ import annotations

import os
import threading
import uuid
from collections import Counter
from datetime import time

import pytest
from sqlalchemy import create_engine, delete, select

from portal import create_app
from portal.appointments import booking
from portal.db import get_session
from portal.models.appointments import Appointment, Hold, Location, Product, SlotClaim
from portal.queries import appointments as queries
from tests.support.appointments import contact, first_slot, make_agenda

pytestmark = pytest.mark.postgres
URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
THREADS, ROUNDS = 50, 20


@pytest.fixture(scope="module")
def race_app(db_engine):  # db_engine: the test database migrated, also when this module runs alone
    if not URL.startswith("postgresql"):
        pytest.skip("needs PostgreSQL: SQLite serialises every writer, there is no race to lose")
    # A connection per thread: with fewer, threads waiting at the barrier would hold all of them.
    engine = create_engine(URL, pool_size=THREADS + 5, max_overflow=0)
    app = create_app("test", {"DB_ENGINE": engine, "DATABASE_URL": URL})
    yield app
    engine.dispose()


def _agenda(app, capacity: int) -> str:
    slug = f"race-{uuid.uuid4().hex[:8]}"
    with app.app_context():
        # One 15-minute time a day: each round books "the last free time" of a day.
        make_agenda(get_session(), slug=slug, capacity=capacity, desks=capacity, window=(time(9), time(9, 15)))
        get_session().commit()  # test setup commits its own work (the teardown only closes the session)
    return slug


def _attempt(app, slug: str, starts_at, barrier: threading.Barrier, results: list) -> None:
    with app.app_context():
        db = get_session()
        product = queries.product_by_slug(f"{slug}-product")
        location = queries.location_by_slug(f"{slug}-loket")
        barrier.wait()
        try:
            hold = booking.hold_slot(db, product, location, starts_at, persons=1, owner=uuid.uuid4().hex)
            booking.confirm_hold(db, hold, contact(bsn=None))
            db.commit()
            results.append("booked")
        except booking.BookingRefused as refused:
            db.rollback()
            results.append(f"refused:{refused.reason}")
        except Exception as error:  # noqa: BLE001 — counting, not hiding: the test asserts there are none
            db.rollback()
            results.append(f"error:{type(error).__name__}:{error}")


def _round(app, slug: str) -> Counter:
    with app.app_context():
        slot = first_slot(queries.product_by_slug(f"{slug}-product"), queries.location_by_slug(f"{slug}-loket"))
    barrier, results = threading.Barrier(THREADS, timeout=30), []
    threads = [
        threading.Thread(target=_attempt, args=(app, slug, slot.starts_at, barrier, results)) for _ in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    with app.app_context():
        booked = get_session().scalars(
            select(Appointment.id).where(
                Appointment.starts_at == slot.starts_at,
                Appointment.location_id == queries.location_by_slug(f"{slug}-loket").id,
            )
        )
        results.append(f"rows:{len(booked.all())}")
    return Counter(results)


def _cleanup(app, slug: str) -> None:
    with app.app_context():
        db = get_session()
        product, location = queries.product_by_slug(f"{slug}-product"), queries.location_by_slug(f"{slug}-loket")
        db.execute(delete(SlotClaim).where(SlotClaim.product_id == product.id))
        db.execute(delete(Hold).where(Hold.product_id == product.id))
        db.execute(delete(Appointment).where(Appointment.product_id == product.id))
        db.execute(delete(Product).where(Product.id == product.id))
        db.execute(delete(Location).where(Location.id == location.id))
        db.commit()


@pytest.mark.parametrize("capacity", [1, 3])
def test_fifty_bookings_of_the_last_free_time_give_exactly_capacity_winners(race_app, capacity):
    slug = _agenda(race_app, capacity)
    try:
        for _ in range(ROUNDS):
            outcome = _round(race_app, slug)
            errors = [key for key in outcome if key.startswith("error")]
            assert errors == [], errors
            assert outcome["booked"] == capacity and outcome[f"rows:{capacity}"] == 1
            assert outcome["refused:taken"] == THREADS - capacity
    finally:
        _cleanup(race_app, slug)
