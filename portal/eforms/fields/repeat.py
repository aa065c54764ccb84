"""A repeating group ("Nog iemand toevoegen"): entries of the same sub-fields, at most `max`.

Entry i has inputs named <id>-<i>-<sub-field id> (ENTRY), parsed with the same parse_step, so names never
clash with the step's other fields. Posted entries are read in order of their number; an entry where nothing
was filled in is left out (the empty form for "one more"). The answer is a list of entries, each a dict of
sub-field id -> value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from portal.eforms.fields.inputs import Input

ENTRY = "{id}-{index}-"
DEFAULT_MAX = 10


def max_entries(field: Mapping) -> int:
    given = field.get("max")
    return given if isinstance(given, int) and not isinstance(given, bool) and 0 < given <= 50 else DEFAULT_MAX


def entry_prefix(field: Mapping, index: int) -> str:
    return ENTRY.format(id=field["id"], index=index)


def posted_indexes(field: Mapping, *sources) -> list[int]:
    """The entry numbers the POST has inputs for (below max), in order."""
    pattern = re.compile(re.escape(field["id"]) + r"-([0-9]{1,2})-")
    found = set()
    for source in sources:
        for key in source or ():
            match = pattern.match(str(key))
            if match and int(match.group(1)) < max_entries(field):
                found.add(int(match.group(1)))
    return sorted(found)


def _is_blank(result, prefix: str) -> bool:
    def empty(value) -> bool:
        return value in ("", None, []) or (isinstance(value, list) and all(item == "" for item in value))

    return not result.files and all(empty(value) for key, value in result.raw.items() if key.startswith(prefix))


def parse_repeat(inp: Input, parse_step) -> None:
    subfields = inp.field.get("fields") or []
    entries = []
    for index in posted_indexes(inp.field, inp.formdata, inp.files):
        prefix = inp.name + f"-{index}-"
        previous = inp.previous[index] if isinstance(inp.previous, list) and index < len(inp.previous) else None
        entry = parse_step(subfields, inp.formdata, inp.files, inp.ctx, prefix=prefix, previous=previous)
        if _is_blank(entry, prefix) and not previous:
            inp.out.raw.update(entry.raw)  # nothing to check, but shown again as it was
            continue
        inp.out.merge_input(entry)
        entries.append(entry.values)
    if not entries and inp.required:
        return inp.fail("required")
    inp.accept(entries)
