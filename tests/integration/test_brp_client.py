"""The portal's BRP client over real HTTP: found, not found, and every failure as 'unavailable'."""

import pytest
import requests
from sqlalchemy import select

from portal.integrations.brp import HttpBrpClient, get_brp_client
from portal.models.processing_log import ProcessingLogEntry

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


@pytest.mark.parametrize(
    "failure",
    [
        {"exc": requests.exceptions.ConnectTimeout},
        {"exc": requests.exceptions.ReadTimeout},
        {"exc": requests.exceptions.ConnectionError},
        {"status_code": 500, "json": {"title": "kapot"}},
        {"status_code": 200, "text": "<html>proxy error</html>"},
        {"status_code": 401, "json": {"status": 401}},
    ],
)
def test_any_failure_is_unavailable_not_an_exception(app, requests_mock, failure):
    requests_mock.post("https://brp.test/personen", **failure)
    client = HttpBrpClient("https://brp.test", "key", 3)
    assert read(app, client=client).status == "unavailable"


def test_timeout_is_never_above_three_seconds():
    assert HttpBrpClient("https://brp.test", "", 30).timeout == 3.0


def test_request_carries_the_bsn_in_the_body_and_the_api_key_in_a_header(app, requests_mock):
    requests_mock.post("https://brp.test/personen", json={"type": "RaadpleegMetBurgerservicenummer", "personen": []})
    read(app, client=HttpBrpClient("https://brp.test/", "secret-key", 3))
    sent = requests_mock.last_request
    assert sent.url == "https://brp.test/personen"
    assert sent.headers["X-API-KEY"] == "secret-key"
    assert sent.json() == {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"],
                           "fields": ["naam", "geboorte"]}
