"""E-form fields that take text: text, textarea, email, phone, postcode, IBAN, and hostile input on any of them."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from portal.eforms.fields import unexpected_keys
from portal.eforms.fields.inputs import MAX_RAW
from tests.support.eform_fields import babel_app, context, field, parse, upload  # noqa: F401  (babel_app: autouse)

NAME = field("naam", "text", "Vul een naam in")
NOTE = field("toelichting", "textarea")


def test_text_is_kept_tidy_and_required_gives_the_definitions_own_message():
    assert parse(NAME, {"naam": "  Jan   de  Vries \t"}).values == {"naam": "Jan de Vries"}
    result = parse(NAME, {"naam": "   "})
    assert result.errors == {"naam": "Vul een naam in"} and result.raw == {"naam": "   "}
    assert parse(NAME, {}, ctx=context("en")).errors == {"naam": "EN Vul een naam in"}


def test_an_optional_empty_text_is_an_empty_answer():
    assert parse(NOTE, {"toelichting": ""}).values == {"toelichting": None}
    assert parse(NOTE, {}).values == {"toelichting": None}


def test_max_length_from_the_definition_and_a_default_for_huge_input():
    limited = field("naam", "text", validate={"max_length": {"value": 5, "message": text_pair("Te lang")}})
    assert parse(limited, {"naam": "123456"}).errors == {"naam": "Te lang"}
    assert parse(limited, {"naam": "12345"}).values == {"naam": "12345"}
    huge = "x" * 1_000_000
    result = parse(NOTE, {"toelichting": huge})
    assert result.errors == {"toelichting": "Gebruik hoogstens 5000 tekens"}
    assert result.raw["toelichting"] == "x" * MAX_RAW  # kept, cut safely
    assert parse(NOTE, {"toelichting": huge}, ctx=context("en")).errors == {
        "toelichting": "Use at most 5000 characters"
    }


def text_pair(nl: str) -> dict:
    return {"nl": nl, "en": f"EN {nl}"}


def test_textarea_keeps_its_line_breaks():
    assert parse(NOTE, {"toelichting": "Regel 1\r\nRegel 2\r\n"}).values == {"toelichting": "Regel 1\nRegel 2"}


def test_min_length_max_words_and_pattern():
    item = field(
        "code",
        "text",
        validate={
            "min_length": {"value": 2, "message": text_pair("Te kort")},
            "max_words": {"value": 2, "message": text_pair("Te veel woorden")},
            "pattern": {"regex": "[A-Z ]+", "message": text_pair("Alleen hoofdletters")},
        },
    )
    assert parse(item, {"code": "A"}).errors == {"code": "Te kort"}
    assert parse(item, {"code": "AB CD EF"}).errors == {"code": "Te veel woorden"}
    assert parse(item, {"code": "ab"}).errors == {"code": "Alleen hoofdletters"}
    assert parse(item, {"code": "AB CD"}).values == {"code": "AB CD"}


@pytest.mark.parametrize(
    ("sent", "why"),
    [
        ("Jan\x00", "NUL"),
        ("Jan\x07", "a control character"),
        ("Jan\u202egpj.exe", "a right-to-left override"),
        ("Jan\u2066", "a bidi isolate"),
        ("\ud800", "a lone surrogate"),
    ],
)
def test_characters_we_cannot_store_or_show_safely_are_a_field_error_and_the_input_is_kept(sent, why):
    result = parse(NAME, {"naam": sent})
    assert result.errors == {
        "naam": "Dit veld bevat een teken dat we niet kunnen opslaan. Haal het weg en probeer het opnieuw."
    }, why
    assert result.raw["naam"].startswith("Jan") or result.raw["naam"] == "\ufffd"
    assert "\x00" not in result.raw["naam"] and "\u202e" not in result.raw["naam"]


def test_two_values_for_one_question_or_a_value_that_is_no_text_are_field_errors():
    result = parse(NAME, MultiDict([("naam", "Jan"), ("naam", "Piet")]))
    assert result.errors == {"naam": "Geef hier één antwoord"} and result.raw == {"naam": "Jan"}
    assert parse(NAME, {"naam": 12}).errors == {"naam": "Vul dit veld opnieuw in"}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Naam@Voorbeeld.NL", "Naam@voorbeeld.nl"),
        (" jan.de.vries+gemeente@example.com ", "jan.de.vries+gemeente@example.com"),
    ],
)
def test_email_is_checked_and_normalised(typed, stored):
    assert parse(field("email", "email"), {"email": typed}).values == {"email": stored}


@pytest.mark.parametrize("typed", ["naam", "naam@", "naam@voorbeeld", "@voorbeeld.nl", "a b@voorbeeld.nl", "x" * 400])
def test_email_that_is_no_address_gets_the_default_message(typed):
    assert parse(field("email", "email"), {"email": typed}).errors == {
        "email": "Vul een e-mailadres in zoals naam@voorbeeld.nl"
    }


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06 12345678", "+31612345678"),
        ("06-12345678", "+31612345678"),
        ("010 123 4567", "+31101234567"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+32 470 12 34 56", "+32470123456"),
        ("(020) 123 4567", "+31201234567"),
    ],
)
def test_phone_accepts_dutch_and_international_numbers(typed, stored):
    assert parse(field("tel", "phone"), {"tel": typed}).values == {"tel": stored}


@pytest.mark.parametrize("typed", ["12345", "06 1234", "0612345678901234", "bel mij", "06 12345678 of 010 1234567"])
def test_phone_that_is_no_number_gets_the_definitions_invalid_message(typed):
    item = field(
        "tel", "phone", validate={"invalid": {"message": text_pair("Vul een telefoonnummer in zoals 06 12345678")}}
    )
    assert parse(item, {"tel": typed}).errors == {"tel": "Vul een telefoonnummer in zoals 06 12345678"}


@pytest.mark.parametrize("typed", ["1234AB", "1234 ab", " 1234  AB ", "1234ab"])
def test_postcode_with_or_without_space_in_any_case(typed):
    assert parse(field("pc", "postcode"), {"pc": typed}).values == {"pc": "1234AB"}


@pytest.mark.parametrize("typed", ["0123 AB", "1234 SA", "12345", "ABCD 12", "１２３４AB"])
def test_postcode_that_cannot_exist_is_refused(typed):
    assert parse(field("pc", "postcode"), {"pc": typed}).errors == {"pc": "Vul een postcode in zoals 1234 AB"}


def test_iban_is_checked_with_its_check_digits_and_stored_compact():
    assert parse(field("iban", "iban"), {"iban": "nl91 abna 0417 1643 00"}).values == {"iban": "NL91ABNA0417164300"}
    assert parse(field("iban", "iban"), {"iban": "NL92ABNA0417164300"}).errors == {
        "iban": "Vul een IBAN in zoals NL91 ABNA 0417 1643 00"
    }


def test_english_defaults_exist_for_every_type():
    ctx = context("en")
    assert parse(field("e", "email"), {"e": "x"}, ctx=ctx).errors == {
        "e": "Enter an email address like name@example.nl"
    }
    assert parse(field("p", "postcode"), {"p": "x"}, ctx=ctx).errors == {"p": "Enter a postcode like 1234 AB"}
    assert parse(field("t", "text", validate={"required": {"nl": "Vul in"}}), {}, ctx=ctx).errors == {"t": "Vul in"}


def test_unexpected_keys_names_what_no_field_asks_for_and_what_came_in_the_wrong_place():
    fields = [NAME, field("foto", "file"), field("datum", "date"), field("info", "content", text=text_pair("Uitleg"))]
    data = MultiDict(
        {"naam": "Jan", "datum-dag": "3", "csrf_token": "x", "is_admin": "1", "foto": "geen bestand", "info": "x"}
    )
    files = MultiDict({"naam": upload(b"x", "x.txt"), "foto": upload(b"x", "x.jpg")})
    assert unexpected_keys(fields, data, files) == ["foto", "info", "is_admin", "naam"]
    assert unexpected_keys(fields, MultiDict({"naam": "Jan", "actie": "x"}), None, allowed={"actie"}) == []
