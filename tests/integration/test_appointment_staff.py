"""The staff agenda: the day per location, done / no-show, blocking a time, opening hours, booking for a caller."""

from __future__ import annotations

from sqlalchemy import select

from portal.appointments import booking
from portal.appointments.agenda import sync_agenda
from portal.db import get_session
from portal.models.appointments import Appointment, OpeningBlock
from portal.models.notifications import OutboxMessage
from tests.support.appointments import contact, first_slot, make_agenda
from tests.support.forms import csrf_token

CHRISTINA = "999995078"


def _booked(app, db, **agenda):
    product, location = make_agenda(db, **agenda)
    with app.test_request_context():
        slot = first_slot(product, location)
        hold = booking.hold_slot(get_session(), product, location, slot.starts_at, persons=1, owner="x")
        appointment = booking.confirm_hold(get_session(), hold, contact())
        get_session().commit()  # test setup commits its own work
    return product, location, slot, appointment


def test_kcc_sees_the_days_appointments_per_location(client, staff_login, parse_page, app, db):
    _, location, slot, _ = _booked(app, db, slug="st1")
    staff_login("kcc", name="Kees de Boer")
    page = parse_page(client.get(f"/medewerker/afspraken?locatie={location.slug}&dag={slot.local.date()}"))
    assert "Agenda: Testloket" in page.h1[0]
    assert slot.local.strftime("%H:%M") in page.body_text and "Suzanne Moulin" in page.body_text


def test_a_case_worker_without_kcc_may_not_open_the_agenda(client, staff_login):
    staff_login("zaakbehandelaar")
    assert client.get("/medewerker/afspraken").status_code == 403


def test_mark_an_appointment_as_no_show(client, staff_login, app, db):
    _, location, slot, appointment = _booked(app, db, slug="st2")
    staff_login("kcc")
    url = f"/medewerker/afspraken?locatie={location.slug}&dag={slot.local.date()}"
    response = client.post(
        f"/medewerker/afspraken/{appointment.public_id}/status",
        data={"csrf_token": csrf_token(client, url), "status": "niet-gekomen"},
    )
    assert response.status_code == 302
    assert db.scalar(select(Appointment.status).where(Appointment.id == appointment.id)) == "niet-gekomen"


def test_blocking_a_time_cancels_appointments_in_it_and_emails_the_residents(client, staff_login, app, db):
    product, location, slot, appointment = _booked(app, db, slug="st3")
    staff_login("kcc")
    data = {
        "location": location.slug,
        "day": slot.local.date().isoformat(),
        "starts": "08:00",
        "ends": "12.00",
        "reason": "Ziekte",
    }
    response = client.post(
        "/medewerker/afspraken/blokkeren",
        data={"csrf_token": csrf_token(client, "/medewerker/afspraken/blokkeren"), **data},
    )
    assert response.status_code == 302
    assert db.scalar(select(Appointment.status).where(Appointment.id == appointment.id)) == "geannuleerd"
    assert db.scalar(
        select(OutboxMessage.kind).where(
            OutboxMessage.recipient == "suzanne@example.nl", OutboxMessage.kind == "afspraak-vervallen"
        )
    )
    db.expire(location)
    with app.test_request_context():
        from portal.queries import appointments as queries

        assert queries.open_slots(product, queries.location_by_slug(location.slug), slot.local.date()) == []


def test_blocking_refuses_an_end_before_the_start(client, staff_login, parse_page, db):
    make_agenda(db, slug="st4")
    staff_login("kcc")
    url = "/medewerker/afspraken/blokkeren"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "location": "st4-loket",
            "day": "2026-12-24",
            "starts": "12:00",
            "ends": "09:00",
        },
    )
    assert response.status_code == 400
    assert "De eindtijd moet na de begintijd liggen" in parse_page(response).body_text


def test_change_the_opening_hours_of_a_weekday(client, staff_login, db):
    _, location = make_agenda(db, slug="st5")
    staff_login("kcc")
    url = "/medewerker/afspraken/openingstijden"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "location": location.slug,
            "weekday": "2",
            "starts": "10:00",
            "ends": "16:00",
            "desks": "2",
        },
    )
    assert response.status_code == 302
    blocks = db.scalars(
        select(OpeningBlock).where(OpeningBlock.location_id == location.id, OpeningBlock.weekday == 2)
    ).all()
    assert [(b.starts.hour, b.ends.hour, b.desks) for b in blocks] == [(10, 16, 2)]


def test_kcc_books_a_home_visit_for_christina_by_bsn_in_the_post(client, staff_login, app, db):
    sync_agenda(db)
    staff_login("kcc", name="Kees de Boer")
    with app.test_request_context():
        from portal.queries import appointments as queries

        product, location = queries.product_by_slug("wmo-gesprek"), queries.location_by_slug("thuis")
        slot = first_slot(product, location)
    url = "/medewerker/afspraken/namens"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "bsn": CHRISTINA,
            "product": "wmo-gesprek",
            "location": "thuis",
            "day": slot.local.date().isoformat(),
            "starts": slot.local.strftime("%H:%M"),
            "email": "",
        },
    )
    assert response.status_code == 302 and CHRISTINA not in response.headers["Location"]
    appointment = db.scalar(select(Appointment).where(Appointment.bsn == CHRISTINA))
    assert appointment.booked_by == "Kees de Boer" and appointment.address and "Maassen" in appointment.name


def test_booking_for_a_caller_refuses_a_wrong_bsn_and_a_time_not_on_the_agenda(client, staff_login, parse_page, db):
    make_agenda(db, slug="st6")
    staff_login("kcc")
    url = "/medewerker/afspraken/namens"
    data = {"product": "st6-product", "location": "st6-loket", "day": "2026-12-24", "starts": "09:07"}
    bad_bsn = client.post(url, data={"csrf_token": csrf_token(client, url), "bsn": "123456789", **data})
    assert "Dit is geen geldig burgerservicenummer" in parse_page(bad_bsn).body_text
    odd = client.post(url, data={"csrf_token": csrf_token(client, url), "bsn": CHRISTINA, **data})
    assert odd.status_code == 400 and "kan deze afspraak niet" in parse_page(odd).body_text


def test_changing_a_thursday_morning_keeps_the_thursday_evening(db):
    from datetime import time

    from portal.appointments.staff_service import set_weekday_hours

    sync_agenda(db)
    from portal.models.appointments import Location

    town_hall = db.scalar(select(Location).where(Location.slug == "stadhuis"))
    set_weekday_hours(db, town_hall, 3, time(8, 30), time(13), 2)
    thursday = sorted(
        (b.starts, b.ends)
        for b in db.scalars(
            select(OpeningBlock).where(OpeningBlock.location_id == town_hall.id, OpeningBlock.weekday == 3)
        )
    )
    assert thursday == [(time(8, 30), time(13)), (time(17, 30), time(20))]
    set_weekday_hours(db, town_hall, 3, None, None, 1)
    assert not db.scalars(
        select(OpeningBlock).where(OpeningBlock.location_id == town_hall.id, OpeningBlock.weekday == 3)
    ).all()
