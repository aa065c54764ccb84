"""Terms (termijnen) that follow Dutch law: calendar days, working days or weeks, and the Algemene termijnenwet.

- A term starts the day after the start date (Awb 4:13 counts from the day after the receipt).
- Algemene termijnenwet (Atw) art. 1 lid 1: a term that ends on a Saturday, Sunday or general holiday ends on the
  next day that is none of those.
- Atw art. 2: a term of at least three days is extended, when needed, so that it holds at least two days that
  are no Saturday, Sunday or general holiday.
- Atw art. 3 lid 1 names the general holidays ("algemeen erkende feestdagen"): Nieuwjaarsdag, Tweede Paasdag,
  Tweede Pinksterdag, beide Kerstdagen, Hemelvaartsdag, Koningsdag and 5 mei (Bevrijdingsdag). Eerste Paas- and
  Pinksterdag are Sundays anyway. Koningsdag is 27 April, or 26 April when the 27th is a Sunday (Wet van
  21 maart 2013, Stb. 2013, 106).

The holidays come from the maintained `holidays` library, corrected where it differs from the Atw (see
`atw_holidays`). Working days are the days that are no Saturday, Sunday or Atw holiday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

UNITS = ("kalenderdagen", "werkdagen", "weken")


@dataclass(frozen=True)
class Termijn:
    aantal: int
    eenheid: str  # one of UNITS

    def __post_init__(self):
        if self.eenheid not in UNITS:
            raise ValueError(f"unknown unit {self.eenheid!r}")


@lru_cache(maxsize=64)
def atw_holidays(year: int) -> frozenset[date]:
    """The general holidays of the Atw in one year: the library's Dutch holidays, corrected.

    - Goede Vrijdag is in the library's list, but not in Atw art. 3 lid 1: removed.
    - Bevrijdingsdag (5 mei) is in the library only every fifth year (the day off in collective agreements);
      Atw art. 3 lid 1 names it every year: added.
    """
    library = holidays.country_holidays("NL", years=year)
    days = {day for day, name in library.items() if name != "Good Friday"}
    days.add(date(year, 5, 5))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in atw_holidays(day.year)


def next_working_day(day: date) -> date:
    """The day itself when it is a working day, otherwise the first working day after it (Atw art. 1)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (the start day itself does not count)."""
    day = start
    for _ in range(count):
        day = next_working_day(day + timedelta(days=1))
    return day


def _holds_two_working_days(start: date, end: date) -> bool:
    """At least two working days after `start`, up to and including `end` (stops counting at two)."""
    found, day = 0, start + timedelta(days=1)
    while day <= end and found < 2:
        found += is_working_day(day)
        day += timedelta(days=1)
    return found >= 2


def term_end(start: date, termijn: Termijn, extra_days: int = 0) -> date:
    """The last day of a term that starts on `start`, moved on by `extra_days` calendar days (suspension,
    extension), with the Atw applied to the end."""
    if termijn.eenheid == "werkdagen":
        end = add_working_days(start, termijn.aantal)
    else:
        end = start + timedelta(days=termijn.aantal * (7 if termijn.eenheid == "weken" else 1))
    end += timedelta(days=extra_days)
    total_days = (end - start).days
    if total_days >= 3:  # Atw art. 2
        while not _holds_two_working_days(start, end):
            end += timedelta(days=1)
    return next_working_day(end)  # Atw art. 1


def servicenorm(zaaktype) -> Termijn:
    """A zaaktype's promise (ZGW servicenorm) as a term."""
    return Termijn(zaaktype.servicenorm_aantal, zaaktype.servicenorm_eenheid)


def doorlooptijd(zaaktype) -> Termijn | None:
    """A zaaktype's legal term (ZGW doorlooptijd), or None when no law sets one."""
    if zaaktype.doorlooptijd_aantal is None:
        return None
    return Termijn(zaaktype.doorlooptijd_aantal, zaaktype.doorlooptijd_eenheid or "kalenderdagen")


def deadlines(zaaktype, start: date, extra_days: int = 0) -> tuple[date, date | None]:
    """A case's planned end date (start + service norm) and legal deadline (start + doorlooptijd), if any, both
    moved on by `extra_days` (suspension, extension) and ending on a working day (Algemene termijnenwet)."""
    legal = doorlooptijd(zaaktype)
    return term_end(start, servicenorm(zaaktype), extra_days), term_end(start, legal, extra_days) if legal else None
