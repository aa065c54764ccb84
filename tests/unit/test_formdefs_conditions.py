"""The condition evaluator: structured data, never an evaluated string; missing answers are empty."""

from __future__ import annotations

import pytest

from portal.formdefs.conditions import ConditionError, evaluate, leaves


def holds(condition, answers, named=None, prefill=None):
    return evaluate(condition, named or {}, answers, prefill)


@pytest.mark.parametrize(
    ("op", "value", "answer", "expected"),
    [
        ("equals", "ja", "ja", True),
        ("equals", True, True, True),
        ("equals", 1, True, False),  # a boolean is not the number 1
        ("not_equals", "a", "b", True),
        ("in", ["a", "b"], "b", True),
        ("not_in", ["a", "b"], "c", True),
        ("greater_than", 3, 4, True),
        ("greater_than", 3, "4", False),  # a text is not compared with a number
        ("less_than", "2026-03-01", "2026-02-28", True),  # ISO dates compare in order
        ("at_least", 3, 3, True),
        ("at_most", 3, 4, False),
        ("is_empty", None, "", True),
        ("is_empty", None, [], True),
        ("is_not_empty", None, "x", True),
        ("contains", "koken", ["koken", "wassen"], True),
        ("contains", "koken", [], False),
    ],
)
def test_each_operator(op, value, answer, expected):
    assert holds({"field": "answers.x", "op": op, "value": value}, {"x": answer}) is expected


@pytest.mark.parametrize("op", ["equals", "in", "greater_than", "less_than", "contains", "is_not_empty"])
def test_an_unanswered_question_never_matches_a_value(op):
    assert holds({"field": "answers.x", "op": op, "value": ["a"] if op == "in" else "a"}, {}) is False


def test_an_unanswered_question_is_empty():
    assert holds({"field": "answers.x", "op": "is_empty"}, {}) is True


def test_all_any_not_and_named_references():
    named = {
        "hond": {"field": "answers.hond", "op": "equals", "value": True},
        "kat": {"field": "answers.kat", "op": "equals", "value": True},
    }
    answers = {"hond": True, "kat": False}
    assert holds({"all": [{"ref": "hond"}, {"not": {"ref": "kat"}}]}, answers, named)
    assert holds({"any": [{"ref": "kat"}, {"ref": "hond"}]}, answers, named)
    assert not holds({"all": [{"ref": "hond"}, {"ref": "kat"}]}, answers, named)


def test_prefilled_facts_are_looked_up_by_path():
    prefill = {"brp": {"verblijfplaats": {"gemeente": "0999"}}}
    condition = {"field": "prefill.brp.verblijfplaats.gemeente", "op": "equals", "value": "0999"}
    assert holds(condition, {}, prefill=prefill)
    assert not holds(condition, {}, prefill={"brp": {}})
    assert not holds(condition, {}, prefill=None)


def test_a_text_that_looks_like_code_is_only_a_value():
    condition = {"field": "answers.x", "op": "equals", "value": "__import__('os').system('true')"}
    assert holds(condition, {"x": "__import__('os').system('true')"})
    assert not holds(condition, {"x": "iets anders"})


def test_a_reference_to_itself_is_an_error_not_a_hang():
    named = {"a": {"ref": "b"}, "b": {"ref": "a"}}
    with pytest.raises(ConditionError, match="refers to itself"):
        holds({"ref": "a"}, {}, named)
    with pytest.raises(ConditionError, match="a → b → a"):
        list(leaves({"ref": "a"}, named))


def test_leaves_lists_every_field_through_references():
    named = {"hond": {"field": "answers.hond", "op": "equals", "value": True}}
    condition = {"all": [{"ref": "hond"}, {"not": {"field": "prefill.brp.x", "op": "is_empty"}}]}
    assert sorted(leaves(condition, named)) == ["answers.hond", "prefill.brp.x"]
