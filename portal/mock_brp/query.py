"""Check a `POST /personen` query the way the Haal Centraal BRP Personen API 2.x does: every invalid
parameter is reported, all at once, as one `invalidParams` entry each (name, code, reason).

The rules are the 2.7.0 OpenAPI document's: the seven search types, their required parameters, and the
patterns, types and limits of every parameter. Parameters a search type does not define are ignored (the
schema allows extra properties). Names and reasons keep to the spec's own patterns for `InvalidParam`
(`^[a-zA-Z0-9\\._]{1,30}$`, `^[a-zA-Z0-9\\., ]{1,80}$`), so an item of a list is named `fields.3`, not
`fields[3]`.
"""

from __future__ import annotations

import re
from datetime import date

from portal.mock_brp.data import allowed_fields

_NAME = r"^[a-zA-Z0-9À-ž \.\-\']{1,200}$|^[a-zA-Z0-9À-ž \.\-\']{3,199}\*{1}$"
PATTERNS = {
    "burgerservicenummer": r"^[0-9]{9}$",
    "geslachtsnaam": _NAME,
    "geslacht": r"^([Mm]|[Vv]|[Oo])$",
    "voorvoegsel": r"^[a-zA-Z \']{1,10}$",
    "voornamen": r"^[a-zA-Z0-9À-ž \.\-\']{1,199}\*{0,1}$",
    "voornamenVerplicht": _NAME,
    "gemeenteVanInschrijving": r"^[0-9]{4}$",
    "postcode": r"^[1-9]{1}[0-9]{3}[ ]?[A-Za-z]{2}$",
    "huisletter": r"^[a-zA-Z]{1}$",
    "huisnummertoevoeging": r"^[a-zA-Z0-9 \-]{1,4}$",
    "straat": r"^[a-zA-Z0-9À-ž \-\'\.]{1,80}$|^[a-zA-Z0-9À-ž \-\'\.]{7,79}\*{1}$|^\*{1}[a-zA-Z0-9À-ž \-\'\.]{7,79}$",
    "nummeraanduidingIdentificatie": r"^(?!0{16})[0-9]{16}$",
    "adresseerbaarObjectIdentificatie": r"^(?!0{16})[0-9]{16}$",
    "field": r"^[a-zA-Z0-9\._]{1,200}$",
}
_COMPILED = {name: re.compile(pattern) for name, pattern in PATTERNS.items()}

_ADDRESS = ("inclusiefOverledenPersonen", "huisletter", "huisnummertoevoeging")
# type: (required parameters, optional parameters)
SEARCHES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "RaadpleegMetBurgerservicenummer": (("burgerservicenummer",), ("gemeenteVanInschrijving",)),
    "ZoekMetGeslachtsnaamEnGeboortedatum": (
        ("geslachtsnaam", "geboortedatum"),
        ("inclusiefOverledenPersonen", "geslacht", "voorvoegsel", "voornamen", "gemeenteVanInschrijving"),
    ),
    "ZoekMetNaamEnGemeenteVanInschrijving": (
        ("geslachtsnaam", "gemeenteVanInschrijving", "voornamen"),
        ("inclusiefOverledenPersonen", "geslacht", "voorvoegsel"),
    ),
    "ZoekMetPostcodeEnHuisnummer": (
        ("postcode", "huisnummer"),
        (*_ADDRESS, "geboortedatum", "geslachtsnaam", "gemeenteVanInschrijving"),
    ),
    "ZoekMetStraatHuisnummerEnGemeenteVanInschrijving": (("straat", "huisnummer", "gemeenteVanInschrijving"), _ADDRESS),
    "ZoekMetNummeraanduidingIdentificatie": (
        ("nummeraanduidingIdentificatie",),
        ("inclusiefOverledenPersonen", "gemeenteVanInschrijving"),
    ),
    "ZoekMetAdresseerbaarObjectIdentificatie": (
        ("adresseerbaarObjectIdentificatie",),
        ("inclusiefOverledenPersonen", "gemeenteVanInschrijving"),
    ),
}
MAX_FIELDS = 130
MAX_BSNS = 20


def param(name: str, code: str, reason: str) -> dict:
    return {"name": name, "code": code, "reason": reason}


def problems(query: dict) -> list[dict]:
    """Every invalid parameter of the query; an empty list when it is valid."""
    kind = query.get("type")
    known = isinstance(kind, str) and kind in SEARCHES
    found = [] if known else [param("type", "value", "Waarde is geen bekend zoektype.")]
    found += _field_problems(query.get("fields"), limited=kind != "RaadpleegMetBurgerservicenummer")
    if not known:
        return found
    required, optional = SEARCHES[kind]
    for name in required:
        if name not in query:
            found.append(param(name, "required", "Parameter is verplicht."))
    for name in (*required, *optional):
        if name in query:  # null is a wrong type, not an absent parameter
            found += _value_problems(kind, name, query[name])
    return found


def _field_problems(fields, *, limited: bool) -> list[dict]:
    if fields == [] or fields is None:
        return [param("fields", "required", "Parameter is verplicht.")]
    if not isinstance(fields, list):
        return [param("fields", "array", "Parameter is geen lijst.")]
    found = []
    if len(fields) > MAX_FIELDS:
        found.append(param("fields", "maxItems", f"Array bevat meer dan {MAX_FIELDS} items."))
    allowed = allowed_fields(limited)
    for index, path in enumerate(fields):
        if not isinstance(path, str) or not _COMPILED["field"].fullmatch(path):
            found.append(param(f"fields.{index}", "pattern", "Waarde voldoet niet aan het patroon."))
        elif path not in allowed:
            found.append(param(f"fields.{index}", "fields", "Parameter bevat een niet bestaande veldnaam."))
    return found


def _value_problems(kind: str, name: str, value) -> list[dict]:
    if name == "burgerservicenummer":
        return _bsn_problems(value)
    if name == "huisnummer":
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # JSON has one number type: 31.0 is the integer 31
        if not isinstance(value, int) or isinstance(value, bool):
            return [param(name, "integer", "Waarde is geen geldig getal.")]
        if not 1 <= value <= 99999:
            return [param(name, "minimum" if value < 1 else "maximum", "Waarde ligt niet tussen 1 en 99999.")]
        return []
    if name == "inclusiefOverledenPersonen":
        return [] if isinstance(value, bool) else [param(name, "boolean", "Waarde is geen boolean.")]
    if name == "geboortedatum":
        return [] if _is_date(value) else [param(name, "date", "Waarde is geen geldige datum.")]
    key = "voornamenVerplicht" if name == "voornamen" and kind == "ZoekMetNaamEnGemeenteVanInschrijving" else name
    if not isinstance(value, str) or not _COMPILED[key].fullmatch(value):
        return [param(name, "pattern", "Waarde voldoet niet aan het patroon.")]
    return []


def _bsn_problems(numbers) -> list[dict]:
    name = "burgerservicenummer"
    if not isinstance(numbers, list):
        return [param(name, "array", "Parameter is geen lijst.")]
    if not 1 <= len(numbers) <= MAX_BSNS:
        return [param(name, "minItems" if not numbers else "maxItems", f"Array bevat 1 tot {MAX_BSNS} items.")]
    return [
        param(f"{name}.{index}", "pattern", "Waarde is geen nummer van 9 cijfers.")
        for index, number in enumerate(numbers)
        if not isinstance(number, str) or not _COMPILED[name].fullmatch(number)
    ]


def _is_date(value) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
