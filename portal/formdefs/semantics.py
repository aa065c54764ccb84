"""The checks a JSON Schema cannot make: ids, routes, conditions, languages, B1 and case types.

- Step ids are unique among steps, field ids among fields (answers are keyed by them); option values are
  unique per field.
- Every `goto` names a step, `check_answers` or an existing `exit:<id>`, and goes forward: the order in the
  file is the order of the questions, so a route can never come back to a step (a step is answered once, so
  a route that returned would never end). A loop is reported as a loop.
- `next` rules end with a default (a rule without `when`), and nothing follows the default; the same for the
  outcome rules.
- Every step can be reached from the first one.
- A condition only looks at answers given earlier: in `show_if` of a step and in its `next` rules, fields of
  earlier steps (and for `next`, of the step itself); in a field's `show_if`, also the fields above it.
- Every text has every language of the form; the Dutch of every text passes the B1 check (portal/b1.py).
- Prefill comes only from the sources the form lists; a form without login (`inloggen: geen`) has no BSN, so
  it cannot use the BRP.
- Outcomes name case types that exist in casetypes/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import yaml

from portal import b1
from portal.config import ROOT
from portal.formdefs.loader import Loaded, Problem
from portal.formdefs.routing import CHECK_ANSWERS

CASETYPES_DIR = ROOT / "casetypes"
CHOICES = {"radios", "checkboxes", "select"}
# Keys that mean something for some field types only: elsewhere they would be silently ignored.
ONLY_FOR = {
    "options": CHOICES,
    "family": {"family_member"},
    "text": {"content"},
    "prefill_label": {"display"},
    "validate/after": {"date"},
    "validate/before": {"date"},
    "validate/file_types": {"file"},
    "validate/max_size_mb": {"file"},
    "validate/min": {"number", "money"},
    "validate/max": {"number", "money"},
    "validate/integer": {"number"},
    "validate/pattern": {"text", "postcode", "phone"},
    "validate/min_length": {"text", "textarea"},
    "validate/max_length": {"text", "textarea"},
    "validate/max_words": {"textarea"},
}
_LANGUAGE = re.compile(r"^[a-z]{2}$")


@lru_cache(maxsize=4)
def known_casetypes(directory: Path = CASETYPES_DIR) -> frozenset[str]:
    """The `identificatie` of every case type file (read only for that key, whatever else the format holds)."""
    names = set()
    for path in directory.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("identificatie"), str):
            names.add(data["identificatie"])
    return frozenset(names)


@lru_cache(maxsize=4096)
def _b1(text: str) -> tuple[str, ...]:
    return tuple(b1.check(text).problems)


def is_text(value: object) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(key, str) and _LANGUAGE.match(key) for key in value)
        and all(isinstance(item, str) for item in value.values())
    )


def texts(value: object, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every text ({nl: ..., en: ...}) in the definition, with its path."""
    if is_text(value):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("conditions", "show_if", "when"):
                yield from texts(item, f"{path}/{key}".lstrip("/"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}/{index}".lstrip("/"))


def check_texts(loaded: Loaded) -> Iterator[Problem]:
    languages = loaded.data["languages"]
    for path, text in texts(loaded.data):
        missing = [language for language in languages if not text.get(language, "").strip()]
        extra = sorted(set(text) - set(languages))
        if missing:
            yield loaded.problem(
                path,
                f"the text has no {', '.join(missing)}: every text needs every language "
                f"of the form ({', '.join(languages)})",
            )
        if extra:
            yield loaded.problem(path, f"the text has {', '.join(extra)}, which is not in the form's languages")
        for finding in _b1(text.get("nl", "")):
            yield loaded.problem(path, f"not B1: {finding} (in {text['nl'][:60]!r})", kind="b1")


def check_ids(loaded: Loaded) -> Iterator[Problem]:
    """Step ids are unique among steps, field ids among fields (answers are keyed by them)."""
    steps: dict[str, str] = {}
    fields: dict[str, str] = {}
    for index, step in enumerate(loaded.data["steps"]):
        yield from _unique(loaded, steps, f"steps/{index}", step["id"], "step")
        for number, item in enumerate(step["fields"]):
            path = f"steps/{index}/fields/{number}"
            yield from _unique(loaded, fields, path, item["id"], "field")
            inner = [sub["id"] for sub in item.get("fields", ())]
            if len(inner) != len(set(inner)):
                yield loaded.problem(path, "two fields in this group have the same id")
            yield from _check_options(loaded, item, path)
            for sub_number, sub in enumerate(item.get("fields", ())):
                yield from _check_keys(loaded, sub, f"{path}/fields/{sub_number}")
            yield from _check_keys(loaded, item, path)


def _check_keys(loaded: Loaded, item: Mapping, path: str) -> Iterator[Problem]:
    for key, types in ONLY_FOR.items():
        holder, _, name = key.rpartition("/")
        present = name in (item.get(holder, {}) if holder else item)
        if present and item["type"] not in types:
            yield loaded.problem(
                f"{path}/{key}",
                f"'{name}' does nothing on a {item['type']} field; it is for {', '.join(sorted(types))}",
            )


def _unique(loaded: Loaded, seen: dict[str, str], path: str, item_id: str, what: str) -> Iterator[Problem]:
    if item_id in seen:
        yield loaded.problem(path, f"the {what} id '{item_id}' is also used at {seen[item_id]}: ids must be unique")
    seen.setdefault(item_id, path)


def _check_options(loaded: Loaded, item: Mapping, path: str) -> Iterator[Problem]:
    options = item.get("options")
    if isinstance(options, dict):
        if options["list"] not in loaded.data.get("lists", {}):
            yield loaded.problem(f"{path}/options/list", f"the list '{options['list']}' does not exist in 'lists'")
            return
        options = loaded.data["lists"][options["list"]]
    values = [option["value"] for option in options or ()]
    if len(values) != len(set(values)):
        yield loaded.problem(f"{path}/options", "two options have the same value")


def _targets(step: Mapping, index: int, steps: list) -> list[tuple[str, str]]:
    """(path, goto) of every way out of a step, the fall-through to the next step included."""
    rules = step.get("next")
    if not rules:
        return [(f"steps/{index}", steps[index + 1]["id"] if index + 1 < len(steps) else CHECK_ANSWERS)]
    targets = [(f"steps/{index}/next/{number}/goto", rule["goto"]) for number, rule in enumerate(rules)]
    if step.get("show_if"):  # skipped: the route goes on to the next step in the file
        targets.append((f"steps/{index}/show_if", steps[index + 1]["id"] if index + 1 < len(steps) else CHECK_ANSWERS))
    return targets


def _check_rules(loaded: Loaded, rules: list, path: str, what: str) -> Iterator[Problem]:
    defaults = [number for number, rule in enumerate(rules) if "when" not in rule]
    if not defaults:
        yield loaded.problem(path, f"the last {what} needs no 'when': it is the default when nothing else holds")
    elif defaults[0] != len(rules) - 1:
        yield loaded.problem(f"{path}/{defaults[0]}", f"this {what} has no 'when', so the ones after it are never used")


def check_routes(loaded: Loaded) -> Iterator[Problem]:
    steps = loaded.data["steps"]
    position = {step["id"]: index for index, step in enumerate(steps)}
    exits = loaded.data.get("exits", {})
    edges: dict[str, list[str]] = {}
    for index, step in enumerate(steps):
        if step.get("next"):
            yield from _check_rules(loaded, step["next"], f"steps/{index}/next", "'next' rule")
        edges[step["id"]] = []
        for path, goto in _targets(step, index, steps):
            if goto.startswith("exit:") and goto[5:] not in exits:
                yield loaded.problem(path, f"the exit page '{goto[5:]}' does not exist in 'exits'")
            elif goto != CHECK_ANSWERS and not goto.startswith("exit:"):
                if goto not in position:
                    yield loaded.problem(path, f"the step '{goto}' does not exist")
                    continue
                edges[step["id"]].append(goto)
                if position[goto] <= index:
                    yield loaded.problem(path, _backwards(step["id"], goto, edges, position, steps))
    yield from _check_reachable(loaded, edges)


def _backwards(source: str, goto: str, edges: dict, position: dict, steps: list) -> str:
    if goto == source:
        return f"goto loop: '{source}' goes to itself, so the route would never end"
    path = [steps[index]["id"] for index in range(position[goto], position[source] + 1)]
    return (
        f"goto loop: '{source}' goes back to '{goto}' ({' → '.join(path)} → {goto}); a step is answered once, "
        "so a route that comes back would never end. A goto may only go to a later step"
    )


def _check_reachable(loaded: Loaded, edges: dict[str, list[str]]) -> Iterator[Problem]:
    first = loaded.data["steps"][0]["id"]
    reached, todo = {first}, [first]
    while todo:
        for target in edges[todo.pop()]:
            if target not in reached:
                reached.add(target)
                todo.append(target)
    for index, step in enumerate(loaded.data["steps"]):
        if step["id"] not in reached:
            yield loaded.problem(f"steps/{index}", f"no route leads to the step '{step['id']}'", kind="unreachable")
    used = {
        goto[5:]
        for step in loaded.data["steps"]
        for rule in step.get("next", ())
        for goto in [rule["goto"]]
        if goto.startswith("exit:")
    }
    for name in loaded.data.get("exits", {}):
        if name not in used:
            yield loaded.problem(f"exits/{name}", f"no route leads to the exit page '{name}'", kind="unreachable")
