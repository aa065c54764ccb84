"""Reading a form definition safely: YAML with plain types only, then the JSON Schema in forms/schema.json.

A definition may come from a file in forms/ or, later, from a staff member's editor, so the YAML is treated
as hostile: more than 1 MB is refused before it is parsed; an alias is refused before anything is built
from it (an alias bomb expands a few lines into gigabytes; an anchor nobody refers to is harmless); tags
other than the plain JSON types are refused (no dates, sets or Python objects: what the schema checks is
exactly what is stored); a key given twice is refused instead of silently keeping the last. Every problem
names the file, the line where we know it, and the path in it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from portal.config import ROOT

FORMS_DIR = ROOT / "forms"
SCHEMA_PATH = FORMS_DIR / "schema.json"
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition, for the person who wrote it."""

    source: str
    path: str
    message: str
    line: int | None = None
    # "error" blocks publishing; "b1" (a text that is not plain) and "unreachable" name what the staff
    # quality report lists on its own (portal/formadmin/quality.py).
    kind: str = "error"

    def __str__(self) -> str:
        where = f"{self.source}" + (f" line {self.line}" if self.line else "")
        return f"{where}: {self.path or '(top)'}: {self.message}"


@dataclass
class Loaded:
    """The parsed data with the YAML line of every path ("steps/0/fields/1" -> 23)."""

    source: str
    data: object = None
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path: str, message: str, kind: str = "error") -> Problem:
        return Problem(self.source, path, message, self.line(path), kind)

    def line(self, path: str) -> int | None:
        while True:
            if path in self.lines:
                return self.lines[path]
            if "/" not in path:
                return self.lines.get("")
            path = path.rsplit("/", 1)[0]


# libyaml's parser when the wheel has it (about 5x faster on a 100-field form), else PyYAML's own.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Refused(Exception):
    def __init__(self, path: str, line: int, message: str):
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


def _check_key(key: yaml.Node, keys: set[str], path: str) -> None:
    line = key.start_mark.line + 1
    if key.tag == "tag:yaml.org,2002:merge":
        raise _Refused(
            path, line, "the merge key << is not allowed: it needs anchors and aliases (& and *), which are not allowed"
        )
    if not isinstance(key, yaml.ScalarNode) or key.tag != "tag:yaml.org,2002:str":
        raise _Refused(path, line, "every key must be plain text")
    if key.value in keys:
        raise _Refused(path, line, f"the key '{key.value}' is given twice")
    keys.add(key.value)


def _walk(node: yaml.Node, path: str, lines: dict[str, int], seen: set[int], depth: int = 0) -> None:
    """Record the line of every path; refuse aliases, other tags, duplicate keys and deep nesting.

    An alias (`*name`) composes to the very node its anchor marks, so a node met twice is an alias: refused
    before anything is expanded, which is what makes an alias bomb harmless here."""
    line = node.start_mark.line + 1
    lines[path] = line
    if id(node) in seen:
        raise _Refused(path, line, "anchors and aliases (& and *) are not allowed: write the value out")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Refused(path, line, f"nested more than {MAX_DEPTH} levels deep")
    if node.tag not in PLAIN_TAGS:
        raise _Refused(path, line, f"the YAML tag {node.tag!r} is not allowed: use plain text, numbers, lists and maps")
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            _check_key(key, keys, path)
            _walk(value, f"{path}/{key.value}".lstrip("/"), lines, seen, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, f"{path}/{index}".lstrip("/"), lines, seen, depth + 1)


def parse_yaml(text: str | bytes, source: str) -> Loaded:
    loaded = Loaded(source)
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if len(raw) > MAX_BYTES:
        loaded.problems.append(Problem(source, "", f"the file is {len(raw) // 1024} KB; at most 1024 KB is allowed"))
        return loaded
    try:
        loader = _Loader(raw.decode("utf-8"))
        try:
            node = loader.get_single_node()
            if node is not None:
                _walk(node, "", loaded.lines, set())
                loaded.data = loader.construct_document(node)
        finally:
            loader.dispose()
    except UnicodeDecodeError:
        loaded.problems.append(Problem(source, "", "the file is not UTF-8 text"))
    except _Refused as refused:
        loaded.problems.append(Problem(source, refused.path, refused.message, refused.line))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "not valid YAML"
        loaded.problems.append(Problem(source, "", f"not valid YAML: {message}", mark.line + 1 if mark else None))
    except (yaml.YAMLError, RecursionError) as error:
        loaded.problems.append(Problem(source, "", f"not valid YAML: {type(error).__name__}"))
    if not loaded.problems and _has_nan(loaded.data):
        loaded.problems.append(Problem(source, "", "numbers must be finite (no .nan or .inf)"))
    return loaded


def _has_nan(value: object) -> bool:
    if isinstance(value, float):
        return math.isnan(value) or math.isinf(value)
    if isinstance(value, dict):
        return any(_has_nan(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_nan(item) for item in value)
    return False


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _plain(error: ValidationError) -> str:
    """jsonschema's messages, said plainly for the person who edits the YAML."""
    value = error.instance
    if error.validator == "required":
        return f"'{error.message.split(chr(39))[1]}' is missing"
    if error.validator == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {}))) if isinstance(value, dict) else []
        return f"unknown key {', '.join(repr(key) for key in extra)}: check the spelling"
    if error.validator == "enum":
        return f"{value!r} is not allowed here; use one of: {', '.join(map(str, error.validator_value))}"
    if error.validator == "type":
        kinds = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"should be {' or '.join(_KIND.get(kind, kind) for kind in kinds)}, not {_kind_of(value)}"
    if error.validator in ("oneOf", "anyOf"):
        return error.schema.get("description") or "does not have one of the allowed shapes"
    if error.validator == "pattern":
        return f"{value!r} has the wrong form (expected {error.validator_value})"
    return error.message


_KIND = {
    "object": "a map (key: value)",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _kind_of(value: object) -> str:
    kinds = (("boolean", bool), ("object", dict), ("array", list), ("string", str), ("number", (int, float)))
    for kind, python in kinds:
        if isinstance(value, python):
            return _KIND[kind]
    return _KIND["null"]


def _unknown_key_path(error: ValidationError, path: str) -> str:
    """An unknown key is reported at the key itself (its line), not at the map that holds it."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return path
    extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
    return f"{path}/{extra[0]}".lstrip("/") if extra else path


def schema_problems(loaded: Loaded, limit: int = 20) -> list[Problem]:
    errors = sorted(validator().iter_errors(loaded.data), key=lambda error: list(map(str, error.absolute_path)))
    problems = []
    for error in errors[:limit]:
        error = best_match([error]) if error.context else error
        path = "/".join(map(str, error.absolute_path))
        problems.append(loaded.problem(_unknown_key_path(error, path), _plain(error)))
    if len(errors) > limit:
        problems.append(loaded.problem("", f"and {len(errors) - limit} more problems"))
    return problems


def load_text(text: str | bytes, source: str) -> Loaded:
    """Parse and check against the schema. `problems` is empty when the definition may go on to the semantic checks."""
    loaded = parse_yaml(text, source)
    if not loaded.problems:
        loaded.problems = schema_problems(loaded)
    return loaded


def load_file(path: Path) -> Loaded:
    source = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            return Loaded(
                source,
                problems=[
                    Problem(source, "", f"the file is {path.stat().st_size // 1024} KB; at most 1024 KB is allowed")
                ],
            )
        return load_text(path.read_bytes(), source)
    except OSError as error:
        return Loaded(source, problems=[Problem(source, "", f"cannot read the file: {error.strerror}")])


def shipped_paths(directory: Path = FORMS_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))
