"""Free days and times, computed from opening hours, exceptions, holidays and the claims already made.

Pure functions over plain values: no database, no Flask. Opening hours are wall-clock times in
Europe/Amsterdam; what comes out is naive UTC (as stored) plus the local time (as shown). A slot at 09:00
is 09:00 on the town hall's clock in winter and in summer: the grid is laid out in local time and only
then converted, so the clock change never shifts it. Wall-clock times that do not exist (the hour skipped in
March) are left out; a repeated hour (October) is used once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

ZONE = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Window:
    starts: time
    ends: time
    desks: int = 1


@dataclass(frozen=True)
class DayChange:
    """An exception: `closed` (whole day when `starts` is None, else that range) or `open` (an extra window)."""

    day: date
    kind: str
    starts: time | None = None
    ends: time | None = None
    desks: int = 1


@dataclass(frozen=True)
class Schedule:
    """A location's week (weekday 0 = Monday → windows) and its exceptions."""

    week: Mapping[int, tuple[Window, ...]]
    changes: tuple[DayChange, ...] = ()
    open_on_holidays: bool = False


@dataclass(frozen=True)
class Rules:
    """What the scheduler needs of a product."""

    duration_minutes: int
    capacity: int = 1
    extra_minutes: int = 0
    lead_hours: int = 24
    horizon_days: int = 60


@dataclass(frozen=True)
class Slot:
    starts_at: datetime  # naive UTC
    local: datetime  # aware, Europe/Amsterdam
    free: int
    units: tuple[datetime, ...] = field(default=())  # the grid starts this appointment occupies (naive UTC)


@lru_cache(maxsize=16)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=year)


def is_holiday(day: date) -> bool:
    return day in _holidays(day.year)


def to_utc(day: date, clock: time) -> datetime | None:
    """The naive UTC moment of a wall-clock time in Amsterdam, or None if that time does not exist that day."""
    local = datetime.combine(day, clock, tzinfo=ZONE)
    moment = local.astimezone(UTC)
    if moment.astimezone(ZONE).replace(tzinfo=None) != local.replace(tzinfo=None):
        return None
    return moment.replace(tzinfo=None)


def local_of(moment: datetime) -> datetime:
    """A stored naive UTC moment as an aware Amsterdam time."""
    return moment.replace(tzinfo=UTC).astimezone(ZONE)


def _subtract(windows: list[Window], starts: time, ends: time) -> list[Window]:
    result = []
    for window in windows:
        if ends <= window.starts or starts >= window.ends:
            result.append(window)
            continue
        if window.starts < starts:
            result.append(Window(window.starts, starts, window.desks))
        if ends < window.ends:
            result.append(Window(ends, window.ends, window.desks))
    return result


def windows_on(schedule: Schedule, day: date) -> list[Window]:
    """The opening windows of one day, after holidays and exceptions."""
    changes = [change for change in schedule.changes if change.day == day]
    if any(change.kind == "closed" and change.starts is None for change in changes):
        return []
    closed_for_holiday = is_holiday(day) and not schedule.open_on_holidays
    windows = [] if closed_for_holiday else list(schedule.week.get(day.weekday(), ()))
    for change in changes:
        if change.kind == "open" and change.starts and change.ends:
            windows.append(Window(change.starts, change.ends, change.desks))
    for change in changes:
        if change.kind == "closed" and change.starts and change.ends:
            windows = _subtract(windows, change.starts, change.ends)
    return sorted(windows, key=lambda window: window.starts)


def units_for(rules: Rules, persons: int) -> int:
    """How many grid steps one appointment takes: the duration grows per extra person."""
    total = rules.duration_minutes + rules.extra_minutes * max(0, persons - 1)
    return max(1, math.ceil(total / rules.duration_minutes))


def _grid(window: Window, step: timedelta, day: date) -> list[tuple[datetime | None, datetime]]:
    """(UTC start or None, local wall-clock start) for each step that fits in the window."""
    cursor = datetime.combine(day, window.starts)
    end = datetime.combine(day, window.ends)
    points = []
    while cursor + step <= end:
        points.append((to_utc(day, cursor.time()), cursor))
        cursor += step
    return points


def day_slots(
    rules: Rules, schedule: Schedule, day: date, taken: Mapping[datetime, int], now: datetime, persons: int = 1
) -> list[Slot]:
    """The free times on `day` for an appointment of `persons`. `taken`: claims per grid start (UTC)."""
    step = timedelta(minutes=rules.duration_minutes)
    needed = units_for(rules, persons)
    earliest = now + timedelta(hours=rules.lead_hours)
    slots = []
    for window in windows_on(schedule, day):
        seats = min(rules.capacity, window.desks)
        points = [moment for moment, _ in _grid(window, step, day)]
        for index in range(len(points) - needed + 1):
            units = tuple(points[index : index + needed])
            if None in units or units[0] < earliest:
                continue
            free = min(seats - taken.get(unit, 0) for unit in units)
            if free > 0:
                slots.append(Slot(units[0], local_of(units[0]), free, units))
    return slots


def bookable_days(rules: Rules, today: date) -> Iterable[date]:
    for offset in range(rules.horizon_days + 1):
        yield today + timedelta(days=offset)


def free_days(
    rules: Rules, schedule: Schedule, today: date, taken: Mapping[datetime, int], now: datetime, persons: int = 1
) -> list[date]:
    """Every day within the booking horizon with at least one free time."""
    return [day for day in bookable_days(rules, today) if day_slots(rules, schedule, day, taken, now, persons)]


def nearest(slots: Iterable[Slot], moment: datetime, count: int = 3) -> list[Slot]:
    """The free slots closest in time to `moment` (for an expired hold or a lost race)."""
    return sorted(slots, key=lambda slot: (abs(slot.starts_at - moment), slot.starts_at))[:count]
