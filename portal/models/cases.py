"""The case store, shaped like the ZGW APIs (Catalogi and Zaken), so that an adapter to Open Zaak is a mapping.

Field names follow ZGW: a Zaaktype has ordered Statustypen; a Zaak has a Status history, documents
(EnkelvoudigInformatieObject), messages and tasks. Terms are a number of calendar days, working days or weeks
(portal/cases/termijnen.py); step durations are days.
The initiator's BSN (ZGW: Rol initiator, betrokkeneIdentificatie.inpBsn) is stored to find a resident's
cases; it never appears in a URL, a log line or an email.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from portal.db import Base, utcnow

# ZGW VertrouwelijkheidaanduidingEnum, from open to most restricted.
CONFIDENTIALITY_LEVELS = (
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
)
# What the initiator may see of their own case.
VISIBLE_TO_INITIATOR = frozenset({"openbaar", "beperkt_openbaar", "zaakvertrouwelijk"})


class Zaaktype(Base):
    """One version of a kind of case, loaded from a readable definition in casetypes/.

    A version never changes once loaded: a changed definition becomes a new row with the same `identificatie`
    and the next `versie` (ZGW keeps versions of a zaaktype the same way). A case points at the version it
    started on, so its steps and terms stay what they were when it started. `inhoud_hash` is the sha256 of the
    definition's canonical JSON; loading the same definition again finds it and makes no new version.
    """

    __tablename__ = "zaaktype"
    __table_args__ = (UniqueConstraint("identificatie", "versie", name="uq_zaaktype_identificatie_versie"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identificatie: Mapped[str] = mapped_column(String(64), index=True)
    versie: Mapped[int] = mapped_column(Integer, default=1)
    inhoud_hash: Mapped[str] = mapped_column(String(64))
    geladen_op: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    omschrijving: Mapped[str] = mapped_column(String(200))
    omschrijving_en: Mapped[str] = mapped_column(String(200))
    # ZGW servicenorm: what the municipality promises. ZGW doorlooptijd: the legal deadline, if any. Each is a
    # number of kalenderdagen, werkdagen or weken (portal/cases/termijnen.py).
    servicenorm_aantal: Mapped[int] = mapped_column(Integer)
    servicenorm_eenheid: Mapped[str] = mapped_column(String(16), default="kalenderdagen")
    doorlooptijd_aantal: Mapped[int | None] = mapped_column(Integer, nullable=True)
    doorlooptijd_eenheid: Mapped[str | None] = mapped_column(String(16), nullable=True)
    opschorting_en_aanhouding_mogelijk: Mapped[bool] = mapped_column(Boolean, default=False)
    verlenging_mogelijk: Mapped[bool] = mapped_column(Boolean, default=False)
    verlengingstermijn_dagen: Mapped[int | None] = mapped_column(Integer, nullable=True)

    statustypen: Mapped[list[Statustype]] = relationship(
        back_populates="zaaktype", order_by="Statustype.volgnummer", lazy="selectin"
    )


class Statustype(Base):
    """One step of a case type. `statustekst` tells the resident what the step means for them (B1)."""

    __tablename__ = "statustype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "volgnummer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"))
    volgnummer: Mapped[int] = mapped_column(Integer)
    omschrijving: Mapped[str] = mapped_column(String(120))
    omschrijving_en: Mapped[str] = mapped_column(String(120))
    statustekst: Mapped[str] = mapped_column(Text)
    statustekst_en: Mapped[str] = mapped_column(Text)
    informeren: Mapped[bool] = mapped_column(Boolean, default=True)
    doorlooptijd_dagen: Mapped[int] = mapped_column(Integer, default=0)

    zaaktype: Mapped[Zaaktype] = relationship(back_populates="statustypen")


class Zaak(Base):
    __tablename__ = "zaak"
    __table_args__ = (
        Index("ix_zaak_initiator_registratie", "initiator_bsn", "registratiedatum"),
        Index("ix_zaak_werkvoorraad", "zaaktype_id", "einddatum", "einddatum_gepland"),
        # The queue over all case types: open cases by deadline, without touching the closed ones.
        Index(
            "ix_zaak_open_deadline",
            "einddatum_gepland",
            postgresql_where=text("einddatum IS NULL"),
            sqlite_where=text("einddatum IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identificatie: Mapped[str] = mapped_column(String(16), unique=True)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id"))
    omschrijving: Mapped[str] = mapped_column(String(200), default="")
    initiator_bsn: Mapped[str] = mapped_column(String(9))
    registratiedatum: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    startdatum: Mapped[date] = mapped_column(Date)
    einddatum_gepland: Mapped[date] = mapped_column(Date)
    uiterlijke_einddatum_afdoening: Mapped[date | None] = mapped_column(Date, nullable=True)
    einddatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    resultaat: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The current status, kept on the case so that a list needs no subquery over the history.
    statustype_id: Mapped[int | None] = mapped_column(ForeignKey("statustype.id"), nullable=True)
    status_gezet_op: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Why the case runs late, in words for the resident, and the new date staff expect.
    vertraging_reden: Mapped[str | None] = mapped_column(Text, nullable=True)
    verwachte_einddatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    # ZGW opschorting (indicatie, reden): the clock stops while we wait for the resident. `opgeschort_sinds` is
    # the day it stopped; `opgeschorte_dagen` the days of earlier suspensions, by which the end dates moved.
    opschorting_indicatie: Mapped[bool] = mapped_column(Boolean, default=False)
    opschorting_reden: Mapped[str | None] = mapped_column(String(200), nullable=True)
    opgeschort_sinds: Mapped[date | None] = mapped_column(Date, nullable=True)
    opgeschorte_dagen: Mapped[int] = mapped_column(Integer, default=0)
    # ZGW verlenging (duur, reden): one extension of the term, when the case type allows it.
    verlenging_duur_dagen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    verlenging_reden: Mapped[str | None] = mapped_column(String(200), nullable=True)

    zaaktype: Mapped[Zaaktype] = relationship(lazy="joined", innerjoin=True)
    statustype: Mapped[Statustype | None] = relationship(lazy="joined")
    statussen: Mapped[list[Status]] = relationship(back_populates="zaak", order_by="Status.datum_status_gezet")

    @property
    def is_open(self) -> bool:
        return self.einddatum is None


class Status(Base):
    __tablename__ = "zaak_status"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    statustype_id: Mapped[int] = mapped_column(ForeignKey("statustype.id"))
    datum_status_gezet: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    statustoelichting: Mapped[str] = mapped_column(Text, default="")
    gezet_door: Mapped[str] = mapped_column(String(120), default="")

    zaak: Mapped[Zaak] = relationship(back_populates="statussen")
    statustype: Mapped[Statustype] = relationship(lazy="joined")


class Document(Base):
    """ZGW EnkelvoudigInformatieObject, with its content in the row (a DMS adapter can replace that)."""

    __tablename__ = "zaak_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    taak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak_taak.id", ondelete="SET NULL"), nullable=True)
    titel: Mapped[str] = mapped_column(String(200))
    bestandsnaam: Mapped[str] = mapped_column(String(255))
    formaat: Mapped[str] = mapped_column(String(100))
    bestandsomvang: Mapped[int] = mapped_column(Integer)
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(32), default="zaakvertrouwelijk")
    auteur: Mapped[str] = mapped_column(String(16))  # "gemeente" or "inwoner"
    creatiedatum: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    inhoud: Mapped[bytes] = deferred(mapped_column(LargeBinary))


class Bericht(Base):
    """A message on a case, either way. `gelezen_op` is when the resident read a message from us."""

    __tablename__ = "zaak_bericht"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    richting: Mapped[str] = mapped_column(String(16))  # "gemeente" (to the resident) or "inwoner"
    onderwerp: Mapped[str] = mapped_column(String(200))
    tekst: Mapped[str] = mapped_column(Text)
    afzender: Mapped[str] = mapped_column(String(120), default="")
    verzonden_op: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    gelezen_op: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Taak(Base):
    """Something we need from the resident, with a due date. Answered with text and files."""

    __tablename__ = "zaak_taak"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    titel: Mapped[str] = mapped_column(String(200))
    toelichting: Mapped[str] = mapped_column(Text)
    uiterlijk: Mapped[date] = mapped_column(Date)
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    afgerond_op: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    antwoord: Mapped[str | None] = mapped_column(Text, nullable=True)

    @property
    def is_open(self) -> bool:
        return self.afgerond_op is None
