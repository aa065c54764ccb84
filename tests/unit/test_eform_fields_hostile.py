"""Any post to any field type is answered with values or field errors, never an exception (Hypothesis).

The shipped forms do not use every type (money, select, IBAN, postcode): this covers all of them, with
random keys near the field's own input names and random text, lists and files as values.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage, MultiDict

from portal.eforms.fields import display, input_names, parse_step, unexpected_keys
from tests.support.eform_fields import babel_app, context, field  # noqa: F401  (babel_app: autouse)

OPTIONS = [{"value": "a", "label": {"nl": "A"}}, {"value": "b", "label": {"nl": "B"}}]
TYPES = {
    "text": {},
    "textarea": {},
    "email": {},
    "phone": {},
    "postcode": {},
    "iban": {},
    "number": {},
    "money": {},
    "date": {"validate": {"after": {"value": "today"}, "before": {"value": "2030-01-01"}}},
    "yes_no": {},
    "radios": {"options": OPTIONS},
    "select": {"options": {"list": "lijst"}},
    "checkboxes": {"options": OPTIONS},
    "family_member": {"family": ["partner", "kinderen", "ouders"]},
    "file": {},
    "address_nl": {},
    "repeat": {
        "max": 2,
        "fields": [
            {"id": "naam", "type": "text", "label": {"nl": "Naam"}},
            {"id": "datum", "type": "date", "label": {"nl": "Datum"}},
        ],
    },
}
pytestmark = pytest.mark.fuzz
TEXT = st.text(max_size=30) | st.sampled_from(["\x00", "\u202e", "x" * 100_000, "", " ", "1234AB", "31", "ja"])


def hostile_posts(item: dict):
    names = input_names(item) + [
        item["id"],
        f"{item['id']}-0-naam",
        f"{item['id']}-1-datum-dag",
        f"{item['id']}-9-naam",
    ]
    pairs = st.lists(st.tuples(st.sampled_from(names) | st.text(max_size=8), TEXT), max_size=8)
    upload = st.builds(lambda data, name: FileStorage(io.BytesIO(data), filename=name), st.binary(max_size=40), TEXT)
    uploads = st.lists(st.tuples(st.sampled_from(names), upload | TEXT), max_size=2)
    return st.tuples(pairs, uploads)


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_any_post_to_any_field_type_gives_values_or_errors(kind):
    item = field("v", kind, "Vul dit in", label={"nl": "Vraag"}, **TYPES[kind])
    ctx = context(lists={"lijst": OPTIONS})

    @settings(max_examples=100, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(hostile_posts(item))
    def run(post):
        formdata, files = MultiDict(post[0]), MultiDict(post[1])
        result = parse_step([item], formdata, files, ctx)
        unexpected_keys([item], formdata, files)
        json.dumps(result.values)
        assert "v" in result.values or result.errors or result.pending
        if "v" in result.values and not result.pending:
            assert isinstance(display(item, result.values["v"], ctx), str)

    run()
