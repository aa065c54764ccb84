"""The builder's operations on one question: its type, texts in every language, required, options, prefill."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from flask_babel import gettext as _

from portal.formadmin.definition import BuilderRefused, clean_text, find_field, slug_id, step_index, who_looks_at
from portal.formadmin.kinds import BUILDER_KINDS, CHOICE_KINDS, prefill_choices
from portal.formdefs.semantics import ONLY_FOR

# The message when a required question is left empty, when staff write none (data, so in every language).
DEFAULT_REQUIRED = {
    "yes_no": {"nl": "Kies ja of nee", "en": "Select yes or no"},
    "radios": {"nl": "Kies een antwoord", "en": "Select an answer"},
    "select": {"nl": "Kies een antwoord", "en": "Select an answer"},
    "checkboxes": {"nl": "Kies minstens één antwoord", "en": "Select at least one answer"},
    "date": {"nl": "Vul een datum in", "en": "Enter a date"},
    "file": {"nl": "Kies een bestand", "en": "Choose a file"},
}
DEFAULT_REQUIRED_OTHER = {"nl": "Vul hier iets in", "en": "Enter an answer"}


@dataclass(frozen=True)
class Question:
    """What staff fill in on the question page. Texts are {language: text}; empty texts are left out.
    `options` is None to keep the current ones (or for a type without options)."""

    kind: str
    label: dict
    hint: dict = field(default_factory=dict)
    error: dict = field(default_factory=dict)
    required: bool = False
    options: tuple[dict, ...] | None = None
    prefill: str = ""


def update_question(definition: dict, step_id: str, field_id: str, question: Question) -> dict:
    """Change a question's type, texts, required, options or prefill."""
    current = find_field(definition, step_id, field_id)
    if question.kind != current["type"]:
        if current["type"] not in BUILDER_KINDS:
            raise BuilderRefused(_("Dit soort vraag verandert u in de YAML-editor."))
        users = who_looks_at(definition, {field_id})
        if users:
            raise BuilderRefused(
                _("U kunt het soort vraag niet veranderen.")
                + " "
                + _("Het antwoord wordt gebruikt door %(who)s.", who=", ".join(users))
                + " "
                + _("Haal eerst die route weg.")
            )
    new = copy.deepcopy(definition)
    step = new["steps"][step_index(new, step_id)]
    step["fields"] = [
        apply_question(item, question, new, definition) if item["id"] == field_id else item for item in step["fields"]
    ]
    return new


def apply_question(item: dict, question: Question, definition: dict, before: dict | None = None) -> dict:
    """The field `item` with what staff filled in; keys that do not fit the (new) type are dropped."""
    kind = question.kind
    if kind not in BUILDER_KINDS and kind != item.get("type"):
        raise BuilderRefused(_("Kies een soort vraag uit de lijst."))
    label = clean_text(question.label)
    if not label.get("nl"):
        raise BuilderRefused(_("Schrijf de vraag in het Nederlands."))
    result = {"id": item["id"], "type": kind, "label": label}
    if clean_text(question.hint):
        result["hint"] = clean_text(question.hint)
    for key, value in item.items():
        if key not in ("id", "type", "label", "hint", "prefill", "options", "validate") and _fits(key, kind):
            result[key] = value
    prefill = _prefill(item, question.prefill, definition)
    if prefill:
        result["prefill"] = prefill
    if kind in CHOICE_KINDS:
        result["options"] = _options(item, question.options, before or definition)
    validate = {
        key: value
        for key, value in item.get("validate", {}).items()
        if key != "required" and _fits(f"validate/{key}", kind)
    }
    if question.required:
        required = clean_text(question.error) or dict(DEFAULT_REQUIRED.get(kind, DEFAULT_REQUIRED_OTHER))
        validate = {"required": required, **validate}
    if validate:
        result["validate"] = validate
    return result


def _fits(key: str, kind: str) -> bool:
    return key not in ONLY_FOR or kind in ONLY_FOR[key]


def _prefill(item: dict, binding: str, definition: dict) -> str:
    if not binding or binding == item.get("prefill"):
        return binding
    if binding not in prefill_choices(definition):
        raise BuilderRefused(_("Kies een gegeven uit de lijst. Dit formulier mag alleen die gegevens invullen."))
    return binding


def _options(item: dict, given: tuple[dict, ...] | None, definition: dict) -> list | dict:
    current = item.get("options")
    if given is None:
        if current:
            return current
        raise BuilderRefused(_("Schrijf minstens twee antwoorden, één per regel."))
    if isinstance(current, dict):
        raise BuilderRefused(
            _("Deze antwoorden komen uit een lijst die ook elders staat. Verander ze in de YAML-editor.")
        )
    given = tuple(clean_text(label) for label in given if clean_text(label).get("nl"))
    if len(given) < 2:
        raise BuilderRefused(_("Schrijf minstens twee antwoorden, één per regel."))
    by_label = {option["label"].get("nl", "").casefold(): option["value"] for option in current or ()}
    taken: set[str] = set()
    options = []
    for label in given:
        value = by_label.get(label["nl"].casefold()) or slug_id(label["nl"], taken | set(by_label.values()))
        if value in taken:
            raise BuilderRefused(_("Twee antwoorden zijn hetzelfde. Maak ze verschillend."))
        taken.add(value)
        kept = next((option for option in current or () if option["value"] == value), {})
        options.append({"value": value, "label": label, **({"hint": kept["hint"]} if "hint" in kept else {})})
    for option in current or ():
        users = [] if option["value"] in taken else who_looks_at(definition, {item["id"]}, option["value"])
        if users:
            raise BuilderRefused(
                _(
                    "Het antwoord '%(answer)s' wordt gebruikt door %(who)s. Haal eerst die route weg.",
                    answer=option["label"].get("nl", option["value"]),
                    who=", ".join(users),
                )
            )
    return options
