"""Terms that follow the Algemene termijnenwet: weekends, the Atw's holidays, working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.cases.termijnen import Termijn, add_working_days, atw_holidays, is_working_day, term_end

DAYS = Termijn(7, "kalenderdagen")
TWO_WORKING_DAYS = Termijn(2, "werkdagen")


def test_the_atw_holidays_of_2026_are_exactly_the_ones_in_article_3():
    assert sorted(atw_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 5),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 5),
        date(2026, 5, 14),
        date(2026, 5, 24),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


def test_good_friday_is_not_an_atw_holiday_although_the_library_lists_it():
    assert date(2026, 4, 3) not in atw_holidays(2026)
    assert is_working_day(date(2026, 4, 3))


def test_bevrijdingsdag_counts_every_year_not_only_every_fifth():
    assert not is_working_day(date(2026, 5, 5))
    assert not is_working_day(date(2025, 5, 5))


def test_koningsdag_on_a_sunday_is_on_the_26th():
    assert date(2025, 4, 26) in atw_holidays(2025)  # 27 April 2025 is a Sunday
    assert date(2025, 4, 27) not in atw_holidays(2025)


def test_a_term_ending_on_koningsdag_ends_the_next_day():
    assert term_end(date(2026, 4, 20), DAYS) == date(2026, 4, 28)


def test_a_term_ending_on_good_friday_stays_on_friday():
    assert term_end(date(2026, 3, 27), DAYS) == date(2026, 4, 3)


def test_a_term_ending_on_christmas_moves_past_both_days_and_the_weekend():
    assert term_end(date(2026, 12, 18), DAYS) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 3, 7), date(2026, 3, 16)),  # ends on a Saturday -> Monday
        (date(2026, 3, 8), date(2026, 3, 16)),  # ends on a Sunday -> Monday
        (date(2026, 3, 9), date(2026, 3, 16)),  # ends on a Monday: stays
    ],
)
def test_a_term_ending_in_the_weekend_ends_on_monday(start, end):
    assert term_end(start, DAYS) == end


def test_two_working_days_from_a_friday_is_tuesday():
    assert term_end(date(2026, 3, 6), TWO_WORKING_DAYS) == date(2026, 3, 10)


def test_working_days_skip_easter_monday_but_not_good_friday():
    assert add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 7)


def test_weeks_are_seven_days_each():
    assert term_end(date(2026, 3, 10), Termijn(8, "weken")) == date(2026, 5, 6)  # 5 May is Bevrijdingsdag


def test_a_term_of_three_days_holds_at_least_two_working_days():
    # Thursday 24 Dec + 3 days = Sunday 27 Dec; only Monday and Tuesday make two working days (Atw art. 2).
    assert term_end(date(2026, 12, 24), Termijn(3, "kalenderdagen")) == date(2026, 12, 29)


def test_suspended_days_move_the_end_before_the_atw_applies():
    assert term_end(date(2026, 3, 9), DAYS, extra_days=5) == date(2026, 3, 23)  # Sat 21 -> Mon 23


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="maanden"):
        Termijn(1, "maanden")


@pytest.mark.parametrize(
    "termijn",
    [
        Termijn(1, "kalenderdagen"),
        Termijn(14, "kalenderdagen"),
        TWO_WORKING_DAYS,
        Termijn(5, "werkdagen"),
        Termijn(8, "weken"),
    ],
    ids=str,
)
def test_every_term_from_every_day_of_seven_years_ends_on_a_working_day_not_before_its_length(termijn):
    start = date(2024, 1, 1)
    while start < date(2031, 1, 1):
        end = term_end(start, termijn)
        assert is_working_day(end), (start, end)
        days = termijn.aantal * (7 if termijn.eenheid == "weken" else 1)
        assert end >= start + timedelta(days=days)
        assert end - start <= timedelta(days=days + (termijn.aantal * 3 if termijn.eenheid == "werkdagen" else 6))
        start += timedelta(days=1)
