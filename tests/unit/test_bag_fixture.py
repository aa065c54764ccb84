"""The shipped mock-BAG fixture: only address fields, reproducible from the RvIG test persons, ids made up
but stable and in the BAG's patterns."""

import json
import re

from portal.mock_bag.data import DATA, addresses, made_up_id
from scripts.generate_bag_fixture import generate
from tests.support.shared import BRP_TEST_PERSONS, shared_file

ADDRESS_FIELDS = {
    "openbareRuimteNaam",
    "korteNaam",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "woonplaatsNaam",
    "gemeentecode",
}


def test_the_fixture_is_what_the_generator_writes():
    assert generate(shared_file(BRP_TEST_PERSONS)) == (DATA / "adressen.json").read_bytes()


def test_the_fixture_holds_only_address_fields():
    rows = json.loads((DATA / "adressen.json").read_text(encoding="utf-8"))
    assert len(rows) > 300
    assert set().union(*rows) == ADDRESS_FIELDS


def test_one_postcode_and_number_has_several_addresses():
    at_cronus = [a for a in addresses() if (a["postcode"], a["huisnummer"]) == ("3225TD", 555)]
    assert {(a.get("huisletter"), a.get("huisnummertoevoeging")) for a in at_cronus} == {
        (None, None),
        ("A", None),
        ("B", "73c"),
        ("f", None),
    }


def test_the_made_up_ids_are_stable_and_keep_to_the_patterns():
    assert made_up_id("0530", "20", "3225TD", 555, "", "") == made_up_id("0530", "20", "3225TD", 555, "", "")
    for address in addresses():
        assert re.fullmatch(r"[0-9]{4}20[0-9]{10}", address["nummeraanduidingIdentificatie"])
        assert re.fullmatch(r"[0-9]{4}01[0-9]{10}", address["adresseerbaarObjectIdentificatie"])
        assert re.fullmatch(r"[0-9]{4}10[0-9]{10}", address["pandIdentificaties"][0])
        assert re.fullmatch(r"[0-9]{4}30[0-9]{10}", address["openbareRuimteIdentificatie"])
        assert re.fullmatch(r"[1-9][0-9]{3}", address["woonplaatsIdentificatie"])
