"""The staff agenda under /medewerker/afspraken: the day per location, done / no-show, blocking a time,
opening hours, and booking for a caller. Uses the KCC role: the KCC is the municipality's front office, at
the phone and at the desk, and already holds the right to look a resident up by BSN."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import once
from portal.appointments import booking, present, staff_service
from portal.appointments.flow import FIELDS_APPOINTMENT, place_name
from portal.appointments.scheduler import local_of, to_utc
from portal.appointments.staff_forms import BlockForm, CallerForm, HoursForm
from portal.db import get_session
from portal.i18n import local_today, localized
from portal.integrations.brp import get_brp_client
from portal.integrations.person import PersonView
from portal.queries import appointments as queries
from portal.staff.auth import ROLE_KCC, staff_required
from portal.staff.views import bp


def _location(slug: str | None):
    options = queries.locations()
    if not options:
        abort(404)
    return next((item for item in options if item.slug == slug), options[0]), options


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat((text or "")[:10])
    except ValueError:
        return local_today()


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@bp.get("/afspraken")
@staff_required(ROLE_KCC)
def agenda():
    location, options = _location(request.args.get("locatie"))
    day = _day(request.args.get("dag"))
    start = datetime.combine(day, time()) - timedelta(hours=2)
    items = [
        item
        for item in queries.on_day(location.id, start, start + timedelta(hours=26))
        if local_of(item.starts_at).date() == day
    ]
    return render_template(
        "staff/agenda.html",
        location=location,
        locations=options,
        day=day,
        day_text=present.day_label(day),
        items=items,
        local_of=local_of,
        place_name=place_name,
        previous=day - timedelta(days=1),
        next=day + timedelta(days=1),
        blocked=queries.blocked_on(location.id, day),
    )


@bp.post("/afspraken/<public_id>/status")
@staff_required(ROLE_KCC)
def appointment_status(public_id: str):
    appointment = queries.appointment_by_public_id(public_id)
    if appointment is None:
        abort(404)
    status = request.form.get("status", "")
    if status in ("afgerond", "niet-gekomen"):
        booking.finish(get_session(), appointment, status)
        flash(_("De afspraak is bijgewerkt."))
    return redirect(
        url_for(
            "staff.agenda", locatie=appointment.location.slug, dag=local_of(appointment.starts_at).date().isoformat()
        )
    )


@bp.route("/afspraken/blokkeren", methods=["GET", "POST"])
@staff_required(ROLE_KCC)
def block():
    form = BlockForm()
    form.location.choices = [(item.slug, localized(item, "name")) for item in queries.locations()]
    if (repeat := once.repeated(form)) is not None:
        return repeat  # a double click: the first block's result, nobody emailed twice
    if form.validate_on_submit():
        return once.submit(form, lambda: _block(form))
    return render_template("staff/agenda_block.html", form=form, has_errors=bool(form.errors)), (
        400 if form.errors else 200
    )


def _block(form) -> tuple[str, str]:
    location = queries.location_by_slug(form.location.data)
    affected = staff_service.block_time(
        get_session(),
        location,
        staff_service.Block(form.day.data, _clock(form.starts.data), _clock(form.ends.data), form.reason.data or ""),
    )
    return (
        url_for("staff.agenda", locatie=location.slug, dag=form.day.data.isoformat()),
        _("De tijd is geblokkeerd. We hebben %(num)s inwoners een e-mail gestuurd.", num=len(affected)),
    )


@bp.route("/afspraken/openingstijden", methods=["GET", "POST"])
@staff_required(ROLE_KCC)
def opening_hours():
    form = HoursForm()
    form.location.choices = [(item.slug, localized(item, "name")) for item in queries.locations()]
    if form.validate_on_submit():
        location = queries.location_by_slug(form.location.data)
        starts = _clock(form.starts.data) if form.starts.data else None
        ends = _clock(form.ends.data) if form.ends.data else None
        staff_service.set_weekday_hours(get_session(), location, form.weekday.data, starts, ends, form.desks.data)
        flash(_("De openingstijden zijn opgeslagen."))
        return redirect(url_for("staff.opening_hours"))
    return render_template(
        "staff/agenda_hours.html", form=form, locations=queries.locations(), has_errors=bool(form.errors)
    ), 400 if form.errors else 200


@bp.route("/afspraken/namens", methods=["GET", "POST"])
@staff_required(ROLE_KCC)
def book_for_caller():
    form = CallerForm()
    form.product.choices = [(item.slug, localized(item, "name")) for item in queries.products()]
    form.location.choices = [(item.slug, place_name(item)) for item in queries.locations()]
    refusal = None
    if (repeat := once.repeated(form)) is not None:
        return repeat  # a double click: the appointment made the first time
    if form.validate_on_submit():
        try:
            return once.submit(form, lambda: _book(form))
        except _Refused as refused:  # the 400 below rolls back the token's claim too: the form can be sent again
            refusal = str(refused)
    return render_template(
        "staff/agenda_caller.html", form=form, refusal=refusal, has_errors=bool(form.errors) or bool(refusal)
    ), (400 if form.errors or refusal else 200)


class _Refused(Exception):
    """Booking for a caller was refused; the message says why."""


def _book(form) -> tuple[str, str]:
    product, location = queries.product_by_slug(form.product.data), queries.location_by_slug(form.location.data)
    if location not in product.locations:
        raise _Refused(_("Deze afspraak kan niet op deze plek."))
    starts_at = to_utc(form.day.data, _clock(form.starts.data))
    result = get_brp_client().get_person(
        form.bsn.data, fields=FIELDS_APPOINTMENT, purpose="afspraak maken namens inwoner (KCC)", actor=g.staff.sub
    )
    person = PersonView.from_brp(result.person) if result.person else None
    contact = booking.Contact(
        name=person.full_name if person else "",
        email=form.email.data or "",
        address=", ".join(person.address_lines) if person and location.is_home else "",
        bsn=form.bsn.data,
    )
    try:
        staff_service.book_for_caller(
            get_session(), product, location, starts_at, contact, g.staff.name, owner=f"staff:{g.staff.sub}"[:64]
        )
    except booking.BookingRefused as refused:
        reasons = {
            booking.LIMIT: _("Deze inwoner heeft hier al een afspraak voor."),
            booking.NOT_OFFERED: _("Op deze dag en tijd kan deze afspraak niet."),
        }
        taken = _("Deze tijd is niet meer vrij. Kies een andere tijd.")
        raise _Refused(reasons.get(refused.reason, taken)) from refused
    return (url_for("staff.agenda", locatie=location.slug, dag=form.day.data.isoformat()), _("De afspraak is gemaakt."))
