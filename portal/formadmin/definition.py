"""What the builder's operations share: refusals, ids, the canonical YAML, and what looks at what.

A step's default route (its `next` rule without `when`) that goes to the step right after it means "go on
with the next page". When pages are added, moved or removed, such a default keeps that meaning: it follows
the new next page (`keep_fallthrough`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import yaml
from flask_babel import gettext as _

from portal.formdefs.routing import CHECK_ANSWERS

MAX_ID = 40


class BuilderRefused(ValueError):
    """The change cannot be made; `reason` says why and what to do, in B1."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def to_yaml(definition: dict) -> str:
    """The canonical YAML the builder saves (comments in the text it came from are not kept)."""
    return yaml.safe_dump(definition, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def clean_text(text: dict) -> dict:
    """{nl, en} without empty values and without the spaces around them."""
    return {language: value.strip() for language, value in text.items() if value and value.strip()}


def slug_id(text: str, taken: set[str], separator: str = "-") -> str:
    """An id from a Dutch text: 'Krijgt u al hulp?' -> 'krijgt-u-al-hulp', unique among `taken`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", separator, plain).strip(separator)[:MAX_ID].rstrip(separator)
    if not base or not base[0].isalpha():
        base = f"vraag{separator}{base}".rstrip(separator)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}{separator}{number}", number + 1
    return candidate


def step_index(definition: dict, step_id: str) -> int:
    for index, step in enumerate(definition["steps"]):
        if step["id"] == step_id:
            return index
    raise BuilderRefused(_("Deze vraag bestaat niet meer. Misschien heeft iemand anders haar net verwijderd."))


def find_field(definition: dict, step_id: str, field_id: str) -> dict:
    for item in definition["steps"][step_index(definition, step_id)]["fields"]:
        if item["id"] == field_id:
            return item
    raise BuilderRefused(_("Deze vraag bestaat niet meer. Misschien heeft iemand anders haar net verwijderd."))


def natural_next(steps: list, index: int) -> str:
    return steps[index + 1]["id"] if index + 1 < len(steps) else CHECK_ANSWERS


def keep_fallthrough(before: dict, after: dict) -> None:
    """A default route to the page right after a step keeps meaning "the next page" after a change."""
    natural = {step["id"]: natural_next(before["steps"], index) for index, step in enumerate(before["steps"])}
    steps = after["steps"]
    for index, step in enumerate(steps):
        rules = step.get("next")
        if not rules or "when" in rules[-1]:
            continue
        if rules[-1]["goto"] == natural.get(step["id"]):
            rules[-1]["goto"] = natural_next(steps, index)
        if len(rules) == 1 and rules[0]["goto"] == natural_next(steps, index):
            del step["next"]


# --- what looks at what ----------------------------------------------------------------------------------


def leaf_conditions(condition: dict | None, named: dict, seen: tuple[str, ...] = ()) -> Iterator[dict]:
    """Every {field, op, value} in a condition, through its named references (a bad reference is skipped:
    the validation reports it)."""
    if not isinstance(condition, dict):
        return
    for key in ("all", "any"):
        for part in condition.get(key, ()):
            yield from leaf_conditions(part, named, seen)
    if "not" in condition:
        yield from leaf_conditions(condition["not"], named, seen)
    name = condition.get("ref")
    if name is not None and name not in seen and name in named:
        yield from leaf_conditions(named[name], named, (*seen, name))
    if "field" in condition:
        yield condition


def condition_sites(definition: dict) -> Iterator[tuple[int | None, str, dict]]:
    """(step index or None for an outcome, who looks in B1, condition) for every condition in the definition."""
    for index, step in enumerate(definition["steps"]):
        number = index + 1
        if "show_if" in step:
            yield index, _("vraag %(number)s (wanneer die getoond wordt)", number=number), step["show_if"]
        for item in step["fields"]:
            if "show_if" in item:
                yield index, _("vraag %(number)s (wanneer die getoond wordt)", number=number), item["show_if"]
        for rule in step.get("next", ()):
            if "when" in rule:
                yield index, _("de route van vraag %(number)s", number=number), rule["when"]
    for index, rule in enumerate(definition.get("outcomes", ())):
        if "when" in rule:
            yield None, _("uitkomst %(number)s", number=index + 1), rule["when"]


def who_looks_at(definition: dict, field_ids: set[str], value: object = ..., skip_step: str | None = None) -> list[str]:
    """Who looks at the answers of these fields (at one answer `value`, when given), in B1; the page
    `skip_step` itself not counted."""
    named = definition.get("conditions", {})
    skip = step_index(definition, skip_step) if skip_step else None
    found: list[str] = []
    for index, who, condition in condition_sites(definition):
        if skip is not None and index == skip:
            continue
        for leaf in leaf_conditions(condition, named):
            answer = leaf["field"].removeprefix("answers.")
            if not leaf["field"].startswith("answers.") or answer not in field_ids:
                continue
            wanted = leaf.get("value")
            matches = value is ... or wanted == value or (isinstance(wanted, list) and value in wanted)
            if matches and who not in found:
                found.append(who)
    return found


def _refs(condition: object) -> Iterator[str]:
    if isinstance(condition, dict):
        if "ref" in condition:
            yield condition["ref"]
        for value in condition.values():
            yield from _refs(value)
    elif isinstance(condition, list):
        for item in condition:
            yield from _refs(item)


def used_names(definition: dict) -> tuple[set[str], set[str]]:
    """The named conditions (through references) and exit pages the form uses."""
    named = definition.get("conditions", {})
    todo = [name for _index, _who, condition in condition_sites(definition) for name in _refs(condition)]
    conditions: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in conditions and name in named:
            conditions.add(name)
            todo.extend(_refs(named[name]))
    exits = {
        rule["goto"][5:]
        for step in definition["steps"]
        for rule in step.get("next", ())
        if rule["goto"].startswith("exit:")
    }
    return conditions, exits


def drop_unused(before: dict, after: dict) -> list[str]:
    """Named conditions and exit pages that this change left unused are removed with it (they were used
    before it). Returns the titles of the exit pages removed, to tell staff."""
    conditions_before, exits_before = used_names(before)
    conditions_after, exits_after = used_names(after)
    for name in conditions_before - conditions_after:
        after.get("conditions", {}).pop(name, None)
    removed = []
    for name in sorted(exits_before - exits_after):
        page = after.get("exits", {}).pop(name, None)
        if page:
            removed.append(page["title"].get("nl", name))
    for key in ("conditions", "exits"):
        if key in after and not after[key]:
            del after[key]
    return removed
