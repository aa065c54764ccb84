"""Security headers, CSRF, error pages without stack traces."""

import logging

import pytest
from flask import Blueprint, request

from portal import create_app
from tests.conftest import portal_overrides


def test_every_page_sends_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "'nonce-" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Request-ID"]


@pytest.mark.database  # create_app("test") on its own opens the test database
def test_embedded_mock_addresses_are_known_from_the_start_so_logout_may_leave_for_the_provider():
    app = create_app(
        "test", {"MOCK_DIGID_ENABLED": True, "MOCK_BRP_ENABLED": True, "PUBLIC_BASE_URL": "http://portal.test:5999"}
    )
    assert app.config["OIDC_DISCOVERY_URL"] == "http://portal.test:5999/mock-digid/.well-known/openid-configuration"
    assert app.config["BRP_API_URL"] == "http://portal.test:5999/mock-brp/haalcentraal/api/brp"
    assert app.config["BRP_API_KEY"] == app.config["MOCK_BRP_API_KEY"]
    csp = app.test_client().get("/").headers["Content-Security-Policy"]
    assert "form-action 'self' http://portal.test:5999" in csp


def test_csp_nonce_differs_per_request_and_matches_the_script_tag(client):
    first = client.get("/")
    second = client.get("/")
    nonce = first.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert nonce != second.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in first.get_data(as_text=True)


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    assert "max-age=" in client.get("/", base_url="https://localhost").headers["Strict-Transport-Security"]


def test_public_pages_may_be_cached_but_personal_pages_not(client, login):
    assert client.get("/toegankelijkheid").headers.get("Cache-Control") != "no-store"
    login()
    assert client.get("/mijn-overzicht").headers["Cache-Control"] == "no-store"


def test_post_without_csrf_token_is_refused_with_a_b1_page(client, login, parse_page):
    login()
    response = client.post("/mijn-gegevens/klopt-niet", data={"topic": "naam", "explanation": "x"})
    assert response.status_code == 400
    assert parse_page(response).h1 == ["Uw formulier is verlopen"]


def test_request_id_from_a_proxy_is_kept_only_when_well_formed(client):
    assert client.get("/", headers={"X-Request-ID": "abc-12345678"}).headers["X-Request-ID"] == "abc-12345678"
    assert client.get("/", headers={"X-Request-ID": "<script>"}).headers["X-Request-ID"] != "<script>"


@pytest.fixture
def failing_app(mock_services, db_engine, db_factory):
    app = create_app("test", portal_overrides(mock_services, db_engine))
    broken = Blueprint("broken", __name__)

    @broken.get("/kapot")
    def kapot():
        raise RuntimeError(f"database password is {request.headers['X-Geheim']}")

    app.register_blueprint(broken)
    from portal.db import use_session_factory

    use_session_factory(app, db_factory)
    return app


def test_server_error_is_a_b1_page_with_a_correlation_id_and_no_stack_trace(failing_app, parse_page, caplog):
    with caplog.at_level(logging.ERROR, logger="portal.errors"):
        response = failing_app.test_client().get("/kapot", headers={"X-Geheim": "hunter2"})
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert parse_page(response).h1 == ["Er ging iets mis"]
    assert response.headers["X-Request-ID"] in body
    assert "Traceback" not in body and "hunter2" not in body
    logged = "\n".join(record.getMessage() for record in caplog.records if record.name == "portal.errors")
    # The original exception with its traceback, but not its message (it may hold request data).
    assert "builtins.RuntimeError" in logged and "Traceback" in logged and "in kapot" in logged
    assert "hunter2" not in logged
