from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class DataCorrectionReport(Base):
    """A resident says something in the BRP is wrong. Stored for staff (Burgerzaken) to check."""

    __tablename__ = "data_correction_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resident_sub: Mapped[str] = mapped_column(String(128))
    # The BSN is needed by staff to correct the register; it is never shown in a URL or log.
    bsn: Mapped[str] = mapped_column(String(9))
    topic: Mapped[str] = mapped_column(String(32))
    explanation: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="nieuw")
