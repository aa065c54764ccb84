"""Appointment emails through the outbox: confirmed, moved, cancelled, cancelled by us, and the reminder.

The outbox row says only which kind of email; `AppointmentNotice` says which appointment. The text is built
at send time and holds the date, time, place, what to bring and links: never a BSN, a name or an address.
Confirmations, moves and reminders carry an ICS file (TZID Europe/Amsterdam with its VTIMEZONE).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.appointments.links import external_link
from portal.appointments.scheduler import ZONE, local_of, to_utc
from portal.db import get_session, utcnow
from portal.i18n import format_day, localized
from portal.models.appointments import Appointment, AppointmentNotice, Hold, WaitlistEntry
from portal.models.notifications import OutboxMessage

CONFIRMED, MOVED, CANCELLED, CANCELLED_BY_US, REMINDER, EARLIER = (
    "afspraak-bevestigd",
    "afspraak-verzet",
    "afspraak-geannuleerd",
    "afspraak-vervallen",
    "afspraak-herinnering",
    "afspraak-eerder",
)
KINDS = (CONFIRMED, MOVED, CANCELLED, CANCELLED_BY_US, REMINDER, EARLIER)
WITH_CALENDAR = (CONFIRMED, MOVED, REMINDER)


def queue(db: Session, appointment: Appointment, kind: str) -> OutboxMessage | None:
    """Add the email to the outbox in the caller's transaction (no email address: nothing to send)."""
    if kind not in KINDS:
        raise ValueError(kind)
    if not appointment.email:
        return None
    message = OutboxMessage(channel="email", recipient=appointment.email, kind=kind, language=appointment.language)
    db.add(message)
    db.flush()
    db.add(AppointmentNotice(outbox_message_id=message.id, appointment_id=appointment.id))
    db.flush()
    return message


def queue_reminders(db: Session, now: datetime | None = None) -> int:
    """Queue one reminder per planned appointment tomorrow. The compare-and-set on `reminder_queued_at`
    makes a second run (or two at once) queue nothing more."""
    now = now or utcnow()
    tomorrow = local_of(now).date() + timedelta(days=1)
    first, last = to_utc(tomorrow, datetime.min.time()), to_utc(tomorrow + timedelta(days=1), datetime.min.time())
    candidates = db.scalars(
        select(Appointment).where(
            Appointment.status == "gepland",
            Appointment.reminder_queued_at.is_(None),
            Appointment.starts_at >= first,
            Appointment.starts_at < last,
        )
    )
    count = 0
    for appointment in list(candidates):
        claimed = db.execute(
            update(Appointment)
            .where(Appointment.id == appointment.id, Appointment.reminder_queued_at.is_(None))
            .values(reminder_queued_at=now)
        )
        if claimed.rowcount == 1 and queue(db, appointment, REMINDER):
            count += 1
    return count


def _place(appointment: Appointment) -> str:
    location = appointment.location
    if location.is_home:
        return _("Bij u thuis")
    return f"{localized(location, 'name')}, {location.address}" if location.address else localized(location, "name")


def when_text(appointment: Appointment, locale: str) -> str:
    local = local_of(appointment.starts_at)
    return _("%(day)s om %(time)s", day=format_day(local.date(), locale), time=local.strftime("%H:%M"))


def ics_for(appointment: Appointment) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//MijnGemeente//Afspraken//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{appointment.public_id}@mijngemeente")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", local_of(appointment.starts_at).astimezone(ZONE))
    event.add("dtend", local_of(appointment.ends_at).astimezone(ZONE))
    event.add("summary", f"{localized(appointment.product, 'name')} – {current_app.config['MUNICIPALITY_NAME']}")
    event.add("location", _place(appointment))
    event.add("description", localized(appointment.product, "bring"))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def _subject(kind: str) -> str:
    return {
        CONFIRMED: _("Uw afspraak is gemaakt"),
        MOVED: _("Uw afspraak is verzet"),
        CANCELLED: _("Uw afspraak is geannuleerd"),
        CANCELLED_BY_US: _("Uw afspraak gaat niet door"),
        REMINDER: _("Morgen heeft u een afspraak"),
        EARLIER: _("Er is eerder tijd vrij voor uw afspraak"),
    }[kind]


def _offered(appointment: Appointment) -> Hold | None:
    return get_session().scalar(
        select(Hold)
        .join(WaitlistEntry, WaitlistEntry.hold_id == Hold.id)
        .where(WaitlistEntry.appointment_id == appointment.id)
    )


def _earlier_lines(appointment: Appointment, locale: str) -> list[str]:
    hold = _offered(appointment)
    if hold is None:
        return [_("De tijd die we u wilden geven, is niet meer vrij."), ""]
    local = local_of(hold.starts_at)
    return [
        _("U vroeg om een eerdere tijd. Die is er nu:"),
        _("%(day)s om %(time)s", day=format_day(local.date(), locale), time=local.strftime("%H:%M")),
        _("Waar: %(place)s", place=_place(appointment)),
        "",
        _(
            "We houden deze tijd tot %(time)s voor u vast. Wilt u hem? Ga naar:",
            time=local_of(hold.expires_at).strftime("%H:%M"),
        ),
        external_link("eerder", appointment.public_id),
        "",
        _("Doet u niets? Dan blijft uw afspraak zoals hij is:"),
        when_text(appointment, locale),
        "",
    ]


def _lines(appointment: Appointment, kind: str, locale: str) -> list[str]:
    lines = [_("Beste inwoner,"), ""]
    if kind == EARLIER:
        return [
            *lines,
            localized(appointment.product, "name"),
            "",
            *_earlier_lines(appointment, locale),
            current_app.config["MUNICIPALITY_NAME"],
        ]
    if kind == CANCELLED:
        lines += [_("U heeft deze afspraak geannuleerd:"), ""]
    elif kind == CANCELLED_BY_US:
        lines += [_("Deze afspraak gaat helaas niet door. Wij kunnen op dat moment niet."), ""]
    lines += [
        localized(appointment.product, "name"),
        _("Wanneer: %(when)s", when=when_text(appointment, locale)),
        _("Waar: %(place)s", place=_place(appointment)),
        "",
    ]
    if kind in WITH_CALENDAR:
        if appointment.product.bring:
            lines += [_("Wat neemt u mee?"), localized(appointment.product, "bring"), ""]
        lines += [
            _("Wilt u de afspraak verzetten? Ga naar:"),
            external_link("verzetten", appointment.public_id),
            _("Wilt u de afspraak annuleren? Ga naar:"),
            external_link("annuleren", appointment.public_id),
            "",
            _("De afspraak staat ook in het bestand bij deze e-mail. Zet het in uw agenda."),
            "",
        ]
    else:
        lines += [_("Wilt u een nieuwe afspraak maken? Dat kan op onze website."), ""]
    return [*lines, current_app.config["MUNICIPALITY_NAME"]]


def compose_appointment(message: OutboxMessage):
    """The Outgoing email for an appointment notice (called by portal.notifications.compose)."""
    from portal.notifications import Attachment, Outgoing, message_id

    db = get_session()
    appointment_id = db.scalar(
        select(AppointmentNotice.appointment_id).where(AppointmentNotice.outbox_message_id == message.id)
    )
    appointment = db.get(Appointment, appointment_id)
    locale = message.language or "nl"
    with force_locale(locale):
        attachments = ()
        if message.kind in WITH_CALENDAR:
            attachments = (Attachment("afspraak.ics", "text/calendar", ics_for(appointment)),)
        return Outgoing(
            recipient=message.recipient,
            subject=_subject(message.kind),
            body="\n".join(_lines(appointment, message.kind, locale)),
            message_id=message_id(message),
            attachments=attachments,
        )
