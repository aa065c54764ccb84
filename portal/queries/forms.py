"""Form definitions and their versions. Adds and flushes; the caller commits (a CLI command, or the request)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models.forms import FormDefinition, FormVersion


@dataclass(frozen=True)
class VersionInfo:
    """What callers outside the query layer see of a version (no model object leaves this module)."""

    id: int
    slug: str
    version: int
    content_hash: str
    status: str
    published_at: datetime
    published_by: str
    change_note: str
    definition: dict


def _info(row: FormVersion, slug: str) -> VersionInfo:
    return VersionInfo(
        row.id,
        slug,
        row.version,
        row.content_hash,
        row.status,
        row.published_at,
        row.published_by,
        row.change_note,
        row.definition,
    )


def _form(db: Session, slug: str) -> FormDefinition | None:
    return db.scalar(select(FormDefinition).where(FormDefinition.slug == slug))


def newest_version(db: Session, slug: str) -> VersionInfo | None:
    row = db.scalar(
        select(FormVersion)
        .join(FormDefinition)
        .where(FormDefinition.slug == slug)
        .order_by(FormVersion.version.desc())
        .limit(1)
    )
    return _info(row, slug) if row else None


def live_version(db: Session, slug: str) -> VersionInfo | None:
    row = db.scalar(
        select(FormVersion)
        .join(FormDefinition)
        .where(FormDefinition.slug == slug, FormVersion.status == "live")
        .order_by(FormVersion.version.desc())
        .limit(1)
    )
    return _info(row, slug) if row else None


def version_by_id(db: Session, version_id: int) -> VersionInfo | None:
    """The version a draft pinned, whatever its status now."""
    row = db.get(FormVersion, version_id)
    return _info(row, row.form.slug) if row else None


def versions_of(db: Session, slug: str) -> list[VersionInfo]:
    rows = db.scalars(
        select(FormVersion).join(FormDefinition).where(FormDefinition.slug == slug).order_by(FormVersion.version)
    )
    return [_info(row, slug) for row in rows]


def add_live_version(
    db: Session, slug: str, *, definition: dict, content_hash: str, published_by: str, change_note: str
) -> VersionInfo:
    """Store the next version as live and retire the one that was live. The unique (form, version) pair
    makes the second of two publishes at the same moment fail instead of making two version 3s."""
    form = _form(db, slug)
    if form is None:
        form = FormDefinition(slug=slug)
        db.add(form)
        db.flush()
    newest = db.scalar(
        select(FormVersion.version).where(FormVersion.form_id == form.id).order_by(FormVersion.version.desc()).limit(1)
    )
    for live in db.scalars(select(FormVersion).where(FormVersion.form_id == form.id, FormVersion.status == "live")):
        live.status = "retired"
    row = FormVersion(
        form_id=form.id,
        version=(newest or 0) + 1,
        content_hash=content_hash,
        definition=definition,
        status="live",
        published_by=published_by,
        change_note=change_note,
    )
    db.add(row)
    db.flush()
    return _info(row, slug)


def list_forms(db: Session) -> list[tuple[str, VersionInfo | None]]:
    """Every form by slug with its live version (None when none is live)."""
    slugs = db.scalars(select(FormDefinition.slug).order_by(FormDefinition.slug)).all()
    return [(slug, live_version(db, slug)) for slug in slugs]
