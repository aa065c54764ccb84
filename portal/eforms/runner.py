"""The runner's rules, without HTTP: which step may be shown, what a valid POST stores, what check answers lists.

The route is recomputed from the saved answers on every request (portal/formdefs/routing.py). A step that is
not on the route for these answers is never shown: the resident goes to the first step not yet done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

from portal.eforms.fields import FieldContext, StepResult, display, parse_step, takes_input, unexpected_keys
from portal.eforms.fields.parse import PAGE_KEYS
from portal.eforms.prefill import value_at
from portal.eforms.texts import loc
from portal.formdefs.routing import CHECK_ANSWERS, INPUTLESS, _visible, questions, seen_key, walk

# Inputs every step form may carry besides its questions.
FORM_CONTROLS = PAGE_KEYS | {"once_token", "actie", "wijzig"}


@dataclass
class Form:
    """A definition in use: a published version (`version_id`), or a preview of a dict that is not published."""

    definition: dict
    version_id: int | None = None
    preview: bool = False

    @property
    def slug(self) -> str:
        return self.definition["slug"]

    def step(self, step_id: str) -> dict | None:
        return next((step for step in self.definition["steps"] if step["id"] == step_id), None)

    def exit(self, exit_id: str) -> dict | None:
        return (self.definition.get("exits") or {}).get(exit_id)

    def text(self, value, lang: str) -> str:
        return loc(value, lang)


def where_to(form: Form, answers: Mapping, prefill: Mapping) -> str:
    """Where the resident is: the first step on the route not yet done, `check_answers` or `exit:<id>`."""
    walked = walk(form.definition, answers, prefill)
    return walked.end if walked.end is not None else walked.steps[-1]


def on_route(form: Form, answers: Mapping, prefill: Mapping, step_id: str) -> bool:
    return step_id in walk(form.definition, answers, prefill).steps


def position(form: Form, answers: Mapping, prefill: Mapping, step_id: str) -> tuple[int, int]:
    """ "Stap 2 van 5": the step's place on the route, and the route's length as far as the answers tell
    (the steps after the route's last one that are not hidden by an answer already given)."""
    walked = walk(form.definition, answers, prefill)
    number = walked.steps.index(step_id) + 1 if step_id in walked.steps else 1
    if walked.end is not None:
        return number, len(walked.steps)
    order = [step["id"] for step in form.definition["steps"]]
    later = order[order.index(walked.steps[-1]) + 1 :]
    rest = [sid for sid in later if _visible(form.step(sid), form.definition, walked.answers, prefill)]
    return number, len(walked.steps) + len(rest)


def previous_step(form: Form, answers: Mapping, prefill: Mapping, step_id: str) -> str | None:
    steps = walk(form.definition, answers, prefill).steps
    index = steps.index(step_id) if step_id in steps else 0
    return steps[index - 1] if index > 0 else None


def shown_fields(form: Form, step: Mapping, answers: Mapping, prefill: Mapping) -> list[Mapping]:
    """Every field of the step that is shown for these answers (questions, facts and content)."""
    visible = {item["id"] for item in questions(step, form.definition, answers, prefill)}
    return [item for item in step["fields"] if item["type"] in INPUTLESS or item["id"] in visible]


def unknown_inputs(form: Form, step: Mapping, formdata: MultiDict, files: MultiDict) -> list[str]:
    """Posted names that belong to no question of this step: an extra or tampered field (or a display value)."""
    asked = [item for item in step["fields"] if takes_input(item)]
    return unexpected_keys(asked, formdata, files, allowed=FORM_CONTROLS)


def parse_questions(form: Form, step: Mapping, answers: Mapping, formdata, files, ctx: FieldContext) -> StepResult:
    """Parse the step's questions; a question revealed by another answer on the same page (`show_if`) is
    parsed once that answer is known, so the server decides what is shown, never the browser."""
    asked = questions(step, form.definition, answers, ctx.prefill)
    result = parse_step(asked, formdata, files, ctx, previous=answers)
    again = questions(step, form.definition, {**answers, **result.values}, ctx.prefill)
    if [item["id"] for item in again] != [item["id"] for item in asked]:
        result = parse_step(again, formdata, files, ctx, previous=answers)
    return result


def store_step(form: Form, step: Mapping, answers: Mapping, values: Mapping, prefill: Mapping) -> dict:
    """The answers after a valid POST of this step: its shown questions replaced, a step without questions
    marked as seen, and the answers of questions on this step that are hidden now removed."""
    kept = {key: value for key, value in answers.items() if key not in _ids(step)}
    kept.update(values)
    if not questions(step, form.definition, kept, prefill):
        kept[seen_key(step["id"])] = True
    return kept


def _ids(step: Mapping) -> set[str]:
    return {item["id"] for item in step["fields"]}


def fact(item: Mapping, prefill: Mapping):
    """A prefilled value from the draft's snapshot (never from the POST)."""
    return value_at(prefill, item["prefill"]) if item.get("prefill") else None


@dataclass
class Row:
    step_id: str
    label: str
    value: str
    from_brp: bool = False
    entries: list = field(default_factory=list)  # a repeating group: [(index, [(label, value)])]


def check_rows(form: Form, answers: Mapping, prefill: Mapping, ctx: FieldContext) -> list[Row]:
    """One row per answer (and per prefilled fact) on the route, in route order."""
    walked = walk(form.definition, answers, prefill)
    rows: list[Row] = []
    for step_id in walked.steps:
        for item in shown_fields(form, form.step(step_id), walked.answers, prefill):
            rows.extend(_rows_of(step_id, item, walked.answers, prefill, ctx))
    return rows


def _rows_of(step_id: str, item: Mapping, answers: Mapping, prefill: Mapping, ctx: FieldContext) -> list[Row]:
    label = loc(item.get("label"), ctx.lang)
    if item["type"] == "content":
        return []
    if item["type"] == "display":
        value = fact(item, prefill)
        return [Row(step_id, label, "" if value is None else str(value), from_brp=True)]
    if item["type"] == "repeat":
        entries = [
            (
                index,
                [(loc(sub.get("label"), ctx.lang), display(sub, entry.get(sub["id"]), ctx)) for sub in item["fields"]],
            )
            for index, entry in enumerate(answers.get(item["id"]) or [])
        ]
        return [Row(step_id, label, "", entries=entries)]
    return [Row(step_id, label, display(item, answers.get(item["id"]), ctx))]


def complete(form: Form, answers: Mapping, prefill: Mapping) -> bool:
    return walk(form.definition, answers, prefill).end == CHECK_ANSWERS
