"""When the resident and the case workers last opened a case, and what is new since then.

The marks are worked out inside the list queries as correlated EXISTS subqueries, so a list of 20 cases stays
one query (no N+1). Nothing here commits: the request does, or a side transaction
(portal.db.after_request_transaction) for the marks a GET makes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.exc import IntegrityError

from portal.db import after_request_transaction, get_session, utcnow
from portal.models.cases import Bericht, Taak, Zaak
from portal.models.workbench import ZaakGezien

_NEVER = datetime(1970, 1, 1)
MARK_EVERY = timedelta(minutes=1)


def _mark(zaak_id: int, column: str, newest: datetime | None = None) -> datetime | None:
    """Set this moment as `column` of the case's row and return the moment it held before.

    Opening a page is a GET, and a GET only reads in the request's transaction: the mark is a short
    transaction of its own after the request's (portal.db.after_request_transaction). With `newest` (the
    latest moment the page shows something of), the mark is written at most once a minute while nothing on
    the page is newer than it: a write changes the resident's page versions (portal/queries/versions.py)."""
    row = get_session().get(ZaakGezien, zaak_id)
    before = getattr(row, column) if row is not None else None
    now = utcnow()
    if newest is not None and before is not None and newest <= before and now - before < MARK_EVERY:
        return before

    def mark(db) -> None:
        if db.execute(update(ZaakGezien).where(ZaakGezien.zaak_id == zaak_id).values({column: now})).rowcount:
            return
        try:
            with db.begin_nested():  # two tabs at once: the second insert loses and updates instead
                db.add(ZaakGezien(zaak_id=zaak_id, **{column: now}))
        except IntegrityError:
            db.execute(update(ZaakGezien).where(ZaakGezien.zaak_id == zaak_id).values({column: now}))

    after_request_transaction(mark)
    return before


def resident_saw(zaak: Zaak, newest: datetime | None = None) -> datetime | None:
    """The resident opens their case. Returns when they last looked before now (None: never)."""
    return _mark(zaak.id, "inwoner_op", newest)


def staff_saw(zaak: Zaak) -> datetime | None:
    return _mark(zaak.id, "medewerker_op")


def _seen(column):
    return func.coalesce(select(column).where(ZaakGezien.zaak_id == Zaak.id).scalar_subquery(), _NEVER)


def resident_news_columns() -> tuple:
    """Three booleans per case row: a message not read yet, a step reached since the resident last looked,
    a question of ours still open."""
    seen = func.coalesce(
        select(ZaakGezien.inwoner_op).where(ZaakGezien.zaak_id == Zaak.id).scalar_subquery(), Zaak.registratiedatum
    )
    return (
        exists()
        .where(Bericht.zaak_id == Zaak.id, Bericht.richting == "gemeente", Bericht.gelezen_op.is_(None))
        .label("nieuw_bericht"),
        (Zaak.status_gezet_op > seen).label("nieuwe_stap"),
        exists().where(Taak.zaak_id == Zaak.id, Taak.afgerond_op.is_(None)).label("open_taak"),
    )


def staff_news_columns() -> tuple:
    """Two booleans per case row: a message from the resident, or an answer to a question, since a case worker
    last opened the case."""
    seen = _seen(ZaakGezien.medewerker_op)
    return (
        exists()
        .where(Bericht.zaak_id == Zaak.id, Bericht.richting == "inwoner", Bericht.verzonden_op > seen)
        .label("nieuw_bericht"),
        exists().where(and_(Taak.zaak_id == Zaak.id, Taak.afgerond_op > seen)).label("nieuw_antwoord"),
    )
