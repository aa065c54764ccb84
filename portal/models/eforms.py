"""The e-form runner's state on the server (CONVENTIONS habit 7): drafts, their uploads, and submissions.

A draft is pinned to one published form version and owned by a logged-in resident (their pseudonymous `sub`,
never the BSN) or by an anonymous visitor's session key. It holds the answers as they were saved step by
step, the prefill snapshot taken once at the start (with its source and time), and the step the resident
was on. A draft expires after the form's `drafts.keep_days`.

A submission is unique per draft: of two submits of one draft (a double click, a retry, two tabs) the
database lets exactly one row in, so there is one case and one reference.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from portal.db import Base, utcnow


class FormDraft(Base):
    __tablename__ = "form_draft"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)  # random, the only id in URLs
    owner: Mapped[str] = mapped_column(String(100), index=True)  # "resident:<sub>" or "visitor:<key>"
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_version.id"), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    prefill: Mapped[dict] = mapped_column(JSON, default=dict)  # the snapshot: {"brp": …, "contact": …, "status", …}
    current_step: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    personal_data_removed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    files: Mapped[list[DraftFile]] = relationship(
        back_populates="draft", cascade="all, delete-orphan", order_by="DraftFile.id"
    )


class DraftFile(Base):
    """An upload kept with the draft until it is submitted (then it becomes a case document)."""

    __tablename__ = "form_draft_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("form_draft.id", ondelete="CASCADE"), index=True)
    field_id: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    draft: Mapped[FormDraft] = relationship(back_populates="files")


class FormSubmission(Base):
    __tablename__ = "form_submission"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("form_draft.id", ondelete="SET NULL"), unique=True, nullable=True)
    draft_public_id: Mapped[str] = mapped_column(String(32), unique=True)  # stays after the draft is deleted
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_version.id"), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    owner: Mapped[str] = mapped_column(String(100), index=True)
    outcome: Mapped[dict] = mapped_column(JSON, default=dict)  # the outcome rule that was taken
    reference: Mapped[str] = mapped_column(String(16), default="")  # the case's reference
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id", ondelete="SET NULL"), nullable=True)
    callback_zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id", ondelete="SET NULL"), nullable=True)
    language: Mapped[str] = mapped_column(String(8), default="nl")
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    aftercare_done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
