"""The mock BAG's data: the addresses of the RvIG test persons, with made-up BAG identifications.

`data/adressen.json` (written by scripts/generate_bag_fixture.py) holds only the address fields. The
identifications are derived here from the address: the municipality code, the BAG's object-type digits
(20 nummeraanduiding, 01 verblijfsobject, 10 pand, 30 openbare ruimte) and ten digits of a SHA-256 of the
address. They keep to the spec's patterns and never change, but they are MADE UP: they name no real BAG
object. Letters and additions of one house number share one pand, as they usually do.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def address_key(address: dict) -> tuple[str, int, str, str]:
    """Letters and additions compare without case, as the BAG's own uniqueness rule does."""
    return (
        address["postcode"],
        address["huisnummer"],
        address.get("huisletter", "").upper(),
        address.get("huisnummertoevoeging", "").upper(),
    )


def made_up_id(municipality: str, kind: str, *parts: object) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in (kind, *parts)).encode()).hexdigest()
    return f"{municipality}{kind}{int(digest, 16) % 10**10:010d}"


def _made_up_town_id(town: str) -> str:
    return str(1000 + int(hashlib.sha256(town.encode()).hexdigest(), 16) % 9000)


def _with_ids(row: dict) -> dict:
    address = {name: value for name, value in row.items() if name != "gemeentecode"}
    code, key = row["gemeentecode"], address_key(row)
    address["nummeraanduidingIdentificatie"] = made_up_id(code, "20", *key)
    address["adresseerbaarObjectIdentificatie"] = made_up_id(code, "01", *key)
    address["pandIdentificaties"] = [made_up_id(code, "10", row["postcode"], row["huisnummer"])]
    address["openbareRuimteIdentificatie"] = made_up_id(code, "30", row["openbareRuimteNaam"], row["woonplaatsNaam"])
    address["woonplaatsIdentificatie"] = _made_up_town_id(row["woonplaatsNaam"])
    return address


@cache
def addresses() -> tuple[dict, ...]:
    rows = json.loads((DATA / "adressen.json").read_text(encoding="utf-8"))
    return tuple(_with_ids(row) for row in rows)


@cache
def by_nummeraanduiding() -> dict[str, dict]:
    return {address["nummeraanduidingIdentificatie"]: address for address in addresses()}


def _same(wanted: str | None, actual: str | None, *, exact: bool) -> bool:
    """Without exacteMatch a letter or addition that was not asked for matches any; with it, only none."""
    if wanted is None:
        return not exact or not actual
    return wanted.upper() == (actual or "").upper()


def _hit(address: dict, query: dict) -> bool:
    if "adresseerbaarObjectIdentificatie" in query:
        return address["adresseerbaarObjectIdentificatie"] == query["adresseerbaarObjectIdentificatie"]
    if "pandIdentificatie" in query:
        return query["pandIdentificatie"] in address["pandIdentificaties"]
    if address["huisnummer"] != query["huisnummer"]:
        return False
    if "postcode" in query:
        place = address["postcode"] == query["postcode"].upper()
    else:
        place = (address["woonplaatsNaam"].lower(), address["openbareRuimteNaam"].lower()) == (
            query["woonplaatsNaam"].lower(),
            query["openbareRuimteNaam"].lower(),
        )
    exact = query.get("exacteMatch", False)
    return (
        place
        and _same(query.get("huisletter"), address.get("huisletter"), exact=exact)
        and _same(query.get("huisnummertoevoeging"), address.get("huisnummertoevoeging"), exact=exact)
    )


def find(query: dict) -> list[dict]:
    """The addresses one valid search (see portal.mock_bag.query) asks for, in the fixture's order."""
    return [address for address in addresses() if _hit(address, query)]
