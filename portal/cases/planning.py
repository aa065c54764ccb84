"""Dates of a case: when it should be done, whether it is late, and when each step is expected.

Pure functions of a case's dates and today's date, so they are easy to test and the same on every page.
- The planned end date (ZGW einddatumGepland) is the start date plus the service norm; it is our promise.
- A case is late when it is still open after its planned end date.
- The expected end date: when the case is done, the end date. When staff gave a new date, that date.
  Otherwise the date the current step was reached plus the planned durations of the steps still to come,
  never before today and, while the promise can still be kept, never after the planned end date.

The functions take a `CaseDates` (what lists read straight from the database) or a `Zaak`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

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

    @classmethod
    def of(cls, zaak: Zaak) -> CaseDates:
        steps = zaak.zaaktype.statustypen
        index = next((position for position, step in enumerate(steps) if step.id == zaak.statustype_id), -1)
        return cls(start=zaak.startdatum, planned_end=zaak.einddatum_gepland, end=zaak.einddatum,
                   staff_expected=zaak.verwachte_einddatum, step_reached=zaak.status_gezet_op, step_index=index,
                   durations=tuple(step.doorlooptijd_dagen for step in steps))


def _dates(case: CaseDates | Zaak) -> CaseDates:
    return case if isinstance(case, CaseDates) else CaseDates.of(case)


@dataclass(frozen=True)
class Step:
    statustype: Statustype
    state: str  # "done", "current" or "future"
    reached_on: date | None = None
    expected_on: date | None = None
    explanation: str = ""


def is_late(case: CaseDates | Zaak, today: date) -> bool:
    dates = _dates(case)
    return dates.end is None and today > dates.planned_end


def days_left(case: CaseDates | Zaak, today: date) -> int:
    return (_dates(case).planned_end - today).days


def _projection(dates: CaseDates, today: date) -> list[date]:
    """Expected dates of the steps after the current one: each step starts when the one before it has taken
    its planned duration (never before today)."""
    if dates.step_index < 0:
        return []
    moment = dates.step_reached.date() if dates.step_reached else dates.start
    projected = []
    for days in dates.durations[dates.step_index:-1]:
        moment = max(moment + timedelta(days=days), today)
        projected.append(moment)
    return projected


def expected_end(case: CaseDates | Zaak, today: date) -> date | None:
    """None when the case is late and nobody has said when it will be done."""
    dates = _dates(case)
    if dates.end is not None:
        return dates.end
    if dates.staff_expected is not None and dates.staff_expected >= today:
        return dates.staff_expected
    projected = (_projection(dates, today) or [today])[-1]
    if is_late(dates, today):
        return projected if projected > today else None
    return min(projected, dates.planned_end)


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
        steps.append(Step(
            statustype=statustype, state=state,
            expected_on=next(future_dates, None) if state == "future" and end else None,
            reached_on=status.datum_status_gezet.date() if status else None,
            explanation=status.statustoelichting if status else "",
        ))
    return steps
