"""Case type definitions: readable YAML files in casetypes/, loaded into the database by `identificatie`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.config import ROOT
from portal.models.cases import Statustype, Zaaktype

CASETYPES_DIR = ROOT / "casetypes"
_TYPE_FIELDS = {
    "identificatie": str, "omschrijving": dict, "servicenorm_dagen": int, "doorlooptijd_dagen": (int, type(None)),
    "opschorting_en_aanhouding_mogelijk": bool, "verlenging_mogelijk": bool, "statustypen": list,
}
_STEP_FIELDS = {"omschrijving": dict, "statustekst": dict, "informeren": bool, "doorlooptijd_dagen": int}


class CasetypeError(ValueError):
    """A definition file is not complete or not well-formed; the message names the file and the field."""


@dataclass(frozen=True)
class Definition:
    source: str
    data: dict


def _check_fields(data: dict, fields: dict, where: str) -> None:
    for name, kind in fields.items():
        if name not in data:
            raise CasetypeError(f"{where}: '{name}' is missing")
        if not isinstance(data[name], kind) or (kind is int and isinstance(data[name], bool)):
            raise CasetypeError(f"{where}: '{name}' has the wrong type")
    for name in ("omschrijving", "statustekst"):
        if name in data and set(data[name]) != {"nl", "en"}:
            raise CasetypeError(f"{where}: '{name}' needs exactly 'nl' and 'en'")


def read_definitions(directory: Path = CASETYPES_DIR) -> list[Definition]:
    definitions = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise CasetypeError(f"{path.name}: not a mapping")
        _check_fields(data, _TYPE_FIELDS, path.name)
        if not data["statustypen"]:
            raise CasetypeError(f"{path.name}: needs at least one statustype")
        for number, step in enumerate(data["statustypen"], start=1):
            _check_fields(step, _STEP_FIELDS, f"{path.name} statustype {number}")
        definitions.append(Definition(source=path.name, data=data))
    return definitions


def sync_casetypes(db: Session, definitions: list[Definition] | None = None) -> int:
    """Insert or update every definition. Steps are matched by their position (volgnummer)."""
    definitions = read_definitions() if definitions is None else definitions
    for definition in definitions:
        _sync_one(db, definition.data)
    db.flush()
    return len(definitions)


def _sync_one(db: Session, data: dict) -> None:
    zaaktype = db.scalar(select(Zaaktype).where(Zaaktype.identificatie == data["identificatie"]))
    if zaaktype is None:
        zaaktype = Zaaktype(identificatie=data["identificatie"])
        db.add(zaaktype)
    zaaktype.omschrijving, zaaktype.omschrijving_en = data["omschrijving"]["nl"], data["omschrijving"]["en"]
    zaaktype.servicenorm_dagen = data["servicenorm_dagen"]
    zaaktype.doorlooptijd_dagen = data["doorlooptijd_dagen"]
    zaaktype.opschorting_en_aanhouding_mogelijk = data["opschorting_en_aanhouding_mogelijk"]
    zaaktype.verlenging_mogelijk = data["verlenging_mogelijk"]
    zaaktype.verlengingstermijn_dagen = data.get("verlengingstermijn_dagen")
    existing = {step.volgnummer: step for step in zaaktype.statustypen}
    for number, step_data in enumerate(data["statustypen"], start=1):
        step = existing.get(number) or Statustype(volgnummer=number)
        if number not in existing:
            zaaktype.statustypen.append(step)
        step.omschrijving, step.omschrijving_en = step_data["omschrijving"]["nl"], step_data["omschrijving"]["en"]
        step.statustekst, step.statustekst_en = step_data["statustekst"]["nl"], step_data["statustekst"]["en"]
        step.informeren = step_data["informeren"]
        step.doorlooptijd_dagen = step_data["doorlooptijd_dagen"]
    db.flush()
