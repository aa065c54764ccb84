"""Flask CLI commands: `flask --app wsgi db-upgrade`, `seed-demo`, `purge-sessions`."""

from __future__ import annotations

import click
from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app

from portal.config import ROOT


def alembic_config(database_url: str) -> AlembicConfig:
    config = AlembicConfig(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_database(database_url: str) -> None:
    if database_url.startswith("sqlite:///"):
        (ROOT / "instance").mkdir(exist_ok=True)
    command.upgrade(alembic_config(database_url), "head")


def init_app(app: Flask) -> None:
    @app.cli.command("db-upgrade")
    def db_upgrade():
        """Bring the database schema up to date (Alembic)."""
        upgrade_database(current_app.config["DATABASE_URL"])
        click.echo("Database is up to date.")

    @app.cli.command("seed-demo")
    def seed_demo():
        """Load the demo data (idempotent: running it twice changes nothing)."""
        from portal.demo import load_demo_data

        click.echo(load_demo_data())

    @app.cli.command("purge-sessions")
    def purge_sessions():
        """Delete expired sessions (run from cron in production)."""
        removed = current_app.extensions["session_store"].purge_expired()
        click.echo(f"Removed {removed} expired sessions.")
