"""Checks the query of `GET /adressen` as the BAG API does: every parameter against the spec's schema, every
fault at once in `invalid-params`, and one supported search per request."""

from __future__ import annotations

import re

NAME = (
    r"[\u0020-\u007E\u00A0-\u00FF\u0100-\u0113\u0116-\u012B\u012E-\u014D\u0150-\u017E\u02C7\u02D8-\u02DB"
    r"\u02DD\u2015\u2018-\u2019\u201C-\u201D\u20AC\u2122\u2126\u215B-\u215E\u2190-\u2193\u266A]{1,80}"
)
PATTERNS = {  # the spec's patterns, matched in full (Python's `$` would let a trailing newline through)
    "postcode": r"[1-9][0-9]{3}[a-zA-Z]{2}",
    "huisletter": r"[a-zA-Z]",
    "huisnummertoevoeging": r"[0-9a-zA-Z]{1,4}",
    "adresseerbaarObjectIdentificatie": r"[0-9]{4}(01|02|03)[0-9]{10}",
    "pandIdentificatie": r"[0-9]{4}10[0-9]{10}",
    "woonplaatsNaam": NAME,
    "openbareRuimteNaam": NAME,
}
INTEGERS = {"huisnummer": (1, 99999), "page": (1, None), "pageSize": (10, 100)}  # the spec sets no last page
SEARCHES = (  # the searches of `GET /adressen` the mock serves: required parameters, optional ones
    ({"postcode", "huisnummer"}, {"huisletter", "huisnummertoevoeging", "exacteMatch"}),
    ({"woonplaatsNaam", "openbareRuimteNaam", "huisnummer"}, {"huisletter", "huisnummertoevoeging", "exacteMatch"}),
    ({"adresseerbaarObjectIdentificatie"}, set()),
    ({"pandIdentificatie"}, set()),
)
PAGING = {"page", "pageSize"}
NOT_SERVED = {"zoekresultaatIdentificatie", "expand"}
KNOWN = set(PATTERNS) | set(INTEGERS) | {"exacteMatch"} | NOT_SERVED


def invalid(name: str, code: str, reason: str) -> dict:
    return {
        "type": f"https://www.vng.nl/realisatie/api/validaties/{code}",
        "name": name,
        "code": code,
        "reason": reason,
    }


def _value(name: str, raw: str) -> tuple[object, dict | None]:
    if name in INTEGERS:
        low, high = INTEGERS[name]
        if not re.fullmatch(r"[0-9]{1,100}", raw):
            return None, invalid(name, "integer", "Waarde is geen geldige integer.")
        if int(raw) < low:
            return None, invalid(name, "minimum", f"Waarde is kleiner dan {low}.")
        if high is not None and int(raw) > high:
            return None, invalid(name, "maximum", f"Waarde is groter dan {high}.")
        return int(raw), None
    if name == "exacteMatch":
        if raw not in ("true", "false"):
            return None, invalid(name, "boolean", "Waarde is geen geldige boolean.")
        return raw == "true", None
    if name in NOT_SERVED:
        return None, invalid(name, "unsupported", "Deze parameter wordt door de mock BAG niet ondersteund.")
    if not re.fullmatch(PATTERNS[name], raw):
        return None, invalid(name, "pattern", f"Waarde voldoet niet aan patroon ^{PATTERNS[name]}$.")
    return raw, None


def parse(args) -> tuple[dict, list[dict], str]:
    """The query as typed values, the invalid parameters, and the problem code when the search is wrong."""
    query, faults = {}, []
    for name in args:
        values = args.getlist(name)
        if name not in KNOWN:
            faults.append(invalid(name, "unknownParam", "Parameter is niet verwacht."))
        elif len(values) > 1:
            faults.append(invalid(name, "array", "Parameter mag maar één keer voorkomen."))
        else:
            value, fault = _value(name, values[0])
            faults.extend([fault] if fault else [])
            query[name] = value
    if faults:
        return query, faults, "paramsValidation"
    return query, [], _search_problem(set(query) - PAGING)


def _search_problem(given: set[str]) -> str:
    if not given:
        return "paramsRequired"
    for required, optional in SEARCHES:
        if required <= given <= required | optional:
            return ""
    return "paramsCombinationNotAllowed"
