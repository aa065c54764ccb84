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
from portal.models.formadmin import FormAuditEntry, FormConcept, FormRetirement
from portal.models.forms import FormDefinition


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
    staff_sub: str = ""


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
    return [_audit_info(row) for row in db.scalars(query)]


def _audit_info(row: FormAuditEntry) -> AuditInfo:
    return AuditInfo(
        row.at, row.staff_name, row.action, row.slug, row.concept_id, row.version_id, row.detail, row.staff_sub
    )


def concept_audit(db: Session, concept_id: int) -> list[AuditInfo]:
    """Every entry about one concept, oldest first (who wrote it, who approved which revision)."""
    query = (
        select(FormAuditEntry)
        .where(FormAuditEntry.concept_id == concept_id)
        .order_by(FormAuditEntry.at, FormAuditEntry.id)
    )
    return [_audit_info(row) for row in db.scalars(query)]


def concept_authors(db: Session, concept_id: int) -> set[str]:
    """The staff subs who created or saved the concept: they cannot approve it."""
    query = select(FormAuditEntry.staff_sub).where(
        FormAuditEntry.concept_id == concept_id, FormAuditEntry.action.in_(AUTHOR_ACTIONS)
    )
    return set(db.scalars(query))


AUTHOR_ACTIONS = ("concept_created", "concept_saved", "concept_uploaded", "concept_restored", "imported")


def staff_version_ids(db: Session, slug: str) -> set[int]:
    """The versions of a form that staff published in the portal (not from forms/ by a command)."""
    query = select(FormAuditEntry.version_id).where(
        FormAuditEntry.slug == slug, FormAuditEntry.action == "published", FormAuditEntry.version_id.is_not(None)
    )
    return set(db.scalars(query))


def due_concepts(db: Session, now: datetime) -> list[ConceptInfo]:
    query = (
        select(FormConcept)
        .where(FormConcept.state == "open", FormConcept.publish_at.is_not(None), FormConcept.publish_at <= now)
        .order_by(FormConcept.publish_at, FormConcept.id)
    )
    return [_concept_info(row) for row in db.scalars(query)]


@dataclass(frozen=True)
class RetirementInfo:
    slug: str
    message: dict
    retired_at: datetime
    retired_by: str


def retire_form(db: Session, slug: str, *, message: dict, staff_name: str) -> RetirementInfo | None:
    """Take a published form out of use (None when no form has this slug). Retiring again replaces the message."""
    form = db.scalar(select(FormDefinition).where(FormDefinition.slug == slug))
    if form is None:
        return None
    row = db.scalar(select(FormRetirement).where(FormRetirement.form_id == form.id))
    if row is None:
        row = FormRetirement(form_id=form.id, message=message, retired_by=staff_name)
        db.add(row)
    else:
        row.message, row.retired_by, row.retired_at = message, staff_name, utcnow()
    db.flush()
    return RetirementInfo(slug, row.message, row.retired_at, row.retired_by)


def lift_retirement(db: Session, slug: str) -> bool:
    """A new version was published: the form is in use again. True when it was retired."""
    row = db.scalar(select(FormRetirement).join(FormDefinition).where(FormDefinition.slug == slug))
    if row is None:
        return False
    db.delete(row)
    db.flush()
    return True


def retirements(db: Session) -> dict[str, RetirementInfo]:
    query = select(FormDefinition.slug, FormRetirement).join(
        FormRetirement, FormRetirement.form_id == FormDefinition.id
    )
    return {slug: RetirementInfo(slug, row.message, row.retired_at, row.retired_by) for slug, row in db.execute(query)}


def retirement_message(db: Session, slug: str, lang: str) -> str | None:
    """For the runner's start page: the text that tells residents where to go instead, in `lang` (Dutch when
    that language is missing), or None when the form is in use."""
    message = db.scalar(select(FormRetirement.message).join(FormDefinition).where(FormDefinition.slug == slug))
    if message is None:
        return None
    return message.get(lang) or message.get("nl") or next(iter(message.values()), "")
