"""The shipped case type definitions: complete, in B1 Dutch, with English, and loadable."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from portal import b1
from portal.cases.casetypes import CasetypeError, content_hash, read_definitions
from portal.cases.termijnen import Termijn, term_end

DEFINITIONS = read_definitions()
REQUIRED = {
    "uittreksel-brp",
    "verhuizing",
    "melding-openbare-ruimte",
    "wmo-huishouden",
    "omgevingsvergunning-aanbouw",
    "terugbelverzoek",
}


def test_the_demo_case_types_of_the_issue_are_all_there():
    assert {definition.data["identificatie"] for definition in DEFINITIONS} >= REQUIRED


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda definition: definition.source)
def test_every_resident_text_is_b1_and_has_english(definition):
    data = definition.data
    texts = [data["omschrijving"]] + [
        step[key] for step in data["statustypen"] for key in ("omschrijving", "statustekst")
    ]
    for text in texts:
        assert text["en"].strip() and text["nl"].strip()
        report = b1.check(text["nl"])
        assert report.passed, f"{definition.source}: {text['nl']!r}: {report.problems}"


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda definition: definition.source)
def test_the_promise_is_never_later_than_the_law(definition):
    start = date(2026, 3, 2)
    promise = term_end(start, Termijn(**definition.data["servicenorm"]))
    if definition.data["doorlooptijd"] is not None:
        assert promise <= term_end(start, Termijn(**definition.data["doorlooptijd"]))


def test_the_callback_is_promised_within_two_working_days():
    callback = next(item for item in DEFINITIONS if item.data["identificatie"] == "terugbelverzoek")
    assert callback.data["servicenorm"] == {"aantal": 2, "eenheid": "werkdagen"}


def test_an_incomplete_definition_names_the_file_and_the_field(tmp_path):
    (tmp_path / "kapot.yaml").write_text("identificatie: kapot\nomschrijving: {nl: Kapot}\n", encoding="utf-8")
    with pytest.raises(CasetypeError) as refused:
        read_definitions(tmp_path)
    assert "kapot.yaml: (top): 'servicenorm' is a required property" in str(refused.value)
    assert "kapot.yaml: omschrijving: 'en' is a required property" in str(refused.value)


def test_a_step_without_english_is_refused_naming_the_path(tmp_path):
    source = DEFINITIONS[0].data
    broken = dict(
        source,
        statustypen=[
            source["statustypen"][0],
            dict(source["statustypen"][1], statustekst={"nl": "Alleen Nederlands."}),
        ],
    )
    (tmp_path / "half.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    with pytest.raises(CasetypeError, match="half.yaml: statustypen/1/statustekst: 'en' is a required property"):
        read_definitions(tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"servicenorm": {"aantal": 2, "eenheid": "maanden"}}, "servicenorm/eenheid: 'maanden' is not one of"),
        ({"servicenorm": {"aantal": "twee", "eenheid": "werkdagen"}}, "servicenorm/aantal: 'twee' is not of type"),
        ({"statustypen": []}, "statustypen: [] should be non-empty"),
        ({"extra": 1}, "(top): Additional properties are not allowed ('extra' was unexpected)"),
    ],
)
def test_schema_violations_name_the_file_and_the_path(tmp_path, change, message):
    (tmp_path / "fout.yaml").write_text(yaml.safe_dump(dict(DEFINITIONS[0].data, **change)), encoding="utf-8")
    with pytest.raises(CasetypeError) as refused:
        read_definitions(tmp_path)
    assert str(refused.value).startswith("fout.yaml: ")
    assert message in str(refused.value)


def test_a_file_that_is_not_yaml_is_refused_by_name(tmp_path):
    (tmp_path / "stuk.yaml").write_text("identificatie: [unclosed\n", encoding="utf-8")
    with pytest.raises(CasetypeError, match="stuk.yaml: not valid YAML"):
        read_definitions(tmp_path)


def test_the_content_hash_ignores_key_order_but_not_content():
    data = DEFINITIONS[0].data
    reordered = dict(reversed(list(data.items())))
    assert content_hash(reordered) == content_hash(data)
    assert content_hash(dict(data, verlenging_mogelijk=not data["verlenging_mogelijk"])) != content_hash(data)
