"""A resident's appointment: see it, move it, cancel it — logged in (Mijn afspraken) or through the signed
link in the email (no login; the link shows that one appointment and nothing else)."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from portal.appointments import booking, emails, flow, links, present
from portal.appointments.blueprint import bp
from portal.auth.resident import current_resident, resident_required
from portal.db import get_session
from portal.queries import appointments as queries
from portal.security import mark_personal


def _own(public_id: str):
    appointment = queries.appointment_by_public_id(public_id)
    if appointment is None or appointment.bsn != current_resident().bsn:
        abort(404)
    return appointment


def _by_token(purpose: str, token: str):
    if purpose not in links.PURPOSES:
        abort(404)
    public_id = links.read_token(purpose, token)
    appointment = queries.appointment_by_public_id(public_id) if public_id else None
    mark_personal()
    return appointment


def _page(appointment, *, move_url: str, cancel_url: str):
    return render_template("appointments/appointment.html", shown=present.show(appointment),
                           move_url=move_url, cancel_url=cancel_url)


def _cancel(appointment):
    db = get_session()
    if booking.cancel(db, appointment):
        emails.queue(db, appointment, emails.CANCELLED)
    return render_template("appointments/cancelled.html", shown=present.show(appointment))


@bp.get("/mijn-afspraken/<public_id>")
@resident_required
def mine(public_id: str):
    appointment = _own(public_id)
    return _page(appointment, move_url=url_for("appointments.mine_move", public_id=public_id),
                 cancel_url=url_for("appointments.mine_cancel", public_id=public_id))


@bp.get("/mijn-afspraken/<public_id>/verzetten")
@resident_required
def mine_move(public_id: str):
    appointment = _own(public_id)
    if appointment.status != queries.OPEN:
        return redirect(url_for("appointments.mine", public_id=public_id))
    flow.start_move(appointment)
    return redirect(url_for("appointments.days", product_slug=appointment.product.slug,
                            location_slug=appointment.location.slug, personen=appointment.persons))


@bp.route("/mijn-afspraken/<public_id>/annuleren", methods=["GET", "POST"])
@resident_required
def mine_cancel(public_id: str):
    appointment = _own(public_id)
    if request.method == "POST":
        return _cancel(appointment)
    return render_template("appointments/cancel.html", shown=present.show(appointment))


@bp.route("/afspraak/<purpose>/<token>", methods=["GET", "POST"])
def by_link(purpose: str, token: str):
    appointment = _by_token(purpose, token)
    if appointment is None:
        return render_template("appointments/link_invalid.html"), 410
    if purpose == "annuleren":
        if request.method == "POST":
            return _cancel(appointment)
        return render_template("appointments/cancel.html", shown=present.show(appointment))
    if purpose == "verzetten" and appointment.status == queries.OPEN:
        flow.start_move(appointment)
        return redirect(url_for("appointments.days", product_slug=appointment.product.slug,
                                location_slug=appointment.location.slug, personen=appointment.persons))
    return _page(appointment, move_url=links.link_path("verzetten", appointment.public_id),
                 cancel_url=links.link_path("annuleren", appointment.public_id))


PUBLIC_ENDPOINTS = {
    "appointments.start", "appointments.for_case", "appointments.where", "appointments.days",
    "appointments.times", "appointments.check", "appointments.back_to_times", "appointments.by_link",
}
