"""Afspraak maken: residents book, move and cancel appointments; staff keep the agenda.

scheduler.py computes free times (pure); booking.py claims seats (the database refuses a double booking);
views.py and manage.py are the resident pages; emails.py and links.py the emails and their signed links.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.appointments import manage, views  # noqa: F401  (register the routes on the blueprint)
    from portal.appointments.blueprint import bp

    app.register_blueprint(bp)
