"""The shipped mock-BRP fixture: all RvIG test persons, in the API 2.x shape, reproducible."""

import gzip
import json
from datetime import date

from portal.mock_brp.data import DATA, age, persons_by_bsn
from scripts.generate_brp_fixture import convert_date, generate
from tests.support.shared import BRP_TEST_PERSONS, shared_file


def test_fixture_holds_all_1176_test_persons():
    assert len(persons_by_bsn()) == 1176


def test_suzanne_moulin_is_converted_to_the_api_shape():
    suzanne = persons_by_bsn()["999993653"]
    assert suzanne["naam"]["volledigeNaam"] == "Suzanne Moulin"
    assert suzanne["geboorte"]["datum"] == {"type": "Datum", "datum": "1985-12-01", "langFormaat": "1 december 1985"}
    place = suzanne["verblijfplaats"]
    assert place["type"] == "Adres"
    assert place["verblijfadres"]["korteStraatnaam"] == "Boterdiep"
    assert place["verblijfadres"]["huisnummer"] == 31
    assert place["verblijfadres"]["postcode"] == "3077AW"
    assert suzanne["adressering"]["adresregel1"] == "Boterdiep 31"
    assert suzanne["adressering"]["adresregel2"] == "3077 AW  ROTTERDAM"
    assert suzanne["partners"][0]["naam"]["voornamen"] == "Jean Marie"
    assert suzanne["nationaliteiten"][0]["type"] == "Nationaliteit"


def test_christina_maria_maassen_born_1928():
    christina = persons_by_bsn()["999995078"]
    assert christina["geboorte"]["datum"]["datum"] == "1928-09-05"


def test_partial_and_unknown_dates():
    assert convert_date("19850000") == {"type": "JaarDatum", "jaar": 1985, "langFormaat": "1985"}
    assert convert_date("19851200")["type"] == "JaarMaandDatum"
    assert convert_date("00000000") == {"type": "DatumOnbekend", "onbekend": True, "langFormaat": "onbekend"}


def test_age_is_computed_on_the_day_of_the_request():
    suzanne = persons_by_bsn()["999993653"]
    assert age(suzanne, date(2026, 11, 30)) == 40
    assert age(suzanne, date(2026, 12, 1)) == 41


def test_regenerating_from_the_public_test_data_gives_the_shipped_fixture():
    source = shared_file(BRP_TEST_PERSONS)
    shipped = json.loads(gzip.decompress((DATA / "personen.json.gz").read_bytes()))
    assert json.loads(gzip.decompress(generate(source))) == shipped
