"""Dates of a case: when it should be done, whether it is late, and when each step is expected.

Pure functions of a case's dates and today's date (the municipality's date), so they are easy to test and the
same on every page.
- The planned end date (ZGW einddatumGepland) is the start date plus the service norm, in its unit, moved on by
  the days the case was suspended and by its extension, on a working day (portal/cases/termijnen.py); our promise.
- While a case is suspended (ZGW opschorting) the clock stands still: every day of waiting moves the planned
  end date on by a day. When the suspension ends, the case's stored dates move by the days it lasted.
- A case is late when it is still open after its planned end date.
- The expected end date: when the case is done, the end date. When staff gave a new date, that date.
  Otherwise the date the current step was reached plus the planned durations of the steps still to come
  (each on a working day, never before today). When that is after the planned end date, the delay is known
  and shown at once (`is_delayed`), not only once the case is late.

The functions take a `CaseDates` (what lists read straight from the database) or a `Zaak`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from portal.cases import termijnen
from portal.i18n import local_date
from portal.models.cases import Statustype, Zaak


@dataclass(frozen=True)
class CaseDates:
    start: date
    planned_end: date
    end: date | None = None
    staff_expected: date | None = None
    step_reached: datetime | None = None
    step_index: int = -1  # position of the current step among the case type's steps; -1 before the first
    durations: tuple[int, ...] = ()  # planned days of each step of the case type, in order
    norm: termijnen.Termijn | None = None  # the service norm, to move the planned end while suspended
    shift_days: int = 0  # days the planned end already moved (earlier suspensions, extension)
    suspended_since: date | None = None

    @classmethod
    def of(cls, zaak: Zaak) -> CaseDates:
        steps = zaak.zaaktype.statustypen
        index = next((position for position, step in enumerate(steps) if step.id == zaak.statustype_id), -1)
        return cls(
            start=zaak.startdatum,
            planned_end=zaak.einddatum_gepland,
            end=zaak.einddatum,
            staff_expected=zaak.verwachte_einddatum,
            step_reached=zaak.status_gezet_op,
            step_index=index,
            durations=tuple(step.doorlooptijd_dagen for step in steps),
            norm=termijnen.servicenorm(zaak.zaaktype),
            suspended_since=zaak.opgeschort_sinds,
            shift_days=(zaak.opgeschorte_dagen or 0) + (zaak.verlenging_duur_dagen or 0),
        )

    @property
    def in_working_days(self) -> bool:
        return self.norm is not None and self.norm.eenheid == "werkdagen"


def planned_end(case: CaseDates | Zaak, today: date) -> date:
    """The promise as it stands today: while suspended, moved on by every day of waiting so far."""
    dates = case if isinstance(case, CaseDates) else CaseDates.of(case)
    if dates.suspended_since is None or dates.end is not None:
        return dates.planned_end
    waited = max(0, (today - dates.suspended_since).days)
    if dates.norm is None:
        return termijnen.next_working_day(dates.planned_end + timedelta(days=waited))
    return termijnen.term_end(dates.start, dates.norm, dates.shift_days + waited)


def legal_end(zaak: Zaak, today: date) -> date | None:
    """The legal deadline as it stands today: a suspension stops the legal term too (Awb 4:15)."""
    legal = termijnen.doorlooptijd(zaak.zaaktype)
    if legal is None or zaak.opgeschort_sinds is None or zaak.einddatum is not None:
        return zaak.uiterlijke_einddatum_afdoening
    waited = max(0, (today - zaak.opgeschort_sinds).days)
    shift = (zaak.opgeschorte_dagen or 0) + (zaak.verlenging_duur_dagen or 0) + waited
    return termijnen.term_end(zaak.startdatum, legal, shift)


def _dates(case: CaseDates | Zaak, today: date) -> CaseDates:
    """The case's dates with the planned end as it stands today."""
    dates = case if isinstance(case, CaseDates) else CaseDates.of(case)
    return replace(dates, planned_end=planned_end(dates, today)) if dates.suspended_since else dates


@dataclass(frozen=True)
class Step:
    statustype: Statustype
    state: str  # "done", "current" or "future"
    reached_on: date | None = None
    expected_on: date | None = None
    explanation: str = ""


def is_late(case: CaseDates | Zaak, today: date) -> bool:
    dates = _dates(case, today)
    return dates.end is None and today > dates.planned_end


def is_suspended(case: CaseDates | Zaak) -> bool:
    dates = case if isinstance(case, CaseDates) else CaseDates.of(case)
    return dates.end is None and dates.suspended_since is not None


def days_left(case: CaseDates | Zaak, today: date) -> int:
    return (_dates(case, today).planned_end - today).days


def _after(dates: CaseDates, moment: date, days: int) -> date:
    if dates.in_working_days:
        return termijnen.add_working_days(moment, days)
    return moment + timedelta(days=days)


def _projection(dates: CaseDates, today: date) -> list[date]:
    """Expected dates of the steps after the current one: each step starts when the one before it has taken
    its planned duration (in working days when the norm is), on a working day, never before today."""
    if dates.step_index < 0:
        return []
    moment = local_date(dates.step_reached) if dates.step_reached else dates.start
    projected = []
    for days in dates.durations[dates.step_index : -1]:
        moment = termijnen.next_working_day(max(_after(dates, moment, days), today))
        projected.append(moment)
    return projected


def expected_end(case: CaseDates | Zaak, today: date) -> date | None:
    """None when the case is late and nobody has said when it will be done. A plan that runs past the
    promise gives its own, later date: the delay is known before the case is late."""
    dates = _dates(case, today)
    if dates.end is not None:
        return dates.end
    if dates.staff_expected is not None and dates.staff_expected >= today:
        return dates.staff_expected
    projected = (_projection(dates, today) or [today])[-1]
    if is_late(dates, today):
        return projected if projected > today else None
    return projected


def is_delayed(case: CaseDates | Zaak, today: date) -> bool:
    """Open, not late yet, but expected after the promise: say so now."""
    dates = _dates(case, today)
    if dates.end is not None or is_late(dates, today):
        return False
    expected = expected_end(dates, today)
    return expected is not None and expected > dates.planned_end


def timeline(zaak: Zaak, today: date) -> list[Step]:
    """Every step of the case type: the ones reached (with date and explanation), the current one, the rest."""
    dates = CaseDates.of(zaak)
    reached = {status.statustype_id: status for status in zaak.statussen}
    projected = _projection(dates, today)
    end = expected_end(dates, today)
    if end is not None and projected:
        # The last step is the end: on the expected end date, and no step before it is later.
        projected = [min(moment, end) for moment in projected[:-1]] + [end]
    future_dates = iter(projected)
    steps = []
    for position, statustype in enumerate(zaak.zaaktype.statustypen):
        status = reached.get(statustype.id)
        if position < dates.step_index or (position == dates.step_index and zaak.einddatum is not None):
            state = "done"
        elif position == dates.step_index:
            state = "current"
        else:
            state = "future"
        steps.append(
            Step(
                statustype=statustype,
                state=state,
                expected_on=next(future_dates, None) if state == "future" and end else None,
                reached_on=local_date(status.datum_status_gezet) if status else None,
                explanation=status.statustoelichting if status else "",
            )
        )
    return steps
