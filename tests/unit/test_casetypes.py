"""The shipped case type definitions: complete, in B1 Dutch, with English, and loadable."""

from __future__ import annotations

import pytest
import yaml

from portal import b1
from portal.cases.casetypes import CasetypeError, read_definitions

DEFINITIONS = read_definitions()
REQUIRED = {"uittreksel-brp", "verhuizing", "melding-openbare-ruimte", "wmo-huishouden",
            "omgevingsvergunning-aanbouw", "terugbelverzoek"}


def test_the_demo_case_types_of_the_issue_are_all_there():
    assert {definition.data["identificatie"] for definition in DEFINITIONS} >= REQUIRED


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda definition: definition.source)
def test_every_resident_text_is_b1_and_has_english(definition):
    data = definition.data
    texts = [data["omschrijving"]] + [step[key] for step in data["statustypen"]
                                      for key in ("omschrijving", "statustekst")]
    for text in texts:
        assert text["en"].strip() and text["nl"].strip()
        report = b1.check(text["nl"])
        assert report.passed, f"{definition.source}: {text['nl']!r}: {report.problems}"


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda definition: definition.source)
def test_the_promise_is_never_later_than_the_law(definition):
    data = definition.data
    assert data["servicenorm_dagen"] > 0
    if data["doorlooptijd_dagen"] is not None:
        assert data["servicenorm_dagen"] <= data["doorlooptijd_dagen"]


def test_an_incomplete_definition_names_the_file_and_the_field(tmp_path):
    (tmp_path / "kapot.yaml").write_text("identificatie: kapot\nomschrijving: {nl: Kapot}\n", encoding="utf-8")
    with pytest.raises(CasetypeError, match="kapot.yaml"):
        read_definitions(tmp_path)


def test_a_step_without_english_is_refused(tmp_path):
    source = DEFINITIONS[0].data
    broken = dict(source, statustypen=[dict(source["statustypen"][0], statustekst={"nl": "Alleen Nederlands."})])
    (tmp_path / "half.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    with pytest.raises(CasetypeError, match="statustekst"):
        read_definitions(tmp_path)
