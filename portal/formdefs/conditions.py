"""Named, structured conditions: data that is evaluated here, never a string that is executed.

A condition is one of
  {all: [c, ...]}  {any: [c, ...]}  {not: c}  {ref: <name in the form's conditions>}
  {field: answers.<field id> | prefill.<source>.<path>, op: <operator>, value: <scalar or list>}

Missing answers are empty: `equals` on an unanswered field is false, `is_empty` true. Comparisons between
different kinds (a number and a text) are false, not an error: a resident's answer never breaks the router.
Dates are ISO texts (YYYY-MM-DD), so they compare in order with greater_than / less_than.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from numbers import Number

MISSING = object()


class ConditionError(ValueError):
    """A condition refers to a name that does not exist or refers to itself (caught by the semantic checks)."""


def _empty(value: object) -> bool:
    return value is MISSING or value is None or value == "" or value == [] or value == {}


def _comparable(left: object, right: object) -> bool:
    numbers = all(isinstance(side, Number) and not isinstance(side, bool) for side in (left, right))
    return numbers or (isinstance(left, str) and isinstance(right, str))


def _compare(test: Callable[[object, object], bool]) -> Callable[[object, object], bool]:
    return lambda left, right: _comparable(left, right) and test(left, right)


def _contains(left: object, right: object) -> bool:
    return isinstance(left, list | str) and not _empty(left) and right in left


OPERATORS: dict[str, Callable[[object, object], bool]] = {
    "equals": lambda left, right: left is not MISSING and left == right and type(left) is type(right),
    "not_equals": lambda left, right: not (left is not MISSING and left == right and type(left) is type(right)),
    "in": lambda left, right: isinstance(right, list) and left is not MISSING and left in right,
    "not_in": lambda left, right: not (isinstance(right, list) and left is not MISSING and left in right),
    "greater_than": _compare(lambda left, right: left > right),
    "less_than": _compare(lambda left, right: left < right),
    "at_least": _compare(lambda left, right: left >= right),
    "at_most": _compare(lambda left, right: left <= right),
    "is_empty": lambda left, _right: _empty(left),
    "is_not_empty": lambda left, _right: not _empty(left),
    "contains": _contains,
}


def lookup(path: str, answers: Mapping, prefill: Mapping | None) -> object:
    namespace, _, rest = path.partition(".")
    if namespace == "answers":
        return answers.get(rest, MISSING)
    value: object = prefill or {}
    for part in rest.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return MISSING
        value = value[part]
    return value


def evaluate(
    condition: Mapping, named: Mapping, answers: Mapping, prefill: Mapping | None = None, _seen: tuple[str, ...] = ()
) -> bool:
    """True when `condition` holds for these answers (and prefilled facts). `named` is the form's conditions."""
    if "all" in condition:
        return all(evaluate(part, named, answers, prefill, _seen) for part in condition["all"])
    if "any" in condition:
        return any(evaluate(part, named, answers, prefill, _seen) for part in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], named, answers, prefill, _seen)
    if "ref" in condition:
        name = condition["ref"]
        if name not in named or name in _seen:
            raise ConditionError(f"condition '{name}' " + ("refers to itself" if name in _seen else "does not exist"))
        return evaluate(named[name], named, answers, prefill, (*_seen, name))
    operator = OPERATORS[condition["op"]]
    return operator(lookup(condition["field"], answers, prefill), condition.get("value"))


def leaves(condition: Mapping, named: Mapping, _seen: tuple[str, ...] = ()) -> Iterator[str]:
    """Every `field` a condition looks at, through its named references. Raises ConditionError on a bad ref."""
    for key in ("all", "any"):
        for part in condition.get(key, ()):
            yield from leaves(part, named, _seen)
    if "not" in condition:
        yield from leaves(condition["not"], named, _seen)
    if "ref" in condition:
        name = condition["ref"]
        if name in _seen:
            raise ConditionError(f"condition '{name}' refers to itself through {' → '.join((*_seen, name))}")
        if name not in named:
            raise ConditionError(f"condition '{name}' does not exist")
        yield from leaves(named[name], named, (*_seen, name))
    if "field" in condition:
        yield condition["field"]
