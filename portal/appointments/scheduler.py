"""Free days and times, computed from opening hours, exceptions, holidays and the claims already made.

Pure functions over plain values: no database, no Flask. Opening hours are wall-clock times in
Europe/Amsterdam; what comes out is naive UTC (as stored) plus the local time (as shown). A slot at 09:00
is 09:00 on the town hall's clock in winter and in summer: the grid is laid out in local time and only
then converted, so the clock change never shifts it. Wall-clock times that do not exist (the hour skipped in
March) are left out; a repeated hour (October) is used once. Inside a window without a clock change (nearly
every window) only its start is converted and the grid steps on in UTC.

`OpeningGrid` keeps what a schedule offers per day once it is computed: the query layer keeps one grid per
agenda content (portal/queries/appointment_agenda.py), so a request only applies the claims and the lead time.
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


@dataclass(frozen=True, slots=True)
class Offer:
    """A time the agenda offers on a day, before claims and lead time."""

    units: tuple[datetime, ...]  # the grid starts it occupies (naive UTC); the first is its start
    local: datetime  # its start, aware, Europe/Amsterdam
    seats: int

    def room(self, taken: Mapping[datetime, int]) -> int:
        return min(self.seats - taken.get(unit, 0) for unit in self.units)


def _grid(window: Window, step: timedelta, day: date) -> tuple[list[datetime | None], datetime | None]:
    """The UTC start (None: that wall-clock time does not exist) of each step that fits in the window, and the
    window's start as an aware local time when no clock change falls inside it (then local times step alike)."""
    cursor, end = datetime.combine(day, window.starts), datetime.combine(day, window.ends)
    count = max(0, (end - cursor) // step)
    first, last = to_utc(day, window.starts), to_utc(day, window.ends)
    if first is not None and last is not None and first - cursor == last - end:
        # The same UTC offset at both ends of one day's window: no clock change inside, so step in UTC.
        return [first + step * index for index in range(count)], local_of(first)
    return [to_utc(day, (cursor + step * index).time()) for index in range(count)], None


def _offers(rules: Rules, schedule: Schedule, day: date, persons: int) -> tuple[Offer, ...]:
    step, needed = timedelta(minutes=rules.duration_minutes), units_for(rules, persons)
    offers = []
    for window in windows_on(schedule, day):
        seats = min(rules.capacity, window.desks)
        points, local_start = _grid(window, step, day)
        for index in range(len(points) - needed + 1):
            units = tuple(points[index : index + needed])
            if None in units:
                continue
            local = local_of(units[0]) if local_start is None else local_start + step * index
            offers.append(Offer(units, local, seats))
    return tuple(offers)


class OpeningGrid:
    """The times one schedule offers for one product, per day and party size, built once per day and kept.

    It depends only on the schedule and the rules; claims and the current time are applied per call, so a kept
    grid stays exact while the agenda is unchanged (the query layer keeps one per agenda content)."""

    MAX_DAYS = 1024  # (day, persons) entries kept; beyond it start again (a past day is not asked again)

    def __init__(self, rules: Rules, schedule: Schedule):
        self.rules, self.schedule = rules, schedule
        self._offers: dict[tuple[date, int], tuple[Offer, ...]] = {}

    def offers(self, day: date, persons: int = 1) -> tuple[Offer, ...]:
        found = self._offers.get((day, persons))
        if found is None:
            if len(self._offers) >= self.MAX_DAYS:
                self._offers.clear()
            found = self._offers[day, persons] = _offers(self.rules, self.schedule, day, persons)
        return found

    def _earliest(self, now: datetime) -> datetime:
        return now + timedelta(hours=self.rules.lead_hours)

    def slots(self, day: date, taken: Mapping[datetime, int], now: datetime, persons: int = 1) -> list[Slot]:
        earliest, slots = self._earliest(now), []
        for offer in self.offers(day, persons):
            if offer.units[0] >= earliest and (free := offer.room(taken)) > 0:
                slots.append(Slot(offer.units[0], offer.local, free, offer.units))
        return slots

    def _has_free(self, day: date, taken: Mapping[datetime, int], earliest: datetime, persons: int) -> bool:
        """Whether `day` has a free time: stops at the first one."""
        return any(offer.units[0] >= earliest and offer.room(taken) > 0 for offer in self.offers(day, persons))

    def free_days(self, today: date, taken: Mapping[datetime, int], now: datetime, persons: int = 1) -> list[date]:
        """Every day within the booking horizon with at least one free time."""
        earliest = self._earliest(now)
        return [day for day in bookable_days(self.rules, today) if self._has_free(day, taken, earliest, persons)]


def day_slots(
    rules: Rules, schedule: Schedule, day: date, taken: Mapping[datetime, int], now: datetime, persons: int = 1
) -> list[Slot]:
    """The free times on `day` for an appointment of `persons`. `taken`: claims per grid start (UTC)."""
    return OpeningGrid(rules, schedule).slots(day, taken, now, persons)


def bookable_days(rules: Rules, today: date) -> Iterable[date]:
    for offset in range(rules.horizon_days + 1):
        yield today + timedelta(days=offset)


def free_days(
    rules: Rules, schedule: Schedule, today: date, taken: Mapping[datetime, int], now: datetime, persons: int = 1
) -> list[date]:
    """Every day within the booking horizon with at least one free time."""
    return OpeningGrid(rules, schedule).free_days(today, taken, now, persons)


def nearest(slots: Iterable[Slot], moment: datetime, count: int = 3) -> list[Slot]:
    """The free slots closest in time to `moment` (for an expired hold or a lost race)."""
    return sorted(slots, key=lambda slot: (abs(slot.starts_at - moment), slot.starts_at))[:count]
