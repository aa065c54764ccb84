"""Generate the mock BRP's fixture from the official RvIG / Haal Centraal test persons.

Source: `brp-testpersonen-2024-06-11.json` from BRP-API/Haal-Centraal-BRP-bevragen
(`src/config/BrpService/test-data.json`, EUPL-1.2): 1,176 persons in raw GBA form (dates as
"yyyymmdd", a flat address). This script converts them to the `Persoon` shape of the Haal Centraal
BRP Personen API 2.x (date objects, `Adres` / `VerblijfplaatsBuitenland`, `adressering`,
`volledigeNaam`, typed nationalities) and writes `portal/mock_brp/data/personen.json.gz`.
`leeftijd` is not stored: it depends on the day of the request, so the mock computes it.

Run:  .venv/bin/python scripts/generate_brp_fixture.py [path/to/brp-testpersonen.json]
The output is deterministic: running it twice gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "specs" / "brp" / "brp-testpersonen-2024-06-11.json"
TARGET = ROOT / "portal" / "mock_brp" / "data" / "personen.json.gz"

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
# `gezag` is left out: this 2024 data set predates the 2.x gezag shape and cannot be converted faithfully.
PERSOON_KEYS = {
    "aNummer",
    "burgerservicenummer",
    "datumEersteInschrijvingGBA",
    "geheimhoudingPersoonsgegevens",
    "geslacht",
    "inOnderzoek",
    "uitsluitingKiesrecht",
    "europeesKiesrecht",
    "naam",
    "nationaliteiten",
    "geboorte",
    "opschortingBijhouding",
    "overlijden",
    "verblijfplaats",
    "immigratie",
    "gemeenteVanInschrijving",
    "datumInschrijvingInGemeente",
    "adressering",
    "indicatieCurateleRegister",
    "indicatieGezagMinderjarige",
    "verblijfstitel",
    "kinderen",
    "ouders",
    "partners",
    "rni",
    "verificatie",
}
RELATED_NAME_KEYS = (
    "voornamen",
    "adellijkeTitelPredicaat",
    "voorvoegsel",
    "geslachtsnaam",
    "voorletters",
    "inOnderzoek",
)


def convert_date(raw: str) -> dict:
    """A GBA date "yyyymmdd" (with 00 for unknown parts) as an API 2.x date object."""
    year, month, day = int(raw[:4]), int(raw[4:6]), int(raw[6:8])
    if year == 0:
        return {"type": "DatumOnbekend", "onbekend": True, "langFormaat": "onbekend"}
    if month == 0:
        return {"type": "JaarDatum", "jaar": year, "langFormaat": str(year)}
    if day == 0:
        return {"type": "JaarMaandDatum", "jaar": year, "maand": month, "langFormaat": f"{MONTHS[month - 1]} {year}"}
    return {
        "type": "Datum",
        "datum": f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}",
        "langFormaat": f"{day} {MONTHS[month - 1]} {year}",
    }


def convert_dates(value):
    """Every `datum…` string of eight digits, at any depth, becomes a date object."""
    if isinstance(value, dict):
        return {
            key: convert_date(item)
            if key.startswith("datum") and isinstance(item, str) and len(item) == 8 and item.isdigit()
            else convert_dates(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [convert_dates(item) for item in value]
    return value


def initials(first_names: str) -> str:
    return " ".join(f"{name[0]}." for name in first_names.split() if name)


def full_name(naam: dict) -> str:
    parts = [naam.get("voornamen", "").strip()]
    title = (naam.get("adellijkeTitelPredicaat") or {}).get("omschrijving")
    if title:
        parts.append(title)
    parts += [naam.get("voorvoegsel", ""), naam.get("geslachtsnaam", "").strip()]
    return " ".join(part for part in parts if part)


def convert_name(naam: dict, *, person: bool) -> dict:
    result = {key: value for key, value in naam.items() if person or key in RELATED_NAME_KEYS}
    if naam.get("voornamen"):
        result["voornamen"] = naam["voornamen"].strip()
        result["voorletters"] = initials(naam["voornamen"])
    if person:
        result["volledigeNaam"] = full_name(naam)
    return result


def convert_address(raw: dict) -> dict | None:
    if not raw:
        return None
    if raw.get("regel1") or raw.get("land"):
        address = {key: raw[key] for key in ("regel1", "regel2", "regel3", "land") if raw.get(key)}
        result = {"type": "VerblijfplaatsBuitenland", "verblijfadres": address}
        if raw.get("datumAanvangAdresBuitenland"):
            result["datumVan"] = raw["datumAanvangAdresBuitenland"]
        return result
    if not raw.get("straat"):
        return {"type": "VerblijfplaatsOnbekend"}
    return _domestic_address(raw)


def _domestic_address(raw: dict) -> dict:
    address = {"officieleStraatnaam": raw.get("naamOpenbareRuimte") or raw["straat"], "korteStraatnaam": raw["straat"]}
    for key in (
        "huisnummer",
        "huisletter",
        "huisnummertoevoeging",
        "aanduidingBijHuisnummer",
        "postcode",
        "woonplaats",
    ):
        if raw.get(key):
            address[key] = int(raw[key]) if key == "huisnummer" else raw[key]
    result = {"type": "Adres", "verblijfadres": address}
    for key in ("functieAdres", "adresseerbaarObjectIdentificatie", "nummeraanduidingIdentificatie"):
        if raw.get(key):
            result[key] = raw[key]
    if raw.get("datumAanvangAdreshouding"):
        result["datumVan"] = raw["datumAanvangAdreshouding"]
    return result


def house_number(address: dict) -> str:
    number = f"{address.get('huisnummer', '')}{address.get('huisletter', '')}"
    if address.get("huisnummertoevoeging"):
        number += f"-{address['huisnummertoevoeging']}"
    return number


def addressing(person: dict, place: dict | None, municipality: str) -> dict:
    naam = person["naam"]
    surname = " ".join(part for part in (naam.get("voorvoegsel", ""), naam.get("geslachtsnaam", "")) if part)
    male = (person.get("geslacht") or {}).get("code") == "M"
    result = {
        "aanschrijfwijze": {"naam": f"{naam.get('voorletters', '')} {surname}".strip()},
        "aanhef": f"Geachte {'heer' if male else 'mevrouw'} {surname}".strip(),
        "gebruikInLopendeTekst": f"{'de heer' if male else 'mevrouw'} {surname}".strip(),
    }
    if place and place["type"] == "Adres":
        address = place["verblijfadres"]
        result["adresregel1"] = f"{address['korteStraatnaam']} {house_number(address)}".strip()
        postcode = address.get("postcode", "")
        postcode = f"{postcode[:4]} {postcode[4:]}" if len(postcode) == 6 else postcode
        town = (address.get("woonplaats") or municipality).upper()
        result["adresregel2"] = f"{postcode}  {town}".strip()
    elif place and place["type"] == "VerblijfplaatsBuitenland":
        lines = [place["verblijfadres"].get(key) for key in ("regel1", "regel2", "regel3")]
        for index, line in enumerate(line for line in lines if line):
            result[f"adresregel{index + 1}"] = line
        if place["verblijfadres"].get("land"):
            result["land"] = place["verblijfadres"]["land"]
    return result


def convert_person(raw: dict) -> dict:
    person = {key: value for key, value in raw.items() if key in PERSOON_KEYS and value not in ({}, [], None, "")}
    person.pop("verblijfplaats", None)
    if "geheimhoudingPersoonsgegevens" in person:  # a GBA code 1-7 in the source; a boolean in API 2.x
        person["geheimhoudingPersoonsgegevens"] = person["geheimhoudingPersoonsgegevens"] not in ("0", 0, False)
    person = convert_dates(person)
    person["naam"] = convert_name(person.get("naam", {}), person=True)
    for key in ("partners", "kinderen", "ouders"):
        for relative in person.get(key, []):
            if relative.get("naam"):
                relative["naam"] = convert_name(relative["naam"], person=False)
    person["nationaliteiten"] = [{"type": "Nationaliteit", **item} for item in person.get("nationaliteiten", [])]
    if not person["nationaliteiten"]:
        del person["nationaliteiten"]
    place = convert_address(convert_dates(raw.get("verblijfplaats") or {}))
    if place:
        person["verblijfplaats"] = place
    municipality = (person.get("gemeenteVanInschrijving") or {}).get("omschrijving", "")
    person["adressering"] = addressing(person, place, municipality)
    return person


def generate(source: Path) -> bytes:
    raw_persons = json.loads(source.read_text(encoding="utf-8"))
    persons = sorted((convert_person(raw) for raw in raw_persons), key=lambda p: p["burgerservicenummer"])
    payload = json.dumps(persons, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return gzip.compress(payload, compresslevel=9, mtime=0)


def main(argv: list[str], make=generate, target: Path = TARGET) -> int:
    """Write `target` from the test persons (argv[1] or DEFAULT_SOURCE); the mock BAG's generator reuses it."""
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    if not source.exists():
        print(f"Test persons not found at {source}", file=sys.stderr)
        return 1
    data = make(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"Wrote {target.relative_to(ROOT)} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
