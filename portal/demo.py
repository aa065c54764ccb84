"""Demo data for `make run`. Idempotent. Later issues add cases, forms and appointments here."""

from __future__ import annotations


def load_demo_data() -> str:
    # The foundation has no demo records of its own: residents come from the mock BRP,
    # which ships all RvIG test persons. Cases arrive with the Mijn zaken issue.
    return "Demo data is loaded."
