"""The staff side: login with roles, the case workbench and the KCC lookup, under /medewerker."""

from __future__ import annotations

from flask import Flask

from portal.staff.auth import current_staff, init_oidc
from portal.staff.forms import CONFIDENTIALITY_LABELS
from portal.staff.kcc_forms import CHANNEL_LABELS


def init_app(app: Flask) -> None:
    # Importing these registers their routes on the blueprint: the case actions and page, the KCC, the outbox
    # page, the queue, the status change and the agenda.
    from portal.staff import actions, agenda, casepage, kcc, outbox, queue, status  # noqa: F401
    from portal.staff.views import bp

    init_oidc(app)
    app.register_blueprint(bp)
    app.jinja_env.globals["current_staff"] = current_staff
    app.jinja_env.globals["confidentiality_labels"] = CONFIDENTIALITY_LABELS
    app.jinja_env.globals["channel_labels"] = CHANNEL_LABELS
