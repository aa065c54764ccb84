"""A concept of a shipped form, made the way the forms list's "new concept" will (queries.formadmin)."""

from __future__ import annotations

from portal.formdefs.loader import FORMS_DIR
from portal.queries import formadmin

WMO = "wmo-hulp-bij-het-huishouden"


def concept_of(db, slug: str = WMO, *, staff_name: str = "Fatima El Amrani", text: str | None = None):
    yaml_text = text if text is not None else (FORMS_DIR / f"{slug}.yaml").read_text(encoding="utf-8")
    return formadmin.create_concept(db, slug=slug, definition_yaml=yaml_text, staff_name=staff_name)
