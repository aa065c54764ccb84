"""What the runner's templates get: the form, the step's fields with their state, the error summary.

Shared by the views and by the preview renderer (portal/eforms/preview.py), so a preview page is the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace

from flask import render_template
from flask_babel import get_locale

from portal.eforms.fields import FieldContext
from portal.eforms.fields.parsers import family_names
from portal.eforms.runner import Form, fact, position, previous_step, shown_fields
from portal.eforms.texts import loc, options
from portal.i18n import local_today
from portal.integrations.bag import get_bag_client

OPTION_TYPES = frozenset({"radios", "checkboxes", "yes_no", "family_member"})


def lang() -> str:
    return str(get_locale() or "nl")[:2]


def context(prefill: Mapping) -> FieldContext:
    return FieldContext(lang=lang(), prefill=prefill, today=local_today(), bag=get_bag_client())


class ErrorSummary:
    """Adapts the runner's errors ({input name: message}) to the project's `error_summary(form)` macro, which
    reads `form.errors` and links each message to `form[name].id` (an option group at its first option)."""

    def __init__(self, errors: Mapping[str, str], fields: list[Mapping]):
        self.errors = {name: [message] for name, message in errors.items()}
        self._options = {item["id"] for item in fields if item["type"] in OPTION_TYPES}

    def __getitem__(self, name: str):
        return SimpleNamespace(id=f"{name}-1" if name in self._options else name)


@dataclass
class StepView:
    step: Mapping
    fields: list
    states: dict
    number: int
    total: int
    back: str | None


def choices(item: Mapping, prefill: Mapping, language: str) -> list[tuple[str, str]]:
    if item["type"] == "family_member":
        return [(name, name) for name in family_names(item, prefill)]
    return [(option["value"], loc(option.get("label"), language)) for option in options(item)]


def _error_of(item: Mapping, errors: Mapping[str, str]) -> str | None:
    for name, message in errors.items():
        if name == item["id"] or name.startswith(f"{item['id']}-"):
            return message
    return None


def step_view(form: Form, step: Mapping, answers: Mapping, prefill: Mapping, raw=None, errors=None) -> StepView:
    ctx = context(prefill)
    fields = shown_fields(form, step, answers, prefill)
    states = {}
    for item in fields:
        value = answers.get(item["id"])
        if value is None and item.get("prefill"):
            value = fact(item, prefill)
        states[item["id"]] = {
            "value": value,
            "raw": raw or {},
            "error": _error_of(item, errors or {}),
            "ctx": ctx,
            "choices": choices(item, prefill, ctx.lang),
        }
    number, total = position(form, answers, prefill, step["id"])
    return StepView(step, fields, states, number, total, previous_step(form, answers, prefill, step["id"]))


def render_step(form: Form, draft_id: str, view: StepView, errors: Mapping[str, str] | None = None, **extra) -> str:
    return render_template(
        "eforms/step.html",
        form=form,
        draft_id=draft_id,
        view=view,
        summary=ErrorSummary(errors or {}, view.fields),
        has_errors=bool(errors),
        **extra,
    )
