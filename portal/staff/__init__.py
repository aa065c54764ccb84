"""The staff side: login with roles, the case workbench and the KCC lookup, under /medewerker."""

from __future__ import annotations

from flask import Flask

from portal.staff.auth import current_staff, init_oidc


def init_app(app: Flask) -> None:
    # Importing these registers their routes on the blueprint: the case actions, the outbox page and the agenda.
    from portal.staff import actions, agenda, outbox  # noqa: F401
    from portal.staff.views import bp

    init_oidc(app)
    app.register_blueprint(bp)
    app.jinja_env.globals["current_staff"] = current_staff
