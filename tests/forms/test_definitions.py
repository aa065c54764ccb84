"""Every form in forms/: the schema, the semantic checks, B1 Dutch, every language, and a case type."""

from __future__ import annotations

import pytest

from portal.formdefs import validate_file
from portal.formdefs.loader import shipped_paths
from portal.formdefs.routing import walk
from portal.formdefs.semantics import known_casetypes, texts

PATHS = shipped_paths()
SHIPPED = {
    "verhuizing-doorgeven",
    "melding-openbare-ruimte",
    "wmo-hulp-bij-het-huishouden",
    "terugbelverzoek",
    "vooroverleg-aanbouw",
}


def test_the_forms_of_the_issue_are_all_there():
    assert {path.stem for path in PATHS} >= SHIPPED


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_the_definition_has_no_problems(path):
    result = validate_file(path)
    assert result.ok, "\n".join(map(str, result.problems))


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_every_text_has_dutch_and_english(path):
    definition = validate_file(path).definition
    assert definition["languages"] == ["nl", "en"]
    for where, text in texts(definition):
        assert text["nl"].strip() and text["en"].strip(), where
        assert text["nl"] != text["en"] or len(text["nl"]) < 25, f"{where}: not translated"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_every_outcome_names_a_case_type_that_exists(path):
    for rule in validate_file(path).definition["outcomes"]:
        assert rule["zaaktype"] in known_casetypes()


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_a_new_draft_starts_at_the_first_step(path):
    definition = validate_file(path).definition
    assert walk(definition, {}).steps == [definition["steps"][0]["id"]]


def test_the_report_about_the_street_needs_no_login_and_asks_email_only_for_updates():
    definition = validate_file(next(path for path in PATHS if path.stem == "melding-openbare-ruimte")).definition
    assert definition["inloggen"] == "geen" and definition["prefill_sources"] == []
    answers = {
        "soort": "straatverlichting",
        "omschrijving": "Lamp kapot",
        "locatie": "Marktplein 1",
        "foto": None,
        "wil_updates": False,
    }
    route = walk(definition, answers)
    assert "email" not in route.steps and route.complete
    assert "email" in walk(definition, {**answers, "wil_updates": True}).steps


def test_the_move_shows_what_the_brp_knows_as_facts():
    definition = validate_file(next(path for path in PATHS if path.stem == "verhuizing-doorgeven")).definition
    facts = [item for step in definition["steps"] for item in step["fields"] if item["type"] == "display"]
    assert {item["prefill"] for item in facts} == {"brp.naam.volledigeNaam", "brp.adressering.adresregel1"}
