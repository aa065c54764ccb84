"""Helpers of the booking pages: the flow's session state, login gate, prefill from the BRP, redirects.

Session keys: the browser's hold owner, the appointment being moved, the case a booking is for (the e-forms
hand-off), and the details the resident typed (so nothing is lost after a lost race or an expired hold).
"""

from __future__ import annotations

import secrets
from datetime import date, datetime

from flask import abort, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.appointments import booking, emails, links, present
from portal.appointments.booking import Contact
from portal.appointments.scheduler import local_of, nearest
from portal.auth.resident import current_resident, resident_required
from portal.i18n import localized
from portal.integrations.brp import get_brp_client
from portal.integrations.person import PersonView
from portal.queries import appointments as queries
from portal.queries.contact import contact_of, remember_contact
from portal.security import mark_personal, safe_local_path

OWNER, MOVE, CASE, TYPED = "afspraak_owner", "afspraak_verzetten", "afspraak_aanvraag", "afspraak_gegevens"
FIELDS_APPOINTMENT = ("naam", "verblijfplaats", "adressering")
VISIT_TYPES = ("thuis", "gemeentehuis")  # the form's answers that are a place (`telefonisch` is not)


def owner() -> str:
    if OWNER not in session:
        session[OWNER] = secrets.token_hex(16)
    return session[OWNER]


def clear_context() -> None:
    session.pop(MOVE, None)
    session.pop(CASE, None)


def start_for_case(product_slug: str, zaak_id: int, return_to: str, visit_type: str | None = None) -> str:
    """The hook for e-forms: book with a case attached and this product preselected; after confirming, the
    resident goes to `return_to` (a path on this site). `visit_type` is where the resident said she wants the
    conversation in the form (`thuis`, `gemeentehuis`): it preselects that place. Returns the URL to send
    the resident to."""
    session.pop(MOVE, None)
    case = {"zaak_id": int(zaak_id), "return_to": safe_local_path(return_to) or ""}
    if visit_type in VISIT_TYPES:
        case["visit_type"] = visit_type
    session[CASE] = case
    return url_for("appointments.for_case", product_slug=product_slug)


def case_context() -> dict:
    data = session.get(CASE) or {}
    return {"zaak_id": data.get("zaak_id"), "return_to": data.get("return_to", "")}


def chosen_place(product) -> str | None:
    """The product's location for the visit type chosen in the form: `thuis` is its home visit, `gemeentehuis`
    its one office (with more offices to choose from, none is preselected); None without a choice."""
    visit_type = (session.get(CASE) or {}).get("visit_type")
    if visit_type not in VISIT_TYPES:
        return None
    places = [item.slug for item in product.locations if item.is_home == (visit_type == "thuis")]
    return places[0] if len(places) == 1 else None


def start_move(appointment) -> None:
    """Only called after the caller checked the resident may move this appointment (login or signed link)."""
    session.pop(CASE, None)
    session[MOVE] = appointment.public_id


def moving(product=None):
    """The appointment being moved, if any (and only for its own product: a move never changes what it is for)."""
    public_id = session.get(MOVE)
    appointment = queries.appointment_by_public_id(public_id) if public_id else None
    if appointment is None or appointment.status != queries.OPEN:
        return None
    return appointment if product is None or appointment.product_id == product.id else None


def is_move(hold) -> bool:
    return bool(hold.replaces_id)


def product_or_404(slug: str):
    """The product and its places as plain values (`ProductView`), or a 404."""
    return queries.product_for_booking(slug[:64]) or abort(404)


def product_and_location(product_slug: str, location_slug: str):
    product = product_or_404(product_slug)
    location = next((item for item in product.locations if item.slug == location_slug), None)
    if location is None:
        abort(404)
    return product, location


def login_gate(product):
    """A redirect to log in when this product needs it (home visits always do: we need the address). Moving
    through the signed link in the email needs no login: the link is the proof."""
    if moving(product) is not None:
        return None
    if not (product.login_required or product.at_home) and not current_user.is_authenticated:
        return None
    return resident_required(lambda: None)()


def persons(product) -> int:
    value = request.args.get("personen", "1")
    number = int(value) if value.isdigit() and len(value) < 3 else 1
    return min(max(number, 1), product.max_persons)


def day_link(product, location, persons: int):
    """The address of the time step of a day, for a list of many days: url_for once, with a placeholder day."""
    base = url_for(
        "appointments.times", product_slug=product.slug, location_slug=location.slug, day="0", personen=persons
    )
    head, _slash, query = base.partition("/0?")
    return lambda day: f"{head}/{day.isoformat()}?{query}"


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        abort(404)


def taken_choice(form, product, location, day: date) -> datetime | None:
    """The posted time when it is a real time of that day that someone else took meanwhile (a lost race)."""
    posted = (request.form.get("time") or "")[:32]
    if request.method != "POST" or any(value == posted for value, _label in form.time.choices):
        return None
    try:
        moment = datetime.fromisoformat(posted)
    except ValueError:
        return None
    return moment if booking.on_grid(product, location, moment, day) else None


def place_name(location) -> str:
    return _("Bij u thuis") if location.is_home else localized(location, "name")


def place_label(location) -> str:
    """'Stadhuis, Markt 1, 1234 AB Voorbeeld' (a home visit has no address of ours)."""
    name = place_name(location)
    return f"{name}, {location.address}" if location.address and not location.is_home else name


def local_day(moment: datetime) -> date:
    return local_of(moment).date()


def clock(moment: datetime) -> str:
    return local_of(moment).strftime("%H:%M")


def when_of(hold) -> str:
    return _("%(day)s om %(time)s", day=present.day_label(local_day(hold.starts_at)), time=clock(hold.starts_at))


def appointment_url(appointment) -> str:
    if appointment.bsn and current_user.is_authenticated and current_resident().bsn == appointment.bsn:
        return url_for("appointments.mine", public_id=appointment.public_id)
    return links.link_path("bekijken", appointment.public_id)


def expired_page(hold):
    """The hold ran out: say so and offer the free times closest to the one they had."""
    mark_personal()
    slots = queries.open_slots(hold.product, hold.location, local_day(hold.starts_at), hold.persons)
    return render_template(
        "appointments/expired.html",
        hold=hold,
        nearest=nearest(slots, hold.starts_at),
        slot_label=present.slot_label,
        place=place_name(hold.location),
        day_text=present.day_label(local_day(hold.starts_at)),
    ), 409


def prefill_person(hold) -> PersonView | None:
    mark_personal()
    if not current_user.is_authenticated or is_move(hold):
        return None
    resident = current_resident()
    result = get_brp_client().get_person(
        resident.bsn, fields=FIELDS_APPOINTMENT, purpose="afspraak maken: naam en adres invullen", actor=resident.sub
    )
    return PersonView.from_brp(result.person) if result.person else None


def prefill(form, person: PersonView | None) -> None:
    typed = session.get(TYPED) or {}
    contact = contact_of(current_resident().bsn) if current_user.is_authenticated else None
    form.name.data = typed.get("name") or (person.full_name if person else "")
    form.email.data = typed.get("email") or (contact.email if contact else "")
    form.phone.data = typed.get("phone") or (contact.phone if contact else "")


def remember_typed(form) -> None:
    if request.method == "POST":
        session[TYPED] = {key: (getattr(form, key).data or "")[:320] for key in ("name", "email", "phone")}


def contact_from(form, person: PersonView | None, hold) -> Contact:
    remember_typed(form)
    if is_move(hold):
        return Contact(name="", email="")
    address = ", ".join(person.address_lines) if person and hold.location.is_home else ""
    bsn = current_resident().bsn if current_user.is_authenticated else None
    return Contact(
        name=form.name.data,
        email=form.email.data,
        phone=form.phone.data or "",
        address=address,
        bsn=bsn,
        language=present.locale(),
    )


def after_booking(db, hold, appointment) -> None:
    if appointment.bsn and not is_move(hold):
        remember_contact(appointment.bsn, email=appointment.email, phone=appointment.phone)
    emails.queue(db, appointment, emails.MOVED if is_move(hold) else emails.CONFIRMED)
    for key in (TYPED, MOVE, CASE):
        session.pop(key, None)
