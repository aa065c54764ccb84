"""Published form definitions: a form by its slug, and its immutable versions.

A version's content (the definition as JSON, its sha256 `content_hash`, number, who published it, when and
why) never changes once stored: a flush that tries is refused. Only `status` moves on: draft → live →
retired. A draft of the runner pins a version's id, so a resident who started on a version finishes on it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow

STATUSES = ("draft", "live", "retired")
IMMUTABLE = ("form_id", "version", "content_hash", "definition", "published_at", "published_by", "change_note")


class FormDefinition(Base):
    __tablename__ = "form_definition"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    versions: Mapped[list[FormVersion]] = relationship(back_populates="form", order_by="FormVersion.version")


class FormVersion(Base):
    __tablename__ = "form_version"
    __table_args__ = (UniqueConstraint("form_id", "version", name="uq_form_version_form_id_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("form_definition.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    definition: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(8), default="draft")
    published_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    published_by: Mapped[str] = mapped_column(String(200))
    change_note: Mapped[str] = mapped_column(Text, default="")

    form: Mapped[FormDefinition] = relationship(back_populates="versions")


class ImmutableVersionError(ValueError):
    """Someone tried to change a stored version's content: make a new version instead."""


@event.listens_for(FormVersion, "before_update")
def _refuse_content_changes(_mapper, _connection, target: FormVersion) -> None:
    state = inspect(target)
    changed = [name for name in IMMUTABLE if state.attrs[name].history.has_changes()]
    if changed:
        raise ImmutableVersionError(
            f"form version {target.id}: {', '.join(changed)} cannot change; publish a new version"
        )
