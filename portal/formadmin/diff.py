"""A readable difference between two versions: their canonical YAML compared line by line (difflib).

Each row says in words what happened to the line (weg, nieuw, gelijk), so the table does not rely on colour.
Unchanged stretches are shortened to a few lines of context around each change.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from portal.formadmin.concepts import canonical_yaml

CONTEXT = 2


@dataclass(frozen=True)
class DiffRow:
    change: str  # "removed", "added", "same" or "gap" (unchanged lines left out)
    old_line: int | None
    new_line: int | None
    text: str


def _rows(tag: str, old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int) -> list[DiffRow]:
    if tag == "equal":
        return [DiffRow("same", i1 + k + 1, j1 + k + 1, old[i1 + k]) for k in range(i2 - i1)]
    removed = [DiffRow("removed", i + 1, None, old[i]) for i in range(i1, i2)]
    return removed + [DiffRow("added", None, j + 1, new[j]) for j in range(j1, j2)]


def diff(old_definition: dict, new_definition: dict) -> list[DiffRow]:
    """The changed lines of two versions with CONTEXT unchanged lines around them; empty when they are the same."""
    return diff_text(canonical_yaml(old_definition), canonical_yaml(new_definition))


def diff_text(old_text: str, new_text: str) -> list[DiffRow]:
    old, new = old_text.splitlines(), new_text.splitlines()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    rows = []
    for group in matcher.get_grouped_opcodes(CONTEXT):
        if rows:
            rows.append(DiffRow("gap", None, None, ""))
        for opcode in group:
            rows += _rows(opcode[0], old, new, *opcode[1:])
    return rows
