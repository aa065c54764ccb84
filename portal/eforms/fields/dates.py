"""A date as three inputs (<name>-dag, <name>-maand, <name>-jaar), read the way people type it.

The month may be a number or a name in Dutch or English, in full or short ("3", "maart", "mrt", "mrt.",
"March", "sept"): the names come from Babel's calendar data. Only real calendar dates pass (no 31 april).
Limits are relative to the context's today ("today+28d") or a fixed date; the answer is stored as ISO
"2026-03-03" and shown by Babel as "3 maart 2026".
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from babel.dates import format_date, get_month_names

from portal.eforms.fields.inputs import Input

PARTS = ("dag", "maand", "jaar")
LIMIT = re.compile(r"today(?:([+-])([0-9]{1,4})d)?")


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in ("nl", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.lower().rstrip(".")] = number
    names.update({"sept": 9, "maa": 3, "mar": 3, "mei": 5, "okt": 10, "oct": 10})
    return names


def read_month(value: str) -> int | None:
    text = value.strip().lower().rstrip(".")
    if text.isascii() and text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return month_numbers().get(text)


def read_date(day: str, month: str, year: str) -> date | None:
    if not (day.isascii() and day.isdigit() and len(day) <= 2):
        return None
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        return None
    number = read_month(month)
    if number is None:
        return None
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def limit_date(value: str, today: date) -> date | None:
    """ "today", "today+14d", "today-5d" or "2026-03-01"."""
    match = LIMIT.fullmatch(value)
    if match:
        sign, days = match.groups()
        offset = int(days or 0) * (-1 if sign == "-" else 1)
        return today + timedelta(days=offset)
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def long_date(day: date, lang: str) -> str:
    """ "3 maart 2026" (the same order in English: "3 March 2026"), as portal.i18n.format_day does."""
    return format_date(day, format="d MMMM y", locale=lang)


def _outside(inp: Input, day: date) -> str | None:
    """The first of after/before that fails, or None."""
    for rule in ("after", "before"):
        given = inp.rule(rule)
        if not isinstance(given, dict) or not isinstance(given.get("value"), str):
            continue
        limit = limit_date(given["value"], inp.ctx.today)
        if limit is None:
            continue
        inclusive = given.get("inclusive") is True
        if rule == "after" and (day < limit or (day == limit and not inclusive)):
            return rule
        if rule == "before" and (day > limit or (day == limit and not inclusive)):
            return rule
    return None


def parse_date(inp: Input) -> None:
    parts = [inp.read("-" + part) for part in PARTS]
    if any(part is None for part in parts):
        return
    if not any(parts):
        return inp.fail("required") if inp.required else inp.accept(None)
    day = read_date(*parts)
    if day is None:
        return inp.fail("invalid")
    rule = _outside(inp, day)
    if rule is not None:
        given = inp.rule(rule)
        limit = limit_date(given["value"], inp.ctx.today)
        return inp.fail(rule, value=long_date(limit, inp.ctx.lang))
    inp.accept(day.isoformat())
