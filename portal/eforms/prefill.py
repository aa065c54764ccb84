"""Prefill ("ask once"): one snapshot of what we know, taken when a draft starts and kept with it.

RUNNER-SIDE STAND-IN for the `aftercare` helper's module of the same name and interface:
`snapshot(definition, resident_sub, bsn, lang) -> dict` and `value_at(snapshot, "brp.naam.volledigeNaam")`.
At merge the lead takes that branch's version.

The snapshot: {"brp": {...}, "contact": {...}, "status": "ok" | "unavailable", "fetched_at": iso time}. When
the BRP is down the form goes on with empty editable fields; an empty prefilled fact never blocks anything.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from portal.db import utcnow
from portal.integrations.brp import get_brp_client
from portal.queries.contact import contact_of

PURPOSE = "e-formulier: gegevens vooraf invullen"


FAMILY = {"partner": "partners", "kinderen": "kinderen", "ouders": "ouders"}
FAMILY_PARTS = ("naam", "geboorte.datum")  # of a family member only what the choice shows, never their BSN


def _paths(fields: list) -> Iterator[str]:
    for item in fields:
        if str(item.get("prefill") or "").startswith("brp."):
            yield item["prefill"].removeprefix("brp.")
        if item.get("type") == "family_member":
            yield from (
                f"{FAMILY[key]}.{part}" for key in item.get("family", []) if key in FAMILY for part in FAMILY_PARTS
            )
        yield from _paths(item.get("fields") or [])


def brp_fields(definition: Mapping) -> list[str]:
    """The BRP `fields` paths the form's prefill bindings and family choices read (data minimisation)."""
    return sorted({path for step in definition.get("steps", []) for path in _paths(step.get("fields", []))})


def snapshot(definition: Mapping, resident_sub: str | None, bsn: str | None, lang: str) -> dict:
    sources = set(definition.get("prefill_sources") or [])
    taken: dict = {"brp": {}, "contact": {}, "status": "ok", "fetched_at": utcnow().isoformat(timespec="seconds")}
    if not bsn:
        return taken
    wanted = brp_fields(definition)
    if "brp" in sources and wanted:
        result = get_brp_client().get_person(bsn, fields=wanted, purpose=PURPOSE, actor=resident_sub or "")
        if result.status == "found" and result.person:
            taken["brp"] = result.person
        elif result.status == "unavailable":
            taken["status"] = "unavailable"
    if "contact" in sources and (contact := contact_of(bsn)) is not None:
        taken["contact"] = {"email": contact.email or "", "phone": contact.phone or ""}
    return taken


def value_at(taken: Mapping, path: str):
    """The value at a dotted path (`brp.naam.volledigeNaam`, `contact.phone`), or None."""
    value: object = taken
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value
