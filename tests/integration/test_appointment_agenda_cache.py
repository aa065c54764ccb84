"""The kept opening grid (portal/queries/appointment_agenda.py) is never stale: an agenda change and a booking
show at once on the day step and the time step, also while the grid is kept."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, time

import pytest
from flask import url_for
from sqlalchemy import select

from portal.appointments import booking, flow, staff_service
from portal.db import get_session
from portal.models.appointments import Hold, Location, OpeningException, Product
from portal.queries import appointments as queries
from portal.queries.appointment_agenda import PlaceView, ProductView
from tests.support.appointments import first_slot, make_agenda
from tests.support.forms import csrf_token


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield get_session()


def _days_page(client, product, location) -> str:
    return client.get(f"/afspraak-maken/{product.slug}/{location.slug}").get_data(as_text=True)


def _times_url(product, location, day: date) -> str:
    return f"/afspraak-maken/{product.slug}/{location.slug}/{day.isoformat()}"


def test_a_new_exception_closes_the_day_at_once_while_the_grid_is_kept(ctx):
    product, location = make_agenda(ctx, slug="kc1")
    day = first_slot(product, location).local.date()
    assert day in queries.open_days(product, location, queries.local_tomorrow())  # the grid is kept now
    ctx.add(OpeningException(location_id=location.id, day=day, kind="closed", reason="Verbouwing"))
    ctx.flush()
    assert day not in queries.open_days(product, location, queries.local_tomorrow())
    assert queries.open_slots(product, location, day) == []


def test_changed_opening_hours_and_a_changed_product_show_at_once(ctx):
    product, location = make_agenda(ctx, slug="kc2", capacity=1)
    slot = first_slot(product, location)
    day = slot.local.date()
    assert slot.local.strftime("%H:%M") == "09:00" and slot.free == 1
    staff_service.set_weekday_hours(ctx, location, day.weekday(), time(13), time(14), desks=2)
    assert [s.local.strftime("%H:%M") for s in queries.open_slots(product, location, day)][:1] == ["09:00"]
    # the new block replaced only what it overlaps; the morning stays, the afternoon is new
    assert "13:00" in [s.local.strftime("%H:%M") for s in queries.open_slots(product, location, day)]
    product.capacity, product.duration_minutes = 2, 30
    ctx.flush()
    afternoon = [s for s in queries.open_slots(product, location, day) if s.local.hour == 13]
    assert [s.local.strftime("%H:%M") for s in afternoon] == ["13:00", "13:30"] and afternoon[0].free == 2


def test_a_booking_that_fills_the_day_takes_it_off_the_day_step_at_once(client, login, app, db):
    product, location = make_agenda(db, slug="kc3", capacity=1, window=(time(9), time(9, 15)))
    login()
    with app.test_request_context():
        slot = first_slot(product, location)
    day = slot.local.date()
    assert _times_url(product, location, day) in _days_page(client, product, location)  # the grid is kept now
    url = _times_url(product, location, day)
    held = client.post(url, data={"csrf_token": csrf_token(client, url), "time": slot.starts_at.isoformat()})
    assert held.status_code == 302  # the one time of that day is held: a seat is claimed in the database
    assert _times_url(product, location, day) not in _days_page(client, product, location)
    times = client.get(url).get_data(as_text=True)
    assert "Op deze dag is geen tijd meer vrij. Kies een andere dag." in times
    with app.test_request_context():  # the hold is released (the resident went back): the day is free again
        booking.release_holds(get_session(), db.scalar(select(Hold.owner).where(Hold.product_id == product.id)))
        get_session().commit()
    assert _times_url(product, location, day) in _days_page(client, product, location)


def test_the_time_step_of_a_day_after_the_clock_change_follows_the_clock(ctx):
    product, location = make_agenda(ctx, slug="kc4", duration=60, window=(time(0), time(3, 30)), horizon_days=400)
    autumn = [s.local.strftime("%H:%M") for s in queries.open_slots(product, location, date(2027, 10, 31))]
    assert autumn == ["00:00", "01:00", "02:00"]
    assert [s.starts_at.hour for s in queries.open_slots(product, location, date(2027, 10, 31))] == [22, 23, 0]
    easter = date(2027, 3, 28)  # Easter Sunday: closed, unless staff open it
    assert queries.open_slots(product, location, easter) == []
    ctx.add(OpeningException(location_id=location.id, day=easter, kind="open", starts=time(0), ends=time(4)))
    ctx.flush()
    assert [s.local.strftime("%H:%M") for s in queries.open_slots(product, location, easter)] == [
        "00:00",
        "01:00",
        "03:00",
    ]


def test_the_booking_steps_read_every_column_of_product_and_place(ctx):
    product, location = make_agenda(ctx, slug="kc5")
    assert {item.name for item in fields(ProductView)} - {"locations"} == set(Product.__table__.c.keys())
    assert {item.name for item in fields(PlaceView)} == set(Location.__table__.c.keys())
    view = queries.product_for_booking(product.slug)
    assert (view.id, view.name_en, view.capacity, view.locations[0].slug) == (
        product.id,
        "Test appointment",
        1,
        location.slug,
    )
    assert queries.product_for_booking("bestaat-niet") is None and queries.product_for_booking("x\x00") is None


def test_the_day_links_are_the_addresses_url_for_gives(ctx):
    product, location = make_agenda(ctx, slug="kc6")
    link = flow.day_link(product, location, 3)
    for day in (date(2026, 12, 2), date(2027, 1, 31)):
        expected = url_for(
            "appointments.times",
            product_slug=product.slug,
            location_slug=location.slug,
            day=day.isoformat(),
            personen=3,
        )
        assert link(day) == expected


def test_the_kept_day_labels_and_week_headings_follow_the_language(client, db):
    product, location = make_agenda(db, slug="kc7", login_required=False)
    dutch = _days_page(client, product, location)
    client.set_cookie("taal", "en")
    english = _days_page(client, product, location)
    assert "Week van " in dutch and "Week of " in english and "Week van " not in english
    weekdays = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
    assert any(f">{name} " in dutch for name in weekdays) and not any(f">{name} " in english for name in weekdays)
    assert any(f">{name} " in english for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"))
