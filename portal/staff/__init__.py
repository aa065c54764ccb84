"""The staff side: login with roles, the case workbench and the KCC lookup, under /medewerker."""

from __future__ import annotations

from flask import Flask

from portal.staff.auth import current_staff, init_oidc


def init_app(app: Flask) -> None:
    from portal.staff import actions, agenda  # noqa: F401  (register the case actions and the agenda)
    from portal.staff.views import bp

    init_oidc(app)
    app.register_blueprint(bp)
    app.jinja_env.globals["current_staff"] = current_staff
