"""display(): every answer as a person reads it on check answers, in the PDF receipt and in the email."""

from __future__ import annotations

import pytest

from portal.eforms.fields import display, prefill_answer
from tests.support.eform_fields import babel_app, context, field  # noqa: F401  (babel_app: autouse)

KINDS = [
    {"value": "afval", "label": {"nl": "Afval", "en": "Rubbish"}},
    {"value": "groen", "label": {"nl": "Groen", "en": "Greenery"}},
]


@pytest.mark.parametrize(
    ("item", "value", "dutch", "english"),
    [
        (field("d", "date"), "2026-03-03", "3 maart 2026", "3 March 2026"),
        (field("m", "money"), 1250, "€\xa012,50", "€12.50"),
        (field("n", "number"), 2.5, "2,5", "2.5"),
        (field("n", "number"), 1000, "1.000", "1,000"),
        (field("j", "yes_no"), True, "Ja", "Yes"),
        (field("j", "yes_no"), False, "Nee", "No"),
        (field("r", "radios", options=KINDS), "groen", "Groen", "Greenery"),
        (field("c", "checkboxes", options=KINDS), ["afval", "groen"], "Afval, Groen", "Rubbish, Greenery"),
        (field("c", "checkboxes", options=KINDS), [], "Niets gekozen", "Nothing chosen"),
        (field("t", "phone"), "+31612345678", "06 12345678", "06 12345678"),
        (field("t", "phone"), "+32470123456", "+32 470 12 34 56", "+32 470 12 34 56"),
        (field("p", "postcode"), "1234AB", "1234 AB", "1234 AB"),
        (field("i", "iban"), "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "NL91 ABNA 0417 1643 00"),
        (field("x", "text"), None, "Niet ingevuld", "Not filled in"),
        (field("x", "textarea"), "Regel", "Regel", "Regel"),
    ],
)
def test_answers_read_as_people_write_them(item, value, dutch, english):
    assert display(item, value, context("nl")) == dutch
    assert display(item, value, context("en")) == english


def test_an_address_is_one_line_and_a_pending_lookup_is_no_answer():
    address = {
        "postcode": "2252EB",
        "huisnummer": 264,
        "huisletter": "A",
        "toevoeging": "2",
        "straat": "Laan",
        "woonplaats": "'s-Gravenhage",
        "bron": "bag",
    }
    assert display(field("a", "address_nl"), address, context()) == "Laan 264A-2, 2252 EB 's-Gravenhage"
    assert display(field("a", "address_nl"), {"status": "found", "matches": []}, context()) == "Niet ingevuld"


def test_a_file_shows_its_name_and_size():
    item = field("f", "file")
    assert display(item, {"name": "foto.jpg", "size": 230_400}, context()) == "foto.jpg (230 kB)"
    assert display(item, {"name": "plan.pdf", "size": 1_400_000}, context()) == "plan.pdf (1,4 MB)"
    assert display(item, {"name": "plan.pdf", "size": 1_400_000}, context("en")) == "plan.pdf (1.4 MB)"


def test_family_members_by_name_and_nobody_when_none_was_chosen():
    item = field("mee", "family_member", family=["partner", "kinderen"])
    assert display(item, ["partners-1", "kinderen-2"], context()) == "Merel Kooyman, Daan de Vries"
    assert display(item, [], context()) == "Niemand"
    assert display(item, [], context("en")) == "No one"


def test_a_prefilled_fact_shows_its_value_or_not_known_and_never_blocks():
    name = field("naam", "display", prefill="brp.naam.volledigeNaam")
    assert display(name, None, context()) == "Suzanne Moulin"
    assert display(name, None, context(prefill={"status": "unavailable"})) == "Niet bekend"
    assert display(name, None, context("en", prefill={})) == "Not known"


def test_a_repeating_group_shows_one_line_per_entry():
    group = {
        "id": "h",
        "type": "repeat",
        "label": {"nl": "Wie?"},
        "fields": [field("naam", "text"), {"id": "helpt", "type": "yes_no", "label": {"nl": "Helpt", "en": "Helps"}}],
    }
    entries = [{"naam": "Jan", "helpt": True}, {"naam": "An", "helpt": False}]
    assert display(group, entries, context()) == "Vraag naam: Jan; Helpt: Ja\nVraag naam: An; Helpt: Nee"
    assert display(group, entries, context("en")) == "EN Vraag naam: Jan; Helps: Yes\nEN Vraag naam: An; Helps: No"


def test_a_tampered_stored_value_is_shown_as_text_not_an_exception():
    assert display(field("d", "date"), "31-31-2026", context()) == "31-31-2026"
    assert display(field("m", "money"), "veel", context()) == "veel"
    assert display(field("r", "radios", options=KINDS), "onbekend", context()) == "onbekend"


def test_a_prefilled_question_starts_with_the_checked_value_or_empty():
    email = field("email", "email", prefill="contact.email")
    phone = field("tel", "phone", prefill="contact.phone")
    assert prefill_answer(email, context()) == "suzanne@example.nl"
    assert prefill_answer(phone, context()) == "+31612345678"
    assert prefill_answer(phone, context(prefill={"contact": {"phone": "bel me"}})) is None
    assert prefill_answer(email, context(prefill={"status": "unavailable"})) is None
    assert prefill_answer(field("naam", "text", prefill="brp.naam.volledigeNaam"), context()) == "Suzanne Moulin"
