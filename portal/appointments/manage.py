"""A resident's appointment: see it, move it, cancel it — logged in (Mijn afspraken) or through the signed
link in the email (no login; the link shows that one appointment and nothing else)."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import once
from portal.appointments import booking, emails, flow, links, present, waitlist
from portal.appointments.blueprint import bp
from portal.appointments.forms import AcceptOfferForm, CancelForm, EarlierForm
from portal.auth.resident import current_resident, resident_required
from portal.db import get_session
from portal.queries import appointments as queries
from portal.security import mark_personal

CANCELLED = "geannuleerd"


def _own(public_id: str):
    appointment = queries.appointment_by_public_id(public_id)
    if appointment is None or appointment.bsn != current_resident().bsn:
        abort(404)
    return appointment


def _by_token(purpose: str, token: str):
    if purpose not in links.PURPOSES or (purpose == "eerder") != (request.endpoint == "appointments.earlier"):
        abort(404)
    public_id = links.read_token(purpose, token)
    appointment = queries.appointment_by_public_id(public_id) if public_id else None
    mark_personal()
    return appointment


def _page(appointment, *, move_url: str, cancel_url: str, waitlist_url: str):
    entry = waitlist.entry_of(get_session(), appointment)
    return render_template(
        "appointments/appointment.html",
        shown=present.show(appointment),
        move_url=move_url,
        cancel_url=cancel_url,
        waitlist_url=waitlist_url,
        waiting=entry is not None and entry.status != waitlist.DONE,
        earlier=EarlierForm(),
    )


def _cancel_page(appointment):
    """ "Afspraak annuleren" and its POST (CSRF and one-time token), then back to this address, which now
    says it is cancelled: a double click, a retry or a second tab cancels once and sends one email."""
    form = CancelForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if form.validate_on_submit():
        return once.submit(form, lambda: _cancel(appointment))
    if appointment.status == CANCELLED:
        return render_template("appointments/cancelled.html", shown=present.show(appointment))
    return render_template("appointments/cancel.html", shown=present.show(appointment), form=form)


def _cancel(appointment) -> tuple[str, str]:
    db = get_session()
    if booking.cancel(db, appointment):
        emails.queue(db, appointment, emails.CANCELLED)
        waitlist.slot_freed(db, waitlist.Freed.of(appointment))
    return request.path, ""


def _join_form(appointment, back: str):
    """ "Eerder graag" (CSRF and one-time token); joining twice changes nothing anyway (waitlist.join)."""
    form = EarlierForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return redirect(back)
    return once.submit(form, lambda: (back, _join(appointment)))


@bp.get("/mijn-afspraken/<public_id>")
@resident_required
def mine(public_id: str):
    appointment = _own(public_id)
    return _page(
        appointment,
        move_url=url_for("appointments.mine_move", public_id=public_id),
        cancel_url=url_for("appointments.mine_cancel", public_id=public_id),
        waitlist_url=url_for("appointments.mine_waitlist", public_id=public_id),
    )


@bp.post("/mijn-afspraken/<public_id>/eerder-graag")
@resident_required
def mine_waitlist(public_id: str):
    return _join_form(_own(public_id), url_for("appointments.mine", public_id=public_id))


def _join(appointment) -> str:
    if appointment.status != queries.OPEN:
        return ""
    waitlist.join(get_session(), appointment)
    return _("Komt er eerder tijd vrij? Dan sturen we u een e-mail.")


@bp.get("/mijn-afspraken/<public_id>/verzetten")
@resident_required
def mine_move(public_id: str):
    appointment = _own(public_id)
    if appointment.status != queries.OPEN:
        return redirect(url_for("appointments.mine", public_id=public_id))
    flow.start_move(appointment)
    return redirect(
        url_for(
            "appointments.days",
            product_slug=appointment.product.slug,
            location_slug=appointment.location.slug,
            personen=appointment.persons,
        )
    )


@bp.route("/mijn-afspraken/<public_id>/annuleren", methods=["GET", "POST"])
@resident_required
def mine_cancel(public_id: str):
    return _cancel_page(_own(public_id))


@bp.route("/afspraak/<purpose>/<token>", methods=["GET", "POST"])
def by_link(purpose: str, token: str):
    appointment = _by_token(purpose, token)
    if appointment is None:
        return render_template("appointments/link_invalid.html"), 410
    if purpose == "annuleren":
        return _cancel_page(appointment)
    if purpose == "verzetten" and appointment.status == queries.OPEN:
        flow.start_move(appointment)
        return redirect(
            url_for(
                "appointments.days",
                product_slug=appointment.product.slug,
                location_slug=appointment.location.slug,
                personen=appointment.persons,
            )
        )
    if request.method == "POST":  # "earlier, please" from the page the email links to
        return _join_form(appointment, links.link_path("bekijken", appointment.public_id))
    return _page(
        appointment,
        move_url=links.link_path("verzetten", appointment.public_id),
        cancel_url=links.link_path("annuleren", appointment.public_id),
        waitlist_url=links.link_path("bekijken", appointment.public_id),
    )


@bp.route("/afspraak-eerder/<token>", methods=["GET", "POST"])
def earlier(token: str):
    """The offer of an earlier time from the waitlist email: take it, or do nothing."""
    appointment = _by_token("eerder", token)
    if appointment is None:
        return render_template("appointments/link_invalid.html"), 410
    form = AcceptOfferForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat  # a double click on "Ja, ik wil deze tijd": moved once, the same page
    hold = waitlist.offer_for(get_session(), appointment)
    if hold is None:
        return render_template("appointments/offer_gone.html", shown=present.show(appointment)), 410
    if form.validate_on_submit():
        return once.submit(form, lambda: _accept(appointment))
    return render_template(
        "appointments/offer.html",
        shown=present.show(appointment),
        offered=flow.when_of(hold),
        until=flow.clock(hold.expires_at),
        form=form,
    )


def _accept(appointment) -> tuple[str, str]:
    waitlist.accept(get_session(), appointment)
    return links.link_path("bekijken", appointment.public_id), _(
        "Uw afspraak is verzet. We hebben u een e-mail gestuurd."
    )


PUBLIC_ENDPOINTS = {
    "appointments.start",
    "appointments.for_case",
    "appointments.where",
    "appointments.days",
    "appointments.times",
    "appointments.check",
    "appointments.back_to_times",
    "appointments.by_link",
    "appointments.earlier",
}
