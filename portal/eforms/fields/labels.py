"""The labels of the parts of a date and an address, and the error summary's links, in the page language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import lazy_gettext as _l

from portal.eforms.fields import address, dates, repeat
from portal.eforms.fields.messages import translate

LABELS = {
    "Dag": _l("Dag"),
    "Maand": _l("Maand"),
    "Jaar": _l("Jaar"),
    "postcode": _l("Postcode"),
    "huisnummer": _l("Huisnummer"),
    "huisletter": _l("Huisletter (als u die heeft)"),
    "toevoeging": _l("Toevoeging (als u die heeft)"),
    "straat": _l("Straat"),
    "woonplaats": _l("Plaats"),
    "adres": _l("Kies uw adres"),
    "kies": _l("Kies een antwoord"),
}
CHOICE_TYPES = ("radios", "yes_no", "checkboxes", "family_member")


def label(key: str, lang: str) -> str:
    return translate(LABELS[key], lang)


def anchor(field: Mapping, name: str, base: str) -> str:
    """The id of the input an error about `name` links to."""
    kind = field.get("type")
    if name == base and kind in CHOICE_TYPES:
        return f"{name}-1"
    if name == base and kind == "date":
        return f"{name}-dag"
    if name == base and kind == "address_nl":
        return f"{name}-postcode"
    if kind == "address_nl" and name == f"{base}-adres":
        return f"{name}-1"
    return name


def _names(field: Mapping, base: str) -> list[str]:
    kind = field.get("type")
    if kind == "date":
        return [base] + [f"{base}-{part}" for part in dates.PARTS]
    if kind == "address_nl":
        return [base] + [f"{base}-{part}" for part in address.PARTS + address.CHOICE]
    return [base]


def _collect(fields: Iterable[Mapping], errors: Mapping[str, str], prefix: str, seen: set) -> list[tuple]:
    items = []
    for field in fields:
        if not isinstance(field, Mapping) or "id" not in field:
            continue
        base = prefix + field["id"]
        if field.get("type") == "repeat":
            for index in repeat.posted_indexes(field, errors):
                items += _collect(field.get("fields") or [], errors, f"{base}-{index}-", seen)
        for name in _names(field, base):
            if name in errors:
                items.append((anchor(field, name, base), errors[name]))
                seen.add(name)
    return items


def error_summary_items(fields: Iterable[Mapping], errors: Mapping[str, str], prefix: str = "") -> list[tuple]:
    """(id to link to, message) for every error, in the order of the questions on the page."""
    seen: set = set()
    items = _collect(fields, errors, prefix, seen)
    return items + [(name, message) for name, message in errors.items() if name not in seen]
