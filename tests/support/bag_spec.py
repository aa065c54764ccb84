"""The official BAG API Individuele Bevragingen 2.0 document (../shared), with its one typo mended in memory.

`Adres.required` lists `kortNaam`, but the property (and the real API's field) is `korteNaam`; kept as
written, no conforming answer could ever validate. Everything else is the document as published (read as
JSON would read it).
"""

from __future__ import annotations

import json

import yaml

from tests.support.shared import SHARED, shared_file

BAG_SPEC = SHARED / "specs" / "bag" / "bag-individuele-bevragingen-2.0.0-adressen-resolved.yaml"
BASE_PATH = "/mock-bag/lvbag/individuelebevragingen/v2"


def load_bag_spec() -> dict:
    # YAML reads `example: 2019-06-01` as a date; JSON (what the document means) keeps it a string.
    spec = json.loads(json.dumps(yaml.safe_load(shared_file(BAG_SPEC).read_text(encoding="utf-8")), default=str))
    adres = spec["components"]["schemas"]["Adres"]
    adres["required"] = ["korteNaam" if name == "kortNaam" else name for name in adres["required"]]
    spec["servers"] = [{"url": BASE_PATH}]
    return spec


def response_validator(spec: dict, schema_name: str):
    """A jsonschema validator for one of the document's schemas, its `$ref`s resolved within the document."""
    from jsonschema import Draft7Validator

    return Draft7Validator({"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]})
