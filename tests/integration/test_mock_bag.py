"""The mock BAG over real HTTP (the harness's mock_services), as the BAG API Individuele Bevragingen 2.0 speaks:
searches, letters and additions, exacteMatch, paging, errors as problem+json, and the spec's shapes. The
last tests drive the portal's own BAG client against it."""

from __future__ import annotations

import pytest
import requests

from portal.integrations.bag import get_bag_client
from portal.mock_bag.data import addresses
from tests.support.bag_spec import BASE_PATH, load_bag_spec, response_validator

KEY = {"X-Api-Key": "mock-bag-key"}


@pytest.fixture(scope="module")
def bag(mock_services):
    base = mock_services.url + BASE_PATH

    def get(path: str, params=None, headers=KEY, method: str = "GET"):
        return requests.request(method, base + path, params=params, headers=headers, timeout=5)

    return get


@pytest.fixture(scope="module")
def spec():
    return load_bag_spec()


def street_numbers(response) -> list[str]:
    found = response.json().get("_embedded", {}).get("adressen", [])
    return [
        f"{a['huisnummer']}{a.get('huisletter', '')}"
        + (f"-{a['huisnummertoevoeging']}" if "huisnummertoevoeging" in a else "")
        for a in found
    ]


def test_postcode_and_number_find_every_letter_and_addition(bag):
    response = bag("/adressen", {"postcode": "3225TD", "huisnummer": 555})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/hal+json"
    assert response.headers["api-version"] == "2.0.0"
    assert street_numbers(response) == ["555", "555A", "555B-73c", "555f"]
    first = response.json()["_embedded"]["adressen"][0]
    assert first["openbareRuimteNaam"] == "Cronus" and first["woonplaatsNaam"] == "Hellevoetsluis"
    assert first["_links"]["self"]["href"].endswith(f"/adressen/{first['nummeraanduidingIdentificatie']}")


def test_a_letter_narrows_the_search_without_regard_to_case(bag):
    assert street_numbers(bag("/adressen", {"postcode": "3225td", "huisnummer": 555, "huisletter": "a"})) == ["555A"]


def test_exact_match_leaves_out_letters_and_additions_not_asked_for(bag):
    found = bag("/adressen", {"postcode": "3225TD", "huisnummer": 555, "exacteMatch": "true"})
    assert street_numbers(found) == ["555"]
    both = {
        "postcode": "3225TD",
        "huisnummer": 555,
        "huisletter": "B",
        "huisnummertoevoeging": "73C",
        "exacteMatch": "true",
    }
    assert street_numbers(bag("/adressen", both)) == ["555B-73c"]


def test_no_match_has_no_embedded_addresses(bag):
    response = bag("/adressen", {"postcode": "3225TD", "huisnummer": 1})
    assert response.status_code == 200 and "_embedded" not in response.json()


def test_one_address_by_its_nummeraanduiding(bag, spec):
    chosen = bag("/adressen", {"postcode": "3225TD", "huisnummer": 555}).json()["_embedded"]["adressen"][1]
    response = bag(f"/adressen/{chosen['nummeraanduidingIdentificatie']}")
    assert response.status_code == 200 and response.json() == chosen
    response_validator(spec, "AdresIOHal").validate(response.json())


def test_other_searches_find_the_same_address(bag):
    one = bag("/adressen", {"postcode": "3225TD", "huisnummer": 555, "exacteMatch": "true"}).json()
    address = one["_embedded"]["adressen"][0]
    for params in (
        {"adresseerbaarObjectIdentificatie": address["adresseerbaarObjectIdentificatie"]},
        {"woonplaatsNaam": "hellevoetsluis", "openbareRuimteNaam": "CRONUS", "huisnummer": 555, "exacteMatch": "true"},
    ):
        assert bag("/adressen", params).json()["_embedded"]["adressen"] == [address]
    by_pand = bag("/adressen", {"pandIdentificatie": address["pandIdentificaties"][0]})
    assert len(by_pand.json()["_embedded"]["adressen"]) == 4  # letters and additions share the pand


def test_paging(bag):
    page = bag("/adressen", {"postcode": "3225TD", "huisnummer": 555, "pageSize": 10, "page": 2})
    assert page.status_code == 200 and "_embedded" not in page.json()
    assert page.headers["X-Pagination-Page"] == "2" and page.headers["X-Pagination-Limit"] == "10"
    assert "previous" in page.json()["_links"]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"postcode": "0123AB", "huisnummer": 1}, ["postcode"]),
        ({"postcode": "1234 AB", "huisnummer": 1}, ["postcode"]),
        ({"postcode": "1234AB\n", "huisnummer": 1}, ["postcode"]),
        ({"postcode": "1234AB", "huisnummer": "x"}, ["huisnummer"]),
        ({"postcode": "1234AB", "huisnummer": 0}, ["huisnummer"]),
        ({"postcode": "1234AB", "huisnummer": 100000}, ["huisnummer"]),
        (
            {
                "postcode": "ab",
                "huisnummer": "1.5",
                "huisletter": "AB",
                "huisnummertoevoeging": "12345",
                "exacteMatch": "ja",
            },
            ["postcode", "huisnummer", "huisletter", "huisnummertoevoeging", "exacteMatch"],
        ),
        ({"postcode": "1234AB", "huisnummer": 1, "pageSize": 5}, ["pageSize"]),
        ({"postcode": "1234AB", "huisnummer": 1, "geslachtsnaam": "Moulin"}, ["geslachtsnaam"]),
        ({"postcode": "1234AB", "huisnummer": 1, "expand": "true"}, ["expand"]),
        ({"postcode": ["1234AB", "1234AC"], "huisnummer": 1}, ["postcode"]),
    ],
)
def test_bad_input_names_every_invalid_parameter(bag, spec, params, names):
    response = bag("/adressen", params)
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "paramsValidation"
    assert [fault["name"] for fault in body["invalid-params"]] == names
    response_validator(spec, "Error").validate(body)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "paramsRequired"),
        ({"page": 1}, "paramsRequired"),
        ({"postcode": "1234AB"}, "paramsCombinationNotAllowed"),
        (
            {"postcode": "1234AB", "huisnummer": 1, "pandIdentificatie": "0530100000000001"},
            "paramsCombinationNotAllowed",
        ),
    ],
)
def test_a_search_needs_one_whole_set_of_parameters(bag, params, code):
    response = bag("/adressen", params)
    assert response.status_code == 400 and response.json()["code"] == code


@pytest.mark.parametrize("headers", [{}, {"X-Api-Key": "wrong"}, {"X-Api-Key": ""}])
def test_the_api_key_is_required(bag, spec, headers):
    response = bag("/adressen", {"postcode": "3225TD", "huisnummer": 555}, headers=headers)
    assert response.status_code == 401 and response.json()["code"] == "authentication"
    response_validator(spec, "Error").validate(response.json())


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_are_405_with_allow(bag, method):
    response = bag("/adressen", {"postcode": "3225TD", "huisnummer": 555}, method=method)
    assert response.status_code == 405 and response.headers["Allow"] == "GET, HEAD"
    assert response.headers["Content-Type"] == "application/problem+json" and response.json()["status"] == 405


def test_unknown_paths_and_addresses_are_404_problems(bag):
    for path in ("/panden", "/adressen/0530200000000000", "/adressen/zoek"):
        response = bag(path)
        assert response.status_code == 404 and response.json()["code"] == "notFound", path
    assert bag("/adressen/123").json()["invalid-params"][0]["name"] == "nummeraanduidingIdentificatie"


def test_an_accept_header_it_cannot_serve_is_406(bag):
    response = bag("/adressen", {"postcode": "3225TD", "huisnummer": 555}, headers={**KEY, "Accept": "text/xml"})
    assert response.status_code == 406 and response.json()["code"] == "notAcceptable"


def test_every_fixture_address_keeps_to_the_spec(spec):
    validator = response_validator(spec, "AdresIOHal")
    for address in addresses():
        validator.validate({**address, "_links": {"self": {"href": "http://x/adressen/1"}}})
    numbers = [address["nummeraanduidingIdentificatie"] for address in addresses()]
    assert len(set(numbers)) == len(numbers) > 300


def test_answers_validate_against_the_collection_schema(bag, spec):
    validator = response_validator(spec, "AdresIOHalCollection")
    for params in (
        {"postcode": "3225TD", "huisnummer": 555},
        {"postcode": "1074HK", "huisnummer": 1},
        {"postcode": "3225TD", "huisnummer": 1},
    ):
        validator.validate(bag("/adressen", params).json())


def test_the_portal_client_looks_addresses_up_in_the_mock(app):
    with app.app_context():
        client = get_bag_client()
        one = client.lookup("3225 td", "5")
        several = client.lookup("1074 hk", "1")
        none = client.lookup("3225TD", "2")
        lettered = client.lookup("1074HK", 1, huisletter="b")
    assert one.status == "found" and one.addresses[0].straat == "Cronus"
    assert several.status == "several" and [a.house_number for a in several.addresses] == ["1", "1A", "1B"]
    assert none.status == "not_found"
    assert lettered.status == "found" and lettered.addresses[0].woonplaats == "Amsterdam"


def test_the_portal_client_says_unavailable_with_a_wrong_key(app):
    from portal.integrations.bag import HttpBagClient

    client = HttpBagClient(app.config["BAG_API_URL"], "wrong-key", timeout=3)
    assert client.lookup("3225TD", 555).status == "unavailable"
