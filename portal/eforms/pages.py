"""What the runner's templates get: the form, the step's fields with their state, the error summary.

Shared by the views and by the preview renderer (portal/eforms/preview.py), so a preview page is the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import render_template, url_for
from flask_babel import get_locale

from portal.eforms import repeat
from portal.eforms.fields import FieldContext, error_summary_items
from portal.eforms.fields.repeat import max_entries
from portal.eforms.repeat import shown_entries
from portal.eforms.runner import Form, fact, position, previous_step, shown_fields
from portal.i18n import local_today
from portal.integrations.bag import get_bag_client


def lang() -> str:
    return str(get_locale() or "nl")[:2]


def runner_url(form: Form, name: str, draft_id: str, **args) -> str:
    """A runner page's address: the resident's (`eforms.<name>`), or the staff preview's of the concept
    `draft_id` (`formadmin.preview_<name>`, portal/formadmin/preview_views.py) when the form is a preview."""
    if form.preview:
        return url_for(f"formadmin.preview_{name}", public_id=draft_id, **args)
    if name == "start":
        return url_for("eforms.start", slug=form.slug, **args)
    return url_for(f"eforms.{name}", slug=form.slug, draft_id=draft_id, **args)


def context(prefill: Mapping, form: Form | None = None) -> FieldContext:
    lists = (form.definition.get("lists") or {}) if form else {}
    return FieldContext(lang=lang(), prefill=prefill, today=local_today(), bag=get_bag_client(), lists=lists)


@dataclass
class StepView:
    step: Mapping
    fields: list
    states: dict
    number: int
    total: int
    back: str | None


def step_view(form: Form, step: Mapping, answers: Mapping, prefill: Mapping, raw=None, errors=None) -> StepView:
    """Each shown field's state for fields.html: dict(value=, raw=, error=, ctx=); `raw` and `error` are the
    StepResult's dicts, keyed by input name (what was typed wins over the stored answer)."""
    ctx = context(prefill, form)
    fields = shown_fields(form, step, answers, prefill)
    states = {}
    for item in fields:
        value = answers.get(item["id"])
        if value is None and item.get("prefill"):
            value = fact(item, prefill)
        if item["type"] == "repeat":
            value = shown_entries(item, value)
        states[item["id"]] = {"value": value, "raw": raw or {}, "error": errors or {}, "ctx": ctx}
    number, total = position(form, answers, prefill, step["id"])
    return StepView(step, fields, states, number, total, previous_step(form, answers, prefill, step["id"]))


def render_step(form: Form, draft_id: str, view: StepView, errors: Mapping[str, str] | None = None, **extra) -> str:
    asked = [item for item in view.fields if item["type"] not in ("content", "display")]
    return render_template(
        "eforms/step.html",
        form=form,
        draft_id=draft_id,
        view=view,
        summary=error_summary_items(asked, errors or {}),
        has_errors=bool(errors),
        can_add=_can_add(view),
        **extra,
    )


def _can_add(view: StepView) -> bool:
    item = repeat.repeat_field(view.step)
    return item is not None and len(view.states[item["id"]]["value"]) < max_entries(item)
