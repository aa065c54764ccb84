"""E-form number, money and date fields read what people type, and keep to the definition's limits."""

from __future__ import annotations

import pytest

from tests.support.eform_fields import babel_app, context, field, parse  # noqa: F401  (babel_app: autouse)


def message(nl: str) -> dict:
    return {"nl": nl, "en": f"EN {nl}"}


DEPTH = field(
    "diepte",
    "number",
    validate={
        "invalid": {"message": message("Vul een getal in, zoals 3 of 2,5")},
        "min": {"value": 0.5, "message": message("Vul een getal in van 0,5 of meer")},
        "max": {"value": 50, "message": message("Vul een getal in van 50 of minder")},
    },
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("3", 3),
        ("2,5", 2.5),
        ("2.5", 2.5),
        ("1.000", 1000),
        ("12,5", 12.5),
        ("1.000,50", 1000.5),
        ("1,000.50", 1000.5),
        ("1 000", 1000),
        ("-4", -4),
        ("+7", 7),
        ("12.500.000", 12500000),
    ],
)
def test_numbers_are_read_the_dutch_way_and_the_english_way(typed, stored):
    number = field("n", "number")
    value = parse(number, {"n": typed}).values["n"]
    assert value == stored and type(value) is type(stored)


@pytest.mark.parametrize("typed", ["drie", "1,2,3", "1.2.3", "1e5", "NaN", "Infinity", "12.", "--1", "1" * 40, "٣"])
def test_what_is_no_number_gets_the_definitions_invalid_message(typed):
    assert parse(DEPTH, {"diepte": typed}).errors == {"diepte": "Vul een getal in, zoals 3 of 2,5"}


def test_min_and_max_give_their_own_message():
    assert parse(DEPTH, {"diepte": "0,4"}).errors == {"diepte": "Vul een getal in van 0,5 of meer"}
    assert parse(DEPTH, {"diepte": "50,1"}).errors == {"diepte": "Vul een getal in van 50 of minder"}
    assert parse(DEPTH, {"diepte": "0,5"}).values == {"diepte": 0.5}
    assert parse(DEPTH, {"diepte": ""}).values == {"diepte": None}  # optional


def test_integer_rule_and_default_bound_messages_in_both_languages():
    count = field("aantal", "number", validate={"integer": {"message": message("Vul een heel getal in")}})
    assert parse(count, {"aantal": "2,5"}).errors == {"aantal": "Vul een heel getal in"}
    bounded = {"id": "b", "type": "number", "label": message("B"), "validate": {"min": {"value": 1.5, "message": {}}}}
    bounded["validate"]["min"] = {"value": 1.5}
    assert parse(bounded, {"b": "1"}).errors == {"b": "Vul een getal in van 1,5 of meer"}
    assert parse(bounded, {"b": "1"}, ctx=context("en")).errors == {"b": "Enter a number of 1.5 or more"}


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("12,50", 1250),
        ("€ 12", 1200),
        ("€12,5", 1250),
        ("12,-", 1200),
        ("1.250,00", 125000),
        ("12.50", 1250),
        ("12 euro", 1200),
        ("EUR 3", 300),
        ("0,01", 1),
    ],
)
def test_money_is_stored_in_whole_cents(typed, cents):
    assert parse(field("bedrag", "money"), {"bedrag": typed}).values == {"bedrag": cents}


@pytest.mark.parametrize("typed", ["12,505", "twaalf", "€", "$ 12", "12,50 €€"])
def test_money_that_is_no_amount_is_refused_with_the_default_message(typed):
    assert parse(field("bedrag", "money"), {"bedrag": typed}).errors == {
        "bedrag": "Vul een bedrag in euro in, zoals 12,50"
    }


def test_money_bounds_are_in_euro_and_shown_as_an_amount():
    item = field("bedrag", "money", validate={"max": {"value": 100}})
    assert parse(item, {"bedrag": "100,01"}).errors == {
        "bedrag": "Vul een bedrag in van €\xa0100,00 of minder"
    }  # no break after €
    assert parse(item, {"bedrag": "100"}).values == {"bedrag": 10000}


MOVE = field(
    "verhuisdatum",
    "date",
    "Vul de datum van de verhuizing in",
    validate={
        "required": message("Vul de datum van de verhuizing in"),
        "invalid": {"message": message("Vul een echte datum in, met dag, maand en jaar")},
        "after": {"value": "today-5d", "inclusive": True, "message": message("Meer dan 5 dagen geleden")},
        "before": {"value": "today+28d", "inclusive": True, "message": message("Pas 4 weken van tevoren")},
    },
)


def when(day: str, month: str, year: str) -> dict:
    return {"verhuisdatum-dag": day, "verhuisdatum-maand": month, "verhuisdatum-jaar": year}


@pytest.mark.parametrize("month", ["3", "03", "maart", "Maart", "mrt", "mrt.", "march", "Mar", "MAART"])
def test_a_date_accepts_the_month_as_a_number_or_a_name(month):
    assert parse(MOVE, when("3", month, "2026")).values == {"verhuisdatum": "2026-03-03"}


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("31", "4", "2026"),
        ("29", "2", "2026"),
        ("0", "3", "2026"),
        ("3", "13", "2026"),
        ("3", "maar", "2026"),
        ("3", "3", "26"),
        ("drie", "3", "2026"),
        ("3", "3", "２０２６"),
    ],
)
def test_only_real_calendar_dates_pass(day, month, year):
    assert parse(MOVE, when(day, month, year)).errors == {
        "verhuisdatum": "Vul een echte datum in, met dag, maand en jaar"
    }


def test_relative_limits_count_from_the_contexts_today_inclusive():
    # today is 1 March 2026: from 24 February up to and including 29 March
    assert parse(MOVE, when("24", "2", "2026")).values == {"verhuisdatum": "2026-02-24"}
    assert parse(MOVE, when("23", "2", "2026")).errors == {"verhuisdatum": "Meer dan 5 dagen geleden"}
    assert parse(MOVE, when("29", "3", "2026")).values == {"verhuisdatum": "2026-03-29"}
    assert parse(MOVE, when("30", "3", "2026")).errors == {"verhuisdatum": "Pas 4 weken van tevoren"}


def test_an_exclusive_fixed_limit_and_its_default_message_names_the_date():
    item = field("d", "date", validate={"after": {"value": "2026-03-03"}})
    result = parse(item, {"d-dag": "3", "d-maand": "3", "d-jaar": "2026"})
    assert result.errors == {"d": "Vul een datum in na 3 maart 2026"}
    english = parse(item, {"d-dag": "3", "d-maand": "3", "d-jaar": "2026"}, ctx=context("en"))
    assert english.errors == {"d": "Enter a date after 3 March 2026"}


def test_an_empty_date_is_required_or_empty_and_what_was_typed_is_kept():
    assert parse(MOVE, when("", "", "")).errors == {"verhuisdatum": "Vul de datum van de verhuizing in"}
    assert parse(field("d", "date"), {}).values == {"d": None}
    result = parse(MOVE, when("31", "april", "2026"))
    assert result.raw == {"verhuisdatum-dag": "31", "verhuisdatum-maand": "april", "verhuisdatum-jaar": "2026"}


def test_a_hostile_date_part_is_an_error_on_that_part():
    result = parse(MOVE, when("3\x00", "3", "2026"))
    assert set(result.errors) == {"verhuisdatum-dag"} and result.raw["verhuisdatum-dag"] == "3\ufffd"


def test_a_comma_before_three_digits_groups_thousands_only_on_an_english_page():
    assert parse(field("bedrag", "money"), {"bedrag": "€1,000"}, ctx=context("en")).values == {"bedrag": 100000}
    assert parse(field("bedrag", "money"), {"bedrag": "€1,000"}).errors == {
        "bedrag": "Vul een bedrag in euro in, zoals 12,50"
    }
    assert parse(field("n", "number"), {"n": "1,000"}, ctx=context("en")).values == {"n": 1000}
    assert parse(field("n", "number"), {"n": "1,000"}).values == {"n": 1}  # Dutch: a decimal comma


def test_a_stored_number_goes_back_into_its_input_in_a_form_that_reads_the_same():
    from portal.eforms.fields.view import _as_input

    for lang in ("nl", "en"):
        for value in (1000, 2.5, 1234567.25):
            typed = _as_input("number", value, lang)
            assert parse(field("n", "number"), {"n": typed}, ctx=context(lang)).values == {"n": value}
        typed = _as_input("money", 123456, lang)
        assert parse(field("m", "money"), {"m": typed}, ctx=context(lang)).values == {"m": 123456}
