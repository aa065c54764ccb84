"""Reading cases. Every resident query takes the resident's BSN, so another resident's case is never found."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from sqlalchemy import func, select
from sqlalchemy.orm import undefer

from portal.db import get_session
from portal.models.cases import VISIBLE_TO_INITIATOR, Bericht, Document, Taak, Zaak

PER_PAGE = 20
FILTERS = ("alle", "open", "afgesloten")


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))


def _filtered(statement, status_filter: str):
    if status_filter == "open":
        return statement.where(Zaak.einddatum.is_(None))
    if status_filter == "afgesloten":
        return statement.where(Zaak.einddatum.is_not(None))
    return statement


def resident_cases(bsn: str, status_filter: str = "alle", page: int = 1, per_page: int = PER_PAGE) -> Page:
    """Open cases first, then newest first. Most residents have one page: then no count query is needed."""
    db = get_session()
    mine = _filtered(select(Zaak).where(Zaak.initiator_bsn == bsn), status_filter)

    def fetch(number: int) -> list[Zaak]:
        return list(db.scalars(
            mine.order_by(Zaak.einddatum.is_not(None), Zaak.registratiedatum.desc(), Zaak.id.desc())
            .limit(per_page).offset((number - 1) * per_page)
        ))

    page = max(page, 1)
    items = fetch(page)
    if page == 1 and len(items) < per_page:
        return Page(items=items, total=len(items), number=1, per_page=per_page)
    total = db.scalar(_filtered(select(func.count()).select_from(Zaak).where(Zaak.initiator_bsn == bsn),
                                status_filter))
    last = max(1, ceil(total / per_page))
    if page > last:
        page, items = last, fetch(last)
    return Page(items=items, total=total, number=page, per_page=per_page)


def resident_case(bsn: str, reference: str) -> Zaak | None:
    return get_session().scalar(select(Zaak).where(Zaak.identificatie == reference, Zaak.initiator_bsn == bsn))


def documents(zaak: Zaak, *, for_resident: bool) -> list[Document]:
    statement = select(Document).where(Document.zaak_id == zaak.id).order_by(Document.creatiedatum.desc())
    if for_resident:
        statement = statement.where(Document.vertrouwelijkheidaanduiding.in_(VISIBLE_TO_INITIATOR))
    return list(get_session().scalars(statement))


def document_with_content(zaak: Zaak, document_id: int, *, for_resident: bool) -> Document | None:
    statement = select(Document).options(undefer(Document.inhoud)).where(
        Document.id == document_id, Document.zaak_id == zaak.id
    )
    if for_resident:
        statement = statement.where(Document.vertrouwelijkheidaanduiding.in_(VISIBLE_TO_INITIATOR))
    return get_session().scalar(statement)


def messages(zaak: Zaak) -> list[Bericht]:
    return list(get_session().scalars(
        select(Bericht).where(Bericht.zaak_id == zaak.id).order_by(Bericht.verzonden_op.desc(), Bericht.id.desc())
    ))


def tasks(zaak: Zaak) -> list[Taak]:
    return list(get_session().scalars(
        select(Taak).where(Taak.zaak_id == zaak.id).order_by(Taak.afgerond_op.is_not(None), Taak.uiterlijk)
    ))


def task(zaak: Zaak, task_id: int) -> Taak | None:
    return get_session().scalar(select(Taak).where(Taak.id == task_id, Taak.zaak_id == zaak.id))


@dataclass(frozen=True)
class Summary:
    open_cases: list[Zaak]
    open_case_count: int
    open_tasks: list[tuple[Taak, Zaak]]
    unread_messages: int


def resident_summary(bsn: str, shown: int = 5) -> Summary:
    """What Mijn overzicht shows: open cases, open tasks, unread messages."""
    db = get_session()
    open_cases = resident_cases(bsn, "open", 1, shown)
    open_tasks = db.execute(
        select(Taak, Zaak).join(Zaak, Taak.zaak_id == Zaak.id)
        .where(Zaak.initiator_bsn == bsn, Taak.afgerond_op.is_(None)).order_by(Taak.uiterlijk).limit(shown)
    ).all()
    unread = db.scalar(
        select(func.count()).select_from(Bericht).join(Zaak, Bericht.zaak_id == Zaak.id)
        .where(Zaak.initiator_bsn == bsn, Bericht.richting == "gemeente", Bericht.gelezen_op.is_(None))
    )
    return Summary(open_cases=open_cases.items, open_case_count=open_cases.total,
                   open_tasks=[(row[0], row[1]) for row in open_tasks], unread_messages=unread)


def work_queue(zaaktype_id: int | None, page: int = 1, per_page: int = 50) -> Page:
    """Open cases, the earliest planned end date (so the late and nearly late ones) first."""
    db = get_session()
    condition = [Zaak.einddatum.is_(None)]
    if zaaktype_id:
        condition.append(Zaak.zaaktype_id == zaaktype_id)
    total = db.scalar(select(func.count()).select_from(Zaak).where(*condition))
    page = min(max(page, 1), max(1, ceil(total / per_page)))
    items = db.scalars(
        select(Zaak).where(*condition).order_by(Zaak.einddatum_gepland, Zaak.id)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return Page(items=list(items), total=total, number=page, per_page=per_page)


def case_by_reference(reference: str) -> Zaak | None:
    return get_session().scalar(select(Zaak).where(Zaak.identificatie == reference))


def cases_of(bsn: str) -> list[Zaak]:
    return list(get_session().scalars(
        select(Zaak).where(Zaak.initiator_bsn == bsn)
        .order_by(Zaak.einddatum.is_not(None), Zaak.registratiedatum.desc()).limit(100)
    ))
