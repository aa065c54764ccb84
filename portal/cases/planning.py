"""Dates of a case: when it should be done, whether it is late, and when each step is expected.

Pure functions of a case and today's date, so they are easy to test and the same on every page.
- The planned end date (ZGW einddatumGepland) is the start date plus the service norm; it is our promise.
- A case is late when it is still open after its planned end date.
- The expected end date: when the case is done, the end date. When staff gave a new date, that date.
  Otherwise the date the current step was reached plus the planned durations of the steps still to come,
  never before today and, while the promise can still be kept, never after the planned end date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from portal.models.cases import Statustype, Zaak


@dataclass(frozen=True)
class Step:
    statustype: Statustype
    state: str  # "done", "current" or "future"
    reached_on: date | None = None
    expected_on: date | None = None
    explanation: str = ""


def is_late(zaak: Zaak, today: date) -> bool:
    return zaak.einddatum is None and today > zaak.einddatum_gepland


def days_left(zaak: Zaak, today: date) -> int:
    return (zaak.einddatum_gepland - today).days


def _current_index(zaak: Zaak) -> int:
    steps = zaak.zaaktype.statustypen
    for index, step in enumerate(steps):
        if step.id == zaak.statustype_id:
            return index
    return -1


def _projection(zaak: Zaak, today: date) -> list[date]:
    """Expected dates of the steps after the current one: each step starts when the one before it has taken
    its planned duration (never before today)."""
    steps = zaak.zaaktype.statustypen
    index = _current_index(zaak)
    moment = zaak.status_gezet_op.date() if zaak.status_gezet_op else zaak.startdatum
    dates = []
    for before in steps[max(index, 0):-1] if index >= 0 else []:
        moment = max(moment + timedelta(days=before.doorlooptijd_dagen), today)
        dates.append(moment)
    return dates


def expected_end(zaak: Zaak, today: date) -> date | None:
    """None when the case is late and nobody has said when it will be done."""
    if zaak.einddatum is not None:
        return zaak.einddatum
    if zaak.verwachte_einddatum is not None and zaak.verwachte_einddatum >= today:
        return zaak.verwachte_einddatum
    projected = (_projection(zaak, today) or [today])[-1]
    if is_late(zaak, today):
        return projected if projected > today else None
    return min(projected, zaak.einddatum_gepland)


def timeline(zaak: Zaak, today: date) -> list[Step]:
    """Every step of the case type: the ones reached (with date and explanation), the current one, the rest."""
    reached = {status.statustype_id: status for status in zaak.statussen}
    index = _current_index(zaak)
    projected = _projection(zaak, today)
    end = expected_end(zaak, today)
    if end is not None and projected:
        # The last step is the end: on the expected end date, and no step before it is later.
        projected = [min(moment, end) for moment in projected[:-1]] + [end]
    future_dates = iter(projected)
    steps = []
    for position, statustype in enumerate(zaak.zaaktype.statustypen):
        status = reached.get(statustype.id)
        if position < index or (position == index and zaak.einddatum is not None):
            state = "done"
        elif position == index:
            state = "current"
        else:
            state = "future"
        expected = None
        if state == "future":
            expected = next(future_dates) if end else None
        steps.append(Step(
            statustype=statustype, state=state, expected_on=expected,
            reached_on=status.datum_status_gezet.date() if status else None,
            explanation=status.statustoelichting if status else "",
        ))
    return steps
