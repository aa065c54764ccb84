"""The booking pages, step by step, and every state a resident can reach: route tests."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.appointments import links
from portal.db import utcnow
from portal.models.appointments import Appointment, Hold
from portal.models.notifications import OutboxMessage
from tests.support.appointments import first_slot as _first_slot
from tests.support.appointments import make_agenda
from tests.support.forms import csrf_token

SUZANNE, CHRISTINA = "999993653", "999995078"
APP = None


@pytest.fixture
def agenda(db):
    return make_agenda(db, slug="pg", login_required=False)


@pytest.fixture(autouse=True)
def _app(app):
    global APP
    APP = app


def first_slot(product, location):
    with APP.app_context():
        return _first_slot(product, location)


def _times_url(product, location, slot):
    return f"/afspraak-maken/{product.slug}/{location.slug}/{slot.local.date().isoformat()}"


def _hold(client, product, location, slot):
    url = _times_url(product, location, slot)
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "time": slot.starts_at.isoformat()})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def _confirm(client, check_url, **details):
    data = {"name": "Jan de Vries", "email": "jan@example.nl", "phone": "06 12345678", **details}
    return client.post(check_url, data={"csrf_token": csrf_token(client, check_url), **data})


def test_the_start_page_lists_what_you_can_book(client, parse_page, agenda):
    page = parse_page(client.get("/afspraak-maken"))
    assert page.h1 == ["Afspraak maken"] and "Testafspraak" in page.body_text


def test_a_booking_without_login_from_day_to_confirmation(client, parse_page, agenda, db):
    product, location = agenda
    assert (
        client.get(f"/afspraak-maken/{product.slug}")
        .headers["Location"]
        .endswith(f"/afspraak-maken/{product.slug}/{location.slug}")
    )
    days = parse_page(client.get(f"/afspraak-maken/{product.slug}/{location.slug}"))
    assert days.h1 == ["Kies een dag"] and "Week van" in days.body_text
    slot = first_slot(product, location)
    times = parse_page(client.get(_times_url(product, location, slot)))
    assert times.h1 == ["Kies een tijd"] and slot.local.strftime("%H:%M") in times.body_text
    check_url = _hold(client, product, location, slot)
    check = client.get(check_url)
    assert check.headers["Cache-Control"] == "no-store"
    assert "We houden deze tijd voor u vast tot" in parse_page(check).body_text
    done = _confirm(client, check_url)
    assert done.status_code == 302 and "/afspraak/bekijken/" in done.headers["Location"]
    page = parse_page(client.get(done.headers["Location"]))
    assert "Uw afspraak is gemaakt" in page.body_text and "Neem uw paspoort mee." in page.body_text
    mail = db.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "jan@example.nl"))
    assert mail.kind == "afspraak-bevestigd"


def test_confirming_twice_books_once_and_shows_the_same_appointment(client, agenda, db):
    product, location = agenda
    check_url = _hold(client, product, location, first_slot(product, location))
    token = csrf_token(client, check_url)
    data = {"csrf_token": token, "name": "Jan", "email": "jan@example.nl"}
    first, second = client.post(check_url, data=data), client.post(check_url, data=data)
    with APP.app_context():
        ids = {links.read_token("bekijken", r.headers["Location"].rsplit("/", 1)[1]) for r in (first, second)}
    assert len(ids) == 1
    assert len(db.scalars(select(Appointment).where(Appointment.email == "jan@example.nl")).all()) == 1


def test_the_lost_race_says_so_and_offers_the_nearest_times(client, parse_page, agenda, app):
    product, location = agenda
    slot = first_slot(product, location)
    other = app.test_client()
    _hold(other, product, location, slot)
    url = _times_url(product, location, slot)
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "time": slot.starts_at.isoformat()})
    assert response.status_code == 409
    text = parse_page(response).body_text
    assert "Dit tijdstip is net door iemand anders gekozen" in text and "dichtst bij" in text


def test_an_expired_hold_says_so_keeps_what_was_typed_and_offers_times(client, parse_page, agenda, db):
    product, location = agenda
    check_url = _hold(client, product, location, first_slot(product, location))
    response = _confirm(client, check_url, email="niet-goed")
    assert response.status_code == 400 and "Vul een e-mailadres in zoals" in response.get_data(as_text=True)
    hold = db.scalar(select(Hold).where(Hold.public_id == check_url.rsplit("/", 1)[1]))
    hold.expires_at = utcnow() - timedelta(seconds=1)
    db.flush()
    page = parse_page(client.get(check_url))
    assert "De tijd is verlopen" in page.h1 and "Kies " in page.body_text
    again = _hold(client, product, location, first_slot(product, location))
    assert 'value="Jan de Vries"' in client.get(again).get_data(as_text=True)


def test_wrong_details_get_a_b1_error_and_keep_what_was_typed(client, parse_page, agenda):
    product, location = agenda
    check_url = _hold(client, product, location, first_slot(product, location))
    response = _confirm(client, check_url, name="", phone="bel me\x00")
    assert response.status_code == 400
    page = parse_page(response)
    assert page.title.startswith("Fout: ") and "Vul uw naam in" in page.body_text
    # A NUL is refused in every form (portal/forms.py PortalForm): that field's error, what was typed stays.
    assert "Dit veld bevat een teken dat we niet kunnen opslaan" in page.body_text
    assert 'value="jan@example.nl"' in response.get_data(as_text=True)


def test_no_free_days_says_what_to_do(client, parse_page, db):
    product, location = make_agenda(db, slug="vol", login_required=False, capacity=0)
    page = parse_page(client.get(f"/afspraak-maken/{product.slug}/{location.slug}"))
    assert "geen tijd meer vrij" in page.body_text and "14 0123" in page.body_text


def test_a_product_that_needs_login_sends_an_anonymous_visitor_to_log_in(client, db):
    product, location = make_agenda(db, slug="login")
    response = client.get(f"/afspraak-maken/{product.slug}/{location.slug}")
    assert response.status_code == 302 and "/inloggen-nodig" in response.headers["Location"]


def test_logged_in_the_name_comes_from_the_brp_and_email_and_phone_are_remembered(client, login, agenda, db):
    product, location = agenda
    login(SUZANNE)
    check_url = _hold(client, product, location, first_slot(product, location))
    assert "Suzanne" in client.get(check_url).get_data(as_text=True)
    done = _confirm(client, check_url, name="Suzanne Moulin", email="s.moulin@example.nl", phone="0612345678")
    assert done.headers["Location"].startswith("/mijn-afspraken/")
    check_again = _hold(client, product, location, first_slot(product, location))
    html = client.get(check_again).get_data(as_text=True)
    assert 'value="s.moulin@example.nl"' in html and 'value="0612345678"' in html
    assert "Testafspraak" in client.get("/mijn-overzicht").get_data(as_text=True)


def test_hostile_input_gets_404_or_a_clear_error_never_500(client, agenda):
    product, location = agenda
    base = f"/afspraak-maken/{product.slug}/{location.slug}"
    assert client.get(base + "/2026-13-45").status_code == 404
    assert client.get(base + "?personen=99999999999").status_code == 200
    assert client.get("/afspraak-maken/%00/x").status_code == 404
    day = first_slot(product, location).local.date().isoformat()
    bad = client.post(f"{base}/{day}", data={"csrf_token": csrf_token(client, f"{base}/{day}"), "time": "x" * 5000})
    assert bad.status_code == 400 and "Kies een tijd" in bad.get_data(as_text=True)
    assert client.get("/afspraak-maken/controleren/" + "f" * 32).status_code == 404
    assert client.get("/afspraak-maken/controleren/%00").status_code == 404
    assert client.get(f"/afspraak-maken/{product.slug}/%00").status_code == 404


def _book(client, agenda):
    product, location = agenda
    slot = first_slot(product, location)
    done = _confirm(client, _hold(client, product, location, slot))
    with APP.app_context():
        public_id = links.read_token("bekijken", done.headers["Location"].rsplit("/", 1)[1])
    return public_id, slot


def test_cancel_through_the_email_link_frees_the_slot(client, parse_page, agenda, app, db):
    public_id, slot = _book(client, agenda)
    with app.test_request_context():
        url = links.link_path("annuleren", public_id)
    stranger = app.test_client()
    assert "Weet u het zeker?" in parse_page(stranger.get(url)).body_text
    page = parse_page(stranger.post(url, data={"csrf_token": csrf_token(stranger, url)}, follow_redirects=True))
    assert page.h1 == ["Uw afspraak is geannuleerd"]
    assert first_slot(*agenda).starts_at == slot.starts_at
    kinds = db.scalars(select(OutboxMessage.kind).where(OutboxMessage.recipient == "jan@example.nl")).all()
    assert "afspraak-geannuleerd" in kinds


def test_an_expired_or_changed_link_gets_a_b1_page(client, parse_page, agenda, app):
    public_id, _ = _book(client, agenda)
    with app.test_request_context():
        cancel = links.link_path("annuleren", public_id)
    page = parse_page(client.get(cancel[:-3] + "abc"))
    assert page.h1 == ["Deze link werkt niet meer"]
    wrong_purpose = cancel.replace("/annuleren/", "/verzetten/")
    assert client.get(wrong_purpose).status_code == 410
    app.config["APPOINTMENT_LINK_DAYS"] = 0
    try:
        assert client.get(cancel).status_code in (200, 410)
    finally:
        app.config["APPOINTMENT_LINK_DAYS"] = 90
    assert client.get("/afspraak/iets/abc").status_code == 404


def test_moving_through_the_email_link_keeps_the_appointment_and_frees_the_old_time(client, agenda, app, db):
    product, location = agenda
    public_id, old = _book(client, agenda)
    with app.test_request_context():
        move = links.link_path("verzetten", public_id)
    stranger = app.test_client()
    assert stranger.get(move).headers["Location"].startswith(f"/afspraak-maken/{product.slug}/{location.slug}")
    new = first_slot(product, location)
    check_url = _hold(stranger, product, location, new)
    html = stranger.get(check_url).get_data(as_text=True)
    assert "Nieuwe tijd bevestigen" in html and "Uw naam" not in html
    done = stranger.post(check_url, data={"csrf_token": csrf_token(stranger, check_url)})
    assert done.status_code == 302
    appointment = db.scalar(select(Appointment).where(Appointment.public_id == public_id))
    assert appointment.starts_at == new.starts_at and first_slot(product, location).starts_at == old.starts_at


def test_another_residents_appointment_is_not_found(client, login, agenda):
    login(SUZANNE)
    product, location = agenda
    done = _confirm(client, _hold(client, product, location, first_slot(product, location)))
    path = done.headers["Location"]
    login(CHRISTINA)
    assert client.get(path).status_code == 404
    assert client.get(path + "/annuleren").status_code == 404
    assert re.match(r"^/mijn-afspraken/[0-9a-f]{32}$", path)


def test_an_appointment_in_the_week_the_clocks_go_forward_stays_at_nine(client, parse_page, db, app):
    from datetime import date

    from portal.appointments import emails
    from portal.notifications import compose

    product, location = make_agenda(db, slug="dst", login_required=False, horizon_days=400)
    for day in ("2027-03-25", "2027-03-30"):  # Thursday before, Tuesday after 28 March 2027 (Easter between)
        times = parse_page(client.get(f"/afspraak-maken/{product.slug}/{location.slug}/{day}"))
        assert "09:00" in times.body_text and "08:00" not in times.body_text
    with app.app_context():
        slot = _first_slot.__globals__["queries"].open_slots(product, location, date(2027, 3, 30))[0]
    assert slot.starts_at.hour == 7  # 09:00 in Amsterdam is 07:00 UTC in summer time
    done = _confirm(client, _hold(client, product, location, slot))
    assert done.status_code == 302
    appointment = db.scalar(select(Appointment).where(Appointment.product_id == product.id))
    with app.test_request_context():
        outgoing = compose(emails.queue(db, appointment, emails.CONFIRMED))
    assert "30 maart 2027 om 09:00" in outgoing.body
    assert "DTSTART;TZID=Europe/Amsterdam:20270330T090000" in outgoing.attachments[0].content


def test_the_eforms_hook_books_for_a_case_and_returns_to_the_flow(client, login, parse_page, db):
    from tests.support.cases import make_case

    zaak = make_case(db, SUZANNE, "wmo-huishouden")  # commits: before anything else uses the database
    product, location = make_agenda(db, slug="hook", login_required=False)
    login(SUZANNE)
    with client.session_transaction() as session:  # what flow.start_for_case() stores
        session["afspraak_aanvraag"] = {"zaak_id": zaak.id, "return_to": f"/mijn-zaken/{zaak.identificatie}"}
    assert client.get(f"/afspraak-maken/aanvraag/{product.slug}").status_code == 302
    done = _confirm(client, _hold(client, product, location, first_slot(product, location)))
    assert done.headers["Location"] == f"/mijn-zaken/{zaak.identificatie}"
    page = parse_page(client.get(done.headers["Location"]))
    assert "Afspraken" in page.body_text and "Testafspraak" in page.body_text


def test_start_for_case_keeps_only_a_local_return_path(app):
    from portal.appointments import flow

    with app.test_request_context():
        from flask import session

        assert flow.start_for_case("x", 5, "https://evil.example/") == "/afspraak-maken/aanvraag/x"
        assert session[flow.CASE] == {"zaak_id": 5, "return_to": ""}


def _earlier_setup(client, app, db, slug):
    """Suzanne books late and asks for earlier; someone else holds an earlier time and then cancels it."""
    product, location = make_agenda(db, slug=slug, login_required=False)
    with app.app_context():
        slots = _first_slot.__globals__["queries"].open_slots(
            product, location, _first_slot(product, location).local.date()
        )
    early, late = slots[0], slots[-1]
    other = app.test_client()
    first = _confirm(other, _hold(other, product, location, early), email="vroeg@example.nl")
    done = _confirm(client, _hold(client, product, location, late), email="laat@example.nl")
    with app.app_context():
        late_id = links.read_token("bekijken", done.headers["Location"].rsplit("/", 1)[1])
        early_id = links.read_token("bekijken", first.headers["Location"].rsplit("/", 1)[1])
        view, cancel = links.link_path("bekijken", late_id), links.link_path("annuleren", early_id)
        offer = links.link_path("eerder", late_id)
    client.post(view, data={"csrf_token": csrf_token(client, view)})
    assert "U staat op de lijst" in client.get(view).get_data(as_text=True)
    other.post(cancel, data={"csrf_token": csrf_token(other, cancel)})
    return late_id, early, offer


def test_an_earlier_time_is_offered_to_the_first_in_line_and_taken(client, parse_page, app, db):
    late_id, early, offer = _earlier_setup(client, app, db, "eerder1")
    mail = db.scalar(select(OutboxMessage).where(OutboxMessage.kind == "afspraak-eerder"))
    assert mail.recipient == "laat@example.nl"
    page = parse_page(client.get(offer))
    assert page.h1 == ["Er is eerder tijd vrij"] and early.local.strftime("%H:%M") in page.body_text
    response = client.post(offer, data={"csrf_token": csrf_token(client, offer)})
    assert response.status_code == 302
    assert db.scalar(select(Appointment.starts_at).where(Appointment.public_id == late_id)) == early.starts_at


def test_an_earlier_time_not_taken_in_time_passes_on(client, parse_page, app, db):
    from portal.appointments import waitlist

    late_id, early, offer = _earlier_setup(client, app, db, "eerder2")
    db.execute(
        Hold.__table__.update()
        .where(Hold.owner.like("wachtlijst:%"))
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    with app.test_request_context():
        assert waitlist.expire_offers(db) == 1
    page = parse_page(client.get(offer))
    assert page.h1 == ["Deze tijd is niet meer vrij"]


def test_the_confirmation_reaches_the_development_mailbox_with_its_ics_file(client, agenda, app, db):
    from portal.notifications import deliver_pending

    product, location = agenda
    _confirm(client, _hold(client, product, location, first_slot(product, location)), email="ics@example.nl")
    with app.test_request_context():
        sent, failed = deliver_pending()
    assert sent >= 1 and failed == 0
    html = client.get("/ontwikkel/mailbox").get_data(as_text=True)
    assert "Uw afspraak is gemaakt" in html and "Bijlage: afspraak.ics" in html
    link = re.search(r'href="(/ontwikkel/mailbox/bijlage/\d+)"', html).group(1)
    download = client.get(link)
    assert download.mimetype == "text/calendar" and b"BEGIN:VEVENT" in download.data


def test_a_second_open_passport_appointment_is_refused_with_what_to_do(client, login, parse_page, db):
    product, location = make_agenda(db, slug="limiet", one_open=True)
    login(SUZANNE)
    _confirm(client, _hold(client, product, location, first_slot(product, location)))
    response = _confirm(client, _hold(client, product, location, first_slot(product, location)))
    assert response.status_code == 409
    page = parse_page(response)
    assert page.h1 == ["U heeft al een afspraak"] and "Verzet dan uw afspraak" in page.body_text


def test_the_reminder_command_queues_once(app, db):
    from portal.cli import appointment_reminders

    runner = app.test_cli_runner()
    first = runner.invoke(appointment_reminders)
    second = runner.invoke(appointment_reminders)
    assert first.exit_code == 0 and "Queued" in first.output and second.output == "Queued 0 reminders.\n"


def test_a_move_never_changes_what_the_appointment_is_for(client, agenda, db, app):
    public_id, _ = _book(client, agenda)
    with app.test_request_context():
        move = links.link_path("verzetten", public_id)
    client.get(move)
    other_product, other_location = make_agenda(db, slug="ander", login_required=False)
    check_url = _hold(client, other_product, other_location, first_slot(other_product, other_location))
    assert "Nieuwe tijd bevestigen" not in client.get(check_url).get_data(as_text=True)


def test_a_day_beyond_the_horizon_offers_no_time_even_by_address_and_a_posted_time_there_is_refused(
    client, parse_page, db, app
):
    from portal.i18n import local_today
    from portal.queries import appointments as queries

    product, location = make_agenda(db, slug="far", login_required=False, horizon_days=30)  # open every day
    far = local_today() + timedelta(days=45)
    url = f"/afspraak-maken/{product.slug}/{location.slug}/{far.isoformat()}"
    with app.app_context():
        offered = queries.grid_of(product, location, far).slots(far, {}, utcnow(), 1)  # what the agenda would give
    assert offered, "the test agenda opens every day"
    page = parse_page(client.get(url))
    assert "09:00" not in page.body_text and "Op deze dag is geen tijd meer vrij" in page.body_text
    token = csrf_token(client, _times_url(product, location, first_slot(product, location)))  # a page with a form
    posted = client.post(url, data={"csrf_token": token, "time": offered[0].starts_at.isoformat()})
    assert posted.status_code == 400
    assert db.scalar(select(Hold).where(Hold.product_id == product.id)) is None
