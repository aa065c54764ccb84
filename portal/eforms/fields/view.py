"""What templates/eforms/fields.html renders a question from: a view with the shape the component macros of
templates/components/forms.html read from a WTForms field (id, name, label.text, errors, data, _value(), choices).

`state` is dict(value=, raw=, error=, ctx=): `value` the field's answer (or the pending address lookup),
`raw` and `error` the StepResult's dicts (keyed by input name; a plain string is taken as this field's own).
What was typed wins over the stored value, so a refused answer shows again as it was sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import Flask

from portal.eforms.fields import address, dates, numbers, repeat, texts
from portal.eforms.fields.choices import options
from portal.eforms.fields.context import FieldContext, text
from portal.eforms.fields.display import display, prefilled
from portal.eforms.fields.files import LABELS, allowed_types
from portal.eforms.fields.inputs import Input
from portal.eforms.fields.labels import label

CHOICES = ("radios", "yes_no", "checkboxes", "family_member")
INPUT_TYPES = {"email": "email", "phone": "tel"}
INPUT_MODES = {"number": "decimal", "money": "decimal"}
AUTOCOMPLETE = {"email": "email", "phone": "tel", "postcode": "postal-code"}


@dataclass(frozen=True)
class Label:
    text: str


@dataclass
class FieldView:
    id: str
    name: str
    type: str
    label: Label
    hint: str = ""
    errors: list[str] = field(default_factory=list)
    data: Any = None
    choices: list = field(default_factory=list)
    parts: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    option_widget: None = None

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)


def _own(given: Any, name: str, base: str) -> Any:
    if isinstance(given, Mapping):
        return given.get(name)
    return given if name == base and given not in (None, "") else None


def _as_input(kind: str, value: Any, lang: str) -> Any:
    """A stored answer as it goes back into its input."""
    if value is None:
        return None
    if kind == "money" and type(value) is int:
        return f"{value // 100},{value % 100:02d}" if lang == "nl" else f"{value // 100}.{value % 100:02d}"
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return numbers.format_number(value, lang, grouped=False)
    if kind == "yes_no" and isinstance(value, bool):
        return "ja" if value else "nee"
    if kind == "phone" and isinstance(value, str):
        return texts.format_phone(value)
    if kind == "postcode" and isinstance(value, str):
        return texts.format_postcode(value)
    return value


def _part(state: Mapping, base: str, name: str, label: str, data: Any) -> FieldView:
    raw = _own(state.get("raw"), name, base)
    error = _own(state.get("error"), name, base)
    return FieldView(
        id=name,
        name=name,
        type="text",
        label=Label(label),
        errors=[error] if error else [],
        data=raw if raw is not None else data,
    )


def _date_parts(view: FieldView, state: Mapping, value: Any, lang: str) -> dict:
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    stored = {"dag": day and day.day, "maand": day and day.month, "jaar": day and day.year}
    labels = {"dag": _t("Dag", lang), "maand": _t("Maand", lang), "jaar": _t("Jaar", lang)}
    return {part: _part(state, view.name, f"{view.name}-{part}", labels[part], stored[part]) for part in dates.PARTS}


def _t(key: str, lang: str) -> str:
    return label(key, lang)


def _address_parts(view: FieldView, state: Mapping, value: Any, lang: str) -> dict:
    value = value if isinstance(value, Mapping) else {}
    stored = {
        "postcode": texts.format_postcode(str(value.get("postcode", ""))) or None,
        "huisnummer": value.get("huisnummer"),
        "huisletter": value.get("huisletter") or None,
        "toevoeging": value.get("toevoeging") or None,
        "straat": value.get("straat"),
        "woonplaats": value.get("woonplaats"),
    }
    parts = {
        part: _part(state, view.name, f"{view.name}-{part}", _t(part, lang), stored.get(part))
        for part in address.PARTS + ("straat", "woonplaats")
    }
    choice = _part(state, view.name, f"{view.name}-adres", _t("adres", lang), None)
    matches = value.get("matches") if isinstance(value.get("matches"), list) else []
    choice.choices = [(match["key"], match["line"]) for match in matches if isinstance(match, Mapping)]
    parts["adres"] = choice
    status = value.get("status") or ("confirmed" if value.get("bron") else "")
    if status == "confirmed" and value.get("bron") == "bag":
        choice.choices = [(value.get("nummeraanduiding", "1"), address.address_line(value))]
    view.extra.update(status=status, reason=value.get("reason"), offered=_offered(value))
    return parts


def _offered(value: Mapping) -> str:
    if not all(part in value for part in address.PARTS):
        return ""
    return address.offered_for({part: value.get(part) for part in address.PARTS})


def field_view(field: Mapping, state: Mapping, prefix: str = "") -> FieldView:
    ctx: FieldContext = state.get("ctx") or FieldContext(lang="nl")
    kind = field.get("type", "")
    name = prefix + field.get("id", "")
    value = state.get("value")
    raw = _own(state.get("raw"), name, name)
    error = _own(state.get("error"), name, name)
    view = FieldView(
        id=name,
        name=name,
        type=kind,
        label=Label(text(field.get("label"), ctx.lang)),
        hint=text(field.get("hint"), ctx.lang),
        errors=[error] if error else [],
        data=raw if raw is not None else _as_input(kind, value, ctx.lang),
    )
    _complete(view, field, state, ctx, value)
    return view


def _complete(view: FieldView, field: Mapping, state: Mapping, ctx: FieldContext, value: Any) -> None:
    kind = view.type
    if kind in CHOICES:
        view.choices = options(field, ctx)
    elif kind == "select":
        view.choices = [("", _t("kies", ctx.lang)), *options(field, ctx)]
    if kind == "date":
        view.parts = _date_parts(view, state, value, ctx.lang)
    elif kind == "address_nl":
        view.parts = _address_parts(view, state, value, ctx.lang)
    elif kind == "file":
        probe = Input(field, view.name, None, None, ctx, None)
        kinds = allowed_types(probe)
        view.extra.update(accept=",".join(f".{kind}" for kind in kinds), types=", ".join(LABELS[k] for k in kinds))
        view.extra["chosen"] = display(field, value, ctx) if isinstance(value, Mapping) else ""
    elif kind == "display":
        view.data = prefilled(field, ctx)
        view.extra["source"] = text(field.get("prefill_label"), ctx.lang)
        view.extra["brp"] = str(field.get("prefill", "")).startswith("brp.")
        view.extra["example"] = ctx.prefill.get("example") or ""  # the staff preview's example person
    elif kind == "content":
        view.extra["paragraphs"] = [part.strip() for part in text(field.get("text"), ctx.lang).split("\n\n")]
    elif kind == "repeat":
        view.extra["entries"] = _entries(field, state, value)
    view.extra.update(input_type=INPUT_TYPES.get(kind, "text"), inputmode=INPUT_MODES.get(kind))
    view.extra.update(autocomplete=field.get("autocomplete") or AUTOCOMPLETE.get(kind), width=field.get("width"))


def _entries(field: Mapping, state: Mapping, value: Any) -> list[tuple[int, str, Mapping]]:
    """(number, input prefix, entry value) of every entry to show: the stored ones and those posted."""
    stored = value if isinstance(value, list) else []
    raw = state.get("raw") if isinstance(state.get("raw"), Mapping) else {}
    indexes = sorted(set(range(len(stored))) | set(repeat.posted_indexes(field, raw))) or [0]
    return [
        (index + 1, repeat.entry_prefix(field, index), stored[index] if index < len(stored) else {})
        for index in indexes
    ]


def init_app(app: Flask) -> None:
    app.jinja_env.globals["eforms_field_view"] = field_view
