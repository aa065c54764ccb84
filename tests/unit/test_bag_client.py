"""The BAG client: what a resident types becomes a BAG query, and every unexpected answer is "unavailable"
with one log line that names the cause and never the address."""

from __future__ import annotations

import logging

import pytest
import requests

from portal.integrations.bag import (
    Address,
    FakeBagClient,
    HttpBagClient,
    normalise,
    normalise_house_number,
    normalise_postcode,
)

URL = "https://bag.example.nl/lvbag/individuelebevragingen/v2"
CRONUS = {
    "openbareRuimteNaam": "Cronus",
    "korteNaam": "Cronus",
    "huisnummer": 555,
    "postcode": "3225TD",
    "woonplaatsNaam": "Hellevoetsluis",
    "nummeraanduidingIdentificatie": "0530200000000001",
}


def hal(*addresses: dict) -> dict:
    body = {"_links": {"self": {"href": f"{URL}/adressen"}}}
    if addresses:
        body["_embedded"] = {"adressen": list(addresses)}
    return body


@pytest.fixture
def client():
    return HttpBagClient(URL, "secret-key", timeout=30)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1234 ab", "1234AB"),
        ("1234AB", "1234AB"),
        (" 1234-ab ", "1234AB"),
        ("1234\u00a0AB", "1234AB"),
        ("1234\tab", "1234AB"),
        ("NL-1234 AB", "1234AB"),
        ("0123AB", None),
        ("123AB", None),
        ("12345AB", None),
        ("1234 SS", None),
        ("1234A", None),
        ("", None),
        ("1234ﬀ", None),
        ("１２３４AB", None),
        ("1234AB\x00", None),
        ("1234 AB\n x", None),
        ("9" * 10_000, None),
    ],
)
def test_postcode_is_normalised_as_people_type_it(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        (99999, 99999),
        ("0", None),
        ("100000", None),
        ("-1", None),
        ("1_000", None),
        ("١٢", None),
        ("12a", None),
        ("", None),
        ("1.5", None),
        ("+3", None),
    ],
)
def test_house_number_is_normalised(typed, expected):
    assert normalise_house_number(typed) == expected


def test_letter_and_addition_are_trimmed_and_checked():
    assert normalise("1234 ab", "12", " a ", "-bis") == {
        "postcode": "1234AB",
        "huisnummer": 12,
        "huisletter": "a",
        "huisnummertoevoeging": "bis",
    }
    assert normalise("1234AB", 12, "", None) == {"postcode": "1234AB", "huisnummer": 12}
    assert normalise("1234AB", 12, "AB") is None
    assert normalise("1234AB", 12, None, "toolong") is None
    assert normalise("1234AB", 12, "é") is None


def test_one_match_is_found_and_the_query_is_normalised(client, requests_mock):
    mock = requests_mock.get(f"{URL}/adressen", json=hal(CRONUS), headers={"Content-Type": "application/hal+json"})
    result = client.lookup("3225 td", " 555 ")
    assert result.status == "found"
    assert result.addresses == [
        Address(
            straat="Cronus",
            huisnummer=555,
            postcode="3225TD",
            woonplaats="Hellevoetsluis",
            korte_naam="Cronus",
            nummeraanduiding="0530200000000001",
        )
    ]
    assert mock.last_request.qs == {"postcode": ["3225td"], "huisnummer": ["555"]}  # requests-mock lowercases qs
    assert "postcode=3225TD" in mock.last_request.url
    assert mock.last_request.headers["X-Api-Key"] == "secret-key"
    assert mock.last_request.headers["Accept"] == "application/hal+json"
    assert mock.last_request.timeout == 3.0


def test_letters_and_additions_are_several_matches(client, requests_mock):
    with_letter = {**CRONUS, "huisletter": "A", "nummeraanduidingIdentificatie": "0530200000000002"}
    with_both = {**CRONUS, "huisletter": "B", "huisnummertoevoeging": "73c"}
    requests_mock.get(
        f"{URL}/adressen", json=hal(CRONUS, with_letter, with_both), headers={"Content-Type": "application/hal+json"}
    )
    result = client.lookup("3225TD", 555)
    assert result.status == "several"
    assert [address.house_number for address in result.addresses] == ["555", "555A", "555B-73c"]


def test_no_embedded_addresses_is_not_found(client, requests_mock):
    requests_mock.get(f"{URL}/adressen", json=hal(), headers={"Content-Type": "application/hal+json"})
    assert client.lookup("3225TD", 1).status == "not_found"


def test_input_that_can_never_match_asks_nothing(client, requests_mock):
    mock = requests_mock.get(f"{URL}/adressen", json=hal())
    assert client.lookup("no postcode", 1).status == "not_found"
    assert client.lookup("3225TD", "one").status == "not_found"
    assert not mock.called


def hal_answer(body) -> dict:
    return {"json": body, "headers": {"Content-Type": "application/hal+json"}}


BAD_ANSWERS = {
    "timeout": ({"exc": requests.exceptions.ConnectTimeout}, "ConnectTimeout"),
    "read timeout": ({"exc": requests.exceptions.ReadTimeout}, "ReadTimeout"),
    "refused": ({"exc": requests.exceptions.ConnectionError}, "ConnectionError"),
    "500": ({"status_code": 500, "json": {"status": 500}}, "status"),
    "503": ({"status_code": 503, "text": "maintenance"}, "status"),
    "401": ({"status_code": 401, "json": {"status": 401}}, "status"),
    "400": ({"status_code": 400, "json": {"status": 400}}, "status"),
    "404": ({"status_code": 404}, "status"),
    "redirect": ({"status_code": 302, "headers": {"Location": "https://elsewhere.example"}}, "status"),
    "html": ({"text": "<html><body>Inloggen</body></html>", "headers": {"Content-Type": "text/html"}}, "content_type"),
    "bad json": ({"text": "{not json", "headers": {"Content-Type": "application/hal+json"}}, "json"),
    "a list": (hal_answer([CRONUS]), "shape"),
    "adressen not a list": (hal_answer({"_embedded": {"adressen": CRONUS}}), "shape"),
    "embedded not an object": (hal_answer({"_embedded": "x"}), "shape"),
    "missing street": (hal_answer(hal({**CRONUS, "openbareRuimteNaam": ""})), "shape"),
    "number as text": (hal_answer(hal({**CRONUS, "huisnummer": "555"})), "shape"),
    "number as boolean": (hal_answer(hal({**CRONUS, "huisnummer": True})), "shape"),
    "letter as number": (hal_answer(hal({**CRONUS, "huisletter": 1})), "shape"),
    "an address that is no object": (hal_answer(hal("Cronus 555")), "shape"),
    "another address": (hal_answer(hal({**CRONUS, "postcode": "1011AH"})), "other_address"),
}


@pytest.mark.parametrize("answer", BAD_ANSWERS.values(), ids=BAD_ANSWERS.keys())
def test_every_unexpected_answer_is_unavailable_with_one_log_line_without_the_address(
    client, requests_mock, caplog, answer
):
    options, reason = answer
    requests_mock.get(f"{URL}/adressen", **options)
    with caplog.at_level(logging.INFO, logger="portal.bag"):
        result = client.lookup("3225 TD", 555)
    assert result.status == "unavailable" and result.addresses == []
    lines = [record for record in caplog.records if record.name == "portal.bag"]
    assert len(lines) == 1 and lines[0].reason == reason
    standard = set(vars(logging.makeLogRecord({})))  # created, thread, ...: digits that are no address
    written = " ".join(
        f"{record.getMessage()} {[v for k, v in vars(record).items() if k not in standard]}"
        for record in caplog.records
        if record.name.startswith("portal")
    )
    assert "3225" not in written and "555" not in written


def test_without_a_configured_url_it_is_unavailable_without_a_request(requests_mock, caplog):
    with caplog.at_level(logging.INFO, logger="portal.bag"):
        assert HttpBagClient("", "", timeout=3).lookup("3225TD", 555).status == "unavailable"
    assert [record.reason for record in caplog.records if record.name == "portal.bag"] == ["not_configured"]
    assert not requests_mock.called


def test_fake_client_reads_letters_and_additions_like_the_bag():
    plain = Address(straat="Cronus", huisnummer=555, postcode="3225TD", woonplaats="Hellevoetsluis")
    lettered = Address(straat="Cronus", huisnummer=555, postcode="3225TD", woonplaats="Hellevoetsluis", huisletter="A")
    fake = FakeBagClient([plain, lettered])
    assert fake.lookup("3225 td", "555").status == "several"
    assert fake.lookup("3225TD", 555, huisletter="a").addresses == [lettered]
    assert fake.lookup("3225TD", 556).status == "not_found"
    assert FakeBagClient(down=True).lookup("3225TD", 555).status == "unavailable"
    assert fake.calls[0] == {"postcode": "3225TD", "huisnummer": 555}
