"""The router: the route is recomputed from the answers; answers left on steps off the route are dropped;
the first outcome rule that holds wins."""

from __future__ import annotations

from portal.formdefs.routing import next_step, outcome, reachable_answers, route, seen_key, walk
from tests.support.formdefs import form, is_yes, line, step, text, yes_no

DOG = form(
    conditions={"heeft_hond": is_yes("hond")},
    steps=[
        step("een", yes_no("hond"), next=[{"when": {"not": {"ref": "heeft_hond"}}, "goto": "drie"}, {"goto": "twee"}]),
        step("twee", line("hondnaam", "Hoe heet uw hond?")),
        step("drie", yes_no("kat", "Heeft u een kat?")),
        step("vier", line("katnaam", "Hoe heet uw kat?"), show_if=is_yes("kat")),
        step("vijf", line("opmerking", required=False)),
    ],
    exits={
        "geen-huisdier": {
            "title": text("Geen huisdier"),
            "body": text("Dit is voor huisdieren."),
            "instead": text("Bel ons."),
        }
    },
    outcomes=[
        {
            "when": {"ref": "heeft_hond"},
            "type": "order",
            "zaaktype": "verhuizing",
            "confirmation": {"title": text("Hond"), "next_steps": text("Hond.")},
        },
        {
            "type": "case",
            "zaaktype": "terugbelverzoek",
            "confirmation": {"title": text("Anders"), "next_steps": text("Anders.")},
        },
    ],
)


def test_a_new_draft_is_on_the_first_step():
    assert route(DOG, {}) == ["een"]
    assert walk(DOG, {}).end is None


def test_the_next_rules_pick_the_first_that_holds():
    assert route(DOG, {"hond": True}) == ["een", "twee"]
    assert route(DOG, {"hond": False}) == ["een", "drie"]


def test_a_step_whose_show_if_is_false_is_skipped():
    answers = {"hond": False, "kat": False}
    assert route(DOG, answers) == ["een", "drie", "vijf"]
    assert route(DOG, {**answers, "kat": True}) == ["een", "drie", "vier"]


def test_a_complete_route_ends_at_check_answers():
    answers = {"hond": False, "kat": False, "opmerking": ""}
    walked = walk(DOG, answers)
    assert walked.steps == ["een", "drie", "vijf"] and walked.end == "check_answers" and walked.complete


def test_an_optional_question_left_empty_still_counts_as_answered():
    assert walk(DOG, {"hond": False, "kat": False, "opmerking": None}).complete


def test_next_step_follows_the_route_and_refuses_a_step_off_it():
    answers = {"hond": True, "hondnaam": "Bello"}
    assert next_step(DOG, answers, "een") == "twee"
    assert next_step(DOG, answers, "twee") == "drie"
    assert next_step(DOG, answers, "vier") is None  # not on the route: nobody jumps ahead by URL
    assert next_step(DOG, {}, "een") is None  # not done yet
    assert next_step(DOG, {"hond": False, "kat": False, "opmerking": "x"}, "vijf") == "check_answers"


def test_changing_an_answer_changes_the_route_and_drops_the_answers_left_behind():
    answers = {"hond": True, "hondnaam": "Bello", "kat": True, "katnaam": "Minoes", "opmerking": ""}
    assert route(DOG, answers) == ["een", "twee", "drie", "vier", "vijf"]
    changed = {**answers, "hond": False}
    assert route(DOG, changed) == ["een", "drie", "vier", "vijf"]
    assert reachable_answers(DOG, changed) == {"hond": False, "kat": True, "katnaam": "Minoes", "opmerking": ""}
    changed["kat"] = False
    assert "katnaam" not in reachable_answers(DOG, changed)


def test_an_answer_left_behind_does_not_steer_the_route():
    definition = form(
        steps=[
            step("een", yes_no("a"), next=[{"when": is_yes("a"), "goto": "twee"}, {"goto": "drie"}]),
            step("twee", yes_no("b")),
            step("drie", line("c"), show_if=is_yes("b")),
            step("vier", line("d")),
        ]
    )
    # "b" was answered yes while "twee" was on the route; after a = no it is left behind and must not show "drie".
    assert route(definition, {"a": False, "b": True, "c": "x"}) == ["een", "vier"]


def test_a_field_hidden_by_its_show_if_is_not_asked_and_not_kept():
    definition = form(steps=[step("een", yes_no("hond"), {**line("naam", "Hoe heet hij?"), "show_if": is_yes("hond")})])
    assert walk(definition, {"hond": False}).complete
    assert not walk(definition, {"hond": True}).complete
    assert reachable_answers(definition, {"hond": False, "naam": "Bello"}) == {"hond": False}


def test_a_step_without_questions_is_done_once_seen():
    fact = {"id": "naam", "type": "display", "label": text("Naam"), "prefill": "brp.naam.volledigeNaam"}
    definition = form(steps=[step("feiten", fact), step("twee", line("x"))])
    assert route(definition, {}) == ["feiten"]
    assert route(definition, {seen_key("feiten"): True}) == ["feiten", "twee"]


def test_a_goto_to_an_exit_ends_the_route_there_and_has_no_outcome():
    definition = form(
        exits=DOG["exits"],
        steps=[
            step(
                "een",
                yes_no("hond"),
                next=[{"when": {"not": is_yes("hond")}, "goto": "exit:geen-huisdier"}, {"goto": "twee"}],
            ),
            step("twee", line("naam")),
        ],
    )
    walked = walk(definition, {"hond": False})
    assert walked.steps == ["een"] and walked.end == "exit:geen-huisdier"
    assert outcome(definition, {"hond": False}) is None


def test_the_first_outcome_rule_that_holds_wins():
    with_dog = {"hond": True, "hondnaam": "Bello", "kat": False, "opmerking": ""}
    assert outcome(DOG, with_dog)["zaaktype"] == "verhuizing"
    assert outcome(DOG, {**with_dog, "hond": False})["zaaktype"] == "terugbelverzoek"


def test_an_incomplete_route_has_no_outcome():
    assert outcome(DOG, {"hond": True}) is None


def test_outcomes_see_only_the_answers_on_the_route():
    definition = form(
        steps=[
            step("een", yes_no("a"), next=[{"when": is_yes("a"), "goto": "twee"}, {"goto": "drie"}]),
            step("twee", yes_no("hond")),
            step("drie", line("naam")),
        ],
        outcomes=DOG["outcomes"],
        conditions={"heeft_hond": is_yes("hond")},
    )
    left_behind = {"a": False, "hond": True, "naam": "x"}
    assert outcome(definition, left_behind)["zaaktype"] == "terugbelverzoek"
