"""Reading cases. Every resident query takes the resident's BSN, so another resident's case is never found."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import undefer

from portal.db import get_session, side_transaction, utcnow
from portal.models.cases import VISIBLE_TO_INITIATOR, Bericht, Document, Statustype, Taak, Zaak, Zaaktype
from portal.queries import seen

PER_PAGE = 20
FILTERS = ("alle", "open", "afgesloten")


def page_number(value: str | None) -> int:
    """The page asked for in a query string; anything odd is page 1."""
    return int(value) if value and value.isdigit() and len(value) < 6 else 1


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))


# The columns a list of cases needs, read in one Core query (no ORM objects: lists are the hot path).
_ROW_COLUMNS = (
    Zaak.identificatie,
    Zaak.omschrijving,
    Zaak.startdatum,
    Zaak.einddatum,
    Zaak.einddatum_gepland,
    Zaak.verwachte_einddatum,
    Zaak.status_gezet_op,
    Zaak.zaaktype_id,
    Zaak.opgeschort_sinds,
    Zaak.opgeschorte_dagen,
    Zaak.verlenging_duur_dagen,
    Zaaktype.servicenorm_aantal,
    Zaaktype.servicenorm_eenheid,
    Zaaktype.omschrijving.label("zaaktype"),
    Zaaktype.omschrijving_en.label("zaaktype_en"),
    Statustype.volgnummer,
    Statustype.omschrijving.label("status"),
    Statustype.omschrijving_en.label("status_en"),
)
_NEWEST_OPEN_FIRST = (Zaak.einddatum.is_not(None), Zaak.registratiedatum.desc(), Zaak.id.desc())


def case_rows(*conditions, order=_NEWEST_OPEN_FIRST, limit: int = PER_PAGE, offset: int = 0, extra=()) -> list:
    return list(
        get_session().execute(
            select(*_ROW_COLUMNS, *extra)
            .join(Zaaktype, Zaak.zaaktype_id == Zaaktype.id)
            .outerjoin(Statustype, Zaak.statustype_id == Statustype.id)
            .where(*conditions)
            .order_by(*order)
            .limit(limit)
            .offset(offset)
        )
    )


def step_durations(zaaktype_ids: set[int]) -> dict[int, tuple[int, ...]]:
    """The planned days of each step, per case type, for working out expected dates."""
    if not zaaktype_ids:
        return {}
    durations: dict[int, list[int]] = {}
    for zaaktype_id, days in get_session().execute(
        select(Statustype.zaaktype_id, Statustype.doorlooptijd_dagen)
        .where(Statustype.zaaktype_id.in_(zaaktype_ids))
        .order_by(Statustype.zaaktype_id, Statustype.volgnummer)
    ):
        durations.setdefault(zaaktype_id, []).append(days)
    return {key: tuple(value) for key, value in durations.items()}


def _conditions(bsn: str, status_filter: str) -> list:
    conditions = [Zaak.initiator_bsn == bsn]
    if status_filter == "open":
        conditions.append(Zaak.einddatum.is_(None))
    elif status_filter == "afgesloten":
        conditions.append(Zaak.einddatum.is_not(None))
    return conditions


def resident_cases(bsn: str, status_filter: str = "alle", page: int = 1, per_page: int = PER_PAGE) -> Page:
    """Rows of the resident's cases, open first, then newest first. Most residents have one page: then no
    count query is needed."""
    conditions = _conditions(bsn, status_filter)
    page = max(page, 1)
    news = seen.resident_news_columns()
    items = case_rows(*conditions, limit=per_page, offset=(page - 1) * per_page, extra=news)
    if page == 1 and len(items) < per_page:
        return Page(items=items, total=len(items), number=1, per_page=per_page)
    total = get_session().scalar(select(func.count()).select_from(Zaak).where(*conditions))
    last = max(1, ceil(total / per_page))
    if page > last:
        page, items = last, case_rows(*conditions, limit=per_page, offset=(last - 1) * per_page, extra=news)
    return Page(items=items, total=total, number=page, per_page=per_page)


def resident_case(bsn: str, reference: str) -> Zaak | None:
    return get_session().scalar(select(Zaak).where(Zaak.identificatie == reference, Zaak.initiator_bsn == bsn))


def documents(zaak: Zaak, *, for_resident: bool) -> list[Document]:
    statement = select(Document).where(Document.zaak_id == zaak.id).order_by(Document.creatiedatum.desc())
    if for_resident:
        statement = statement.where(Document.vertrouwelijkheidaanduiding.in_(VISIBLE_TO_INITIATOR))
    return list(get_session().scalars(statement))


def document_with_content(zaak: Zaak, document_id: int, *, for_resident: bool) -> Document | None:
    statement = (
        select(Document)
        .options(undefer(Document.inhoud))
        .where(Document.id == document_id, Document.zaak_id == zaak.id)
    )
    if for_resident:
        statement = statement.where(Document.vertrouwelijkheidaanduiding.in_(VISIBLE_TO_INITIATOR))
    return get_session().scalar(statement)


def messages(zaak: Zaak) -> list[Bericht]:
    return list(
        get_session().scalars(
            select(Bericht).where(Bericht.zaak_id == zaak.id).order_by(Bericht.verzonden_op.desc(), Bericht.id.desc())
        )
    )


def mark_read(messages: list[Bericht]) -> None:
    """The resident has seen these messages from us. A GET page only reads in its own transaction, so this
    one write, made only when something was unread, gets a short transaction of its own."""
    unread = [bericht.id for bericht in messages if bericht.richting == "gemeente" and bericht.gelezen_op is None]
    if not unread:
        return
    side_transaction(
        lambda db: db.execute(
            update(Bericht).where(Bericht.id.in_(unread), Bericht.gelezen_op.is_(None)).values(gelezen_op=utcnow())
        )
    )


def tasks(zaak: Zaak) -> list[Taak]:
    return list(
        get_session().scalars(
            select(Taak).where(Taak.zaak_id == zaak.id).order_by(Taak.afgerond_op.is_not(None), Taak.uiterlijk)
        )
    )


def task(zaak: Zaak, task_id: int) -> Taak | None:
    return get_session().scalar(select(Taak).where(Taak.id == task_id, Taak.zaak_id == zaak.id))


@dataclass(frozen=True)
class Summary:
    open_cases: list
    open_case_count: int
    open_tasks: list[tuple[Taak, Zaak]]
    unread_messages: int
    unread_in: list[str]  # references of the cases with an unread message (at most two: one is a direct link)


def resident_summary(bsn: str, shown: int = 5) -> Summary:
    """What Mijn overzicht shows: open cases, open tasks, unread messages."""
    db = get_session()
    open_cases = resident_cases(bsn, "open", 1, shown)
    open_tasks = db.execute(
        select(Taak, Zaak)
        .join(Zaak, Taak.zaak_id == Zaak.id)
        .where(Zaak.initiator_bsn == bsn, Taak.afgerond_op.is_(None))
        .order_by(Taak.uiterlijk)
        .limit(shown)
    ).all()
    unread = db.scalar(
        select(func.count())
        .select_from(Bericht)
        .join(Zaak, Bericht.zaak_id == Zaak.id)
        .where(Zaak.initiator_bsn == bsn, Bericht.richting == "gemeente", Bericht.gelezen_op.is_(None))
    )
    unread_in = (
        list(
            db.scalars(
                select(Zaak.identificatie)
                .where(
                    Zaak.initiator_bsn == bsn,
                    exists().where(
                        Bericht.zaak_id == Zaak.id, Bericht.richting == "gemeente", Bericht.gelezen_op.is_(None)
                    ),
                )
                .limit(2)
            )
        )
        if unread
        else []
    )
    return Summary(
        open_cases=open_cases.items,
        open_case_count=open_cases.total,
        open_tasks=[(row[0], row[1]) for row in open_tasks],
        unread_messages=unread,
        unread_in=unread_in,
    )


# The work queue is in portal/queries/workqueue.py.


def current_zaaktypen() -> list[Zaaktype]:
    """The newest version of every case type (the one new cases start on), by name."""
    newest = (
        select(Zaaktype.identificatie, func.max(Zaaktype.versie).label("versie"))
        .group_by(Zaaktype.identificatie)
        .subquery()
    )
    return list(
        get_session().scalars(
            select(Zaaktype)
            .join(newest, (Zaaktype.identificatie == newest.c.identificatie) & (Zaaktype.versie == newest.c.versie))
            .order_by(Zaaktype.omschrijving)
        )
    )


def newest_zaaktype(identificatie: str) -> Zaaktype | None:
    """The newest version of one case type: new cases start on it."""
    return get_session().scalar(
        select(Zaaktype).where(Zaaktype.identificatie == identificatie).order_by(Zaaktype.versie.desc()).limit(1)
    )


def lock_case(zaak: Zaak) -> None:
    """Lock the case row until the request ends, then read it again: two changes at once happen one after the
    other, and the second sees the first."""
    db = get_session()
    db.execute(select(Zaak.id).where(Zaak.id == zaak.id).with_for_update())
    db.refresh(zaak)


def case_by_reference(reference: str) -> Zaak | None:
    return get_session().scalar(select(Zaak).where(Zaak.identificatie == reference))


def cases_of(bsn: str) -> list:
    """Rows of every case of a resident (at most 100), for the KCC lookup."""
    return case_rows(Zaak.initiator_bsn == bsn, limit=100)
