"""What a resident sees of a Haal Centraal BRP `Persoon`: plain values for templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The `fields` the portal asks for, per purpose: never more than the page needs.
FIELDS_GREETING = ("naam",)
# Staff: who the resident of a case is (case worker), and who is calling (KCC).
FIELDS_WHO = ("naam", "geboorte", "verblijfplaats", "adressering")
FIELDS_CALLER = ("naam", "geboorte")
FIELDS_MY_DETAILS = (
    "naam",
    "geboorte",
    "geslacht",
    "verblijfplaats",
    "adressering",
    "gemeenteVanInschrijving",
    "nationaliteiten",
    "partners",
    "kinderen",
)


# The BRP client has checked the shape of the parts the pages read; these helpers make every reading total
# anyway (a value of an unexpected type reads as absent), so no answer can break a page.


def _obj(value) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value) -> str:
    if isinstance(value, bool):
        return ""
    return value if isinstance(value, str) else str(value) if isinstance(value, int) else ""


def _date(value: dict | None) -> date | None:
    """A BRP date object; only a full date (type Datum) becomes a date."""
    value = _obj(value)
    if value.get("type") == "Datum" and isinstance(value.get("datum"), str):
        try:
            return date.fromisoformat(value["datum"])
        except ValueError:
            return None
    return None


def _partial_date(value: dict | None) -> str:
    """The BRP's own long form for a partial or unknown date ('december 1985', 'onbekend')."""
    value = _obj(value)
    if not value or value.get("type") == "Datum":
        return ""
    return _text(value.get("langFormaat"))


def full_name(naam: dict | None) -> str:
    naam = _obj(naam)
    if _text(naam.get("volledigeNaam")):
        return _text(naam["volledigeNaam"])
    parts = [_text(naam.get(key)) for key in ("voornamen", "voorvoegsel", "geslachtsnaam")]
    return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class Relative:
    name: str
    birth_date: date | None
    birth_date_text: str = ""


def _relatives(items: list[dict] | None) -> list[Relative]:
    relatives = []
    for item in items if isinstance(items, list) else []:
        item = _obj(item)
        geboorte = _obj(item.get("geboorte"))
        relatives.append(
            Relative(
                name=full_name(item.get("naam")),
                birth_date=_date(geboorte.get("datum")),
                birth_date_text=_partial_date(geboorte.get("datum")),
            )
        )
    return relatives


def relatives(items: list[dict] | None) -> list[Relative]:
    """The partners, children or parents of a Persoon (one of its BRP lists): names and birth dates only."""
    return _relatives(items)


def _address_lines(person: dict) -> list[str]:
    adres = {key: _text(value) for key, value in _obj(_obj(person.get("verblijfplaats")).get("verblijfadres")).items()}
    if adres.get("korteStraatnaam") or adres.get("officieleStraatnaam"):
        number = adres.get("huisnummer", "") + adres.get("huisletter", "")
        if adres.get("huisnummertoevoeging"):
            number += f"-{adres['huisnummertoevoeging']}"
        street = adres.get("korteStraatnaam") or adres.get("officieleStraatnaam")
        postcode = adres.get("postcode", "")
        if len(postcode) == 6:
            postcode = f"{postcode[:4]} {postcode[4:]}"
        return [f"{street} {number}".strip(), f"{postcode} {adres.get('woonplaats', '')}".strip()]
    lines = [adres.get(key) for key in ("regel1", "regel2", "regel3")]
    adressering = {key: _text(value) for key, value in _obj(person.get("adressering")).items()}
    lines = [line for line in lines if line] or [
        adressering.get(key) for key in ("adresregel1", "adresregel2", "adresregel3") if adressering.get(key)
    ]
    return lines


@dataclass(frozen=True)
class PersonView:
    full_name: str
    first_names: str
    birth_date: date | None
    birth_date_text: str
    birth_place: str
    gender: str
    address_lines: list[str]
    municipality: str
    nationalities: list[str]
    partners: list[Relative] = field(default_factory=list)
    children: list[Relative] = field(default_factory=list)

    @classmethod
    def from_brp(cls, person: dict) -> PersonView:
        naam = _obj(person.get("naam"))
        geboorte = _obj(person.get("geboorte"))
        nationaliteiten = person.get("nationaliteiten")
        return cls(
            full_name=full_name(naam),
            first_names=_text(naam.get("voornamen")),
            birth_date=_date(geboorte.get("datum")),
            birth_date_text=_partial_date(geboorte.get("datum")),
            birth_place=_text(_obj(geboorte.get("plaats")).get("omschrijving")),
            gender=_text(_obj(person.get("geslacht")).get("omschrijving")),
            address_lines=_address_lines(person),
            municipality=_text(_obj(person.get("gemeenteVanInschrijving")).get("omschrijving")),
            nationalities=[
                _text(_obj(_obj(item).get("nationaliteit")).get("omschrijving"))
                for item in (nationaliteiten if isinstance(nationaliteiten, list) else [])
                if _obj(item).get("nationaliteit")
            ],
            partners=_relatives(person.get("partners")),
            children=_relatives(person.get("kinderen")),
        )
