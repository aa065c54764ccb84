"""Dutch B1 is the source language; English is the complete second catalogue.

The chosen language lives in a small, non-personal cookie so the switch works without JavaScript
and before login.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from flask import Flask, current_app, g, has_app_context, request
from flask_babel import format_decimal, format_time, get_locale, get_translations
from markupsafe import Markup

from portal.extensions import babel

LANGUAGE_COOKIE = "taal"


def locale_for(choice: str, config) -> str:
    """The one rule for a page's language: the language cookie's value when it names a language we have, else the
    default (Dutch). Also used outside Flask, by the fast path for public pages (portal/publiccopy.py)."""
    return choice if choice in config["LANGUAGES"] else config["BABEL_DEFAULT_LOCALE"]


def select_locale() -> str:
    return locale_for(request.cookies.get(LANGUAGE_COOKIE, ""), current_app.config)


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"] if has_app_context() else "Europe/Amsterdam")


def local_today() -> date:
    """Today in the municipality's time zone (the server may run on UTC): the date residents see."""
    return datetime.now(_zone()).date()


def local_date(moment: datetime) -> date:
    """The municipality's date of a moment. Stored datetimes are naive UTC; aware ones are converted as they are.
    23:30 UTC on 10 March is 11 March in Amsterdam."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(_zone()).date()


def utc_moment(day: date, clock: time) -> datetime:
    """A local date and time in the municipality as the naive UTC datetime we store (DST-aware)."""
    return datetime.combine(day, clock, tzinfo=_zone()).astimezone(UTC).replace(tzinfo=None)


def long_date(value: date | datetime | None) -> str:
    """'1 maart 2026' / '1 March 2026'."""
    if value is None:
        return ""
    # Stored datetimes are naive UTC: the day is the day in the municipality's time zone.
    day = local_date(value) if isinstance(value, datetime) else value
    return format_day(day, str(get_locale()))


@lru_cache(maxsize=4096)
def format_day(day: date, locale: str) -> str:
    # The same day-month-year order in both languages (English long format would be "December 1, 1985").
    # Cached: a list of cases formats many dates, and Babel's formatting is the slow part of a page.
    return babel_format_date(day, format="d MMMM y", locale=locale)


def clock_time(value: datetime | None) -> str:
    """'14:32' in the municipality's time zone (stored datetimes are naive UTC)."""
    if value is None:
        return ""
    return format_time(value, format="HH:mm")


def file_size(size: int) -> str:
    """'230 kB' or '1,4 MB' (decimal comma in Dutch)."""
    if size < 1_000_000:
        return f"{format_decimal(max(1, round(size / 1000)))} kB"
    return f"{format_decimal(round(size / 1_000_000, 1))} MB"


def localized(record: object, field: str, locale: str | None = None) -> str:
    """A text stored per language on a record (`omschrijving` and `omschrijving_en`), in the page's language
    (pass `locale` when it is already known, as a list of many records does)."""
    if (locale or str(get_locale())) == "en":
        return getattr(record, f"{field}_en", None) or getattr(record, field)
    return getattr(record, field)


def dutch(text: str | None):
    """Text that exists only in Dutch (BRP table texts such as nationalities, texts staff wrote, case type texts
    without English), marked `lang="nl"` when the page is in another language (WCAG 3.1.2)."""
    if not text or str(get_locale()) == "nl":
        return text
    return Markup('<span lang="nl">%s</span>') % text


def localized_html(record: object, field: str):
    """`localized` for the page body: a Dutch fallback on an English page is marked `lang="nl"`."""
    text = localized(record, field)
    return dutch(text) if text == getattr(record, field) else text


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["clock_time"] = clock_time
    app.jinja_env.filters["localized"] = localized
    app.jinja_env.filters["localized_html"] = localized_html
    app.jinja_env.filters["dutch"] = dutch
    app.jinja_env.filters["file_size"] = file_size
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
    app.jinja_env.add_extension("jinja2.ext.i18n")
    # Flask-Babel looks the catalogue up anew for every string; a page has dozens, so look it up once per
    # request (the locale cannot change while a page renders).
    app.jinja_env.install_gettext_callables(
        gettext=lambda text: _request_translations().ugettext(text),
        ngettext=lambda singular, plural, n: _request_translations().ungettext(singular, plural, n),
        newstyle=True,
    )


def _request_translations():
    translations = g.get("_translations")
    if translations is None:
        translations = g._translations = get_translations()
    return translations
