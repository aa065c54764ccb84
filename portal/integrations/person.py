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


def _date(value: dict | None) -> date | None:
    """A BRP date object; only a full date (type Datum) becomes a date."""
    if value and value.get("type") == "Datum" and value.get("datum"):
        return date.fromisoformat(value["datum"])
    return None


def _partial_date(value: dict | None) -> str:
    """The BRP's own long form for a partial or unknown date ('december 1985', 'onbekend')."""
    if not value or value.get("type") == "Datum":
        return ""
    return value.get("langFormaat", "")


def full_name(naam: dict | None) -> str:
    if not naam:
        return ""
    if naam.get("volledigeNaam"):
        return naam["volledigeNaam"]
    parts = [naam.get("voornamen"), naam.get("voorvoegsel"), naam.get("geslachtsnaam")]
    return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class Relative:
    name: str
    birth_date: date | None
    birth_date_text: str = ""


def _relatives(items: list[dict] | None) -> list[Relative]:
    relatives = []
    for item in items or []:
        geboorte = item.get("geboorte") or {}
        relatives.append(
            Relative(
                name=full_name(item.get("naam")),
                birth_date=_date(geboorte.get("datum")),
                birth_date_text=_partial_date(geboorte.get("datum")),
            )
        )
    return relatives


def _address_lines(person: dict) -> list[str]:
    adres = (person.get("verblijfplaats") or {}).get("verblijfadres") or {}
    if adres.get("korteStraatnaam") or adres.get("officieleStraatnaam"):
        number = "".join(
            str(part)
            for part in (adres.get("huisnummer", ""), adres.get("huisletter", ""))
            if part
        )
        if adres.get("huisnummertoevoeging"):
            number += f"-{adres['huisnummertoevoeging']}"
        street = adres.get("korteStraatnaam") or adres.get("officieleStraatnaam")
        postcode = adres.get("postcode", "")
        if len(postcode) == 6:
            postcode = f"{postcode[:4]} {postcode[4:]}"
        return [f"{street} {number}".strip(), f"{postcode} {adres.get('woonplaats', '')}".strip()]
    lines = [adres.get(key) for key in ("regel1", "regel2", "regel3")]
    adressering = person.get("adressering") or {}
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
        naam = person.get("naam") or {}
        geboorte = person.get("geboorte") or {}
        return cls(
            full_name=full_name(naam),
            first_names=naam.get("voornamen", ""),
            birth_date=_date(geboorte.get("datum")),
            birth_date_text=_partial_date(geboorte.get("datum")),
            birth_place=(geboorte.get("plaats") or {}).get("omschrijving", ""),
            gender=(person.get("geslacht") or {}).get("omschrijving", ""),
            address_lines=_address_lines(person),
            municipality=(person.get("gemeenteVanInschrijving") or {}).get("omschrijving", ""),
            nationalities=[
                (item.get("nationaliteit") or {}).get("omschrijving", "")
                for item in person.get("nationaliteiten") or []
                if item.get("nationaliteit")
            ],
            partners=_relatives(person.get("partners")),
            children=_relatives(person.get("kinderen")),
        )
