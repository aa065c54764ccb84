"""`flask forms import [--live]`, `flask forms export SLUG [--version N]` and `flask forms publish-due`.

forms/ stays the source of the forms we ship. Import never overwrites what staff made: when the newest
version of a form was published by staff in the portal, and the file is not that version, the file is
skipped with a message (export the staff version to bring it back into forms/ first).

publish-due is for cron, every few minutes; running it twice publishes nothing twice:

    */5 * * * *  cd /srv/mijngemeente && .venv/bin/flask --app wsgi forms publish-due
"""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.orm import Session

from portal.formadmin.concepts import canonical_yaml
from portal.formdefs import content_hash, validate_file
from portal.formdefs.commands import forms_cli
from portal.formdefs.loader import shipped_paths
from portal.formdefs.publish import publish
from portal.queries import formadmin as queries
from portal.queries import forms as form_queries

IMPORTER = "flask forms import"


def import_file(db: Session, path: Path, *, live: bool) -> str:
    """Import one file as a concept (or, with `live`, a new live version). One line says what happened."""
    result = validate_file(path)
    if not result.ok:
        return f"{path.name}: not imported, it has problems:\n" + "\n".join(
            f"  {problem}" for problem in result.problems
        )
    slug, digest = result.slug, content_hash(result.definition)
    newest = form_queries.newest_version(db, slug)
    if newest is not None and newest.content_hash == digest:
        return f"{path.name}: unchanged (version {newest.version})"
    if newest is not None and newest.id in queries.staff_version_ids(db, slug):
        return (
            f"{path.name}: skipped, staff published version {newest.version} in the portal after this file; "
            f"export it first (flask forms export {slug})"
        )
    if live:
        published = publish(db, result, published_by=IMPORTER, change_note=f"imported from forms/{path.name}")
        queries.add_audit(
            db, staff_sub=IMPORTER, staff_name=IMPORTER, action="imported", slug=slug,
            version_id=published.version_id, detail={"source": path.name, "version": published.version},
        )  # fmt: skip
        return f"{path.name}: live as version {published.version}"
    text = path.read_text(encoding="utf-8")
    if any(concept.definition_yaml == text for concept in queries.concepts(db, slug=slug)):
        return f"{path.name}: an open concept with this text exists already"
    concept = queries.create_concept(
        db, slug=slug, definition_yaml=text, staff_name=IMPORTER, based_on_version_id=newest.id if newest else None
    )
    queries.add_audit(
        db, staff_sub=IMPORTER, staff_name=IMPORTER, action="imported", slug=slug, concept_id=concept.id,
        detail={"source": path.name},
    )  # fmt: skip
    return f"{path.name}: imported as a concept"


def export_text(db: Session, slug: str, version: int | None = None) -> str | None:
    """The canonical YAML of the live version (or of `version`); None when there is no such version."""
    if version is None:
        stored = form_queries.live_version(db, slug)
    else:
        stored = next((item for item in form_queries.versions_of(db, slug) if item.version == version), None)
    return canonical_yaml(stored.definition) if stored else None


@forms_cli.command("import")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--live", is_flag=True, help="Publish as live versions instead of making concepts.")
def import_command(paths: tuple[Path, ...], live: bool):
    """Import forms/*.yaml (or PATHS) as concepts, or with --live as live versions; never over staff versions."""
    from portal.db import get_session

    db = get_session()
    for path in paths or shipped_paths():
        click.echo(import_file(db, path, live=live))
    db.commit()


@forms_cli.command("export")
@click.argument("slug")
@click.option("--version", "version", type=int, default=None, help="A version number (default: the live one).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File (default: stdout).")
def export_command(slug: str, version: int | None, output: Path | None):
    """Write a form's live version (or --version N) as canonical YAML."""
    from portal.db import get_session

    text = export_text(get_session(), slug, version)
    if text is None:
        raise click.ClickException(f"{slug}: no such version")
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@forms_cli.command("publish-due")
def publish_due_command():
    """Publish the concepts whose planned moment has come (for cron; idempotent)."""
    from portal.db import get_session
    from portal.formadmin.publishing import publish_due

    db = get_session()
    lines = publish_due(db)
    db.commit()
    for line in lines or ["Nothing to publish."]:
        click.echo(line)
