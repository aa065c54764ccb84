"""Find the test persons a valid query asks for: the seven search types of the BRP Personen API 2.x.

Text comparisons are case-insensitive; a trailing `*` is a wildcard (and a leading one for `straat`), as the
spec allows. Searches (not `RaadpleegMetBurgerservicenummer`) leave out deceased persons unless
`inclusiefOverledenPersonen` is true.
"""

from __future__ import annotations

from portal.mock_brp.data import persons_by_bsn
from portal.mock_brp.query import SEARCHES


def find(kind: str, query: dict) -> list[dict]:
    persons = persons_by_bsn()
    if kind == "RaadpleegMetBurgerservicenummer":
        found = [persons[number] for number in dict.fromkeys(query["burgerservicenummer"]) if number in persons]
        return [person for person in found if _in_municipality(person, query)]
    required, optional = SEARCHES[kind]
    # Only the parameters this search type defines, which the query check has checked.
    wanted = {name: query[name] for name in (*required, *optional) if name in CRITERIA and query.get(name) is not None}
    return [
        person
        for person in persons.values()
        if (query.get("inclusiefOverledenPersonen") is True or not person.get("overlijden"))
        and all(CRITERIA[name](person, value) for name, value in wanted.items())
    ]


def _text_matches(actual, wanted: str) -> bool:
    actual, wanted = str(actual or "").lower(), wanted.lower()
    if wanted.startswith("*"):
        return actual.endswith(wanted[1:])
    if wanted.endswith("*"):
        return actual.startswith(wanted[:-1])
    return actual == wanted


def _naam(person: dict) -> dict:
    return person.get("naam") or {}


def _adres(person: dict) -> dict:
    return (person.get("verblijfplaats") or {}).get("verblijfadres") or {}


def _in_municipality(person: dict, query: dict) -> bool:
    wanted = query.get("gemeenteVanInschrijving")
    return wanted is None or (person.get("gemeenteVanInschrijving") or {}).get("code") == wanted


CRITERIA = {
    "geslachtsnaam": lambda person, value: _text_matches(_naam(person).get("geslachtsnaam"), value),
    "voornamen": lambda person, value: _text_matches(_naam(person).get("voornamen"), value),
    "voorvoegsel": lambda person, value: _text_matches(_naam(person).get("voorvoegsel"), value),
    "geslacht": lambda person, value: (person.get("geslacht") or {}).get("code", "").lower() == value.lower(),
    "geboortedatum": lambda person, value: (((person.get("geboorte") or {}).get("datum")) or {}).get("datum") == value,
    "gemeenteVanInschrijving": lambda person, value: _in_municipality(person, {"gemeenteVanInschrijving": value}),
    "postcode": lambda person, value: _adres(person).get("postcode") == value.replace(" ", "").upper(),
    "huisnummer": lambda person, value: _adres(person).get("huisnummer") == int(value),
    "huisletter": lambda person, value: str(_adres(person).get("huisletter", "")).lower() == value.lower(),
    "huisnummertoevoeging": lambda person, value: _text_matches(_adres(person).get("huisnummertoevoeging"), value),
    "straat": lambda person, value: _text_matches(
        _adres(person).get("officieleStraatnaam") or _adres(person).get("korteStraatnaam"), value
    ),
    "nummeraanduidingIdentificatie": lambda person, value: (
        (person.get("verblijfplaats") or {}).get("nummeraanduidingIdentificatie") == value
    ),
    "adresseerbaarObjectIdentificatie": lambda person, value: (
        (person.get("verblijfplaats") or {}).get("adresseerbaarObjectIdentificatie") == value
    ),
}
