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
from collections import Counter

import pytest
import yaml
from hypothesis import HealthCheck, settings

from portal import create_app
from tests.support.shared import SHARED, shared_file

SPEC = SHARED / "specs" / "brp" / "brp-personen-openapi-2.7.0-resolved.yaml"
BASE_PATH = "/mock-brp/haalcentraal/api/brp"
MAX_EXAMPLES = 25
EXAMPLE_MUNICIPALITY = "0518"
EXAMPLE_PERSONS = ["999970884", "999970094", "999970008"]  # in 0518; the first has a table text with "/"
FIGURES: Counter = Counter()


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


def load_schema():
    import schemathesis
    from schemathesis.config import SchemathesisConfig

    config = SchemathesisConfig.from_dict(
        {
            "headers": {"X-API-KEY": "mock-brp-key"},
            "continue-on-failure": True,  # report every distinct failure, not only the first
            "generation": {"max-examples": MAX_EXAMPLES},
        }
    )
    schema = schemathesis.openapi.from_dict(load_spec(), config=config)
    schema.app = create_app("test", {"MOCK_BRP_ENABLED": True})
    return schema


class _FiguresReport:
    """Prints the fuzz figures in pytest's summary (output during a passing test is captured)."""

    @staticmethod
    def pytest_terminal_summary(terminalreporter):
        terminalreporter.write_line(
            f"mock BRP fuzz: {FIGURES['cases']} cases, {FIGURES['server errors']} server errors, "
            f"{FIGURES['spec violations']} spec violations"
        )


@pytest.fixture(scope="module", autouse=True)
def report_figures(request):
    if not request.config.pluginmanager.is_registered(_FiguresReport):
        request.config.pluginmanager.register(_FiguresReport, "mock-brp-fuzz-figures")
    return FIGURES


def _run(case) -> None:
    from schemathesis.core.failures import FailureGroup

    response = case.call()
    FIGURES["cases"] += 1
    FIGURES["server errors"] += response.status_code >= 500
    try:
        case.validate_response(response)
    except FailureGroup as failures:
        FIGURES["spec violations"] += len(failures.exceptions)
        raise


if SPEC.exists():
    schema = load_schema()

    @schema.parametrize()
    @settings(deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    def test_mock_brp_keeps_to_the_official_spec(case):
        _run(case)

else:

    def test_mock_brp_keeps_to_the_official_spec():
        shared_file(SPEC)  # skips locally, fails in CI
