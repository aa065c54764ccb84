"""The dates of a case: planned end, late, expected end, and the timeline's steps."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from portal.cases import planning
from portal.cases.service import deadlines
from portal.cases.termijnen import Termijn, term_end
from portal.i18n import local_date, utc_moment
from portal.models.cases import Status, Statustype, Zaak, Zaaktype

TODAY = date(2026, 3, 10)  # a Tuesday


THIRTY_DAYS = Termijn(30, "kalenderdagen")


def _zaaktype(norm: Termijn = THIRTY_DAYS, durations=(5, 10, 10, 0)) -> Zaaktype:
    zaaktype = Zaaktype(
        identificatie="test",
        omschrijving="Test",
        omschrijving_en="Test",
        servicenorm_aantal=norm.aantal,
        servicenorm_eenheid=norm.eenheid,
    )
    for number, days in enumerate(durations, start=1):
        zaaktype.statustypen.append(
            Statustype(
                id=number,
                volgnummer=number,
                omschrijving=f"Stap {number}",
                omschrijving_en=f"Step {number}",
                statustekst="",
                statustekst_en="",
                doorlooptijd_dagen=days,
            )
        )
    return zaaktype


def _zaak(started: date, at_step: int, reached: date | datetime, zaaktype: Zaaktype | None = None, **fields) -> Zaak:
    zaaktype = zaaktype or _zaaktype()
    step = zaaktype.statustypen[at_step - 1]
    moment = reached if isinstance(reached, datetime) else datetime.combine(reached, time(10))
    fields.setdefault("einddatum_gepland", started + timedelta(days=30))
    zaak = Zaak(zaaktype=zaaktype, startdatum=started, statustype=step, status_gezet_op=moment, **fields)
    zaak.statustype_id = step.id
    zaak.statussen = [Status(statustype_id=step.id, datum_status_gezet=zaak.status_gezet_op, statustoelichting="")]
    return zaak


def test_expected_end_follows_the_planned_durations_of_the_steps_to_come_on_working_days():
    zaak = _zaak(TODAY, 1, TODAY)
    # 15 March is a Sunday (-> 16), then 26 March, then 5 April is Easter Sunday and 6 April Easter Monday.
    assert planning.expected_end(zaak, TODAY) == date(2026, 4, 7)
    assert not planning.is_late(zaak, TODAY)
    assert not planning.is_delayed(zaak, TODAY)


def test_a_plan_that_passes_the_promise_shows_the_delay_before_the_case_is_late():
    zaak = _zaak(TODAY - timedelta(days=20), 2, TODAY - timedelta(days=1))
    assert zaak.einddatum_gepland == date(2026, 3, 20)
    assert planning.expected_end(zaak, TODAY) == date(2026, 3, 30)  # 29 March is a Sunday
    assert planning.is_delayed(zaak, TODAY)
    assert not planning.is_late(zaak, TODAY)


def test_a_step_that_takes_longer_pushes_the_dates_from_today():
    zaak = _zaak(TODAY - timedelta(days=10), 1, TODAY - timedelta(days=10))
    steps = planning.timeline(zaak, TODAY)
    assert [step.state for step in steps] == ["current", "future", "future", "future"]
    assert steps[1].expected_on == TODAY  # step 1 should have been done 5 days ago
    assert steps[3].expected_on == TODAY + timedelta(days=20)


def test_a_case_past_its_planned_end_is_late_and_says_when_only_if_known():
    zaak = _zaak(TODAY - timedelta(days=40), 3, TODAY - timedelta(days=20))
    assert planning.is_late(zaak, TODAY)
    assert not planning.is_delayed(zaak, TODAY)
    assert planning.days_left(zaak, TODAY) == -10
    assert planning.expected_end(zaak, TODAY) is None  # the plan ran out and nobody gave a new date
    zaak.verwachte_einddatum = TODAY + timedelta(days=6)
    assert planning.expected_end(zaak, TODAY) == TODAY + timedelta(days=6)
    assert planning.timeline(zaak, TODAY)[-1].expected_on == TODAY + timedelta(days=6)


def test_a_closed_case_has_its_end_date_and_every_step_up_to_the_last_done():
    zaak = _zaak(TODAY - timedelta(days=40), 4, TODAY - timedelta(days=3), einddatum=TODAY - timedelta(days=3))
    assert planning.expected_end(zaak, TODAY) == TODAY - timedelta(days=3)
    assert not planning.is_late(zaak, TODAY)
    assert [step.state for step in planning.timeline(zaak, TODAY)] == ["done"] * 4


def test_the_timeline_marks_done_current_and_future_with_dates():
    zaak = _zaak(TODAY - timedelta(days=6), 2, TODAY - timedelta(days=1))
    steps = planning.timeline(zaak, TODAY)
    assert [step.state for step in steps] == ["done", "current", "future", "future"]
    assert steps[1].reached_on == TODAY - timedelta(days=1)
    assert steps[2].expected_on == TODAY + timedelta(days=9)
    assert steps[3].expected_on <= zaak.einddatum_gepland


def _callback_on_friday() -> Zaak:
    callback = _zaaktype(Termijn(2, "werkdagen"), durations=(2, 0))
    friday = date(2026, 3, 6)
    planned, legal = deadlines(callback, friday)
    return _zaak(
        friday,
        1,
        utc_moment(friday, time(16, 45)),
        zaaktype=callback,
        einddatum_gepland=planned,
        uiterlijke_einddatum_afdoening=legal,
    )


def test_a_callback_asked_on_friday_is_due_on_tuesday_and_not_late_on_monday():
    zaak = _callback_on_friday()
    assert zaak.einddatum_gepland == date(2026, 3, 10)
    monday, tuesday, wednesday = date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11)
    assert not planning.is_late(zaak, monday)
    assert planning.expected_end(zaak, monday) == tuesday
    assert not planning.is_delayed(zaak, monday)
    assert not planning.is_late(zaak, tuesday)
    assert planning.is_late(zaak, wednesday)


@pytest.mark.parametrize(
    ("stored_utc", "local_day"),
    [
        (datetime(2026, 3, 9, 22, 59), date(2026, 3, 9)),  # 23:59 in winter (UTC+1)
        (datetime(2026, 3, 9, 23, 30), date(2026, 3, 10)),  # 00:30 the next day
        (datetime(2026, 7, 1, 21, 30), date(2026, 7, 1)),  # 23:30 in summer (UTC+2)
        (datetime(2026, 7, 1, 22, 30), date(2026, 7, 2)),
        (datetime(2026, 3, 28, 23, 30), date(2026, 3, 29)),  # the night the clocks go forward (29 March)
        (datetime(2026, 3, 29, 21, 59), date(2026, 3, 29)),  # 23:59 summer time
        (datetime(2026, 3, 29, 22, 0), date(2026, 3, 30)),
        (datetime(2026, 10, 24, 22, 30), date(2026, 10, 25)),  # the night the clocks go back (25 October)
        (datetime(2026, 10, 25, 22, 30), date(2026, 10, 25)),  # 23:30 winter time again
        (datetime(2026, 10, 25, 23, 0), date(2026, 10, 26)),
    ],
)
def test_stored_utc_moments_are_shown_on_the_amsterdam_date(stored_utc, local_day):
    assert local_date(stored_utc) == local_day


def test_a_local_morning_is_stored_as_utc_on_both_sides_of_the_clock_change():
    assert utc_moment(date(2026, 3, 28), time(9, 30)) == datetime(2026, 3, 28, 8, 30)
    assert utc_moment(date(2026, 3, 29), time(9, 30)) == datetime(2026, 3, 29, 7, 30)
    assert utc_moment(date(2026, 10, 25), time(9, 30)) == datetime(2026, 10, 25, 8, 30)


def test_a_step_reached_just_after_midnight_in_amsterdam_counts_from_that_day():
    zaak = _zaak(TODAY - timedelta(days=1), 2, datetime(2026, 3, 9, 23, 30))  # 00:30 on 10 March
    steps = planning.timeline(zaak, TODAY)
    assert steps[1].reached_on == TODAY
    assert steps[2].expected_on == TODAY + timedelta(days=10)


def test_a_suspended_case_moves_its_promise_on_by_every_day_of_waiting():
    start = TODAY - timedelta(days=31)
    zaak = _zaak(start, 2, start, opgeschort_sinds=TODAY - timedelta(days=5), opschorting_indicatie=True)
    assert planning.is_suspended(zaak)
    # Without the suspension the promise was yesterday; the five days of waiting move it past today.
    assert planning.planned_end(zaak, TODAY) == term_end(start, Termijn(30, "kalenderdagen"), 5)
    assert planning.planned_end(zaak, TODAY) == date(2026, 3, 16)  # 14 March is a Saturday
    assert not planning.is_late(zaak, TODAY)
    assert planning.planned_end(zaak, TODAY + timedelta(days=1)) == date(2026, 3, 16)
    assert planning.planned_end(zaak, TODAY + timedelta(days=3)) == date(2026, 3, 17)
