"""The Dutch address field looks the street and town up in the BAG and never trusts them from the POST;
a repeating group parses each entry with the same parse_step, under its own input names."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from portal.eforms.fields import parse_entry, unexpected_keys
from portal.integrations.bag import BagResult, FakeBagClient
from tests.support.eform_fields import ADDRESSES, babel_app, context, field, parse  # noqa: F401  (babel_app: autouse)

ADDRESS = field("adres", "address_nl", "Vul de postcode en het huisnummer in")
KERKSTRAAT = {
    "postcode": "1234AB",
    "huisnummer": 1,
    "huisletter": "",
    "toevoeging": "",
    "straat": "Kerkstraat",
    "woonplaats": "Voorbeeld",
    "bron": "bag",
    "nummeraanduiding": "0000200000000001",
}


def typed(postcode: str, number: str, **more) -> dict:
    return {"adres-postcode": postcode, "adres-huisnummer": number, **{f"adres-{k}": v for k, v in more.items()}}


def test_one_match_is_shown_as_a_fact_and_waits_for_the_residents_confirmation():
    result = parse(ADDRESS, typed("1234 ab", "1"))
    assert result.pending and not result.errors
    assert result.values["adres"]["status"] == "found"
    assert result.values["adres"]["matches"] == [{"key": "0000200000000001", "line": "Kerkstraat 1, 1234 AB Voorbeeld"}]


def test_the_confirmation_in_the_same_post_is_accepted_with_what_the_bag_says_now():
    result = parse(ADDRESS, typed("1234AB", "1", adres="0000200000000001", straat="Nepstraat", woonplaats="Nergens"))
    assert not result.pending and result.values == {"adres": KERKSTRAAT}


def test_a_key_from_another_lookup_is_not_a_confirmation():
    result = parse(ADDRESS, typed("2252EB", "264", adres="0000200000000001"))
    assert result.pending and result.values["adres"]["status"] == "several"


def test_several_matches_become_a_choice_and_a_missing_choice_says_so():
    result = parse(ADDRESS, typed("2252EB", "264"))
    assert result.pending and not result.errors
    assert [match["line"] for match in result.values["adres"]["matches"]] == [
        "Laan van Nieuw-Oost-Indië 264A, 2252 EB 's-Gravenhage",
        "Laan van Nieuw-Oost-Indië 264B, 2252 EB 's-Gravenhage",
    ]
    again = parse(ADDRESS, typed("2252EB", "264", gekozen="2252EB-264--"))
    assert again.errors == {"adres-adres": "Kies uw adres uit de lijst"}
    chosen = parse(ADDRESS, typed("2252EB", "264", adres="0518200000000265", gekozen="2252EB-264--"))
    assert chosen.values["adres"]["huisletter"] == "B" and chosen.values["adres"]["bron"] == "bag"


def test_a_typed_house_letter_narrows_the_lookup():
    result = parse(ADDRESS, typed("2252EB", "264", huisletter="a"))
    assert result.values["adres"]["status"] == "found" and result.values["adres"]["huisletter"] == "A"


def test_no_match_or_the_bag_down_lets_the_resident_type_street_and_town():
    result = parse(ADDRESS, typed("9999ZZ", "1"))
    assert result.pending and result.values["adres"] | {"matches": []} == {
        "status": "manual",
        "reason": "not_found",
        "matches": [],
        "postcode": "9999ZZ",
        "huisnummer": 1,
        "huisletter": "",
        "toevoeging": "",
    }
    down = context(bag=FakeBagClient(ADDRESSES, down=True))
    assert parse(ADDRESS, typed("1234AB", "1"), ctx=down).values["adres"]["reason"] == "unavailable"
    done = parse(ADDRESS, typed("1234AB", "1", straat="Kerkstraat", woonplaats="Voorbeeld"), ctx=down)
    assert not done.pending and done.values["adres"]["bron"] == "bewoner"
    missing = parse(ADDRESS, typed("1234AB", "1", straat="", woonplaats=""), ctx=down)
    assert missing.errors == {"adres-straat": "Vul de straat in", "adres-woonplaats": "Vul de plaats in"}
    assert missing.values["adres"]["status"] == "manual"  # the inputs show again


def test_a_failing_or_missing_bag_client_is_unavailable_not_an_exception():
    class Broken:
        def lookup(self, *args):
            raise RuntimeError("boom")

    assert parse(ADDRESS, typed("1234AB", "1"), ctx=context(bag=Broken())).values["adres"]["reason"] == "unavailable"

    class Odd:
        def lookup(self, *args):
            return BagResult("unavailable")

    assert parse(ADDRESS, typed("1234AB", "1"), ctx=context(bag=Odd())).pending


def test_wrong_parts_get_their_own_messages():
    assert parse(ADDRESS, {}).errors == {"adres": "Vul de postcode en het huisnummer in"}
    assert parse(ADDRESS, typed("1234AB", "")).errors == {
        "adres-huisnummer": "Vul een postcode in zoals 1234 AB en een huisnummer zoals 12"
    }
    assert set(parse(ADDRESS, typed("12345", "0")).errors) == {"adres-postcode", "adres-huisnummer"}
    assert parse(ADDRESS, typed("1234AB", "1", huisletter="AB")).errors == {
        "adres-huisletter": "Vul bij huisletter één letter in, zoals A"
    }
    assert parse(ADDRESS, typed("1234AB", "1", toevoeging="12345")).errors == {
        "adres-toevoeging": "Vul bij toevoeging hoogstens 4 letters of cijfers in"
    }
    assert parse(field("adres", "address_nl"), {}).values == {"adres": None}


HOUSEMATES = {
    "id": "huisgenoten",
    "type": "repeat",
    "label": {"nl": "Wie wonen er bij u?"},
    "add_label": {"nl": "Nog iemand toevoegen"},
    "max": 3,
    "fields": [field("naam", "text", "Vul de naam in"), field("kan_helpen", "yes_no", "Kies ja of nee")],
}


def test_a_repeating_group_parses_each_entry_under_its_own_names_and_skips_an_empty_one():
    data = MultiDict(
        {
            "huisgenoten-0-naam": "Jan",
            "huisgenoten-0-kan_helpen": "ja",
            "huisgenoten-1-naam": "",
            "huisgenoten-2-naam": "Piet",
            "huisgenoten-2-kan_helpen": "nee",
        }
    )
    result = parse(HOUSEMATES, data)
    assert result.values == {
        "huisgenoten": [{"naam": "Jan", "kan_helpen": True}, {"naam": "Piet", "kan_helpen": False}]
    }
    assert not result.errors


def test_errors_in_an_entry_are_keyed_by_its_prefixed_input_names():
    result = parse(HOUSEMATES, {"huisgenoten-1-naam": "Jan"})
    assert result.errors == {"huisgenoten-1-kan_helpen": "Kies ja of nee"}


def test_entries_beyond_max_are_unexpected_keys_and_not_parsed():
    data = MultiDict({"huisgenoten-3-naam": "Te veel", "huisgenoten-0-naam": "Jan", "huisgenoten-0-rol": "x"})
    assert unexpected_keys([HOUSEMATES], data) == ["huisgenoten-0-rol", "huisgenoten-3-naam"]
    assert parse(HOUSEMATES, data).errors == {"huisgenoten-0-kan_helpen": "Kies ja of nee"}


def test_parse_entry_parses_one_entry_with_values_by_sub_field_id():
    result = parse_entry(
        HOUSEMATES, 4, MultiDict({"huisgenoten-4-naam": "An", "huisgenoten-4-kan_helpen": "nee"}), None, context()
    )
    assert result.values == {"naam": "An", "kan_helpen": False} and not result.errors
