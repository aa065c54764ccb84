"""`flask forms cleanup` (scheduled): drafts past their time go, and so does the portal's copy of a sent
draft's personal data once it is safely in the case (the aftercare ran, or the grace period passed)."""

from __future__ import annotations

from datetime import timedelta

import click

from portal.db import utcnow
from portal.eforms import aftercare
from portal.formdefs.commands import forms_cli
from portal.queries import eforms as queries

GRACE = timedelta(days=2)


def cleanup(db, now=None, grace: timedelta = GRACE) -> tuple[int, int]:
    now = now or utcnow()
    aftercare.forget_delivered(db)  # the answers kept with delivered receipts and emails go too
    return queries.delete_expired_drafts(db, now), queries.scrub_submitted(db, now, grace)


@forms_cli.command("cleanup")
@click.option("--grace-hours", default=int(GRACE.total_seconds() // 3600), help="Wait this long after a submit.")
def cleanup_command(grace_hours: int):
    """Delete expired drafts, and the personal data of sent drafts that are in their case."""
    from portal.db import get_session

    db = get_session()
    expired, scrubbed = cleanup(db, grace=timedelta(hours=grace_hours))
    db.commit()
    click.echo(f"Deleted {expired} expired draft(s); removed the personal data of {scrubbed} sent draft(s).")
