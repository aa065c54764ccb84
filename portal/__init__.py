"""MijnGemeente: the application factory."""

from __future__ import annotations

from flask import Flask

from portal.config import ROOT, load_config


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.update(load_config(config_name, overrides))

    from portal import assets, db, i18n, limits, logs, pagecache, robots, security, sessions
    from portal.eforms import fields as eform_fields
    from portal.extensions import csrf
    from portal.integrations import bag, brp

    logs.init_app(app)
    db.init_app(app, engine=(overrides or {}).get("DB_ENGINE"))
    sessions.init_app(app)
    pagecache.init_app(app)
    csrf.init_app(app)
    limits.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    robots.init_app(app)
    assets.init_app(app)
    brp.init_app(app)
    bag.init_app(app)
    eform_fields.init_app(app)
    _register_blueprints(app)
    _register_cli(app)
    from portal import uow

    uow.init_app(app)  # last: see portal/uow.py
    return app


def _register_blueprints(app: Flask) -> None:
    from portal import errors
    from portal.appointments import init_app as init_appointments
    from portal.auth import init_app as init_auth
    from portal.cases.views import bp as cases_bp
    from portal.eforms import init_app as init_eforms
    from portal.formadmin import init_app as init_formadmin
    from portal.formbuilder import init_app as init_formbuilder
    from portal.pages import bp as pages_bp
    from portal.staff import init_app as init_staff

    errors.init_app(app)
    init_auth(app)
    app.register_blueprint(pages_bp)
    app.register_blueprint(cases_bp)
    init_appointments(app)
    init_formadmin(app)
    init_eforms(app)
    init_staff(app)
    init_formbuilder(app)
    if app.config["MAIL_BACKEND"] == "mailbox":
        from portal.mailbox import bp as mailbox_bp

        app.register_blueprint(mailbox_bp)
    if app.config["MOCK_DIGID_ENABLED"]:
        from portal.mock_digid import init_app as init_mock_digid

        init_mock_digid(app)
    if app.config["MOCK_BRP_ENABLED"]:
        from portal.mock_brp import init_app as init_mock_brp

        init_mock_brp(app)
    if app.config["MOCK_BAG_ENABLED"]:
        from portal.mock_bag import init_app as init_mock_bag

        init_mock_bag(app)


def _register_cli(app: Flask) -> None:
    from portal import cli

    cli.init_app(app)
