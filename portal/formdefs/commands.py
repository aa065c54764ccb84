"""`flask forms validate|publish|list`. A CLI command commits its own work."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from portal.formdefs.loader import shipped_paths
from portal.formdefs.validate import validate_file

forms_cli = AppGroup("forms", help="Form definitions in forms/: validate, publish, list.")
_PATHS = click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))


@forms_cli.command("validate")
@_PATHS
def validate_command(paths: tuple[Path, ...]):
    """Check definitions (default: every forms/*.yaml). Exit 1 when one has problems."""
    failed = 0
    for path in paths or shipped_paths():
        result = validate_file(path)
        if result.ok:
            click.echo(f"{path.name}: ok")
            continue
        failed += 1
        for problem in result.problems:
            click.echo(str(problem), err=True)
    if failed:
        raise click.exceptions.Exit(1)
    click.echo("All form definitions are valid.")


@forms_cli.command("publish")
@_PATHS
@click.option("--note", default="", help="Why this version: shown in the version history.")
@click.option("--by", "published_by", default="flask forms publish", help="Who publishes.")
def publish_command(paths: tuple[Path, ...], note: str, published_by: str):
    """Publish definitions (default: every forms/*.yaml): a new version of each changed one."""
    from portal.db import get_session
    from portal.formdefs.publish import PublishError, publish_files

    db = get_session()
    try:
        results = publish_files(db, list(paths) or None, published_by=published_by, change_note=note)
    except PublishError as error:
        db.rollback()
        click.echo(str(error), err=True)
        click.echo("Nothing was published.", err=True)
        raise click.exceptions.Exit(1) from error
    db.commit()
    for result in results:
        click.echo(str(result))


@forms_cli.command("list")
def list_command():
    """Every published form: slug, live version, hash prefix, published at."""
    from portal.db import get_session
    from portal.queries.forms import list_forms

    rows = list_forms(get_session())
    if not rows:
        click.echo("No forms published yet. Run: flask forms publish")
    for slug, live in rows:
        if live is None:
            click.echo(f"{slug}  (no live version)")
        else:
            click.echo(f"{slug}  v{live.version}  {live.content_hash[:12]}  {live.published_at:%Y-%m-%d %H:%M} UTC")
