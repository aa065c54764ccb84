"""Generate the mock BAG's fixture: the addresses of the RvIG test persons, in the BAG's `Adres` shape.

Source: `brp-testpersonen-2024-06-11.json` (the same RvIG / Haal Centraal test persons that feed the mock BRP,
EUPL-1.2). Every Dutch address (postcode + house number) becomes one BAG address with only the fields the
mock serves: street (`openbareRuimteNaam`, `korteNaam`), number, letter, addition, postcode, town.
A missing town is the person's municipality of registration (in this data set they coincide).

The street's official name is the source's `naamOpenbareRuimte` only where it spells out an abbreviated
`straat`; where it is shorter, as long, or garbled ("Indiº", "Atatþrkstraat": deliberate test cases of the BRP
data), the short name is both.

Addresses whose postcode, letter or addition break the BAG's patterns are left out.

The fixture holds no BAG identifications: `portal/mock_bag/data.py` derives them from the address (made up,
see there), so the file stays small and the ids cannot drift from the addresses.

Run (from the project root, as a module: it reuses the mock BRP generator's command line and the portal's
id rules):  .venv/bin/python -m scripts.generate_bag_fixture [path/to/brp-testpersonen.json]
The output is deterministic: running it twice gives the same bytes.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from portal.mock_bag.data import address_key
from scripts.generate_brp_fixture import ROOT
from scripts.generate_brp_fixture import main as write_fixture

TARGET = ROOT / "portal" / "mock_bag" / "data" / "adressen.json"


GARBLED = set("ºþ")
# The BAG's own patterns; the BRP data holds deliberate oddities ("-4a" as an addition) the BAG cannot hold.
PATTERNS = {
    "postcode": r"[1-9][0-9]{3}[A-Z]{2}",
    "huisletter": r"[a-zA-Z]",
    "huisnummertoevoeging": r"[0-9a-zA-Z]{1,4}",
}


def street_names(place: dict) -> tuple[str, str]:
    short, official = place["straat"], place.get("naamOpenbareRuimte") or ""
    if len(official) > len(short) and not GARBLED & set(official):
        return official, short[:24]
    return short, short[:24]


def convert(raw: dict) -> dict | None:
    place = raw.get("verblijfplaats") or {}
    if not (place.get("postcode") and place.get("huisnummer") and place.get("straat")):
        return None
    municipality = raw.get("gemeenteVanInschrijving") or {}
    official, short = street_names(place)
    address = {
        "openbareRuimteNaam": official,
        "korteNaam": short,
        "huisnummer": int(place["huisnummer"]),
        "huisletter": place.get("huisletter"),
        "huisnummertoevoeging": place.get("huisnummertoevoeging"),
        "postcode": place["postcode"],
        "woonplaatsNaam": place.get("woonplaats") or municipality.get("omschrijving", ""),
        "gemeentecode": municipality.get("code", "0000"),
    }
    address = {name: value for name, value in address.items() if value is not None}
    if not 1 <= address["huisnummer"] <= 99999 or not all(
        re.fullmatch(pattern, address[name]) for name, pattern in PATTERNS.items() if name in address
    ):
        return None
    return address


def generate(source: Path) -> bytes:
    addresses: dict[tuple, dict] = {}
    persons = sorted(json.loads(source.read_text(encoding="utf-8")), key=lambda raw: raw["burgerservicenummer"])
    for raw in persons:
        address = convert(raw)
        if address:  # the first person at an address (in BSN order) names its street and town
            addresses.setdefault(address_key(address), address)
    ordered = [addresses[key] for key in sorted(addresses)]
    lines = [json.dumps(address, ensure_ascii=False, sort_keys=True) for address in ordered]
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode()


if __name__ == "__main__":
    sys.exit(write_fixture(sys.argv, generate, TARGET))
