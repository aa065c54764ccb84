"""Field parsing and display for the e-form runner.

RUNNER-SIDE STAND-IN: the `fields` helper builds the full package (every type's finer checks, the BAG lookup
of address_nl with `pending`, the family choice from the BRP). This minimal version has the same interface
(`parse_step`, `display`, `FieldContext`, `StepResult`, `UploadedFile`) so the runner works before that lands;
at merge the lead takes the `fields` branch's package and templates/eforms/fields.html.

Input names: a field's inputs are named after its id (`vraag`), or `<id>-<part>` for a field with more than
one input (`verhuisdatum-dag`, `nieuw_adres-postcode`). The runner refuses any other name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from portal.eforms.fields.parsers import PARSERS, Refused, is_empty
from portal.eforms.texts import loc, option_label

__all__ = ["FieldContext", "StepResult", "UploadedFile", "display", "parse_step"]


@dataclass(frozen=True)
class FieldContext:
    lang: str
    prefill: Mapping
    today: date
    bag: object | None = None


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass
class StepResult:
    values: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    pending: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.pending


def _message(item: Mapping, check: str, lang: str) -> str:
    rule = (item.get("validate") or {}).get(check)
    if isinstance(rule, Mapping) and "message" in rule:
        return loc(rule["message"], lang)
    return loc(rule, lang) if rule else ""


def _parse_one(item: Mapping, formdata, files, ctx: FieldContext, result: StepResult) -> None:
    parser = PARSERS[item["type"]]
    try:
        value, raw, upload = parser(item, formdata, files, ctx)
    except Refused as refused:
        result.raw.update(refused.raw)
        result.errors[refused.input_name or item["id"]] = _message(item, refused.check, ctx.lang) or loc(
            refused.fallback, ctx.lang
        )
        return
    result.raw.update(raw)
    if is_empty(value) and upload is None and (item.get("validate") or {}).get("required"):
        result.errors[_first_input(item)] = _message(item, "required", ctx.lang)
        return
    result.values[item["id"]] = value
    if upload is not None:
        result.files[item["id"]] = UploadedFile(**upload)


FIRST_PART = {"date": "-dag", "address_nl": "-postcode"}


def _first_input(item: Mapping) -> str:
    """The input an error links to: the first of a field with several inputs."""
    return item["id"] + FIRST_PART.get(item["type"], "")


def parse_step(fields: list[Mapping], formdata, files, ctx: FieldContext) -> StepResult:
    """Parse and check the posted inputs of these (visible, answerable) fields against their definition."""
    result = StepResult()
    for item in fields:
        if item["type"] in ("content", "display", "repeat"):
            continue
        _parse_one(item, formdata, files, ctx, result)
    return result


YES_NO = {False: {True: "Ja", False: "Nee"}, True: {True: "Yes", False: "No"}}


def display(item: Mapping, value, ctx: FieldContext) -> str:
    """An answer as the resident reads it on check answers and in the receipt."""
    kind = item["type"]
    if is_empty(value):
        return ""
    if kind == "yes_no":
        return YES_NO[ctx.lang == "en"][bool(value)]
    if kind in ("radios", "select"):
        return option_label(item, value, ctx.lang)
    if kind in ("checkboxes", "family_member"):
        return ", ".join(option_label(item, one, ctx.lang) if kind == "checkboxes" else str(one) for one in value)
    if kind == "date":
        from portal.i18n import format_day

        return format_day(date.fromisoformat(value), ctx.lang)
    if kind == "file":
        return str(value.get("filename", ""))
    if kind == "address_nl":
        parts = [value.get("postcode", ""), str(value.get("huisnummer", "")) + value.get("toevoeging", "")]
        return " ".join(part for part in parts if part)
    return str(value)
