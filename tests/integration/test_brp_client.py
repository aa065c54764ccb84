"""The portal's BRP client over real HTTP: found, not found, and every failure as 'unavailable'."""

import logging
import socket

import pytest
import requests
from sqlalchemy import select

from portal.integrations.brp import HttpBrpClient, get_brp_client
from portal.models.processing_log import ProcessingLogEntry
from tests.support.residents import resident_client

FIELDS = ("naam", "geboorte")


def read(app, bsn="999993653", client=None):
    with app.test_request_context():
        brp = client or get_brp_client()
        return brp.get_person(bsn, fields=FIELDS, purpose="test", actor="sub-1")


def test_found_person_comes_back_in_the_api_shape(app):
    result = read(app)
    assert result.status == "found"
    assert result.person["naam"]["geslachtsnaam"] == "Moulin"
    assert "verblijfplaats" not in result.person  # only the asked fields


def test_unknown_person_is_not_found(app):
    assert read(app, "123456782").status == "not_found"


def test_every_read_is_logged_with_a_pseudonym(app, db):
    read(app)
    read(app, "123456782")
    entries = db.scalars(select(ProcessingLogEntry).order_by(ProcessingLogEntry.id)).all()
    assert [entry.outcome for entry in entries] == ["found", "not_found"]
    assert entries[0].subject_pseudonym != entries[1].subject_pseudonym
    assert len(entries[0].subject_pseudonym) == 64
    assert entries[0].data_categories == "naam,geboorte"
    for entry in entries:
        assert "999993653" not in repr(vars(entry)) and "123456782" not in repr(vars(entry))


PERSON = {"naam": {"voornamen": "Suzanne", "geslachtsnaam": "Moulin"}}
FAILURES = {
    "connect timeout": ({"exc": requests.exceptions.ConnectTimeout}, "timeout"),
    "read timeout": ({"exc": requests.exceptions.ReadTimeout}, "timeout"),
    "connection refused": ({"exc": requests.exceptions.ConnectionError}, "connection"),
    "tls": ({"exc": requests.exceptions.SSLError}, "tls"),
    "500": ({"status_code": 500, "json": {"title": "kapot"}}, "status 500"),
    "503 problem": (
        {"status_code": 503, "json": {"status": 503}, "headers": {"Content-Type": "application/problem+json"}},
        "status 503",
    ),
    "401": ({"status_code": 401, "json": {"status": 401}}, "status 401"),
    "403": ({"status_code": 403, "text": "Forbidden"}, "status 403"),
    "404": ({"status_code": 404, "text": "<html>Not found</html>"}, "status 404"),
    "html page": (
        {"status_code": 200, "text": "<html>Suzanne Moulin</html>", "headers": {"Content-Type": "text/html"}},
        "no JSON (text/html)",
    ),
    "invalid json": (
        {
            "status_code": 200,
            "text": '{"personen": [{"naam": "Moulin"',
            "headers": {"Content-Type": "application/json"},
        },
        "no JSON (application/json)",
    ),
    "a list": ({"status_code": 200, "json": [PERSON]}, "unexpected JSON shape"),
    "no personen": ({"status_code": 200, "json": {"type": "RaadpleegMetBurgerservicenummer"}}, "unexpected JSON shape"),
    "personen not a list": ({"status_code": 200, "json": {"personen": PERSON}}, "unexpected JSON shape"),
    "a person that is a string": ({"status_code": 200, "json": {"personen": ["Moulin"]}}, "unexpected JSON shape"),
    "naam that is a string": (
        {"status_code": 200, "json": {"personen": [{"naam": "Suzanne Moulin"}]}},
        "unexpected JSON shape (naam)",
    ),
    "partners not a list": (
        {"status_code": 200, "json": {"personen": [{"partners": {"naam": {}}}]}},
        "unexpected JSON shape (partners)",
    ),
}


@pytest.mark.parametrize(("failure", "cause"), FAILURES.values(), ids=FAILURES.keys())
def test_any_unexpected_answer_is_unavailable_with_one_log_line_naming_the_cause(
    app, requests_mock, caplog, failure, cause
):
    requests_mock.post("https://brp.test/personen", **failure)
    client = HttpBrpClient("https://brp.test", "key", 3)
    with caplog.at_level(logging.DEBUG, logger="portal.brp"):
        assert read(app, client=client).status == "unavailable"
    lines = [entry for entry in caplog.records if entry.name == "portal.brp"]
    assert len(lines) == 1
    assert lines[0].event == "brp.unavailable" and lines[0].reason == cause
    assert lines[0].getMessage() == f"BRP unavailable: {cause}"
    assert "999993653" not in caplog.text and "Moulin" not in caplog.text


def test_a_refused_connection_on_a_real_port_is_unavailable(app, caplog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nobody listens here once the socket is closed
    with caplog.at_level(logging.WARNING, logger="portal.brp"):
        assert read(app, client=HttpBrpClient(f"http://127.0.0.1:{port}", "", 3)).status == "unavailable"
    assert [entry.reason for entry in caplog.records if entry.name == "portal.brp"] == ["connection"]


@pytest.fixture
def page_client(mock_services, db_engine, db_factory):
    return resident_client(mock_services, db_engine, db_factory, BRP_API_URL="https://brp.test")


@pytest.mark.parametrize("name", ["html page", "a list", "naam that is a string", "503 problem", "read timeout"])
def test_pages_show_a_notice_for_any_unexpected_answer(page_client, requests_mock, parse_page, name):
    requests_mock.post("https://brp.test/personen", **FAILURES[name][0])
    for path in ("/mijn-overzicht", "/mijn-gegevens"):
        response = page_client.get(path)
        assert response.status_code == 200
        assert "Uw gegevens zijn nu niet te zien" in parse_page(response).body_text


def test_odd_values_inside_a_person_of_the_right_shape_do_not_break_the_page(page_client, requests_mock, parse_page):
    odd = {
        "naam": {"voornamen": 42, "geslachtsnaam": None},
        "geboorte": {"datum": {"type": "Datum", "datum": "x"}},
        "verblijfplaats": {"verblijfadres": {"korteStraatnaam": "Boterdiep", "huisnummer": 31, "postcode": 3077}},
        "nationaliteiten": [{"nationaliteit": "Frans"}],
        "partners": [{"naam": []}],
    }
    requests_mock.post("https://brp.test/personen", json={"personen": [odd]})
    response = page_client.get("/mijn-gegevens")
    assert response.status_code == 200
    assert "Boterdiep 31" in parse_page(response).body_text


def test_timeout_is_never_above_three_seconds():
    assert HttpBrpClient("https://brp.test", "", 30).timeout == 3.0


def test_request_carries_the_bsn_in_the_body_and_the_api_key_in_a_header(app, requests_mock):
    requests_mock.post("https://brp.test/personen", json={"type": "RaadpleegMetBurgerservicenummer", "personen": []})
    read(app, client=HttpBrpClient("https://brp.test/", "secret-key", 3))
    sent = requests_mock.last_request
    assert sent.url == "https://brp.test/personen"
    assert sent.headers["X-API-KEY"] == "secret-key"
    assert sent.json() == {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": ["999993653"],
        "fields": ["naam", "geboorte"],
    }
