"""Staff work on form definitions (issue 12): concepts being edited, and the audit log of every change.

A concept (what staff call a draft of a form definition; "draft" is taken by the residents' half-filled forms)
holds the YAML text itself, so the editor shows exactly what was saved and the builder and the editor share
one source. `revision` goes up by one on every save; a save names the revision it started from, and a
stale one is refused (two publishers never silently overwrite each other).

Audit entries are append-only: an update or delete through the ORM is refused, and the migration gives
PostgreSQL a trigger that refuses it at the database too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow

CONCEPT_STATES = ("open", "published", "discarded")


class FormConcept(Base):
    __tablename__ = "form_concept"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    slug: Mapped[str] = mapped_column(String(64), index=True)
    definition_yaml: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(10), default="open")
    based_on_version_id: Mapped[int | None] = mapped_column(ForeignKey("form_version.id"), nullable=True)
    publish_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FormRetirement(Base):
    """A form taken out of use, with the message that tells residents where to go instead ({nl, en})."""

    __tablename__ = "form_retirement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("form_definition.id"), unique=True)
    message: Mapped[dict] = mapped_column(JSON)
    retired_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    retired_by: Mapped[str] = mapped_column(String(200))


class FormAuditEntry(Base):
    __tablename__ = "form_audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    staff_sub: Mapped[str] = mapped_column(String(200))
    staff_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    slug: Mapped[str] = mapped_column(String(64), index=True)
    concept_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class AuditLogIsAppendOnly(ValueError):
    """Somebody tried to change or remove an audit entry."""


@event.listens_for(FormAuditEntry, "before_update")
@event.listens_for(FormAuditEntry, "before_delete")
def _refuse_audit_changes(_mapper, _connection, target: FormAuditEntry) -> None:
    raise AuditLogIsAppendOnly(f"form audit entry {target.id} cannot change")
