"""A repeating group ("Nog iemand toevoegen") on its step, each entry changeable and removable.

Every entry is posted at once, as `<group id>-<n>-<sub-field id>`, and parsed by fields.parse_step (an
entry left empty is left out). "Nog iemand toevoegen" (`actie=toevoegen`) stores the entries and shows
the step again with one empty entry more (`?meer=1`); "Verder" stores them and goes on. On check answers
each entry has a change link (its step) and a remove button (`actie=verwijder-<n>`).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import request

from portal.eforms.fields.repeat import max_entries

ADD, REMOVE, MORE = "toevoegen", "verwijder-", "meer"


def repeat_field(step: Mapping) -> Mapping | None:
    return next((item for item in step["fields"] if item["type"] == "repeat"), None)


def action() -> str:
    return (request.form.get("actie") or "verder")[:20]


def wants_more() -> bool:
    return request.args.get(MORE) == "1"


def shown_entries(item: Mapping, value) -> list:
    """The entries to show: the stored ones, and one empty entry more after "Nog iemand toevoegen"."""
    entries = list(value) if isinstance(value, list) else []
    if wants_more() and len(entries) < max_entries(item):
        entries.append({})
    return entries


def can_add(step: Mapping, answers: Mapping) -> bool:
    item = repeat_field(step)
    return item is not None and len(answers.get(item["id"]) or []) < max_entries(item)


def without_entry(step: Mapping, answers: Mapping, text: str) -> dict | None:
    """The answers with entry <n> of the step's group removed; None when `text` names no entry."""
    item = repeat_field(step)
    number = text[len(REMOVE) :]
    entries = list(answers.get(item["id"]) or []) if item else []
    if not (item and number.isdigit() and int(number) < len(entries)):
        return None
    entries.pop(int(number))
    return {**answers, item["id"]: entries}
