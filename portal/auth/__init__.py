"""Login and logout for residents (DigiD over OpenID Connect) and the session-timeout pages."""

from __future__ import annotations

from flask import Flask

from portal.auth import oidc
from portal.auth.resident import load_resident
from portal.auth.views import bp
from portal.extensions import login_manager


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_resident)
    login_manager.login_view = "auth.login_required_page"
    oidc.init_app(app)
    app.register_blueprint(bp)
