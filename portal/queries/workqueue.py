"""The case workers' queue: open cases by deadline, with who took each one and what is new in it; taking a
case; finding a case by its number. Nothing here commits: the request does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from math import ceil

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.db import get_session
from portal.models.cases import Statustype, Zaak, Zaaktype
from portal.models.workbench import ZaakBehandelaar
from portal.queries import seen
from portal.queries.cases import Page
from portal.queries.reports import REFERENCE_ALPHABET

_REFERENCE = re.compile(rf"ZK([{REFERENCE_ALPHABET}]{{4}})([{REFERENCE_ALPHABET}]{{4}})")
_QUEUE_COLUMNS = (
    Zaak.identificatie,
    Zaak.einddatum_gepland,
    Zaak.verwachte_einddatum,
    Zaak.startdatum,
    Zaak.einddatum,
    Zaak.status_gezet_op,
    Zaak.zaaktype_id,
    Zaaktype.omschrijving.label("zaaktype"),
    Zaaktype.omschrijving_en.label("zaaktype_en"),
    Statustype.volgnummer,
    Statustype.omschrijving.label("status"),
    Statustype.omschrijving_en.label("status_en"),
    ZaakBehandelaar.medewerker_naam.label("behandelaar"),
    ZaakBehandelaar.medewerker_sub.label("behandelaar_sub"),
)


def queue(
    zaaktype_id: int | None = None, *, assignee_sub: str | None = None, page: int = 1, per_page: int = 50
) -> Page:
    """Open cases, the earliest planned end date (so the late and nearly late ones) first. With `assignee_sub`:
    only the cases that case worker took ("Mijn werk")."""
    db = get_session()
    conditions = [Zaak.einddatum.is_(None)]
    if zaaktype_id:
        # Every version of the chosen case type: open cases keep the version they started on.
        same_type = select(Zaaktype.identificatie).where(Zaaktype.id == zaaktype_id).scalar_subquery()
        conditions.append(Zaak.zaaktype_id.in_(select(Zaaktype.id).where(Zaaktype.identificatie == same_type)))
    if assignee_sub:
        conditions.append(ZaakBehandelaar.medewerker_sub == assignee_sub)
    counted = select(func.count()).select_from(Zaak)
    if assignee_sub:
        counted = counted.join(ZaakBehandelaar, ZaakBehandelaar.zaak_id == Zaak.id)
    total = db.scalar(counted.where(*conditions))
    page = min(max(page, 1), max(1, ceil(total / per_page)))
    rows = db.execute(
        select(Zaak, *_QUEUE_COLUMNS, *seen.staff_news_columns())
        .join(Zaaktype, Zaak.zaaktype_id == Zaaktype.id)
        .outerjoin(Statustype, Zaak.statustype_id == Statustype.id)
        .outerjoin(ZaakBehandelaar, ZaakBehandelaar.zaak_id == Zaak.id)
        .where(*conditions)
        .order_by(Zaak.einddatum_gepland, Zaak.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return Page(items=list(rows), total=total, number=page, per_page=per_page)


def normalize_reference(typed: str) -> str | None:
    """'zk 7k4m 9q2x', 'ZK-7K4M-9Q2X ' → 'ZK-7K4M-9Q2X'; None when it cannot be a case number."""
    compact = re.sub(r"[\s\-‐‑–—_.]", "", (typed or "")[:64]).upper()
    match = _REFERENCE.fullmatch(compact)
    return f"ZK-{match.group(1)}-{match.group(2)}" if match else None


def exists_reference(reference: str) -> bool:
    return get_session().scalar(select(Zaak.id).where(Zaak.identificatie == reference)) is not None


@dataclass(frozen=True)
class Assignee:
    sub: str
    name: str


def assignee(zaak: Zaak) -> Assignee | None:
    row = get_session().get(ZaakBehandelaar, zaak.id)
    return Assignee(row.medewerker_sub, row.medewerker_naam) if row else None


def take(zaak: Zaak, *, sub: str, name: str) -> tuple[bool, Assignee]:
    """The case worker takes the case. Two at once: the primary key lets one insert win; the other gets
    (False, whoever has it)."""
    db = get_session()
    current = assignee(zaak)
    if current is not None:
        return current.sub == sub, current
    try:
        with db.begin_nested():
            db.add(ZaakBehandelaar(zaak_id=zaak.id, medewerker_sub=sub, medewerker_naam=name[:120]))
            db.flush()
    except IntegrityError:
        db.expire_all()
        current = assignee(zaak)
        return current.sub == sub, current
    return True, Assignee(sub, name)
