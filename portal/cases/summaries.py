"""One line per case for lists (Mijn zaken, Mijn overzicht, the KCC lookup), worked out in Python once.

A list of cases is the page residents open most; doing the dates and names here instead of in template
macros keeps it fast (the locale is looked up once, formatted dates are cached).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import get_locale

from portal.cases import planning
from portal.i18n import format_day
from portal.models.cases import Zaak


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    title: str
    description: str
    status: str  # the current step's name; empty before the first status
    state: str  # "closed", "late", "expected" or "unknown"
    day: str  # the end date (closed) or the expected end date, formatted
    started: str


def summarize(cases: list[Zaak], today: date) -> list[CaseSummary]:
    locale = str(get_locale())
    english = locale == "en"
    summaries = []
    for zaak in cases:
        if zaak.einddatum is not None:
            state, day = "closed", zaak.einddatum
        elif planning.is_late(zaak, today):
            state, day = "late", None
        else:
            day = planning.expected_end(zaak, today)
            state = "expected" if day else "unknown"
        step = zaak.statustype
        summaries.append(CaseSummary(
            reference=zaak.identificatie,
            title=zaak.zaaktype.omschrijving_en if english else zaak.zaaktype.omschrijving,
            description=zaak.omschrijving,
            status=(step.omschrijving_en if english else step.omschrijving) if step else "",
            state=state,
            day=format_day(day, locale) if day else "",
            started=format_day(zaak.startdatum, locale),
        ))
    return summaries
