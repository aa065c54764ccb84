"""Prefill: what we know already, read once at the start of a draft and kept with it ("ask once").

`snapshot()` reads only the sources the form lists in `prefill_sources`:
- `brp`: the resident's own Persoon, through the BRP client (every real read writes its processing-log record),
  asking only for the `fields` the form binds to (data minimisation). A BRP that is slow or down gives
  `status: "unavailable"` with empty data: the form goes on with empty editable fields and a notice.
- `contact`: the email address and phone number the resident gave us before (ResidentContact).

The snapshot is plain JSON (the runner stores it with the draft). It never holds a BSN: family members get an
opaque key (`partners-1`, `kinderen-2`, `ouders-1`: the n-th entry of that BRP list) that only means something
inside this snapshot. `family` lists them ready to show; `brp.partners` and so on keep the BRP's own entries
(name and birth date only) for the field types that read the BRP shape.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime

from portal.integrations.brp import get_brp_client
from portal.integrations.person import relatives
from portal.queries.contact import contact_of

log = logging.getLogger(__name__)

OK, UNAVAILABLE, PARTIAL = "ok", "unavailable", "partial"
# The family choice of a form (`family: [partner, kinderen, ouders]`) and the BRP list each one reads.
FAMILY = {"partner": "partners", "kinderen": "kinderen", "ouders": "ouders"}
# Of a family member we ask the BRP only what the choice shows: never their BSN.
FAMILY_PARTS = ("naam", "geboorte.datum")
BRP_REF = "prefill.brp."


def _fields(items) -> Iterator[Mapping]:
    """Every field of a list of fields, also those inside a repeating group."""
    for item in items or ():
        if isinstance(item, Mapping):
            yield item
            yield from _fields(item.get("fields"))


def _conditions(condition) -> Iterator[str]:
    """The `field` paths a (named) condition looks at."""
    if isinstance(condition, Mapping):
        if isinstance(condition.get("field"), str):
            yield condition["field"]
        for key in ("all", "any"):
            for part in condition.get(key) or ():
                yield from _conditions(part)
        yield from _conditions(condition.get("not"))


def brp_paths(definition: Mapping) -> list[str]:
    """The BRP `fields` paths this form needs: its `prefill: brp.…` bindings, the `prefill.brp.…` paths its
    conditions read, and names and birth dates of the family members its family choices offer."""
    paths: set[str] = set()
    conditions = list((definition.get("conditions") or {}).values())
    for step in definition.get("steps") or ():
        conditions += [step.get("show_if")] + [rule.get("when") for rule in step.get("next") or ()]
        for item in _fields(step.get("fields")):
            conditions.append(item.get("show_if"))
            binding = item.get("prefill") or ""
            if binding.startswith("brp."):
                paths.add(binding.removeprefix("brp."))
            if item.get("type") == "family_member":
                paths.update(
                    f"{FAMILY[rel]}.{part}"
                    for rel in item.get("family") or ()
                    if rel in FAMILY
                    for part in FAMILY_PARTS
                )
    for condition in conditions:
        paths.update(path.removeprefix("prefill.brp.") for path in _conditions(condition) if path.startswith(BRP_REF))
    return sorted(paths)


def _bound(definition: Mapping) -> list[str]:
    """The `prefill` bindings of the form's fields ("brp.naam.volledigeNaam", "contact.email")."""
    return [
        item["prefill"]
        for step in definition.get("steps") or ()
        for item in _fields(step.get("fields"))
        if isinstance(item.get("prefill"), str)
    ]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _family(person: Mapping) -> dict[str, list[dict]]:
    family: dict[str, list[dict]] = {}
    for relation, brp_list in FAMILY.items():
        family[relation] = [
            {
                "key": f"{brp_list}-{number}",  # "partners-1", "kinderen-2": the n-th entry of that BRP list
                "naam": relative.name,
                "geboortedatum": relative.birth_date.isoformat() if relative.birth_date else None,
                "geboortedatum_tekst": relative.birth_date_text,
            }
            for number, relative in enumerate(relatives(person.get(brp_list)), start=1)
            if relative.name
        ]
    return family


def without_bsn(value):
    """The Persoon with every `burgerservicenummer` taken out, also those of family members: the BSN comes from
    the session, and a family member is known by the key of their entry."""
    if isinstance(value, Mapping):
        return {key: without_bsn(item) for key, item in value.items() if key != "burgerservicenummer"}
    if isinstance(value, list):
        return [without_bsn(item) for item in value]
    return value


def _read_brp(bsn: str | None, resident_sub: str | None, paths: list[str], purpose: str) -> tuple[str, dict]:
    """(BRP status, Persoon). Any failure, also one the client did not foresee, reads as unavailable."""
    if not bsn:
        return "unavailable", {}
    try:
        result = get_brp_client().get_person(bsn, fields=paths, purpose=purpose, actor=resident_sub or "")
    except Exception as error:  # prefill must never break the form: the resident types instead
        log.warning("prefill: BRP read failed (%s)", type(error).__name__, extra={"event": "prefill.brp_failed"})
        return "unavailable", {}
    if result.status != "found" or not isinstance(result.person, dict):
        return result.status, {}
    return "found", result.person


def _read_contact(bsn: str | None) -> tuple[str, dict]:
    empty = {"email": "", "phone": ""}
    if not bsn:
        return "none", empty
    try:
        contact = contact_of(bsn)
    except Exception as error:  # as with the BRP: an empty editable field, never an error page
        log.warning(
            "prefill: contact read failed (%s)", type(error).__name__, extra={"event": "prefill.contact_failed"}
        )
        return "unavailable", empty
    if contact is None:
        return "none", empty
    return "found", {"email": contact.email or "", "phone": contact.phone or ""}


def snapshot(definition: Mapping, resident_sub: str | None, bsn: str | None, lang: str) -> dict:
    """What the form may prefill, read once at the start of a draft. Never raises: whatever goes wrong, the
    resident gets an empty form to type in (status "unavailable"). The arguments may be given by name or by
    position (`snapshot(definition, resident_sub=..., bsn=..., lang=...)` or `snapshot(definition, sub, bsn, lang)`)."""
    try:
        return _snapshot(definition, resident_sub=resident_sub, bsn=bsn, lang=lang)
    except Exception as error:  # a definition or an answer we did not foresee: no prefill, never an error page
        log.warning("prefill failed (%s)", type(error).__name__, extra={"event": "prefill.failed"})
        return _assemble({}, {"email": "", "phone": ""}, lang, brp_status="unavailable", contact_status="unavailable")


def _snapshot(definition: Mapping, *, resident_sub: str | None, bsn: str | None, lang: str) -> dict:
    sources = set(definition.get("prefill_sources") or ())
    paths = brp_paths(definition) if "brp" in sources else []
    purpose = f"formulier invullen: {definition.get('slug', '')}"[:128]
    brp_status, person = _read_brp(bsn, resident_sub, paths, purpose) if paths else ("not_used", {})
    contact_status, contact = _read_contact(bsn) if "contact" in sources else ("not_used", {"email": "", "phone": ""})
    data = _assemble(person, contact, lang, brp_status=brp_status, contact_status=contact_status, paths=paths)
    data["status"] = _status(data, brp_status, definition)
    return data


def example_snapshot(example: Mapping, lang: str) -> dict:
    """The snapshot of the staff preview: an example person's data in the same shape as a resident's
    (portal/formadmin/preview_person.json, an RvIG test person), marked `example` with who it is, so the
    pages say these are example values. Nothing is read from the BRP and nothing is logged."""
    brp, contact = without_bsn(dict(example.get("brp") or {})), dict(example.get("contact") or {})
    data = _assemble(brp, contact, lang, brp_status="found", contact_status="found")
    data["example"] = str(example.get("testpersoon") or "")
    return data


def _assemble(
    person: Mapping, contact: dict, lang: str, *, brp_status: str, contact_status: str, paths: list[str] = ()
) -> dict:
    return {
        "brp": without_bsn(person),
        "contact": contact,
        "family": _family(person),
        "status": UNAVAILABLE if brp_status not in ("found", "not_used") else OK,
        "fetched_at": _now(),
        "lang": lang,
        "source": {"brp": {"status": brp_status, "fields": list(paths)}, "contact": {"status": contact_status}},
    }


def _status(data: Mapping, brp_status: str, definition: Mapping) -> str:
    if brp_status not in ("found", "not_used"):
        return UNAVAILABLE
    if brp_status == "found" and any(
        value_at(data, path) is None for path in _bound(definition) if path.startswith("brp.")
    ):
        return PARTIAL
    return OK


def value_at(snapshot: Mapping, path: str) -> str | None:
    """The prefilled value at "brp.naam.volledigeNaam", "contact.email" and so on, as text; None when the
    snapshot does not have it (empty, absent, or not a plain value). The form then shows "Niet bekend"."""
    value: object = snapshot
    for part in path.removeprefix("prefill.").split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    return text or None
