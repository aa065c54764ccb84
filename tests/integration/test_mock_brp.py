"""The mock BRP speaks the Haal Centraal BRP Personen API 2.x: request rules, errors, and the spec's shapes."""

import json

import pytest
from jsonschema import Draft202012Validator

from portal import create_app
from portal.integrations.person import FIELDS_MY_DETAILS
from portal.mock_brp.data import persons_by_bsn
from tests.support.shared import BRP_SPEC, shared_file

URL = "/mock-brp/haalcentraal/api/brp/personen"
KEY = {"X-API-KEY": "mock-brp-key"}


@pytest.fixture(scope="module")
def brp():
    return create_app("test", {"MOCK_BRP_ENABLED": True}).test_client()


def ask(brp, body, headers=KEY):
    return brp.post(URL, json=body, headers=headers)


def by_bsn(*numbers, fields=("naam",)):
    return {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": list(numbers), "fields": list(fields)}


def test_answers_only_the_asked_fields(brp):
    person = ask(brp, by_bsn("999993653", fields=["naam.voornamen", "geboorte.datum"])).get_json()["personen"][0]
    assert person == {
        "naam": {"voornamen": "Suzanne"},
        "geboorte": {"datum": {"type": "Datum", "datum": "1985-12-01", "langFormaat": "1 december 1985"}},
    }


def test_keeps_the_type_of_polymorphic_objects(brp):
    fields = ["verblijfplaats.verblijfadres.korteStraatnaam"]
    person = ask(brp, by_bsn("999993653", fields=fields)).get_json()["personen"][0]
    assert person == {"verblijfplaats": {"type": "Adres", "verblijfadres": {"korteStraatnaam": "Boterdiep"}}}


def test_age_is_given_when_asked(brp):
    person = ask(brp, by_bsn("999993653", fields=["leeftijd"])).get_json()["personen"][0]
    assert 40 <= person["leeftijd"] <= 41


def test_unknown_bsn_gives_an_empty_list(brp):
    response = ask(brp, by_bsn("123456782"))
    assert response.status_code == 200
    assert response.get_json() == {"type": "RaadpleegMetBurgerservicenummer", "personen": []}


def test_several_persons_at_once(brp):
    assert len(ask(brp, by_bsn("999993653", "999995078")).get_json()["personen"]) == 2


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"]}, "fields"),
        (by_bsn("999993653", fields=["naam.bestaatNiet"]), "fields.0"),
        (by_bsn("12345"), "burgerservicenummer.0"),
        (
            {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [], "fields": ["naam"]},
            "burgerservicenummer",
        ),
        ({"type": "ZoekOpSchoenmaat", "fields": ["naam"]}, "type"),
        ({"type": "ZoekMetPostcodeEnHuisnummer", "fields": ["naam"], "postcode": "3077AW"}, "huisnummer"),
    ],
)
def test_bad_requests_get_problem_json_with_the_invalid_parameter(brp, body, param):
    response = ask(brp, body)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == 400 and problem["code"] == "paramsValidation"
    assert problem["invalidParams"][0]["name"] == param


def test_body_that_is_not_json_is_a_bad_request(brp):
    response = brp.post(URL, data="nee", headers=KEY | {"Content-Type": "application/json"})
    assert response.status_code == 400


@pytest.mark.parametrize("headers", [{}, {"X-API-KEY": "wrong"}])
def test_missing_or_wrong_api_key_is_refused(brp, headers):
    response = ask(brp, by_bsn("999993653"), headers=headers)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_every_invalid_parameter_is_listed_at_once(brp):
    body = {
        "type": "ZoekMetPostcodeEnHuisnummer",
        "fields": ["naam", "bestaatNiet", "x/y"],
        "postcode": "0000XX",
        "huisnummer": "31",
        "huisletter": "AB",
        "inclusiefOverledenPersonen": "ja",
    }
    problem = ask(brp, body).get_json()
    listed = {(item["name"], item["code"]) for item in problem["invalidParams"]}
    assert listed == {
        ("fields.1", "fields"),
        ("fields.2", "pattern"),
        ("postcode", "pattern"),
        ("huisnummer", "integer"),
        ("huisletter", "pattern"),
        ("inclusiefOverledenPersonen", "boolean"),
    }


def test_missing_type_and_fields_are_both_listed(brp):
    problem = brp.post(URL, headers=KEY).get_json()
    assert [item["name"] for item in problem["invalidParams"]] == ["type", "fields"]


def test_null_is_a_wrong_value_not_a_missing_one(brp):
    body = by_bsn("999993653") | {"gemeenteVanInschrijving": None}
    assert ask(brp, body).get_json()["invalidParams"] == [
        {"name": "gemeenteVanInschrijving", "code": "pattern", "reason": "Waarde voldoet niet aan het patroon."}
    ]


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE", "TRACE", "QUERY", "HEAD"])
def test_a_wrong_method_gets_405_with_allow(brp, method):
    response = brp.open(URL, method=method, headers=KEY)
    assert response.status_code == 405
    assert response.headers["Allow"] == "OPTIONS, POST"
    if method != "HEAD":
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["code"] == "methodNotAllowed"


def test_an_unknown_path_under_the_mock_is_a_problem_json_404(brp):
    response = brp.post("/mock-brp/haalcentraal/api/brp/bestaat-niet", headers=KEY)
    assert response.status_code == 404
    assert response.get_json()["code"] == "notFound"


def test_a_body_that_is_not_json_is_415_and_an_accept_without_json_is_406(brp):
    response = brp.post(URL, data="type=x", headers=KEY | {"Content-Type": "application/x-www-form-urlencoded"})
    assert (response.status_code, response.get_json()["code"]) == (415, "unsupported")
    response = brp.post(URL, json=by_bsn("999993653"), headers=KEY | {"Accept": "text/html"})
    assert (response.status_code, response.get_json()["code"]) == (406, "notAcceptable")


def test_a_failure_inside_the_mock_is_a_problem_json_500(brp, monkeypatch):
    def broken(kind, query):
        raise RuntimeError("kapot")

    monkeypatch.setattr("portal.mock_brp.find", broken)
    response = ask(brp, by_bsn("999993653"))
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "serverError"


def test_all_seven_search_types_find_suzanne_moulin(brp):
    fields = ["burgerservicenummer"]
    queries = [
        by_bsn("999993653", fields=fields),
        {"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "geslachtsnaam": "moul*", "geboortedatum": "1985-12-01"},
        {
            "type": "ZoekMetNaamEnGemeenteVanInschrijving",
            "geslachtsnaam": "Moulin",
            "voornamen": "Suzanne",
            "gemeenteVanInschrijving": "0599",
        },
        {"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "3077 aw", "huisnummer": 31.0},
        {
            "type": "ZoekMetStraatHuisnummerEnGemeenteVanInschrijving",
            "straat": "boterdiep",
            "huisnummer": 31,
            "gemeenteVanInschrijving": "0599",
        },
        {"type": "ZoekMetNummeraanduidingIdentificatie", "nummeraanduidingIdentificatie": "0599200000219678"},
        {"type": "ZoekMetAdresseerbaarObjectIdentificatie", "adresseerbaarObjectIdentificatie": "0599010000208579"},
    ]
    for query in queries:
        response = ask(brp, {"fields": fields, **query}).get_json()
        assert {"burgerservicenummer": "999993653"} in response["personen"], query["type"]


def test_a_date_comes_whole_even_when_one_part_is_asked(brp):
    person = ask(brp, by_bsn("999993653", fields=["geboorte.datum.type"])).get_json()["personen"][0]
    assert person["geboorte"]["datum"] == {"type": "Datum", "datum": "1985-12-01", "langFormaat": "1 december 1985"}


def test_search_by_postcode_and_house_number(brp):
    body = {
        "type": "ZoekMetPostcodeEnHuisnummer",
        "postcode": "3077 aw",
        "huisnummer": 31,
        "fields": ["burgerservicenummer", "naam"],
    }
    numbers = [p["burgerservicenummer"] for p in ask(brp, body).get_json()["personen"]]
    assert "999993653" in numbers


def test_search_by_surname_and_birth_date(brp):
    body = {
        "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
        "geslachtsnaam": "moulin",
        "geboortedatum": "1985-12-01",
        "fields": ["burgerservicenummer"],
    }
    assert ask(brp, body).get_json()["personen"] == [{"burgerservicenummer": "999993653"}]


# Validation against the official OpenAPI document. The RvIG test data deliberately holds characters that
# the spec's string patterns exclude ('@', ';', '/' in names and descriptions); those `pattern` findings
# are data, not shape, so they are left out. Every other rule (types, required, structure) must hold.


@pytest.fixture(scope="module")
def spec_validator():
    spec = json.loads(shared_file(BRP_SPEC).read_text())

    def validator(schema_name):
        return Draft202012Validator({"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]})

    return validator


def shape_errors(validator, document):
    return [
        f"{list(error.absolute_path)}: {error.message[:120]}"
        for error in validator.iter_errors(document)
        if error.validator != "pattern"
    ]


def test_responses_for_every_person_match_the_spec(brp, spec_validator):
    validator = spec_validator("RaadpleegMetBurgerservicenummerResponse")
    numbers = sorted(persons_by_bsn())
    fields = [*FIELDS_MY_DETAILS, "leeftijd", "ouders", "burgerservicenummer", "overlijden", "immigratie"]
    for start in range(0, len(numbers), 20):
        response = ask(brp, by_bsn(*numbers[start : start + 20], fields=fields)).get_json()
        assert len(response["personen"]) == len(numbers[start : start + 20])
        errors = shape_errors(validator, response)
        assert not errors, errors[:5]


def test_error_responses_match_the_spec(brp, spec_validator):
    problem = ask(brp, by_bsn("12345")).get_json()
    assert not shape_errors(spec_validator("BadRequestFoutbericht"), problem)
    assert not shape_errors(spec_validator("Foutbericht"), ask(brp, by_bsn("999993653"), headers={}).get_json())
