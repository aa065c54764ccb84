"""Broken and hostile definitions are refused with a message that names the file, the line and the problem."""

from __future__ import annotations

import time

import pytest

from portal.formdefs import validate_text
from portal.formdefs.loader import MAX_BYTES
from tests.support.formdefs import as_yaml, form, is_yes, line, step, text, yes_no


def problems(source: str | bytes | dict) -> list[str]:
    result = validate_text(as_yaml(source) if isinstance(source, dict) else source, "kapot.yaml")
    assert not result.ok
    return [str(problem) for problem in result.problems]


def refused(source, *words: str) -> str:
    found = problems(source)
    matching = [message for message in found if all(word in message for word in words)]
    assert matching, f"no problem mentions {words}: {found}"
    assert all(message.startswith("kapot.yaml") for message in found)
    return matching[0]


def test_the_base_form_of_these_tests_is_valid():
    result = validate_text(as_yaml(form()), "proef.yaml")
    assert result.ok, result.problems


def test_wrong_type_names_the_path_and_line():
    message = refused(as_yaml(form(drafts={"keep_days": "veel"})), "drafts/keep_days", "a whole number")
    assert "line " in message


def test_unknown_key_is_named():
    refused(form(titel=text("Oeps")), "unknown key 'titel'")


def test_unknown_field_type_lists_what_is_allowed():
    refused(form(steps=[step("een", {"id": "x", "type": "slider", "label": text("Hoe?")})]), "'slider' is not allowed")


def test_a_missing_key_is_named():
    definition = form()
    del definition["outcomes"]
    refused(definition, "'outcomes' is missing")


def test_a_file_over_one_megabyte_is_refused_before_it_is_parsed():
    huge = "title: " + "a" * (5 * 1024 * 1024)
    assert len(huge) > MAX_BYTES
    refused(huge, "at most 1024 KB")


def test_an_alias_bomb_is_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
    refused(bomb, "anchors and aliases", "line 1")


def test_a_billion_laughs_is_refused_at_once():
    levels = "".join(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]\n" for n in range(1, 10))
    start = time.perf_counter()
    refused("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + levels, "anchors and aliases")
    assert time.perf_counter() - start < 0.5


def test_a_merge_key_is_refused_too():
    refused("base: &base {nl: a}\ntitle:\n  <<: *base\n", "merge key <<", "line 3")


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("title: !!python/object/apply:os.system ['true']\n", ("python/object",)),
        ("title: !!binary aGFsbG8=\n", ("binary",)),
        ("datum: 2026-03-01\n", ("timestamp",)),
        ("lijst: !!set {a: null}\n", ("set",)),
    ],
)
def test_only_plain_yaml_types(source, words):
    refused(source, "is not allowed", *words)


def test_a_key_given_twice_is_refused():
    refused("slug: een\nslug: twee\n", "'slug' is given twice", "line 2")


def test_deep_nesting_is_refused():
    refused("a: " + "[" * 200 + "]" * 200 + "\n", "nested")


def test_not_utf8_and_not_yaml():
    refused(b"title: \xff\xfe\n", "UTF-8")
    refused("title: [unclosed\n", "not valid YAML")


def test_html_in_a_text_is_accepted_as_text():
    """Texts are data: the runner shows them escaped (Jinja autoescape), so markup is never markup."""
    definition = form(title=text("Proef <script>alert(1)</script>"))
    assert validate_text(as_yaml(definition), "proef.yaml").ok


def test_a_condition_that_looks_at_a_later_step_is_refused():
    definition = form(
        steps=[step("een", yes_no("hond"), show_if=is_yes("kat")), step("twee", yes_no("kat", "Heeft u een kat?"))]
    )
    refused(definition, "steps/0/show_if", "'answers.kat'", "asked later", "earlier answers")


def test_a_field_show_if_may_look_above_it_on_the_same_step_but_not_below():
    above = form(steps=[step("een", yes_no("hond"), {**line("naam"), "show_if": is_yes("hond")})])
    assert validate_text(as_yaml(above), "proef.yaml").ok
    below = form(steps=[step("een", {**line("naam"), "show_if": is_yes("hond")}, yes_no("hond"))])
    refused(below, "asked later")


def test_a_condition_on_a_question_that_does_not_exist():
    refused(form(steps=[step("een", yes_no("hond"), show_if=is_yes("vis"))]), "no question has that id")


def test_a_goto_loop_is_refused():
    definition = form(
        steps=[
            step("een", yes_no("hond")),
            step("twee", line("naam"), next=[{"when": is_yes("hond"), "goto": "een"}, {"goto": "check_answers"}]),
        ]
    )
    refused(definition, "goto loop", "'twee' goes back to 'een'", "never end")


def test_a_goto_to_itself_is_a_loop():
    refused(form(steps=[step("een", yes_no("hond"), next=[{"goto": "een"}])]), "goes to itself")


def test_a_goto_to_a_step_that_does_not_exist():
    refused(form(steps=[step("een", yes_no("hond"), next=[{"goto": "nergens"}])]), "the step 'nergens' does not exist")


def test_a_goto_to_an_exit_that_does_not_exist():
    refused(form(steps=[step("een", yes_no("hond"), next=[{"goto": "exit:weg"}])]), "exit page 'weg' does not exist")


def test_an_unreachable_step():
    definition = form(
        steps=[
            step("een", yes_no("hond"), next=[{"goto": "drie"}]),
            step("twee", line("naam")),
            step("drie", line("adres")),
        ]
    )
    refused(definition, "steps/1", "no route leads to the step 'twee'")


def test_next_rules_need_a_default_at_the_end():
    refused(
        form(
            steps=[
                step("een", yes_no("hond"), next=[{"when": is_yes("hond"), "goto": "twee"}]),
                step("twee", line("naam")),
            ]
        ),
        "needs no 'when'",
        "default",
    )
    refused(
        form(
            steps=[
                step("een", yes_no("hond"), next=[{"goto": "twee"}, {"when": is_yes("hond"), "goto": "twee"}]),
                step("twee", line("naam")),
            ]
        ),
        "never used",
    )


def test_a_text_without_english_is_refused():
    refused(form(title={"nl": "Proef"}), "title", "has no en")


def test_a_text_that_is_not_b1_is_refused():
    refused(
        form(intro=text("Indien u woonachtig bent in de gemeente, dient u het formulier te retourneren.")),
        "intro",
        "not B1",
        "'Indien': write 'als'",
    )


def test_ids_must_be_unique():
    refused(form(steps=[step("een", yes_no("hond")), step("een", yes_no("kat"))]), "step id 'een' is also used")
    refused(form(steps=[step("een", yes_no("hond")), step("twee", yes_no("hond"))]), "field id 'hond' is also used")


def test_an_outcome_needs_a_case_type_that_exists():
    outcome = {**form()["outcomes"][0], "zaaktype": "bestaat-niet"}
    refused(form(outcomes=[outcome]), "case type 'bestaat-niet' does not exist")


def test_a_form_without_login_cannot_use_the_brp():
    fact = {"id": "naam", "type": "display", "label": text("Naam"), "prefill": "brp.naam.volledigeNaam"}
    refused(form(inloggen="geen", prefill_sources=[], steps=[step("een", fact, yes_no("hond"))]), "without login")


def test_a_condition_written_as_a_string_is_refused():
    refused(form(steps=[step("een", yes_no("hond"), show_if="answers.hond == True")]), "steps/0/show_if")


def test_a_condition_reference_loop_is_refused():
    definition = form(
        conditions={"a": {"ref": "b"}, "b": {"ref": "a"}},
        steps=[step("een", yes_no("hond")), step("twee", line("naam"), show_if={"ref": "a"})],
    )
    refused(definition, "refers to itself")


def test_a_key_that_does_nothing_on_this_field_type_is_refused():
    dated = {**line("naam"), "validate": {"after": {"value": "today", "message": text("Te vroeg")}}}
    refused(form(steps=[step("een", dated)]), "steps/0/fields/0/validate/after", "'after' does nothing on a text field")
    refused(
        form(steps=[step("een", {**line("naam"), "options": [{"value": "a", "label": text("A")}]})]),
        "'options' does nothing",
    )
