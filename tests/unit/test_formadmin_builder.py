"""The form builder's operations: each returns a new definition that still validates, or refuses with a B1
reason that names what stands in the way."""

from __future__ import annotations

import copy

import pytest
import yaml

from portal.formadmin import builder
from portal.formadmin.builder import BuilderRefused, Exit, Outcome, Question
from portal.formdefs import validate_text
from portal.formdefs.loader import FORMS_DIR, shipped_paths

WMO = FORMS_DIR / "wmo-hulp-bij-het-huishouden.yaml"


@pytest.fixture
def wmo() -> dict:
    return yaml.safe_load(WMO.read_text(encoding="utf-8"))


def assert_valid(definition: dict) -> None:
    result = validate_text(builder.to_yaml(definition), "wmo-hulp-bij-het-huishouden.yaml")
    assert result.ok, [str(problem) for problem in result.problems]


def step_ids(definition: dict) -> list[str]:
    return [step["id"] for step in definition["steps"]]


YES_NO = Question(kind="yes_no", label={"nl": "Woont u alleen?", "en": "Do you live alone?"}, required=True)


def test_a_question_is_added_as_a_new_page_after_the_chosen_one_with_ids_from_its_text(wmo):
    before = copy.deepcopy(wmo)
    new = builder.add_question(wmo, YES_NO, after="al-hulp")
    assert wmo == before  # a new dict; the old one is untouched
    assert step_ids(new)[3:6] == ["al-hulp", "woont-u-alleen", "welke-hulp"]
    step = new["steps"][4]
    assert step["fields"] == [
        {
            "id": "woont_u_alleen",
            "type": "yes_no",
            "label": {"nl": "Woont u alleen?", "en": "Do you live alone?"},
            "validate": {"required": {"nl": "Kies ja of nee", "en": "Select yes or no"}},
        }
    ]
    assert_valid(new)


def test_ids_stay_unique_and_start_with_a_letter(wmo):
    twice = builder.add_question(builder.add_question(wmo, YES_NO, after=None), YES_NO, after=None)
    assert step_ids(twice)[:2] == ["woont-u-alleen-2", "woont-u-alleen"]
    numbers = builder.add_question(wmo, Question(kind="number", label={"nl": "12 maanden of meer?"}), after=None)
    assert numbers["steps"][0]["id"] == "vraag-12-maanden-of-meer"
    assert numbers["steps"][0]["fields"][0]["id"] == "vraag_12_maanden_of_meer"
    accents = builder.add_question(wmo, Question(kind="text", label={"nl": "Één café?"}), after=None)
    assert accents["steps"][0]["id"] == "een-cafe"


def test_a_default_route_to_the_next_page_follows_a_page_added_after_it(wmo):
    new = builder.add_question(wmo, YES_NO, after="voor-wie")
    assert new["steps"][0]["next"][-1] == {"goto": "woont-u-alleen"}
    assert_valid(new)


def test_a_choice_question_needs_two_answers_and_gets_values_from_them(wmo):
    with pytest.raises(BuilderRefused) as refused:
        builder.add_question(
            wmo, Question(kind="radios", label={"nl": "Welke dag?"}, options=({"nl": "Maandag"},)), after=None
        )
    assert refused.value.reason == "Schrijf minstens twee antwoorden, één per regel."
    options = ({"nl": "Maandag", "en": "Monday"}, {"nl": "Dinsdag", "en": "Tuesday"})
    new = builder.add_question(
        wmo, Question(kind="radios", label={"nl": "Welke dag?", "en": "Which day?"}, options=options), after=None
    )
    assert [option["value"] for option in new["steps"][0]["fields"][0]["options"]] == ["maandag", "dinsdag"]
    assert_valid(new)


def test_a_question_without_dutch_text_or_with_an_unknown_type_is_refused(wmo):
    with pytest.raises(BuilderRefused, match="Schrijf de vraag in het Nederlands"):
        builder.add_question(wmo, Question(kind="text", label={"nl": "  ", "en": "Name"}), after=None)
    with pytest.raises(BuilderRefused, match="Kies een soort vraag uit de lijst"):
        builder.add_question(wmo, Question(kind="repeat", label={"nl": "Wie?"}), after=None)


def test_moving_a_page_down_swaps_it_and_its_default_route_keeps_meaning_next_page(wmo):
    new = builder.move_step(wmo, "situatie", "down")
    assert step_ids(new)[:3] == ["voor-wie", "toelichting", "situatie"]
    assert new["steps"][0]["next"][-1] == {"goto": "toelichting"}
    assert_valid(new)
    assert step_ids(builder.move_step(new, "situatie", "up"))[:3] == step_ids(wmo)[:3]


def test_moving_past_the_edge_is_refused_in_plain_words(wmo):
    with pytest.raises(BuilderRefused) as top:
        builder.move_step(wmo, "voor-wie", "up")
    assert top.value.reason == "Deze vraag staat al bovenaan."
    with pytest.raises(BuilderRefused) as bottom:
        builder.move_step(wmo, "telefoon", "down")
    assert bottom.value.reason == "Deze vraag staat al onderaan."


def test_moving_a_page_above_the_answer_its_condition_looks_at_is_refused(wmo):
    with pytest.raises(BuilderRefused) as refused:
        builder.move_step(wmo, "welke-hulp", "up")  # shown only when al_hulp (now page 4) is yes
    assert refused.value.reason == (
        "U kunt deze vraag niet verplaatsen. Vraag 4 kijkt dan naar het antwoord op vraag 5. Die vraag komt pas later."
    )


def test_removing_a_page_that_a_route_or_condition_looks_at_is_refused_naming_them(wmo):
    with pytest.raises(BuilderRefused) as refused:
        builder.remove_step(wmo, "al-hulp")
    assert "U kunt deze vraag nog niet verwijderen." in refused.value.reason
    assert "Het antwoord op deze vraag wordt gebruikt door vraag 5 (wanneer die getoond wordt)." in refused.value.reason
    assert builder.references_to_step(wmo, "gesprek") == ["Het antwoord op deze vraag wordt gebruikt door uitkomst 1."]
    routed = builder.add_route(wmo, "voor-wie", field_id="voor_wie", answer="mijzelf", goto="toelichting")
    assert builder.references_to_step(routed, "toelichting") == ["De route van vraag 1 gaat naar deze vraag."]


def test_removing_a_page_nothing_points_at_keeps_the_form_valid(wmo):
    assert builder.references_to_step(wmo, "toelichting") == []
    new = builder.remove_step(wmo, "toelichting")
    assert "toelichting" not in step_ids(new)
    assert_valid(new)


def test_removing_the_page_with_the_only_route_to_an_exit_removes_that_exit_and_its_condition(wmo):
    new = builder.remove_step(wmo, "voor-wie")
    assert "exits" not in new and "voor_iemand_anders" not in new["conditions"]
    assert_valid(new)


def test_changing_a_question_text_type_and_prefill(wmo):
    question = Question(
        kind="email",
        label={"nl": "Wat is uw e-mailadres?", "en": "What is your email address?"},
        hint={"nl": "Wij sturen u een bevestiging.", "en": "We send you a confirmation."},
        required=False,
        prefill="contact.email",
    )
    new = builder.update_question(wmo, "telefoon", "telefoonnummer", question)
    item = new["steps"][-1]["fields"][0]
    assert item["type"] == "email" and item["prefill"] == "contact.email" and "required" not in item.get("validate", {})
    assert item["id"] == "telefoonnummer"  # ids never change: answers are keyed by them
    assert_valid(new)


def test_a_prefill_the_form_does_not_allow_is_refused(wmo):
    wmo["prefill_sources"] = ["contact"]
    question = Question(kind="text", label={"nl": "Uw naam"}, prefill="brp.naam.volledigeNaam")
    with pytest.raises(BuilderRefused, match="Kies een gegeven uit de lijst"):
        builder.update_question(wmo, "toelichting", "toelichting", question)


def test_changing_the_type_of_a_question_a_route_looks_at_is_refused(wmo):
    with pytest.raises(BuilderRefused) as refused:
        builder.update_question(wmo, "al-hulp", "al_hulp", Question(kind="text", label={"nl": "Hulp?"}))
    assert refused.value.reason == (
        "U kunt het soort vraag niet veranderen. Het antwoord wordt gebruikt door vraag 5 (wanneer die getoond wordt). "
        "Haal eerst die route weg."
    )


def test_removing_an_answer_a_route_uses_is_refused_but_renaming_another_keeps_values(wmo):
    with pytest.raises(BuilderRefused) as refused:
        builder.update_question(
            wmo,
            "voor-wie",
            "voor_wie",
            Question(
                kind="radios", label={"nl": "Voor wie?"}, options=({"nl": "Voor mijzelf"}, {"nl": "Voor mijn kind"})
            ),
        )
    assert "Het antwoord 'Voor iemand anders' wordt gebruikt door de route van vraag 1." in refused.value.reason
    options = (
        {"nl": "Voor mijzelf", "en": "For myself"},
        {"nl": "Voor iemand anders", "en": "For someone else"},
        {"nl": "Voor ons allebei", "en": "For both of us"},
    )
    new = builder.update_question(
        wmo,
        "voor-wie",
        "voor_wie",
        Question(
            kind="radios", label={"nl": "Voor wie vraagt u hulp?", "en": "Who for?"}, options=options, required=True
        ),
    )
    assert [option["value"] for option in new["steps"][0]["fields"][0]["options"]] == [
        "mijzelf",
        "iemand-anders",
        "voor-ons-allebei",
    ]
    assert_valid(new)


def test_a_route_on_a_yes_no_question_to_a_new_exit_is_a_named_condition_and_a_next_rule(wmo):
    with_question = builder.add_question(wmo, YES_NO, after="al-hulp")
    page = Exit(
        title={"nl": "U woont niet alleen", "en": "You do not live alone"},
        body={"nl": "Dit formulier is voor mensen die alleen wonen.", "en": "This form is for people who live alone."},
        instead={"nl": "Bel ons op 14 020.", "en": "Call us on 14 020."},
    )
    new = builder.add_route(with_question, "woont-u-alleen", field_id="woont_u_alleen", answer="nee", new_exit=page)
    assert new["conditions"]["woont_u_alleen_nee"] == {
        "field": "answers.woont_u_alleen",
        "op": "equals",
        "value": False,
    }
    assert new["steps"][4]["next"] == [
        {"when": {"ref": "woont_u_alleen_nee"}, "goto": "exit:u-woont-niet-alleen"},
        {"goto": "welke-hulp"},
    ]
    assert new["exits"]["u-woont-niet-alleen"]["title"]["nl"] == "U woont niet alleen"
    assert_valid(new)


def test_a_route_goes_only_forward_and_looks_only_at_this_or_earlier_questions(wmo):
    with pytest.raises(BuilderRefused, match="Kies waar de route heen gaat"):
        builder.add_route(wmo, "al-hulp", field_id="al_hulp", answer="ja", goto="voor-wie")
    with pytest.raises(BuilderRefused, match="Kies een vraag op deze pagina of een pagina ervoor"):
        builder.add_route(wmo, "voor-wie", field_id="al_hulp", answer="ja", goto="situatie")
    with pytest.raises(BuilderRefused, match="Kies een antwoord uit de lijst"):
        builder.add_route(wmo, "al-hulp", field_id="al_hulp", answer="misschien", goto="gesprek")


def test_the_same_route_twice_is_refused_and_an_existing_condition_is_reused(wmo):
    new = builder.add_route(wmo, "situatie", field_id="voor_wie", answer="iemand-anders", goto="gesprek")
    assert new["steps"][1]["next"][0] == {"when": {"ref": "voor_iemand_anders"}, "goto": "gesprek"}
    with pytest.raises(BuilderRefused, match="Er is al een route voor dit antwoord"):
        builder.add_route(new, "situatie", field_id="voor_wie", answer="iemand-anders", goto="check_answers")
    assert_valid(new)


def test_a_route_on_a_checkbox_question_uses_contains(wmo):
    new = builder.add_route(wmo, "situatie", field_id="wat_lukt_niet", answer="koken", goto="gesprek")
    assert new["conditions"]["wat_lukt_niet_koken"] == {
        "field": "answers.wat_lukt_niet",
        "op": "contains",
        "value": "koken",
    }
    assert_valid(new)


def test_removing_a_route_removes_its_condition_and_exit_when_nothing_else_uses_them(wmo):
    new = builder.remove_route(wmo, "voor-wie", 0)
    assert "next" not in new["steps"][0]
    assert "exits" not in new and "voor_iemand_anders" not in new["conditions"]
    assert_valid(new)
    with pytest.raises(BuilderRefused, match="Deze route bestaat niet meer"):
        builder.remove_route(wmo, "voor-wie", 3)


def test_the_outcome_can_become_an_order_without_a_hand_off(wmo):
    outcome = Outcome(
        type="order",
        zaaktype="wmo-huishouden",
        title={"nl": "We hebben uw vraag", "en": "We have your request"},
        next_steps={"nl": "We bellen u binnen een week.", "en": "We call you within a week."},
    )
    new = builder.set_outcome(wmo, 1, outcome)
    assert new["outcomes"][1] == {
        "type": "order",
        "zaaktype": "wmo-huishouden",
        "confirmation": {"title": outcome.title, "next_steps": outcome.next_steps},
    }
    assert new["outcomes"][0]["when"] == {"ref": "wil_gebeld_worden"}
    assert_valid(new)


def test_outcome_refusals_name_what_to_choose(wmo):
    base = {"title": {"nl": "Klaar"}, "next_steps": {"nl": "We bellen u."}}
    with pytest.raises(BuilderRefused, match="Kies een zaaktype uit de lijst"):
        builder.set_outcome(wmo, 0, Outcome(type="case", zaaktype="bestaat-niet", **base))
    with pytest.raises(BuilderRefused, match="Bij een bestelling is er geen gesprek"):
        builder.set_outcome(wmo, 0, Outcome(type="order", zaaktype="wmo-huishouden", hand_off=("callback",), **base))
    with pytest.raises(BuilderRefused, match="Kies voor de afspraak welk soort afspraak het is"):
        builder.set_outcome(wmo, 0, Outcome(type="case", zaaktype="wmo-huishouden", hand_off=("appointment",), **base))
    kept = builder.set_outcome(
        wmo,
        1,
        Outcome(
            type="case", zaaktype="wmo-huishouden", hand_off=("appointment",), appointment_product="wmo-gesprek", **base
        ),
    )
    assert kept["outcomes"][1]["hand_off"]["appointment_locations"] == ["thuis", "gemeentehuis"]


def test_the_canonical_yaml_round_trips_and_keeps_unicode():
    for path in shipped_paths():
        definition = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = builder.to_yaml(definition)
        assert yaml.safe_load(text) == definition
        assert "\\u" not in text
        assert validate_text(text, path.name).ok, path.name


def test_a_page_that_is_gone_is_refused_plainly(wmo):
    with pytest.raises(BuilderRefused, match="Deze vraag bestaat niet meer"):
        builder.move_step(wmo, "bestaat-niet", "up")
