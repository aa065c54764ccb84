"""Write portal/formadmin/preview_person.json: the example person of the staff preview of a form concept.

A publisher previewing a concept sees the BRP facts a resident would see, filled with the values of one
official RvIG test person (Suzanne Moulin) as the mock BRP answers for her, in the Haal Centraal Persoon
shape, without her BSN. The portal proper may not import the mock BRP (the import contracts), so the preview
reads this generated file. Run again after the mock's data changes:

    .venv/bin/python scripts/generate_preview_person.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from portal.eforms.prefill import without_bsn
from portal.mock_brp.data import persons_by_bsn
from portal.mock_brp.fields import build_tree, select

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "portal" / "formadmin" / "preview_person.json"
TEST_PERSON = "999993653"  # Suzanne Moulin, RvIG test person
FIELDS = [
    "naam",
    "geboorte",
    "geslacht",
    "nationaliteiten",
    "verblijfplaats",
    "adressering",
    "gemeenteVanInschrijving",
    "partners.naam",
    "partners.geboorte.datum",
    "kinderen.naam",
    "kinderen.geboorte.datum",
    "ouders.naam",
    "ouders.geboorte.datum",
]
CONTACT = {"email": "suzanne.moulin@example.nl", "phone": "+31612345678"}


def main() -> int:
    person = without_bsn(select(persons_by_bsn()[TEST_PERSON], build_tree(FIELDS)))
    example = {"testpersoon": "RvIG-testpersoon Suzanne Moulin", "brp": person, "contact": CONTACT}
    TARGET.write_text(json.dumps(example, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
