"""The form builder's operations: pure functions on a definition dict, each returning a new dict.

One question per page (the GOV.UK Forms model): adding a question adds a step with one field. Ids are made
from the Dutch text (slugified, unique) once, when a step or question is made, and never change after that:
answers, routes and drafts are keyed by them. A refusal is a `BuilderRefused` with the reason in B1.

This module is the one API of the builder: the page operations live here, the question operations in
questions.py, routes and the outcome in routes.py, what they share in definition.py.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from flask_babel import gettext as _

from portal.formadmin.definition import (
    BuilderRefused,
    clean_text,
    drop_unused,
    keep_fallthrough,
    leaf_conditions,
    natural_next,
    slug_id,
    step_index,
    to_yaml,
    who_looks_at,
)
from portal.formadmin.questions import Question, apply_question, update_question
from portal.formadmin.routes import (
    Exit,
    Outcome,
    add_route,
    answer_choices,
    page_label,
    remove_route,
    route_questions,
    route_targets,
    set_outcome,
)

__all__ = [
    "BuilderRefused",
    "Exit",
    "Outcome",
    "Question",
    "add_question",
    "add_route",
    "answer_choices",
    "move_step",
    "order_problems",
    "page_label",
    "references_to_step",
    "remove_route",
    "remove_step",
    "route_questions",
    "route_targets",
    "set_outcome",
    "to_yaml",
    "update_question",
]


def add_question(definition: dict, question: Question, *, after: str | None) -> dict:
    """A new page with this one question, after the step `after` (None: as the first page)."""
    new = copy.deepcopy(definition)
    index = 0 if after is None else step_index(new, after) + 1
    label = clean_text(question.label).get("nl", "")
    step_ids = {step["id"] for step in new["steps"]}
    field_ids = {item["id"] for step in new["steps"] for item in _all_fields(step["fields"])}
    item = apply_question({"id": slug_id(label, field_ids, "_")}, question, new)
    new["steps"].insert(index, {"id": slug_id(label, step_ids), "fields": [item]})
    keep_fallthrough(definition, new)
    return new


def _all_fields(fields: list) -> Iterator[dict]:
    for item in fields:
        yield item
        yield from _all_fields(item.get("fields", ()))


def move_step(definition: dict, step_id: str, direction: str) -> dict:
    """Swap a page with the one above ("up") or below ("down"); refused when a route or condition would
    then look back or at an answer that comes later."""
    new = copy.deepcopy(definition)
    index = step_index(new, step_id)
    other = index - 1 if direction == "up" else index + 1
    if other < 0:
        raise BuilderRefused(_("Deze vraag staat al bovenaan."))
    if other >= len(new["steps"]):
        raise BuilderRefused(_("Deze vraag staat al onderaan."))
    steps = new["steps"]
    steps[index], steps[other] = steps[other], steps[index]
    keep_fallthrough(definition, new)
    problems = order_problems(new)
    if problems:
        raise BuilderRefused(_("U kunt deze vraag niet verplaatsen.") + " " + " ".join(problems))
    return new


def order_problems(definition: dict) -> list[str]:
    """What goes wrong with the order of the pages: a route that goes back, or a condition that looks at an
    answer that is asked later. In B1, one sentence each."""
    steps = definition["steps"]
    position = {step["id"]: index for index, step in enumerate(steps)}
    asked = {item["id"]: index for index, step in enumerate(steps) for item in step["fields"]}
    named = definition.get("conditions", {})
    problems = []
    for index, step in enumerate(steps):
        for rule in step.get("next", ()):
            target = position.get(rule["goto"])
            if target is not None and target <= index:
                problems.append(
                    _(
                        "De route van vraag %(number)s gaat dan terug naar vraag %(target)s. "
                        "Een route mag alleen naar een latere vraag gaan.",
                        number=index + 1,
                        target=target + 1,
                    )
                )
        conditions = [step.get("show_if"), *(item.get("show_if") for item in step["fields"])]
        late = [rule.get("when") for rule in step.get("next", ())]
        problems += _late_answers(conditions, index - 1, index, asked, named)
        problems += _late_answers(late, index, index, asked, named)
    return list(dict.fromkeys(problems))


def _late_answers(conditions: list, last: int, number: int, asked: dict, named: dict) -> list[str]:
    problems = []
    for condition in conditions:
        for leaf in leaf_conditions(condition, named):
            where = asked.get(leaf["field"].removeprefix("answers."))
            if leaf["field"].startswith("answers.") and where is not None and where > last:
                problems.append(
                    _(
                        "Vraag %(number)s kijkt dan naar het antwoord op vraag %(later)s. Die vraag komt pas later.",
                        number=number + 1,
                        later=where + 1,
                    )
                )
    return problems


def references_to_step(definition: dict, step_id: str) -> list[str]:
    """Why a page cannot be removed: the other pages' routes that go to it, and the conditions that look at
    its answers (in B1, naming them). Empty when it can go."""
    steps = definition["steps"]
    index = step_index(definition, step_id)
    reasons = []
    for number, other in enumerate(steps):
        for rule in other.get("next", ()):
            natural = "when" not in rule and natural_next(steps, number) == step_id
            if other["id"] != step_id and rule["goto"] == step_id and not natural:
                reasons.append(_("De route van vraag %(number)s gaat naar deze vraag.", number=number + 1))
    field_ids = {item["id"] for item in steps[index]["fields"]}
    for who in who_looks_at(definition, field_ids, skip_step=step_id):
        reasons.append(_("Het antwoord op deze vraag wordt gebruikt door %(who)s.", who=who))
    return list(dict.fromkeys(reasons))


def remove_step(definition: dict, step_id: str) -> dict:
    reasons = references_to_step(definition, step_id)
    if reasons:
        raise BuilderRefused(
            _("U kunt deze vraag nog niet verwijderen.")
            + " "
            + " ".join(reasons)
            + " "
            + _("Haal eerst die routes weg.")
        )
    if len(definition["steps"]) == 1:
        raise BuilderRefused(_("Een formulier heeft minstens één vraag. Voeg eerst een andere vraag toe."))
    new = copy.deepcopy(definition)
    del new["steps"][step_index(new, step_id)]
    keep_fallthrough(definition, new)
    drop_unused(definition, new)
    return new
