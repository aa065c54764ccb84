"""The embedded mock BRP: the Haal Centraal BRP Personen API 2.x over HTTP, fed by the RvIG test persons.

`POST /mock-brp/haalcentraal/api/brp/personen` with a JSON query (`type`, `fields`, and the search
parameters), an `X-API-KEY` header, and `application/problem+json` errors, as the real API does.
Mounted only when MOCK_BRP_ENABLED is on; production must point BRP_API_URL at the real service.
"""

from __future__ import annotations

import hmac
import re
from datetime import date

from flask import Blueprint, Flask, current_app, jsonify, request

from portal.extensions import csrf
from portal.i18n import local_today
from portal.mock_brp.data import age, allowed_fields, persons_by_bsn
from portal.mock_brp.fields import build_tree, select

bp = Blueprint("mock_brp", __name__, url_prefix="/mock-brp/haalcentraal/api/brp")

BSN = re.compile(r"^[0-9]{9}$")
SEARCHES = {
    "RaadpleegMetBurgerservicenummer": ("burgerservicenummer",),
    "ZoekMetGeslachtsnaamEnGeboortedatum": ("geslachtsnaam", "geboortedatum"),
    "ZoekMetPostcodeEnHuisnummer": ("postcode", "huisnummer"),
}


class Problem(Exception):
    def __init__(self, status: int, title: str, code: str, invalid: list[dict] | None = None, detail: str = ""):
        super().__init__(title)
        self.body = {
            "type": f"https://datatracker.ietf.org/doc/html/rfc7231#section-{'6.5.1' if status == 400 else '6.6.1'}",
            "title": title,
            "status": status,
            "instance": request.path,
            "code": code,
        }
        if status == 401:
            self.body["type"] = "https://datatracker.ietf.org/doc/html/rfc7235#section-3.1"
        if detail:
            self.body["detail"] = detail
        if invalid:
            self.body["invalidParams"] = invalid


def invalid(name: str, code: str, reason: str) -> list[dict]:
    return [{"name": name, "code": code, "reason": reason}]


@bp.errorhandler(Problem)
def _problem(problem: Problem):
    response = jsonify(problem.body)
    response.status_code = problem.body["status"]
    response.mimetype = "application/problem+json"
    return response


@bp.post("/personen")
def personen():
    _check_api_key()
    query = request.get_json(silent=True)
    if not isinstance(query, dict):
        raise Problem(400, "Een of meerdere parameters zijn niet correct.", "paramsValidation",
                      invalid("body", "json", "De body is geen geldige JSON."))
    kind = query.get("type")
    if kind not in SEARCHES:
        raise Problem(400, "Een of meerdere parameters zijn niet correct.", "paramsValidation",
                      invalid("type", "value", f"Waarde moet een van {', '.join(SEARCHES)} zijn."))
    tree = build_tree(_fields(query, limited=kind != "RaadpleegMetBurgerservicenummer"))
    today = local_today()
    found = [_with_age(person, today) for person in _search(kind, query)]
    return jsonify({"type": kind, "personen": [select(person, tree) for person in found]})


def _check_api_key() -> None:
    expected = current_app.config["MOCK_BRP_API_KEY"]
    given = request.headers.get("X-API-KEY", "")
    if not given or not hmac.compare_digest(given, expected):
        raise Problem(401, "Niet correct geauthenticeerd.", "authentication")


def _fields(query: dict, *, limited: bool) -> list[str]:
    fields = query.get("fields")
    if not fields:
        raise Problem(400, "Een of meerdere parameters zijn niet correct.", "paramsValidation",
                      invalid("fields", "required", "Parameter is verplicht."))
    if not isinstance(fields, list) or not all(isinstance(item, str) for item in fields) or len(fields) > 130:
        raise Problem(400, "Een of meerdere parameters zijn niet correct.", "paramsValidation",
                      invalid("fields", "array", "Parameter is geen lijst van maximaal 130 velden."))
    allowed = allowed_fields(limited)
    for index, path in enumerate(fields):
        if path not in allowed:
            raise Problem(400, "Een of meerdere parameters zijn niet correct.", "paramsValidation",
                          invalid(f"fields[{index}]", "field", "Parameter bevat een niet bestaande veldnaam."))
    return fields


def _search(kind: str, query: dict) -> list[dict]:
    persons = persons_by_bsn()
    if kind == "RaadpleegMetBurgerservicenummer":
        numbers = query.get("burgerservicenummer")
        if not isinstance(numbers, list) or not 1 <= len(numbers) <= 20:
            raise Problem(400, "Een of meerdere parameters zijn niet correct.", "paramsValidation",
                          invalid("burgerservicenummer", "array", "Parameter is een lijst van 1 tot 20 nummers."))
        for index, number in enumerate(numbers):
            if not isinstance(number, str) or not BSN.match(number):
                raise Problem(400, "Een of meerdere parameters zijn niet correct.", "paramsValidation",
                              invalid(f"burgerservicenummer[{index}]", "pattern", "Waarde voldoet niet aan patroon "
                                      "^[0-9]{9}$."))
        return [persons[number] for number in numbers if number in persons]
    return [person for person in persons.values() if _matches(kind, query, person)]


def _matches(kind: str, query: dict, person: dict) -> bool:
    for name in SEARCHES[kind]:
        if not query.get(name):
            raise Problem(400, "Een of meerdere parameters zijn niet correct.", "paramsValidation",
                          invalid(name, "required", "Parameter is verplicht."))
    if kind == "ZoekMetGeslachtsnaamEnGeboortedatum":
        naam = person.get("naam") or {}
        born = ((person.get("geboorte") or {}).get("datum") or {}).get("datum")
        return naam.get("geslachtsnaam", "").lower() == str(query["geslachtsnaam"]).lower() and born == query[
            "geboortedatum"]
    address = ((person.get("verblijfplaats") or {}).get("verblijfadres")) or {}
    postcode = str(query["postcode"]).replace(" ", "").upper()
    return address.get("postcode") == postcode and str(address.get("huisnummer")) == str(query["huisnummer"])


def _with_age(person: dict, today: date) -> dict:
    years = age(person, today)
    return person if years is None else {**person, "leeftijd": years}


def init_app(app: Flask) -> None:
    csrf.exempt(bp)
    app.register_blueprint(bp)
