"""Flask CLI commands: `flask --app wsgi db-upgrade`, `load-casetypes`, `seed-demo`, `outbox-worker`,
`purge-sessions`, `load-agenda`, `appointment-cleanup`, `appointment-reminders`, and `forms validate|publish|list`
(portal/formdefs/commands.py)."""

from __future__ import annotations

import logging

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
    """Load the case types from casetypes/*.yaml: a new version of each changed one, nothing for the rest."""
    from portal.cases.casetypes import CasetypeError, sync_casetypes
    from portal.db import get_session

    db = get_session()
    try:
        results = sync_casetypes(db)
    except CasetypeError as error:
        raise click.ClickException(str(error)) from error
    db.commit()
    for result in results:
        click.echo(str(result))
    click.echo(
        f"{sum(result.new for result in results)} new versions, {sum(not result.new for result in results)} unchanged."
    )


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
    from portal import outbox_worker as worker

    logging.getLogger("portal").info("outbox worker started")
    sent, failed = worker.run(polls=1 if once else None)
    click.echo(f"Sent {sent}, failed {failed}.")


@click.command("purge-sessions")
@with_appcontext
def purge_sessions():
    """Delete expired sessions and the one-time tokens of their forms (run from cron in production)."""
    from datetime import timedelta

    from portal.db import get_session
    from portal.queries.submissions import purge_used

    removed = current_app.extensions["session_store"].purge_expired()
    # A form can be sent again only within its session, so a token older than the session limit is done.
    tokens = purge_used(timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"]))
    get_session().commit()  # a CLI command commits its own work
    click.echo(f"Removed {removed} expired sessions and {tokens} used form tokens.")


def init_app(app: Flask) -> None:
    import portal.eforms.cleanup  # noqa: F401  (adds `forms cleanup` to the forms group)
    from portal.formdefs.commands import forms_cli

    for command_function in (
        db_upgrade,
        seed_demo,
        load_casetypes,
        outbox_worker,
        purge_sessions,
        load_agenda,
        appointment_cleanup,
        appointment_reminders,
        forms_cli,
    ):
        app.cli.add_command(command_function)
