"""Flask CLI commands: `flask --app wsgi db-upgrade`, `load-casetypes`, `seed-demo`, `outbox-worker`,
`purge-sessions`, `load-agenda`, `appointment-cleanup`, `appointment-reminders`."""

from __future__ import annotations

import logging
import time

import click
from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app
from flask.cli import with_appcontext

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


@click.command("db-upgrade")
@with_appcontext
def db_upgrade():
    """Bring the database schema up to date (Alembic)."""
    upgrade_database(current_app.config["DATABASE_URL"])
    click.echo("Database is up to date.")


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """Load the case types and the demo data (idempotent: running it twice changes nothing)."""
    from portal.demo import load_demo_data

    click.echo(load_demo_data())


@click.command("load-casetypes")
@with_appcontext
def load_casetypes():
    """Load or update the case types from casetypes/*.yaml."""
    from portal.cases.casetypes import sync_casetypes
    from portal.db import get_session

    click.echo(f"Loaded {sync_casetypes(get_session())} case types.")


@click.command("load-agenda")
@with_appcontext
def load_agenda():
    """Load or update the appointment agenda (locations, opening hours, products) from scheduling/*.yaml."""
    from portal.appointments.agenda import sync_agenda
    from portal.db import get_session

    locations, products = sync_agenda(get_session())
    get_session().commit()
    click.echo(f"Loaded {locations} locations and {products} products.")


@click.command("appointment-cleanup")
@with_appcontext
def appointment_cleanup():
    """Pass on earlier-time offers not taken in time, and free expired holds (the booking path also does)."""
    from portal.appointments.booking import cleanup_expired
    from portal.appointments.waitlist import expire_offers
    from portal.db import get_session

    passed_on = expire_offers(get_session())
    removed = cleanup_expired(get_session())
    get_session().commit()
    click.echo(f"Passed on {passed_on} earlier-time offers; freed {removed} expired holds.")


@click.command("appointment-reminders")
@with_appcontext
def appointment_reminders():
    """Queue a reminder email for every appointment tomorrow (once per appointment; safe to run again)."""
    from portal.appointments.emails import queue_reminders
    from portal.db import get_session

    count = queue_reminders(get_session())
    get_session().commit()
    click.echo(f"Queued {count} reminders.")


@click.command("outbox-worker")
@click.option("--once", is_flag=True, help="Send what is due and stop.")
@with_appcontext
def outbox_worker(once: bool):
    """Send the notifications in the outbox, with retries. Runs until stopped unless --once."""
    from portal.db import get_session
    from portal.notifications import deliver_pending

    logging.getLogger("portal").info("outbox worker started")
    while True:
        sent, failed = deliver_pending()
        get_session().close()
        if once:
            click.echo(f"Sent {sent}, failed {failed}.")
            return
        if not sent:
            time.sleep(current_app.config["OUTBOX_POLL_SECONDS"])


@click.command("purge-sessions")
@with_appcontext
def purge_sessions():
    """Delete expired sessions (run from cron in production)."""
    removed = current_app.extensions["session_store"].purge_expired()
    click.echo(f"Removed {removed} expired sessions.")


def init_app(app: Flask) -> None:
    for command_function in (db_upgrade, seed_demo, load_casetypes, outbox_worker, purge_sessions, load_agenda,
                             appointment_cleanup, appointment_reminders):
        app.cli.add_command(command_function)
