"""The dates of a case: planned end, late, expected end, and the timeline's steps."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from portal.cases import planning
from portal.models.cases import Status, Statustype, Zaak, Zaaktype

TODAY = date(2026, 3, 10)


def _zaaktype() -> Zaaktype:
    zaaktype = Zaaktype(identificatie="test", omschrijving="Test", omschrijving_en="Test", servicenorm_dagen=30)
    for number, days in enumerate((5, 10, 10, 0), start=1):
        zaaktype.statustypen.append(Statustype(id=number, volgnummer=number, omschrijving=f"Stap {number}",
                                               omschrijving_en=f"Step {number}", statustekst="", statustekst_en="",
                                               doorlooptijd_dagen=days))
    return zaaktype


def _zaak(started: date, at_step: int, reached: date, **fields) -> Zaak:
    zaaktype = _zaaktype()
    step = zaaktype.statustypen[at_step - 1]
    zaak = Zaak(zaaktype=zaaktype, startdatum=started, einddatum_gepland=started + timedelta(days=30),
                statustype=step, status_gezet_op=datetime.combine(reached, datetime.min.time()), **fields)
    zaak.statustype_id = step.id
    zaak.statussen = [Status(statustype_id=step.id, datum_status_gezet=zaak.status_gezet_op, statustoelichting="")]
    return zaak


def test_expected_end_follows_the_planned_durations_of_the_steps_to_come():
    zaak = _zaak(TODAY, 1, TODAY)
    assert planning.expected_end(zaak, TODAY) == TODAY + timedelta(days=25)
    assert not planning.is_late(zaak, TODAY)


def test_expected_end_is_never_after_the_promise_while_it_can_still_be_kept():
    zaak = _zaak(TODAY - timedelta(days=20), 2, TODAY - timedelta(days=1))
    assert planning.expected_end(zaak, TODAY) == zaak.einddatum_gepland


def test_a_step_that_takes_longer_pushes_the_dates_from_today():
    zaak = _zaak(TODAY - timedelta(days=10), 1, TODAY - timedelta(days=10))
    steps = planning.timeline(zaak, TODAY)
    assert [step.state for step in steps] == ["current", "future", "future", "future"]
    assert steps[1].expected_on == TODAY  # step 1 should have been done 5 days ago
    assert steps[3].expected_on == TODAY + timedelta(days=20)


def test_a_case_past_its_planned_end_is_late_and_says_when_only_if_known():
    zaak = _zaak(TODAY - timedelta(days=40), 3, TODAY - timedelta(days=20))
    assert planning.is_late(zaak, TODAY)
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
