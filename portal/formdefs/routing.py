"""The route through a form, recomputed from the answers every time (CONVENTIONS habit 7).

`answers` is a flat map of field id to value, as the runner stores them. A step is done when each of its
visible questions has a key in the answers (an empty optional answer is still an answer). A step without
questions (only content or prefilled facts) is done once the runner stores `seen_key(step id)` as a key
(`answers["seen:controleer-gegevens"] = True`); a field id never holds a colon, so the two never clash.

The route starts at the first step. A step whose `show_if` is false is skipped to the step after it in the
file. After a done step, its `next` rules are tried in order and the first that holds wins; without `next`
the route goes on to the step after it, and after the last step to check answers. The route stops at the
first step that is not done, or at check answers, or at an exit page.

Conditions only see the answers of the steps already on the route: an answer left behind on a step that
is no longer on it (the resident changed an earlier answer) neither steers the route nor is submitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from portal.formdefs.conditions import evaluate

CHECK_ANSWERS = "check_answers"
INPUTLESS = frozenset({"content", "display"})


def seen_key(step_id: str) -> str:
    return f"seen:{step_id}"


@dataclass(frozen=True)
class Route:
    steps: list[str]
    end: str | None  # "check_answers", "exit:<id>", or None while a step on the route is not done
    answers: dict = field(default_factory=dict)  # the answers on the route, what a submission keeps

    @property
    def complete(self) -> bool:
        return self.end == CHECK_ANSWERS


def _visible(item: Mapping, definition: Mapping, answers: Mapping, prefill: Mapping | None) -> bool:
    condition = item.get("show_if")
    return condition is None or evaluate(condition, definition.get("conditions", {}), answers, prefill)


def questions(step: Mapping, definition: Mapping, answers: Mapping, prefill: Mapping | None = None) -> list[Mapping]:
    """The step's fields that take an answer and are shown for these answers."""
    return [
        item
        for item in step["fields"]
        if item["type"] not in INPUTLESS and _visible(item, definition, answers, prefill)
    ]


def is_done(step: Mapping, definition: Mapping, answers: Mapping, prefill: Mapping | None = None) -> bool:
    asked = questions(step, definition, answers, prefill)
    if not asked:
        return seen_key(step["id"]) in answers
    return all(item["id"] in answers for item in asked)


def _after(step: Mapping, index: int, definition: Mapping, answers: Mapping, prefill: Mapping | None) -> str:
    for rule in step.get("next", ()):
        if "when" not in rule or evaluate(rule["when"], definition.get("conditions", {}), answers, prefill):
            return rule["goto"]
    steps = definition["steps"]
    return steps[index + 1]["id"] if index + 1 < len(steps) else CHECK_ANSWERS


def _keep(step: Mapping, definition: Mapping, answers: Mapping, known: dict, prefill: Mapping | None) -> None:
    if seen_key(step["id"]) in answers:
        known[seen_key(step["id"])] = answers[seen_key(step["id"])]
    for item in step["fields"]:
        if item["type"] not in INPUTLESS and item["id"] in answers and _visible(item, definition, known, prefill):
            known[item["id"]] = answers[item["id"]]


def walk(definition: Mapping, answers: Mapping, prefill: Mapping | None = None) -> Route:
    steps = definition["steps"]
    position = {step["id"]: index for index, step in enumerate(steps)}
    visited: list[str] = []
    known: dict = {}
    target = steps[0]["id"]
    while target in position:
        index = position[target]
        step = steps[index]
        if target in visited:  # a loop the semantic checks refuse; never loop forever on a bad definition
            return Route(visited, None, known)
        if not _visible(step, definition, known, prefill):
            target = steps[index + 1]["id"] if index + 1 < len(steps) else CHECK_ANSWERS
            continue
        visited.append(target)
        _keep(step, definition, answers, known, prefill)
        if not is_done(step, definition, known, prefill):
            return Route(visited, None, known)
        target = _after(step, index, definition, known, prefill)
    return Route(visited, target, known)


def route(definition: Mapping, answers: Mapping, prefill: Mapping | None = None) -> list[str]:
    """The step ids on the route for these answers, ending at the first step not yet done."""
    return walk(definition, answers, prefill).steps


def next_step(definition: Mapping, answers: Mapping, current: str, prefill: Mapping | None = None) -> str | None:
    """What comes after `current`: a step id, "check_answers" or "exit:<id>". None when `current` is not on
    the route for these answers, or not done yet (the runner then shows it, or the route's last step)."""
    walked = walk(definition, answers, prefill)
    if current not in walked.steps:
        return None
    index = walked.steps.index(current)
    if index + 1 < len(walked.steps):
        return walked.steps[index + 1]
    return walked.end


def reachable_answers(definition: Mapping, answers: Mapping, prefill: Mapping | None = None) -> dict:
    """Only the answers on steps on the route and fields shown there: what a submission keeps."""
    return walk(definition, answers, prefill).answers


def outcome(definition: Mapping, answers: Mapping, prefill: Mapping | None = None) -> Mapping | None:
    """The first outcome rule that holds for the reachable answers (the last rule is the default).
    None when the route ends at an exit page or is not complete: then nothing is submitted."""
    walked = walk(definition, answers, prefill)
    if not walked.complete:
        return None
    kept = walked.answers
    for rule in definition["outcomes"]:
        if "when" not in rule or evaluate(rule["when"], definition.get("conditions", {}), kept, prefill):
            return rule
    return None
