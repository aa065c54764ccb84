"""One line per case for lists (Mijn zaken, Mijn overzicht, the KCC lookup), worked out in Python once.

A list of cases is the page residents open most; doing the dates and names here instead of in template
macros keeps it fast (the locale is looked up once, formatted dates are cached).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import get_locale

from portal.cases import planning
from portal.cases.termijnen import Termijn
from portal.i18n import format_day, localized
from portal.queries.cases import step_durations


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    title: str
    description: str
    status: str  # the current step's name; empty before the first status
    state: str  # "closed", "late", "suspended", "delayed" (expected after the promise), "expected" or "unknown"
    day: str  # the end date (closed) or the expected end date, formatted
    started: str
    news: tuple[str, ...] = ()  # "bericht", "stap", "taak": what is new since the resident last looked


def _news(row) -> tuple[str, ...]:
    """Rows of Mijn zaken carry the marks of `queries.seen.resident_news_columns`; other lists do not."""
    marks = (("bericht", "nieuw_bericht"), ("stap", "nieuwe_stap"), ("taak", "open_taak"))
    mapping = row._mapping
    return tuple(name for name, column in marks if mapping.get(column))


def summarize(rows: list, today: date) -> list[CaseSummary]:
    """`rows` from `queries.cases.case_rows`."""
    locale = str(get_locale())
    durations = step_durations({row.zaaktype_id for row in rows if row.einddatum is None})
    summaries = []
    for row in rows:
        dates = planning.CaseDates(
            start=row.startdatum,
            planned_end=row.einddatum_gepland,
            end=row.einddatum,
            staff_expected=row.verwachte_einddatum,
            step_reached=row.status_gezet_op,
            step_index=(row.volgnummer or 0) - 1,
            durations=durations.get(row.zaaktype_id, ()),
            norm=Termijn(row.servicenorm_aantal, row.servicenorm_eenheid),
            suspended_since=row.opgeschort_sinds,
            shift_days=(row.opgeschorte_dagen or 0) + (row.verlenging_duur_dagen or 0),
        )
        state, day = _state(dates, today)
        summaries.append(
            CaseSummary(
                reference=row.identificatie,
                title=localized(row, "zaaktype", locale),
                description=row.omschrijving,
                status=localized(row, "status", locale) or "",
                state=state,
                day=format_day(day, locale) if day else "",
                started=format_day(row.startdatum, locale),
                news=_news(row),
            )
        )
    return summaries


def _state(dates: planning.CaseDates, today: date) -> tuple[str, date | None]:
    if dates.end is not None:
        return "closed", dates.end
    if planning.is_late(dates, today):
        return "late", None
    day = planning.expected_end(dates, today)
    if planning.is_suspended(dates):
        return "suspended", planning.planned_end(dates, today)
    if planning.is_delayed(dates, today):
        return "delayed", day
    return ("expected" if day else "unknown"), day
