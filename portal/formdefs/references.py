"""Checks of what conditions, prefill bindings and outcomes refer to (see semantics.py for the list)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from portal.formdefs.conditions import ConditionError, leaves
from portal.formdefs.loader import Loaded, Problem

PREFILL_NEEDS_LOGIN = ("brp", "contact")


def _where_asked(data: Mapping) -> dict[str, tuple[int, int]]:
    """field id -> (step index, field index) of every question (fields inside a repeating group count as the group)."""
    return {
        item["id"]: (index, number)
        for index, step in enumerate(data["steps"])
        for number, item in enumerate(step["fields"])
    }


def _condition_fields(loaded: Loaded, condition: Mapping, path: str) -> Iterator[tuple[str, str] | Problem]:
    named = loaded.data.get("conditions", {})
    try:
        found = list(leaves(condition, named))
    except ConditionError as error:
        yield loaded.problem(path, str(error))
        return
    sources = loaded.data["prefill_sources"]
    for field_path in found:
        namespace, _, rest = field_path.partition(".")
        if namespace == "prefill" and rest.split(".")[0] not in sources:
            yield loaded.problem(
                path, f"'{field_path}' uses a prefill source the form does not list in 'prefill_sources'"
            )
        elif namespace == "answers":
            yield path, rest


def _check_earlier(loaded: Loaded, condition: Mapping, path: str, before: tuple[int, int]) -> Iterator[Problem]:
    """Every answer the condition looks at was asked before `before` (step index, field index)."""
    asked = _where_asked(loaded.data)
    for item in _condition_fields(loaded, condition, path):
        if isinstance(item, Problem):
            yield item
            continue
        field_id = item[1]
        if field_id not in asked:
            yield loaded.problem(path, f"the condition looks at 'answers.{field_id}', but no question has that id")
        elif asked[field_id] >= before:
            step_id = loaded.data["steps"][asked[field_id][0]]["id"]
            yield loaded.problem(
                path,
                f"the condition looks at 'answers.{field_id}', which is asked later (on step "
                f"'{step_id}'): a condition can only look at earlier answers",
            )


def check_conditions(loaded: Loaded) -> Iterator[Problem]:
    named = loaded.data.get("conditions", {})
    for name, condition in named.items():
        yield from (
            item
            for item in _condition_fields(loaded, condition, f"conditions/{name}")
            if isinstance(item, Problem) and "refers to itself" in item.message
        )
    for index, step in enumerate(loaded.data["steps"]):
        if "show_if" in step:
            yield from _check_earlier(loaded, step["show_if"], f"steps/{index}/show_if", (index, -1))
        for number, rule in enumerate(step.get("next", ())):
            if "when" in rule:
                yield from _check_earlier(loaded, rule["when"], f"steps/{index}/next/{number}/when", (index, 10**6))
        for number, item in enumerate(step["fields"]):
            if "show_if" in item:
                yield from _check_earlier(
                    loaded, item["show_if"], f"steps/{index}/fields/{number}/show_if", (index, number)
                )
    end = (len(loaded.data["steps"]), 0)
    for number, rule in enumerate(loaded.data["outcomes"]):
        if "when" in rule:
            yield from _check_earlier(loaded, rule["when"], f"outcomes/{number}/when", end)


def check_prefill(loaded: Loaded) -> Iterator[Problem]:
    data = loaded.data
    for index, step in enumerate(data["steps"]):
        for number, item in enumerate(step["fields"]):
            path = f"steps/{index}/fields/{number}"
            source = item.get("prefill", "").split(".")[0]
            if source and source not in data["prefill_sources"]:
                yield loaded.problem(f"{path}/prefill", f"the source '{source}' is not in the form's 'prefill_sources'")
            needs_person = source in PREFILL_NEEDS_LOGIN or item["type"] == "family_member"
            if needs_person and data["inloggen"] == "geen":
                yield loaded.problem(
                    path,
                    "a form without login does not know who fills it in: it cannot use the "
                    "BRP, contact details or family members",
                )
    if data["inloggen"] == "geen" and data["prefill_sources"]:
        yield loaded.problem("prefill_sources", "a form without login cannot prefill anything: leave this list empty")


def check_outcomes(loaded: Loaded, casetypes: frozenset[str]) -> Iterator[Problem]:
    for number, rule in enumerate(loaded.data["outcomes"]):
        names = [("zaaktype", rule["zaaktype"])]
        if rule.get("hand_off", {}).get("callback_zaaktype"):
            names.append(("hand_off/callback_zaaktype", rule["hand_off"]["callback_zaaktype"]))
        for key, name in names:
            if name not in casetypes:
                yield loaded.problem(f"outcomes/{number}/{key}", f"the case type '{name}' does not exist in casetypes/")
        hand_off = rule.get("hand_off", {})
        if "callback" in hand_off.get("choices", ()) and not hand_off.get("callback_zaaktype"):
            yield loaded.problem(f"outcomes/{number}/hand_off", "a callback needs 'callback_zaaktype'")
        if "appointment" in hand_off.get("choices", ()) and not hand_off.get("appointment_product"):
            yield loaded.problem(f"outcomes/{number}/hand_off", "an appointment needs 'appointment_product'")
