"""An answer as a person reads it: on check answers, in the PDF receipt and in the email.

Dates by Babel ("3 maart 2026"), amounts "€ 12,50", yes/no "Ja"/"Nee", options by their label in ctx.lang,
an address on one line, a file as its name and size, family members by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from stdnum import iban

from portal.eforms.fields.address import address_line
from portal.eforms.fields.choices import YES_NO, options
from portal.eforms.fields.context import FieldContext, text, value_at
from portal.eforms.fields.dates import long_date
from portal.eforms.fields.messages import translate
from portal.eforms.fields.numbers import format_money, format_number
from portal.eforms.fields.texts import format_phone, format_postcode

NOT_ANSWERED = _l("Niet ingevuld")
NOT_KNOWN = _l("Niet bekend")
NOBODY = _l("Niemand")
NOTHING = _l("Niets gekozen")


def prefilled(field: Mapping, ctx: FieldContext) -> str:
    """The text of a prefilled fact (`display`), "" when the snapshot does not have it."""
    value = value_at(ctx.prefill, str(field.get("prefill") or ""))
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value).strip()


def _file(value: Mapping, lang: str) -> str:
    size = value.get("size") if isinstance(value.get("size"), int) else 0
    shown = f"{format_number(max(1, round(size / 1000)), lang)} kB"
    if size >= 1_000_000:
        shown = f"{format_number(round(size / 1_000_000, 1), lang)} MB"
    return f"{value.get('name', '')} ({shown})"


def _choice_labels(field: Mapping, value: list, ctx: FieldContext) -> str:
    labels = dict(options(field, ctx))
    return ", ".join(labels.get(item, str(item)) for item in value)


def display_entry(field: Mapping, entry: Mapping, ctx: FieldContext) -> str:
    """One entry of a repeating group: "Naam: Jan; Kan deze persoon helpen?: Ja"."""
    parts = []
    for sub in field.get("fields") or []:
        if isinstance(sub, Mapping) and sub.get("type") not in ("content", "display"):
            parts.append(f"{text(sub.get('label'), ctx.lang)}: {display(sub, entry.get(sub['id']), ctx)}")
    return "; ".join(parts)


def _empty(kind: str | None, lang: str) -> str:
    message = {"family_member": NOBODY, "checkboxes": NOTHING}.get(kind or "", NOT_ANSWERED)
    return translate(message, lang)


def _date(field, value, ctx):
    try:
        return long_date(date.fromisoformat(value), ctx.lang) if isinstance(value, str) else None
    except ValueError:
        return value


def _number(field, value, ctx):
    return format_number(value, ctx.lang) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _yes_no(field, value, ctx):
    if not isinstance(value, bool):
        return None
    return translate(next(label for _, answer, label in YES_NO if answer is value), ctx.lang)


def _option(field, value, ctx):
    return dict(options(field, ctx)).get(value, value) if isinstance(value, str) else None


def _options(field, value, ctx):
    return _choice_labels(field, value, ctx) if isinstance(value, list) else None


def _repeat(field, value, ctx):
    if not isinstance(value, list):
        return None
    return "\n".join(display_entry(field, entry, ctx) for entry in value if isinstance(entry, Mapping))


def _if_text(formatter):
    return lambda field, value, ctx: formatter(value) if isinstance(value, str) else None


FORMATTERS = {
    "date": _date,
    "money": lambda field, value, ctx: format_money(value, ctx.lang) if type(value) is int else None,
    "number": _number,
    "yes_no": _yes_no,
    "radios": _option,
    "select": _option,
    "checkboxes": _options,
    "family_member": _options,
    "phone": _if_text(format_phone),
    "postcode": _if_text(format_postcode),
    "iban": _if_text(iban.format),
    "address_nl": lambda field, value, ctx: address_line(value) if isinstance(value, Mapping) else None,
    "file": lambda field, value, ctx: _file(value, ctx.lang) if isinstance(value, Mapping) else None,
    "repeat": _repeat,
}


def display(field: Mapping, value: Any, ctx: FieldContext) -> str:
    """The human-readable answer of `field` (a `display` field shows its prefilled fact)."""
    kind = field.get("type")
    if kind == "display":
        return prefilled(field, ctx) or translate(NOT_KNOWN, ctx.lang)
    if kind == "content":
        return text(field.get("text"), ctx.lang)
    if value in (None, "", []) or (kind == "address_nl" and isinstance(value, Mapping) and not value.get("bron")):
        return _empty(kind, ctx.lang)
    formatter = FORMATTERS.get(kind)
    shown = formatter(field, value, ctx) if formatter else None
    return str(value) if shown is None else shown
