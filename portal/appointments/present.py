"""What pages show of an appointment, a day or a time: plain text in the page's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from babel.dates import format_date
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.appointments.scheduler import local_of
from portal.i18n import format_day, localized
from portal.queries.appointments import of_case

STATUS_TEXT = {
    "gepland": _l("Gepland"),
    "geannuleerd": _l("Geannuleerd"),
    "afgerond": _l("Geweest"),
    "niet-gekomen": _l("Niet gekomen"),
}


@dataclass(frozen=True)
class Shown:
    public_id: str
    product: str
    when: str
    day: str
    clock: str
    place: str
    address: str
    bring: str
    status: str
    is_planned: bool
    is_home: bool


def locale() -> str:
    return str(get_locale())


@lru_cache(maxsize=4096)
def _dated(day: date, pattern: str, language: str) -> str:
    # Cached: the day step shows dozens of days, and Babel's formatting was most of its template's time.
    return format_date(day, format=pattern, locale=language)


def day_label(day: date, language: str | None = None) -> str:
    """'woensdag 2 december 2026'."""
    return _dated(day, "EEEE d MMMM y", language or locale())


@lru_cache(maxsize=1024)
def _week_heading(monday: date, language: str) -> str:
    # Called in a request in `language`: the catalogue does not change while the process runs.
    return _("Week van %(day)s", day=_dated(monday, "d MMMM", language))


def weeks(days: Iterable[date], link: Callable[[date], str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Days grouped per week (Monday first), each group headed 'Week van 30 november', each day as (label, link)."""
    language = locale()
    groups: dict[date, list[tuple[str, str]]] = {}
    for day in days:
        groups.setdefault(day - timedelta(days=day.weekday()), []).append((day_label(day, language), link(day)))
    return [(_week_heading(monday, language), items) for monday, items in groups.items()]


def show(appointment) -> Shown:
    local = local_of(appointment.starts_at)
    location = appointment.location
    place = _("Bij u thuis") if location.is_home else localized(location, "name")
    day = format_day(local.date(), locale())
    return Shown(
        public_id=appointment.public_id,
        product=localized(appointment.product, "name"),
        when=_("%(day)s om %(time)s", day=day, time=local.strftime("%H:%M")),
        day=day,
        clock=local.strftime("%H:%M"),
        place=place,
        address=appointment.address if location.is_home else location.address,
        bring=localized(appointment.product, "bring"),
        status=str(STATUS_TEXT.get(appointment.status, STATUS_TEXT["gepland"])),
        is_planned=appointment.status == "gepland",
        is_home=location.is_home,
    )


def slot_label(slot) -> str:
    return slot.local.strftime("%H:%M")


def case_appointments(zaak_id: int) -> list[Shown]:
    """The appointments linked to a case, for the case page."""
    return [show(item) for item in of_case(zaak_id)]
