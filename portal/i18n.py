"""Dutch B1 is the source language; English is the complete second catalogue.

The chosen language lives in a small, non-personal cookie so the switch works without JavaScript
and before login.
"""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, current_app, request
from flask_babel import format_date, format_decimal, format_time, get_locale

from portal.extensions import babel

LANGUAGE_COOKIE = "taal"


def select_locale() -> str:
    choice = request.cookies.get(LANGUAGE_COOKIE, "")
    if choice in current_app.config["LANGUAGES"]:
        return choice
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def long_date(value: date | datetime | None) -> str:
    """'1 maart 2026' / '1 March 2026'."""
    if value is None:
        return ""
    # The same day-month-year order in both languages (English long format would be "December 1, 1985").
    return format_date(value, format="d MMMM y")


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


def localized(record: object, field: str) -> str:
    """A text stored per language on a record (`omschrijving` and `omschrijving_en`), in the page's language."""
    if str(get_locale()) == "en":
        return getattr(record, f"{field}_en", None) or getattr(record, field)
    return getattr(record, field)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["clock_time"] = clock_time
    app.jinja_env.filters["localized"] = localized
    app.jinja_env.filters["file_size"] = file_size
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
    app.jinja_env.add_extension("jinja2.ext.i18n")
