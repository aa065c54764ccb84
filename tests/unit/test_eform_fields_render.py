"""render_field: labelled, unique ids, the question as the page's <h1>, errors linked with aria-describedby,
and every step of every shipped form renders as a valid page before and after a refused POST."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from portal.eforms.fields import error_summary_items, parse_step, takes_input, unexpected_keys
from tests.support.eform_fields import babel_app, context, field, parse  # noqa: F401  (babel_app: autouse)
from tests.support.pages import check_page

FORMS = sorted(Path(__file__).resolve().parents[2].glob("forms/*.yaml"))
PAGE = """{% extends "layouts/base.html" %}{% from "eforms/fields.html" import render_field, error_summary %}
{% block title %}Proef{% endblock %}
{% block content %}{{ error_summary(items) }}
{% if title %}<h1 class="utrecht-heading-1">{{ title }}</h1>{% endif %}
<form method="post" novalidate enctype="multipart/form-data"><input type="hidden" name="csrf_token" value="x">
{% for f in fields %}
{{ render_field(f, dict(value=values.get(f.id), raw=raw, error=errors, ctx=ctx), heading=not title) }}
{% endfor %}
</form>{% endblock %}"""


class Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Attributes()
    parser.feed(html)
    return parser.elements


def render(fields, result=None, title="", ctx=None, values=None) -> str:
    result = result or parse_step([], MultiDict(), None, ctx or context())
    items = error_summary_items(fields, result.errors)
    return render_template_string(
        PAGE,
        fields=fields,
        values=values if values is not None else result.values,
        raw=result.raw,
        errors=result.errors,
        items=items,
        ctx=ctx or context(),
        title=title,
        has_errors=bool(result.errors),
    )


def assert_errors_are_linked(html: str, errors: dict) -> None:
    found = elements(html)
    ids = {attrs.get("id") for _, attrs in found}
    described = " ".join(attrs.get("aria-describedby", "") for _, attrs in found).split()
    links = [attrs["href"][1:] for tag, attrs in found if tag == "a" and attrs.get("href", "").startswith("#")]
    for link in links:
        assert link in ids or link == "inhoud", f"the summary links to #{link}, which is not on the page"
    error_ids = [attrs["id"] for _, attrs in found if attrs.get("id", "").endswith("-fout")]
    assert len(error_ids) >= len(errors) > 0 or not errors
    for error_id in error_ids:
        assert error_id in described, f"{error_id} is not named by aria-describedby"
    for message in errors.values():
        assert message in html


def shipped_steps():
    for path in FORMS:
        definition = yaml.safe_load(path.read_text(encoding="utf-8"))
        for step in definition["steps"]:
            yield pytest.param(definition, step, id=f"{definition['slug']}/{step['id']}")


@pytest.mark.parametrize(("definition", "step"), list(shipped_steps()))
def test_every_shipped_step_renders_a_valid_page_before_and_after_a_refused_post(definition, step):
    ctx = context(lists=definition.get("lists", {}))
    title = (step.get("title") or {}).get("nl", "")
    fields = step["fields"]
    check_page(render(fields, title=title, ctx=ctx))
    hostile = MultiDict()
    for item in fields:
        hostile.add(item["id"], "<script>alert(1)</script>\u202e\x00")
        hostile.add(f"{item['id']}-dag", "31")
        hostile.add(f"{item['id']}-postcode", "<b>")
    result = parse_step([f for f in fields if takes_input(f)], hostile, MultiDict(), ctx)
    html = render(fields, result, title=title, ctx=ctx)
    page = check_page(html)
    assert page.title.startswith("Fout: ") or not result.errors
    assert "<script>alert" not in html and "\x00" not in html and "\u202e" not in html
    assert_errors_are_linked(html, result.errors)


def test_one_question_is_the_pages_h1_with_the_label_inside_it():
    html = render([field("naam", "text", "Vul uw naam in")])
    assert '<h1 class="utrecht-heading-1 portal-question"><label class="utrecht-form-label" for="naam">' in html
    legend = render([field("hond", "yes_no")])
    assert "<legend" in legend and '<h1 class="utrecht-heading-1 portal-question">Vraag hond</h1></legend>' in legend


def test_an_error_is_announced_marked_and_described():
    item = field("naam", "text", "Vul uw naam in")
    html = render([item], parse(item, {"naam": "Jan\x00"}))
    assert 'id="naam-fout"' in html and 'aria-invalid="true"' in html and 'aria-describedby="naam-fout"' in html
    assert 'href="#naam"' in html and 'value="Jan\ufffd"' in html  # kept, made safe
    radios = field("hond", "yes_no", "Kies ja of nee")
    assert 'href="#hond-1"' in render([radios], parse(radios, {}))


def test_a_date_has_three_labelled_inputs_and_links_its_error_to_the_day():
    item = field("d", "date", "Vul een datum in", hint={"nl": "Bijvoorbeeld: 3 maart 2026"})
    html = render([item], parse(item, {"d-dag": "31", "d-maand": "april", "d-jaar": "2026"}))
    page = check_page(html)
    assert {"d-dag", "d-maand", "d-jaar"} <= page.label_for
    assert 'value="april"' in html and 'href="#d-dag"' in html and 'aria-describedby="d-uitleg d-fout"' in html
    assert 'value="3"' in render([item], values={"d": "2026-03-03"})


def test_the_address_shows_the_bag_fact_the_choice_or_the_inputs_for_street_and_town():
    item = field("a", "address_nl")
    found = render([item], parse(item, {"a-postcode": "1234AB", "a-huisnummer": "1"}))
    assert (
        "Kerkstraat 1, 1234 AB Voorbeeld" in found and 'type="hidden" name="a-adres" value="0000200000000001"' in found
    )
    several = render([item], parse(item, {"a-postcode": "2252EB", "a-huisnummer": "264"}))
    check_page(several)
    assert 'id="a-adres-1"' in several and 'name="a-gekozen" value="2252EB-264--"' in several
    typed = render([item], parse(item, {"a-postcode": "9999ZZ", "a-huisnummer": "1"}))
    assert 'id="a-straat"' in typed and 'id="a-woonplaats"' in typed and "We vinden dit adres niet" in typed


def test_a_prefilled_fact_is_shown_as_a_fact_with_a_link_to_report_a_mistake():
    fact = field(
        "naam",
        "display",
        prefill="brp.naam.volledigeNaam",
        prefill_label={"nl": "Uit de Basisregistratie Personen", "en": "From the BRP"},
    )
    html = render([fact], title="Klopt dit?")
    assert "Suzanne Moulin" in html and "Uit de Basisregistratie Personen" in html
    assert 'href="/mijn-gegevens/klopt-niet">Klopt dit niet?</a>' in html
    assert "<input" not in html.split('name="csrf_token" value="x">')[1]  # a fact, not a question
    empty = render([fact], title="Klopt dit?", ctx=context(prefill={"status": "unavailable"}))
    assert "Niet bekend" in empty


def test_a_repeating_group_renders_its_entries_with_prefixed_unique_ids():
    group = {
        "id": "h",
        "type": "repeat",
        "label": {"nl": "Wie wonen er bij u?"},
        "max": 3,
        "add_label": {"nl": "Nog iemand"},
        "fields": [field("naam", "text", "Vul de naam in")],
    }
    html = render([group], values={"h": [{"naam": "Jan"}, {"naam": "An"}]})
    page = check_page(html)
    assert {"h-0-naam", "h-1-naam"} <= page.label_for and 'value="An"' in html
    refused = parse(group, {"h-0-naam": "Jan", "h-1-naam": "\x00"})
    html = render([group], refused)
    assert 'href="#h-1-naam"' in html and 'id="h-1-naam-fout"' in html


def test_select_checkboxes_file_and_family_render_with_their_options():
    options = [{"value": "a", "label": {"nl": "Optie A"}}, {"value": "b", "label": {"nl": "Optie B"}}]
    select = render([field("s", "select", options=options)], values={"s": "b"})
    assert '<option value="">Kies een antwoord</option>' in select and '<option value="b" selected>' in select
    boxes = render([field("c", "checkboxes", options=options)], values={"c": ["a"]})
    assert 'id="c-1" name="c" value="a" checked' in boxes and 'id="c-2" name="c" value="b">' in boxes
    upload = render([field("f", "file")], values={"f": {"name": "a.pdf", "size": 2000, "sha256": "x"}})
    assert 'type="file"' in upload and 'accept=".pdf,.jpeg,.png"' in upload and "a.pdf (2 kB)" in upload
    family = render([field("m", "family_member", family=["partner", "kinderen"])])
    assert "Merel Kooyman" in family and "999993847" not in family and 'value="partners-1"' in family
    nobody = render([field("m", "family_member", family=["partner"])], ctx=context(prefill={}))
    check_page(nobody)
    assert "Er staat niemand bij u in de BRP om te kiezen" in nobody


def test_the_error_summary_follows_the_order_of_the_questions_and_links_each_to_its_first_input():
    fields = [
        field("naam", "text", "Vul uw naam in"),
        field("d", "date", "Vul een datum in"),
        field("a", "address_nl", "Vul uw adres in"),
        field("hond", "yes_no", "Kies ja of nee"),
    ]
    result = parse(fields, {"d-dag": "3", "d-maand": "3", "d-jaar": "3", "a-postcode": "1234AB", "a-huisnummer": "x"})
    assert error_summary_items(fields, result.errors) == [
        ("naam", "Vul uw naam in"),
        ("d-dag", "Vul een echte datum in, met dag, maand en jaar"),
        ("a-huisnummer", "Vul een postcode in zoals 1234 AB en een huisnummer zoals 12"),
        ("hond-1", "Kies ja of nee"),
    ]


def test_a_posted_value_for_a_prefilled_fact_is_refused_not_used():
    fact = field("naam", "display", prefill="brp.naam.volledigeNaam")
    assert unexpected_keys([fact], MultiDict({"naam": "Iemand Anders"})) == ["naam"]
    assert parse(fact, {"naam": "Iemand Anders"}).values == {}
