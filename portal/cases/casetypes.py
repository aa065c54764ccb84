"""Case type definitions: readable YAML files in casetypes/, checked against casetypes/schema.json and loaded
into the database as immutable versions.

A loaded version never changes. Its `inhoud_hash` is the sha256 of the definition's canonical JSON (keys
sorted, no spaces, UTF-8), so the same YAML loaded twice is found again and makes no new version; a changed
YAML (a step added, changed or removed, another term) makes the next version. Open cases keep pointing at
the version they started on; new cases start on the newest version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.config import ROOT
from portal.models.cases import Statustype, Zaaktype

CASETYPES_DIR = ROOT / "casetypes"
SCHEMA_PATH = CASETYPES_DIR / "schema.json"


class CasetypeError(ValueError):
    """A definition file is not complete or not well-formed; the message names the file and the path in it."""


@dataclass(frozen=True)
class Definition:
    source: str
    data: dict

    @property
    def content_hash(self) -> str:
        return content_hash(self.data)


@dataclass(frozen=True)
class LoadResult:
    identificatie: str
    versie: int
    new: bool

    def __str__(self) -> str:
        return f"{self.identificatie}: {'new version' if self.new else 'unchanged, version'} {self.versie}"


def content_hash(data: dict) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def check_definition(data: object, source: str) -> None:
    """Raise a CasetypeError naming the file and the path of the first problems (for example
    `kapot.yaml: statustypen/1/statustekst: 'en' is a required property`)."""
    errors = sorted(_validator().iter_errors(data), key=lambda error: list(map(str, error.absolute_path)))
    if errors:
        lines = [
            f"{source}: {'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}" for error in errors[:10]
        ]
        if len(errors) > 10:
            lines.append(f"{source}: and {len(errors) - 10} more problems")
        raise CasetypeError("\n".join(lines))


def read_definitions(directory: Path = CASETYPES_DIR) -> list[Definition]:
    definitions = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise CasetypeError(f"{path.name}: not valid YAML: {error}") from error
        check_definition(data, path.name)
        definitions.append(Definition(source=path.name, data=data))
    return definitions


def sync_casetypes(db: Session, definitions: list[Definition] | None = None) -> list[LoadResult]:
    """Load every definition: a new version when its content is new, nothing when it is already there.
    Adds and flushes; the caller commits."""
    definitions = read_definitions() if definitions is None else definitions
    return [_sync_one(db, definition) for definition in definitions]


def _sync_one(db: Session, definition: Definition) -> LoadResult:
    data, digest = definition.data, definition.content_hash
    newest = db.scalar(
        select(Zaaktype)
        .where(Zaaktype.identificatie == data["identificatie"])
        .order_by(Zaaktype.versie.desc())
        .limit(1)
    )
    if newest is not None and newest.inhoud_hash == digest:
        return LoadResult(data["identificatie"], newest.versie, new=False)
    zaaktype = _new_version(data, digest, versie=(newest.versie + 1) if newest else 1)
    db.add(zaaktype)
    db.flush()
    return LoadResult(zaaktype.identificatie, zaaktype.versie, new=True)


def _new_version(data: dict, digest: str, versie: int) -> Zaaktype:
    legal = data["doorlooptijd"] or {}
    zaaktype = Zaaktype(
        identificatie=data["identificatie"],
        versie=versie,
        inhoud_hash=digest,
        omschrijving=data["omschrijving"]["nl"],
        omschrijving_en=data["omschrijving"]["en"],
        servicenorm_aantal=data["servicenorm"]["aantal"],
        servicenorm_eenheid=data["servicenorm"]["eenheid"],
        doorlooptijd_aantal=legal.get("aantal"),
        doorlooptijd_eenheid=legal.get("eenheid"),
        opschorting_en_aanhouding_mogelijk=data["opschorting_en_aanhouding_mogelijk"],
        verlenging_mogelijk=data["verlenging_mogelijk"],
        verlengingstermijn_dagen=data["verlengingstermijn_dagen"],
    )
    for number, step in enumerate(data["statustypen"], start=1):
        zaaktype.statustypen.append(
            Statustype(
                volgnummer=number,
                omschrijving=step["omschrijving"]["nl"],
                omschrijving_en=step["omschrijving"]["en"],
                statustekst=step["statustekst"]["nl"],
                statustekst_en=step["statustekst"]["en"],
                informeren=step["informeren"],
                doorlooptijd_dagen=step["doorlooptijd_dagen"],
            )
        )
    return zaaktype
