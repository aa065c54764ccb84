"""Parsing the POST of one step: every field by its type, and the keys nobody asked for.

    result = parse_step(fields, request.form, request.files, ctx)
    refused = unexpected_keys(fields, request.form, request.files)

`fields` are the step's visible fields that take input (`takes_input`); the runner evaluates show_if. Input
names are the field ids, with a prefix inside a repeating group ("huisgenoten-0-naam"). A date or an address
has several inputs (`<id>-dag`, `<id>-postcode`, ...); `input_names` lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from portal.eforms.fields import address, choices, dates, files, numbers, repeat, texts
from portal.eforms.fields.context import FieldContext, StepResult, value_at
from portal.eforms.fields.inputs import Input

PARSERS = {
    "text": texts.parse_text,
    "textarea": texts.parse_textarea,
    "email": texts.parse_email,
    "phone": texts.parse_phone,
    "postcode": texts.parse_postcode,
    "iban": texts.parse_iban,
    "number": numbers.parse_number,
    "money": numbers.parse_money,
    "date": dates.parse_date,
    "yes_no": choices.parse_yes_no,
    "radios": choices.parse_choice,
    "select": choices.parse_choice,
    "checkboxes": choices.parse_checkboxes,
    "family_member": choices.parse_checkboxes,
    "file": files.parse_file,
    "address_nl": address.parse_address,
}
NO_INPUT = ("display", "content")
# Keys of the page itself, not of a field.
PAGE_KEYS = frozenset({"csrf_token"})


def takes_input(field: Mapping) -> bool:
    return isinstance(field.get("id"), str) and (field.get("type") in PARSERS or field.get("type") == "repeat")


def parse_step(
    fields: Iterable[Mapping],
    formdata: Any,
    files: Any = None,
    ctx: FieldContext | None = None,
    *,
    prefix: str = "",
    previous: Mapping | None = None,
) -> StepResult:
    """Parse and check every field. `previous`: the answers the draft holds for these fields (an uploaded
    file stays when no new one is chosen). Never raises on what was posted."""
    ctx = ctx or FieldContext(lang="nl")
    previous = previous if isinstance(previous, Mapping) else {}
    result = StepResult()
    for field in fields:
        if not isinstance(field, Mapping) or not takes_input(field):
            continue
        inp = Input(field, prefix + field["id"], formdata, files, ctx, result, previous.get(field["id"]))
        if field["type"] == "repeat":
            repeat.parse_repeat(inp, parse_step)
        else:
            PARSERS[field["type"]](inp)
    return result


def parse_entry(field: Mapping, index: int, formdata: Any, files: Any, ctx: FieldContext) -> StepResult:
    """One entry of a repeating group; its values are keyed by the sub-field ids."""
    return parse_step(field.get("fields") or [], formdata, files, ctx, prefix=repeat.entry_prefix(field, index))


def input_names(field: Mapping, prefix: str = "") -> list[str]:
    """The names of the inputs a field renders (a repeat: see repeat.ENTRY)."""
    name = prefix + field["id"]
    kind = field.get("type")
    if kind == "date":
        return [f"{name}-{part}" for part in dates.PARTS]
    if kind == "address_nl":
        return [f"{name}-{part}" for part in address.PARTS + address.CHOICE]
    if kind in NO_INPUT or kind == "repeat":
        return []
    return [name]


def _expected(fields: Iterable[Mapping], prefix: str = "") -> tuple[set[str], set[str], list]:
    """(form keys, file keys, repeat fields) the step may send."""
    form, upload, groups = set(), set(), []
    for field in fields:
        if not isinstance(field, Mapping) or not takes_input(field):
            continue
        if field["type"] == "repeat":
            groups.append(field)
        elif field["type"] == "file":
            upload.update(input_names(field, prefix))
        else:
            form.update(input_names(field, prefix))
    return form, upload, groups


def _in_group(key: str, groups: list, uploads: bool) -> bool:
    for group in groups:
        match = re.fullmatch(re.escape(group["id"]) + r"-([0-9]{1,2})-(.+)", key)
        if match and int(match.group(1)) < repeat.max_entries(group):
            form, upload, _ = _expected(group.get("fields") or [], f"{group['id']}-{match.group(1)}-")
            if key in (upload if uploads else form):
                return True
    return False


def unexpected_keys(fields: Iterable[Mapping], formdata: Any, files: Any = None, allowed=PAGE_KEYS) -> list[str]:
    """Keys the step does not ask for, or sent where they do not belong (a file under a text's name, text
    under a file's name). `allowed`: the page's own keys (CSRF token, buttons)."""
    fields = list(fields)
    form, upload, groups = _expected(fields)
    refused = []
    for keys, expected, uploads in ((_keys(formdata), form, False), (_keys(files), upload, True)):
        for key in keys:
            if key not in expected and key not in allowed and not _in_group(key, groups, uploads):
                refused.append(key)
    return sorted(set(refused))


def _keys(data: Any) -> list[str]:
    if data is None:
        return []
    return [str(key) for key in data]


def prefill_answer(field: Mapping, ctx: FieldContext) -> Any:
    """The answer a question starts with when it has a `prefill` (contact.email, brp.<path>), checked like a
    typed answer: a prefilled value the field would refuse is not used (the resident types it)."""
    source = field.get("prefill")
    kind = field.get("type")
    if not isinstance(source, str) or kind not in PARSERS or kind in ("file", "address_nl", "date", "checkboxes"):
        return None
    value = value_at(ctx.prefill, source)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    result = parse_step([field], {field["id"]: str(value)}, None, ctx)
    return None if result.errors else result.values.get(field["id"])
