"""Load the agenda (locations, opening hours, products) from scheduling/*.yaml. Idempotent: matched by slug.

Opening hours in the file replace those in the database; exceptions added by staff (a closure, an extra
evening) are kept. Products and locations that are no longer in the file stay, so old appointments keep
their place and product.
"""

from __future__ import annotations

from datetime import time
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.config import ROOT
from portal.models.appointments import Location, OpeningBlock, Product

AGENDA_DIR = ROOT / "scheduling"
WEEKDAYS = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}
PRODUCT_FIELDS = {
    "name": "name",
    "name_en": "name_en",
    "duration": "duration_minutes",
    "extra_per_person": "extra_minutes",
    "max_persons": "max_persons",
    "capacity": "capacity",
    "bring": "bring",
    "bring_en": "bring_en",
    "at_home": "at_home",
    "login_required": "login_required",
    "lead_hours": "lead_hours",
    "horizon_days": "horizon_days",
    "one_open_per_resident": "one_open_per_resident",
}


class AgendaError(ValueError):
    """The agenda file is not valid; the message says where."""


def _clock(value: str, where: str) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError as error:
        raise AgendaError(f"{where}: {value!r} is not a time like 09:00") from error


def _blocks(spec: dict) -> list[OpeningBlock]:
    blocks = []
    for entry in spec.get("hours", []):
        where = f"location {spec['slug']}"
        starts, ends = _clock(entry["from"], where), _clock(entry["to"], where)
        if ends <= starts:
            raise AgendaError(f"{where}: opening ends before it starts")
        for name in entry["days"]:
            if name not in WEEKDAYS:
                raise AgendaError(f"{where}: unknown weekday {name!r} (use ma, di, wo, do, vr, za, zo)")
            blocks.append(
                OpeningBlock(weekday=WEEKDAYS[name], starts=starts, ends=ends, desks=int(entry.get("desks", 1)))
            )
    return blocks


def _sync_location(db: Session, spec: dict) -> Location:
    location = db.scalar(select(Location).where(Location.slug == spec["slug"])) or Location(slug=spec["slug"])
    location.name, location.name_en = spec["name"], spec.get("name_en", "")
    location.address = spec.get("address", "")
    location.accessibility, location.accessibility_en = spec.get("accessibility", ""), spec.get("accessibility_en", "")
    location.is_home = bool(spec.get("is_home", False))
    location.blocks = _blocks(spec)
    db.add(location)
    return location


def _sync_product(db: Session, spec: dict, locations: dict[str, Location]) -> Product:
    product = db.scalar(select(Product).where(Product.slug == spec["slug"])) or Product(slug=spec["slug"])
    for key, attribute in PRODUCT_FIELDS.items():
        if key in spec:
            setattr(product, attribute, spec[key])
    if not product.duration_minutes or product.duration_minutes <= 0:
        raise AgendaError(f"product {spec['slug']}: duration must be a positive number of minutes")
    unknown = [slug for slug in spec.get("locations", []) if slug not in locations]
    if unknown:
        raise AgendaError(f"product {spec['slug']}: unknown locations {unknown}")
    product.locations = [locations[slug] for slug in spec.get("locations", [])]
    db.add(product)
    return product


def sync_agenda(db: Session, path: Path | None = None) -> tuple[int, int]:
    """Load one agenda file (default: every scheduling/*.yaml). Returns (locations, products). Flushes only."""
    files = [path] if path else sorted(AGENDA_DIR.glob("*.yaml"))
    counts = [0, 0]
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        locations = {spec["slug"]: _sync_location(db, spec) for spec in data.get("locations", [])}
        known = {item.slug: item for item in db.scalars(select(Location))} | locations
        for spec in data.get("products", []):
            _sync_product(db, spec, known)
        counts[0] += len(locations)
        counts[1] += len(data.get("products", []))
    db.flush()
    return counts[0], counts[1]
