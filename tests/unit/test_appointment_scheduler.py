"""The scheduler: opening hours, exceptions, holidays, lead time, capacity, and the clock change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from portal.appointments.scheduler import (
    DayChange,
    OpeningGrid,
    Rules,
    Schedule,
    Window,
    bookable_days,
    day_slots,
    free_days,
    local_of,
    nearest,
    to_utc,
    units_for,
    windows_on,
)

MORNING = Window(time(9), time(12, 30), desks=3)
WEEKDAYS = Schedule(week={day: (MORNING,) for day in range(5)})
PASSPORT = Rules(duration_minutes=15, capacity=3, extra_minutes=10, lead_hours=2, horizon_days=90)
LONG_AGO = datetime(2020, 1, 1)


def test_a_morning_has_fourteen_quarter_hours():
    slots = day_slots(PASSPORT, WEEKDAYS, date(2026, 12, 2), {}, LONG_AGO)
    assert len(slots) == 14
    assert slots[0].local.strftime("%H:%M") == "09:00" and slots[-1].local.strftime("%H:%M") == "12:15"
    assert all(slot.free == 3 for slot in slots)


def test_a_weekend_and_a_holiday_are_closed():
    assert day_slots(PASSPORT, WEEKDAYS, date(2026, 12, 5), {}, LONG_AGO) == []  # Saturday
    assert day_slots(PASSPORT, WEEKDAYS, date(2026, 12, 25), {}, LONG_AGO) == []  # Christmas, a Friday
    assert day_slots(PASSPORT, WEEKDAYS, date(2027, 4, 27), {}, LONG_AGO) == []  # King's Day, a Tuesday


def test_an_extra_evening_opens_and_a_blocked_hour_closes():
    schedule = Schedule(
        week=WEEKDAYS.week,
        changes=(
            DayChange(date(2026, 12, 3), "open", time(17, 30), time(20), 2),
            DayChange(date(2026, 12, 3), "closed", time(10), time(11)),
        ),
    )
    windows = windows_on(schedule, date(2026, 12, 3))
    assert [(w.starts, w.ends) for w in windows] == [
        (time(9), time(10)),
        (time(11), time(12, 30)),
        (time(17, 30), time(20)),
    ]
    whole_day = Schedule(week=WEEKDAYS.week, changes=(DayChange(date(2026, 12, 3), "closed"),))
    assert windows_on(whole_day, date(2026, 12, 3)) == []


def test_taken_seats_reduce_what_is_free_and_a_full_slot_disappears():
    day = date(2026, 12, 2)
    nine = to_utc(day, time(9))
    slots = day_slots(PASSPORT, WEEKDAYS, day, {nine: 2}, LONG_AGO)
    assert slots[0].free == 1
    slots = day_slots(PASSPORT, WEEKDAYS, day, {nine: 3}, LONG_AGO)
    assert slots[0].local.strftime("%H:%M") == "09:15"


def test_capacity_is_never_more_than_the_desks_that_are_open():
    evening = Schedule(week={3: (Window(time(17, 30), time(18), desks=1),)})
    assert [slot.free for slot in day_slots(PASSPORT, evening, date(2026, 12, 3), {}, LONG_AGO)] == [1, 1]


def test_the_duration_grows_per_extra_person_and_needs_consecutive_free_times():
    assert units_for(PASSPORT, 1) == 1 and units_for(PASSPORT, 2) == 2 and units_for(PASSPORT, 3) == 3
    day = date(2026, 12, 2)
    full = {to_utc(day, time(9, 15)): 3}
    starts = [slot.local.strftime("%H:%M") for slot in day_slots(PASSPORT, WEEKDAYS, day, full, LONG_AGO, persons=2)]
    assert "09:00" not in starts and "09:15" not in starts and "09:30" in starts
    assert starts[-1] == "12:00"  # two quarters must fit before 12:30


def test_lead_time_hides_times_too_soon():
    day = date(2026, 12, 2)
    now = to_utc(day, time(9, 50))  # + 2 hours lead = 11:50
    starts = [slot.local.strftime("%H:%M") for slot in day_slots(PASSPORT, WEEKDAYS, day, {}, now)]
    assert starts == ["12:00", "12:15"]


def test_free_days_stop_at_the_horizon_and_skip_full_days():
    short = Rules(duration_minutes=60, capacity=1, lead_hours=0, horizon_days=6)
    one = Schedule(week={0: (Window(time(9), time(10)),), 2: (Window(time(9), time(10)),)})
    today = date(2026, 11, 30)  # a Monday
    taken = {to_utc(date(2026, 12, 2), time(9)): 1}
    assert free_days(short, one, today, taken, LONG_AGO) == [date(2026, 11, 30), date(2026, 12, 7)][:1]


def test_the_week_the_clocks_go_forward_keeps_nine_oclock_at_nine():
    before, after = date(2027, 3, 25), date(2027, 3, 30)  # Thursday in winter, Tuesday in summer (Easter between)
    winter = day_slots(PASSPORT, WEEKDAYS, before, {}, LONG_AGO)[0]
    summer = day_slots(PASSPORT, WEEKDAYS, after, {}, LONG_AGO)[0]
    assert winter.local.strftime("%H:%M") == summer.local.strftime("%H:%M") == "09:00"
    assert winter.starts_at.hour == 8 and summer.starts_at.hour == 7  # UTC+1, then UTC+2


def test_the_week_the_clocks_go_back_keeps_nine_oclock_at_nine():
    before, after = date(2026, 10, 23), date(2026, 10, 26)
    assert day_slots(PASSPORT, WEEKDAYS, before, {}, LONG_AGO)[0].starts_at.hour == 7
    assert day_slots(PASSPORT, WEEKDAYS, after, {}, LONG_AGO)[0].starts_at.hour == 8


def test_the_hour_that_does_not_exist_is_left_out_and_the_repeated_hour_is_used_once():
    night = Schedule(week={6: (Window(time(1), time(4)),)}, open_on_holidays=True)  # 28 March 2027 is Easter
    hourly = Rules(duration_minutes=60, lead_hours=0)
    spring = [s.local.strftime("%H:%M") for s in day_slots(hourly, night, date(2027, 3, 28), {}, LONG_AGO)]
    assert spring == ["01:00", "03:00"]  # 02:00 does not exist that night
    autumn = day_slots(hourly, night, date(2026, 10, 25), {}, LONG_AGO)
    assert [s.local.strftime("%H:%M") for s in autumn] == ["01:00", "02:00", "03:00"]
    assert len({s.starts_at for s in autumn}) == 3


def test_nearest_free_times_are_the_closest_either_side():
    slots = day_slots(PASSPORT, WEEKDAYS, date(2026, 12, 2), {}, LONG_AGO)
    wanted = to_utc(date(2026, 12, 2), time(10, 30))
    closest = nearest([s for s in slots if s.starts_at != wanted], wanted)
    assert sorted(s.local.strftime("%H:%M") for s in closest[:2]) == ["10:15", "10:45"]
    assert closest[0].starts_at - wanted in (timedelta(minutes=-15), timedelta(minutes=15))


# The opening grid is kept per agenda and steps in UTC inside a window without a clock change. It must give what
# converting every wall-clock time on its own gives, on the days the clocks change too.
def _one_by_one(rules, schedule, day, persons):
    """The grid as it was computed before: each wall-clock time converted on its own."""
    step, needed, offers = timedelta(minutes=rules.duration_minutes), units_for(rules, persons), []
    for window in windows_on(schedule, day):
        cursor, end, points = datetime.combine(day, window.starts), datetime.combine(day, window.ends), []
        while cursor + step <= end:
            points.append(to_utc(day, cursor.time()))
            cursor += step
        for index in range(len(points) - needed + 1):
            units = tuple(points[index : index + needed])
            if None not in units:
                offers.append((units, local_of(units[0]).isoformat(), min(rules.capacity, window.desks)))
    return offers


EVERY_DAY = (
    Window(time(0), time(3, 30), desks=2),  # the night of the clock change
    Window(time(9), time(12, 30), desks=3),
    Window(time(17, 30), time(20)),
)
AROUND_THE_CLOCK_CHANGES = [date(2027, 3, 26) + timedelta(days=n) for n in range(5)] + [
    date(2027, 10, 29) + timedelta(days=n) for n in range(5)
]


@pytest.mark.parametrize("minutes", [15, 30, 60])
@pytest.mark.parametrize("day", AROUND_THE_CLOCK_CHANGES, ids=str)
def test_the_kept_grid_gives_what_converting_each_time_gives_also_when_the_clocks_change(day, minutes):
    schedule = Schedule(week={weekday: EVERY_DAY for weekday in range(7)}, open_on_holidays=True)
    rules = Rules(duration_minutes=minutes, capacity=3, extra_minutes=minutes, lead_hours=0)
    grid = OpeningGrid(rules, schedule)
    for persons in (1, 2, 3):
        offers = grid.offers(day, persons)
        assert [(o.units, o.local.isoformat(), o.seats) for o in offers] == _one_by_one(rules, schedule, day, persons)
        assert all(o.local.astimezone(UTC).replace(tzinfo=None) == o.units[0] for o in offers)


def test_on_the_days_the_clocks_change_nine_stays_nine_and_the_night_follows_the_clock():
    schedule = Schedule(week={6: EVERY_DAY}, open_on_holidays=True)  # 28 March and 31 October 2027 are Sundays
    hourly = Rules(duration_minutes=60, lead_hours=0)
    spring, autumn = (day_slots(hourly, schedule, day, {}, LONG_AGO) for day in (date(2027, 3, 28), date(2027, 10, 31)))
    expected = ["00:00", "01:00", "09:00", "10:00", "11:00", "17:30", "18:30"]  # 02:00 does not exist in March
    assert [s.local.strftime("%H:%M") for s in spring] == expected
    assert [s.local.strftime("%H:%M") for s in autumn] == expected[:2] + ["02:00"] + expected[2:]
    assert spring[2].starts_at == datetime(2027, 3, 28, 7) and autumn[3].starts_at == datetime(2027, 10, 31, 8)
    assert [s.starts_at.hour for s in autumn[:3]] == [22, 23, 0]  # 02:00 is its first occurrence (summer time)


def test_a_kept_grid_applies_claims_and_the_time_of_asking_anew_each_time():
    grid = OpeningGrid(PASSPORT, WEEKDAYS)
    day = date(2026, 12, 2)
    nine = to_utc(day, time(9))
    assert grid.slots(day, {}, LONG_AGO)[0].free == 3
    assert grid.slots(day, {nine: 3}, LONG_AGO)[0].local.strftime("%H:%M") == "09:15"
    assert grid.slots(day, {}, to_utc(day, time(9, 50)))[0].local.strftime("%H:%M") == "12:00"
    assert grid.offers(day) is grid.offers(day)  # built once


def test_free_days_stop_at_the_first_free_time_and_agree_with_the_times_of_each_day():
    grid = OpeningGrid(PASSPORT, WEEKDAYS)
    today = date(2026, 11, 30)
    day = date(2026, 12, 2)
    full_morning = {to_utc(day, time(9)) + timedelta(minutes=15 * n): 3 for n in range(14)}
    for taken, persons in (({}, 1), (full_morning, 1), (full_morning, 3), ({to_utc(day, time(12)): 1}, 2)):
        expected = [d for d in bookable_days(PASSPORT, today) if grid.slots(d, taken, LONG_AGO, persons)]
        assert grid.free_days(today, taken, LONG_AGO, persons) == expected
    assert day not in grid.free_days(today, full_morning, LONG_AGO)
