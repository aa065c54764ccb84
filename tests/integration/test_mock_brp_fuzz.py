"""Fuzz the mock BRP with the official Haal Centraal BRP Personen 2.7.0 OpenAPI document (schemathesis).

Every built-in schemathesis check runs: no 5xx, status codes, content types and response bodies as the spec
defines them, schema-invalid queries rejected, schema-valid queries accepted, undeclared methods answered
with 405 and `Allow`. The run is bounded (MAX_EXAMPLES per generation phase, plus schemathesis' coverage
phase) and prints its figures: cases run, server errors, spec violations.

What the test changes in the document, in memory only, and why:
- The one known exception: the spec's pattern for table texts (`Waardetabel.omschrijving`) forbids the "/"
  (and "+", "°") that RvIG's own tables hold ("geslachtsnaam echtgenoot/geregistreerd partner"). That pattern
  is left out; every other response pattern is checked.
- `InvalidParam.name` allows 30 characters, but the spec's own parameter `adresseerbaarObjectIdentificatie`
  has 32: the limit is raised to 32 so that the mock can name it (a second inconsistency in the spec).
- The discriminators are made explicit: jsonschema ignores `discriminator`, so the 200 response would only be
  checked for a string `type`. It is checked against the response schema its `type` names.
- The request schema says less than the spec's text: `type` is any string (the text: one of the seven search
  types of the discriminator), `fields` any path (the text: an existing field, else 400) and the body optional.
  The test writes that text into the schema (one schema per search type, the fields from the spec's field
  lists in ../shared), so that "valid data must be accepted" means what the spec means.
- Examples point the generated queries at test persons whose data keeps to the spec's patterns (the RvIG
  set also holds deliberately hostile names with "@", ";" and quotes, which break the name patterns; the
  all-persons test in test_mock_brp.py covers their shape).
"""

from __future__ import annotations

import copy
import csv

import yaml
from hypothesis import HealthCheck, settings

from tests.support.fuzz import Fuzz
from tests.support.shared import SHARED, shared_file

SPEC = SHARED / "specs" / "brp" / "brp-personen-openapi-2.7.0-resolved.yaml"
BASE_PATH = "/mock-brp/haalcentraal/api/brp"
MAX_EXAMPLES = 25
EXAMPLE_MUNICIPALITY = "0518"
EXAMPLE_PERSONS = ["999970884", "999970094", "999970008"]  # in 0518; the first has a table text with "/"


def _field_paths(name: str) -> list[str]:
    with (SHARED / "specs" / "brp" / name).open(encoding="utf-8") as handle:
        return sorted(row["pad"] for row in csv.DictReader(handle))


def _query_schemas(schemas: dict) -> list[dict]:
    full, limited = _field_paths("fields-Persoon.csv"), _field_paths("fields-PersoonBeperkt.csv")
    options = []
    for kind, ref in schemas["PersonenQuery"]["discriminator"]["mapping"].items():
        search = schemas[ref.rsplit("/", 1)[1]]
        own = copy.deepcopy(search["allOf"][1]["properties"])
        if "burgerservicenummer" in own:
            own["burgerservicenummer"]["examples"] = [EXAMPLE_PERSONS]
        options.append(
            {
                "type": "object",
                "required": ["type", "fields", *search["required"]],
                "properties": {
                    "gemeenteVanInschrijving": {"$ref": "#/components/schemas/GemeenteVanInschrijving"},
                    **own,
                    "type": {"const": kind},
                    "fields": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 130,
                        "items": {"enum": full if kind == "RaadpleegMetBurgerservicenummer" else limited},
                    },
                },
            }
        )
    return options


def load_spec() -> dict:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    spec["servers"] = [{"url": BASE_PATH}]
    schemas = spec["components"]["schemas"]
    del schemas["Waardetabel"]["properties"]["omschrijving"]["pattern"]
    schemas["InvalidParam"]["properties"]["name"]["pattern"] = r"^[a-zA-Z0-9\._]{1,32}$"
    schemas["GemeenteVanInschrijving"]["examples"] = [EXAMPLE_MUNICIPALITY]
    operation = spec["paths"]["/personen"]["post"]
    answer = operation["responses"]["200"]["content"]["application/json; charset=utf-8"]
    answer["schema"] = {
        "oneOf": [
            {"allOf": [{"$ref": ref}, {"properties": {"type": {"const": kind}}}]}
            for kind, ref in schemas["PersonenQueryResponse"]["discriminator"]["mapping"].items()
        ]
    }
    body = operation["requestBody"]
    body["required"] = True
    body["content"]["application/json; charset=utf-8"]["schema"] = {"oneOf": _query_schemas(schemas)}
    return spec


FUZZ = Fuzz("mock BRP")
report_figures = FUZZ.report_fixture()


def load_schema():
    return FUZZ.schema(
        load_spec(),
        headers={"X-API-KEY": "mock-brp-key"},
        app_overrides={"MOCK_BRP_ENABLED": True},
        max_examples=MAX_EXAMPLES,
    )


if SPEC.exists():
    schema = load_schema()

    @schema.parametrize()
    @settings(deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    def test_mock_brp_keeps_to_the_official_spec(case):
        FUZZ.run(case)

else:

    def test_mock_brp_keeps_to_the_official_spec():
        shared_file(SPEC)  # skips locally, fails in CI
