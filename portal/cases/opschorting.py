"""Stopping the clock and extending the term of a case, the way ZGW defines it.

- Opschorting (ZGW `opschorting.indicatie`, `reden`; Awb 4:15): while we wait for the resident, for example for
  an answer to a task, the term stands still. When it runs again, the planned end date and the legal deadline
  move on by the days it stood still (calendar days, with the Algemene termijnenwet applied to the new end).
  Only when the case type allows it (`opschortingEnAanhoudingMogelijk`).
- Verlenging (ZGW `verlenging.duur`, `reden`; Awb 4:14): once per case, by at most the case type's
  `verlengingstermijn`, only when the case type allows it (`verlengingMogelijk`).

Every command adds and flushes; the request commits (the unit of work).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from portal.cases.termijnen import deadlines
from portal.i18n import local_today
from portal.models.cases import Taak, Zaak
from portal.notifications import notify_resident

REASON_MAX = 200  # ZGW: opschorting.reden and verlenging.reden are at most 200 characters


class TermRefused(ValueError):
    """The case type or the state of the case does not allow this (the form says why before it gets here)."""


def can_suspend(zaak: Zaak) -> bool:
    return zaak.is_open and zaak.zaaktype.opschorting_en_aanhouding_mogelijk and not zaak.opschorting_indicatie


def can_extend(zaak: Zaak) -> bool:
    return (
        zaak.is_open
        and zaak.zaaktype.verlenging_mogelijk
        and bool(zaak.zaaktype.verlengingstermijn_dagen)
        and zaak.verlenging_duur_dagen is None
    )


def _move_deadlines(zaak: Zaak) -> None:
    shift = (zaak.opgeschorte_dagen or 0) + (zaak.verlenging_duur_dagen or 0)
    zaak.einddatum_gepland, zaak.uiterlijke_einddatum_afdoening = deadlines(zaak.zaaktype, zaak.startdatum, shift)


def _reason(reden: str) -> str:
    reden = reden.strip()
    if not reden or len(reden) > REASON_MAX:
        raise TermRefused("a reason of 1 to 200 characters is needed")
    return reden


def suspend(db: Session, zaak: Zaak, *, reden: str) -> None:
    """Stop the clock from today."""
    if not can_suspend(zaak):
        raise TermRefused("this case cannot be suspended now")
    zaak.opschorting_indicatie, zaak.opschorting_reden = True, _reason(reden)
    zaak.opgeschort_sinds = local_today()
    notify_resident(db, zaak.initiator_bsn, "status")
    db.flush()


def resume(db: Session, zaak: Zaak, *, notify: bool = True) -> int:
    """Let the clock run again; the end dates move on by the days it stood still. Returns those days."""
    if not zaak.opschorting_indicatie or zaak.opgeschort_sinds is None:
        raise TermRefused("this case is not suspended")
    days = max(0, (local_today() - zaak.opgeschort_sinds).days)
    zaak.opgeschorte_dagen = (zaak.opgeschorte_dagen or 0) + days
    zaak.opschorting_indicatie, zaak.opgeschort_sinds = False, None
    _move_deadlines(zaak)
    if notify:
        notify_resident(db, zaak.initiator_bsn, "status")
    db.flush()
    return days


def end_on_close(db: Session, zaak: Zaak) -> None:
    """A case that reaches its end status while the clock stands still: the suspension ends with it."""
    if zaak.opschorting_indicatie:
        resume(db, zaak, notify=False)


def resume_when_answered(db: Session, zaak: Zaak) -> None:
    """After the resident answered a task: when nothing more is asked of them, the clock runs again."""
    if not zaak.opschorting_indicatie:
        return
    db.flush()
    still_open = db.query(Taak.id).filter(Taak.zaak_id == zaak.id, Taak.afgerond_op.is_(None)).first()
    if still_open is None:
        resume(db, zaak, notify=False)


def extend(db: Session, zaak: Zaak, *, duur_dagen: int, reden: str) -> None:
    """The one extension of the term, by `duur_dagen` calendar days (at most the case type's verlengingstermijn)."""
    if not can_extend(zaak):
        raise TermRefused("this case cannot be extended")
    if not 1 <= duur_dagen <= zaak.zaaktype.verlengingstermijn_dagen:
        raise TermRefused("the extension is longer than the case type allows")
    zaak.verlenging_duur_dagen, zaak.verlenging_reden = duur_dagen, _reason(reden)
    _move_deadlines(zaak)
    notify_resident(db, zaak.initiator_bsn, "status")
    db.flush()


def as_zgw(zaak: Zaak) -> dict:
    """The case's `opschorting` and `verlenging` as the Zaken API 1.5 gives them (an adapter to Open Zaak sends
    these). ZGW's `duur` is an ISO 8601 duration; ours is in days."""
    return {
        "opschorting": {"indicatie": bool(zaak.opschorting_indicatie), "reden": zaak.opschorting_reden or ""},
        "verlenging": (
            {"reden": zaak.verlenging_reden or "", "duur": f"P{zaak.verlenging_duur_dagen}D"}
            if zaak.verlenging_duur_dagen
            else None
        ),
    }
