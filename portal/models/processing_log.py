from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class ProcessingLogEntry(Base):
    """Accountability for every read of personal data (Logboek Dataverwerkingen):
    who read, about whom (pseudonymised), what, why and when."""

    __tablename__ = "processing_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(128))  # OIDC sub of the resident or staff member
    actor_type: Mapped[str] = mapped_column(String(16))  # resident | staff | system
    subject_pseudonym: Mapped[str] = mapped_column(String(64), index=True)  # HMAC of the BSN
    activity: Mapped[str] = mapped_column(String(64))  # e.g. brp.raadplegen
    purpose: Mapped[str] = mapped_column(String(128))  # e.g. mijn-gegevens tonen
    data_categories: Mapped[str] = mapped_column(String(512))  # the BRP fields asked for
    outcome: Mapped[str] = mapped_column(String(16))  # found | not-found | unavailable
    request_id: Mapped[str] = mapped_column(String(64), default="")
