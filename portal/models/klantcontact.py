"""Klantcontacten: a note of a contact with a resident (a call, a visit at the desk), on a case or without one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow

CHANNELS = ("telefoon", "balie", "email", "chat", "post")


class Klantcontact(Base):
    __tablename__ = "klantcontact"
    __table_args__ = (Index("ix_klantcontact_bsn", "bsn", "aangemaakt_op"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The resident the contact was with; never shown in a URL or log line.
    bsn: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id", ondelete="SET NULL"), nullable=True)
    kanaal: Mapped[str] = mapped_column(String(16))
    onderwerp: Mapped[str] = mapped_column(String(200))
    tekst: Mapped[str] = mapped_column(Text)
    medewerker_sub: Mapped[str] = mapped_column(String(255))
    medewerker_naam: Mapped[str] = mapped_column(String(120))
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
