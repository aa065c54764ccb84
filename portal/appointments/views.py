"""Booking an appointment, without JavaScript: what for → where → a day → a time → check details → confirm.

The flow's state is in the URL (product, place, persons, day) and on the server (the hold, the typed details
in the session), so going back, a lost race or an expired hold never loses what the resident entered.
"""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from portal.appointments import booking, flow, present
from portal.appointments.blueprint import bp
from portal.appointments.booking import BookingRefused
from portal.appointments.forms import DetailsForm, TimeForm, WhereForm
from portal.appointments.scheduler import nearest
from portal.db import get_session, utcnow
from portal.i18n import local_today, localized
from portal.limits import booking_limit
from portal.queries import appointments as queries


@bp.get("/afspraak-maken")
def start():
    flow.clear_context()
    return render_template("appointments/start.html", products=queries.products())


@bp.get("/afspraak-maken/aanvraag/<product_slug>")
def for_case(product_slug: str):
    """The e-forms hand-off lands here after `flow.start_for_case()` (the case is in the session, not the URL)."""
    return redirect(url_for("appointments.where", product_slug=product_slug))


@bp.route("/afspraak-maken/<product_slug>", methods=["GET", "POST"])
def where(product_slug: str):
    product = flow.product_or_404(product_slug)
    gate = flow.login_gate(product)
    if gate:
        return gate
    form = WhereForm()
    form.location.choices = [(item.slug, flow.place_label(item)) for item in product.locations]
    form.persons.choices = [(str(number), str(number)) for number in range(1, product.max_persons + 1)]
    if len(product.locations) == 1 and product.max_persons == 1:
        return redirect(
            url_for("appointments.days", product_slug=product.slug, location_slug=product.locations[0].slug)
        )
    if not form.is_submitted():
        form.location.data = flow.chosen_place(product)
    if form.validate_on_submit():
        return redirect(
            url_for(
                "appointments.days",
                product_slug=product.slug,
                location_slug=form.location.data,
                personen=form.persons.data,
            )
        )
    return render_template(
        "appointments/where.html", product=product, form=form, has_errors=bool(form.errors)
    ), 400 if form.errors else 200


@bp.get("/afspraak-maken/<product_slug>/<location_slug>")
def days(product_slug: str, location_slug: str):
    product, location = flow.product_and_location(product_slug, location_slug)
    gate = flow.login_gate(product)
    if gate:
        return gate
    persons = flow.persons(product)
    free = queries.open_days(product, location, local_today(), persons)
    return render_template(
        "appointments/days.html",
        product=product,
        location=location,
        persons=persons,
        weeks=present.weeks(free, flow.day_link(product, location, persons)),
        place=flow.place_name(location),
        moving=flow.moving(product),
    )


@bp.route("/afspraak-maken/<product_slug>/<location_slug>/<day>", methods=["GET", "POST"])
@booking_limit
def times(product_slug: str, location_slug: str, day: str):
    product, location = flow.product_and_location(product_slug, location_slug)
    gate = flow.login_gate(product)
    if gate:
        return gate
    chosen_day, persons = flow.parse_day(day), flow.persons(product)
    slots = queries.open_slots(product, location, chosen_day, persons)
    form = TimeForm()
    form.time.choices = [(slot.starts_at.isoformat(), present.slot_label(slot)) for slot in slots]
    lost = flow.taken_choice(form, product, location, chosen_day)
    near = []
    if not lost and form.validate_on_submit():
        try:
            hold = booking.hold_slot(
                get_session(),
                product,
                location,
                datetime.fromisoformat(form.time.data),
                persons=persons,
                owner=flow.owner(),
                replaces=flow.moving(product),
                **flow.case_context(),
            )
        except BookingRefused:
            lost = datetime.fromisoformat(form.time.data)
            slots = queries.open_slots(product, location, chosen_day, persons)
        else:
            return redirect(url_for("appointments.check", hold_id=hold.public_id))
    if lost:
        near = [present.slot_label(slot) for slot in nearest([s for s in slots if s.starts_at != lost], lost)]
    return render_template(
        "appointments/times.html",
        product=product,
        location=location,
        form=form,
        persons=persons,
        day=chosen_day,
        day_text=present.day_label(chosen_day),
        place=flow.place_name(location),
        lost=lost,
        nearest=near,
        has_errors=bool(form.errors) or bool(lost),
    ), 409 if lost else (400 if form.errors else 200)


@bp.route("/afspraak-maken/controleren/<hold_id>", methods=["GET", "POST"])
def check(hold_id: str):
    hold = queries.hold_by_public_id(hold_id, lock=request.method == "POST")
    if hold is None or hold.owner != session.get(flow.OWNER):
        abort(404)
    if hold.appointment_id:  # a second click on "confirm", or the back button: show what was booked
        return redirect(flow.appointment_url(queries.appointment_by_id(hold.appointment_id)))
    if hold.expires_at <= utcnow():
        return flow.expired_page(hold)
    form, person = DetailsForm(), flow.prefill_person(hold)
    if request.method == "GET":
        flow.prefill(form, person)
    elif flow.is_move(hold) or form.validate_on_submit():
        return _confirm(hold, form, person)
    flow.remember_typed(form)
    return render_template(
        "appointments/check.html",
        hold=hold,
        form=form,
        person=person,
        move=flow.is_move(hold),
        place=flow.place_name(hold.location),
        when=flow.when_of(hold),
        until=flow.clock(hold.expires_at),
        bring=localized(hold.product, "bring"),
        has_errors=bool(form.errors),
    ), 400 if form.errors else 200


def _confirm(hold, form, person):
    db = get_session()
    try:
        appointment = booking.confirm_hold(db, hold, flow.contact_from(form, person, hold))
    except BookingRefused as refused:
        if refused.reason == booking.EXPIRED:
            return flow.expired_page(hold)
        return render_template("appointments/limit.html", product=hold.product), 409
    flow.after_booking(db, hold, appointment)
    flash(
        _("Uw afspraak is gemaakt. We hebben u een e-mail gestuurd.")
        if not flow.is_move(hold)
        else _("Uw afspraak is verzet. We hebben u een e-mail gestuurd.")
    )
    return redirect(hold.return_to or flow.appointment_url(appointment))


@bp.get("/afspraak-maken/controleren/<hold_id>/terug")
def back_to_times(hold_id: str):
    hold = queries.hold_by_public_id(hold_id)
    if hold is None or hold.owner != session.get(flow.OWNER):
        abort(404)
    target = url_for(
        "appointments.times",
        product_slug=hold.product.slug,
        location_slug=hold.location.slug,
        day=flow.local_day(hold.starts_at).isoformat(),
        personen=hold.persons,
    )
    booking.release_holds(get_session(), hold.owner)
    return redirect(target)
