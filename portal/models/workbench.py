"""What the workbench and Mijn zaken remember about a case beside the ZGW data: who works on it, and when the
resident and the case workers last looked at it (to mark what is new)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class ZaakGezien(Base):
    """When the resident (`inwoner_op`) and any case worker (`medewerker_op`) last opened the case."""

    __tablename__ = "zaak_gezien"

    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), primary_key=True)
    inwoner_op: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    medewerker_op: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ZaakBehandelaar(Base):
    """The case worker who took the case ("Ik pak deze op"). One row per case: the primary key makes sure two
    case workers taking it at once cannot both win. ZGW: a Rol of type behandelaar."""

    __tablename__ = "zaak_behandelaar"

    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), primary_key=True)
    medewerker_sub: Mapped[str] = mapped_column(String(255), index=True)
    medewerker_naam: Mapped[str] = mapped_column(String(120))
    sinds: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
