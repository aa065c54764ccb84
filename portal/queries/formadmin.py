"""Concepts of form definitions and the audit log (staff publishing). Adds and flushes; the request commits.

No model object leaves this module: callers get `ConceptInfo` and `AuditInfo`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.db import utcnow
from portal.models.formadmin import FormAuditEntry, FormConcept


class ConceptConflict(ValueError):
    """The concept was saved by somebody else since this edit began; nothing was stored."""

    def __init__(self, current: ConceptInfo):
        super().__init__(f"concept {current.public_id} is at revision {current.revision}")
        self.current = current


@dataclass(frozen=True)
class ConceptInfo:
    id: int
    public_id: str
    slug: str
    definition_yaml: str
    revision: int
    state: str
    based_on_version_id: int | None
    publish_at: datetime | None
    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True)
class AuditInfo:
    at: datetime
    staff_name: str
    action: str
    slug: str
    concept_id: int | None
    version_id: int | None
    detail: dict


def _concept_info(row: FormConcept) -> ConceptInfo:
    return ConceptInfo(
        row.id,
        row.public_id,
        row.slug,
        row.definition_yaml,
        row.revision,
        row.state,
        row.based_on_version_id,
        row.publish_at,
        row.created_by,
        row.created_at,
        row.updated_by,
        row.updated_at,
    )


def create_concept(
    db: Session, *, slug: str, definition_yaml: str, staff_name: str, based_on_version_id: int | None = None
) -> ConceptInfo:
    row = FormConcept(
        public_id=str(uuid.uuid4()),
        slug=slug,
        definition_yaml=definition_yaml,
        based_on_version_id=based_on_version_id,
        created_by=staff_name,
        updated_by=staff_name,
    )
    db.add(row)
    db.flush()
    return _concept_info(row)


def get_concept(db: Session, public_id: str) -> ConceptInfo | None:
    row = db.scalar(select(FormConcept).where(FormConcept.public_id == public_id))
    return _concept_info(row) if row else None


def concepts(db: Session, *, state: str | None = "open", slug: str | None = None) -> list[ConceptInfo]:
    query = select(FormConcept).order_by(FormConcept.updated_at.desc())
    if state is not None:
        query = query.where(FormConcept.state == state)
    if slug is not None:
        query = query.where(FormConcept.slug == slug)
    return [_concept_info(row) for row in db.scalars(query)]


def save_concept(
    db: Session, public_id: str, *, definition_yaml: str, expected_revision: int, staff_name: str, **changes
) -> ConceptInfo:
    """Store a new text when the concept is still at `expected_revision` (one conditional UPDATE, so of two
    saves at the same moment exactly one wins); otherwise ConceptConflict with what is stored now.
    `changes` may set `slug`, `state` or `publish_at` in the same update."""
    allowed = {key: value for key, value in changes.items() if key in ("slug", "state", "publish_at")}
    result = db.execute(
        update(FormConcept)
        .where(FormConcept.public_id == public_id, FormConcept.revision == expected_revision)
        .values(
            definition_yaml=definition_yaml,
            revision=FormConcept.revision + 1,
            updated_by=staff_name,
            updated_at=utcnow(),
            **allowed,
        )
        .execution_options(synchronize_session=False)
    )
    db.expire_all()
    current = get_concept(db, public_id)
    if current is None:
        raise LookupError(public_id)
    if result.rowcount != 1:
        raise ConceptConflict(current)
    return current


def add_audit(
    db: Session,
    *,
    staff_sub: str,
    staff_name: str,
    action: str,
    slug: str,
    concept_id: int | None = None,
    version_id: int | None = None,
    detail: dict | None = None,
) -> None:
    db.add(
        FormAuditEntry(
            staff_sub=staff_sub,
            staff_name=staff_name,
            action=action,
            slug=slug,
            concept_id=concept_id,
            version_id=version_id,
            detail=detail or {},
        )
    )
    db.flush()


def audit_entries(db: Session, *, slug: str | None = None, limit: int = 200) -> list[AuditInfo]:
    query = select(FormAuditEntry).order_by(FormAuditEntry.at.desc(), FormAuditEntry.id.desc()).limit(limit)
    if slug is not None:
        query = query.where(FormAuditEntry.slug == slug)
    return [
        AuditInfo(row.at, row.staff_name, row.action, row.slug, row.concept_id, row.version_id, row.detail)
        for row in db.scalars(query)
    ]
