"""Holding, confirming, moving and cancelling, with the database guarding every seat (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.appointments import booking, emails
from portal.appointments.booking import LIMIT, NOT_OFFERED, TAKEN, BookingRefused
from portal.db import get_session, utcnow
from portal.models.appointments import Hold, SlotClaim
from portal.models.notifications import OutboxMessage
from portal.notifications import compose
from tests.support.appointments import contact, first_slot, make_agenda


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield get_session()


def _book(db, product, location, slot, owner="browser-a", bsn="999993653"):
    hold = booking.hold_slot(db, product, location, slot.starts_at, persons=1, owner=owner)
    return booking.confirm_hold(db, hold, contact(bsn=bsn))


def test_a_booked_seat_cannot_be_held_again(ctx):
    product, location = make_agenda(ctx)
    slot = first_slot(product, location)
    _book(ctx, product, location, slot)
    with pytest.raises(BookingRefused) as refused:
        booking.hold_slot(ctx, product, location, slot.starts_at, persons=1, owner="browser-b")
    assert refused.value.reason == TAKEN


def test_the_database_refuses_a_second_claim_of_the_same_seat(ctx):
    from sqlalchemy.exc import IntegrityError

    product, location = make_agenda(ctx)
    slot = first_slot(product, location)
    ctx.add(SlotClaim(location_id=location.id, product_id=product.id, starts_at=slot.starts_at, seat=1))
    ctx.flush()
    with pytest.raises(IntegrityError), ctx.begin_nested():
        ctx.add(SlotClaim(location_id=location.id, product_id=product.id, starts_at=slot.starts_at, seat=1))
        ctx.flush()


def test_capacity_three_gives_three_seats_and_then_refuses(ctx):
    product, location = make_agenda(ctx, capacity=3)
    slot = first_slot(product, location)
    for number in range(3):
        _book(ctx, product, location, slot, owner=f"browser-{number}", bsn=None)
    seats = ctx.scalars(
        select(SlotClaim.seat).where(SlotClaim.starts_at == slot.starts_at, SlotClaim.product_id == product.id)
    ).all()
    assert sorted(seats) == [1, 2, 3]
    with pytest.raises(BookingRefused):
        booking.hold_slot(ctx, product, location, slot.starts_at, persons=1, owner="browser-9")


def test_an_expired_hold_frees_the_seat_for_the_next_resident(ctx):
    product, location = make_agenda(ctx)
    slot = first_slot(product, location)
    stale = booking.hold_slot(ctx, product, location, slot.starts_at, persons=1, owner="browser-a")
    stale.expires_at = utcnow() - timedelta(seconds=1)
    ctx.execute(SlotClaim.__table__.update().where(SlotClaim.hold_id == stale.id).values(expires_at=stale.expires_at))
    fresh = booking.hold_slot(ctx, product, location, slot.starts_at, persons=1, owner="browser-b")
    assert booking.confirm_hold(ctx, fresh, contact()).starts_at == slot.starts_at
    with pytest.raises(BookingRefused) as refused:
        booking.confirm_hold(ctx, stale, contact())
    assert refused.value.reason == booking.EXPIRED


def test_confirming_twice_gives_the_same_appointment(ctx):
    product, location = make_agenda(ctx)
    hold = booking.hold_slot(ctx, product, location, first_slot(product, location).starts_at, persons=1, owner="a")
    first = booking.confirm_hold(ctx, hold, contact())
    assert booking.confirm_hold(ctx, hold, contact()).id == first.id


def test_one_open_passport_appointment_per_resident(ctx):
    product, location = make_agenda(ctx, one_open=True)
    slots = first_slot(product, location), None
    first = _book(ctx, product, location, slots[0])
    second_slot = [s for s in booking.queries.open_slots(product, location, slots[0].local.date())][0]
    hold = booking.hold_slot(ctx, product, location, second_slot.starts_at, persons=1, owner="b")
    with pytest.raises(BookingRefused) as refused:
        booking.confirm_hold(ctx, hold, contact())
    assert refused.value.reason == LIMIT
    booking.cancel(ctx, first)
    hold = booking.hold_slot(ctx, product, location, second_slot.starts_at, persons=1, owner="b")
    assert booking.confirm_hold(ctx, hold, contact()).status == "gepland"


def test_a_time_that_is_not_on_the_agenda_is_refused(ctx):
    product, location = make_agenda(ctx)
    odd = first_slot(product, location).starts_at + timedelta(minutes=7)
    with pytest.raises(BookingRefused) as refused:
        booking.hold_slot(ctx, product, location, odd, persons=1, owner="a")
    assert refused.value.reason == NOT_OFFERED


def test_moving_keeps_the_old_slot_until_the_new_one_is_confirmed(ctx):
    product, location = make_agenda(ctx)
    old_slot = first_slot(product, location)
    appointment = _book(ctx, product, location, old_slot)
    new_slot = first_slot(product, location)
    hold = booking.hold_slot(ctx, product, location, new_slot.starts_at, persons=1, owner="a", replaces=appointment)
    with pytest.raises(BookingRefused):  # the old one is still taken while the move is not confirmed
        booking.hold_slot(ctx, product, location, old_slot.starts_at, persons=1, owner="c")
    moved = booking.confirm_hold(ctx, hold, contact())
    assert moved.id == appointment.id and moved.starts_at == new_slot.starts_at
    booking.hold_slot(ctx, product, location, old_slot.starts_at, persons=1, owner="c")  # free again


def test_a_cancelled_slot_is_free_at_once(ctx):
    product, location = make_agenda(ctx)
    slot = first_slot(product, location)
    appointment = _book(ctx, product, location, slot)
    assert booking.cancel(ctx, appointment) and not booking.cancel(ctx, appointment)
    assert first_slot(product, location).starts_at == slot.starts_at


def test_an_extra_person_takes_two_times_in_a_row(ctx):
    product, location = make_agenda(ctx, extra_minutes=10, max_persons=3)
    slot = first_slot(product, location, persons=2)
    hold = booking.hold_slot(ctx, product, location, slot.starts_at, persons=2, owner="a")
    assert ctx.scalar(select(func.count()).select_from(SlotClaim).where(SlotClaim.hold_id == hold.id)) == 2
    appointment = booking.confirm_hold(ctx, hold, contact())
    assert appointment.ends_at - appointment.starts_at == timedelta(minutes=30)


def test_going_back_releases_the_earlier_hold_of_the_same_browser(ctx):
    product, location = make_agenda(ctx)
    slot = first_slot(product, location)
    booking.hold_slot(ctx, product, location, slot.starts_at, persons=1, owner="a")
    booking.hold_slot(ctx, product, location, slot.starts_at, persons=1, owner="a")
    assert ctx.scalar(select(func.count()).select_from(Hold).where(Hold.owner == "a")) == 1


def test_the_confirmation_email_has_the_facts_an_ics_file_and_no_bsn(ctx):
    product, location = make_agenda(ctx)
    appointment = _book(ctx, product, location, first_slot(product, location))
    message = emails.queue(ctx, appointment, emails.CONFIRMED)
    outgoing = compose(message)
    assert "Testloket" in outgoing.body and "Neem uw paspoort mee." in outgoing.body
    assert "/afspraak/verzetten/" in outgoing.body and "999993653" not in outgoing.body
    (ics,) = outgoing.attachments
    assert "TZID=Europe/Amsterdam" in ics.content and "BEGIN:VTIMEZONE" in ics.content
    assert "999993653" not in ics.content and "Suzanne" not in outgoing.body + ics.content


def test_reminders_are_queued_once_per_appointment(ctx):
    product, location = make_agenda(ctx)
    slot = first_slot(product, location)
    _book(ctx, product, location, slot)
    the_day_before = slot.starts_at - timedelta(days=1)
    assert emails.queue_reminders(ctx, now=the_day_before) == 1
    assert emails.queue_reminders(ctx, now=the_day_before) == 0
    kinds = ctx.scalars(select(OutboxMessage.kind).where(OutboxMessage.kind == emails.REMINDER)).all()
    assert kinds == [emails.REMINDER]


def test_cleanup_frees_expired_holds(ctx):
    product, location = make_agenda(ctx)
    hold = booking.hold_slot(ctx, product, location, first_slot(product, location).starts_at, persons=1, owner="a")
    hold.expires_at = utcnow() - timedelta(minutes=1)
    ctx.flush()
    assert booking.cleanup_expired(ctx) == 1
