"""The mock BRP's data: the converted RvIG test persons and the allowed `fields` paths."""

from __future__ import annotations

import csv
import gzip
import json
from datetime import date
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def persons_by_bsn() -> dict[str, dict]:
    persons = json.loads(gzip.decompress((DATA / "personen.json.gz").read_bytes()))
    return {person["burgerservicenummer"]: person for person in persons}


@cache
def allowed_fields(limited: bool = False) -> frozenset[str]:
    name = "fields-PersoonBeperkt.csv" if limited else "fields-Persoon.csv"
    with (DATA / name).open(encoding="utf-8") as handle:
        return frozenset(row["pad"] for row in csv.DictReader(handle))


def age(person: dict, today: date) -> int | None:
    """`leeftijd` depends on the day of the request; only a full birth date gives one."""
    birth = ((person.get("geboorte") or {}).get("datum")) or {}
    if birth.get("type") != "Datum" or person.get("overlijden"):
        return None
    born = date.fromisoformat(birth["datum"])
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
